/*
 * partition_values.h
 *		A window function's argument over its whole partition: every row's
 *		value and the lowest and highest, read in one pass on the partition's
 *		first row and kept for the rows that follow.
 */
#ifndef KAOPING_PARTITION_VALUES_H
#define KAOPING_PARTITION_VALUES_H

#include "windowapi.h"
#include "exact.h"

typedef struct PartitionValues
{
	bool		scanned;		/* the partition has been read */
	bool		any;			/* some row had a non-NULL value */
	int64		nrows;
	Exact		lowest;
	Exact		highest;
	Exact	   *values;			/* per row, in the partition's memory */
	bool	   *isnull;
} PartitionValues;

/*
 * The values of argument argno (NULLs are no peers).  The first call in a
 * partition reads it once, checking every value: finite, and non-negative
 * when nonnegative_hint is given (it becomes the error's hint).
 */
extern PartitionValues *partition_values(WindowObject winobj, int argno,
										 const char *argname,
										 const char *nonnegative_hint);

/* The current row's value; false when it is NULL. */
static inline bool
partition_value_current(WindowObject winobj, const PartitionValues *values,
						Exact *value)
{
	int64		pos = WinGetCurrentPosition(winobj);

	if (values->isnull[pos])
		return false;
	*value = values->values[pos];
	return true;
}

#endif							/* KAOPING_PARTITION_VALUES_H */
