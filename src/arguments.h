/*
 * arguments.h
 *		Checking the arguments of kaoping's functions, with errors that name
 *		the argument and its value.
 */
#ifndef KAOPING_ARGUMENTS_H
#define KAOPING_ARGUMENTS_H

#include "fmgr.h"
#include "exact.h"

extern void report_not_finite(const char *argname,
							  Exact value) pg_attribute_noreturn();

/* The argument as an Exact; NaN and infinities are rejected (22023). */
static inline Exact
argument_exact(Datum value, const char *argname)
{
	Exact		result = exact_from_datum(value);

	if (unlikely(!exact_is_fixed(result)) &&
		(numeric_is_nan(result.num) || numeric_is_inf(result.num)))
		report_not_finite(argname, result);
	return result;
}

/*
 * argument_exact for scalar functions: an argument written as a constant
 * in the query (a literal, or a default) is read once and remembered in
 * fn_extra.  A parameter is read every call: PL/pgSQL reuses the FmgrInfo
 * of an expression across calls while its variables change.
 */
extern Exact argument_exact_stable_read(FunctionCallInfo fcinfo, int argno,
										const char *argname);

/* How many leading arguments of a function are remembered when constant */
#define STABLE_ARGUMENTS 8

typedef enum StableState
{
	STABLE_UNKNOWN = 0,			/* not looked at yet */
	STABLE_VARYING,				/* changes from row to row */
	STABLE_CONSTANT,			/* a Const of the call: the same every call */
	STABLE_READ					/* ... and read into value */
} StableState;

typedef struct CachedArguments
{
	StableState state[STABLE_ARGUMENTS];
	bool		isnull[STABLE_ARGUMENTS];
	Exact		value[STABLE_ARGUMENTS];
	Datum		datum[STABLE_ARGUMENTS];	/* pass-by-value arguments */
} CachedArguments;

static inline Exact
argument_exact_stable(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	CachedArguments *arguments = fcinfo->flinfo->fn_extra;

	if (arguments != NULL && argno < STABLE_ARGUMENTS &&
		arguments->state[argno] == STABLE_READ)
		return arguments->value[argno];
	return argument_exact_stable_read(fcinfo, argno, argname);
}

/*
 * For aggregate transition functions: whether argument argno (counting the
 * state as 0, as fcinfo does) is a constant in the aggregate call, such as
 * capped_sum(points, 0.4).  If so, *value and *isnull give it, read once
 * per query, and the caller can skip checking it row by row.
 */
extern bool aggregate_argument_constant(FunctionCallInfo fcinfo, int argno,
										const char *argname, Exact *value,
										bool *isnull);

/*
 * Window function arguments for the current row, false when NULL.  One
 * written as a constant (a literal, or a default) is read once and
 * remembered in fn_extra.
 */
extern bool window_argument_exact(FunctionCallInfo fcinfo, int argno,
								  const char *argname, Exact *value);
extern bool window_argument_bool(FunctionCallInfo fcinfo, int argno,
								 bool *value);

/*
 * The cheap test for later rows: true once aggregate_argument_constant has
 * found argument argno constant.
 */
static inline bool
aggregate_argument_known_constant(FunctionCallInfo fcinfo, int argno)
{
	CachedArguments *arguments = fcinfo->flinfo->fn_extra;

	return arguments != NULL && argno < STABLE_ARGUMENTS &&
		arguments->state[argno] == STABLE_READ;
}

/*
 * The stored bytes of a short numeric argument, to tell cheaply that a
 * later row brings the very same value (as a group's cap usually does).
 * Equal bytes mean equal values; unequal bytes need a real comparison.
 */
typedef struct NumericBytes
{
	uint8		length;			/* 0: nothing remembered */
	char		data[15];
} NumericBytes;

static inline void
numeric_bytes_remember(NumericBytes *bytes, Datum value)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(value);
	Size		length = VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v) ?
		0 : VARSIZE_ANY_EXHDR(v);

	bytes->length = length <= sizeof(bytes->data) ? length : 0;
	memcpy(bytes->data, VARDATA_ANY(v), bytes->length);
}

static inline bool
numeric_bytes_match(const NumericBytes *bytes, Datum value)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(value);

	return bytes->length > 0 && !(VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v)) &&
		VARSIZE_ANY_EXHDR(v) == bytes->length &&
		memcmp(VARDATA_ANY(v), bytes->data, bytes->length) == 0;
}

/*
 * An error of SQLSTATE 22003 with an optional hint; message is a whole
 * sentence whose two %s are the argument's name and its value, e.g.
 * "%s %s is negative".
 */
extern void report_out_of_range(const char *message, const char *argname,
								Exact value,
								const char *hint) pg_attribute_noreturn();

/* Rejects a negative value (22003). */
extern Exact argument_nonnegative(Datum value, const char *argname,
								  const char *hint);

#endif							/* KAOPING_ARGUMENTS_H */
