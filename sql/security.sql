-- What each role can reach, and what it cannot: trigger functions that
-- nobody can attach and that refuse foreign tables, own rows served by
-- functions so that EXPLAIN and the planner tell nothing about hidden
-- rows, writes through functions that check the caller, values no
-- province can have, evidence numbers nobody chooses, and the login
-- recorded beside the role it acted as.  (Several sessions, real logins
-- and every SECURITY DEFINER function as every role: test/t/006_attacks.pl.)
\set SHOW_CONTEXT never
CREATE EXTENSION kaoping;

INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2018', 2018);
UPDATE kaoping.policy SET min_indicators = 1;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES
  ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('c3', 'city', '丙市'),
  ('d1', 'department', '甲厅'), ('d2', 'department', '乙厅');
INSERT INTO kaoping.scoring_body VALUES ('stats', '统计局'), ('audit', '审计厅');
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, body_id) VALUES
  ('g', '2018', 'city', 'city', '给定', 'given', 'stats'),
  ('h', '2018', 'city', 'city', '审计', 'given', 'audit'),
  ('p', '2018', 'department', 'policy', '政策', 'deduction', NULL),
  ('k', '2018', 'department', 'common', '共性', 'given', NULL);
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction) VALUES
  ('g', 'c1', 'Y', 90, NULL), ('g', 'c2', 'Y', 80, NULL), ('g', 'c3', 'Y', 70, NULL),
  ('h', 'c1', 'Y', 60, NULL), ('h', 'c2', 'Y', 70, NULL), ('h', 'c3', 'Y', 80, NULL),
  ('p', 'd1', 'Y', NULL, 1), ('p', 'd2', 'Y', NULL, 0), ('k', 'd1', 'Y', 90, NULL), ('k', 'd2', 'Y', 80, NULL);
INSERT INTO kaoping.task VALUES ('T1', '2018', '任务');
INSERT INTO kaoping.task_assignment (task_id, unit_id, role) VALUES ('T1', 'd1', 'lead'), ('T1', 'd2', 'responsible');
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, body_id) VALUES
  ('m1', 'T1', 'd1', '2018-09-30', 'stats'), ('m2', 'T1', 'd2', '2018-09-30', 'audit');
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
SELECT '2018', 'Y', g, e, u, r
FROM (VALUES ('leader', 'L1'), ('leader', 'L2'), ('office', 'O'), ('peer', 'd1')) AS ev (g, e),
     (VALUES ('c1', 1), ('c2', 2), ('c3', 3)) AS ranks (u, r)
UNION ALL
SELECT '2018', 'Y', g, e, u, r
FROM (VALUES ('leader', 'L1'), ('leader', 'L2'), ('office', 'O'), ('peer', 'c1')) AS ev (g, e),
     (VALUES ('d1', 1), ('d2', 2)) AS ranks (u, r);
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2018', 'd2', 'P1a', '2018-05-01');
CREATE ROLE regress_kaoping_sec_office LOGIN IN ROLE kaoping_admin;
CREATE ROLE regress_kaoping_sec_stats LOGIN IN ROLE kaoping_assessor;
CREATE ROLE regress_kaoping_sec_d1 LOGIN IN ROLE kaoping_unit;
CREATE ROLE regress_kaoping_sec_leader LOGIN IN ROLE kaoping_evaluator;
CREATE ROLE regress_kaoping_sec_bi LOGIN IN ROLE kaoping_reader;
INSERT INTO kaoping.membership (login, unit_id, body_id, evaluator_group, evaluator) VALUES
  ('regress_kaoping_sec_stats', NULL, 'stats', NULL, NULL),
  ('regress_kaoping_sec_d1', 'd1', NULL, NULL, NULL),
  ('regress_kaoping_sec_leader', NULL, NULL, 'leader', 'L1');

-- 1. Functions that run as the extension's owner, and trigger functions:
-- none is executable by PUBLIC; each by the roles whose job it does.
SELECT p.proname AS function, p.prosecdef AS definer, p.prorettype = 'trigger'::regtype AS trigger_function,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public,
       (SELECT string_agg(r, ' ' ORDER BY r) FROM unnest(ARRAY['kaoping_admin', 'kaoping_assessor', 'kaoping_unit',
                                                               'kaoping_evaluator', 'kaoping_reader']) r
        WHERE has_function_privilege(r, p.oid, 'EXECUTE')) AS executable_by
FROM pg_proc p
WHERE p.pronamespace = 'kaoping'::regnamespace AND (p.prosecdef OR p.prorettype = 'trigger'::regtype)
ORDER BY trigger_function, p.proname;

-- 2. A trigger function fired on a table it was not made for refuses to
-- run, before it touches a row (even where a superuser attached it).
CREATE TABLE public.decoy (x integer);
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT p.proname FROM pg_proc p
             WHERE p.pronamespace = 'kaoping'::regnamespace AND p.prorettype = 'trigger'::regtype
             ORDER BY p.proname LOOP
        EXECUTE format('CREATE TRIGGER decoy BEFORE INSERT ON public.decoy FOR EACH ROW EXECUTE FUNCTION kaoping.%I()', f.proname);
        BEGIN
            INSERT INTO public.decoy VALUES (1);
            RAISE NOTICE '%: ran', f.proname;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE '%: % %', f.proname, SQLSTATE, SQLERRM;
        END;
        DROP TRIGGER decoy ON public.decoy;
    END LOOP;
END $$;
SELECT count(*) AS decoy_rows FROM public.decoy;
DROP TABLE public.decoy;

-- 3. The attack of 0.3.0: a login's own type whose cast to json escalates,
-- in a table of its own with kaoping's SECURITY DEFINER audit trigger.
SET SESSION AUTHORIZATION regress_kaoping_sec_d1;
CREATE TYPE pg_temp.hostile AS ENUM ('x');
CREATE FUNCTION pg_temp.escalate(pg_temp.hostile) RETURNS json LANGUAGE plpgsql AS
$$BEGIN EXECUTE format('ALTER ROLE %I SUPERUSER', session_user); RETURN 'null'; END$$;
CREATE CAST (pg_temp.hostile AS json) WITH FUNCTION pg_temp.escalate(pg_temp.hostile);
CREATE TEMP TABLE mine (x pg_temp.hostile);
CREATE TRIGGER mine AFTER INSERT ON mine REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE TRIGGER mine AFTER UPDATE ON mine FOR EACH ROW EXECUTE FUNCTION kaoping.audit_update();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE TRIGGER mine AFTER INSERT ON mine REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO mine VALUES ('x');
RESET SESSION AUTHORIZATION;
SELECT rolname, rolsuper FROM pg_roles WHERE rolname = 'regress_kaoping_sec_d1';
SELECT count(*) AS audit_records_of_other_tables FROM kaoping.audit_log WHERE table_name <> ALL (kaoping.audited_tables());

-- 4. A unit reads its own rows through kaoping.my_*, and no table.
SET ROLE regress_kaoping_sec_d1;
SELECT login, unit_id FROM kaoping.my_membership;
SELECT milestone_id, unit_id FROM kaoping.my_milestone;
SELECT indicator_id, unit_id, actual, deduction FROM kaoping.my_indicator_result ORDER BY indicator_id;
SELECT count(*) AS adjustments FROM kaoping.my_adjustment;
SELECT count(*) AS rankings FROM kaoping.my_ranking;
SELECT count(*) FROM kaoping.indicator_result;
SELECT count(*) FROM kaoping.adjustment;
SELECT count(*) FROM kaoping.snapshot_detail;
SELECT count(*) FROM kaoping.latest_score;
SELECT count(*) FROM kaoping.membership;
BEGIN;
LOCK TABLE kaoping.indicator_result IN ACCESS EXCLUSIVE MODE;
ROLLBACK;
BEGIN;
LOCK TABLE kaoping.my_indicator_result IN ACCESS EXCLUSIVE MODE;
ROLLBACK;
RESET ROLE;

-- 5. EXPLAIN ANALYZE and the planner's estimates tell nothing about rows
-- the caller cannot see: the same plan, the same counts, before and after
-- hidden rows change.
CREATE FUNCTION public.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    FOR line IN EXECUTE 'EXPLAIN ' || query LOOP      -- the estimates too
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;
CREATE TABLE public.seen (who text, query text, plan text);
GRANT INSERT ON public.seen TO PUBLIC;
SET ROLE regress_kaoping_sec_leader;
INSERT INTO public.seen SELECT 'leader', q, public.plan_of(q)
FROM unnest(ARRAY['SELECT * FROM kaoping.my_ranking WHERE rank <= 1',
                  'SELECT * FROM kaoping.my_ranking WHERE evaluator = ''L2'' AND unit_id = ''c3''']) q;
RESET ROLE;
SET ROLE regress_kaoping_sec_d1;
INSERT INTO public.seen SELECT 'd1', q, public.plan_of(q)
FROM unnest(ARRAY['SELECT * FROM kaoping.my_adjustment WHERE unit_id = ''d2''',
                  'SELECT * FROM kaoping.my_score_detail WHERE part = ''adjustment''',
                  'SELECT * FROM kaoping.my_indicator_result WHERE actual > 65']) q;
RESET ROLE;
SET ROLE regress_kaoping_sec_stats;
INSERT INTO public.seen SELECT 'stats', q, public.plan_of(q)
FROM unnest(ARRAY['SELECT * FROM kaoping.my_indicator_result WHERE indicator_id = ''h'' AND actual > 65',
                  'SELECT * FROM kaoping.my_milestone_check WHERE milestone_id = ''m2''']) q;
RESET ROLE;
SELECT who, plan FROM public.seen WHERE query LIKE '%rank <= 1%';
-- the hidden rows change: L2 reverses its ranking, d2 is penalised again,
-- an unpublished snapshot holds d2's penalty groups, audit enters results
-- and checks m2
UPDATE kaoping.evaluation SET rank = 4 - rank WHERE evaluator = 'L2' AND unit_kind = 'city';
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on)
SELECT '2018', 'd2', 'P2a', '2018-06-01' FROM generate_series(1, 50);
UPDATE kaoping.indicator_result SET actual = actual + 10 WHERE indicator_id = 'h';
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on) VALUES ('m2', '2018-10-01', 'late', '2018-10-01');
SELECT kaoping.recalculate('2018', 'Y') AS unpublished_snapshot;
ANALYZE kaoping.evaluation, kaoping.adjustment, kaoping.indicator_result, kaoping.milestone_check,
        kaoping.snapshot_detail;
CREATE TABLE public.seen_again (LIKE public.seen);
GRANT INSERT ON public.seen_again TO PUBLIC;
SET ROLE regress_kaoping_sec_leader;
INSERT INTO public.seen_again SELECT 'leader', s.query, public.plan_of(s.query) FROM (VALUES
  ('SELECT * FROM kaoping.my_ranking WHERE rank <= 1'),
  ('SELECT * FROM kaoping.my_ranking WHERE evaluator = ''L2'' AND unit_id = ''c3''')) s (query);
RESET ROLE;
SET ROLE regress_kaoping_sec_d1;
INSERT INTO public.seen_again SELECT 'd1', s.query, public.plan_of(s.query) FROM (VALUES
  ('SELECT * FROM kaoping.my_adjustment WHERE unit_id = ''d2'''),
  ('SELECT * FROM kaoping.my_score_detail WHERE part = ''adjustment'''),
  ('SELECT * FROM kaoping.my_indicator_result WHERE actual > 65')) s (query);
RESET ROLE;
SET ROLE regress_kaoping_sec_stats;
INSERT INTO public.seen_again SELECT 'stats', s.query, public.plan_of(s.query) FROM (VALUES
  ('SELECT * FROM kaoping.my_indicator_result WHERE indicator_id = ''h'' AND actual > 65'),
  ('SELECT * FROM kaoping.my_milestone_check WHERE milestone_id = ''m2''')) s (query);
RESET ROLE;
SELECT count(*) AS queries, count(*) FILTER (WHERE b.plan = a.plan) AS same_plan_and_counts
FROM public.seen b JOIN public.seen_again a USING (who, query);
DROP TABLE public.seen, public.seen_again;
DROP FUNCTION public.plan_of(text);

-- 6. A scoring body writes the results and checks of its own indicators
-- and milestones, through functions; another body's, or one that does not
-- exist, get the same refusal.
SET ROLE regress_kaoping_sec_stats;
SELECT kaoping.enter_result('g', 'c1', 'H1', 45);
SELECT kaoping.enter_result('g', 'c1', 'H1', 46);
SELECT indicator_id, unit_id, period, actual FROM kaoping.my_indicator_result WHERE period = 'H1';
SELECT kaoping.enter_result('h', 'c1', 'H1', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.enter_result('nonesuch', 'c1', 'H1', 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.enter_result('g', 'c1', 'Y', 9e131071);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.enter_result('g', 'c1', 'Y', 0.1234567890123456789012);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.enter_result('g', 'c1', 'Y', 'NaN');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.remove_result('g', 'c1', 'H1') AS removed, kaoping.remove_result('g', 'c1', 'H1') AS again;
SELECT kaoping.remove_result('h', 'c1', 'Y');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.check_milestone('m1', '2018-10-08', 'done', completed_on => '2018-09-28');
SELECT kaoping.check_milestone('m1', '2018-10-08', 'late', completed_on => '2018-10-02');
SELECT milestone_id, checked_on, state, completed_on FROM kaoping.my_milestone_check;
SELECT kaoping.check_milestone('m2', '2018-10-08', 'done');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.check_milestone('m9', '2018-10-08', 'done');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.check_milestone('m1', '2018-10-09', 'maybe');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.remove_check('m1', '2018-10-08') AS removed;
SELECT kaoping.remove_check('m2', '2018-10-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
SELECT count(*) AS audit_checks_left FROM kaoping.milestone_check WHERE milestone_id = 'm2';

-- 7. A unit uploads evidence for its own milestones, dated today in its
-- name; the number is never its choice.
SET ROLE regress_kaoping_sec_d1;
SELECT kaoping.upload_evidence('m1', '辽发改〔2018〕12号') IS NOT NULL AS uploaded;
SELECT kaoping.upload_evidence('m1', offline => true) IS NOT NULL AS uploaded_offline;
SELECT milestone_id, submitted_on = current_date AS today, submitted_by, reference, offline FROM kaoping.my_evidence ORDER BY evidence_id;
SELECT kaoping.upload_evidence('m2', 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
SELECT kaoping.upload_evidence('m1', 'secret', offline => true);
\set VERBOSITY default
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evidence (evidence_id, milestone_id, reference) VALUES (1000, 'm1', 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
SET ROLE regress_kaoping_sec_office;
INSERT INTO kaoping.evidence (evidence_id, milestone_id, reference) VALUES (1000, 'm2', 'x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO kaoping.evidence (milestone_id, reference) VALUES ('m2', 'the office''s copy');
RESET ROLE;
SELECT evidence_id AS others_evidence FROM kaoping.evidence WHERE milestone_id = 'm2' \gset
-- another unit's evidence cannot be withdrawn, and the answer is the same as for none
SET ROLE regress_kaoping_sec_d1;
SELECT kaoping.withdraw_evidence(:others_evidence) AS withdrawn_other, kaoping.withdraw_evidence(99) AS withdrawn_none;
SELECT kaoping.withdraw_evidence(min(evidence_id)) AS withdrawn_own FROM kaoping.my_evidence;
RESET ROLE;
SELECT milestone_id, submitted_by, reference FROM kaoping.evidence ORDER BY evidence_id;

-- 8. A reader reads group scores, never who ranked whom.
SET ROLE regress_kaoping_sec_bi;
SELECT count(*) > 0 AS group_scores FROM kaoping.comprehensive_group_score;
SELECT count(*) FROM kaoping.evaluation_score;
SELECT count(*) FROM kaoping.evaluation;
RESET ROLE;

-- 9. Values no province can have are refused when written, by anyone.
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual) VALUES ('g', 'c2', 'H1', 9e131071);
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'd1', 1e15);
INSERT INTO kaoping.funding (cycle_id, unit_id, amount) VALUES ('2018', 'd1', 999999999999999.99);
UPDATE kaoping.indicator SET target = 1e-21 WHERE indicator_id = 'g';
SELECT kaoping.plausible(-999999999999999), kaoping.plausible(1e15), kaoping.plausible(1e-20),
       kaoping.plausible(1e-21), kaoping.plausible('Infinity'), kaoping.plausible(NULL) IS NULL AS null_passes;

-- 10. The office acting through SET ROLE kaoping_admin: the trail records
-- the group role and the login.
SET SESSION AUTHORIZATION regress_kaoping_sec_office;
SET ROLE kaoping_admin;
UPDATE kaoping.indicator_result SET actual = 71 WHERE indicator_id = 'g' AND unit_id = 'c3' AND period = 'Y';
SELECT kaoping.freeze_cycle('2018');
SELECT kaoping.publish('2018', 'Y') > 0 AS published;
RESET ROLE;
RESET SESSION AUTHORIZATION;
SELECT changed_by, login FROM kaoping.audit_log WHERE table_name = 'indicator_result' AND operation = 'UPDATE'
ORDER BY audit_id DESC LIMIT 1;
SELECT from_state, to_state, changed_by, login FROM kaoping.cycle_transition;
SELECT published_by, published_by_login FROM kaoping.snapshot WHERE published_at IS NOT NULL;
-- and an assessor's result for a frozen cycle is refused like any write
SET ROLE regress_kaoping_sec_stats;
SELECT kaoping.enter_result('g', 'c1', 'Y', 91);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
-- the unit now sees its figures in the circulated snapshot, and only its own
SET ROLE regress_kaoping_sec_d1;
SELECT unit_id, period, rank IS NOT NULL AS ranked FROM kaoping.my_latest_score;
SELECT count(*) > 0 AS breakdown, count(*) FILTER (WHERE unit_id <> 'd1') AS others FROM kaoping.my_score_detail;
RESET ROLE;

DROP EXTENSION kaoping;
DROP OWNED BY regress_kaoping_sec_d1 CASCADE;
DROP ROLE regress_kaoping_sec_office, regress_kaoping_sec_stats, regress_kaoping_sec_d1,
          regress_kaoping_sec_leader, regress_kaoping_sec_bi;
