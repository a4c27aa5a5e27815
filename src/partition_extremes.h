/*
 * partition_extremes.h
 *		The lowest and highest value of a window function's argument over
 *		the whole partition, found in one pass and kept for every row.
 */
#ifndef KAOPING_PARTITION_EXTREMES_H
#define KAOPING_PARTITION_EXTREMES_H

#include "windowapi.h"
#include "exact.h"

typedef struct PartitionExtremes
{
	bool		scanned;		/* the partition has been read */
	bool		any;			/* some row had a non-NULL value */
	Exact		lowest;
	Exact		highest;
} PartitionExtremes;

/*
 * The extremes of argument argno (NULLs skipped).  The first call in a
 * partition reads it once, checking every value: finite, and non-negative
 * when nonnegative_hint is given (it becomes the error's hint).
 */
extern PartitionExtremes *partition_extremes(WindowObject winobj, int argno,
											 const char *argname,
											 const char *nonnegative_hint);

#endif							/* KAOPING_PARTITION_EXTREMES_H */
