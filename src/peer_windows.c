/*
 * peer_windows.c
 *		Window functions that score a row against its partition's extremes:
 *		peer_efficacy_score (R6 against the peers' best and worst) and
 *		proportional_share (B3 and the workload bonus, R11, R14).
 */
#include "postgres.h"

#include "fmgr.h"
#include "windowapi.h"

#include "arguments.h"
#include "efficacy.h"
#include "partition_values.h"

/*
 * Lets the executor drop rows before the current one: the partition was
 * read once, on its first row, and never again.
 */
static void
release_earlier_rows(WindowObject winobj)
{
	WinSetMarkPosition(winobj, WinGetCurrentPosition(winobj));
}

/* peer_efficacy_score(actual, higher_is_better, base, span) OVER (...) */
PG_FUNCTION_INFO_V1(kaoping_peer_efficacy_score);
Datum
kaoping_peer_efficacy_score(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PartitionValues *peers = partition_values(winobj, 0, "actual", NULL);
	Exact		actual;
	bool		higher_is_better;
	Exact		base;
	Exact		span;
	Exact		satisfactory;
	Exact		unallowable;
	Exact		score;

	release_earlier_rows(winobj);
	if (!partition_value_current(winobj, peers, &actual) ||
		!window_argument_bool(fcinfo, 1, &higher_is_better) ||
		!window_argument_exact(fcinfo, 2, "base", &base) ||
		!window_argument_exact(fcinfo, 3, "span", &span))
		PG_RETURN_NULL();

	if (higher_is_better)
	{
		satisfactory = peers->highest;
		unallowable = peers->lowest;
	}
	else
	{
		satisfactory = peers->lowest;
		unallowable = peers->highest;
	}

	/* all peers equal: everyone reached the best there is */
	if (exact_cmp(satisfactory, unallowable) == 0)
		score = exact_round(exact_add(base, span), SCORE_SCALE);
	else
		score = efficacy_coefficient(actual, unallowable, satisfactory,
									 base, span, false);
	PG_RETURN_NUMERIC(exact_to_numeric(score, SCORE_SCALE));
}

/* proportional_share(amount, top_points) OVER (...) */
PG_FUNCTION_INFO_V1(kaoping_proportional_share);
Datum
kaoping_proportional_share(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PartitionValues *amounts =
		partition_values(winobj, 0, "amount",
						 "Amounts are shared in proportion, so none can be below 0.");
	Exact		amount;
	Exact		top_points;
	Exact		share;

	release_earlier_rows(winobj);
	if (!partition_value_current(winobj, amounts, &amount) ||
		!window_argument_exact(fcinfo, 1, "top_points", &top_points))
		PG_RETURN_NULL();

	/* top_points * amount / the largest amount; nothing to share if all 0 */
	if (exact_sign(amounts->highest) == 0)
		share = exact_round(exact_from_int64(0), SCORE_SCALE);
	else
		share = exact_div_round(exact_mul(top_points, amount),
								amounts->highest, SCORE_SCALE);
	PG_RETURN_NUMERIC(exact_to_numeric(share, SCORE_SCALE));
}
