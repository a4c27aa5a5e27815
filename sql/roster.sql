-- Who a cycle assesses is its roster, kaoping.cycle_unit (R1a), and a
-- ranking is complete when its transaction commits, however it was written
-- (R13a).  No row of one unit can break the figures of the others (R0).
CREATE EXTENSION kaoping;
\set SHOW_CONTEXT never

INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('c3', 'city', '丙市'),
  ('d1', 'department', '甲厅'), ('d2', 'department', '乙厅');
INSERT INTO kaoping.unit (unit_id, kind, name, active) VALUES ('c9', 'city', '已撤销', false);

-- A new cycle's roster is the units then active.
INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2017', 2017), ('2018', 2018);
SELECT cycle_id, string_agg(unit_id, ' ' ORDER BY unit_id) AS roster FROM kaoping.cycle_unit GROUP BY cycle_id ORDER BY cycle_id;

-- A unit created later joins every open cycle, not a frozen one.
SELECT kaoping.freeze_cycle('2017');
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES ('c4', 'city', '丁市'), ('d3', 'department', '丙厅');
SELECT cycle_id, string_agg(unit_id, ' ' ORDER BY unit_id) AS roster FROM kaoping.cycle_unit GROUP BY cycle_id ORDER BY cycle_id;
-- a frozen cycle's roster cannot change
DELETE FROM kaoping.cycle_unit WHERE cycle_id = '2017' AND unit_id = 'c1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.cycle_unit (cycle_id, unit_id) VALUES ('2017', 'c4');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.reopen_cycle('2017');
-- a unit that does not exist cannot be on a roster; one already on it is
-- put on again without change
INSERT INTO kaoping.cycle_unit (cycle_id, unit_id) VALUES ('2018', 'c5');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.cycle_unit (cycle_id, unit_id) VALUES ('2018', 'c4'), ('2018', 'c4');
SELECT count(*) AS c4_rows FROM kaoping.cycle_unit WHERE cycle_id = '2018' AND unit_id = 'c4';
-- changing active afterwards changes no roster, so 2017 keeps its units
UPDATE kaoping.unit SET active = false WHERE unit_id = 'c1';
SELECT cycle_id, string_agg(DISTINCT unit_id, ' ' ORDER BY unit_id) AS assessed FROM kaoping.assessed_unit GROUP BY cycle_id ORDER BY cycle_id;
UPDATE kaoping.unit SET active = true WHERE unit_id = 'c1';
-- the roster changes are in the audit trail
SELECT operation, new_row ->> 'cycle_id' AS cycle_id, new_row ->> 'unit_id' AS unit_id
FROM kaoping.audit_log WHERE table_name = 'cycle_unit' AND operation = 'INSERT' ORDER BY audit_id, 2, 3;

-- Peers of an efficacy indicator are the roster's units with a result
-- (R6): c4's far better figure counts while c4 is assessed, and once the
-- office takes c4 off the roster (merged into c3) the others score
-- 100 / 80 / 60 again; c4's result is set aside and listed.
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight)
VALUES ('e', '2018', 'city', 'city', '功效', 'efficacy', 1);
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual) VALUES
  ('e', 'c1', 'Y', 100), ('e', 'c2', 'Y', 90), ('e', 'c3', 'Y', 80), ('e', 'c4', 'Y', 300);
SELECT unit_id, score FROM kaoping.indicator_score WHERE indicator_id = 'e' ORDER BY unit_id;
-- B3 is shared among the roster's departments that report funding (R14)
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'd1', 100), ('2018', 'd2', 50), ('2018', 'd3', 200);
SELECT unit_id, points FROM kaoping.adjustment_points WHERE cycle_id = '2018' AND period = 'Y' AND rule_code = 'B3' ORDER BY unit_id;
DELETE FROM kaoping.cycle_unit WHERE cycle_id = '2018' AND unit_id IN ('c4', 'd3');
SELECT unit_id, score FROM kaoping.indicator_score WHERE indicator_id = 'e' ORDER BY unit_id;
SELECT unit_id, points FROM kaoping.adjustment_points WHERE cycle_id = '2018' AND period = 'Y' AND rule_code = 'B3' ORDER BY unit_id;
SELECT unit_id, issue, detail FROM kaoping.completeness
WHERE cycle_id = '2018' AND period = 'Y' AND issue = 'not on roster' ORDER BY unit_id, detail;

-- Rankings (R13a).  An incomplete one written with plain INSERTs is
-- refused when it commits, naming the evaluator and the units it misses;
-- nothing is written.
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES
  ('2018', 'Y', 'leader', 'L1', 'c1', 1), ('2018', 'Y', 'leader', 'L1', 'c3', 3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS rows_written FROM kaoping.evaluation;
-- rank 4 of 3 cities is refused at once
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES
  ('2018', 'Y', 'leader', 'L1', 'c1', 4);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- written in parts, a ranking is whole when it commits
BEGIN;
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'Y', 'leader', 'L1', 'c1', 1);
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'Y', 'leader', 'L1', 'c2', 2);
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES ('2018', 'Y', 'leader', 'L1', 'c3', 3);
COMMIT;
SELECT unit_id, rank, ranked, score FROM kaoping.evaluation_score WHERE evaluator = 'L1' ORDER BY rank;
-- a ranking cannot lose a unit
DELETE FROM kaoping.evaluation WHERE evaluator = 'L1' AND unit_id = 'c2';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- checked at the end of each statement under SET CONSTRAINTS IMMEDIATE,
-- and checked again when a later statement touches the ranking
BEGIN;
SET CONSTRAINTS kaoping.ranking_complete IMMEDIATE;
UPDATE kaoping.evaluation SET rank = 4 - rank WHERE evaluator = 'L1';
DELETE FROM kaoping.evaluation WHERE evaluator = 'L1' AND unit_id = 'c2';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
-- a whole ranking may go, and ranks may be swapped in one statement
DELETE FROM kaoping.evaluation WHERE evaluator = 'L1';
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
SELECT '2018', 'Y', 'leader', e, u, r
FROM (VALUES ('L1', '{c1,c2,c3}'::text[]), ('L2', '{c3,c2,c1}')) k (e, ranking), unnest(ranking) WITH ORDINALITY x (u, r);
UPDATE kaoping.evaluation SET rank = CASE rank WHEN 1 THEN 2 WHEN 2 THEN 1 ELSE rank END WHERE evaluator = 'L2';
SELECT evaluator, string_agg(unit_id || ':' || rank, ' ' ORDER BY rank) AS ranking FROM kaoping.evaluation GROUP BY evaluator ORDER BY evaluator;
SELECT count(*) AS notes_left FROM kaoping.ranking_written;

-- A roster change after the rankings leaves them incomplete: they are set
-- aside and listed, nothing fails, and the units are told why they have no
-- comprehensive score.  A new ranking of the roster is used again.
INSERT INTO kaoping.cycle_unit (cycle_id, unit_id) VALUES ('2018', 'c4');
SELECT count(*) AS ranks_used FROM kaoping.evaluation_score WHERE cycle_id = '2018';
SELECT unit_id, issue, detail FROM kaoping.completeness
WHERE cycle_id = '2018' AND period = 'Y' AND issue IN ('incomplete ranking', 'unranked') ORDER BY unit_id NULLS FIRST, detail;
SELECT count(*) AS units, count(total) AS with_total FROM kaoping.unit_score WHERE cycle_id = '2018';
DELETE FROM kaoping.cycle_unit WHERE cycle_id = '2018' AND unit_id = 'c4';
SELECT count(*) AS ranks_used FROM kaoping.evaluation_score WHERE cycle_id = '2018';

DROP EXTENSION kaoping;
