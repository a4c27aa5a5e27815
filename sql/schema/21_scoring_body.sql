-- The scoring bodies that own indicators and check milestones (R3).

-- 考核主体 scoring_body
CREATE TABLE kaoping.scoring_body (
    body_id text PRIMARY KEY CHECK (body_id <> ''),
    name text NOT NULL
);
COMMENT ON TABLE kaoping.scoring_body IS '考核主体 A scoring body: the office, a department or commission that scores indicators and checks milestones (R3)';
COMMENT ON COLUMN kaoping.scoring_body.body_id IS '主体编号 Code of the body';
COMMENT ON COLUMN kaoping.scoring_body.name IS '名称 Its name';
