-- A small province worked by hand: three cities, three departments, both
-- periods.  Every figure in the comments was computed by hand from the
-- plan's rules; the views must agree to the cent (here, to the last digit).
CREATE EXTENSION kaoping;

INSERT INTO kaoping.cycle (cycle_id, year, title) VALUES ('2018', 2018, '手算小省');
UPDATE kaoping.policy SET min_indicators = 3;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '沈阳市'), ('c2', 'city', '大连市'), ('c3', 'city', '鞍山市'),
  ('d1', 'department', '省发展改革委'), ('d2', 'department', '省财政厅'), ('d3', 'department', '省教育厅');

-- City indicators.  gdp (efficacy against the peers, weight 0.5):
--   Y 7, 6, 5 → 100, 80, 60;  H1 all 6 → all 100 (all peers equal).
-- jobs (completion, target 100, weight 0.3): Y 120, 90, 50 → 100, 90, 50;
--   H1 50, 45, 40 → 50, 45, 40.
-- safety (deduction, weight 0.2): Y 0, 2, 5.5 → 100, 98, 94.5; H1 none, 1, 0 → 100, 99, 100.
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight, target) VALUES
  ('gdp', '2018', 'city', 'city', '地区生产总值增速', 'efficacy', 0.5, NULL),
  ('jobs', '2018', 'city', 'city', '城镇新增就业', 'completion', 0.3, 100),
  ('safety', '2018', 'city', 'city', '安全生产', 'deduction', 0.2, NULL);
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction) VALUES
  ('gdp', 'c1', 'Y', 7, NULL), ('gdp', 'c2', 'Y', 6, NULL), ('gdp', 'c3', 'Y', 5, NULL),
  ('gdp', 'c1', 'H1', 6, NULL), ('gdp', 'c2', 'H1', 6, NULL), ('gdp', 'c3', 'H1', 6, NULL),
  ('jobs', 'c1', 'Y', 120, NULL), ('jobs', 'c2', 'Y', 90, NULL), ('jobs', 'c3', 'Y', 50, NULL),
  ('jobs', 'c1', 'H1', 50, NULL), ('jobs', 'c2', 'H1', 45, NULL), ('jobs', 'c3', 'H1', 40, NULL),
  ('safety', 'c1', 'Y', NULL, 0), ('safety', 'c2', 'Y', NULL, 2), ('safety', 'c3', 'Y', NULL, 5.5),
  ('safety', 'c1', 'H1', NULL, NULL), ('safety', 'c2', 'H1', NULL, 1), ('safety', 'c3', 'H1', NULL, 0);

-- Tasks.  T1: d1 leads, d2 responsible; T2: d1 leads, d3 responsible.
-- Milestones: d1/T1 m1 due 31 Mar, done 30 Mar; d1/T1 m2 due 30 Sep, late;
-- d2/T1 m3 due 30 Jun, 2 points, never checked; d1/T2 m4 due 31 Dec, done;
-- d3/T2 m5 due 31 May, missed.
-- H1: d1 T1 100 (m2 not due), T2 100 (m4 not due) → 100; d2 98; d3 99.
-- Y:  d1 T1 99, T2 100 → 99.5; d2 98; d3 99.
INSERT INTO kaoping.task VALUES ('T1', '2018', '营商环境'), ('T2', '2018', '教育改革');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES
  ('T1', 'd1', 'lead'), ('T1', 'd2', 'responsible'), ('T2', 'd1', 'lead'), ('T2', 'd3', 'responsible');
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, deduction) VALUES
  ('m1', 'T1', 'd1', '2018-03-31', 1), ('m2', 'T1', 'd1', '2018-09-30', 1), ('m3', 'T1', 'd2', '2018-06-30', 2),
  ('m4', 'T2', 'd1', '2018-12-31', 1), ('m5', 'T2', 'd3', '2018-05-31', 1);
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES
  ('m1', '2018-03-30', 'done', '2018-03-30'), ('m2', '2018-10-05', 'late', '2018-10-03'),
  ('m4', '2018-12-20', 'done', '2018-12-18'), ('m5', '2018-06-01', 'missed', NULL);

-- Department indicators.  docs (policy, deduction): Y 0, 10, 4 → 100, 90, 96; H1 all 100.
-- Common, given: Y (90, 80), (100, 90), (70, 80) → 85, 95, 75; H1 (80, 80), (90, 90), (60, 70) → 80, 90, 65.
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES
  ('docs', '2018', 'department', 'policy', '重要政策文件落实', 'deduction'),
  ('work_safety', '2018', 'department', 'common', '安全生产', 'given'),
  ('secrecy', '2018', 'department', 'common', '保密安全', 'given');
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction) VALUES
  ('docs', 'd1', 'Y', NULL, 0), ('docs', 'd2', 'Y', NULL, 10), ('docs', 'd3', 'Y', NULL, 4),
  ('docs', 'd1', 'H1', NULL, 0), ('docs', 'd2', 'H1', NULL, 0), ('docs', 'd3', 'H1', NULL, 0),
  ('work_safety', 'd1', 'Y', 90, NULL), ('work_safety', 'd2', 'Y', 100, NULL), ('work_safety', 'd3', 'Y', 70, NULL),
  ('secrecy', 'd1', 'Y', 80, NULL), ('secrecy', 'd2', 'Y', 90, NULL), ('secrecy', 'd3', 'Y', 80, NULL),
  ('work_safety', 'd1', 'H1', 80, NULL), ('work_safety', 'd2', 'H1', 90, NULL), ('work_safety', 'd3', 'H1', 60, NULL),
  ('secrecy', 'd1', 'H1', 80, NULL), ('secrecy', 'd2', 'H1', 90, NULL), ('secrecy', 'd3', 'H1', 70, NULL);

-- Rankings, the same in both periods; n = 3: rank 1 → 100, 2 → 80, 3 → 60.
-- Cities: leaders L1 (c1 c2 c3) and L2 (c2 c1 c3) → 90, 90, 60; office (c1 c3 c2) → 100, 60, 80;
--   peers d1 and d2 (c1 c2 c3) → 100, 80, 60.
--   Comprehensive: c1 67.5 + 15 + 10 = 92.5; c2 67.5 + 9 + 8 = 84.5; c3 45 + 12 + 6 = 63.
-- Departments: leader L1 (d1 d2 d3) → 100, 80, 60; office (d2 d1 d3) → 80, 100, 60;
--   peer c1 (d1 d3 d2) → 100, 60, 80.
--   Comprehensive: d1 75 + 12 + 10 = 97; d2 60 + 15 + 6 = 81; d3 45 + 9 + 8 = 62.
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
SELECT '2018', p.period, r.grp, r.evaluator, r.unit_id, r.rank
FROM (VALUES ('H1'), ('Y')) p(period),
     (VALUES ('leader', 'L1', 'c1', 1), ('leader', 'L1', 'c2', 2), ('leader', 'L1', 'c3', 3),
             ('leader', 'L2', 'c2', 1), ('leader', 'L2', 'c1', 2), ('leader', 'L2', 'c3', 3),
             ('office', 'O', 'c1', 1), ('office', 'O', 'c3', 2), ('office', 'O', 'c2', 3),
             ('peer', 'd1', 'c1', 1), ('peer', 'd1', 'c2', 2), ('peer', 'd1', 'c3', 3),
             ('peer', 'd2', 'c1', 1), ('peer', 'd2', 'c2', 2), ('peer', 'd2', 'c3', 3),
             ('leader', 'L1', 'd1', 1), ('leader', 'L1', 'd2', 2), ('leader', 'L1', 'd3', 3),
             ('office', 'O', 'd2', 1), ('office', 'O', 'd1', 2), ('office', 'O', 'd3', 3),
             ('peer', 'c1', 'd1', 1), ('peer', 'c1', 'd3', 2), ('peer', 'c1', 'd2', 3)) r(grp, evaluator, unit_id, rank);

-- Adjustments.  c1: B1b on 1 Apr, 1 May, 1 Sep → H1 0.4 (cap hit exactly), Y 0.6 → 0.4.
-- c2: P1a on 1 Aug → H1 0, Y −2.  c3: B1a 1 Mar + 1 Oct, B2a 15 Mar + 1 Nov, B5 1 Dec →
-- H1 1.5, Y 3.5 → 3 (bonus cap).  d1: B4a judged 0.15 on 1 Nov → Y 0.15.
-- Funding (Y): d1 200, d2 100, d3 0 → B3 2, 1, 0.
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points) VALUES
  ('2018', 'c1', 'B1b', '2018-04-01', NULL), ('2018', 'c1', 'B1b', '2018-05-01', NULL), ('2018', 'c1', 'B1b', '2018-09-01', NULL),
  ('2018', 'c2', 'P1a', '2018-08-01', NULL),
  ('2018', 'c3', 'B1a', '2018-03-01', NULL), ('2018', 'c3', 'B1a', '2018-10-01', NULL),
  ('2018', 'c3', 'B2a', '2018-03-15', NULL), ('2018', 'c3', 'B2a', '2018-11-01', NULL), ('2018', 'c3', 'B5', '2018-12-01', NULL),
  ('2018', 'd1', 'B4a', '2018-11-01', 0.15);
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'd1', 200), ('2018', 'd2', 100), ('2018', 'd3', 0);

-- City indicator scores: Y c1 50 + 30 + 20 = 100; c2 40 + 27 + 19.6 = 86.6; c3 30 + 15 + 18.9 = 63.9.
--                        H1 c1 50 + 15 + 20 = 85; c2 50 + 13.5 + 19.8 = 83.3; c3 50 + 12 + 20 = 82.
SELECT period, unit_id, indicator_score FROM kaoping.city_score ORDER BY period, unit_id;

-- Departments: workload bonus d1 5 × 2/2 = 5 (leads 2), d2 and d3 3 × 1/1 = 3 (responsible for 1).
-- Y individual: d1 99.5 × 0.9 + 100 × 0.1 + 5 = 104.55; d2 88.2 + 9 + 3 = 100.2; d3 89.1 + 9.6 + 3 = 101.7.
--   indicator: d1 104.55 × 0.9 + 85 × 0.1 = 102.595; d2 90.18 + 9.5 = 99.68; d3 91.53 + 7.5 = 99.03.
-- H1 individual: d1 90 + 10 + 5 = 105; d2 88.2 + 10 + 3 = 101.2; d3 89.1 + 10 + 3 = 102.1.
--   indicator: d1 94.5 + 8 = 102.5; d2 91.08 + 9 = 100.08; d3 91.89 + 6.5 = 98.39.
SELECT period, unit_id, tasks_led, tasks_responsible, task_completion, policy_score, workload_bonus,
       individual_score, common_score, indicator_score
FROM kaoping.department_score ORDER BY period, unit_id;
SELECT period, unit_id, task_id, milestones_due, milestones_deducting, score FROM kaoping.task_score ORDER BY period, unit_id, task_id;

SELECT period, unit_id, evaluator_group, evaluators, score FROM kaoping.comprehensive_group_score
WHERE period = 'Y' ORDER BY unit_id, evaluator_group;
SELECT period, unit_id, bonus_raw, bonus_group_capped, penalty, adjustment FROM kaoping.adjustment_score ORDER BY period, unit_id;

-- Totals (R16) and ranks (R17), grades (R18: n = 3, 优秀 floor(0.6) = 0, 良好 floor(2.1) = 2):
-- Y  c1 70 + 27.75 + 0.4 = 98.15; c2 60.62 + 25.35 − 2 = 83.97; c3 44.73 + 18.9 + 3 = 66.63.
--    d1 71.8165 + 29.1 + 2.15 = 103.0665; d2 69.776 + 24.3 + 1 = 95.076; d3 69.321 + 18.6 + 0 = 87.921.
-- H1 has no comprehensive part (R19a: the evaluation is held with the year-end
-- assessment; the H1 rankings above are not used): indicator + adjustments to 30 June.
-- H1 c1 85 + 0.4 = 85.4; c3 82 + 1.5 = 83.5; c2 83.3 + 0 = 83.3.
--    d1 102.5; d2 100.08; d3 98.39.
SELECT period, kind, unit_id, name, indicator_score, individual_score, common_score,
       comprehensive_score, adjustment, total, rank, grade
FROM kaoping.unit_score ORDER BY period, kind, rank;

-- What is missing: d2 and d3 carry fewer than 3 indicators (R4)
SELECT * FROM kaoping.completeness ORDER BY period, unit_id, issue;

-- The year as it really goes (R0, R1a, R8a, R9, R19a), each step by hand.

-- 1. A missing result (R9): c2's Y jobs result is deleted.  c2's city score
-- is not the mean of what remains: it has none, nor a total, and
-- completeness says why.  The others keep theirs; c2 drops out of the ranks.
DELETE FROM kaoping.indicator_result WHERE indicator_id = 'jobs' AND unit_id = 'c2' AND period = 'Y';
SELECT unit_id, indicator_score, total, rank FROM kaoping.unit_score WHERE period = 'Y' AND kind = 'city' ORDER BY unit_id;
SELECT unit_id, issue, detail FROM kaoping.completeness WHERE period = 'Y' AND unit_id = 'c2' ORDER BY issue;
-- With missing_result_score 0 the missing result scores 0:
-- c2 40 + 0 + 19.6 = 59.6; total 41.72 + 25.35 − 2 = 65.07, ranked after c3's 66.63.
UPDATE kaoping.policy SET missing_result_score = 0;
SELECT unit_id, indicator_score, total, rank FROM kaoping.unit_score WHERE period = 'Y' AND kind = 'city' ORDER BY rank;
UPDATE kaoping.policy SET missing_result_score = NULL;
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual) VALUES ('jobs', 'c2', 'Y', 90);

-- 2. A milestone due 31 December, done that day and checked on 10 January
-- (R8a): it does not deduct; d1's T2 stays 100, its total 103.0665.
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, deduction) VALUES ('m6', 'T2', 'd1', '2018-12-31', 1);
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m6', '2019-01-10', 'done', '2018-12-31');
SELECT period, unit_id, task_id, milestones_due, milestones_deducting, score FROM kaoping.task_score
WHERE unit_id = 'd1' AND task_id = 'T2' ORDER BY period;
SELECT unit_id, total FROM kaoping.unit_score WHERE period = 'Y' AND unit_id = 'd1';

-- 3. A mid-year without rankings (R19a): the H1 rankings are withdrawn; the
-- H1 totals stay 85.4, 83.5, 83.3 and 102.5, 100.08, 98.39, and nothing is
-- reported missing for them.
DELETE FROM kaoping.evaluation WHERE period = 'H1';
SELECT kind, unit_id, total, rank, grade FROM kaoping.unit_score WHERE period = 'H1' ORDER BY kind, rank;
SELECT count(*) AS h1_ranking_issues FROM kaoping.completeness WHERE period = 'H1' AND issue LIKE '%rank%';

-- 4. A roster change (R1a): c3 leaves the 2018 roster and the evaluators
-- rank the two cities left.  gdp against the peers c1 7, c2 6 → 100, 60;
-- c2's indicator score 30 + 27 + 19.6 = 76.6.  Rankings (n = 2: 100, 60):
-- leaders L1 (c1 c2), L2 (c2 c1) → 80, 80; office (c1 c2) → 100, 60; peers
-- d1, d2 (c1 c2) → 100, 60.  Comprehensive c1 60 + 15 + 10 = 85, c2 60 + 9
-- + 6 = 75.  Totals c1 70 + 25.5 + 0.4 = 95.9, c2 53.62 + 22.5 − 2 = 74.12.
-- Grades, n = 2: 优秀 floor(0.4) = 0, 良好 floor(1.0) = 1.
BEGIN;
DELETE FROM kaoping.cycle_unit WHERE cycle_id = '2018' AND unit_id = 'c3';
DELETE FROM kaoping.evaluation WHERE period = 'Y' AND unit_id = 'c3';
UPDATE kaoping.evaluation SET rank = 2 WHERE period = 'Y' AND unit_kind = 'city' AND rank = 3;
COMMIT;
SELECT evaluator, string_agg(unit_id || ':' || rank, ' ' ORDER BY rank) FROM kaoping.evaluation
WHERE period = 'Y' AND unit_kind = 'city' GROUP BY evaluator ORDER BY evaluator;
SELECT unit_id, indicator_score, comprehensive_score, adjustment, total, rank, grade
FROM kaoping.unit_score WHERE period = 'Y' AND kind = 'city' ORDER BY rank;
-- c3's input is set aside, and said to be
SELECT period, issue, detail FROM kaoping.completeness WHERE unit_id = 'c3' ORDER BY period, detail;

DROP EXTENSION kaoping;
