/*
 * partition_values.c
 *		One pass over a window partition: every row's value, the lowest and
 *		the highest.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "arguments.h"
#include "partition_values.h"

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

PartitionValues *
partition_values(WindowObject winobj, int argno, const char *argname,
				 const char *nonnegative_hint)
{
	PartitionValues *values =
		WinGetPartitionLocalMemory(winobj, sizeof(PartitionValues));
	MemoryContext partition_context;

	if (values->scanned)
		return values;

	/* the local memory lives in the partition's context: so will the rest */
	partition_context = GetMemoryChunkContext(values);
	values->nrows = WinGetPartitionRowCount(winobj);
	values->values = MemoryContextAllocHuge(partition_context,
											Max(values->nrows, 1) * sizeof(Exact));
	values->isnull = MemoryContextAllocHuge(partition_context,
											Max(values->nrows, 1) * sizeof(bool));
	for (int64 pos = 0; pos < values->nrows; pos++)
	{
		bool		isout;
		Datum		datum = WinGetFuncArgInPartition(winobj, argno, pos,
													 WINDOW_SEEK_HEAD, false,
													 &values->isnull[pos],
													 &isout);
		Exact		value;

		if (values->isnull[pos])
			continue;
		value = nonnegative_hint ?
			argument_nonnegative(datum, argname, nonnegative_hint) :
			argument_exact(datum, argname);
		value = keep_for_partition(value, partition_context);
		values->values[pos] = value;
		if (!values->any || exact_cmp(value, values->lowest) < 0)
			values->lowest = value;
		if (!values->any || exact_cmp(value, values->highest) > 0)
			values->highest = value;
		values->any = true;
	}
	values->scanned = true;
	return values;
}
