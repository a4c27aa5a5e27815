/*
 * efficacy.c
 *		efficacy_score: the efficacy coefficient with fixed thresholds (R6).
 */
#include "postgres.h"

#include "fmgr.h"

#include "arguments.h"
#include "efficacy.h"

/* Largest magnitude of an operand of the 64-bit fast path: products fit */
#define FAST_OPERAND_LIMIT (INT64CONST(1) << 61)

/* v at the given scale, if it gets there exactly and stays small. */
static inline bool
fast_operand(Exact v, int scale, int64 *out)
{
	int128		fixed;

	if (!exact_to_fixed(v, scale, &fixed) ||
		fixed <= -FAST_OPERAND_LIMIT || fixed >= FAST_OPERAND_LIMIT)
		return false;
	*out = (int64) fixed;
	return true;
}

/*
 * The efficacy coefficient in plain integers, for the usual inputs: all at
 * one scale of at most 12 decimals and below 2^61.  The arithmetic is the
 * same as in efficacy_coefficient's general path, one rounding at the end.
 * Worth its lines: 3,000,000 scores take 436 ms with it, 577 ms without
 * (test/bench/run.sh).  completion_score had a path like it that saved 7 %
 * and was dropped.
 */
static bool
efficacy_fast(Exact actual, Exact unallowable, Exact satisfactory,
			  Exact base, Exact span, bool clamp, Exact *score)
{
	int			scale = Max(Max(actual.scale, unallowable.scale),
							Max(Max(satisfactory.scale, base.scale), span.scale));
	int64		a,
				u,
				s,
				b,
				p;
	int128		gap;
	int128		progress;
	int128		numerator;
	int128		denominator;

	if (scale > 12 ||
		!fast_operand(actual, scale, &a) || !fast_operand(unallowable, scale, &u) ||
		!fast_operand(satisfactory, scale, &s) || !fast_operand(base, scale, &b) ||
		!fast_operand(span, scale, &p))
		return false;

	gap = (int128) s - u;
	progress = (int128) a - u;
	if (clamp)
	{
		if ((progress < 0 && gap > 0) || (progress > 0 && gap < 0))
			progress = 0;
		else if ((gap > 0 && progress > gap) || (gap < 0 && progress < gap))
			progress = gap;
	}
	/* (base * gap + span * progress) / gap at scale, then to SCORE_SCALE */
	numerator = (int128) b * gap + (int128) p * progress;
	denominator = gap;
	if (scale >= SCORE_SCALE)
		denominator *= exact_pow10[scale - SCORE_SCALE];
	else if (__builtin_mul_overflow(numerator, exact_pow10[SCORE_SCALE - scale],
									&numerator))
		return false;
	score->fixed = exact_divide_round_fixed(numerator, denominator);
	score->scale = SCORE_SCALE;
	score->dscale = SCORE_SCALE;
	score->num = NULL;
	return true;
}

/* The general path: Exact arithmetic, numeric where values do not fit. */
static Exact
efficacy_general(Exact actual, Exact unallowable, Exact satisfactory,
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
	Exact		score;

	if (efficacy_fast(actual, unallowable, satisfactory, base, span, clamp,
					  &score))
		return score;
	return efficacy_general(actual, unallowable, satisfactory, base, span,
							clamp);
}

/* efficacy_score(actual, unallowable, satisfactory, base, span, clamp) */
PG_FUNCTION_INFO_V1(kaoping_efficacy_score);
Datum
kaoping_efficacy_score(PG_FUNCTION_ARGS)
{
	Exact		actual = argument_exact_stable(fcinfo, 0, "actual");
	Exact		unallowable = argument_exact_stable(fcinfo, 1, "unallowable");
	Exact		satisfactory = argument_exact_stable(fcinfo, 2, "satisfactory");
	Exact		base = argument_exact_stable(fcinfo, 3, "base");
	Exact		span = argument_exact_stable(fcinfo, 4, "span");
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
