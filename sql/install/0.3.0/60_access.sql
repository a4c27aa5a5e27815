-- Who may read and write what.  Privileges say which tables and views a
-- role may touch at all; row-level security says which rows.  The live
-- views compute from every row (a unit's peer efficacy needs its peers'
-- results), so they run with their owner's rights and only kaoping_admin
-- and kaoping_reader may read them.  The snapshot views run with the
-- caller's rights (security_invoker), so row-level security applies
-- through them.

GRANT USAGE ON SCHEMA kaoping TO kaoping_admin, kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;

-- Reference data: the plan, readable by every role, written by the office.
GRANT SELECT ON kaoping.cycle, kaoping.policy, kaoping.unit, kaoping.task, kaoping.task_assignment,
                kaoping.indicator, kaoping.adjustment_rule, kaoping.scoring_body, kaoping.cycle_period
    TO kaoping_admin, kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;
GRANT INSERT, DELETE ON kaoping.cycle TO kaoping_admin;
GRANT UPDATE (year, title) ON kaoping.cycle TO kaoping_admin;
GRANT INSERT, UPDATE, DELETE ON kaoping.policy, kaoping.unit, kaoping.task, kaoping.task_assignment,
                                kaoping.indicator, kaoping.adjustment_rule, kaoping.scoring_body
    TO kaoping_admin;

-- Inputs: every row for the office, the rows of their own for the others.
GRANT SELECT, INSERT, UPDATE, DELETE ON kaoping.milestone, kaoping.milestone_check, kaoping.evidence,
                                        kaoping.indicator_result, kaoping.evaluation, kaoping.adjustment,
                                        kaoping.funding, kaoping.membership
    TO kaoping_admin;
GRANT USAGE ON SEQUENCE kaoping.adjustment_adjustment_id_seq, kaoping.evidence_evidence_id_seq TO kaoping_admin;
GRANT SELECT ON kaoping.milestone, kaoping.evidence TO kaoping_assessor;
GRANT SELECT, INSERT, UPDATE, DELETE ON kaoping.milestone_check, kaoping.indicator_result TO kaoping_assessor;
GRANT SELECT ON kaoping.milestone, kaoping.milestone_check, kaoping.indicator_result, kaoping.adjustment,
                kaoping.funding
    TO kaoping_unit;
GRANT SELECT, INSERT, UPDATE, DELETE ON kaoping.evidence TO kaoping_unit;
GRANT USAGE ON SEQUENCE kaoping.evidence_evidence_id_seq TO kaoping_unit;
GRANT SELECT ON kaoping.evaluation TO kaoping_evaluator;
GRANT SELECT ON kaoping.membership TO kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;

-- Records: read by the office; written only by the extension's functions.
GRANT SELECT ON kaoping.audit_log, kaoping.unit_change, kaoping.cycle_transition TO kaoping_admin;

-- Results.
GRANT SELECT ON kaoping.snapshot, kaoping.snapshot_score, kaoping.snapshot_detail,
                kaoping.latest_snapshot, kaoping.latest_score, kaoping.latest_score_detail, kaoping.score_history
    TO kaoping_admin, kaoping_reader, kaoping_unit;
GRANT SELECT ON kaoping.unit_score, kaoping.live_score, kaoping.assessed_unit, kaoping.indicator_score,
                kaoping.milestone_status, kaoping.task_score, kaoping.department_score, kaoping.city_score,
                kaoping.evaluation_score, kaoping.comprehensive_group_score, kaoping.comprehensive_score,
                kaoping.adjustment_points, kaoping.adjustment_group, kaoping.adjustment_score,
                kaoping.completeness
    TO kaoping_admin, kaoping_reader;

-- Functions that act for the office.
GRANT EXECUTE ON FUNCTION kaoping.recalculate(text, text), kaoping.publish(text, text),
                          kaoping.freeze_cycle(text), kaoping.reopen_cycle(text), kaoping.approve_cycle(text)
    TO kaoping_admin;
GRANT EXECUTE ON PROCEDURE kaoping.recalculate_due() TO kaoping_admin;

-- Row-level security.  The office sees and writes every row (policies
-- apply to it like to anyone but a superuser or the owner).
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

-- A unit: its own milestones, their checks and evidence, its own results,
-- adjustments and funding; never a ranking.
CREATE POLICY own_unit ON kaoping.milestone FOR SELECT TO kaoping_unit
    USING (unit_id IN (SELECT kaoping.my_units()));
CREATE POLICY own_unit ON kaoping.milestone_check FOR SELECT TO kaoping_unit
    USING (milestone_id IN (SELECT kaoping.my_unit_milestones()));
CREATE POLICY own_unit ON kaoping.evidence TO kaoping_unit
    USING (milestone_id IN (SELECT kaoping.my_unit_milestones()))
    WITH CHECK (milestone_id IN (SELECT kaoping.my_unit_milestones()) AND submitted_by = current_user);
CREATE POLICY own_unit ON kaoping.indicator_result FOR SELECT TO kaoping_unit
    USING (unit_id IN (SELECT kaoping.my_units()));
CREATE POLICY own_unit ON kaoping.adjustment FOR SELECT TO kaoping_unit
    USING (unit_id IN (SELECT kaoping.my_units()));
CREATE POLICY own_unit ON kaoping.funding FOR SELECT TO kaoping_unit
    USING (unit_id IN (SELECT kaoping.my_units()));

-- A scoring body: the milestones assigned to it, their evidence and
-- checks, and the results of the indicators it owns.
CREATE POLICY own_body ON kaoping.milestone FOR SELECT TO kaoping_assessor
    USING (body_id IN (SELECT kaoping.my_bodies()));
CREATE POLICY own_body ON kaoping.evidence FOR SELECT TO kaoping_assessor
    USING (milestone_id IN (SELECT kaoping.my_body_milestones()));
CREATE POLICY own_body ON kaoping.milestone_check TO kaoping_assessor
    USING (milestone_id IN (SELECT kaoping.my_body_milestones()))
    WITH CHECK (milestone_id IN (SELECT kaoping.my_body_milestones()));
CREATE POLICY own_body ON kaoping.indicator_result TO kaoping_assessor
    USING (indicator_id IN (SELECT kaoping.my_body_indicators()))
    WITH CHECK (indicator_id IN (SELECT kaoping.my_body_indicators()));

-- An evaluator: its own ranking (written only by kaoping.submit_ranking).
CREATE POLICY own_ranking ON kaoping.evaluation FOR SELECT TO kaoping_evaluator
    USING ((evaluator_group, evaluator) IN (SELECT * FROM kaoping.my_evaluators()));

-- Everyone: the membership rows of their own login.
CREATE POLICY own_login ON kaoping.membership FOR SELECT
    TO kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader
    USING (login = current_user);

-- Results: a BI tool reads every snapshot; a unit its own rows of the
-- published ones (R19: figures reach the units when circulated).
CREATE POLICY dashboards ON kaoping.snapshot FOR SELECT TO kaoping_reader USING (true);
CREATE POLICY dashboards ON kaoping.snapshot_score FOR SELECT TO kaoping_reader USING (true);
CREATE POLICY dashboards ON kaoping.snapshot_detail FOR SELECT TO kaoping_reader USING (true);
CREATE POLICY published ON kaoping.snapshot FOR SELECT TO kaoping_unit
    USING (published_at IS NOT NULL);
CREATE POLICY own_published ON kaoping.snapshot_score FOR SELECT TO kaoping_unit
    USING (unit_id IN (SELECT kaoping.my_units())
           AND snapshot_id IN (SELECT s.snapshot_id FROM kaoping.snapshot s WHERE s.published_at IS NOT NULL));
CREATE POLICY own_published ON kaoping.snapshot_detail FOR SELECT TO kaoping_unit
    USING (unit_id IN (SELECT kaoping.my_units())
           AND snapshot_id IN (SELECT s.snapshot_id FROM kaoping.snapshot s WHERE s.published_at IS NOT NULL));

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
            WHEN 'own_unit' THEN 'kaoping_unit reads the rows of the units it acts for (evidence: writes them too, in its own name)'
            WHEN 'own_body' THEN 'kaoping_assessor reaches the rows of the indicators and milestones of its scoring bodies'
            WHEN 'own_ranking' THEN 'kaoping_evaluator reads its own ranking'
            WHEN 'own_login' THEN 'every role reads its own membership'
            WHEN 'dashboards' THEN 'kaoping_reader reads every snapshot'
            WHEN 'published' THEN 'kaoping_unit sees the snapshots circulated to the units'
            WHEN 'own_published' THEN 'kaoping_unit reads its own figures in circulated snapshots'
        END);
    END LOOP;
END $$;
