-- Five years of history before the demo province's cycle 2018: each of
-- 2013 … 2017 a copy of 2018 (ids prefixed with the year, dates moved back),
-- approved, as a province that has used kaoping for years has them.
-- Loaded as a restore would load it (kaoping.restore = on, as a superuser).
CREATE FUNCTION pg_temp.copy_cycle(y integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c text := y::text;
    back interval := make_interval(years => 2018 - y);
BEGIN
    INSERT INTO kaoping.cycle (cycle_id, year, title) SELECT c, y, title FROM kaoping.cycle WHERE cycle_id = '2018';
    INSERT INTO kaoping.cycle_unit (cycle_id, unit_id) SELECT c, unit_id FROM kaoping.cycle_unit WHERE cycle_id = '2018';
    INSERT INTO kaoping.policy SELECT (jsonb_populate_record(p, jsonb_build_object('cycle_id', c))).*
    FROM kaoping.policy p WHERE p.cycle_id = '2018';
    INSERT INTO kaoping.task (task_id, cycle_id, title) SELECT c || '-' || task_id, c, title FROM kaoping.task WHERE cycle_id = '2018';
    INSERT INTO kaoping.task_assignment (task_id, unit_id, role)
    SELECT c || '-' || a.task_id, a.unit_id, a.role
    FROM kaoping.task_assignment a JOIN kaoping.task t USING (task_id) WHERE t.cycle_id = '2018';
    INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, standard, office, person, deduction)
    SELECT c || '-' || m.milestone_id, c || '-' || m.task_id, m.unit_id, (m.due_on - back)::date, m.standard,
           m.office, m.person, m.deduction
    FROM kaoping.milestone m JOIN kaoping.task t USING (task_id) WHERE t.cycle_id = '2018';
    INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, evidence, offline, completed_on)
    SELECT c || '-' || k.milestone_id, (k.checked_on - back)::date, k.state, k.evidence, k.offline, (k.completed_on - back)::date
    FROM kaoping.milestone_check k JOIN kaoping.milestone m USING (milestone_id) JOIN kaoping.task t USING (task_id)
    WHERE t.cycle_id = '2018';
    INSERT INTO kaoping.indicator
    SELECT (jsonb_populate_record(i, jsonb_build_object('indicator_id', c || '-' || i.indicator_id, 'cycle_id', c))).*
    FROM kaoping.indicator i WHERE i.cycle_id = '2018';
    INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction)
    SELECT c || '-' || r.indicator_id, r.unit_id, r.period, r.actual, r.deduction
    FROM kaoping.indicator_result r JOIN kaoping.indicator i USING (indicator_id) WHERE i.cycle_id = '2018';
    INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, unit_kind, rank)
    SELECT c, period, evaluator_group, evaluator, unit_id, unit_kind, rank FROM kaoping.evaluation WHERE cycle_id = '2018';
    INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points, evidence, note)
    SELECT c, unit_id, rule_code, (occurred_on - back)::date, points, evidence, note
    FROM kaoping.adjustment WHERE cycle_id = '2018';
    INSERT INTO kaoping.funding (cycle_id, period, unit_id, amount)
    SELECT c, period, unit_id, amount FROM kaoping.funding WHERE cycle_id = '2018';
END $$;
SET kaoping.restore = on;
SELECT pg_temp.copy_cycle(y) FROM generate_series(2013, 2017) y;
RESET kaoping.restore;
SELECT kaoping.freeze_cycle(y::text),
       kaoping.review_cycle(y::text, '省绩效管理工作领导小组', '辽绩效组〔' || (y + 1) || '〕1号', make_date(y + 1, 1, 20)),
       kaoping.adopt_cycle(y::text, '省政府常务会议', '省政府常务会议纪要〔' || (y + 1) || '〕3号', make_date(y + 1, 1, 25)),
       kaoping.approve_cycle(y::text, '省政府目标责任考评工作领导小组', '辽考评组〔' || (y + 1) || '〕2号', make_date(y + 1, 1, 28))
FROM generate_series(2013, 2017) y;
ANALYZE;
