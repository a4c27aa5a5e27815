/*
 * partition_extremes.c
 *		One pass over a window partition for its lowest and highest value.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "arguments.h"
#include "partition_extremes.h"

/* A value that outlives the row it came from, in the partition's memory. */
static Exact
keep_for_partition(Exact value, MemoryContext partition_context)
{
	if (!exact_is_fixed(value))
	{
		Numeric		copy = MemoryContextAlloc(partition_context,
											  VARSIZE(value.num));

		memcpy(copy, value.num, VARSIZE(value.num));
		value.num = copy;
	}
	return value;
}

PartitionExtremes *
partition_extremes(WindowObject winobj, int argno, const char *argname,
				   const char *nonnegative_hint)
{
	PartitionExtremes *extremes =
		WinGetPartitionLocalMemory(winobj, sizeof(PartitionExtremes));
	MemoryContext partition_context;

	if (extremes->scanned)
		return extremes;

	/* the local memory lives in the partition's context: so will the copies */
	partition_context = GetMemoryChunkContext(extremes);
	for (int64 pos = 0;; pos++)
	{
		bool		isnull;
		bool		isout;
		Datum		datum = WinGetFuncArgInPartition(winobj, argno, pos,
													 WINDOW_SEEK_HEAD, false,
													 &isnull, &isout);
		Exact		value;

		if (isout)
			break;
		if (isnull)
			continue;
		value = nonnegative_hint ?
			argument_nonnegative(datum, argname, nonnegative_hint) :
			argument_exact(datum, argname);
		if (!extremes->any || exact_cmp(value, extremes->lowest) < 0)
			extremes->lowest = keep_for_partition(value, partition_context);
		if (!extremes->any || exact_cmp(value, extremes->highest) > 0)
			extremes->highest = keep_for_partition(value, partition_context);
		extremes->any = true;
	}
	extremes->scanned = true;
	return extremes;
}
