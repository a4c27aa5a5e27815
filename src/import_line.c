/*
 * import_line.c
 *		The line of the file a staged row came from (doc/rules.md §9, L1).
 *
 * A staging table of kaoping_import is filled by COPY … CSV HEADER, which
 * inserts the rows in the order of the file and tells nothing of their
 * lines.  The default of the column "line" numbers them: the first row a
 * caller stages into an empty table is line 2 (the header is line 1), and
 * each next row the next line.  Rows staged in a later transaction go on
 * after the caller's rows already there, so two files staged one after the
 * other number on; check_import reports lines by these numbers, which are
 * the row numbers a spreadsheet shows.
 *
 * The number to go on from is looked up once per table and transaction
 * (the caller's highest line), then counted here: a COPY of a million rows
 * asks once, not a million times.
 */
#include "postgres.h"

#include "access/xact.h"
/* spi.h brings in server headers whose inline functions leave parameters
 * unused; -Wextra is for our code, not theirs */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "executor/spi.h"
#pragma GCC diagnostic pop
#include "fmgr.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(kaoping_import_line);

/* One counter per staging table; there are fewer than this many. */
#define IMPORT_LINE_COUNTERS 32

typedef struct ImportLineCounter
{
	Oid			relid;
	LocalTransactionId transaction;
	int64		next_line;
} ImportLineCounter;

static ImportLineCounter counters[IMPORT_LINE_COUNTERS];
static int	counters_used = 0;

/* The line after the caller's highest line staged in the table, or 2. */
static int64
first_free_line(Oid relid)
{
	char	   *relation = quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
													  get_rel_name(relid));
	StringInfoData query;
	int64		line = 2;
	bool		isnull;
	Datum		highest;

	initStringInfo(&query);
	appendStringInfo(&query,
					 "SELECT max(s.line) FROM %s s WHERE s.staged_by OPERATOR(pg_catalog.=) kaoping.caller()",
					 relation);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(query.data, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not read the lines staged in %s", relation);
	highest = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		line = DatumGetInt64(highest) + 1;
	SPI_finish();
	return line;
}

Datum
kaoping_import_line(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	LocalTransactionId transaction = MyProc->lxid;
	ImportLineCounter *counter = NULL;

	for (int i = 0; i < counters_used; i++)
		if (counters[i].relid == relid)
			counter = &counters[i];
	if (counter == NULL)
	{
		if (counters_used == IMPORT_LINE_COUNTERS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("kaoping.import_line counts the lines of at most %d staging tables",
							IMPORT_LINE_COUNTERS)));
		counter = &counters[counters_used++];
		counter->relid = relid;
		counter->transaction = InvalidLocalTransactionId;
	}
	if (counter->transaction != transaction)
	{
		counter->next_line = first_free_line(relid);
		counter->transaction = transaction;
	}
	PG_RETURN_INT64(counter->next_line++);
}
