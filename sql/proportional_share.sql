-- proportional_share(amount, top_points) OVER (...): top_points × amount /
-- the largest amount of the partition (B3 funding, R11 workload bonus).
CREATE EXTENSION kaoping;

-- B3: national funds secured; the most gets 2, others in proportion
SELECT unit, amount, kaoping.proportional_share(amount, 2) OVER () AS points
FROM (VALUES ('发改委', 300000000), ('财政厅', 150000000), ('交通厅', 100000000),
             ('教育厅', 0), ('文旅厅', NULL)) f(unit, amount)
ORDER BY amount DESC NULLS LAST;

-- R11 workload bonus: lead 5 × n / max n, responsible 3 × n / max n
SELECT role, unit, tasks, kaoping.proportional_share(tasks, CASE role WHEN 'lead' THEN 5 ELSE 3 END)
         OVER (PARTITION BY role) AS bonus
FROM (VALUES ('lead', '发改委', 12), ('lead', '工信厅', 8), ('lead', '商务厅', 3),
             ('responsible', '发改委', 20), ('responsible', '财政厅', 30), ('responsible', '统计局', 7)) w(role, unit, tasks)
ORDER BY role, tasks DESC;

-- all amounts zero: nothing to share, everyone gets 0
SELECT kaoping.proportional_share(a, 2) OVER () FROM (VALUES (0), (0.00)) v(a);
-- one unit alone gets the top points
SELECT kaoping.proportional_share(7, 2) OVER ();
-- a NULL top_points gives NULL for that row only
SELECT a, kaoping.proportional_share(a, t) OVER () FROM (VALUES (1, 2), (2, NULL)) v(a, t) ORDER BY a;
-- exact with large amounts (yuan, to the fen)
SELECT kaoping.proportional_share(a, 2) OVER () FROM (VALUES (123456789012345678901234.56), (61728394506172839450617.28)) v(a);

-- the same as plain SQL over 10,000 random rows in 50 partitions
SELECT setseed(0.5);
CREATE TEMP TABLE funding AS
  SELECT i % 50 AS kind, round((random() * 1e9)::numeric, 2) AS amount FROM generate_series(1, 10000) i;
SELECT count(*) AS rows, count(*) FILTER (WHERE mine IS DISTINCT FROM plain) AS differ
FROM (SELECT kaoping.proportional_share(amount, 2) OVER w AS mine,
             round(2 * amount / max(amount) OVER w, 6) AS plain
      FROM funding WINDOW w AS (PARTITION BY kind)) s;

-- Bad input
\set SHOW_CONTEXT never
SELECT kaoping.proportional_share(a, 2) OVER () FROM (VALUES (5), (-1)) v(a);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.proportional_share(a, 2) OVER () FROM (VALUES (5), ('NaN'::numeric)) v(a);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.proportional_share(a, 'Infinity') OVER () FROM (VALUES (5)) v(a);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP EXTENSION kaoping;
