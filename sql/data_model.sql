-- The data model (doc/rules.md §8): what CREATE EXTENSION makes, and every
-- constraint's rejection of bad input, with its message and SQLSTATE.
CREATE EXTENSION kaoping;

-- the tables of §8 and the rules of §5
SELECT c.relname AS input_table, obj_description(c.oid) AS comment
FROM pg_class c WHERE c.relnamespace = 'kaoping'::regnamespace AND c.relkind = 'r' ORDER BY 1;
SELECT rule_code, points, rule_group, group_cap, min_points, max_points, from_funding
FROM kaoping.adjustment_rule ORDER BY rule_code;
-- every column has a comment in Chinese and English
SELECT count(*) AS columns, count(*) FILTER (WHERE col_description(a.attrelid, a.attnum) IS NULL) AS without_comment
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = 'kaoping'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped;

-- a new cycle gets its policy row with the plan's defaults
INSERT INTO kaoping.cycle (cycle_id, year, title) VALUES ('2018', 2018, '重实干、强执行、抓落实专项行动绩效考评');
SELECT * FROM kaoping.policy;
-- a policy row given for the cycle (a loader, a restore) replaces the defaults
INSERT INTO kaoping.policy (cycle_id, bonus_cap, report_scale) VALUES ('2018', 2.5, 3);
SELECT cycle_id, bonus_cap, report_scale, indicator_weight FROM kaoping.policy;
UPDATE kaoping.policy SET bonus_cap = DEFAULT, report_scale = DEFAULT;

INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('shenyang', 'city', '沈阳市'), ('dalian', 'city', '大连市'), ('anshan', 'city', '鞍山市'),
  ('fgw', 'department', '省发展改革委'), ('czt', 'department', '省财政厅');
INSERT INTO kaoping.unit (unit_id, kind, name, active) VALUES ('retired', 'city', '已撤销', false);
INSERT INTO kaoping.task VALUES ('T001', '2018', '推进营商环境建设');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T001', 'fgw', 'lead'), ('T001', 'czt', 'responsible');
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, standard) VALUES
  ('T001-fgw-Q1', 'T001', 'fgw', '2018-03-31', '出台实施方案');
INSERT INTO kaoping.milestone_check VALUES ('T001-fgw-Q1', '2018-04-02', 'late', 'doc-17', false, '2018-04-01');
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, offline, completed_on) VALUES ('T001-fgw-Q1', '2018-04-10', 'done', true, '2018-03-30');
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight, target)
VALUES ('gdp', '2018', 'city', 'city', '地区生产总值增速', 'completion', 0.3, 6.5),
       ('safety', '2018', 'department', 'common', '安全生产', 'given', 1, NULL);
INSERT INTO kaoping.indicator_result VALUES ('gdp', 'shenyang', 'H1', 6.1, NULL), ('safety', 'fgw', 'Y', 92.5, NULL);
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES
  ('2018', 'Y', 'leader', '省长', 'shenyang', 1), ('2018', 'Y', 'leader', '省长', 'dalian', 2),
  ('2018', 'Y', 'leader', '省长', 'anshan', 3), ('2018', 'Y', 'leader', '省长', 'fgw', 1),
  ('2018', 'Y', 'leader', '省长', 'czt', 2),
  ('2018', 'Y', 'peer', 'fgw', 'dalian', 1), ('2018', 'Y', 'peer', 'fgw', 'shenyang', 2),
  ('2018', 'Y', 'peer', 'fgw', 'anshan', 3);
SELECT evaluator, unit_id, unit_kind, rank FROM kaoping.evaluation ORDER BY unit_kind, evaluator, rank;
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points) VALUES
  ('2018', 'fgw', 'B4a', '2018-11-01', 0.15), ('2018', 'fgw', 'B1b', '2018-05-01', NULL);
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'fgw', 120000000);
INSERT INTO kaoping.adjustment_rule (rule_code, name, points, rule_group) VALUES ('X1', '省定加分', 0.3, 'X1');

-- Bad input: rejected at the door, nothing written
\set SHOW_CONTEXT never
-- rank beyond the number of units of the kind on the roster (3 cities)
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'H1', 'office', '绩效办', 'shenyang', 4);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'H1', 'office', '绩效办', 'shenyang', 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a unit off the roster; two units with the same rank from one evaluator
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'Y', 'leader', '副省长', 'retired', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'Y', 'leader', '省长', 'shenyang', 2);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.evaluation SET rank = 1 WHERE evaluator = '省长' AND unit_id = 'dalian';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a peer ranking its own kind, a ranking of the wrong kind
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'Y', 'peer', 'fgw', 'czt', 2);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, unit_kind, rank) VALUES ('2018', 'Y', 'leader', '副省长', 'czt', 'city', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'Q3', 'leader', '省长', 'czt', 2);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- judged points outside 0.1–0.2, points on a fixed rule, an event for B3
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points) VALUES ('2018', 'fgw', 'B4b', '2018-11-01', 0.3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2018', 'fgw', 'B4b', '2018-11-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points) VALUES ('2018', 'fgw', 'B1a', '2018-11-01', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2018', 'fgw', 'B3', '2018-11-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- an event dated in another year; B4a for a city, or a second time for fgw
-- (R14a); funding for a city; fgw's B4a points may still be corrected
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2018', 'fgw', 'B1a', '2016-11-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points) VALUES ('2018', 'dalian', 'B4a', '2018-11-01', 0.1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2018', 'dalian', 'B6b', '2018-11-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points) VALUES ('2018', 'fgw', 'B4a', '2018-12-01', 0.2);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points) VALUES
  ('2018', 'czt', 'B4b', '2018-03-01', 0.1), ('2018', 'czt', 'B4b', '2018-09-01', 0.2);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.adjustment SET points = 0.2 WHERE unit_id = 'fgw' AND rule_code = 'B4a';
SELECT unit_id, rule_code, points FROM kaoping.adjustment WHERE rule_code IN ('B4a', 'B4b') ORDER BY unit_id;
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'dalian', 1000);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT rule_code, unit_kind, once_per_cycle FROM kaoping.adjustment_rule WHERE unit_kind IS NOT NULL OR once_per_cycle ORDER BY rule_code;
-- fixed thresholds that contradict the direction (R6)
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, satisfactory, unallowable, higher_is_better)
VALUES ('wrongway', '2018', 'city', 'city', '方向相反', 'efficacy', 5, 10, true);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, satisfactory, unallowable, higher_is_better)
VALUES ('wrongway', '2018', 'city', 'city', '方向相反', 'efficacy', 10, 5, false);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the plan's rules stay as they are
UPDATE kaoping.adjustment_rule SET points = 0.3 WHERE rule_code = 'B1b';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM kaoping.adjustment_rule WHERE rule_code = 'P4';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment_rule (rule_code, name, points, rule_group, group_cap) VALUES ('X2', '减分', -1, 'X2', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment_rule (rule_code, name, min_points, max_points, rule_group) VALUES ('X3', '评定', 0.3, 0.1, 'X3');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a negative deduction, a weight of 0, an unknown period or method
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, deduction) VALUES ('T001-czt-Q1', 'T001', 'czt', '2018-03-31', -1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator_result VALUES ('gdp', 'dalian', 'H1', 6.3, -0.5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight) VALUES ('w0', '2018', 'city', 'city', '权重为零', 'deduction', 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator_result VALUES ('gdp', 'dalian', 'Q1', 6.3, NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES ('m', '2018', 'city', 'city', '方法', 'guess');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- indicator shapes: completion without target, equal thresholds, a city category for departments
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES ('c', '2018', 'city', 'city', '无目标', 'completion');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, satisfactory, unallowable) VALUES ('e', '2018', 'city', 'city', '阈值相同', 'efficacy', 5, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES ('k', '2018', 'department', 'city', '类别不符', 'deduction');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- results for a unit the indicator does not cover; a given score above 100; NaN
INSERT INTO kaoping.indicator_result VALUES ('gdp', 'fgw', 'H1', 6.3, NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator_result VALUES ('safety', 'czt', 'Y', 100.5, NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator_result VALUES ('gdp', 'dalian', 'Y', 'NaN', NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- tasks: departments only, one lead; classified evidence is never stored
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T001', 'shenyang', 'responsible');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.task_assignment SET role = 'lead' WHERE unit_id = 'czt';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.milestone_check VALUES ('T001-fgw-Q1', '2018-04-20', 'done', 'secret.pdf', true, '2018-04-19');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.milestone_check VALUES ('T001-fgw-Q1', '2018-04-21', 'finished', NULL, false);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- policy weights must sum to 1, quotas fit the labels; funding is never negative
UPDATE kaoping.policy SET indicator_weight = 0.6;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.policy SET leader_weight = 0.7, office_weight = 0.2, peer_weight = 0.2;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.policy SET grade_quotas = '{0.2,0.5,0.3}';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.policy SET grade_quotas = '{0.2,1.5}';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'czt', -5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.cycle (cycle_id, year, state) VALUES ('2019', 2019, 'closed');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- nothing of the above was written
SELECT (SELECT count(*) FROM kaoping.evaluation) AS evaluations, (SELECT count(*) FROM kaoping.adjustment) AS adjustments,
       (SELECT count(*) FROM kaoping.indicator) AS indicators, (SELECT count(*) FROM kaoping.indicator_result) AS results,
       (SELECT count(*) FROM kaoping.adjustment_rule) AS rules, (SELECT count(*) FROM kaoping.milestone_check) AS checks,
       (SELECT indicator_weight FROM kaoping.policy) AS indicator_weight;

DROP EXTENSION kaoping;
