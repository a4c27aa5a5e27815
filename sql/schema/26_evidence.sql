-- 证明材料 evidence: what a unit uploads for its milestones (R3).  The
-- scoring body checks it and records the outcome in milestone_check.
CREATE TABLE kaoping.evidence (
    evidence_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    milestone_id text NOT NULL REFERENCES kaoping.milestone ON UPDATE CASCADE ON DELETE CASCADE,
    submitted_on date NOT NULL DEFAULT current_date,
    submitted_by name NOT NULL DEFAULT kaoping.caller(),
    reference text CHECK (reference <> ''),
    offline boolean NOT NULL DEFAULT false,
    note text,
    CONSTRAINT evidence_classified CHECK (offline = (reference IS NULL))
);
CREATE INDEX evidence_milestone ON kaoping.evidence (milestone_id);
COMMENT ON TABLE kaoping.evidence IS '证明材料 Evidence a unit uploads that a milestone is done (R3): a reference to the material, or for classified material only that it was handed over offline';
COMMENT ON COLUMN kaoping.evidence.evidence_id IS '编号 Number of the upload';
COMMENT ON COLUMN kaoping.evidence.milestone_id IS '节点 The milestone';
COMMENT ON COLUMN kaoping.evidence.submitted_on IS '报送日期 Date of the upload';
COMMENT ON COLUMN kaoping.evidence.submitted_by IS '报送人 The login that uploaded it';
COMMENT ON COLUMN kaoping.evidence.reference IS '材料 Reference to the material (a document number or file); NULL when handed over offline';
COMMENT ON COLUMN kaoping.evidence.offline IS '线下报送 Classified (涉密) material handed over offline: never stored (R3)';
COMMENT ON COLUMN kaoping.evidence.note IS '说明 Note';

-- A check of work done (done or late) says when it was completed (R8a);
-- when the check does not say, the work was completed at the latest when
-- its newest evidence was submitted by the day of the check.
CREATE FUNCTION kaoping.completed_by_evidence(milestone_id text, checked_on date) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT max(e.submitted_on) FROM kaoping.evidence e
    WHERE e.milestone_id = completed_by_evidence.milestone_id AND e.submitted_on <= completed_by_evidence.checked_on;
END;
COMMENT ON FUNCTION kaoping.completed_by_evidence(text, date) IS 'The day a milestone''s newest evidence was submitted by a check''s day: when its work was completed at the latest (R8a)';

CREATE FUNCTION kaoping.milestone_check_problems(c kaoping.milestone_check) RETURNS SETOF kaoping.input_problem
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT 'completed_on', NULL::text, '23502',
           format('the check of milestone %s on %s as %s needs completed_on, the day the work was completed',
                  c.milestone_id, to_char(c.checked_on, 'YYYY-MM-DD'), c.state),
           'Give completed_on from the evidence (R8a); it is taken from the newest evidence submitted by the check when there is one.'
    WHERE c.completed_on IS NULL AND c.state IN ('done', 'late')
      AND kaoping.completed_by_evidence(c.milestone_id, c.checked_on) IS NULL;
END;
COMMENT ON FUNCTION kaoping.milestone_check_problems(kaoping.milestone_check) IS 'The problems of a milestone check: done or late without the day the work was completed, and no evidence to take it from (R8a)';

CREATE FUNCTION kaoping.milestone_check_fill_completed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    problem kaoping.input_problem;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'milestone_check' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NEW.completed_on IS NULL AND NEW.state IN ('done', 'late') THEN
        SELECT * INTO problem FROM kaoping.milestone_check_problems(NEW) LIMIT 1;
        IF FOUND THEN
            PERFORM kaoping.raise_problem(problem);
        END IF;
        NEW.completed_on := kaoping.completed_by_evidence(NEW.milestone_id, NEW.checked_on);
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.milestone_check_fill_completed() IS 'trigger: a done or late check without completed_on takes the day its milestone''s newest evidence was submitted by the check (R8a), or is refused';
CREATE TRIGGER milestone_check_fill_completed BEFORE INSERT OR UPDATE ON kaoping.milestone_check
    FOR EACH ROW WHEN (NEW.completed_on IS NULL AND NEW.state IN ('done', 'late'))
    EXECUTE FUNCTION kaoping.milestone_check_fill_completed();
