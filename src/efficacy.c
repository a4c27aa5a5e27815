/*
 * efficacy.c
 *		efficacy_score: the efficacy coefficient with fixed thresholds (R6).
 */
#include "postgres.h"

#include "fmgr.h"

#include "arguments.h"
#include "efficacy.h"

/*
 * base + span * (actual - unallowable) / (satisfactory - unallowable),
 * rounded to SCORE_SCALE decimals once, at the end.  Lower-is-better
 * indicators come with satisfactory < unallowable and need nothing else.
 * satisfactory must differ from unallowable.
 */
Exact
efficacy_coefficient(Exact actual, Exact unallowable, Exact satisfactory,
					 Exact base, Exact span, bool clamp)
{
	Exact		gap = exact_sub(satisfactory, unallowable);
	Exact		progress = exact_sub(actual, unallowable);
	int			gap_sign = exact_sign(gap);

	Assert(gap_sign != 0);
	if (clamp)
	{
		/* ratio below 0: actual is worse than unallowable */
		if (exact_sign(progress) * gap_sign < 0)
			return exact_round(base, SCORE_SCALE);
		/* ratio above 1: actual is better than satisfactory */
		if (exact_cmp(progress, gap) * gap_sign > 0)
			return exact_round(exact_add(base, span), SCORE_SCALE);
	}
	/* (base * gap + span * progress) / gap: one rounding, exact otherwise */
	return exact_div_round(exact_add(exact_mul(base, gap),
									 exact_mul(span, progress)),
						   gap, SCORE_SCALE);
}

/* efficacy_score(actual, unallowable, satisfactory, base, span, clamp) */
PG_FUNCTION_INFO_V1(kaoping_efficacy_score);
Datum
kaoping_efficacy_score(PG_FUNCTION_ARGS)
{
	Exact		actual = argument_exact(PG_GETARG_DATUM(0), "actual");
	Exact		unallowable = argument_exact(PG_GETARG_DATUM(1), "unallowable");
	Exact		satisfactory = argument_exact(PG_GETARG_DATUM(2), "satisfactory");
	Exact		base = argument_exact(PG_GETARG_DATUM(3), "base");
	Exact		span = argument_exact(PG_GETARG_DATUM(4), "span");
	bool		clamp = PG_GETARG_BOOL(5);

	if (exact_cmp(satisfactory, unallowable) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("satisfactory %s equals unallowable %s",
						exact_to_cstring(satisfactory),
						exact_to_cstring(unallowable)),
				 errdetail("The efficacy coefficient divides by satisfactory - unallowable."),
				 errhint("To score against the best and worst of the peers, use peer_efficacy_score.")));

	PG_RETURN_NUMERIC(exact_to_numeric(efficacy_coefficient(actual, unallowable,
															satisfactory, base,
															span, clamp),
									   SCORE_SCALE));
}
