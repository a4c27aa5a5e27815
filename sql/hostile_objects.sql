-- Hostile objects on the search_path are never used: functions and
-- operators in public named like those kaoping calls, temp tables named
-- like its tables, and a search_path that puts them before pg_catalog.
-- Every SECURITY DEFINER function pins its search_path.
\set SHOW_CONTEXT never
CREATE EXTENSION kaoping;

INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2018', 2018);
UPDATE kaoping.policy SET min_indicators = 1;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('d1', 'department', '甲厅'), ('d2', 'department', '乙厅');
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES
  ('g', '2018', 'city', 'city', '给定', 'given'),
  ('p', '2018', 'department', 'policy', '政策', 'deduction'),
  ('k', '2018', 'department', 'common', '共性', 'given');
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction) VALUES
  ('g', 'c1', 'Y', 90, NULL), ('g', 'c2', 'Y', 80, NULL),
  ('p', 'd1', 'Y', NULL, 1), ('p', 'd2', 'Y', NULL, 0), ('k', 'd1', 'Y', 90, NULL), ('k', 'd2', 'Y', 80, NULL);
INSERT INTO kaoping.task VALUES ('T1', '2018', '任务');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T1', 'd1', 'lead'), ('T1', 'd2', 'responsible');
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
SELECT '2018', 'Y', g, e, u, r
FROM (VALUES ('leader', 'L1'), ('office', 'O')) AS ev (g, e),
     (VALUES ('c1', 1), ('c2', 2), ('d1', 1), ('d2', 2)) AS ranks (u, r);
CREATE ROLE regress_kaoping_mallory LOGIN IN ROLE kaoping_evaluator, kaoping_admin;
INSERT INTO kaoping.membership (login, evaluator_group, evaluator) VALUES ('regress_kaoping_mallory', 'peer', 'd1');

-- Every hostile object records its call and returns something wrong.
CREATE TABLE public.hostile_call (what text);
GRANT INSERT, SELECT ON public.hostile_call TO PUBLIC;
CREATE FUNCTION public.hostile(what text) RETURNS boolean LANGUAGE sql
    BEGIN ATOMIC INSERT INTO public.hostile_call VALUES (what) RETURNING true; END;
CREATE FUNCTION public.hostile_text_eq(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT public.hostile(''=(text,text)'')';
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hostile_text_eq);
CREATE FUNCTION public.hostile_text_ne(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT public.hostile(''<>(text,text)'')';
CREATE OPERATOR public.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hostile_text_ne);
CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS $$ SELECT public.hostile('now'); SELECT '1999-01-01'::timestamptz $$;
CREATE FUNCTION public.caller() RETURNS name LANGUAGE sql AS $$ SELECT public.hostile('caller'); SELECT 'nobody'::name $$;
CREATE FUNCTION public.current_setting(text) RETURNS text LANGUAGE sql AS $$ SELECT public.hostile('current_setting'); SELECT 'on' $$;
CREATE FUNCTION public.hashtext(text) RETURNS integer LANGUAGE sql AS $$ SELECT public.hostile('hashtext'); SELECT 0 $$;
CREATE FUNCTION public.to_jsonb(anyelement) RETURNS jsonb LANGUAGE sql AS $$ SELECT public.hostile('to_jsonb'); SELECT '{}'::jsonb $$;
CREATE FUNCTION public.format(text, text) RETURNS text LANGUAGE sql AS $$ SELECT public.hostile('format'); SELECT 'SELECT 1' $$;
CREATE FUNCTION public.unnest(text[]) RETURNS SETOF text LANGUAGE sql AS $$ SELECT public.hostile('unnest'); SELECT 'c9' $$;
CREATE FUNCTION public.round(numeric, integer) RETURNS numeric LANGUAGE sql AS $$ SELECT public.hostile('round'); SELECT 0::numeric $$;
CREATE FUNCTION public.weighted_score(numeric, numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT public.hostile('weighted_score'); SELECT 0::numeric $$;
CREATE FUNCTION public.rank_score(integer, integer, numeric, numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT public.hostile('rank_score'); SELECT 0::numeric $$;
CREATE FUNCTION public.pg_advisory_xact_lock(integer, integer) RETURNS void LANGUAGE sql AS $$ SELECT public.hostile('pg_advisory_xact_lock') $$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC;
-- temp tables named like kaoping's, in a session that puts them first
CREATE TEMP TABLE cycle (cycle_id text, state text);
INSERT INTO cycle VALUES ('2018', 'approved');
CREATE TEMP TABLE membership (login name, evaluator_group text, evaluator text);
INSERT INTO membership VALUES ('regress_kaoping_mallory', 'leader', 'L1');
CREATE TEMP TABLE unit (unit_id text, kind text, active boolean);
CREATE TEMP TABLE audit_log (table_name name, operation text);
CREATE TEMP TABLE evaluation (LIKE kaoping.evaluation);
CREATE TEMP TABLE snapshot (LIKE kaoping.snapshot);
GRANT ALL ON cycle, membership, unit, audit_log, evaluation, snapshot TO PUBLIC;
SET search_path = pg_temp, public, pg_catalog, kaoping;

-- Write inputs (the triggers run), submit a ranking, recalculate, freeze
-- and approve, as a login and as the superuser.
SET ROLE regress_kaoping_mallory;
SELECT kaoping.submit_ranking('2018', 'Y', ARRAY['c2', 'c1']) AS ranked;
-- (the test's own statements use no text operator, which would be the hostile one)
UPDATE kaoping.indicator_result SET actual = actual + 1;
SELECT kaoping.recalculate('2018', 'Y') AS snapshot;
CALL kaoping.recalculate_due();
SELECT kaoping.freeze_cycle('2018');
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on) VALUES ('m1', 'T1', 'd1', '2018-09-30');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20'), kaoping.adopt_cycle('2018', '省政府常务会议', '省政府常务会议纪要〔2019〕3号', '2019-01-25'), kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28');
RESET ROLE;
SET kaoping.restore = on;
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'd1', 1);
RESET kaoping.restore;
SET search_path = pg_catalog, public;

-- None of them was ever called, and the figures are the extension's own.
SELECT what, count(*) AS hostile_calls FROM public.hostile_call GROUP BY what;
SELECT evaluator, unit_id, rank FROM kaoping.evaluation WHERE evaluator = 'd1' ORDER BY rank;
-- the final snapshots, computed under the hostile path, are what the
-- live views give under a clean one
SELECT count(*) AS rows_differing
FROM (SELECT * FROM kaoping.unit_score EXCEPT SELECT * FROM kaoping.live_score) d;
SELECT table_name, operation, changed_by, min(changed_at) > '2000-01-01' AS real_time
FROM kaoping.audit_log WHERE changed_by = 'regress_kaoping_mallory' GROUP BY 1, 2, 3 ORDER BY 1, 2;
SELECT snapshot_id, period, taken_by, final, units FROM kaoping.snapshot ORDER BY snapshot_id;
SELECT from_state, to_state, changed_by FROM kaoping.cycle_transition ORDER BY transition_id;
SELECT unit_id, total, rank FROM kaoping.unit_score WHERE period = 'Y' ORDER BY kind, rank;
SELECT count(*) AS funding_rows_restored FROM kaoping.funding;

-- Every SECURITY DEFINER function of kaoping pins search_path, and so
-- does every PL/pgSQL one but the committing procedure, which names
-- everything with its schema.
SELECT p.oid::regprocedure AS function, p.prosecdef AS security_definer
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kaoping'
WHERE (p.prosecdef OR p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql'))
  AND NOT coalesce(p.proconfig @> '{"search_path=pg_catalog, pg_temp"}', false)
ORDER BY 1;
-- and no role but the owner can create objects in the schema kaoping
SELECT r.rolname FROM pg_roles r
WHERE has_schema_privilege(r.oid, 'kaoping', 'CREATE') AND NOT r.rolsuper;

DROP OPERATOR public.= (text, text), public.<> (text, text);
DROP FUNCTION public.hostile_text_eq(text, text), public.hostile_text_ne(text, text), public.now(), public.caller(), public.current_setting(text), public.hashtext(text),
              public.to_jsonb(anyelement), public.format(text, text), public.unnest(text[]),
              public.round(numeric, integer), public.weighted_score(numeric, numeric),
              public.rank_score(integer, integer, numeric, numeric), public.pg_advisory_xact_lock(integer, integer);
DROP FUNCTION public.hostile(text);
DROP TABLE public.hostile_call;
DROP EXTENSION kaoping;
DROP ROLE regress_kaoping_mallory;
