-- Running a cycle: recalculation and snapshots, publication, the audit
-- trail, freezing and approval (R19, R20), and every error on the way.
\set SHOW_CONTEXT never
CREATE EXTENSION kaoping;

INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2018', 2018);
UPDATE kaoping.policy SET min_indicators = 1;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('c3', 'city', '丙市'),
  ('d1', 'department', '甲厅'), ('d2', 'department', '乙厅');
INSERT INTO kaoping.scoring_body VALUES ('stats', '统计局');
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, body_id) VALUES
  ('g', '2018', 'city', 'city', '给定', 'given', 'stats'),
  ('p', '2018', 'department', 'policy', '政策', 'deduction', NULL),
  ('k', '2018', 'department', 'common', '共性', 'given', NULL);
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction) VALUES
  ('g', 'c1', 'Y', 90, NULL), ('g', 'c2', 'Y', 80, NULL), ('g', 'c3', 'Y', 70, NULL),
  ('p', 'd1', 'Y', NULL, 1), ('p', 'd2', 'Y', NULL, 0), ('k', 'd1', 'Y', 90, NULL), ('k', 'd2', 'Y', 80, NULL);
INSERT INTO kaoping.task VALUES ('T1', '2018', '任务');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T1', 'd1', 'lead'), ('T1', 'd2', 'responsible');
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, body_id) VALUES
  ('m1', 'T1', 'd1', '2018-09-30', 'stats'), ('m2', 'T1', 'd2', '2018-09-30', NULL);
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m1', '2018-10-08', 'done', '2018-09-28'), ('m2', '2018-10-08', 'done', '2018-09-29');
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
SELECT '2018', 'Y', g, e, u, r
FROM (VALUES ('leader', 'L1'), ('office', 'O'), ('peer', 'd1')) AS ev (g, e),
     (VALUES ('c1', 1), ('c2', 2), ('c3', 3)) AS ranks (u, r)
UNION ALL
SELECT '2018', 'Y', g, e, u, r
FROM (VALUES ('leader', 'L1'), ('office', 'O'), ('peer', 'c1')) AS ev (g, e),
     (VALUES ('d1', 1), ('d2', 2)) AS ranks (u, r);

-- Recalculation: a numbered snapshot of the live figures, in full.
SELECT kaoping.recalculate('2018', 'Y') AS first_snapshot;
SELECT snapshot_id, cycle_id, period, taken_by, final, units, units_with_total, published_at IS NULL AS unpublished
FROM kaoping.snapshot;
SELECT count(*) AS rows_differing
FROM (SELECT cycle_id, period, unit_id, kind, name, indicator_score, individual_score, common_score,
             comprehensive_score, adjustment, total, rank, grade FROM kaoping.snapshot_score
      EXCEPT SELECT * FROM kaoping.live_score WHERE period = 'Y') d;
SELECT part, count(*) FROM kaoping.snapshot_detail GROUP BY part ORDER BY part;
-- H1 has no snapshot to publish yet
SELECT kaoping.publish('2018', 'H1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT unit_id, total, rank, grade, snapshot_id FROM kaoping.latest_score ORDER BY kind, rank;
-- nothing changed since: a scheduled run has nothing to do for Y (H1 has no snapshot yet)
SELECT * FROM kaoping.recalculation_due();
-- a change: c3 does better; the next snapshot shows it, the first stays
UPDATE kaoping.indicator_result SET actual = 95 WHERE unit_id = 'c3';
SELECT * FROM kaoping.recalculation_due();
CALL kaoping.recalculate_due();
SELECT * FROM kaoping.recalculation_due();
SELECT snapshot_id, period, unit_id, total, rank FROM kaoping.score_history WHERE unit_id = 'c3' ORDER BY snapshot_id;
SELECT snapshot_id, unit_id, total, rank FROM kaoping.latest_score WHERE period = 'Y' AND kind = 'city' ORDER BY rank;

-- No row can make a recalculation fail (R0): a ranking cannot lose a unit
-- (R13a), so deleting c2 from L1's ranking is refused when it commits,
-- nothing changes, and nothing is due.
DELETE FROM kaoping.evaluation WHERE evaluator = 'L1' AND unit_id = 'c2';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS l1_city_ranks FROM kaoping.evaluation WHERE evaluator = 'L1' AND unit_kind = 'city';
SELECT * FROM kaoping.recalculation_due();

-- Bad arguments
SELECT kaoping.publish('2017', 'Y');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.publish('2018', 'y');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.recalculate('2017', 'Y');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.recalculate('2018', 'Q3');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.recalculate('2018', NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Publication: the newest snapshot of the period is circulated.
SELECT kaoping.publish('2018', 'Y') AS published;
SELECT snapshot_id, published_by FROM kaoping.snapshot WHERE published_at IS NOT NULL;

-- The audit trail: every kind of change, with who and the rows.
SELECT operation, table_name, unit_id, changed_by, old_row ->> 'actual' AS old_actual, new_row ->> 'actual' AS new_actual
FROM kaoping.audit_log WHERE table_name = 'indicator_result' AND unit_id = 'c3' ORDER BY audit_id;
DELETE FROM kaoping.milestone_check WHERE milestone_id = 'm2';
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m2', '2018-10-09', 'late', '2018-10-05');
SELECT operation, unit_id, old_row ->> 'state' AS old_state, new_row ->> 'state' AS new_state
FROM kaoping.unit_change WHERE unit_id = 'd2' AND table_name = 'milestone_check' ORDER BY audit_id;
SELECT count(DISTINCT transaction_id) AS transactions, count(*) AS changes
FROM kaoping.audit_log WHERE table_name = 'evaluation';
TRUNCATE kaoping.funding;
SELECT operation, table_name, old_row, new_row FROM kaoping.audit_log WHERE operation = 'TRUNCATE';
-- the trail is append-only for everyone but a superuser
CREATE ROLE regress_kaoping_office LOGIN IN ROLE kaoping_admin;
SET ROLE regress_kaoping_office;
DELETE FROM kaoping.audit_log;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.audit_log SET changed_by = 'nobody';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
TRUNCATE kaoping.audit_log;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.audit_log (table_name, operation) VALUES ('unit', 'INSERT');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the office's own changes carry its name
UPDATE kaoping.indicator_result SET actual = 96 WHERE unit_id = 'c3';
RESET ROLE;
SELECT changed_by, old_row ->> 'actual' AS old_actual, new_row ->> 'actual' AS new_actual
FROM kaoping.audit_log WHERE audit_id = (SELECT max(audit_id) FROM kaoping.audit_log);
-- not even through a SECURITY DEFINER function a superuser owns: the
-- trail asks who is acting, not whose rights
CREATE FUNCTION pg_temp.forget_cycles() RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$ WITH gone AS (DELETE FROM kaoping.audit_log WHERE table_name = 'cycle' RETURNING 1) SELECT count(*) FROM gone $$;
GRANT EXECUTE ON FUNCTION pg_temp.forget_cycles() TO regress_kaoping_office;
SET ROLE regress_kaoping_office;
SELECT pg_temp.forget_cycles();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
-- a superuser can
BEGIN;
SELECT pg_temp.forget_cycles() AS forgotten;
ROLLBACK;

-- Freezing: the inputs of a frozen cycle cannot change, by anyone.
SET ROLE regress_kaoping_office;
SELECT kaoping.freeze_cycle('2018');
SELECT count(*) AS checks_before FROM kaoping.milestone_check \gset
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m1', '2018-12-01', 'late', '2018-11-30');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.indicator_result SET actual = 10 WHERE unit_id = 'c1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM kaoping.evaluation;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.policy SET bonus_cap = 5;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM kaoping.task;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2018', 'c1', 'B1a', '2018-05-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evidence (milestone_id, reference) VALUES ('m1', 'doc-1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.cycle SET title = 'changed';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM kaoping.cycle;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the state moves only through the office's functions
UPDATE kaoping.cycle SET state = 'open';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) = :checks_before AS nothing_written FROM kaoping.milestone_check;
-- a frozen cycle can be recalculated, and reopened
SELECT kaoping.recalculate('2018', 'Y') > 0 AS recalculated;
SELECT kaoping.reopen_cycle('2018');
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m1', '2018-12-01', 'done', '2018-09-28');
-- an open cycle cannot be reviewed or approved
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.freeze_cycle('2018');
SELECT kaoping.freeze_cycle('2018');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.reopen_cycle(NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.freeze_cycle('2017');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Approval takes three steps in order, each with its document (R20a): not
-- approval before adoption, nor adoption before review, nor a step without
-- its document or dated before the one it follows.  Reopening discards
-- the steps taken; the last approves.
SELECT kaoping.adopt_cycle('2018', '省政府常务会议', '省政府常务会议纪要〔2019〕3号', '2019-01-25');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '', '2019-01-20');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20');
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adopt_cycle('2018', '省政府常务会议', '省政府常务会议纪要〔2019〕3号', '2019-01-10');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.reopen_cycle('2018'), kaoping.freeze_cycle('2018');
SELECT count(*) AS steps_after_reopening FROM kaoping.approval_step;
SELECT operation, coalesce(old_row, new_row) ->> 'step' AS step, coalesce(old_row, new_row) ->> 'document' AS document FROM kaoping.audit_log
WHERE table_name = 'approval_step' ORDER BY audit_id;
-- Approval stores the final snapshots; unit_score returns them from then on.
CREATE TEMP TABLE approved_view AS SELECT * FROM kaoping.unit_score;
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20');
SELECT kaoping.adopt_cycle('2018', '省政府常务会议', '省政府常务会议纪要〔2019〕3号', '2019-01-25');
SELECT kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28');
SELECT step, body, document, decided_on, entered_by FROM kaoping.approval_step ORDER BY decided_on;
SELECT period, final, units, published_by FROM kaoping.snapshot WHERE final ORDER BY period;
SELECT from_state, to_state, changed_by FROM kaoping.cycle_transition ORDER BY transition_id;
RESET ROLE;
-- a later change of the rules or the units cannot move the approved
-- figures: a superuser changes a built-in rule and renames c2; the live
-- computation moves, unit_score does not (taking c2 out of the unit list
-- would move nothing: the cycle's roster keeps it, R1a)
ALTER TABLE kaoping.adjustment_rule DISABLE TRIGGER adjustment_rule_keep_builtin;
UPDATE kaoping.adjustment_rule SET points = 1.5 WHERE rule_code = 'B1a';
ALTER TABLE kaoping.adjustment_rule ENABLE TRIGGER adjustment_rule_keep_builtin;
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2018', 'c1', 'B1a', '2018-05-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.unit SET active = false, name = '乙市（新）' WHERE unit_id = 'c2';
SELECT count(*) AS rows_moved FROM (SELECT * FROM kaoping.unit_score EXCEPT SELECT * FROM approved_view) d;
SELECT count(*) AS live_rows_moved FROM (SELECT * FROM kaoping.live_score EXCEPT SELECT * FROM approved_view) d;
UPDATE kaoping.unit SET active = true, name = '乙市' WHERE unit_id = 'c2';
-- approved is final
SET ROLE regress_kaoping_office;
SELECT kaoping.reopen_cycle('2018');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.recalculate('2018', 'Y');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CALL kaoping.recalculate_due();
SELECT count(*) AS due FROM kaoping.recalculation_due();
RESET ROLE;

-- Restoring a dump: a superuser session with kaoping.restore = on writes
-- an approved cycle's inputs without the freeze and without new audit
-- records; the setting does nothing for anyone else.
SELECT count(*) AS audit_before FROM kaoping.audit_log \gset
SET kaoping.restore = on;
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m1', '2018-12-30', 'done', '2018-09-28');
SELECT count(*) - :audit_before AS new_audit_records FROM kaoping.audit_log;
SET ROLE regress_kaoping_office;
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m1', '2018-12-31', 'done', '2018-09-28');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
RESET kaoping.restore;

-- Classified evidence is never stored.
INSERT INTO kaoping.evidence (milestone_id, submitted_on, reference, offline) VALUES ('m1', '2018-12-01', 'secret', true);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- A membership names a role that exists.
INSERT INTO kaoping.membership (login, unit_id) VALUES ('regress_kaoping_nobody', 'c1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.membership (login, unit_id, body_id) VALUES ('regress_kaoping_office', 'c1', 'stats');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP TABLE approved_view;
DROP FUNCTION pg_temp.forget_cycles();
DROP EXTENSION kaoping;
DROP ROLE regress_kaoping_office;
