-- The year as the assessment office runs it: logins, a snapshot circulated
-- at mid-year, a correction on record, the scheduled recalculation, the
-- freeze, approval.  Each step is done by the login whose job it is.
\pset footer off
\pset null '—'
SET client_min_messages = warning;

\echo
\echo '== Operating the cycle: logins of the office, the statistics bureau, Shenyang and a dashboard'
CREATE ROLE office LOGIN IN ROLE kaoping_admin;
CREATE ROLE stats LOGIN IN ROLE kaoping_assessor;
CREATE ROLE shenyang LOGIN IN ROLE kaoping_unit;
CREATE ROLE dashboard LOGIN IN ROLE kaoping_reader;
INSERT INTO kaoping.scoring_body VALUES ('stats', '省统计局');
UPDATE kaoping.indicator SET body_id = 'stats' WHERE indicator_id IN ('C01', 'C02', 'C03');
INSERT INTO kaoping.membership (login, unit_id, body_id) VALUES ('stats', NULL, 'stats'), ('shenyang', 'city01', NULL);

SET ROLE office;
\echo '-- the office recalculates both periods and circulates H1'
SELECT kaoping.recalculate('2018', 'H1') AS h1_snapshot, kaoping.recalculate('2018', 'Y') AS y_snapshot,
       kaoping.publish('2018', 'H1') AS circulated;

SET ROLE shenyang;
\echo '-- what Shenyang sees: its own circulated figures, nothing else'
SELECT period, name, round(total, 2) AS total, rank, grade, snapshot_id FROM kaoping.my_latest_score;
SELECT (SELECT count(*) FROM kaoping.my_indicator_result) AS results_it_sees,
       (SELECT count(DISTINCT unit_id) FROM kaoping.my_indicator_result) AS of_units;

SET ROLE stats;
\echo '-- the statistics bureau corrects a result of its indicator C01'
SELECT count(kaoping.enter_result(indicator_id, unit_id, period, actual + 0.5)::text) AS results_corrected
FROM kaoping.my_indicator_result WHERE indicator_id = 'C01' AND unit_id = 'city01' AND period = 'Y';

SET ROLE office;
\echo '-- on record (kaoping.unit_change)'
SELECT changed_by, table_name, operation, old_row ->> 'actual' AS before, new_row ->> 'actual' AS after
FROM kaoping.unit_change WHERE unit_id = 'city01' AND operation = 'UPDATE';
\echo '-- the scheduled job (CALL kaoping.recalculate_due()) takes what changed'
CALL kaoping.recalculate_due();
SELECT period, snapshot_id, round(total, 4) AS total, rank FROM kaoping.score_history WHERE unit_id = 'city01' ORDER BY snapshot_id;

\echo '-- freeze, and a late correction is refused'
SELECT kaoping.freeze_cycle('2018');
DO $$
BEGIN
    UPDATE kaoping.indicator_result SET actual = 0 WHERE unit_id = 'city01';
EXCEPTION WHEN object_not_in_prerequisite_state THEN
    RAISE WARNING 'refused: %', SQLERRM;
END $$;
\echo '-- approve in the plan''s three steps, each with its document (R20a): the final snapshots are stored, and unit_score returns them'
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20');
SELECT kaoping.adopt_cycle('2018', '省政府常务会议', '省政府常务会议纪要〔2019〕3号', '2019-01-25');
SELECT kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28');
SELECT step, body, document, decided_on, entered_by FROM kaoping.approval_step ORDER BY decided_on;
SELECT from_state, to_state, changed_by, login FROM kaoping.cycle_transition ORDER BY transition_id;
SELECT snapshot_id, period, taken_by, final, units, published_by FROM kaoping.snapshot ORDER BY snapshot_id;

SET ROLE dashboard;
\echo '-- a dashboard reads the newest snapshots'
SELECT cycle_id, period, snapshot_id, final, units FROM kaoping.latest_snapshot ORDER BY period;
RESET ROLE;
SELECT table_name, count(*) AS audit_records FROM kaoping.audit_log GROUP BY table_name ORDER BY table_name;
