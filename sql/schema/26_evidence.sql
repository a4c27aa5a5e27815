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
