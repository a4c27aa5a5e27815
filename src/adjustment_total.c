/*
 * adjustment_total.c
 *		adjustment_total(rule_group, points, group_cap, bonus_cap) (R14) and
 *		its state type adjustment_state.
 *
 * Bonus points (positive) are summed per rule group and each group's sum
 * is capped at its group_cap; the capped groups together are capped at
 * bonus_cap.  Penalty points (negative) are summed with no cap.  A NULL cap
 * means no cap; a cap must be the same on every row it applies to.
 *
 * Text form: "penalty=-1 bonus_cap=3 group("B1b",0.6,0.4) group("B1a",2,none)",
 * one group(name,points,cap) per rule group with bonus points.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "arguments.h"
#include "state_text.h"

#define PENALTY_SLOT	0
#define BONUS_CAP_SLOT	1
#define FIRST_GROUP_SLOT 2
#define GROUP_POINTS_SLOT(g)	(FIRST_GROUP_SLOT + 2 * (g))
#define GROUP_CAP_SLOT(g)		(FIRST_GROUP_SLOT + 2 * (g) + 1)

/*
 * Rule groups are short codes (B1b, B6): their names are kept in place, in
 * the state's extra data, with the bytes of the group's cap as last given.
 */
#define GROUP_NAME_SIZE 32

/*
 * A province has some twenty rule groups; a state holds at most this many,
 * however it is built (rows, combining, text), so that its counts and the
 * linear search of find_group stay small.
 */
#define MAX_RULE_GROUPS 1000

typedef struct GroupEntry
{
	char		name[GROUP_NAME_SIZE];	/* NUL-terminated */
	NumericBytes cap_bytes;
} GroupEntry;

/* Groups in use; the state keeps room for more (SlotState.used counts). */
static int
group_count(const SlotState *state)
{
	return state->used;
}

static int
group_capacity(const SlotState *state)
{
	return (state->nslots - FIRST_GROUP_SLOT) / 2;
}

static GroupEntry *
group_entry(const SlotState *state, int group)
{
	return (GroupEntry *) slot_state_extra(state) + group;
}

static char *
group_name(const SlotState *state, int group)
{
	return group_entry(state, group)->name;
}

/*
 * The index of the named group, or -1.  SlotState.aux remembers the last
 * group found, since rows often come grouped by rule.
 */
static int
find_group(SlotState *state, const char *name, int len)
{
	int			ngroups = group_count(state);

	if (len >= GROUP_NAME_SIZE)
		return -1;
	for (int i = 0; i < ngroups; i++)
	{
		int			group = (state->aux + i) % ngroups;
		const char *stored = group_name(state, group);

		if (stored[len] == '\0' && memcmp(stored, name, len) == 0)
		{
			state->aux = group;
			return group;
		}
	}
	return -1;
}

static SlotState *
add_group(SlotState *state, const char *name, int len, bool cap_isnull,
		  Exact cap, int *group)
{
	int			ngroups = group_count(state);

	if (len >= GROUP_NAME_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rule_group \"%.*s\" is longer than %d bytes",
						len, name, GROUP_NAME_SIZE - 1),
				 errhint("Rule groups are short codes such as B1b or B6.")));
	if (ngroups >= MAX_RULE_GROUPS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("adjustment_total takes at most %d rule groups; rule_group \"%.*s\" would be one more",
						MAX_RULE_GROUPS, len, name),
				 errhint("Rule groups are the groups of a bonus and penalty catalogue, some twenty of them; group events by their rule's group.")));
	/* room for twice as many groups: a state is copied log(n) times */
	if (ngroups == group_capacity(state))
	{
		int			capacity = Max(4, 2 * ngroups);

		state = slot_state_resize(state, FIRST_GROUP_SLOT + 2 * capacity,
								  capacity * sizeof(GroupEntry));
	}
	state->used = ngroups + 1;
	memcpy(group_name(state, ngroups), name, len);
	group_name(state, ngroups)[len] = '\0';
	state = slot_set(state, GROUP_POINTS_SLOT(ngroups), exact_from_int64(0));
	if (!cap_isnull)
		state = slot_set(state, GROUP_CAP_SLOT(ngroups), cap);
	*group = ngroups;
	return state;
}

static void
check_same_cap(const SlotState *state, int slot, const char *argname,
			   const char *group, bool cap_isnull, Exact cap)
{
	StringInfoData earlier;

	if (cap_isnull == state->slots[slot].isnull &&
		(cap_isnull || slot_equals(state, slot, cap)))
		return;
	initStringInfo(&earlier);
	append_slot_value(&earlier, state, slot);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 group ?
			 errmsg("%s %s of rule group \"%s\" differs from %s of earlier rows",
					argname, cap_isnull ? "none" : exact_to_cstring(cap),
					group, earlier.data) :
			 errmsg("%s %s differs from %s of earlier rows",
					argname, cap_isnull ? "none" : exact_to_cstring(cap),
					earlier.data),
			 errhint("A cap applies to a whole group; a NULL cap means no cap.")));
}

/* Adds positive points to their group, creating the group if need be. */
static SlotState *
add_bonus(SlotState *state, const char *name, int len, Exact points,
		  bool cap_isnull, Exact cap)
{
	int			group = find_group(state, name, len);

	if (group < 0)
		state = add_group(state, name, len, cap_isnull, cap, &group);
	else
		check_same_cap(state, GROUP_CAP_SLOT(group), "group_cap",
					   group_name(state, group), cap_isnull, cap);
	return slot_add(state, GROUP_POINTS_SLOT(group), points);
}

static SlotState *
adjustment_state_start(SlotState *state, bool bonus_cap_isnull, Exact bonus_cap)
{
	state = slot_set(state, PENALTY_SLOT, exact_from_int64(0));
	if (!bonus_cap_isnull)
		state = slot_set(state, BONUS_CAP_SLOT, bonus_cap);
	return state;
}

/*
 * Bonus points of a row: to their group, whose cap is checked against the
 * row's unless the row brings the very bytes the group's cap came in.
 */
static SlotState *
add_row_bonus(FunctionCallInfo fcinfo, SlotState *state, Exact points)
{
	text	   *rule_group;
	const char *name;
	int			len;
	int			group;
	bool		cap_isnull = PG_ARGISNULL(3);
	Exact		cap = {0};

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rule_group is NULL for bonus points %s",
						exact_to_cstring(points)),
				 errhint("Bonus points are capped per rule group, so each needs one.")));
	rule_group = PG_GETARG_TEXT_PP(1);
	name = VARDATA_ANY(rule_group);
	len = VARSIZE_ANY_EXHDR(rule_group);

	group = find_group(state, name, len);
	if (group >= 0 &&
		(cap_isnull ? state->slots[GROUP_CAP_SLOT(group)].isnull :
		 numeric_bytes_match(&group_entry(state, group)->cap_bytes,
							 PG_GETARG_DATUM(3))))
		return slot_add(state, GROUP_POINTS_SLOT(group), points);

	if (!cap_isnull)
		cap = argument_exact(PG_GETARG_DATUM(3), "group_cap");
	state = add_bonus(state, name, len, points, cap_isnull, cap);
	if (!cap_isnull)
		numeric_bytes_remember(&group_entry(state, find_group(state, name, len))->cap_bytes,
							   PG_GETARG_DATUM(3));
	return state;
}

/* adjustment_total transition: (state, rule_group, points, group_cap, bonus_cap) */
PG_FUNCTION_INFO_V1(kaoping_adjustment_total_transition);
Datum
kaoping_adjustment_total_transition(PG_FUNCTION_ARGS)
{
	bool		is_new = PG_ARGISNULL(0);
	bool		bonus_cap_isnull = PG_ARGISNULL(4);
	Exact		bonus_cap = {0};
	Exact		points;
	SlotState  *state;
	int			sign;

	if (PG_ARGISNULL(2))
		return slot_state_unchanged(fcinfo);
	points = argument_exact(PG_GETARG_DATUM(2), "points");
	state = slot_state_for_update(fcinfo, 0, FIRST_GROUP_SLOT, 0);

	/* the bonus cap: usually a constant, read once */
	if (is_new || !aggregate_argument_known_constant(fcinfo, 4))
	{
		if (!aggregate_argument_constant(fcinfo, 4, "bonus_cap", &bonus_cap,
										 &bonus_cap_isnull) &&
			!bonus_cap_isnull)
			bonus_cap = argument_exact(PG_GETARG_DATUM(4), "bonus_cap");
		if (is_new)
			state = adjustment_state_start(state, bonus_cap_isnull, bonus_cap);
		else
			check_same_cap(state, BONUS_CAP_SLOT, "bonus_cap", NULL,
						   bonus_cap_isnull, bonus_cap);
	}

	sign = exact_sign(points);
	if (sign < 0)
		state = slot_add(state, PENALTY_SLOT, points);
	else if (sign > 0)
		state = add_row_bonus(fcinfo, state, points);
	PG_RETURN_POINTER(state);
}

static SlotState *
merge_adjustments(SlotState *state, const SlotState *other)
{
	check_same_cap(state, BONUS_CAP_SLOT, "bonus_cap", NULL,
				   other->slots[BONUS_CAP_SLOT].isnull,
				   slot_get(other, BONUS_CAP_SLOT));
	state = slot_add(state, PENALTY_SLOT, slot_get(other, PENALTY_SLOT));
	for (int g = 0; g < group_count(other); g++)
	{
		const char *name = group_name(other, g);

		state = add_bonus(state, name, strlen(name),
						  slot_get(other, GROUP_POINTS_SLOT(g)),
						  other->slots[GROUP_CAP_SLOT(g)].isnull,
						  slot_get(other, GROUP_CAP_SLOT(g)));
	}
	return state;
}

PG_FUNCTION_INFO_V1(kaoping_adjustment_state_combine);
Datum
kaoping_adjustment_state_combine(PG_FUNCTION_ARGS)
{
	return slot_state_combine(fcinfo, merge_adjustments);
}

/* Bonus points of a group after its cap. */
static Exact
capped_group_points(const SlotState *state, int group)
{
	Exact		points = slot_get(state, GROUP_POINTS_SLOT(group));

	if (state->slots[GROUP_CAP_SLOT(group)].isnull)
		return points;
	return exact_min(points, slot_get(state, GROUP_CAP_SLOT(group)));
}

/* adjustment_total final: capped bonus plus uncapped penalty */
PG_FUNCTION_INFO_V1(kaoping_adjustment_total_final);
Datum
kaoping_adjustment_total_final(PG_FUNCTION_ARGS)
{
	SlotState  *state;
	Exact		bonus = exact_from_int64(0);

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = PG_GETARG_SLOT_STATE(0);
	for (int g = 0; g < group_count(state); g++)
		bonus = exact_add(bonus, capped_group_points(state, g));
	if (!state->slots[BONUS_CAP_SLOT].isnull)
		bonus = exact_min(bonus, slot_get(state, BONUS_CAP_SLOT));
	PG_RETURN_NUMERIC(exact_as_numeric(exact_add(bonus,
												 slot_get(state, PENALTY_SLOT))));
}

PG_FUNCTION_INFO_V1(kaoping_adjustment_state_in);
Datum
kaoping_adjustment_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	StateScanner scanner;
	SlotState  *state = slot_state_new(FIRST_GROUP_SLOT, 0);

	scanner_begin(&scanner, input, "kaoping.adjustment_state");
	state = scanner_read_slot(&scanner, "penalty", state, PENALTY_SLOT);
	if (state->slots[PENALTY_SLOT].isnull)
		scanner_error(&scanner);
	if (exact_sign(slot_get(state, PENALTY_SLOT)) > 0)
		scanner_invalid_field(&scanner, "penalty", slot_get(state, PENALTY_SLOT),
							  "Penalty points are the negative points added up, never above 0.");
	state = scanner_read_slot(&scanner, "bonus_cap", state, BONUS_CAP_SLOT);
	while (scanner_try_word(&scanner, "group("))
	{
		char	   *name = scanner_read_quoted(&scanner);
		Exact		points;
		Exact		cap = {0};
		bool		cap_isnull;

		scanner_expect_char(&scanner, ',');
		if (!scanner_read_exact(&scanner, "points", &points))
			scanner_error(&scanner);
		if (exact_sign(points) <= 0)
			scanner_invalid_field(&scanner, "points", points,
								  "A rule group holds the positive points added up, so its points are above 0.");
		scanner_expect_char(&scanner, ',');
		cap_isnull = !scanner_read_exact(&scanner, "group_cap", &cap);
		scanner_expect_char(&scanner, ')');
		state = add_bonus(state, name, strlen(name), points, cap_isnull, cap);
	}
	scanner_expect_end(&scanner);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(kaoping_adjustment_state_out);
Datum
kaoping_adjustment_state_out(PG_FUNCTION_ARGS)
{
	SlotState  *state = PG_GETARG_SLOT_STATE(0);
	StringInfoData buf;

	initStringInfo(&buf);
	append_slot(&buf, "penalty", state, PENALTY_SLOT);
	append_slot(&buf, "bonus_cap", state, BONUS_CAP_SLOT);
	for (int g = 0; g < group_count(state); g++)
	{
		appendStringInfoString(&buf, " group(");
		append_quoted(&buf, group_name(state, g));
		appendStringInfoChar(&buf, ',');
		append_slot_value(&buf, state, GROUP_POINTS_SLOT(g));
		appendStringInfoChar(&buf, ',');
		append_slot_value(&buf, state, GROUP_CAP_SLOT(g));
		appendStringInfoChar(&buf, ')');
	}
	PG_RETURN_CSTRING(buf.data);
}

/* Binary form: the layout number and the text form (slot_state.h). */
PG_FUNCTION_INFO_V1(kaoping_adjustment_state_send);
Datum
kaoping_adjustment_state_send(PG_FUNCTION_ARGS)
{
	return slot_state_send(fcinfo, kaoping_adjustment_state_out);
}

PG_FUNCTION_INFO_V1(kaoping_adjustment_state_recv);
Datum
kaoping_adjustment_state_recv(PG_FUNCTION_ARGS)
{
	return slot_state_receive(fcinfo, kaoping_adjustment_state_in, "kaoping.adjustment_state");
}
