-- Parallel aggregation: every aggregate splits into partial aggregates in
-- workers, combined by the leader, with the same results as a serial plan.
CREATE EXTENSION kaoping;

CREATE TABLE parallel_event AS
  SELECT i % 500 AS unit, 'B' || (i % 12) AS rule_group,
         round(((i * 7919) % 2000)::numeric / 1000 - 0.5, 3) AS points,
         CASE WHEN i % 12 = 0 THEN NULL ELSE (i % 12) * 0.25 END AS group_cap
  FROM generate_series(1, 200000) i;
ANALYZE parallel_event;

-- the queries, with a plan that must be parallel
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP RETURN NEXT line; END LOOP;
END $$;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_hashagg = off;

-- one group: Finalize Aggregate over Gather over Partial Aggregate
SELECT * FROM pg_temp.plan_of($$
  SELECT kaoping.capped_sum(points, NULL), kaoping.deduction_score(abs(points)),
         kaoping.adjustment_total(rule_group, points, group_cap, 3)
  FROM parallel_event $$);
-- grouped by unit: one partial step computes every aggregate in the workers
SELECT count(*) FILTER (WHERE p ~ 'Partial (Group)?Aggregate') AS partial_steps,
       count(*) FILTER (WHERE p ~ 'Finalize (Group)?Aggregate') AS finalize_steps,
       count(*) FILTER (WHERE p ~ 'Gather') AS gathers
FROM pg_temp.plan_of($$
  SELECT unit, kaoping.capped_sum(points, 2), kaoping.adjustment_total(rule_group, points, group_cap, 3),
         kaoping.weighted_score(points, 0.5)
  FROM parallel_event GROUP BY unit $$) p;

CREATE TEMP TABLE parallel_result AS
  SELECT unit, kaoping.capped_sum(points, 2) AS capped,
         kaoping.deduction_score(abs(points)) AS deduction,
         kaoping.adjustment_total(rule_group, points, group_cap, 3) AS adjustment
  FROM parallel_event GROUP BY unit;
CREATE TEMP TABLE parallel_total AS
  SELECT kaoping.capped_sum(points, NULL) AS capped, kaoping.deduction_score(abs(points)) AS deduction,
         kaoping.adjustment_total(rule_group, points, group_cap, NULL) AS adjustment
  FROM parallel_event;
-- 400 rows per unit: weights of 0.0025 make exactly 1
CREATE TEMP TABLE parallel_weighted AS
  SELECT unit, kaoping.weighted_score(points, 0.0025) AS weighted
  FROM parallel_event GROUP BY unit;

-- the same, serial
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS parallel_nodes FROM pg_temp.plan_of($$
  SELECT unit, kaoping.capped_sum(points, 2) FROM parallel_event GROUP BY unit $$) p
WHERE p ~ 'Partial|Gather';
SELECT count(*) AS units,
       count(*) FILTER (WHERE p.capped IS DISTINCT FROM s.capped) AS capped_differ,
       count(*) FILTER (WHERE p.deduction IS DISTINCT FROM s.deduction) AS deduction_differ,
       count(*) FILTER (WHERE p.adjustment IS DISTINCT FROM s.adjustment) AS adjustment_differ
FROM parallel_result p
JOIN (SELECT unit, kaoping.capped_sum(points, 2) AS capped,
             kaoping.deduction_score(abs(points)) AS deduction,
             kaoping.adjustment_total(rule_group, points, group_cap, 3) AS adjustment
      FROM parallel_event GROUP BY unit) s USING (unit);
SELECT p.capped = s.capped AS capped_equal, p.deduction = s.deduction AS deduction_equal,
       p.adjustment = s.adjustment AS adjustment_equal, s.capped = sum_points AS capped_is_sum
FROM parallel_total p,
     (SELECT kaoping.capped_sum(points, NULL) AS capped, kaoping.deduction_score(abs(points)) AS deduction,
             kaoping.adjustment_total(rule_group, points, group_cap, NULL) AS adjustment, sum(points) AS sum_points
      FROM parallel_event) s;
SELECT count(*) AS units, count(*) FILTER (WHERE p.weighted IS DISTINCT FROM s.weighted) AS weighted_differ
FROM parallel_weighted p
JOIN (SELECT unit, kaoping.weighted_score(points, 0.0025) AS weighted
      FROM parallel_event GROUP BY unit) s USING (unit);

RESET ALL;
DROP TABLE parallel_event;
DROP EXTENSION kaoping;
