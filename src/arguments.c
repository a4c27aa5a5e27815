/*
 * arguments.c
 *		Argument checks shared by every kaoping function.
 */
#include "postgres.h"

#include "nodes/primnodes.h"
#include "nodes/pg_list.h"
#include "windowapi.h"

#include "arguments.h"


void
report_not_finite(const char *argname, Exact value)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %s is not a finite number",
					argname, exact_to_cstring(value)),
			 errhint("Scores, points and amounts must be finite numbers.")));
	pg_unreachable();
}

/*
 * Whether argument argno of the call is a constant written in the query.
 * Only a Const is remembered across calls: a parameter (a PL/pgSQL
 * variable, a prepared statement's $1 under a generic plan) is "stable"
 * within one execution, but PL/pgSQL runs its simple expressions many
 * times with the same FmgrInfo and changing values.
 */
static bool
argument_is_const(FmgrInfo *flinfo, int argno)
{
	Node	   *expr = flinfo->fn_expr;
	List	   *args;
	Node	   *arg;

	if (expr == NULL)
		return false;
	if (IsA(expr, FuncExpr))
		args = ((FuncExpr *) expr)->args;
	else if (IsA(expr, WindowFunc))
		args = ((WindowFunc *) expr)->args;
	else
		return false;
	if (argno < 0 || argno >= list_length(args))
		return false;
	arg = (Node *) list_nth(args, argno);
	while (IsA(arg, RelabelType))
		arg = (Node *) ((RelabelType *) arg)->arg;
	return IsA(arg, Const);
}

Exact
argument_exact_stable_read(FunctionCallInfo fcinfo, int argno,
						   const char *argname)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	CachedArguments *stable = flinfo->fn_extra;
	Exact		value;

	if (argno >= STABLE_ARGUMENTS)
		return argument_exact(PG_GETARG_DATUM(argno), argname);
	if (stable == NULL)
		stable = flinfo->fn_extra =
			MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(CachedArguments));

	switch (stable->state[argno])
	{
		case STABLE_READ:
			return stable->value[argno];
		case STABLE_UNKNOWN:
			stable->state[argno] = argument_is_const(flinfo, argno) ?
				STABLE_CONSTANT : STABLE_VARYING;
			break;
		default:
			break;
	}
	value = argument_exact(PG_GETARG_DATUM(argno), argname);
	/* fixed point holds no pointer, so it outlives this call as it is */
	if (stable->state[argno] == STABLE_CONSTANT && exact_is_fixed(value))
	{
		stable->value[argno] = value;
		stable->state[argno] = STABLE_READ;
	}
	return value;
}

bool
aggregate_argument_constant(FunctionCallInfo fcinfo, int argno,
							const char *argname, Exact *value, bool *isnull)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	CachedArguments *arguments = flinfo->fn_extra;

	if (argno >= STABLE_ARGUMENTS)
		return false;
	if (arguments == NULL)
		arguments = flinfo->fn_extra =
			MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(CachedArguments));

	if (arguments->state[argno] == STABLE_UNKNOWN)
	{
		/* the Aggref's arguments do not count the state */
		Aggref	   *aggref = AggGetAggref(fcinfo);
		TargetEntry *entry = NULL;

		if (aggref != NULL && argno >= 1 && argno <= list_length(aggref->args))
			entry = list_nth_node(TargetEntry, aggref->args, argno - 1);
		arguments->state[argno] = STABLE_VARYING;
		if (entry != NULL && IsA(entry->expr, Const))
		{
			arguments->isnull[argno] = PG_ARGISNULL(argno);
			if (!arguments->isnull[argno])
				arguments->value[argno] = argument_exact(PG_GETARG_DATUM(argno), argname);
			/* fixed point holds no pointer, so it outlives this call */
			if (arguments->isnull[argno] || exact_is_fixed(arguments->value[argno]))
				arguments->state[argno] = STABLE_READ;
		}
	}
	if (arguments->state[argno] != STABLE_READ)
		return false;
	*value = arguments->value[argno];
	*isnull = arguments->isnull[argno];
	return true;
}

/* The arguments remembered for a window function, its state read. */
static CachedArguments *
window_arguments(FunctionCallInfo fcinfo, int argno)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	CachedArguments *arguments = flinfo->fn_extra;

	if (arguments == NULL)
		arguments = flinfo->fn_extra =
			MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(CachedArguments));
	if (arguments->state[argno] == STABLE_UNKNOWN)
		arguments->state[argno] = argument_is_const(flinfo, argno) ?
			STABLE_CONSTANT : STABLE_VARYING;
	return arguments;
}

bool
window_argument_exact(FunctionCallInfo fcinfo, int argno, const char *argname,
					  Exact *value)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	CachedArguments *arguments;
	bool		isnull;
	Datum		datum;

	if (argno >= STABLE_ARGUMENTS)
	{
		datum = WinGetFuncArgCurrent(winobj, argno, &isnull);
		if (!isnull)
			*value = argument_exact(datum, argname);
		return !isnull;
	}
	arguments = window_arguments(fcinfo, argno);
	if (arguments->state[argno] == STABLE_READ)
	{
		*value = arguments->value[argno];
		return !arguments->isnull[argno];
	}
	datum = WinGetFuncArgCurrent(winobj, argno, &isnull);
	if (!isnull)
		*value = argument_exact(datum, argname);
	/* fixed point holds no pointer, so it outlives this call */
	if (arguments->state[argno] == STABLE_CONSTANT &&
		(isnull || exact_is_fixed(*value)))
	{
		arguments->isnull[argno] = isnull;
		if (!isnull)
			arguments->value[argno] = *value;
		arguments->state[argno] = STABLE_READ;
	}
	return !isnull;
}

bool
window_argument_bool(FunctionCallInfo fcinfo, int argno, bool *value)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	CachedArguments *arguments = window_arguments(fcinfo, argno);
	bool		isnull;
	Datum		datum;

	Assert(argno < STABLE_ARGUMENTS);
	if (arguments->state[argno] == STABLE_READ)
	{
		*value = DatumGetBool(arguments->datum[argno]);
		return !arguments->isnull[argno];
	}
	datum = WinGetFuncArgCurrent(winobj, argno, &isnull);
	*value = !isnull && DatumGetBool(datum);
	if (arguments->state[argno] == STABLE_CONSTANT)
	{
		arguments->isnull[argno] = isnull;
		arguments->datum[argno] = datum;
		arguments->state[argno] = STABLE_READ;
	}
	return !isnull;
}

void
report_out_of_range(const char *message, const char *argname, Exact value,
					const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg(message, argname, exact_to_cstring(value)),
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

Exact
argument_nonnegative(Datum value, const char *argname, const char *hint)
{
	Exact		result = argument_exact(value, argname);

	if (exact_sign(result) < 0)
		report_out_of_range("%s %s is negative", argname, result, hint);
	return result;
}
