/*
 * kaoping.c
 *		The module's entry point.  The functions live one concept per file.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
