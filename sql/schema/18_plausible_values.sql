-- No indicator, threshold, deduction, point or amount a province records
-- is as large as 10^15 or has more than 20 decimal places.  Values beyond
-- that are typing or loading errors; refused when written (R0), they can
-- never make a computation overflow for the whole province.
CREATE FUNCTION kaoping.plausible(value numeric) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.abs(value) < 1e15 AND pg_catalog.scale(value) <= 20;
COMMENT ON FUNCTION kaoping.plausible(numeric) IS 'Whether a recorded value is one a province can have: below 10^15 in magnitude, at most 20 decimal places (NaN and infinities are not)';
