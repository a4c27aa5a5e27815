/*
 * exact.h
 *		Exact decimal values: int128 fixed point on the hot path, numeric
 *		when a value does not fit.
 *
 * Every score kaoping computes is exact.  Most inputs (points such as 0.1,
 * ranks, percentages, amounts in yuan) fit comfortably in an int128 scaled
 * by a small power of ten, and arithmetic there costs a few instructions
 * with no allocation.  When a value or a result does not fit, the same
 * operation is redone in numeric, so results stay exact for any input.
 */
#ifndef KAOPING_EXACT_H
#define KAOPING_EXACT_H

#include "postgres.h"
#include "utils/numeric.h"

#ifndef HAVE_INT128
#error "kaoping needs a compiler with 128-bit integers"
#endif

/* Largest decimal scale a fixed-point Exact may carry (10^36 < 2^127). */
#define EXACT_MAX_SCALE 36

/*
 * An exact decimal: either fixed point (num == NULL: the value is
 * fixed / 10^scale) or a numeric (num != NULL).  dscale is the display
 * scale the result would have in numeric arithmetic, so that 0.1 + 0.2
 * prints as 0.3, not 0.300000000000.
 */
typedef struct Exact
{
	int128		fixed;
	int16		scale;
	int16		dscale;
	Numeric		num;
} Exact;

/* What a numeric datum holds, read without detoasting it. */
typedef enum NumericClass
{
	NUMERIC_CLASS_FINITE,
	NUMERIC_CLASS_NAN,
	NUMERIC_CLASS_POS_INF,
	NUMERIC_CLASS_NEG_INF
} NumericClass;

extern const int128 exact_pow10[EXACT_MAX_SCALE + 3];

/* Conversion */
extern NumericClass numeric_datum_class(Datum value);
extern Exact exact_from_datum(Datum value);
extern Exact exact_from_int64(int64 value);
extern Exact exact_from_numeric(Numeric value);
extern Numeric exact_to_numeric(Exact value, int dscale);
extern Numeric exact_as_numeric(Exact value);
extern Numeric numeric_from_fixed(int128 fixed, int scale, int dscale);
extern bool exact_to_fixed(Exact value, int scale, int128 *fixed);
extern char *exact_to_cstring(Exact value);
extern int64 exact_trunc_int64(Exact value);

/* Arithmetic; each result is exact, in fixed point when it fits */
extern Exact exact_add(Exact a, Exact b);
extern Exact exact_sub(Exact a, Exact b);
extern Exact exact_mul(Exact a, Exact b);
extern Exact exact_div_round(Exact dividend, Exact divisor, int scale);
extern Exact exact_round(Exact value, int scale);
extern int	exact_cmp(Exact a, Exact b);
extern int	exact_sign(Exact a);

static inline bool
exact_is_fixed(Exact a)
{
	return a.num == NULL;
}

static inline Exact
exact_min(Exact a, Exact b)
{
	return exact_cmp(a, b) <= 0 ? a : b;
}

static inline Exact
exact_max(Exact a, Exact b)
{
	return exact_cmp(a, b) >= 0 ? a : b;
}

#endif							/* KAOPING_EXACT_H */
