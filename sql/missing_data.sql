-- Data as a province has it: a result that never came (R9), a mid-year
-- without rankings (R19a), common indicators of unequal weight (R11), and
-- departments with nothing to score a part (R0), December's work checked in
-- January and corrected checks (R8a), mid-year targets (R6a).  Every unit of the roster
-- either has a total or completeness says why not, in English and Chinese.
CREATE EXTENSION kaoping;
\set SHOW_CONTEXT never
INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2018', 2018);
UPDATE kaoping.policy SET min_indicators = 0;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('c3', 'city', '丙市'),
  ('d1', 'department', '甲厅'), ('d2', 'department', '乙厅'), ('d3', 'department', '丙厅');
-- cities: GDP (efficacy against the peers, weight 0.6) and a given score
-- (weight 0.4), in H1 and Y
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight) VALUES
  ('gdp', '2018', 'city', 'city', '地区生产总值', 'efficacy', 0.6),
  ('env', '2018', 'city', 'city', '营商环境', 'given', 0.4),
  -- departments: one policy indicator, two common ones of weights 1 and 3
  ('pol', '2018', 'department', 'policy', '政策落实', 'deduction', 1),
  ('k1', '2018', 'department', 'common', '安全生产', 'given', 1),
  ('k2', '2018', 'department', 'common', '依法行政', 'given', 3);
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction) VALUES
  ('gdp', 'c1', 'H1', 8, NULL), ('gdp', 'c2', 'H1', 6, NULL), ('gdp', 'c3', 'H1', 4, NULL),
  ('env', 'c1', 'H1', 90, NULL), ('env', 'c2', 'H1', 80, NULL), ('env', 'c3', 'H1', 70, NULL),
  ('gdp', 'c1', 'Y', 8, NULL), ('gdp', 'c2', 'Y', 6, NULL), ('gdp', 'c3', 'Y', 4, NULL),
  ('env', 'c1', 'Y', 90, NULL), ('env', 'c2', 'Y', 80, NULL), ('env', 'c3', 'Y', 70, NULL),
  ('pol', 'd1', 'Y', NULL, 2), ('pol', 'd2', 'Y', NULL, 0), ('pol', 'd3', 'Y', NULL, 0),
  ('k1', 'd1', 'Y', 80, NULL), ('k2', 'd1', 'Y', 100, NULL),
  ('k1', 'd2', 'Y', 90, NULL), ('k2', 'd2', 'Y', 90, NULL),
  ('k1', 'd3', 'Y', 70, NULL), ('k2', 'd3', 'Y', 70, NULL);
-- d1 and d2 carry the one task; d3 has none
INSERT INTO kaoping.task VALUES ('T1', '2018', '任务');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T1', 'd1', 'lead'), ('T1', 'd2', 'responsible');
-- the year-end rankings, complete; nobody ranks at mid-year
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
SELECT '2018', 'Y', g, e, u, r
FROM (VALUES ('leader', 'L1', '{c1,c2,c3}'::text[]), ('office', 'O', '{c1,c2,c3}'), ('peer', 'd1', '{c1,c2,c3}'),
             ('leader', 'L1', '{d1,d2,d3}'), ('office', 'O', '{d1,d2,d3}'), ('peer', 'c1', '{d1,d2,d3}')) AS k (g, e, ranking),
     unnest(ranking) WITH ORDINALITY AS x (u, r);
-- a bonus before 30 June counts in H1 and Y; one after, in Y only
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES
  ('2018', 'c1', 'B2a', '2018-03-01'), ('2018', 'c1', 'B2a', '2018-09-01');

-- R19a: the mid-year total is the indicator score plus the adjustments to
-- 30 June, with no comprehensive part and no ranking needed.  c1: GDP
-- scores 100, env 90: 100 × 0.6 + 90 × 0.4 = 96, + 0.5 = 96.5.
SELECT unit_id, indicator_score, comprehensive_score, adjustment, total, rank, grade
FROM kaoping.unit_score WHERE period = 'H1' AND kind = 'city' ORDER BY unit_id;
-- in Y the comprehensive evaluation counts 30 %: c1 96 × 0.7 + 100 × 0.3 + 1.0 = 98.2
SELECT unit_id, indicator_score, comprehensive_score, adjustment, total, rank
FROM kaoping.unit_score WHERE period = 'Y' AND kind = 'city' ORDER BY unit_id;
-- where the office holds a mid-year evaluation, H1 is weighted like Y and
-- needs its rankings: without them no city has an H1 total, and each is
-- told why
UPDATE kaoping.policy SET mid_year_evaluation = true;
SELECT unit_id, comprehensive_score, total FROM kaoping.unit_score WHERE period = 'H1' AND kind = 'city' ORDER BY unit_id;
SELECT unit_id, issue, detail, detail_zh FROM kaoping.completeness
WHERE period = 'H1' AND unit_id = 'c1' ORDER BY detail;
UPDATE kaoping.policy SET mid_year_evaluation = DEFAULT;

-- R11: the common indicators are a plain mean.  d1: (80 + 100) / 2 = 90,
-- not the weighted 95.
SELECT unit_id, policy_score, common_score FROM kaoping.department_score WHERE period = 'Y' ORDER BY unit_id;

-- R9: c2's GDP result for Y never came.  Its indicator score is not the
-- mean of what is there (env alone, 80): it has no total, no rank and no
-- grade, the others are ranked among themselves, and completeness names
-- the result.  The peers of GDP are c1 and c3.
DELETE FROM kaoping.indicator_result WHERE indicator_id = 'gdp' AND unit_id = 'c2' AND period = 'Y';
SELECT unit_id, indicator_score, total, rank FROM kaoping.unit_score WHERE period = 'Y' AND kind = 'city' ORDER BY unit_id;
SELECT unit_id, issue, detail, detail_zh FROM kaoping.completeness WHERE period = 'Y' AND unit_id = 'c2';
-- a row without its value is as missing as no row
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual) VALUES ('gdp', 'c2', 'Y', NULL);
SELECT unit_id, indicator_score, total FROM kaoping.unit_score WHERE period = 'Y' AND unit_id = 'c2';
-- policy may score a missing result instead ("not reported" scores 0):
-- c2 then has 0 × 0.6 + 80 × 0.4 = 32, and completeness still notes it
UPDATE kaoping.policy SET missing_result_score = 0;
SELECT unit_id, indicator_score, total, rank FROM kaoping.unit_score WHERE period = 'Y' AND kind = 'city' ORDER BY unit_id;
SELECT unit_id, issue, detail, detail_zh FROM kaoping.completeness WHERE period = 'Y' AND unit_id = 'c2';
UPDATE kaoping.policy SET missing_result_score = 101;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.policy SET missing_result_score = DEFAULT;
-- the late result arrives: c2 is scored on it
UPDATE kaoping.indicator_result SET actual = 6 WHERE indicator_id = 'gdp' AND unit_id = 'c2' AND period = 'Y';
SELECT unit_id, indicator_score, total, rank FROM kaoping.unit_score WHERE period = 'Y' AND unit_id = 'c2';

-- R0: d3 has no task (its individual score has no task completion); d2
-- loses its policy indicator's result; a new city c4 joins the roster with
-- no result at all.  None has a total, and each is told every reason.
DELETE FROM kaoping.indicator_result WHERE indicator_id = 'pol' AND unit_id = 'd2';
DELETE FROM kaoping.evaluation;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES ('c4', 'city', '丁市');
SELECT period, unit_id, total FROM kaoping.unit_score WHERE total IS NULL ORDER BY period, unit_id;
SELECT period, unit_id, issue, detail, detail_zh FROM kaoping.completeness
WHERE unit_id IN ('c4', 'd2', 'd3') AND period = 'Y' ORDER BY period, unit_id, issue, detail;
-- a city to which no indicator applies is told so
DELETE FROM kaoping.indicator WHERE unit_kind = 'city';
SELECT DISTINCT unit_id, issue, detail_zh FROM kaoping.completeness WHERE unit_id = 'c1' AND issue = 'nothing to score';
-- R8a: lateness is judged by when the work was completed, not by the day
-- of the check, and the newest check is the verdict.
INSERT INTO kaoping.task VALUES ('T2', '2018', '年度任务');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T2', 'd3', 'lead');
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on) VALUES
  ('dec', 'T2', 'd3', '2018-12-31'), ('mar', 'T2', 'd3', '2018-03-31'), ('fix', 'T2', 'd3', '2018-05-31'),
  ('ev', 'T2', 'd3', '2018-06-30');
-- due 31 December, done that day, checked on 10 January: on time
-- due 31 March, "done" but completed on 30 September: late, in H1 and Y
-- due 31 May, found missed on 2 June, then corrected on 5 June: done on
-- 30 May, so on time (the correction replaces the verdict)
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES
  ('dec', '2019-01-10', 'done', '2018-12-31'), ('mar', '2018-10-08', 'done', '2018-09-30'),
  ('fix', '2018-06-02', 'missed', NULL), ('fix', '2018-06-05', 'done', '2018-05-30');
-- a check of done work without its day takes it from the newest evidence
-- submitted by then; with no evidence it is refused
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state) VALUES ('ev', '2018-07-02', 'done');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evidence (milestone_id, submitted_on, reference) VALUES ('ev', '2018-06-28', 'evidence/ev.pdf'), ('ev', '2018-07-05', 'evidence/ev2.pdf');
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state) VALUES ('ev', '2018-07-02', 'done');
SELECT period, milestone_id, due_on, verdict, completed_on, checked_on, deducts
FROM kaoping.milestone_status WHERE task_id = 'T2' ORDER BY period, due_on;
-- missed work has no completion day; work is not checked before it is done
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('mar', '2018-10-09', 'missed', '2018-09-30');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('mar', '2018-10-09', 'late', '2018-10-30');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- R6a: the mid-year is measured against the period's own target (序时进度)
-- where the office sets one: 40 jobs by June is 80 % of the 50 due then,
-- not 40 % of the year's 100; an indicator without one is noted.
INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2019', 2019);
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight, target, satisfactory, unallowable, higher_is_better)
VALUES ('jobs19', '2019', 'city', 'city', '新增就业', 'completion', 1, 100, NULL, NULL, true),
       ('energy19', '2019', 'city', 'city', '能耗', 'efficacy', 1, NULL, 0.5, 0.9, false);
INSERT INTO kaoping.indicator_period (indicator_id, period, target) VALUES ('jobs19', 'H1', 50);
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual) VALUES
  ('jobs19', 'c1', 'H1', 40), ('jobs19', 'c1', 'Y', 90), ('energy19', 'c1', 'H1', 0.7);
SELECT indicator_id, period, unit_id, actual, score FROM kaoping.indicator_score WHERE cycle_id = '2019' ORDER BY indicator_id, period;
SELECT period, issue, detail, detail_zh FROM kaoping.completeness WHERE cycle_id = '2019' AND issue = 'year target at mid-year';
-- a period's thresholds, then: the energy indicator at mid-year
INSERT INTO kaoping.indicator_period (indicator_id, period, satisfactory, unallowable) VALUES ('energy19', 'H1', 0.6, 1.0);
SELECT indicator_id, period, unit_id, actual, score FROM kaoping.indicator_score WHERE indicator_id = 'energy19';
-- thresholds against the direction, a target for an efficacy indicator,
-- nothing at all: refused
UPDATE kaoping.indicator_period SET satisfactory = 1.0, unallowable = 0.6 WHERE indicator_id = 'energy19';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator_period (indicator_id, period, target) VALUES ('energy19', 'Y', 0.8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.indicator_period (indicator_id, period) VALUES ('jobs19', 'Y');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- the rule behind all of them: every unit of the roster without a total,
-- in every period, has a reason
SELECT count(*) AS units_without_total,
       count(*) FILTER (WHERE NOT EXISTS (
           SELECT FROM kaoping.completeness c
           WHERE c.cycle_id = u.cycle_id AND c.period = u.period AND c.unit_id = u.unit_id)) AS without_reason
FROM kaoping.unit_score u WHERE u.total IS NULL;

DROP EXTENSION kaoping;
