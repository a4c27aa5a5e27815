/*
 * state_text.c
 *		Reading and writing the text form of the aggregate states.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "arguments.h"
#include "state_text.h"

void
scanner_begin(StateScanner *scanner, const char *input, const char *type_name)
{
	scanner->input = input;
	scanner->next = input;
	scanner->type_name = type_name;
}

void
scanner_error(StateScanner *scanner)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					scanner->type_name, scanner->input),
			 *scanner->next ?
			 errdetail("Unexpected text at \"%s\".", scanner->next) :
			 errdetail("The text ends too early.")));
	pg_unreachable();
}

static void
skip_spaces(StateScanner *scanner)
{
	while (*scanner->next == ' ')
		scanner->next++;
}

bool
scanner_try_word(StateScanner *scanner, const char *word)
{
	size_t		len = strlen(word);

	skip_spaces(scanner);
	if (strncmp(scanner->next, word, len) != 0)
		return false;
	scanner->next += len;
	return true;
}

void
scanner_expect_char(StateScanner *scanner, char c)
{
	skip_spaces(scanner);
	if (*scanner->next != c)
		scanner_error(scanner);
	scanner->next++;
}

void
scanner_expect_key(StateScanner *scanner, const char *key)
{
	if (!scanner_try_word(scanner, key))
		scanner_error(scanner);
	scanner_expect_char(scanner, '=');
}

/* The next token: up to a space, comma or closing parenthesis. */
static char *
scanner_token(StateScanner *scanner)
{
	const char *start;

	skip_spaces(scanner);
	start = scanner->next;
	while (*scanner->next != '\0' && *scanner->next != ' ' &&
		   *scanner->next != ',' && *scanner->next != ')')
		scanner->next++;
	if (scanner->next == start)
		scanner_error(scanner);
	return pnstrdup(start, scanner->next - start);
}

/* An exact decimal, or none (returns false). */
bool
scanner_read_exact(StateScanner *scanner, const char *what, Exact *value)
{
	char	   *token = scanner_token(scanner);
	Datum		num;

	if (strcmp(token, "none") == 0)
		return false;
	num = DirectFunctionCall3(numeric_in, CStringGetDatum(token),
							  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	*value = argument_exact(num, what);
	return true;
}

bool
scanner_read_bool(StateScanner *scanner)
{
	const char *start = scanner->next;
	char	   *token = scanner_token(scanner);

	if (strcmp(token, "true") == 0)
		return true;
	if (strcmp(token, "false") == 0)
		return false;
	scanner->next = start;
	scanner_error(scanner);
}

/* A double-quoted string; a quote or backslash inside is escaped by '\'. */
char *
scanner_read_quoted(StateScanner *scanner)
{
	StringInfoData buf;

	scanner_expect_char(scanner, '"');
	initStringInfo(&buf);
	while (*scanner->next != '"')
	{
		if (*scanner->next == '\0')
			scanner_error(scanner);
		if (*scanner->next == '\\' && scanner->next[1] != '\0')
			scanner->next++;
		appendStringInfoChar(&buf, *scanner->next++);
	}
	scanner->next++;
	return buf.data;
}

void
scanner_expect_end(StateScanner *scanner)
{
	skip_spaces(scanner);
	if (*scanner->next != '\0')
		scanner_error(scanner);
}

SlotState *
scanner_read_slot(StateScanner *scanner, const char *key, SlotState *state,
				  int slot)
{
	Exact		value;

	scanner_expect_key(scanner, key);
	if (scanner_read_exact(scanner, key, &value))
		state = slot_set(state, slot, value);
	return state;
}

void
append_slot_value(StringInfo buf, const SlotState *state, int slot)
{
	if (state->slots[slot].isnull)
		appendStringInfoString(buf, "none");
	else
		appendStringInfoString(buf, exact_to_cstring(slot_get(state, slot)));
}

void
append_slot(StringInfo buf, const char *key, const SlotState *state, int slot)
{
	if (buf->len > 0)
		appendStringInfoChar(buf, ' ');
	appendStringInfo(buf, "%s=", key);
	append_slot_value(buf, state, slot);
}

void
append_quoted(StringInfo buf, const char *text)
{
	appendStringInfoChar(buf, '"');
	for (const char *p = text; *p; p++)
	{
		if (*p == '"' || *p == '\\')
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, *p);
	}
	appendStringInfoChar(buf, '"');
}
