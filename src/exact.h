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

/* Largest display scale numeric's stored form holds (NUMERIC_DSCALE_MAX). */
#define EXACT_MAX_DSCALE 0x3FFF

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

extern const int128 exact_pow10[EXACT_MAX_SCALE + 3];

/* Conversion */
extern Exact exact_from_datum(Datum value);
extern Exact exact_from_int64(int64 value);
extern Exact exact_from_numeric(Numeric value);
extern Numeric exact_to_numeric(Exact value, int dscale);
extern Numeric exact_as_numeric(Exact value);
extern Numeric numeric_from_fixed(int128 fixed, int scale, int dscale);
extern char *exact_to_cstring(Exact value);
extern int64 exact_trunc_int64(Exact value);

extern Exact exact_div_round(Exact dividend, Exact divisor, int scale);
extern Exact exact_round(Exact value, int scale);

/* The numeric halves of the inline arithmetic below */
extern Exact exact_add_numeric(Exact a, Exact b);
extern Exact exact_negate_numeric(Exact a);
extern Exact exact_mul_numeric(Exact a, Exact b);
extern int	exact_cmp_numeric(Exact a, Exact b);
extern bool exact_to_fixed_rescale_down(Exact value, int scale, int128 *fixed);

/*
 * Arithmetic: each result is exact, in fixed point when it fits.  The fixed
 * paths are inline, since they run for every row.
 */
static inline bool
exact_is_fixed(Exact a)
{
	return a.num == NULL;
}

static inline bool
exact_fits_int64(int128 v)
{
	return v >= PG_INT64_MIN && v <= PG_INT64_MAX;
}

/*
 * fixed * 10^digits, or false on overflow.  A value within int64 times at
 * most 10^18 cannot overflow, which spares the checked 128-bit multiply.
 */
static inline bool
exact_shift_up(int128 fixed, int digits, int128 *result)
{
	if (digits == 0)
	{
		*result = fixed;
		return true;
	}
	if (digits > EXACT_MAX_SCALE + 2)
		return false;
	if (digits <= 18 && exact_fits_int64(fixed))
	{
		*result = (int128) (int64) fixed * (int64) exact_pow10[digits];
		return true;
	}
	return !__builtin_mul_overflow(fixed, exact_pow10[digits], result);
}

/* Both fixed point, brought to one scale; false if not possible. */
static inline bool
exact_align(Exact *a, Exact *b)
{
	if (!exact_is_fixed(*a) || !exact_is_fixed(*b))
		return false;
	if (a->scale < b->scale)
	{
		if (!exact_shift_up(a->fixed, b->scale - a->scale, &a->fixed))
			return false;
		a->scale = b->scale;
	}
	else if (b->scale < a->scale)
	{
		if (!exact_shift_up(b->fixed, a->scale - b->scale, &b->fixed))
			return false;
		b->scale = a->scale;
	}
	return true;
}

/*
 * The value as fixed / 10^scale, if it is fixed point and has no nonzero
 * digit beyond that scale.
 */
static inline bool
exact_to_fixed(Exact value, int scale, int128 *fixed)
{
	if (!exact_is_fixed(value))
		return false;
	if (value.scale <= scale)
		return exact_shift_up(value.fixed, scale - value.scale, fixed);
	return exact_to_fixed_rescale_down(value, scale, fixed);
}

/* a / b rounded half away from zero; 64-bit division when it fits. */
static inline int128
exact_divide_round_fixed(int128 a, int128 b)
{
	int128		quotient;
	int128		rest;

	if (exact_fits_int64(a) && exact_fits_int64(b) && a != PG_INT64_MIN)
	{
		int64		a64 = (int64) a;
		int64		b64 = (int64) b;

		quotient = a64 / b64;
		rest = a64 % b64;
	}
	else
	{
		quotient = a / b;
		rest = a % b;
	}
	rest = rest < 0 ? -rest : rest;
	if (rest >= (b < 0 ? -b : b) - rest)
		quotient += ((a < 0) != (b < 0)) ? -1 : 1;
	return quotient;
}

static inline Exact
exact_add(Exact a, Exact b)
{
	Exact		x = a;
	Exact		y = b;

	if (exact_align(&x, &y) && !__builtin_add_overflow(x.fixed, y.fixed, &x.fixed))
	{
		x.dscale = Max(a.dscale, b.dscale);
		return x;
	}
	return exact_add_numeric(a, b);
}

/* The one int128 whose negation does not fit. */
#define EXACT_INT128_MIN (-(int128) (((uint128) 1 << 127) - 1) - 1)

static inline Exact
exact_negate(Exact a)
{
	if (exact_is_fixed(a) && a.fixed != EXACT_INT128_MIN)
	{
		a.fixed = -a.fixed;
		return a;
	}
	return exact_negate_numeric(a);
}

static inline Exact
exact_sub(Exact a, Exact b)
{
	return exact_add(a, exact_negate(b));
}

static inline Exact
exact_mul(Exact a, Exact b)
{
	Exact		result;

	if (exact_is_fixed(a) && exact_is_fixed(b) &&
		a.scale + b.scale <= EXACT_MAX_SCALE)
	{
		bool		overflow;

		if (exact_fits_int64(a.fixed) && exact_fits_int64(b.fixed))
		{
			result.fixed = (int128) (int64) a.fixed * (int64) b.fixed;
			overflow = false;
		}
		else
			overflow = __builtin_mul_overflow(a.fixed, b.fixed, &result.fixed);
		if (!overflow)
		{
			result.scale = a.scale + b.scale;
			/* as numeric's product: display scale at most NUMERIC_DSCALE_MAX */
			result.dscale = Min(a.dscale + b.dscale, EXACT_MAX_DSCALE);
			result.num = NULL;
			return result;
		}
	}
	return exact_mul_numeric(a, b);
}

static inline int
exact_cmp(Exact a, Exact b)
{
	Exact		x = a;
	Exact		y = b;

	if (exact_align(&x, &y))
		return x.fixed < y.fixed ? -1 : (x.fixed > y.fixed ? 1 : 0);
	return exact_cmp_numeric(a, b);
}

static inline int
exact_sign(Exact a)
{
	if (exact_is_fixed(a))
		return a.fixed < 0 ? -1 : (a.fixed > 0 ? 1 : 0);
	return exact_cmp_numeric(a, exact_from_int64(0));
}

static inline Exact
exact_min(Exact a, Exact b)
{
	return exact_cmp(a, b) <= 0 ? a : b;
}

#endif							/* KAOPING_EXACT_H */
