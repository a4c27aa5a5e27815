/*
 * slot_state.h
 *		The transition state of kaoping's aggregates: a small varlena of exact
 *		running values ("slots").
 *
 * Each aggregate state type (sum_state, weighted_state, adjustment_state)
 * is a SlotState: a fixed array of slots, then some bytes of data of its
 * own (the rule groups' names), then the numerics of any slot that spilled
 * out of fixed point.  On the hot path a slot is an int128 at SLOT_SCALE
 * decimals updated in place; a value that does not fit there is added to
 * the slot's spill numeric instead, which rebuilds the state (rare).
 *
 * States are ordinary SQL values with text input and output, so a partial
 * aggregate can travel between processes or servers as text.
 */
#ifndef KAOPING_SLOT_STATE_H
#define KAOPING_SLOT_STATE_H

#include "fmgr.h"
#include "exact.h"

/* Decimals held by a slot's fixed part: 12 covers every input we expect. */
#define SLOT_SCALE 12

typedef struct Slot
{
	int128		fixed;			/* value in units of 10^-SLOT_SCALE ... */
	int32		spill;			/* ... plus the numeric at this offset, if > 0 */
	int16		dscale;			/* display scale of the value */
	bool		isnull;			/* no value (e.g. no cap) */
	bool		unused;
} Slot;

typedef struct SlotState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint16		nslots;
	uint16		aux;			/* flags or a lookup hint of the state type */
	uint32		extra_size;		/* bytes of type-specific data after slots */
	uint16		used;			/* entries in use, where a type keeps spare ones */
	uint8		layout;			/* SLOT_STATE_LAYOUT of the release that made it */
	uint8		unused;
	Slot		slots[FLEXIBLE_ARRAY_MEMBER];
} SlotState;

/*
 * The layout of the bytes above.  A state is an ordinary value: it may be
 * stored in a table (STORAGE plain) or cross a wire, so a release that
 * changes the layout changes this number, and a state of another layout is
 * refused rather than misread.  On the wire (send and receive) a state is
 * this number and its text form.  0 marks a state made before the number
 * was kept (0.3.0), whose bytes are laid out the same.
 */
#define SLOT_STATE_LAYOUT 1
#define SLOT_STATE_LAYOUT_UNNUMBERED 0

#define DatumGetSlotState(d)	((SlotState *) PG_DETOAST_DATUM(d))

/*
 * A state given to a final, combine or output function, its invariants
 * checked (cheap, once per group); transition functions check theirs in
 * assert-enabled builds only, as they run per row.
 */
#define PG_GETARG_SLOT_STATE(n) slot_state_checked(DatumGetSlotState(PG_GETARG_DATUM(n)))

extern SlotState *slot_state_new(int nslots, Size extra_size);
extern SlotState *slot_state_copy(const SlotState *state);
extern SlotState *slot_state_resize(const SlotState *state, int nslots,
									Size extra_size);
extern char *slot_state_extra(const SlotState *state);
extern void slot_state_check(const SlotState *state);
extern SlotState *slot_state_checked(SlotState *state);

/* Binary send and receive of a state type, through its text form. */
extern Datum slot_state_send(FunctionCallInfo fcinfo, PGFunction output);
extern Datum slot_state_receive(FunctionCallInfo fcinfo, PGFunction input,
								const char *type_name);

extern Exact slot_get(const SlotState *state, int slot);
extern SlotState *slot_add_spill(SlotState *state, int slot, Exact value);
extern SlotState *slot_set(SlotState *state, int slot, Exact value);
extern bool slot_equals(const SlotState *state, int slot, Exact value);

/*
 * The state an aggregate transition or combine function may change: its
 * own in-place when called as an aggregate, else a copy.  A NULL state
 * becomes a new one with nslots slots, in the current context.
 */
extern SlotState *slot_state_for_update(FunctionCallInfo fcinfo, int argno,
										int nslots, Size extra_size);

/*
 * A combine function (state, state): merge adds other into state, which it
 * may change and return rebuilt.  When one side is NULL the result is the
 * other side (copied into the aggregate's context), and merge is not called.
 */
typedef SlotState *(*SlotStateMerge) (SlotState *state, const SlotState *other);

extern Datum slot_state_combine(FunctionCallInfo fcinfo, SlotStateMerge merge);

/* A transition function's result for a row it skips: the state as it was. */
static inline Datum
slot_state_unchanged(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/*
 * Adds value to a slot: in place when it fits the slot's fixed point (the
 * hot path), else into the slot's spill, which rebuilds the state.
 */
static inline SlotState *
slot_add(SlotState *state, int slot, Exact value)
{
	Slot	   *s = &state->slots[slot];
	int128		fixed;

	if (likely(exact_to_fixed(value, SLOT_SCALE, &fixed) &&
			   !__builtin_add_overflow(s->fixed, fixed, &fixed)))
	{
		s->fixed = fixed;
		s->dscale = s->isnull ? value.dscale : Max(s->dscale, value.dscale);
		s->isnull = false;
		return state;
	}
	return slot_add_spill(state, slot, value);
}

#endif							/* KAOPING_SLOT_STATE_H */
