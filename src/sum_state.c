/*
 * sum_state.c
 *		The sum_state type and the two aggregates built on it:
 *		deduction_score (R8: max(100 - sum, 0)) and capped_sum (least(sum, cap)).
 *
 * Text form: "sum=0.3 cap=0.4", or "cap=none" when the group has no cap.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "arguments.h"
#include "state_text.h"

#define SUM_SLOT	0
#define CAP_SLOT	1
#define SUM_SLOTS	2

static void
report_cap_differs(Exact cap, bool cap_isnull, const SlotState *state)
{
	StringInfoData earlier;

	initStringInfo(&earlier);
	append_slot_value(&earlier, state, CAP_SLOT);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cap %s differs from cap %s of earlier rows in the group",
					cap_isnull ? "none" : exact_to_cstring(cap), earlier.data),
			 errhint("A capped sum applies one cap to a whole group; a NULL cap means no cap.")));
}

/* The group's cap must be the one the state already holds. */
static void
check_same_cap(const SlotState *state, Exact cap, bool cap_isnull)
{
	bool		state_isnull = state->slots[CAP_SLOT].isnull;

	if (cap_isnull != state_isnull ||
		(!cap_isnull && !slot_equals(state, CAP_SLOT, cap)))
		report_cap_differs(cap, cap_isnull, state);
}

/* The bytes of the group's cap as last given, if the state keeps them. */
static NumericBytes *
sum_state_cap_bytes(SlotState *state)
{
	if (state->extra_size < sizeof(NumericBytes))
		return NULL;
	return (NumericBytes *) slot_state_extra(state);
}

/*
 * The first state of a group, or the given one ready to change, for the
 * row's cap (NULL: no cap).  A constant cap, as in capped_sum(points, 0.4),
 * is read once and needs no check row by row, and a state without a cap or
 * with a constant one is the two slots alone.  A cap that comes from a
 * column is checked on each row; the state then keeps the bytes of the
 * group's cap, so that a row bringing the very same bytes costs a memcmp
 * (capped_sum by unit with a cap column: 1.00 x sum(numeric) with the
 * bytes, 1.16 x without, test/bench/run.sh).
 */
static SlotState *
sum_state_for_row(FunctionCallInfo fcinfo, int cap_argno)
{
	bool		is_new = PG_ARGISNULL(0);
	bool		cap_isnull = true;
	Exact		cap = {0};
	bool		cap_constant;
	SlotState  *state;
	NumericBytes *cap_bytes;

	if (cap_argno < 0)
		return slot_state_for_update(fcinfo, 0, SUM_SLOTS, 0);
	if (!is_new && aggregate_argument_known_constant(fcinfo, cap_argno))
		return slot_state_for_update(fcinfo, 0, SUM_SLOTS, 0);
	cap_constant = aggregate_argument_constant(fcinfo, cap_argno, "cap", &cap, &cap_isnull);
	state = slot_state_for_update(fcinfo, 0, SUM_SLOTS,
								  cap_constant ? 0 : sizeof(NumericBytes));
	cap_bytes = sum_state_cap_bytes(state);
	if (!cap_constant)
	{
		cap_isnull = PG_ARGISNULL(cap_argno);
		/* the same bytes as the group's cap: nothing to check */
		if (!is_new && !cap_isnull && cap_bytes != NULL &&
			numeric_bytes_match(cap_bytes, PG_GETARG_DATUM(cap_argno)))
			return state;
		if (!cap_isnull)
			cap = argument_exact(PG_GETARG_DATUM(cap_argno), "cap");
	}
	if (is_new)
	{
		state->slots[SUM_SLOT].isnull = false;
		if (!cap_isnull)
			state = slot_set(state, CAP_SLOT, cap);
	}
	else
		check_same_cap(state, cap, cap_isnull);
	cap_bytes = sum_state_cap_bytes(state);
	if (!cap_isnull && cap_bytes != NULL)
		numeric_bytes_remember(cap_bytes, PG_GETARG_DATUM(cap_argno));
	return state;
}

/* capped_sum transition: (state, points, cap) */
PG_FUNCTION_INFO_V1(kaoping_capped_sum_transition);
Datum
kaoping_capped_sum_transition(PG_FUNCTION_ARGS)
{
	SlotState  *state;
	Exact		points;

	if (PG_ARGISNULL(1))
		return slot_state_unchanged(fcinfo);
	points = argument_exact(PG_GETARG_DATUM(1), "points");
	state = sum_state_for_row(fcinfo, 2);
	PG_RETURN_POINTER(slot_add(state, SUM_SLOT, points));
}

/* deduction_score transition: (state, deduction) */
PG_FUNCTION_INFO_V1(kaoping_deduction_score_transition);
Datum
kaoping_deduction_score_transition(PG_FUNCTION_ARGS)
{
	SlotState  *state;
	Exact		deduction;

	if (PG_ARGISNULL(1))
		return slot_state_unchanged(fcinfo);
	deduction = argument_nonnegative(PG_GETARG_DATUM(1), "deduction",
									 "A deduction is the number of points taken off, zero or more.");
	state = sum_state_for_row(fcinfo, -1);
	PG_RETURN_POINTER(slot_add(state, SUM_SLOT, deduction));
}

static SlotState *
merge_sums(SlotState *state, const SlotState *other)
{
	check_same_cap(state, slot_get(other, CAP_SLOT),
				   other->slots[CAP_SLOT].isnull);
	return slot_add(state, SUM_SLOT, slot_get(other, SUM_SLOT));
}

/* Combine two partial sums of one group: (state, state) */
PG_FUNCTION_INFO_V1(kaoping_sum_state_combine);
Datum
kaoping_sum_state_combine(PG_FUNCTION_ARGS)
{
	return slot_state_combine(fcinfo, merge_sums);
}

/* capped_sum final: least(sum, cap); the state is left as it is */
PG_FUNCTION_INFO_V1(kaoping_capped_sum_final);
Datum
kaoping_capped_sum_final(PG_FUNCTION_ARGS)
{
	SlotState  *state;
	Exact		sum;
	Exact		cap;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = PG_GETARG_SLOT_STATE(0);
	sum = slot_get(state, SUM_SLOT);
	if (state->slots[CAP_SLOT].isnull)
		PG_RETURN_NUMERIC(exact_as_numeric(sum));
	cap = slot_get(state, CAP_SLOT);
	PG_RETURN_NUMERIC(exact_as_numeric(exact_min(sum, cap)));
}

/* deduction_score final: max(100 - sum, 0) */
PG_FUNCTION_INFO_V1(kaoping_deduction_score_final);
Datum
kaoping_deduction_score_final(PG_FUNCTION_ARGS)
{
	SlotState  *state;
	Exact		score;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = PG_GETARG_SLOT_STATE(0);
	if (exact_sign(slot_get(state, SUM_SLOT)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sum %s of the state is negative, which no deduction_score state is",
						exact_to_cstring(slot_get(state, SUM_SLOT))),
				 errhint("Deductions are 0 or more; a deduction_score state adds them up.")));
	score = exact_sub(exact_from_int64(100), slot_get(state, SUM_SLOT));
	if (exact_sign(score) < 0)
	{
		score.fixed = 0;
		score.num = NULL;
	}
	PG_RETURN_NUMERIC(exact_as_numeric(score));
}

PG_FUNCTION_INFO_V1(kaoping_sum_state_in);
Datum
kaoping_sum_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	StateScanner scanner;
	SlotState  *state = slot_state_new(SUM_SLOTS, 0);

	scanner_begin(&scanner, input, "kaoping.sum_state");
	state = scanner_read_slot(&scanner, "sum", state, SUM_SLOT);
	if (state->slots[SUM_SLOT].isnull)
		scanner_error(&scanner);
	state = scanner_read_slot(&scanner, "cap", state, CAP_SLOT);
	scanner_expect_end(&scanner);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(kaoping_sum_state_out);
Datum
kaoping_sum_state_out(PG_FUNCTION_ARGS)
{
	SlotState  *state = PG_GETARG_SLOT_STATE(0);
	StringInfoData buf;

	initStringInfo(&buf);
	append_slot(&buf, "sum", state, SUM_SLOT);
	append_slot(&buf, "cap", state, CAP_SLOT);
	PG_RETURN_CSTRING(buf.data);
}

/* Binary form: the layout number and the text form (slot_state.h). */
PG_FUNCTION_INFO_V1(kaoping_sum_state_send);
Datum
kaoping_sum_state_send(PG_FUNCTION_ARGS)
{
	return slot_state_send(fcinfo, kaoping_sum_state_out);
}

PG_FUNCTION_INFO_V1(kaoping_sum_state_recv);
Datum
kaoping_sum_state_recv(PG_FUNCTION_ARGS)
{
	return slot_state_receive(fcinfo, kaoping_sum_state_in, "kaoping.sum_state");
}
