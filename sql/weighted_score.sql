-- weighted_score(score, weight): Σ score × weight, weights summing to 1 (R9, R16).
CREATE EXTENSION kaoping;

-- R16, a city: indicator 85.5 × 0.7 + comprehensive 90 × 0.3 = 59.85 + 27 = 86.85
SELECT kaoping.weighted_score(s, w) FROM (VALUES (85.5, 0.7), (90, 0.3)) t(s, w);
-- R12: leaders 75 %, office 15 %, peers 10 %: 90 × 0.75 + 80 × 0.15 + 70 × 0.10 = 86.5
SELECT kaoping.weighted_score(s, w) FROM (VALUES (90, 0.75), (80, 0.15), (70, 0.10)) t(s, w);
-- weights 0.1 + 0.2 + 0.7 are exactly 1
SELECT kaoping.weighted_score(s, w) FROM (VALUES (100, 0.1), (50, 0.2), (10, 0.7)) t(s, w);
-- one indicator alone, weight 1
SELECT kaoping.weighted_score(s, w) FROM (VALUES (73.25, 1)) t(s, w);
-- a zero weight leaves its score out
SELECT kaoping.weighted_score(s, w) FROM (VALUES (80, 1), (10, 0)) t(s, w);
-- a NULL score is a gap: the result is NULL, never a silent zero
SELECT kaoping.weighted_score(s, w) IS NULL AS gap FROM (VALUES (80, 0.5), (NULL, 0.5)) t(s, w);
-- no rows give NULL
SELECT kaoping.weighted_score(s, w) IS NULL AS no_rows FROM (VALUES (80, 1)) t(s, w) WHERE false;
-- per unit
SELECT unit, kaoping.weighted_score(s, w)
FROM (VALUES ('沈阳', 90, 0.7), ('沈阳', 80, 0.3), ('大连', 85.123456, 0.7), ('大连', 60, 0.3)) t(unit, s, w)
GROUP BY unit ORDER BY unit;
-- scores of six decimals times weights of many decimals: exact
SELECT kaoping.weighted_score(s, w) FROM (VALUES (96.923077, 0.3333333333333), (60.000001, 0.6666666666667)) t(s, w);

-- weighted_mean (R9): weights need not add up to 1; one rounding at 6 decimals
SELECT kaoping.weighted_mean(s, w) FROM (VALUES (90, 3), (80, 1)) t(s, w);            -- 87.5
SELECT kaoping.weighted_mean(s, w) FROM (VALUES (100, 1), (100, 1), (99, 1)) t(s, w); -- 99.666667
SELECT kaoping.weighted_mean(s, 1) FROM (VALUES (60.0000005), (60)) t(s);          -- 60.00000025 → 60.000000
SELECT kaoping.weighted_mean(s, 1) FROM (VALUES (60.000001), (60)) t(s);           -- 60.0000005 → 60.000001
SELECT kaoping.weighted_mean(s, w) FROM (VALUES (73.25, 0.2)) t(s, w);              -- one alone
SELECT kaoping.weighted_mean(s, w) IS NULL AS gap FROM (VALUES (80, 1), (NULL, 1)) t(s, w);
SELECT kaoping.weighted_mean(s, w) IS NULL AS no_rows FROM (VALUES (80, 1)) t(s, w) WHERE false;
SELECT kaoping.weighted_mean(s, w) FROM (VALUES (1e30, 1), (0, 2)) t(s, w);

-- Bad input
\set SHOW_CONTEXT never
SELECT kaoping.weighted_mean(s, w) FROM (VALUES (80, 0), (70, 0)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_mean(s, w) FROM (VALUES (80, -1), (70, 2)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_score(s, w) FROM (VALUES (80, 0.5), (70, 0.4)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_score(s, w) FROM (VALUES (80, 0.333333), (70, 0.333333), (60, 0.333333)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_score(s, w) FROM (VALUES (80, 0.7), (70, 0.7)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- weights are checked even when a score is missing
SELECT kaoping.weighted_score(s, w) FROM (VALUES (NULL, 0.7), (70, 0.7)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_score(s, w) FROM (VALUES (80, 1.5), (70, -0.5)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_score(s, w) FROM (VALUES (80, NULL), (70, 1)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_score(s, w) FROM (VALUES ('NaN'::numeric, 1)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_score(s, w) FROM (VALUES (80, 'Infinity'::numeric)) t(s, w);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a score with the longest display scale numeric holds keeps its value
-- (the product's display scale is held at 16383, as numeric's own)
SELECT kaoping.weighted_score(('0.5' || repeat('0', 16382))::numeric, 1.0) = 0.5 AS right_value,
       scale(kaoping.weighted_score(('0.5' || repeat('0', 16382))::numeric, 1.0)) AS display_scale,
       scale(sum(('0.5' || repeat('0', 16382))::numeric * 1.0)) AS numeric_display_scale;

DROP EXTENSION kaoping;
