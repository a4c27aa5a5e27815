-- Scalar scores: efficacy_score (R6), completion_score (R7), rank_score (R13).
CREATE EXTENSION kaoping;

-- efficacy_score: 60 + 40 × (actual − unallowable) / (satisfactory − unallowable)
SELECT kaoping.efficacy_score(75, 50, 100);             -- 60 + 40 × 25/50 = 80
SELECT kaoping.efficacy_score(50, 50, 100);             -- at unallowable: base 60
SELECT kaoping.efficacy_score(100, 50, 100);            -- at satisfactory: 100
SELECT kaoping.efficacy_score(120, 50, 100);            -- above: clamped to 100
SELECT kaoping.efficacy_score(20, 50, 100);             -- below: clamped to 60
SELECT kaoping.efficacy_score(120, 50, 100, clamp => false);  -- textbook: 60 + 40 × 70/50 = 116
SELECT kaoping.efficacy_score(20, 50, 100, clamp => false);   -- 60 + 40 × (−30)/50 = 36
-- lower is better: satisfactory below unallowable
SELECT kaoping.efficacy_score(1, 3, 0);                 -- 60 + 40 × (−2)/(−3) = 86.666667
SELECT kaoping.efficacy_score(4, 3, 0);                 -- worse than unallowable: 60
SELECT kaoping.efficacy_score(-1, 3, 0);                -- better than satisfactory: 100
-- policy base and span, named notation
SELECT kaoping.efficacy_score(actual => 7, unallowable => 0, satisfactory => 10, base => 50, span => 50);  -- 85
-- one rounding, half away from zero, at 6 decimals
SELECT kaoping.efficacy_score(1, 0, 3);                 -- 60 + 13.3333333… = 73.333333
SELECT kaoping.efficacy_score(2, 0, 3);                 -- 60 + 26.6666666… = 86.666667
SELECT kaoping.efficacy_score(1, 0, 16, 0, 1);          -- 0.0625 exactly
SELECT kaoping.efficacy_score(1, 0, 8000000, 0, 1);     -- 0.000000125 → 0.000000
SELECT kaoping.efficacy_score(1, 0, 2000000, 0, 1);     -- 0.0000005 → 0.000001 (half away)
SELECT kaoping.efficacy_score(-1, 0, 2000000, 0, 1, false);   -- −0.0000005 → −0.000001
-- exact with large and finely divided values (numeric path)
SELECT kaoping.efficacy_score(1e30 + 1, 1e30, 1e30 + 2);      -- 80
SELECT kaoping.efficacy_score(0.0000000000000001, 0, 0.0000000000000004);  -- 70
-- NULL in, NULL out
SELECT kaoping.efficacy_score(NULL, 50, 100) IS NULL AS null_actual,
       kaoping.efficacy_score(75, NULL, 100) IS NULL AS null_unallowable,
       kaoping.efficacy_score(75, 50, 100, clamp => NULL) IS NULL AS null_clamp;

-- completion_score: 100 × clamp(actual / target, 0, max_ratio)
SELECT kaoping.completion_score(80, 100);               -- 80
SELECT kaoping.completion_score(100, 100);              -- 100
SELECT kaoping.completion_score(130, 100);              -- capped at 100
SELECT kaoping.completion_score(130, 100, max_ratio => 1.2);  -- 120
SELECT kaoping.completion_score(110, 100, max_ratio => 1.2);  -- 110
SELECT kaoping.completion_score(0, 100);                -- 0
SELECT kaoping.completion_score(-5, 100);               -- clamped at 0
SELECT kaoping.completion_score(1, 3);                  -- 33.333333
SELECT kaoping.completion_score(2, 3);                  -- 66.666667
SELECT kaoping.completion_score(0.1 + 0.2, 0.3);        -- exactly 100
-- lower is better: target / actual
SELECT kaoping.completion_score(5, 4, higher_is_better => false);    -- 80
SELECT kaoping.completion_score(3, 4, higher_is_better => false);    -- capped at 100
SELECT kaoping.completion_score(3, 4, 1.5, false);                   -- 133.333333
SELECT kaoping.completion_score(0, 4, higher_is_better => false);    -- nothing at all: best, 100
SELECT kaoping.completion_score(NULL, 4) IS NULL AS null_actual,
       kaoping.completion_score(4, NULL) IS NULL AS null_target;

-- rank_score: rank 1 of n scores 100, rank n scores 60, linear between
SELECT r, kaoping.rank_score(r, 14) FROM generate_series(1, 14) r;
SELECT kaoping.rank_score(1, 1);                        -- one unit alone: top
SELECT kaoping.rank_score(2, 3, top => 90, bottom => 70);   -- 80
SELECT kaoping.rank_score(2, 2, 100, 100);              -- equal top and bottom: 100
SELECT kaoping.rank_score(NULL, 3) IS NULL AS null_rank,
       kaoping.rank_score(1, NULL) IS NULL AS null_n;

-- Bad input: a clear error with its SQLSTATE (22023 or 22003)
\set SHOW_CONTEXT never
SELECT kaoping.efficacy_score(75, 100, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.efficacy_score(75, 100.0, 100.00);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.efficacy_score('NaN', 50, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.efficacy_score(75, 'Infinity', 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.efficacy_score(75, 50, 100, base => '-Infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.completion_score(80, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.completion_score(80, -100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.completion_score(80, 100, max_ratio => 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.completion_score('NaN', 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.rank_score(15, 14);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.rank_score(0, 14);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.rank_score(1, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.rank_score(1, 2, top => 'NaN');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DROP EXTENSION kaoping;
