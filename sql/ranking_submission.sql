-- An evaluator submits its ranking as a whole through
-- kaoping.submit_ranking, which replaces the previous one atomically; it
-- reads only its own ranking and cannot write one directly.
\set SHOW_CONTEXT never
CREATE EXTENSION kaoping;

INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2018', 2018), ('2017', 2017);
INSERT INTO kaoping.unit (unit_id, kind, name, active) VALUES
  ('c1', 'city', '甲市', true), ('c2', 'city', '乙市', true), ('c3', 'city', '丙市', true),
  ('c4', 'city', '丁市', false), ('d1', 'department', '甲厅', true), ('d2', 'department', '乙厅', true);
CREATE ROLE regress_kaoping_leader LOGIN IN ROLE kaoping_evaluator;
CREATE ROLE regress_kaoping_peer LOGIN IN ROLE kaoping_evaluator;
CREATE ROLE regress_kaoping_nobody LOGIN IN ROLE kaoping_evaluator;
INSERT INTO kaoping.membership (login, evaluator_group, evaluator) VALUES
  ('regress_kaoping_leader', 'leader', 'L1'), ('regress_kaoping_leader', 'office', 'O'),
  ('regress_kaoping_peer', 'peer', 'd1');
-- someone else's ranking, entered by the office
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES
  ('2018', 'Y', 'leader', 'L2', 'c1', 3), ('2018', 'Y', 'leader', 'L2', 'c2', 2), ('2018', 'Y', 'leader', 'L2', 'c3', 1);

SET ROLE regress_kaoping_peer;
SELECT kaoping.submit_ranking('2018', 'Y', ARRAY['c2', 'c1', 'c3']) AS ranked;
SELECT evaluator_group, evaluator, unit_id, rank FROM kaoping.my_ranking ORDER BY evaluator, rank;
-- a second submission replaces the first as a whole
SELECT kaoping.submit_ranking('2018', 'Y', ARRAY['c3', 'c2', 'c1']) AS ranked;
SELECT evaluator, unit_id, rank FROM kaoping.my_ranking ORDER BY evaluator, rank;
-- never a partial ranking, never one by hand
SELECT kaoping.submit_ranking('2018', 'Y', ARRAY['c3', 'c2']);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'H1', 'peer', 'd1', 'c1', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE kaoping.evaluation SET rank = 4 - rank;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM kaoping.evaluation;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a peer ranks the other kind only
SELECT kaoping.submit_ranking('2018', 'Y', ARRAY['d2', 'd1']);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- no reading of the other evaluators' rankings, the inputs or the figures
SELECT count(*) FROM kaoping.indicator_result;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM kaoping.unit_score;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM kaoping.snapshot_score;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;

-- An evaluator with two capacities names the one it submits as.
SET ROLE regress_kaoping_leader;
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['c1', 'c2', 'c3']);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['c1', 'c2', 'c3'], evaluator => 'O') AS ranked;
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['d2', 'd1'], evaluator => 'L1') AS ranked;
SELECT evaluator_group, evaluator, period, unit_id, rank FROM kaoping.my_ranking ORDER BY evaluator, unit_id;
-- bad lists
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['c1', 'c2', 'c3'], evaluator => 'L9');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', NULL, evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', '{}', evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', '{{c1,c2},{c3,c4}}', evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['c1', 'c2', 'c3', 'c9', NULL], evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['c1', 'c2', 'c3', 'c4'], evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['c1', 'c2', 'c1', 'c3'], evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H1', ARRAY['c1', 'c2', 'c3', 'd1', 'd2'], evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2018', 'H2', ARRAY['c1', 'c2', 'c3'], evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.submit_ranking('2019', 'H1', ARRAY['c1', 'c2', 'c3'], evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
SELECT kaoping.freeze_cycle('2017');
SET ROLE regress_kaoping_leader;
SELECT kaoping.submit_ranking('2017', 'Y', ARRAY['c1', 'c2', 'c3'], evaluator => 'L1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
-- a login without an evaluator
SET ROLE regress_kaoping_nobody;
SELECT kaoping.submit_ranking('2018', 'Y', ARRAY['c1', 'c2', 'c3']);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS rankings_seen FROM kaoping.my_ranking;
-- an evaluator has no privilege on the table of all rankings
SELECT count(*) FROM kaoping.evaluation;
RESET ROLE;
-- nothing was written by the failures
SELECT evaluator, period, count(*) FROM kaoping.evaluation GROUP BY evaluator, period ORDER BY evaluator, period;
-- every submission is on record under the evaluator's login
SELECT changed_by, operation, count(*) FROM kaoping.audit_log WHERE table_name = 'evaluation'
GROUP BY changed_by, operation ORDER BY changed_by, operation;

DROP EXTENSION kaoping;
DROP ROLE regress_kaoping_leader, regress_kaoping_peer, regress_kaoping_nobody;
