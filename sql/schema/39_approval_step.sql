-- 审定程序 approval_step: the steps that approve a cycle (R20a), written
-- only by the office's verbs of 42_cycle_state.sql.
CREATE TABLE kaoping.approval_step (
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE ON DELETE CASCADE,
    step text NOT NULL CHECK (step IN ('review', 'adoption', 'approval')),
    body text NOT NULL CHECK (body <> ''),
    document text NOT NULL CHECK (document <> ''),
    decided_on date NOT NULL,
    entered_by name NOT NULL DEFAULT kaoping.caller(),
    entered_login name NOT NULL DEFAULT session_user,
    entered_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (cycle_id, step)
);
COMMENT ON TABLE kaoping.approval_step IS '审定程序 The steps that approve a cycle (R20a): review (审核), adoption (常务会审议), approval (审定), each with its body, decision document and date; taken in order on the frozen figures; reopening the cycle discards them';
COMMENT ON COLUMN kaoping.approval_step.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.approval_step.step IS '程序 review, adoption or approval';
COMMENT ON COLUMN kaoping.approval_step.body IS '决定机关 The body that decided, e.g. 省绩效管理工作领导小组';
COMMENT ON COLUMN kaoping.approval_step.document IS '文号 Number of the decision document';
COMMENT ON COLUMN kaoping.approval_step.decided_on IS '决定日期 Date of the decision';
COMMENT ON COLUMN kaoping.approval_step.entered_by IS '录入人 Who entered it';
COMMENT ON COLUMN kaoping.approval_step.entered_login IS '登录名 The login that connected (entered_by may be a role it SET ROLE to)';
COMMENT ON COLUMN kaoping.approval_step.entered_at IS '录入时间 When it was entered';
