-- deduction_score (R8): max(100 − Σ deductions, 0), an aggregate.
CREATE EXTENSION kaoping;

-- three milestones missed at the default 1 point each
SELECT kaoping.deduction_score(d) FROM (VALUES (1), (1), (1)) m(d);          -- 97
-- per-milestone points, exact decimals: 100 − (0.1 + 0.2) = 99.7
SELECT kaoping.deduction_score(d) FROM (VALUES (0.1), (0.2)) m(d);
-- exactly 100 deducted: 0; more: still 0, never negative
SELECT kaoping.deduction_score(d) FROM (VALUES (60), (40)) m(d);
SELECT kaoping.deduction_score(d) FROM (VALUES (60), (40), (0.5)) m(d);
-- a task with no missed milestone: zero deductions score 100
SELECT kaoping.deduction_score(d) FROM (VALUES (0), (0)) m(d);
-- NULL deductions are skipped; only NULLs, or no rows, give NULL
SELECT kaoping.deduction_score(d) FROM (VALUES (2), (NULL)) m(d);            -- 98
SELECT kaoping.deduction_score(d) IS NULL AS all_null FROM (VALUES (NULL::numeric)) m(d);
SELECT kaoping.deduction_score(d) IS NULL AS no_rows FROM (VALUES (1)) m(d) WHERE false;
-- per unit and task
SELECT unit, task, kaoping.deduction_score(d)
FROM (VALUES ('沈阳', 't1', 1), ('沈阳', 't1', 2), ('沈阳', 't2', 0.5),
             ('大连', 't1', NULL), ('大连', 't2', 1)) m(unit, task, d)
GROUP BY unit, task ORDER BY unit, task;
-- as a window aggregate: the running score after each check (the final
-- function leaves the state alone, so every row sees the right total)
SELECT due, d, kaoping.deduction_score(d) OVER (ORDER BY due)
FROM (VALUES (1, 1), (2, 0.5), (3, NULL), (4, 2)) m(due, d);
-- large and finely divided deductions stay exact
SELECT kaoping.deduction_score(d) FROM (VALUES (0.000000000000001), (99)) m(d);
SELECT kaoping.deduction_score(d) FROM (VALUES (1e30), (-0.0 + 1)) m(d);

-- Bad input
\set SHOW_CONTEXT never
SELECT kaoping.deduction_score(d) FROM (VALUES (1), (-1)) m(d);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.deduction_score(d) FROM (VALUES (1), ('NaN'::numeric)) m(d);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.deduction_score(d) FROM (VALUES ('Infinity'::numeric)) m(d);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP EXTENSION kaoping;
