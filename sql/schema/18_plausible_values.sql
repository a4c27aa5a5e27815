-- No indicator, threshold, deduction, point or amount a province records
-- is as large as 10^15 or has more than 20 decimal places.  Values beyond
-- that are typing or loading errors; refused when written (R0), they can
-- never make a computation overflow for the whole province.
CREATE FUNCTION kaoping.plausible(value numeric) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.abs(value) < 1e15 AND pg_catalog.scale(value) <= 20;
COMMENT ON FUNCTION kaoping.plausible(numeric) IS 'Whether a recorded value is one a province can have: below 10^15 in magnitude, at most 20 decimal places (NaN and infinities are not)';

-- A value as an error message shows it: at most 40 characters, and how
-- long it was when cut, so that a message never repeats a huge input.
CREATE FUNCTION kaoping.shown(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN pg_catalog.length(value) <= 40 THEN value
            ELSE pg_catalog.left(value, 40) || pg_catalog.format('… (%s characters)', pg_catalog.length(value)) END;
COMMENT ON FUNCTION kaoping.shown(text) IS 'A value cut to 40 characters for an error message, with its length when cut';
