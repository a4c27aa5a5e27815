/*
 * quota_grade.c
 *		quota_grade(labels, quotas) OVER (ORDER BY total DESC): grades by
 *		quota (按比例拉开等次, R18).
 *
 * labels has one element more than quotas: quotas[i] is the largest share
 * of the partition that grade i may hold, and the last label takes the
 * rest.  The first k grades together hold at most
 * floor((quotas[1] + ... + quotas[k]) * n) units.  Peers (equal ORDER BY
 * values) always share a grade: a tie that would overflow a grade falls
 * wholly into the next one.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "arguments.h"

typedef struct QuotaGrading
{
	bool		ready;			/* labels and limits are set up */
	int			nlabels;
	text	  **labels;			/* in the partition's memory */
	int64	   *limits;			/* units the first i+1 grades may hold */
	int			grade;			/* grade of the current peer group */
	int64		graded;			/* units graded so far, this group included */
	int64		group_end;		/* position after the current peer group */
} QuotaGrading;

static void
report_bad_shape(const char *message, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s", message),
			 detail ? errdetail("%s", detail) : 0,
			 errhint("Give one label more than quotas, e.g. labels '{优秀,良好,一般}' with quotas '{0.2,0.5}': the last label takes the rest.")));
}

/* The elements of a one-dimensional array with no NULLs. */
static int
array_elements(ArrayType *array, Oid element_type, const char *argname,
			   Datum **elements)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	bool	   *nulls;
	int			count;

	if (ARR_NDIM(array) > 1)
		report_bad_shape(psprintf("%s has %d dimensions, not 1",
								  argname, ARR_NDIM(array)), NULL);
	get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
	deconstruct_array(array, element_type, typlen, typbyval, typalign,
					  elements, &nulls, &count);
	for (int i = 0; i < count; i++)
		if (nulls[i])
			report_bad_shape(psprintf("%s element %d is NULL", argname, i + 1),
							 NULL);
	return count;
}

/* Checks labels and quotas and turns the quotas into cumulative limits. */
static void
setup_grading(QuotaGrading *grading, ArrayType *labels, ArrayType *quotas,
			  int64 n, MemoryContext context)
{
	Datum	   *label_datums;
	Datum	   *quota_datums;
	int			nlabels = array_elements(labels, TEXTOID, "labels", &label_datums);
	int			nquotas = array_elements(quotas, NUMERICOID, "quotas", &quota_datums);
	Exact		cumulative = exact_from_int64(0);
	Exact		one = exact_from_int64(1);

	if (nlabels == 0)
		report_bad_shape("labels is empty", NULL);
	if (nquotas != nlabels - 1)
		report_bad_shape(psprintf("labels has %d elements and quotas %d",
								  nlabels, nquotas),
						 "quotas needs exactly one element fewer than labels.");

	grading->nlabels = nlabels;
	grading->labels = MemoryContextAlloc(context, nlabels * sizeof(text *));
	grading->limits = MemoryContextAlloc(context, nlabels * sizeof(int64));
	for (int i = 0; i < nlabels; i++)
	{
		text	   *label = DatumGetTextPP(label_datums[i]);
		text	   *copy = MemoryContextAlloc(context, VARSIZE_ANY(label));

		memcpy(copy, label, VARSIZE_ANY(label));
		grading->labels[i] = copy;
	}
	for (int i = 0; i < nquotas; i++)
	{
		Exact		quota = argument_exact(quota_datums[i], "quota");

		if (exact_sign(quota) <= 0 || exact_cmp(quota, one) > 0)
			report_out_of_range("%s %s is outside (0, 1]", "quota", quota,
								"A quota is the largest share of the units a grade may hold.");
		cumulative = exact_add(cumulative, quota);
		if (exact_cmp(cumulative, one) > 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("quotas add up to %s, more than 1",
							exact_to_cstring(cumulative)),
					 errhint("Quotas are shares of one whole; the last label takes what they leave.")));
		grading->limits[i] =
			exact_trunc_int64(exact_mul(cumulative, exact_from_int64(n)));
	}
	grading->limits[nlabels - 1] = n;
	grading->ready = true;
}

PG_FUNCTION_INFO_V1(kaoping_quota_grade);
Datum
kaoping_quota_grade(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	QuotaGrading *grading = WinGetPartitionLocalMemory(winobj,
													   sizeof(QuotaGrading));
	int64		current = WinGetCurrentPosition(winobj);

	if (!grading->ready)
	{
		bool		labels_isnull;
		bool		quotas_isnull;
		Datum		labels = WinGetFuncArgCurrent(winobj, 0, &labels_isnull);
		Datum		quotas = WinGetFuncArgCurrent(winobj, 1, &quotas_isnull);

		if (labels_isnull || quotas_isnull)
			PG_RETURN_NULL();
		setup_grading(grading, DatumGetArrayTypeP(labels),
					  DatumGetArrayTypeP(quotas),
					  WinGetPartitionRowCount(winobj),
					  GetMemoryChunkContext(grading));
	}

	/*
	 * On the first row of a peer group, count the group, then move down the
	 * grades until the group fits whole under a grade's limit.
	 */
	if (current >= grading->group_end)
	{
		int64		n = WinGetPartitionRowCount(winobj);
		int64		size = 1;

		while (current + size < n &&
			   WinRowsArePeers(winobj, current, current + size))
			size++;
		while (grading->grade < grading->nlabels - 1 &&
			   grading->graded + size > grading->limits[grading->grade])
			grading->grade++;
		grading->graded += size;
		grading->group_end = current + size;
		WinSetMarkPosition(winobj, current);
	}
	/* a copy: the partition's memory goes when the partition ends */
	PG_RETURN_TEXT_P(DatumGetTextPCopy(PointerGetDatum(grading->labels[grading->grade])));
}
