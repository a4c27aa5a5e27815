/*
 * exact.c
 *		Exact decimal arithmetic: int128 fixed point, numeric when needed.
 *
 * Numeric datums are read straight from their stored form, without
 * detoasting a short-header copy, which is what makes the fixed-point path
 * cheaper than numeric arithmetic.  The stored layout of numeric is part of
 * PostgreSQL's on-disk format (pg_upgrade keeps numeric columns byte for
 * byte), so it cannot change under us: a 16-bit header word, for the long
 * form a 16-bit weight, then base-10000 digits, most significant first,
 * with no leading or trailing zero digits.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "exact.h"

#define NBASE		10000
#define DEC_DIGITS	4

/* Header word of a stored numeric */
#define HDR_FLAG_MASK		0xC000
#define HDR_NEGATIVE		0x4000
#define HDR_SHORT			0x8000
#define HDR_SPECIAL			0xC000
#define HDR_NAN				0xC000
#define HDR_POS_INF			0xD000
#define HDR_NEG_INF			0xF000
#define HDR_LONG_DSCALE		0x3FFF
#define HDR_SHORT_NEGATIVE	0x2000
#define HDR_SHORT_DSCALE	0x1F80
#define HDR_SHORT_DSCALE_SHIFT 7
#define HDR_SHORT_WEIGHT_NEG 0x0040
#define HDR_SHORT_WEIGHT	0x003F
#define SHORT_DSCALE_MAX	(HDR_SHORT_DSCALE >> HDR_SHORT_DSCALE_SHIFT)
#define SHORT_WEIGHT_MIN	(-64)
#define SHORT_WEIGHT_MAX	63

/*
 * Fixed point holds a value whose base-10000 digits span at most 9 places
 * (36 decimal digits), with at most 6 integer places (below 10^24) and at
 * most 6 fractional places (24 decimals).  Anything else goes to numeric.
 */
#define FIT_MAX_WEIGHT		5
#define FIT_MAX_FRACTION	6
#define FIT_MAX_DIGITS		9

#define E18 ((int128) INT64CONST(1000000000000000000))

const int128 exact_pow10[EXACT_MAX_SCALE + 3] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, INT64CONST(10000000000), INT64CONST(100000000000),
	INT64CONST(1000000000000), INT64CONST(10000000000000),
	INT64CONST(100000000000000), INT64CONST(1000000000000000),
	INT64CONST(10000000000000000), INT64CONST(100000000000000000),
	E18, E18 * 10, E18 * 100, E18 * 1000, E18 * 10000, E18 * 100000,
	E18 * 1000000, E18 * 10000000, E18 * 100000000, E18 * 1000000000,
	E18 * INT64CONST(10000000000), E18 * INT64CONST(100000000000),
	E18 * INT64CONST(1000000000000), E18 * INT64CONST(10000000000000),
	E18 * INT64CONST(100000000000000), E18 * INT64CONST(1000000000000000),
	E18 * INT64CONST(10000000000000000), E18 * INT64CONST(100000000000000000),
	E18 * E18, E18 * E18 * 10, E18 * E18 * 100
};

static inline uint16
read_uint16(const char *p)
{
	uint16		v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline int128
abs128(int128 v)
{
	return v < 0 ? -v : v;
}

/* Round fixed / 10^digits to an integer, half away from zero. */
static inline int128
round_shift(int128 fixed, int digits)
{
	return exact_divide_round_fixed(fixed, exact_pow10[digits]);
}

static Exact
exact_numeric(Numeric num, int dscale)
{
	Exact		result = {0, 0, dscale, num};

	return result;
}

/*
 * The value of a numeric datum.  This runs once per row and argument, so
 * it reads the stored form in place (a short 1-byte header is fine) and
 * accumulates the common few digits in 64 bits.
 */
Exact
exact_from_datum(Datum value)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(value);
	const char *data;
	int			size;
	uint16		header;
	const char *digits;
	int			ndigits;
	int			weight;
	int			dscale;
	bool		negative;
	int			fraction;
	Exact		result;

	if (unlikely(VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v)))
		v = pg_detoast_datum_packed(v);
	if (VARATT_IS_SHORT(v))
	{
		data = VARDATA_SHORT(v);
		size = VARSIZE_SHORT(v) - VARHDRSZ_SHORT;
	}
	else
	{
		data = VARDATA(v);
		size = VARSIZE(v) - VARHDRSZ;
	}
	header = read_uint16(data);

	if (likely(header & HDR_SHORT))
	{
		if (unlikely((header & HDR_FLAG_MASK) == HDR_SPECIAL))
			return exact_numeric(DatumGetNumeric(value), 0);
		negative = (header & HDR_SHORT_NEGATIVE) != 0;
		dscale = (header & HDR_SHORT_DSCALE) >> HDR_SHORT_DSCALE_SHIFT;
		weight = (header & HDR_SHORT_WEIGHT_NEG ? ~HDR_SHORT_WEIGHT : 0) |
			(header & HDR_SHORT_WEIGHT);
		digits = data + sizeof(uint16);
	}
	else
	{
		negative = (header & HDR_FLAG_MASK) == HDR_NEGATIVE;
		dscale = header & HDR_LONG_DSCALE;
		weight = (int16) read_uint16(data + sizeof(uint16));
		digits = data + 2 * sizeof(uint16);
	}
	ndigits = (size - (int) (digits - data)) / (int) sizeof(int16);

	result.scale = 0;
	result.dscale = dscale;
	result.num = NULL;
	if (ndigits == 0)
	{
		result.fixed = 0;
		return result;
	}

	fraction = ndigits - 1 - weight;
	if (unlikely(weight > FIT_MAX_WEIGHT || fraction > FIT_MAX_FRACTION ||
				 weight + 1 + Max(fraction, 0) > FIT_MAX_DIGITS))
		return exact_numeric(DatumGetNumeric(value), dscale);

	if (ndigits <= 4)
	{
		/* 4 base-10000 digits stay below 10^16 */
		int64		mantissa = 0;

		for (int i = 0; i < ndigits; i++)
			mantissa = mantissa * NBASE + (int16) read_uint16(digits + i * sizeof(int16));
		result.fixed = mantissa;
	}
	else
	{
		int128		mantissa = 0;

		for (int i = 0; i < ndigits; i++)
			mantissa = mantissa * NBASE + (int16) read_uint16(digits + i * sizeof(int16));
		result.fixed = mantissa;
	}
	if (fraction < 0)
		result.fixed *= exact_pow10[-fraction * DEC_DIGITS];
	else
		result.scale = fraction * DEC_DIGITS;
	if (negative)
		result.fixed = -result.fixed;
	return result;
}

Exact
exact_from_numeric(Numeric value)
{
	return exact_from_datum(NumericGetDatum(value));
}

Exact
exact_from_int64(int64 value)
{
	Exact		result = {value, 0, 0, NULL};

	return result;
}

/*
 * Build a numeric from fixed / 10^scale, rounded half away from zero to
 * dscale decimals, in the canonical stored form.
 */
Numeric
numeric_from_fixed(int128 fixed, int scale, int dscale)
{
	/* base-10000 digits, least significant first; the lowest are fractional */
	int16		reversed[2 * FIT_MAX_DIGITS + 4];
	int			ndigits = 0;
	int			nfraction;
	int			pad;
	int			first;
	int			last;
	int			weight;
	bool		negative;
	uint128		magnitude;
	Numeric		result;
	Size		size;
	char	   *out;

	Assert(scale >= 0 && scale <= EXACT_MAX_SCALE && dscale >= 0);

	/*
	 * The stored form holds a display scale up to EXACT_MAX_DSCALE.  A fixed
	 * value has at most EXACT_MAX_SCALE decimals, so a larger display scale
	 * only asks for trailing zeros: dropping them keeps the value, as
	 * numeric's own product does.
	 */
	if (dscale > EXACT_MAX_DSCALE)
		dscale = EXACT_MAX_DSCALE;
	if (dscale < scale)
	{
		fixed = round_shift(fixed, scale - dscale);
		scale = dscale;
	}
	negative = fixed < 0;
	magnitude = negative ? -(uint128) fixed : (uint128) fixed;
	nfraction = (scale + DEC_DIGITS - 1) / DEC_DIGITS;
	pad = nfraction * DEC_DIGITS - scale;

	if (magnitude <= PG_UINT64_MAX / 1000)
	{
		/* the usual case, in 64 bits: padded to whole fractional digits */
		uint64		padded = (uint64) magnitude * (uint64) exact_pow10[pad];

		while (padded > 0 || ndigits < nfraction)
		{
			reversed[ndigits++] = (int16) (padded % NBASE);
			padded /= NBASE;
		}
	}
	else
	{
		uint128		integer = magnitude / (uint128) exact_pow10[scale];
		uint128		fraction = (magnitude % (uint128) exact_pow10[scale]) *
			(uint128) exact_pow10[pad];

		for (int i = 0; i < nfraction; i++)
		{
			reversed[ndigits++] = (int16) (fraction % NBASE);
			fraction /= NBASE;
		}
		while (integer > 0)
		{
			reversed[ndigits++] = (int16) (integer % NBASE);
			integer /= NBASE;
		}
	}

	/* strip zero digits at both ends: the canonical form */
	weight = ndigits - nfraction - 1;
	first = 0;
	while (first < ndigits && reversed[first] == 0)
		first++;
	last = ndigits;
	while (last > first && reversed[last - 1] == 0)
	{
		last--;
		weight--;
	}
	if (first == last)
	{
		weight = 0;
		negative = false;
	}
	ndigits = last - first;

	if (dscale <= SHORT_DSCALE_MAX &&
		weight >= SHORT_WEIGHT_MIN && weight <= SHORT_WEIGHT_MAX)
	{
		uint16		header = HDR_SHORT |
			(negative ? HDR_SHORT_NEGATIVE : 0) |
			(dscale << HDR_SHORT_DSCALE_SHIFT) |
			(weight < 0 ? HDR_SHORT_WEIGHT_NEG : 0) |
			(weight & HDR_SHORT_WEIGHT);

		size = VARHDRSZ + sizeof(uint16) + ndigits * sizeof(int16);
		result = (Numeric) palloc(size);
		memcpy(VARDATA(result), &header, sizeof(uint16));
		out = VARDATA(result) + sizeof(uint16);
	}
	else
	{
		uint16		header = (negative ? HDR_NEGATIVE : 0) |
			dscale;
		int16		stored_weight = (int16) weight;

		size = VARHDRSZ + 2 * sizeof(uint16) + ndigits * sizeof(int16);
		result = (Numeric) palloc(size);
		memcpy(VARDATA(result), &header, sizeof(uint16));
		memcpy(VARDATA(result) + sizeof(uint16), &stored_weight, sizeof(int16));
		out = VARDATA(result) + 2 * sizeof(uint16);
	}
	SET_VARSIZE(result, size);
	/* most significant digit first */
	for (int i = last - 1; i >= first; i--)
	{
		memcpy(out, &reversed[i], sizeof(int16));
		out += sizeof(int16);
	}
	return result;
}

Numeric
exact_to_numeric(Exact value, int dscale)
{
	if (exact_is_fixed(value))
		return numeric_from_fixed(value.fixed, value.scale, dscale);
	return DatumGetNumeric(DirectFunctionCall2(numeric_round,
											   NumericGetDatum(value.num),
											   Int32GetDatum(dscale)));
}

Numeric
exact_as_numeric(Exact value)
{
	if (exact_is_fixed(value))
		return numeric_from_fixed(value.fixed, value.scale,
								  Max(value.dscale, 0));
	return value.num;
}

/* exact_to_fixed when the value has more decimals than the scale. */
bool
exact_to_fixed_rescale_down(Exact value, int scale, int128 *fixed)
{
	if (value.fixed % exact_pow10[value.scale - scale] != 0)
		return false;
	*fixed = value.fixed / exact_pow10[value.scale - scale];
	return true;
}

char *
exact_to_cstring(Exact value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out,
											   NumericGetDatum(exact_as_numeric(value))));
}

/*
 * The numeric halves of the arithmetic in exact.h, for values that are not
 * fixed point or whose result would overflow it.
 */
Exact
exact_add_numeric(Exact a, Exact b)
{
	return exact_numeric(numeric_add_opt_error(exact_as_numeric(a),
											   exact_as_numeric(b), NULL),
						 Max(a.dscale, b.dscale));
}

Exact
exact_negate_numeric(Exact a)
{
	return exact_numeric(DatumGetNumeric(DirectFunctionCall1(numeric_uminus,
															 NumericGetDatum(exact_as_numeric(a)))),
						 a.dscale);
}

Exact
exact_mul_numeric(Exact a, Exact b)
{
	return exact_numeric(numeric_mul_opt_error(exact_as_numeric(a),
											   exact_as_numeric(b), NULL),
						 Min(a.dscale + b.dscale, EXACT_MAX_DSCALE));
}

int
exact_cmp_numeric(Exact a, Exact b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											 NumericGetDatum(exact_as_numeric(a)),
											 NumericGetDatum(exact_as_numeric(b))));
}

/* 10^power as an exact numeric (power may be negative). */
static Numeric
numeric_pow10(int power)
{
	char		text[16];

	snprintf(text, sizeof(text), "1e%d", power);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in,
											   CStringGetDatum(text),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

/*
 * dividend / divisor rounded half away from zero to scale decimals, with no
 * intermediate rounding: the quotient is truncated exactly and the
 * remainder decides the last digit.
 */
Exact
exact_div_round(Exact dividend, Exact divisor, int scale)
{
	Numeric		num_dividend;
	Numeric		num_divisor;
	Numeric		unit;
	Numeric		integer;
	Numeric		rest;
	Numeric		fraction;
	Numeric		remainder;
	Numeric		twice_remainder;
	Numeric		abs_unit;

	if (exact_sign(divisor) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("division by zero")));

	if (exact_is_fixed(dividend) && exact_is_fixed(divisor))
	{
		int			shift = divisor.scale + scale - dividend.scale;
		int128		numerator = dividend.fixed;
		int128		denominator = divisor.fixed;
		bool		fits;

		if (shift >= 0)
			fits = exact_shift_up(numerator, shift, &numerator);
		else
			fits = exact_shift_up(denominator, -shift, &denominator);
		if (fits && numerator != EXACT_INT128_MIN)
		{
			Exact		result;

			result.fixed = exact_divide_round_fixed(numerator, denominator);
			result.scale = scale;
			result.dscale = scale;
			result.num = NULL;
			return result;
		}
	}

	/*
	 * In numeric: the integer part of the quotient, then the decimals of
	 * what remains, counted in units of divisor × 10^-scale.  Nothing is
	 * scaled up, so a result that fits numeric is computed even when
	 * dividend × 10^scale would not fit.
	 */
	num_dividend = exact_as_numeric(dividend);
	num_divisor = exact_as_numeric(divisor);
	unit = numeric_mul_opt_error(num_divisor, numeric_pow10(-scale), NULL);
	integer = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc,
												  NumericGetDatum(num_dividend),
												  NumericGetDatum(num_divisor)));
	rest = numeric_sub_opt_error(num_dividend,
								 numeric_mul_opt_error(integer, num_divisor, NULL), NULL);
	fraction = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc,
												   NumericGetDatum(rest),
												   NumericGetDatum(unit)));
	remainder = numeric_sub_opt_error(rest, numeric_mul_opt_error(fraction, unit, NULL), NULL);
	remainder = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(remainder)));
	twice_remainder = numeric_add_opt_error(remainder, remainder, NULL);
	abs_unit = DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(unit)));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp,
										  NumericGetDatum(twice_remainder),
										  NumericGetDatum(abs_unit))) >= 0)
	{
		bool		negative = (exact_sign(dividend) < 0) != (exact_sign(divisor) < 0);

		fraction = numeric_add_opt_error(fraction, int64_to_numeric(negative ? -1 : 1), NULL);
	}
	return exact_numeric(numeric_add_opt_error(integer,
											   numeric_mul_opt_error(fraction, numeric_pow10(-scale), NULL),
											   NULL),
						 scale);
}

/* value rounded half away from zero to scale decimals. */
Exact
exact_round(Exact value, int scale)
{
	if (exact_is_fixed(value) && value.scale <= scale)
	{
		Exact		result = value;

		if (exact_shift_up(value.fixed, scale - value.scale, &result.fixed))
		{
			result.scale = scale;
			result.dscale = scale;
			return result;
		}
	}
	return exact_div_round(value, exact_from_int64(1), scale);
}

/* The value truncated toward zero, as an int64 (it must fit). */
int64
exact_trunc_int64(Exact value)
{
	if (exact_is_fixed(value))
	{
		int128		whole = value.fixed / exact_pow10[value.scale];

		if (whole >= PG_INT64_MIN && whole <= PG_INT64_MAX)
			return (int64) whole;
	}
	return DatumGetInt64(DirectFunctionCall1(numeric_int8,
											 DirectFunctionCall2(numeric_trunc,
																 NumericGetDatum(exact_as_numeric(value)),
																 Int32GetDatum(0))));
}
