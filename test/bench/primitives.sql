-- Benchmark of kaoping's primitives on generated data, serial plans.
-- Each primitive is timed against PostgreSQL's own work on the same rows
-- (sum(numeric) grouped the same way for aggregates, count(*) OVER the same
-- window for window functions) and against the same computation written in
-- plain SQL, all in one run.  The plain SQL checks what the primitive
-- checks (one cap per group, no negative deduction, weights making 1),
-- returning NULL where the primitive raises an error.  Each query runs :runs times; the median counts.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '512MB';

CREATE EXTENSION IF NOT EXISTS kaoping;

DROP TABLE IF EXISTS bench_row;
-- :rows rows: 50,000 units with 12 rule groups each, 1,000 indicators
-- (window partitions of :rows / 1000), weight groups of 40 rows of 0.025,
-- 200,000 wide groups for the memory of hash aggregates
CREATE UNLOGGED TABLE bench_row AS
  SELECT i % 50000 AS unit,
         'B' || (i % 12) AS rule_group,
         round(((i::bigint * 7919) % 2000)::numeric / 1000 - 0.5, 3) AS points,
         (i % 12) * 0.25 + 0.25 AS group_cap,
         (i % 5) * 0.5 + 1 AS unit_cap,
         ((i::bigint * 104729) % 40) * 0.5 AS deduction,
         i % (:rows / 40) AS weight_group,
         0.025 AS weight,
         round((((i::bigint * 7907) % 100000) / 100.0)::numeric, 2) AS actual,
         i % 1000 AS indicator,
         i % 67 + 1 AS rank,
         i % 200000 AS wide_group
  FROM generate_series(1, :rows) i;
VACUUM ANALYZE bench_row;

-- The three queries of a primitive run in turn, runs times, so that a
-- machine whose speed drifts affects all three alike; medians in ms.
CREATE OR REPLACE FUNCTION pg_temp.median_ms(queries text[], runs int,
                                             OUT kaoping_ms numeric, OUT baseline_ms numeric, OUT plain_ms numeric)
LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz;
  times numeric[][] := array_fill(0::numeric, ARRAY[3, runs]);
BEGIN
  FOR q IN 1..3 LOOP EXECUTE queries[q]; END LOOP;     -- warm the cache
  FOR r IN 1..runs LOOP
    FOR q IN 1..3 LOOP
      started := clock_timestamp();
      EXECUTE queries[q];
      times[q][r] := (extract(epoch FROM clock_timestamp() - started) * 1000)::numeric;
    END LOOP;
  END LOOP;
  SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY times[1][i])::numeric, 1),
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY times[2][i])::numeric, 1),
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY times[3][i])::numeric, 1)
    INTO kaoping_ms, baseline_ms, plain_ms
  FROM generate_series(1, runs) i;
END $$;

CREATE TEMP TABLE bench (
  primitive text, kaoping_query text, baseline_name text, baseline_query text,
  plain_query text, target text, target_ratio numeric);

INSERT INTO bench VALUES
('capped_sum (by unit)',
 $$SELECT unit, kaoping.capped_sum(points, unit_cap) FROM bench_row GROUP BY unit$$,
 'sum(numeric)', $$SELECT unit, sum(points) FROM bench_row GROUP BY unit$$,
 $$SELECT unit, CASE WHEN min(unit_cap) = max(unit_cap) AND count(unit_cap) = count(points)
                    THEN least(sum(points), min(unit_cap)) END
   FROM bench_row GROUP BY unit$$,
 '<= 1.10 x sum', 1.10),
('capped_sum (all rows)',
 $$SELECT kaoping.capped_sum(points, 3) FROM bench_row$$,
 'sum(numeric)', $$SELECT sum(points) FROM bench_row$$,
 $$SELECT least(sum(points), 3) FROM bench_row$$,
 '<= 1.10 x sum', 1.10),
('adjustment_total (12 groups, by unit)',
 $$SELECT unit, kaoping.adjustment_total(rule_group, points, group_cap, 3) FROM bench_row GROUP BY unit$$,
 'sum(numeric)', $$SELECT unit, sum(points) FROM bench_row GROUP BY unit$$,
 $$SELECT unit, least(coalesce(sum(capped), 0), 3) + coalesce(sum(penalty), 0)
   FROM (SELECT unit, rule_group,
                CASE WHEN min(group_cap) = max(group_cap) AND count(group_cap) = count(points)
                     THEN least(sum(points) FILTER (WHERE points > 0), min(group_cap)) END AS capped,
                sum(points) FILTER (WHERE points < 0) AS penalty
         FROM bench_row GROUP BY unit, rule_group) g
   GROUP BY unit$$,
 '<= 1.25 x sum', 1.25),
('deduction_score (by unit)',
 $$SELECT unit, kaoping.deduction_score(deduction) FROM bench_row GROUP BY unit$$,
 'sum(numeric)', $$SELECT unit, sum(deduction) FROM bench_row GROUP BY unit$$,
 $$SELECT unit, CASE WHEN min(deduction) >= 0 THEN greatest(100 - sum(deduction), 0) END FROM bench_row GROUP BY unit$$,
 NULL, NULL),
('weighted_score (groups of 40)',
 $$SELECT weight_group, kaoping.weighted_score(points, weight) FROM bench_row GROUP BY weight_group$$,
 'sum(numeric)', $$SELECT weight_group, sum(points) FROM bench_row GROUP BY weight_group$$,
 $$SELECT weight_group, CASE WHEN sum(weight) = 1 AND min(weight) >= 0 AND count(weight) = count(*) AND count(points) = count(*)
                           THEN sum(points * weight) END
   FROM bench_row GROUP BY weight_group$$,
 NULL, NULL),
('peer_efficacy_score',
 $$SELECT count(s) FROM (SELECT kaoping.peer_efficacy_score(actual) OVER (PARTITION BY indicator) AS s FROM bench_row) q$$,
 'count(*) OVER', $$SELECT count(s) FROM (SELECT count(*) OVER (PARTITION BY indicator) AS s FROM bench_row) q$$,
 $$SELECT count(s) FROM (SELECT round(60 + 40 * (actual - min(actual) OVER w) / (max(actual) OVER w - min(actual) OVER w), 6) AS s
                         FROM bench_row WINDOW w AS (PARTITION BY indicator)) q$$,
 '<= 1.30 x count(*) OVER', 1.30),
('proportional_share',
 $$SELECT count(s) FROM (SELECT kaoping.proportional_share(actual, 2) OVER (PARTITION BY indicator) AS s FROM bench_row) q$$,
 'count(*) OVER', $$SELECT count(s) FROM (SELECT count(*) OVER (PARTITION BY indicator) AS s FROM bench_row) q$$,
 $$SELECT count(s) FROM (SELECT round(2 * actual / max(actual) OVER (PARTITION BY indicator), 6) AS s FROM bench_row) q$$,
 NULL, NULL),
('quota_grade',
 $$SELECT count(g) FROM (SELECT kaoping.quota_grade('{A,B,C}', '{0.2,0.5}') OVER (PARTITION BY indicator ORDER BY actual DESC) AS g FROM bench_row) q$$,
 'count(*) OVER', $$SELECT count(g) FROM (SELECT count(*) OVER (PARTITION BY indicator ORDER BY actual DESC) AS g FROM bench_row) q$$,
 $$SELECT count(g) FROM (
     SELECT CASE WHEN last_place <= floor(0.2 * n) THEN 'A' WHEN last_place <= floor(0.7 * n) THEN 'B' ELSE 'C' END AS g
     FROM (SELECT rank() OVER (PARTITION BY indicator ORDER BY actual DESC) + count(*) OVER (PARTITION BY indicator, actual) - 1 AS last_place,
                  count(*) OVER (PARTITION BY indicator) AS n
           FROM bench_row) r) q$$,
 NULL, NULL),
('efficacy_score',
 $$SELECT count(kaoping.efficacy_score(actual, 100, 900)) FROM bench_row$$,
 'count(actual)', $$SELECT count(actual) FROM bench_row$$,
 $$SELECT count(round(60 + 40 * greatest(least((actual - 100) / (900 - 100), 1), 0), 6)) FROM bench_row$$,
 NULL, NULL),
('completion_score',
 $$SELECT count(kaoping.completion_score(actual, 500, 1.2)) FROM bench_row$$,
 'count(actual)', $$SELECT count(actual) FROM bench_row$$,
 $$SELECT count(round(100 * least(greatest(actual / 500, 0), 1.2), 6)) FROM bench_row$$,
 NULL, NULL),
('rank_score',
 $$SELECT count(kaoping.rank_score(rank, 67)) FROM bench_row$$,
 'count(rank)', $$SELECT count(rank) FROM bench_row$$,
 $$SELECT count(round(100 - (100 - 60) * (rank - 1)::numeric / (67 - 1), 6)) FROM bench_row$$,
 NULL, NULL);

CREATE TEMP TABLE timing AS
  SELECT primitive, baseline_name, target, target_ratio, m.*
  FROM bench,
       LATERAL pg_temp.median_ms(ARRAY[kaoping_query, baseline_query, plain_query], :runs) m
  WHERE primitive ~ :'only';

\echo
SELECT (SELECT count(*) FROM bench_row) AS rows, :runs AS runs_per_query, version() AS server \gx
SELECT primitive,
       kaoping_ms AS "kaoping ms",
       baseline_name AS baseline,
       baseline_ms AS "baseline ms",
       round(kaoping_ms / baseline_ms, 2) AS "x baseline",
       plain_ms AS "plain SQL ms",
       round(plain_ms / kaoping_ms, 2) AS "plain / kaoping",
       concat_ws(', ', target, '>= 2 x faster than plain') AS targets,
       CASE WHEN (target_ratio IS NULL OR kaoping_ms / baseline_ms <= target_ratio)
                 AND plain_ms / kaoping_ms >= 2 THEN 'met' ELSE 'MISSED' END AS result
FROM timing ORDER BY primitive;

-- Memory of a hash aggregate's states: 200,000 groups, the Memory Usage
-- EXPLAIN ANALYZE reports for the HashAggregate node, against sum(numeric)
-- and count(*) on the same groups.  Target: deduction_score and capped_sum
-- at most 0.65 x sum(numeric).
SET enable_sort = off;
SET work_mem = '4GB';
CREATE OR REPLACE FUNCTION pg_temp.hash_memory_kb(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
  RETURN (WITH RECURSIVE node(n) AS (SELECT plan -> 0 -> 'Plan'
                                     UNION ALL SELECT jsonb_array_elements((n -> 'Plans')::jsonb)::json FROM node
                                     WHERE n -> 'Plans' IS NOT NULL)
          SELECT max((n ->> 'Peak Memory Usage')::bigint) FROM node WHERE n ->> 'Node Type' = 'Aggregate');
END $$;
CREATE TEMP TABLE memory AS
SELECT name, pg_temp.hash_memory_kb(query) AS kb
FROM (VALUES
  ('sum(numeric)', 'SELECT wide_group, sum(deduction) FROM bench_row GROUP BY wide_group'),
  ('count(*)', 'SELECT wide_group, count(*) FROM bench_row GROUP BY wide_group'),
  ('deduction_score', 'SELECT wide_group, kaoping.deduction_score(deduction) FROM bench_row GROUP BY wide_group'),
  ('capped_sum', 'SELECT wide_group, kaoping.capped_sum(deduction, 100) FROM bench_row GROUP BY wide_group'),
  ('adjustment_total', 'SELECT wide_group, kaoping.adjustment_total(rule_group, points, group_cap, 3) FROM bench_row GROUP BY wide_group')
) q (name, query);
\echo
SELECT m.name AS "hash aggregate, 200,000 groups", m.kb AS "memory kB",
       round(m.kb::numeric / s.kb, 2) AS "x sum(numeric)",
       CASE WHEN m.name IN ('deduction_score', 'capped_sum')
            THEN CASE WHEN m.kb <= 0.65 * s.kb THEN 'met (<= 0.65)' ELSE 'MISSED (<= 0.65)' END END AS target
FROM memory m, memory s WHERE s.name = 'sum(numeric)'
ORDER BY m.kb DESC;
