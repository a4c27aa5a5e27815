-- The views at the edges: a city without results, a department with no tasks,
-- the bonus cap hit exactly, a tie across a grade boundary, and corrections
-- that change exactly the figures they should.
CREATE EXTENSION kaoping;

INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2018', 2018);
-- quotas 0.34 and 0.33 of the units graded (those with a total)
UPDATE kaoping.policy SET min_indicators = 1, grade_quotas = '{0.34,0.33}';
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('c3', 'city', '丙市'),
  ('d1', 'department', '甲厅'), ('d2', 'department', '乙厅');
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES
  ('g', '2018', 'city', 'city', '给定', 'given'),
  ('p', '2018', 'department', 'policy', '政策', 'deduction'),
  ('k', '2018', 'department', 'common', '共性', 'given');
-- c1 and c2 score alike and are ranked alike: a tie at the top; c3 has
-- no result yet
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction) VALUES
  ('g', 'c1', 'Y', 90, NULL), ('g', 'c2', 'Y', 90, NULL),
  ('p', 'd1', 'Y', NULL, 0), ('p', 'd2', 'Y', NULL, 0), ('k', 'd1', 'Y', 90, NULL), ('k', 'd2', 'Y', 90, NULL);
INSERT INTO kaoping.task VALUES ('T1', '2018', '任务');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T1', 'd1', 'lead');
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, deduction) VALUES ('m1', 'T1', 'd1', '2018-09-30', 4);
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state) VALUES ('m1', '2018-10-08', 'missed');
-- two leaders rank c1 and c2 first in turn, c3 last; d1 before d2
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
SELECT '2018', 'Y', g, e, u, r
FROM (VALUES ('leader', 'L1', '{c1,c2,c3}'::text[]), ('leader', 'L2', '{c2,c1,c3}'), ('office', 'O', '{c1,c2,c3}'),
             ('office', 'O2', '{c2,c1,c3}'), ('peer', 'd1', '{c1,c2,c3}'), ('peer', 'd2', '{c2,c1,c3}'),
             ('leader', 'L1', '{d1,d2}'), ('office', 'O', '{d1,d2}'), ('peer', 'c1', '{d1,d2}')) AS k (g, e, ranking),
     unnest(ranking) WITH ORDINALITY AS x (u, r);
-- c1: B1a ×2 + B2a ×2 = 3, the bonus cap hit exactly; c2: the same
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on)
SELECT '2018', u, r, '2018-07-01' FROM (VALUES ('c1'), ('c2')) a(u), (VALUES ('B1a'), ('B1a'), ('B2a'), ('B2a')) b(r);

-- c3 has no indicator score and d2 no task completion, so no total, rank
-- or grade, and they are not counted for the quotas.  c1 and c2 tie (rank 1,
-- 1): of n = 2, 优秀 may hold floor(0.68) = 0 and 良好 floor(1.34) = 1,
-- so the tie overflows both and falls wholly into 一般.  d2 has no task:
-- no task completion either.
SELECT unit_id, indicator_score, individual_score, comprehensive_score, adjustment, total, rank, grade
FROM kaoping.unit_score WHERE period = 'Y' ORDER BY kind, unit_id;
SELECT unit_id, tasks_led, task_completion, policy_score, workload_bonus, individual_score
FROM kaoping.department_score WHERE period = 'Y' ORDER BY unit_id;
SELECT unit_id, bonus_raw, bonus_group_capped, adjustment FROM kaoping.adjustment_score
WHERE period = 'Y' AND unit_id IN ('c1', 'c2') ORDER BY unit_id;
SELECT unit_id, issue, detail FROM kaoping.completeness WHERE period = 'Y' ORDER BY unit_id NULLS FIRST, issue, detail;

-- An R4 supplement gives d2 a task completion of its own
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, unit_id, category, name, method)
VALUES ('s', '2018', 'department', 'd2', 'task', '三定补充', 'deduction');
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, deduction) VALUES ('s', 'd2', 'Y', 3);
SELECT unit_id, task_completion, individual_score FROM kaoping.department_score WHERE period = 'Y' AND unit_id = 'd2';

-- Corrections change exactly the figures they should.
CREATE TEMP TABLE before AS SELECT * FROM kaoping.unit_score;
-- the missed milestone was in fact done on time: only d1 moves, and only in Y
UPDATE kaoping.milestone_check SET state = 'done', checked_on = '2018-09-28', completed_on = '2018-09-27' WHERE milestone_id = 'm1';
SELECT n.period, n.unit_id, b.indicator_score AS indicator_before, n.indicator_score AS indicator_after,
       b.total AS total_before, n.total AS total_after
FROM kaoping.unit_score n JOIN before b USING (cycle_id, period, unit_id)
WHERE (n.*) IS DISTINCT FROM (b.*) ORDER BY n.period, n.unit_id;
-- a leader swaps c1 and c2 in one statement: the tie is broken; c1 alone
-- fits 良好 (1 of 1), c2 stays 一般
DROP TABLE before;
CREATE TEMP TABLE before AS SELECT * FROM kaoping.unit_score;
UPDATE kaoping.evaluation SET rank = CASE rank WHEN 1 THEN 2 WHEN 2 THEN 1 ELSE rank END
WHERE evaluator = 'L2' AND unit_kind = 'city';
SELECT n.period, n.unit_id, b.comprehensive_score AS comprehensive_before, n.comprehensive_score AS comprehensive_after,
       b.rank AS rank_before, n.rank AS rank_after, b.grade AS grade_before, n.grade AS grade_after
FROM kaoping.unit_score n JOIN before b USING (cycle_id, period, unit_id)
WHERE (n.*) IS DISTINCT FROM (b.*) ORDER BY n.period, n.unit_id;

-- every view and column has a comment
SELECT count(*) AS view_columns, count(*) FILTER (WHERE col_description(c.oid, a.attnum) IS NULL) AS without_comment,
       count(DISTINCT c.oid) FILTER (WHERE obj_description(c.oid) IS NULL) AS views_without_comment
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = 'kaoping'::regnamespace AND c.relkind = 'v' AND a.attnum > 0;

DROP EXTENSION kaoping;
