/*
 * arguments.h
 *		Checking the arguments of kaoping's functions, with errors that name
 *		the argument and its value.
 */
#ifndef KAOPING_ARGUMENTS_H
#define KAOPING_ARGUMENTS_H

#include "exact.h"

/* The argument as an Exact; NaN and infinities are rejected (22023). */
extern Exact argument_exact(Datum value, const char *argname);

/* "<argname> <value> <complaint>", SQLSTATE 22003, with an optional hint. */
extern void report_out_of_range(const char *argname, Exact value,
								const char *complaint,
								const char *hint) pg_attribute_noreturn();

/* Rejects a negative value (22003). */
extern Exact argument_nonnegative(Datum value, const char *argname,
								  const char *hint);

#endif							/* KAOPING_ARGUMENTS_H */
