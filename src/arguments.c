/*
 * arguments.c
 *		Argument checks shared by every kaoping function.
 */
#include "postgres.h"

#include "arguments.h"

Exact
argument_exact(Datum value, const char *argname)
{
	Exact		result = exact_from_datum(value);

	if (!exact_is_fixed(result) &&
		(numeric_is_nan(result.num) || numeric_is_inf(result.num)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s is not a finite number",
						argname, exact_to_cstring(result)),
				 errhint("Scores, points and amounts must be finite numbers.")));
	return result;
}

void
report_out_of_range(const char *argname, Exact value, const char *complaint,
					const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s %s %s", argname, exact_to_cstring(value), complaint),
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

Exact
argument_nonnegative(Datum value, const char *argname, const char *hint)
{
	Exact		result = argument_exact(value, argname);

	if (exact_sign(result) < 0)
		report_out_of_range(argname, result, "is negative", hint);
	return result;
}
