/*
 * scalar_scores.c
 *		completion_score (R7) and rank_score (R13).
 */
#include "postgres.h"

#include "fmgr.h"

#include "arguments.h"
#include "efficacy.h"

/* completion_score(actual, target, max_ratio, higher_is_better) */
PG_FUNCTION_INFO_V1(kaoping_completion_score);
Datum
kaoping_completion_score(PG_FUNCTION_ARGS)
{
	Exact		actual = argument_exact_stable(fcinfo, 0, "actual");
	Exact		target = argument_exact_stable(fcinfo, 1, "target");
	Exact		max_ratio = argument_exact_stable(fcinfo, 2, "max_ratio");
	bool		higher_is_better = PG_GETARG_BOOL(3);
	Exact		hundred = exact_from_int64(100);
	Exact		best = exact_mul(hundred, max_ratio);
	Exact		score;

	if (exact_sign(target) <= 0)
		report_out_of_range("%s %s is not greater than 0", "target", target,
							"Completion is actual / target, so a target must be a positive amount.");
	if (exact_sign(max_ratio) <= 0)
		report_out_of_range("%s %s is not greater than 0", "max_ratio", max_ratio,
							"max_ratio caps actual / target; 1 means no credit beyond the target.");

	/*
	 * 100 * clamp(ratio, 0, max_ratio), with the ratio actual / target, or
	 * target / actual when lower is better.  Rounding is monotonic, so the
	 * rounded ratio capped at the rounded best is the rounded capped ratio.
	 * A lower-is-better actual of 0 or less is as good as it gets.
	 */
	if (exact_sign(actual) <= 0)
		score = higher_is_better ? exact_from_int64(0) : best;
	else
		score = exact_min(exact_div_round(exact_mul(hundred,
													higher_is_better ? actual : target),
										  higher_is_better ? target : actual,
										  SCORE_SCALE),
						  exact_round(best, SCORE_SCALE));
	PG_RETURN_NUMERIC(exact_to_numeric(exact_round(score, SCORE_SCALE),
									   SCORE_SCALE));
}

/* rank_score(rank, n, top, bottom): rank 1 scores top, rank n bottom */
PG_FUNCTION_INFO_V1(kaoping_rank_score);
Datum
kaoping_rank_score(PG_FUNCTION_ARGS)
{
	int32		rank = PG_GETARG_INT32(0);
	int32		n = PG_GETARG_INT32(1);
	Exact		top = argument_exact_stable(fcinfo, 2, "top");
	Exact		bottom = argument_exact_stable(fcinfo, 3, "bottom");
	Exact		steps;
	Exact		drop;

	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("n %d is less than 1", n),
				 errhint("n is the number of units the evaluator ranked.")));
	if (rank < 1 || rank > n)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rank %d is outside 1..%d", rank, n),
				 errhint("Every evaluator ranks each of the n units once, from 1 to n.")));

	if (n == 1)
		PG_RETURN_NUMERIC(exact_to_numeric(exact_round(top, SCORE_SCALE),
										   SCORE_SCALE));

	/* top - (top - bottom) * (rank - 1) / (n - 1), rounded once */
	steps = exact_from_int64(n - 1);
	drop = exact_mul(exact_sub(top, bottom), exact_from_int64(rank - 1));
	PG_RETURN_NUMERIC(exact_to_numeric(exact_div_round(exact_sub(exact_mul(top, steps), drop),
													   steps, SCORE_SCALE),
									   SCORE_SCALE));
}
