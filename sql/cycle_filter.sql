-- A query for one cycle reads that cycle: every view with a cycle lets a
-- filter on it reach the base tables, so a recalculation grows with the
-- year, not with the years of history before it.  Two cycles hold the
-- same data; reading one of them, no scan of a table that has a cycle
-- returns rows of the other.
CREATE EXTENSION kaoping;

CREATE FUNCTION pg_temp.fill(c text, y integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO kaoping.cycle (cycle_id, year) VALUES (c, y);
    UPDATE kaoping.policy SET min_indicators = 1 WHERE cycle_id = c;
    INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES
      (c || 'e', c, 'city', 'city', '功效', 'efficacy'), (c || 'g', c, 'city', 'city', '给定', 'given'),
      (c || 'p', c, 'department', 'policy', '政策', 'deduction'), (c || 'k', c, 'department', 'common', '共性', 'given');
    INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction)
    SELECT c || i, u, p, CASE i WHEN 'p' THEN NULL ELSE 50 + n END, CASE i WHEN 'p' THEN 1 END
    FROM (VALUES ('e', 'c1', 1), ('e', 'c2', 2), ('g', 'c1', 3), ('g', 'c2', 4),
                 ('p', 'd1', 0), ('p', 'd2', 0), ('k', 'd1', 5), ('k', 'd2', 6)) v (i, u, n),
         (VALUES ('H1'), ('Y')) ps (p);
    INSERT INTO kaoping.task VALUES (c || 'T', c, '任务');
    INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES (c || 'T', 'd1', 'lead'), (c || 'T', 'd2', 'responsible');
    INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on)
    VALUES (c || 'm1', c || 'T', 'd1', make_date(y, 3, 31)), (c || 'm2', c || 'T', 'd2', make_date(y, 9, 30));
    INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES (c || 'm1', make_date(y, 4, 2), 'done', make_date(y, 3, 30));
    INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
    SELECT c, p, g, e, u, r
    FROM (VALUES ('leader', 'L1'), ('office', 'O')) ev (g, e), (VALUES ('H1'), ('Y')) ps (p),
         (VALUES ('c1', 1), ('c2', 2), ('d1', 1), ('d2', 2)) ranks (u, r);
    INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
    SELECT c, p, 'peer', e, u, r
    FROM (VALUES ('d1', 'c1', 1), ('d1', 'c2', 2), ('c1', 'd1', 1), ('c1', 'd2', 2)) v (e, u, r), (VALUES ('H1'), ('Y')) ps (p);
    INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES (c, 'd1', 'B1a', make_date(y, 5, 1));
    INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES (c, 'd1', 10), (c, 'd2', 5);
END $$;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('d1', 'department', '甲厅'), ('d2', 'department', '乙厅');
SELECT pg_temp.fill('2017', 2017), pg_temp.fill('2018', 2018);
ANALYZE;

-- The scans of tables that have a cycle in the plan of a query for 2018:
-- the most rows one of them returned in a loop, and the rows 2018 has.
CREATE FUNCTION pg_temp.rows_of_other_cycles(query text) RETURNS TABLE (relation text, rows_read numeric, rows_of_2018 bigint)
LANGUAGE plpgsql AS $$
DECLARE
    plan jsonb;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
    RETURN QUERY
    WITH RECURSIVE node(n) AS (
        SELECT plan -> 0 -> 'Plan'
        UNION ALL
        SELECT jsonb_array_elements(n -> 'Plans') FROM node WHERE n ? 'Plans')
    SELECT n ->> 'Relation Name', max((n ->> 'Actual Rows')::numeric), max(o.rows_of_2018)::bigint
    FROM node
    JOIN (VALUES ('cycle', 1), ('policy', 1), ('task', 1), ('indicator', 4), ('evaluation', 32), ('adjustment', 1),
                 ('funding', 2)) o (relation, rows_of_2018) ON o.relation = n ->> 'Relation Name'
    GROUP BY 1;
END $$;

SELECT c.relname AS view,
       coalesce(string_agg(r.relation, ', ' ORDER BY r.relation)
                FILTER (WHERE r.rows_read > r.rows_of_2018), '') AS reads_other_cycles
FROM pg_class c
CROSS JOIN LATERAL pg_temp.rows_of_other_cycles(format('SELECT * FROM kaoping.%I WHERE cycle_id = %L', c.relname, '2018')) r
WHERE c.relnamespace = 'kaoping'::regnamespace AND c.relkind = 'v'
  AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'cycle_id')
  AND c.relname NOT LIKE 'my\_%'
GROUP BY c.relname
ORDER BY c.relname;

-- and the one query a recalculation runs, for one cycle and period
SELECT relation, rows_read <= rows_of_2018 AS only_2018
FROM pg_temp.rows_of_other_cycles($$SELECT * FROM kaoping.live_score WHERE cycle_id = '2018' AND period = 'Y'$$)
ORDER BY relation;

DROP EXTENSION kaoping;
