/*
 * weighted_score.c
 *		weighted_score(score, weight): sum of score * weight, whose weights
 *		must add up to exactly 1 (R9, R16), and its state type weighted_state.
 *
 * A NULL score makes the result NULL (a missing score is a gap, never a
 * zero); the weights are checked all the same.
 * Text form: "weighted=85.5 weights=1 null_scores=false".
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "arguments.h"
#include "efficacy.h"
#include "state_text.h"

#define WEIGHTED_SLOT	0
#define WEIGHTS_SLOT	1
#define WEIGHTED_SLOTS	2

/* SlotState.aux bit: some row had a NULL score */
#define NULL_SCORE_SEEN 0x0001

static SlotState *
weighted_state_start(SlotState *state)
{
	state = slot_set(state, WEIGHTED_SLOT, exact_from_int64(0));
	return slot_set(state, WEIGHTS_SLOT, exact_from_int64(0));
}

/* weighted_score transition: (state, score, weight) */
PG_FUNCTION_INFO_V1(kaoping_weighted_score_transition);
Datum
kaoping_weighted_score_transition(PG_FUNCTION_ARGS)
{
	bool		is_new = PG_ARGISNULL(0);
	SlotState  *state;
	Exact		weight;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight is NULL for score %s",
						PG_ARGISNULL(1) ? "NULL" :
						exact_to_cstring(exact_from_datum(PG_GETARG_DATUM(1)))),
				 errhint("Every score needs a weight; the weights of a group add up to 1.")));
	weight = argument_nonnegative(PG_GETARG_DATUM(2), "weight",
								  "A weight says how much a score counts: 0 or more.");

	state = slot_state_for_update(fcinfo, 0, WEIGHTED_SLOTS, 0);
	if (is_new)
		state = weighted_state_start(state);
	state = slot_add(state, WEIGHTS_SLOT, weight);
	if (PG_ARGISNULL(1))
		state->aux |= NULL_SCORE_SEEN;
	else
		state = slot_add(state, WEIGHTED_SLOT,
						 exact_mul(argument_exact(PG_GETARG_DATUM(1), "score"),
								   weight));
	PG_RETURN_POINTER(state);
}

static SlotState *
merge_weighted(SlotState *state, const SlotState *other)
{
	state = slot_add(state, WEIGHTED_SLOT, slot_get(other, WEIGHTED_SLOT));
	state = slot_add(state, WEIGHTS_SLOT, slot_get(other, WEIGHTS_SLOT));
	state->aux |= other->aux & NULL_SCORE_SEEN;
	return state;
}

PG_FUNCTION_INFO_V1(kaoping_weighted_state_combine);
Datum
kaoping_weighted_state_combine(PG_FUNCTION_ARGS)
{
	return slot_state_combine(fcinfo, merge_weighted);
}

/* The state handed to a final function, and the sum of its weights. */
static SlotState *
weighted_state_final_arg(FunctionCallInfo fcinfo, Exact *weights)
{
	SlotState  *state = PG_GETARG_SLOT_STATE(0);

	*weights = slot_get(state, WEIGHTS_SLOT);
	return state;
}

/* weighted_score final: the weighted sum, once the weights make 1 */
PG_FUNCTION_INFO_V1(kaoping_weighted_score_final);
Datum
kaoping_weighted_score_final(PG_FUNCTION_ARGS)
{
	SlotState  *state;
	Exact		weights;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = weighted_state_final_arg(fcinfo, &weights);
	if (exact_cmp(weights, exact_from_int64(1)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights sum to %s, not 1", exact_to_cstring(weights)),
				 errhint("The weights of the scores combined in one weighted_score must add up to exactly 1.")));
	if (state->aux & NULL_SCORE_SEEN)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(exact_as_numeric(slot_get(state, WEIGHTED_SLOT)));
}

PG_FUNCTION_INFO_V1(kaoping_weighted_state_in);
Datum
kaoping_weighted_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	StateScanner scanner;
	SlotState  *state = slot_state_new(WEIGHTED_SLOTS, 0);

	scanner_begin(&scanner, input, "kaoping.weighted_state");
	state = scanner_read_slot(&scanner, "weighted", state, WEIGHTED_SLOT);
	state = scanner_read_slot(&scanner, "weights", state, WEIGHTS_SLOT);
	if (state->slots[WEIGHTED_SLOT].isnull || state->slots[WEIGHTS_SLOT].isnull)
		scanner_error(&scanner);
	if (exact_sign(slot_get(state, WEIGHTS_SLOT)) < 0)
		scanner_invalid_field(&scanner, "weights", slot_get(state, WEIGHTS_SLOT),
							  "Weights are 0 or more, so their sum is never negative.");
	scanner_expect_key(&scanner, "null_scores");
	if (scanner_read_bool(&scanner))
		state->aux |= NULL_SCORE_SEEN;
	scanner_expect_end(&scanner);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(kaoping_weighted_state_out);
Datum
kaoping_weighted_state_out(PG_FUNCTION_ARGS)
{
	SlotState  *state = PG_GETARG_SLOT_STATE(0);
	StringInfoData buf;

	initStringInfo(&buf);
	append_slot(&buf, "weighted", state, WEIGHTED_SLOT);
	append_slot(&buf, "weights", state, WEIGHTS_SLOT);
	appendStringInfo(&buf, " null_scores=%s",
					 (state->aux & NULL_SCORE_SEEN) ? "true" : "false");
	PG_RETURN_CSTRING(buf.data);
}

/*
 * weighted_mean final: Σ score × weight / Σ weight, rounded to SCORE_SCALE
 * once (R9: a category's score is the weighted mean of its indicators',
 * whatever their number).  Weights of 0 only leave nothing to average.
 */
PG_FUNCTION_INFO_V1(kaoping_weighted_mean_final);
Datum
kaoping_weighted_mean_final(PG_FUNCTION_ARGS)
{
	SlotState  *state;
	Exact		weights;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = weighted_state_final_arg(fcinfo, &weights);
	if (exact_sign(weights) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weights sum to %s, leaving nothing to average",
						exact_to_cstring(weights)),
				 errhint("Give at least one score a weight above 0.")));
	if (state->aux & NULL_SCORE_SEEN)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(exact_to_numeric(exact_div_round(slot_get(state, WEIGHTED_SLOT),
													   weights, SCORE_SCALE),
									   SCORE_SCALE));
}

/* Binary form: the layout number and the text form (slot_state.h). */
PG_FUNCTION_INFO_V1(kaoping_weighted_state_send);
Datum
kaoping_weighted_state_send(PG_FUNCTION_ARGS)
{
	return slot_state_send(fcinfo, kaoping_weighted_state_out);
}

PG_FUNCTION_INFO_V1(kaoping_weighted_state_recv);
Datum
kaoping_weighted_state_recv(PG_FUNCTION_ARGS)
{
	return slot_state_receive(fcinfo, kaoping_weighted_state_in, "kaoping.weighted_state");
}
