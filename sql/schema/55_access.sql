-- Who may read and write what.  Privileges say which tables and views a
-- role may touch at all; row-level security says which rows.
--
-- The office (kaoping_admin) and the dashboards (kaoping_reader) read the
-- tables and views themselves.  Units, scoring bodies and evaluators hold
-- no privilege on a table that also holds others' rows: they read through
-- kaoping.my_* and write through the functions of 52_own_rows.sql and
-- submit_ranking, so that what they run is never planned over a hidden row
-- (an EXPLAIN ANALYZE or a row estimate would tell about it).  The live
-- views compute from every row (a unit's peer efficacy needs its peers'
-- results), so they run with their owner's rights and only the office and
-- the dashboards may read them; the snapshot views run with the caller's
-- rights (security_invoker), so row-level security applies through them.

GRANT USAGE ON SCHEMA kaoping TO kaoping_admin, kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;

-- Reference data: the plan, the same for everyone, written by the office.
GRANT SELECT ON kaoping.cycle, kaoping.policy, kaoping.unit, kaoping.cycle_unit, kaoping.roster_size, kaoping.task, kaoping.task_assignment,
                kaoping.indicator, kaoping.indicator_period, kaoping.adjustment_rule, kaoping.scoring_body, kaoping.cycle_period
    TO kaoping_admin, kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;
GRANT INSERT, DELETE ON kaoping.cycle TO kaoping_admin;
GRANT UPDATE (year, title) ON kaoping.cycle TO kaoping_admin;
GRANT INSERT, UPDATE, DELETE ON kaoping.policy, kaoping.unit, kaoping.cycle_unit, kaoping.task, kaoping.task_assignment,
                                kaoping.indicator, kaoping.indicator_period, kaoping.adjustment_rule, kaoping.scoring_body
    TO kaoping_admin;

-- Inputs: the office writes every row.
GRANT SELECT, INSERT, UPDATE, DELETE ON kaoping.milestone, kaoping.milestone_check, kaoping.evidence,
                                        kaoping.indicator_result, kaoping.evaluation, kaoping.adjustment,
                                        kaoping.funding, kaoping.membership
    TO kaoping_admin;
GRANT USAGE ON SEQUENCE kaoping.adjustment_adjustment_id_seq, kaoping.evidence_evidence_id_seq TO kaoping_admin;

-- Records: read by the office; written only by the extension's functions.
GRANT SELECT ON kaoping.audit_log, kaoping.unit_change, kaoping.cycle_transition TO kaoping_admin;
GRANT SELECT ON kaoping.approval_step TO kaoping_admin, kaoping_reader;

-- Results.  A reader sees the scores of evaluator groups
-- (comprehensive_group_score), never who ranked whom (evaluation_score).
GRANT SELECT ON kaoping.snapshot, kaoping.snapshot_score, kaoping.snapshot_detail,
                kaoping.latest_snapshot, kaoping.latest_score, kaoping.latest_score_detail, kaoping.score_history
    TO kaoping_admin, kaoping_reader;
GRANT SELECT ON kaoping.unit_score, kaoping.live_score, kaoping.assessed_unit, kaoping.indicator_score, kaoping.unit_indicator,
                kaoping.milestone_status, kaoping.task_score, kaoping.department_score, kaoping.city_score,
                kaoping.comprehensive_group_score, kaoping.comprehensive_score,
                kaoping.adjustment_points, kaoping.adjustment_group, kaoping.adjustment_score,
                kaoping.completeness
    TO kaoping_admin, kaoping_reader;
GRANT SELECT ON kaoping.evaluation_score TO kaoping_admin;

-- Own rows, for every role that acts for something.
GRANT SELECT ON kaoping.my_membership TO kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;
GRANT SELECT ON kaoping.my_milestone, kaoping.my_milestone_check, kaoping.my_evidence, kaoping.my_indicator_result
    TO kaoping_assessor, kaoping_unit;
GRANT SELECT ON kaoping.my_adjustment, kaoping.my_funding, kaoping.my_score, kaoping.my_score_detail,
                kaoping.my_latest_score
    TO kaoping_unit;
GRANT SELECT ON kaoping.my_ranking TO kaoping_evaluator;

-- Functions.  Nothing of kaoping's that runs as its owner, and no trigger
-- function, is executable by PUBLIC; each is granted to the roles whose
-- job it does.
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'kaoping'::regnamespace
          AND (p.prosecdef OR p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype
               OR p.proname IN ('my_units', 'my_bodies', 'my_evaluators', 'my_milestone_ids',
                                'check_scores_indicator', 'check_milestone_of'))
    LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION kaoping.recalculate(text, text), kaoping.publish(text, text),
                          kaoping.freeze_cycle(text), kaoping.reopen_cycle(text),
                          kaoping.review_cycle(text, text, text, date), kaoping.adopt_cycle(text, text, text, date),
                          kaoping.approve_cycle(text, text, text, date)
    TO kaoping_admin;
GRANT EXECUTE ON PROCEDURE kaoping.recalculate_due() TO kaoping_admin;
GRANT EXECUTE ON FUNCTION kaoping.my_membership_rows() TO kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;
GRANT EXECUTE ON FUNCTION kaoping.my_milestone_rows(), kaoping.my_milestone_check_rows(), kaoping.my_evidence_rows(),
                          kaoping.my_indicator_result_rows()
    TO kaoping_assessor, kaoping_unit;
GRANT EXECUTE ON FUNCTION kaoping.my_adjustment_rows(), kaoping.my_funding_rows(), kaoping.my_score_rows(),
                          kaoping.my_score_detail_rows(),
                          kaoping.upload_evidence(text, text, boolean, text), kaoping.withdraw_evidence(bigint)
    TO kaoping_unit;
GRANT EXECUTE ON FUNCTION kaoping.enter_result(text, text, text, numeric, numeric),
                          kaoping.remove_result(text, text, text),
                          kaoping.check_milestone(text, date, text, text, boolean, date), kaoping.remove_check(text, date)
    TO kaoping_assessor;
GRANT EXECUTE ON FUNCTION kaoping.my_ranking_rows(), kaoping.submit_ranking(text, text, text[], text)
    TO kaoping_evaluator;

-- Row-level security, should a privilege ever be granted by mistake: the
-- office reaches every row, a dashboard every snapshot, nobody else any.
DO $$
DECLARE
    protected text;
BEGIN
    FOREACH protected IN ARRAY ARRAY['milestone', 'milestone_check', 'evidence', 'indicator_result',
                                     'evaluation', 'adjustment', 'funding', 'membership', 'snapshot',
                                     'snapshot_score', 'snapshot_detail', 'audit_log'] LOOP
        EXECUTE pg_catalog.format(
            'ALTER TABLE kaoping.%1$I ENABLE ROW LEVEL SECURITY;
             CREATE POLICY office ON kaoping.%1$I TO kaoping_admin USING (true) WITH CHECK (true);', protected);
    END LOOP;
END $$;
CREATE POLICY dashboards ON kaoping.snapshot FOR SELECT TO kaoping_reader USING (true);
CREATE POLICY dashboards ON kaoping.snapshot_score FOR SELECT TO kaoping_reader USING (true);
CREATE POLICY dashboards ON kaoping.snapshot_detail FOR SELECT TO kaoping_reader USING (true);

DO $$
DECLARE
    p record;
BEGIN
    FOR p IN
        SELECT pol.polname, pol.polrelid::regclass AS rel
        FROM pg_catalog.pg_policy pol
        JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
        WHERE c.relnamespace = 'kaoping'::regnamespace
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON POLICY %I ON %s IS %L', p.polname, p.rel, CASE p.polname
            WHEN 'office' THEN 'kaoping_admin (the assessment office) reads and writes every row'
            WHEN 'dashboards' THEN 'kaoping_reader reads every snapshot'
        END);
    END LOOP;
END $$;
