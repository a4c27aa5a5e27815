-- capped_sum(points, cap): least(Σ points, cap), an aggregate.
CREATE EXTENSION kaoping;

-- doc/rules.md §5 B1b: three central single-item commendations at 0.2 give 0.4, not 0.6
SELECT kaoping.capped_sum(p, 0.4) FROM (VALUES (0.2), (0.2), (0.2)) b(p);
-- the cap hit exactly
SELECT kaoping.capped_sum(p, 0.4) FROM (VALUES (0.2), (0.2)) b(p);
-- under the cap: the plain sum, exact (0.1 + 0.2 is 0.3)
SELECT kaoping.capped_sum(p, 0.4) FROM (VALUES (0.1), (0.2)) b(p);
-- a NULL cap means no cap
SELECT kaoping.capped_sum(p, NULL) FROM (VALUES (0.2), (0.2), (0.2)) b(p);
-- one row alone
SELECT kaoping.capped_sum(p, 0.6) FROM (VALUES (0.3)) b(p);
-- negative points are summed like any other
SELECT kaoping.capped_sum(p, 1) FROM (VALUES (0.5), (-2)) b(p);
-- NULL points are skipped; only NULLs, or no rows, give NULL
SELECT kaoping.capped_sum(p, 0.4) FROM (VALUES (0.3), (NULL)) b(p);
SELECT kaoping.capped_sum(p, 0.4) IS NULL AS all_null FROM (VALUES (NULL::numeric)) b(p);
SELECT kaoping.capped_sum(p, 0.4) IS NULL AS no_rows FROM (VALUES (0.1)) b(p) WHERE false;
-- a NULL points row does not count for the cap check either
SELECT kaoping.capped_sum(p, c) FROM (VALUES (0.3, 0.4), (NULL, 0.5)) b(p, c);
-- per group, each with its own cap
SELECT unit, rule_group, kaoping.capped_sum(p, cap)
FROM (VALUES ('沈阳', 'B1b', 0.2, 0.4), ('沈阳', 'B1b', 0.2, 0.4), ('沈阳', 'B1b', 0.2, 0.4),
             ('沈阳', 'B1c', 0.3, 0.6), ('大连', 'B1b', 0.2, 0.4),
             ('大连', 'B1a', 1, NULL), ('大连', 'B1a', 1, NULL)) b(unit, rule_group, p, cap)
GROUP BY unit, rule_group ORDER BY unit, rule_group;
-- as a window aggregate, the running capped sum
SELECT n, kaoping.capped_sum(0.2, 0.4) OVER (ORDER BY n) FROM generate_series(1, 4) n;
-- the cap compared exactly, whatever its written scale
SELECT kaoping.capped_sum(p, c) FROM (VALUES (0.2, 0.4), (0.3, 0.40)) b(p, c);
-- beyond fixed point: exact all the same
SELECT kaoping.capped_sum(p, 1e40) FROM (VALUES (1e39), (0.0000000000000001)) b(p);
SELECT kaoping.capped_sum(p, 1e39) FROM (VALUES (1e39), (0.0000000000000001)) b(p);
SELECT kaoping.capped_sum(p, 0.00000000000000015) FROM (VALUES (0.0000000000000001), (0.0000000000000001)) b(p);

-- Bad input
\set SHOW_CONTEXT never
SELECT kaoping.capped_sum(p, c) FROM (VALUES (0.2, 0.4), (0.2, 0.5)) b(p, c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.capped_sum(p, c) FROM (VALUES (0.2, 0.4), (0.2, NULL)) b(p, c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.capped_sum(p, c) FROM (VALUES (0.2, NULL), (0.2, 0.4)) b(p, c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.capped_sum(p, 0.4) FROM (VALUES (0.2), ('NaN')) b(p);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.capped_sum(p, 'Infinity') FROM (VALUES (0.2)) b(p);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP EXTENSION kaoping;
