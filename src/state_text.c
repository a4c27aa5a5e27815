/*
 * state_text.c
 *		Reading and writing the text form of the aggregate states.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
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

/*
 * Text of the input as an error message shows it: at most SHOWN_BYTES
 * bytes, whole characters, control characters as \xNN, and how long it was
 * when cut, so that a message never repeats a huge or unprintable input.
 */
#define SHOWN_BYTES 60

static char *
shown(const char *text)
{
	StringInfoData buf;
	size_t		len = strlen(text);
	size_t		i = 0;

	initStringInfo(&buf);
	while (i < len && buf.len < SHOWN_BYTES)
	{
		unsigned char c = (unsigned char) text[i];
		int			charlen = pg_mblen(text + i);

		if (c < 0x20 || c == 0x7F)
			appendStringInfo(&buf, "\\x%02X", c);
		else
			appendBinaryStringInfo(&buf, text + i, Min(charlen, (int) (len - i)));
		i += Min(charlen, (int) (len - i));
	}
	if (i < len)
		appendStringInfo(&buf, "… (%zu bytes)", len);
	return buf.data;
}

void
scanner_error(StateScanner *scanner)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					scanner->type_name, shown(scanner->input)),
			 *scanner->next ?
			 errdetail("Unexpected text at \"%s\".", shown(scanner->next)) :
			 errdetail("The text ends too early.")));
	pg_unreachable();
}

static void
scanner_error_at(StateScanner *scanner, const char *token)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					scanner->type_name, shown(scanner->input)),
			 errdetail("\"%s\" is not a decimal number.", shown(token))));
	pg_unreachable();
}

void
scanner_invalid_field(StateScanner *scanner, const char *key, Exact value,
					  const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid value for type %s: %s=%s",
					scanner->type_name, key, shown(exact_to_cstring(value))),
			 errdetail("%s", detail)));
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
/* Whether text is a finite decimal: [-+]digits[.digits][e[-+]digits]. */
static bool
decimal_form(const char *text)
{
	const char *p = text;
	bool		digits = false;

	if (*p == '-' || *p == '+')
		p++;
	for (; isdigit((unsigned char) *p); p++)
		digits = true;
	if (*p == '.')
		for (p++; isdigit((unsigned char) *p); p++)
			digits = true;
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!isdigit((unsigned char) *p))
			return false;
		while (isdigit((unsigned char) *p))
			p++;
	}
	return *p == '\0';
}

bool
scanner_read_exact(StateScanner *scanner, const char *what, Exact *value)
{
	char	   *token = scanner_token(scanner);
	Datum		num;

	if (strcmp(token, "none") == 0)
		return false;
	/* numeric_in would repeat a bad token whole: check its form first */
	if (!decimal_form(token))
		scanner_error_at(scanner, token);
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
