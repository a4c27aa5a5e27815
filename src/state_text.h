/*
 * state_text.h
 *		Text form of the aggregate states: "key=value" words, values exact
 *		decimals or none, group("name",value,value) entries.
 *
 * e.g. sum_state          sum=0.3 cap=0.4
 *      weighted_state     weighted=85.5 weights=1 null_scores=false
 *      adjustment_state   penalty=-1 bonus_cap=3 group("B1b",0.6,0.4)
 */
#ifndef KAOPING_STATE_TEXT_H
#define KAOPING_STATE_TEXT_H

#include "lib/stringinfo.h"
#include "slot_state.h"

typedef struct StateScanner
{
	const char *input;			/* the whole text, for error messages */
	const char *next;			/* where scanning continues */
	const char *type_name;
} StateScanner;

extern void scanner_begin(StateScanner *scanner, const char *input,
						 const char *type_name);
extern void scanner_expect_key(StateScanner *scanner, const char *key);
extern bool scanner_try_word(StateScanner *scanner, const char *word);
extern void scanner_expect_char(StateScanner *scanner, char c);
extern bool scanner_read_exact(StateScanner *scanner, const char *what,
							   Exact *value);
extern bool scanner_read_bool(StateScanner *scanner);
extern char *scanner_read_quoted(StateScanner *scanner);
extern void scanner_expect_end(StateScanner *scanner);
extern void scanner_error(StateScanner *scanner) pg_attribute_noreturn();

/*
 * A field whose value no aggregate could have produced (22P02, naming the
 * field); detail is a whole sentence saying which values it can have.
 */
extern void scanner_invalid_field(StateScanner *scanner, const char *key,
								  Exact value, const char *detail) pg_attribute_noreturn();

/* Reads "key=value" into a slot (none leaves it null). */
extern SlotState *scanner_read_slot(StateScanner *scanner, const char *key,
									SlotState *state, int slot);

extern void append_slot_value(StringInfo buf, const SlotState *state, int slot);
extern void append_slot(StringInfo buf, const char *key,
						const SlotState *state, int slot);
extern void append_quoted(StringInfo buf, const char *text);

#endif							/* KAOPING_STATE_TEXT_H */
