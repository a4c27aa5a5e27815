/*
 * slot_state.c
 *		Exact running values in a varlena, updated in place on the hot path.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "utils/memutils.h"

#include "slot_state.h"

#define SLOT_STATE_HEADER offsetof(SlotState, slots)

static Size
slot_state_head_size(int nslots, Size extra_size)
{
	return SLOT_STATE_HEADER + nslots * sizeof(Slot) + MAXALIGN(extra_size);
}

static Numeric
slot_spill(const SlotState *state, int slot)
{
	int32		offset = state->slots[slot].spill;

	return offset > 0 ? (Numeric) ((char *) state + offset) : NULL;
}

char *
slot_state_extra(const SlotState *state)
{
	return (char *) &state->slots[state->nslots];
}

/* Invariants of a state: cheap enough to run in every assert build. */
void
slot_state_check(const SlotState *state)
{
	Size		head;

	if (VARSIZE(state) < SLOT_STATE_HEADER)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("kaoping state is truncated: %u bytes", (unsigned) VARSIZE(state))));
	if (state->layout != SLOT_STATE_LAYOUT && state->layout != SLOT_STATE_LAYOUT_UNNUMBERED)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("kaoping state has layout %d; this release reads layout %d",
						state->layout, SLOT_STATE_LAYOUT),
				 errhint("A state made by another release of kaoping cannot be read; compute it again, or move it as text.")));
	head = slot_state_head_size(state->nslots, state->extra_size);
	if (VARSIZE(state) < head)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("kaoping state is truncated: %u bytes, its header needs %zu",
						(unsigned) VARSIZE(state), head)));
	for (int i = 0; i < state->nslots; i++)
	{
		const Slot *s = &state->slots[i];
		Size		spill = (Size) s->spill;

		if (s->spill < 0 ||
			(spill != 0 &&
			 (spill < head || spill + VARHDRSZ > VARSIZE(state) ||
			  spill + VARSIZE(slot_spill(state, i)) > VARSIZE(state))))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("kaoping state slot %d spills outside the state", i)));
		if (s->isnull && (s->fixed != 0 || s->spill != 0))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("kaoping state slot %d is null but holds a value", i)));
	}
}

SlotState *
slot_state_checked(SlotState *state)
{
	slot_state_check(state);
	return state;
}

SlotState *
slot_state_new(int nslots, Size extra_size)
{
	Size		size = slot_state_head_size(nslots, extra_size);
	SlotState  *state = palloc0(size);

	SET_VARSIZE(state, size);
	state->nslots = nslots;
	state->extra_size = extra_size;
	state->layout = SLOT_STATE_LAYOUT;
	for (int i = 0; i < nslots; i++)
		state->slots[i].isnull = true;
	return state;
}

SlotState *
slot_state_copy(const SlotState *state)
{
	SlotState  *copy = palloc(VARSIZE(state));

	memcpy(copy, state, VARSIZE(state));
	return copy;
}

/*
 * A copy of the state with nslots slots and extra_size bytes of extra data
 * (keeping what fits of the old), whose slot spill_slot spills spill_value
 * instead of what it spilled before (-1: no change).  Allocated in the
 * current context; an aggregate's executor copies it into its own.
 */
static SlotState *
slot_state_rebuild(const SlotState *old, int nslots, Size extra_size,
				   int spill_slot, Numeric spill_value)
{
	Size		head = slot_state_head_size(nslots, extra_size);
	Size		size = head;
	int			kept = Min(old->nslots, nslots);
	SlotState  *state;
	Numeric    *spills = palloc0(sizeof(Numeric) * Max(nslots, 1));

	for (int i = 0; i < kept; i++)
	{
		spills[i] = (i == spill_slot) ? spill_value : slot_spill(old, i);
		if (spills[i] != NULL)
			size += MAXALIGN(VARSIZE(spills[i]));
	}
	if (spill_slot >= kept && spill_value != NULL)
		elog(ERROR, "kaoping state has no slot %d", spill_slot);

	state = palloc0(size);
	SET_VARSIZE(state, size);
	state->nslots = nslots;
	state->aux = old->aux;
	state->used = old->used;
	state->layout = SLOT_STATE_LAYOUT;
	state->extra_size = extra_size;
	memcpy(state->slots, old->slots, kept * sizeof(Slot));
	for (int i = kept; i < nslots; i++)
		state->slots[i].isnull = true;
	memcpy(slot_state_extra(state), slot_state_extra(old),
		   Min(old->extra_size, extra_size));

	size = head;
	for (int i = 0; i < kept; i++)
	{
		state->slots[i].spill = 0;
		if (spills[i] == NULL)
			continue;
		memcpy((char *) state + size, spills[i], VARSIZE(spills[i]));
		state->slots[i].spill = size;
		size += MAXALIGN(VARSIZE(spills[i]));
	}
	pfree(spills);
	return state;
}

SlotState *
slot_state_resize(const SlotState *state, int nslots, Size extra_size)
{
	return slot_state_rebuild(state, nslots, extra_size, -1, NULL);
}

Exact
slot_get(const SlotState *state, int slot)
{
	const Slot *s = &state->slots[slot];
	Exact		value = {s->fixed, SLOT_SCALE, s->dscale, NULL};
	Numeric		spill = slot_spill(state, slot);

	if (spill != NULL)
	{
		value = exact_add(value, exact_from_numeric(spill));
		value.dscale = s->dscale;
	}
	return value;
}

SlotState *
slot_add_spill(SlotState *state, int slot, Exact value)
{
	Slot	   *s = &state->slots[slot];
	int			dscale = s->isnull ? value.dscale : Max(s->dscale, value.dscale);
	Numeric		spill = exact_as_numeric(value);

	if (slot_spill(state, slot) != NULL)
		spill = numeric_add_opt_error(slot_spill(state, slot), spill, NULL);
	state = slot_state_rebuild(state, state->nslots, state->extra_size,
							   slot, spill);
	state->slots[slot].dscale = dscale;
	state->slots[slot].isnull = false;
	return state;
}

SlotState *
slot_set(SlotState *state, int slot, Exact value)
{
	int128		fixed;
	Numeric		spill = NULL;

	if (!exact_to_fixed(value, SLOT_SCALE, &fixed))
	{
		fixed = 0;
		spill = exact_as_numeric(value);
	}
	if (spill != NULL || slot_spill(state, slot) != NULL)
		state = slot_state_rebuild(state, state->nslots, state->extra_size,
								   slot, spill);
	state->slots[slot].fixed = fixed;
	state->slots[slot].dscale = value.dscale;
	state->slots[slot].isnull = false;
	return state;
}

bool
slot_equals(const SlotState *state, int slot, Exact value)
{
	const Slot *s = &state->slots[slot];
	int128		fixed;

	if (s->isnull)
		return false;
	if (s->spill == 0 && exact_to_fixed(value, SLOT_SCALE, &fixed))
		return s->fixed == fixed;
	return exact_cmp(slot_get(state, slot), value) == 0;
}

SlotState *
slot_state_for_update(FunctionCallInfo fcinfo, int argno, int nslots,
					  Size extra_size)
{
	bool		in_aggregate = AggCheckCallContext(fcinfo, NULL) != 0;
	SlotState  *state;

	/*
	 * A new state is made in the current (per-row) context: the executor
	 * copies every transition value that is not the one it passed in into
	 * its own context, so a state made there would be left behind.
	 */
	if (PG_ARGISNULL(argno))
		return slot_state_new(nslots, extra_size);

	state = DatumGetSlotState(PG_GETARG_DATUM(argno));
#ifdef USE_ASSERT_CHECKING
	slot_state_check(state);
#endif
	/*
	 * The executor owns the transition value and lets us change it; called
	 * as a plain function, the argument is someone else's datum.
	 */
	if (in_aggregate)
		return state;
	return slot_state_copy(state);
}

Datum
slot_state_combine(FunctionCallInfo fcinfo, SlotStateMerge merge)
{
	if (PG_ARGISNULL(1))
		return slot_state_unchanged(fcinfo);
	if (PG_ARGISNULL(0))		/* copied into its own context by the executor */
		PG_RETURN_POINTER(slot_state_copy(PG_GETARG_SLOT_STATE(1)));
	PG_RETURN_POINTER(merge(slot_state_for_update(fcinfo, 0, 0, 0),
							PG_GETARG_SLOT_STATE(1)));
}

Datum
slot_state_send(FunctionCallInfo fcinfo, PGFunction output)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(output, PG_GETARG_DATUM(0)));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLOT_STATE_LAYOUT);
	pq_sendtext(&buf, text, strlen(text));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
slot_state_receive(FunctionCallInfo fcinfo, PGFunction input,
				   const char *type_name)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			layout = pq_getmsgbyte(buf);
	int			length;
	char	   *text;

	if (layout != SLOT_STATE_LAYOUT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary %s of layout %d; this release reads layout %d",
						type_name, layout, SLOT_STATE_LAYOUT),
				 errhint("Send the state as text, or compute it again with this release.")));
	text = pq_getmsgtext(buf, buf->len - buf->cursor, &length);
	return DirectFunctionCall1(input, CStringGetDatum(text));
}
