\echo Use "CREATE EXTENSION kaoping" to load this file. \quit
-- kaoping 0.3.0: running the assessment for a province.  Who is who: the
-- group roles the province grants to its logins, the scoring bodies that
-- own indicators and milestones, and the membership of each login.

-- The five group roles (NOLOGIN).  Roles belong to the cluster, not to the
-- database, so they are made only where missing and outlive DROP EXTENSION.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['kaoping_admin', 'kaoping_assessor', 'kaoping_unit',
                                     'kaoping_evaluator', 'kaoping_reader'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;
END $$;
COMMENT ON ROLE kaoping_admin IS 'kaoping: the assessment office (绩效办): reads and writes everything, moves cycles on';
COMMENT ON ROLE kaoping_assessor IS 'kaoping: a scoring body: writes results of the indicators it owns and checks of the milestones assigned to it';
COMMENT ON ROLE kaoping_unit IS 'kaoping: an assessed city or department: reads its own inputs and published figures, uploads evidence for its milestones';
COMMENT ON ROLE kaoping_evaluator IS 'kaoping: an evaluator: submits and reads its own ranking, as a whole';
COMMENT ON ROLE kaoping_reader IS 'kaoping: a BI tool: reads the result views';

-- 考核主体 scoring_body
CREATE TABLE kaoping.scoring_body (
    body_id text PRIMARY KEY CHECK (body_id <> ''),
    name text NOT NULL
);
COMMENT ON TABLE kaoping.scoring_body IS '考核主体 A scoring body: the office, a department or commission that scores indicators and checks milestones (R3)';
COMMENT ON COLUMN kaoping.scoring_body.body_id IS '主体编号 Code of the body';
COMMENT ON COLUMN kaoping.scoring_body.name IS '名称 Its name';

ALTER TABLE kaoping.indicator
    ADD COLUMN body_id text REFERENCES kaoping.scoring_body ON UPDATE CASCADE;
COMMENT ON COLUMN kaoping.indicator.body_id IS '考核主体 The scoring body that enters its results, or NULL for the office alone';
ALTER TABLE kaoping.milestone
    ADD COLUMN body_id text REFERENCES kaoping.scoring_body ON UPDATE CASCADE;
COMMENT ON COLUMN kaoping.milestone.body_id IS '核验主体 The scoring body that checks it, or NULL for the office alone';

-- 用户映射 membership: which unit, scoring body or evaluator a login acts for
CREATE TABLE kaoping.membership (
    login name NOT NULL,
    unit_id text REFERENCES kaoping.unit ON UPDATE CASCADE ON DELETE CASCADE,
    body_id text REFERENCES kaoping.scoring_body ON UPDATE CASCADE ON DELETE CASCADE,
    evaluator_group text CHECK (evaluator_group IN ('leader', 'office', 'peer')),
    evaluator text CHECK (evaluator <> ''),
    CONSTRAINT membership_one_capacity CHECK (num_nonnulls(unit_id, body_id, evaluator) = 1),
    CONSTRAINT membership_evaluator_group CHECK ((evaluator IS NULL) = (evaluator_group IS NULL)),
    CONSTRAINT membership_once UNIQUE NULLS NOT DISTINCT (login, unit_id, body_id, evaluator_group, evaluator)
);
CREATE INDEX membership_login ON kaoping.membership (login);
COMMENT ON TABLE kaoping.membership IS '用户映射 What a login acts for: a unit (with kaoping_unit), a scoring body (kaoping_assessor) or an evaluator (kaoping_evaluator); one row per capacity; row-level security reads it';
COMMENT ON COLUMN kaoping.membership.login IS '登录角色 The login role';
COMMENT ON COLUMN kaoping.membership.unit_id IS '单位 The unit it acts for';
COMMENT ON COLUMN kaoping.membership.body_id IS '考核主体 The scoring body it acts for';
COMMENT ON COLUMN kaoping.membership.evaluator_group IS '评价主体 leader, office or peer, with evaluator';
COMMENT ON COLUMN kaoping.membership.evaluator IS '评价人 The evaluator it ranks as (for peers, the ranking unit''s unit_id)';

-- Who is acting: the login, or the role it SET ROLE to.  Unlike
-- current_user it stays the same inside SECURITY DEFINER functions, so the
-- audit trail and the ranking function name the person, not the owner.
CREATE FUNCTION kaoping.caller() RETURNS name
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE pg_catalog.current_setting('role')
               WHEN 'none' THEN session_user
               ELSE pg_catalog.current_setting('role')::name
           END;
END;
COMMENT ON FUNCTION kaoping.caller() IS 'The acting role: the login, or the role it SET ROLE to; the same inside SECURITY DEFINER functions';

-- pg_restore of a database puts back frozen cycles' inputs and the audit
-- trail as they were: a superuser restoring with
-- PGOPTIONS='-c kaoping.restore=on' is let through the freeze and not
-- audited again.  Anyone else setting it (a superuser's session after SET
-- ROLE to another role included) changes nothing.
CREATE FUNCTION kaoping.restoring() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(pg_catalog.current_setting('kaoping.restore', true), '') = 'on'
       AND coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = kaoping.caller()), false);
END;
COMMENT ON FUNCTION kaoping.restoring() IS 'Whether a superuser is restoring a dump (kaoping.restore = on): the freeze and the audit trail let it through';

-- A login is mapped only if the role exists (a typo would grant nothing).
CREATE FUNCTION kaoping.membership_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT kaoping.restoring() AND NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = NEW.login) THEN
        RAISE EXCEPTION 'login % does not exist', NEW.login
            USING ERRCODE = 'undefined_object',
                  HINT = 'Create the login role first, then grant it the kaoping group role it needs.';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.membership_check() IS 'trigger: a membership names an existing role';
CREATE TRIGGER membership_check BEFORE INSERT OR UPDATE ON kaoping.membership
    FOR EACH ROW EXECUTE FUNCTION kaoping.membership_check();

-- The units, bodies and evaluators of the current user, for the policies
-- of row-level security (membership shows each login its own rows).
CREATE FUNCTION kaoping.my_units() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.unit_id FROM kaoping.membership m WHERE m.login = current_user AND m.unit_id IS NOT NULL;
END;
COMMENT ON FUNCTION kaoping.my_units() IS 'The units the current user acts for (kaoping.membership)';

CREATE FUNCTION kaoping.my_bodies() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.body_id FROM kaoping.membership m WHERE m.login = current_user AND m.body_id IS NOT NULL;
END;
COMMENT ON FUNCTION kaoping.my_bodies() IS 'The scoring bodies the current user acts for (kaoping.membership)';

CREATE FUNCTION kaoping.my_unit_milestones() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.milestone_id FROM kaoping.milestone m WHERE m.unit_id IN (SELECT kaoping.my_units());
END;
COMMENT ON FUNCTION kaoping.my_unit_milestones() IS 'The milestones of the units the current user acts for';

CREATE FUNCTION kaoping.my_body_milestones() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.milestone_id FROM kaoping.milestone m WHERE m.body_id IN (SELECT kaoping.my_bodies());
END;
COMMENT ON FUNCTION kaoping.my_body_milestones() IS 'The milestones assigned to the scoring bodies the current user acts for';

CREATE FUNCTION kaoping.my_body_indicators() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT i.indicator_id FROM kaoping.indicator i WHERE i.body_id IN (SELECT kaoping.my_bodies());
END;
COMMENT ON FUNCTION kaoping.my_body_indicators() IS 'The indicators owned by the scoring bodies the current user acts for';

CREATE FUNCTION kaoping.my_evaluators() RETURNS TABLE (evaluator_group text, evaluator text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.evaluator_group, m.evaluator FROM kaoping.membership m
    WHERE m.login = current_user AND m.evaluator IS NOT NULL;
END;
COMMENT ON FUNCTION kaoping.my_evaluators() IS 'The evaluators the current user ranks as (kaoping.membership)';
-- 证明材料 evidence: what a unit uploads for its milestones (R3).  The
-- scoring body checks it and records the outcome in milestone_check.
CREATE TABLE kaoping.evidence (
    evidence_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
-- 审计日志 The audit trail (R20, 可追责): every insert, update and delete on
-- the input tables, with who, when, the table, and the old and new row.
-- Only the extension's triggers write it; no role but a superuser can
-- change or delete it.
CREATE TABLE kaoping.audit_log (
    audit_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    changed_by name NOT NULL DEFAULT kaoping.caller(),
    transaction_id xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    table_name name NOT NULL,
    operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    unit_id text,
    old_row jsonb,
    new_row jsonb,
    client_addr inet DEFAULT pg_catalog.inet_client_addr(),
    application_name text DEFAULT pg_catalog.current_setting('application_name')
);
CREATE INDEX audit_log_unit ON kaoping.audit_log (unit_id, changed_at);
CREATE INDEX audit_log_transaction ON kaoping.audit_log (transaction_id);
COMMENT ON TABLE kaoping.audit_log IS '审计日志 Every change to the input tables (R20): who, when, which table, the row before and after; append-only';
COMMENT ON COLUMN kaoping.audit_log.audit_id IS '编号 Order of the change';
COMMENT ON COLUMN kaoping.audit_log.changed_at IS '时间 When: the start of the changing transaction';
COMMENT ON COLUMN kaoping.audit_log.changed_by IS '操作人 Who: the login, or the role it SET ROLE to';
COMMENT ON COLUMN kaoping.audit_log.transaction_id IS '事务 The changing transaction (changes of one transaction share it)';
COMMENT ON COLUMN kaoping.audit_log.table_name IS '表 The table changed';
COMMENT ON COLUMN kaoping.audit_log.operation IS '操作 INSERT, UPDATE, DELETE or TRUNCATE';
COMMENT ON COLUMN kaoping.audit_log.unit_id IS '单位 The unit whose figures the row feeds, where there is one';
COMMENT ON COLUMN kaoping.audit_log.old_row IS '修改前 The row before (UPDATE, DELETE)';
COMMENT ON COLUMN kaoping.audit_log.new_row IS '修改后 The row after (INSERT, UPDATE)';
COMMENT ON COLUMN kaoping.audit_log.client_addr IS '地址 Client address, NULL over a local socket';
COMMENT ON COLUMN kaoping.audit_log.application_name IS '应用 The client''s application_name';

-- The unit a row feeds: its unit_id, or its milestone's unit.
CREATE FUNCTION kaoping.audit_unit(row_data jsonb) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(row_data ->> 'unit_id',
                    (SELECT m.unit_id FROM kaoping.milestone m WHERE m.milestone_id = row_data ->> 'milestone_id'));
END;
COMMENT ON FUNCTION kaoping.audit_unit(jsonb) IS 'The unit an input row feeds: its unit_id, or its milestone''s unit';

-- Inserts and deletes are recorded once per statement from its transition
-- table, so that loading a province costs one insert per statement, not a
-- trigger call per row; updates once per row, to keep old and new together.
CREATE FUNCTION kaoping.audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF kaoping.restoring() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO kaoping.audit_log (table_name, operation, unit_id, new_row)
        SELECT TG_TABLE_NAME, TG_OP, kaoping.audit_unit(r.j), r.j
        FROM (SELECT pg_catalog.to_jsonb(n) AS j FROM new_rows n) r;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO kaoping.audit_log (table_name, operation, unit_id, old_row)
        SELECT TG_TABLE_NAME, TG_OP, kaoping.audit_unit(r.j), r.j
        FROM (SELECT pg_catalog.to_jsonb(o) AS j FROM old_rows o) r;
    ELSE
        INSERT INTO kaoping.audit_log (table_name, operation) VALUES (TG_TABLE_NAME, TG_OP);
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.audit_statement() IS 'trigger: records a statement''s inserted or deleted rows, or a TRUNCATE, in kaoping.audit_log';

CREATE FUNCTION kaoping.audit_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    new_row jsonb := pg_catalog.to_jsonb(NEW);
BEGIN
    IF NOT kaoping.restoring() THEN
        INSERT INTO kaoping.audit_log (table_name, operation, unit_id, old_row, new_row)
        VALUES (TG_TABLE_NAME, TG_OP, kaoping.audit_unit(new_row), pg_catalog.to_jsonb(OLD), new_row);
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.audit_update() IS 'trigger: records an updated row, before and after, in kaoping.audit_log';

-- Append-only: even a SECURITY DEFINER function cannot change the trail
-- unless a superuser is the one acting.
CREATE FUNCTION kaoping.audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = kaoping.caller()), false) THEN
        RAISE EXCEPTION 'the audit log is append-only; % cannot %', kaoping.caller(), pg_catalog.lower(TG_OP)
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only a superuser can change or delete audit records.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION kaoping.audit_log_append_only() IS 'trigger: only a superuser can change or delete audit records';
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON kaoping.audit_log
    FOR EACH ROW EXECUTE FUNCTION kaoping.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON kaoping.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_log_append_only();

-- Every input table is audited.
DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['cycle', 'policy', 'unit', 'task', 'task_assignment', 'milestone',
                                       'milestone_check', 'evidence', 'indicator', 'indicator_result',
                                       'evaluation', 'adjustment_rule', 'adjustment', 'funding',
                                       'scoring_body', 'membership'] LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER audit_insert AFTER INSERT ON kaoping.%1$I REFERENCING NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
             CREATE TRIGGER audit_delete AFTER DELETE ON kaoping.%1$I REFERENCING OLD TABLE AS old_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
             CREATE TRIGGER audit_truncate AFTER TRUNCATE ON kaoping.%1$I
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
             CREATE TRIGGER audit_update AFTER UPDATE ON kaoping.%1$I
                 FOR EACH ROW EXECUTE FUNCTION kaoping.audit_update();', input_table);
    END LOOP;
END $$;

-- 变更记录 Who changed a unit's figures, and when.
CREATE VIEW kaoping.unit_change WITH (security_invoker = true) AS
SELECT a.unit_id, a.changed_at, a.changed_by, a.table_name, a.operation, a.old_row, a.new_row,
       a.transaction_id, a.audit_id
FROM kaoping.audit_log a
WHERE a.unit_id IS NOT NULL;
COMMENT ON VIEW kaoping.unit_change IS '变更记录 Who changed the inputs of a unit''s figures, and when: its results, milestones and their checks and evidence, rankings of it, adjustments, funding (from kaoping.audit_log)';
COMMENT ON COLUMN kaoping.unit_change.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.unit_change.changed_at IS '时间 When';
COMMENT ON COLUMN kaoping.unit_change.changed_by IS '操作人 Who';
COMMENT ON COLUMN kaoping.unit_change.table_name IS '表 The table changed';
COMMENT ON COLUMN kaoping.unit_change.operation IS '操作 INSERT, UPDATE or DELETE';
COMMENT ON COLUMN kaoping.unit_change.old_row IS '修改前 The row before';
COMMENT ON COLUMN kaoping.unit_change.new_row IS '修改后 The row after';
COMMENT ON COLUMN kaoping.unit_change.transaction_id IS '事务 The changing transaction';
COMMENT ON COLUMN kaoping.unit_change.audit_id IS '编号 Order of the change';
-- Recalculation and snapshots.  A snapshot is the whole result of a cycle
-- and period, written by one statement, so it is consistent with one
-- committed state of the inputs and nobody ever sees it half written.
-- Every snapshot is kept: the history of a unit's figures.  Approval stores
-- a final one, and from then on unit_score returns it.

-- 快照 snapshot
CREATE TABLE kaoping.snapshot (
    snapshot_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE,
    period text NOT NULL CHECK (period IN ('H1', 'Y')),
    taken_at timestamptz NOT NULL,
    taken_by name NOT NULL,
    final boolean NOT NULL DEFAULT false,
    units integer NOT NULL,
    units_with_total integer NOT NULL,
    visible_transactions pg_snapshot NOT NULL,
    system_identifier bigint NOT NULL,
    kaoping_version text NOT NULL,
    published_at timestamptz,
    published_by name
);
CREATE UNIQUE INDEX snapshot_one_final ON kaoping.snapshot (cycle_id, period) WHERE final;
CREATE INDEX snapshot_newest ON kaoping.snapshot (cycle_id, period, snapshot_id);
COMMENT ON TABLE kaoping.snapshot IS '快照 A recorded result of a cycle and period (R19): numbered, with when and by whom; every one is kept; the final one is stored at approval (R20)';
COMMENT ON COLUMN kaoping.snapshot.snapshot_id IS '快照号 Number of the snapshot, increasing';
COMMENT ON COLUMN kaoping.snapshot.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.snapshot.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.snapshot.taken_at IS '计算时间 When it was computed';
COMMENT ON COLUMN kaoping.snapshot.taken_by IS '计算人 Who computed it (the scheduler''s role for scheduled runs)';
COMMENT ON COLUMN kaoping.snapshot.final IS '最终 The approved result of the cycle and period (R20)';
COMMENT ON COLUMN kaoping.snapshot.units IS '单位数 Units assessed';
COMMENT ON COLUMN kaoping.snapshot.units_with_total IS '有总分单位数 Units with a total (the others lack an input, see kaoping.completeness)';
COMMENT ON COLUMN kaoping.snapshot.visible_transactions IS '数据版本 The committed transactions whose changes it includes (pg_snapshot of its statement; with audit_log.transaction_id it says which changes it saw)';
COMMENT ON COLUMN kaoping.snapshot.system_identifier IS '集群标识 The cluster it was computed on (transaction numbers mean something only there)';
COMMENT ON COLUMN kaoping.snapshot.kaoping_version IS '版本 The kaoping version that computed it';
COMMENT ON COLUMN kaoping.snapshot.published_at IS '发布时间 When it was circulated to the units (R19); NULL if not';
COMMENT ON COLUMN kaoping.snapshot.published_by IS '发布人 Who circulated it';

-- 快照结果 snapshot_score: unit_score's rows as computed then
CREATE TABLE kaoping.snapshot_score (
    snapshot_id bigint NOT NULL REFERENCES kaoping.snapshot ON DELETE CASCADE,
    cycle_id text NOT NULL,
    period text NOT NULL,
    unit_id text NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    indicator_score numeric,
    individual_score numeric,
    common_score numeric,
    comprehensive_score numeric,
    adjustment numeric,
    total numeric,
    rank integer,
    grade text,
    PRIMARY KEY (snapshot_id, unit_id)
);
CREATE INDEX snapshot_score_unit ON kaoping.snapshot_score (unit_id, snapshot_id);
COMMENT ON TABLE kaoping.snapshot_score IS '快照结果 Each unit''s result in a snapshot, with the columns of unit_score';
COMMENT ON COLUMN kaoping.snapshot_score.snapshot_id IS '快照号 The snapshot';

-- 快照明细 snapshot_detail: the breakdown of each figure
CREATE TABLE kaoping.snapshot_detail (
    snapshot_id bigint NOT NULL REFERENCES kaoping.snapshot ON DELETE CASCADE,
    unit_id text NOT NULL,
    part text NOT NULL CHECK (part IN ('indicator', 'task', 'evaluation', 'adjustment')),
    item text NOT NULL,
    name text,
    weight numeric,
    value numeric,
    score numeric,
    PRIMARY KEY (snapshot_id, unit_id, part, item)
);
COMMENT ON TABLE kaoping.snapshot_detail IS '快照明细 Where a snapshot''s figures come from: each indicator, task, evaluator group and adjustment group of each unit';
COMMENT ON COLUMN kaoping.snapshot_detail.snapshot_id IS '快照号 The snapshot';
COMMENT ON COLUMN kaoping.snapshot_detail.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.snapshot_detail.part IS '部分 indicator (kaoping.indicator_score), task (task_score), evaluation (comprehensive_group_score) or adjustment (adjustment_group)';
COMMENT ON COLUMN kaoping.snapshot_detail.item IS '项目 The indicator, task, evaluator group or rule group';
COMMENT ON COLUMN kaoping.snapshot_detail.name IS '名称 Indicator name; task role';
COMMENT ON COLUMN kaoping.snapshot_detail.weight IS '权重 Its weight';
COMMENT ON COLUMN kaoping.snapshot_detail.value IS '数值 Actual value (indicator), milestones deducting (task), evaluators (evaluation), points as earned (adjustment)';
COMMENT ON COLUMN kaoping.snapshot_detail.score IS '得分 Its score; capped points for an adjustment group';

-- The live computation keeps its definition under a new name; unit_score
-- becomes live for cycles not yet approved and stored for approved ones.
ALTER VIEW kaoping.unit_score RENAME TO live_score;
COMMENT ON VIEW kaoping.live_score IS '实时考评结果 Each active unit''s result in each period computed now from the inputs (SPEC §8): indicator × 0.7 + comprehensive × 0.3 + adjustment (R16), ranked within its kind with ties sharing a rank (R17) and graded by quota (R18); NULL where an input is missing (see kaoping.completeness)';

-- The same figures as 0.2.0's unit_score, computed in one pass: the
-- totals are no longer read twice (ranked apart and joined back), so a
-- query for one cycle and period, like a recalculation's, computes only
-- that cycle and period.  (0.2.0's text is kept as released; this
-- replaces it on install and update alike.)
CREATE OR REPLACE VIEW kaoping.live_score AS
WITH scored AS (
    SELECT au.cycle_id, au.period, au.unit_id, au.kind, au.name,
           CASE au.kind WHEN 'city' THEN cs.indicator_score ELSE ds.indicator_score END AS indicator_score,
           ds.individual_score, ds.common_score,
           c.comprehensive_score, a.adjustment,
           p.indicator_weight, p.comprehensive_weight, p.report_scale, p.grade_labels, p.grade_quotas
    FROM kaoping.assessed_unit au
    JOIN kaoping.policy p ON p.cycle_id = au.cycle_id
    LEFT JOIN kaoping.city_score cs
           ON cs.cycle_id = au.cycle_id AND cs.period = au.period AND cs.unit_id = au.unit_id
    LEFT JOIN kaoping.department_score ds
           ON ds.cycle_id = au.cycle_id AND ds.period = au.period AND ds.unit_id = au.unit_id
    LEFT JOIN kaoping.comprehensive_score c
           ON c.cycle_id = au.cycle_id AND c.period = au.period AND c.unit_id = au.unit_id
    LEFT JOIN kaoping.adjustment_score a
           ON a.cycle_id = au.cycle_id AND a.period = au.period AND a.unit_id = au.unit_id
),
totalled AS (
    SELECT scored.*,
           (SELECT kaoping.weighted_score(s, w)
            FROM (VALUES (indicator_score, indicator_weight), (comprehensive_score, comprehensive_weight)) AS v (s, w)
            WHERE w > 0) + adjustment AS total
    FROM scored
)
SELECT cycle_id, period, unit_id, kind, name, indicator_score, individual_score, common_score,
       comprehensive_score, adjustment, total,
       CASE WHEN total IS NOT NULL THEN (rank() OVER w)::integer END AS rank,
       CASE WHEN total IS NOT NULL THEN kaoping.quota_grade(grade_labels, grade_quotas) OVER w END AS grade
FROM totalled
-- units without a total form a partition of their own: ranked and graded
-- among themselves, then blanked, so they count for no quota (R18)
WINDOW w AS (PARTITION BY cycle_id, period, kind, total IS NULL ORDER BY round(total, report_scale) DESC);

CREATE VIEW kaoping.unit_score AS
SELECT l.cycle_id, l.period, l.unit_id, l.kind, l.name, l.indicator_score, l.individual_score,
       l.common_score, l.comprehensive_score, l.adjustment, l.total, l.rank, l.grade
FROM kaoping.live_score l
WHERE l.cycle_id IN (SELECT c.cycle_id FROM kaoping.cycle c WHERE c.state <> 'approved')
UNION ALL
SELECT s.cycle_id, s.period, s.unit_id, s.kind, s.name, s.indicator_score, s.individual_score,
       s.common_score, s.comprehensive_score, s.adjustment, s.total, s.rank, s.grade
FROM kaoping.snapshot_score s
JOIN kaoping.snapshot h ON h.snapshot_id = s.snapshot_id
WHERE h.final;
COMMENT ON VIEW kaoping.unit_score IS '考评结果 Each unit''s result in each period (SPEC §8): computed on read while the cycle is open or frozen (kaoping.live_score), the final snapshot stored at approval once it is approved (R20)';

-- Records a cycle and period's results as a new snapshot.  One statement
-- computes and writes everything, so all of it sees one committed state.
CREATE FUNCTION kaoping.take_snapshot(cycle_id text, period text, final boolean) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    taken bigint;
BEGIN
    WITH scores AS MATERIALIZED (
        SELECT * FROM kaoping.live_score l
        WHERE l.cycle_id = take_snapshot.cycle_id AND l.period = take_snapshot.period
    ),
    header AS (
        INSERT INTO kaoping.snapshot (cycle_id, period, taken_at, taken_by, final, units, units_with_total,
                                      visible_transactions, system_identifier, kaoping_version,
                                      published_at, published_by)
        SELECT take_snapshot.cycle_id, take_snapshot.period, now(), kaoping.caller(), take_snapshot.final,
               count(*), count(s.total), pg_current_snapshot(),
               (SELECT system_identifier FROM pg_control_system()),
               (SELECT extversion FROM pg_extension WHERE extname = 'kaoping'),
               CASE WHEN take_snapshot.final THEN now() END,
               CASE WHEN take_snapshot.final THEN kaoping.caller() END
        FROM scores s
        RETURNING snapshot_id
    ),
    score_rows AS (
        INSERT INTO kaoping.snapshot_score
        SELECT h.snapshot_id, s.cycle_id, s.period, s.unit_id, s.kind, s.name, s.indicator_score,
               s.individual_score, s.common_score, s.comprehensive_score, s.adjustment, s.total,
               s.rank, s.grade
        FROM header h CROSS JOIN scores s
    ),
    detail_rows AS (
        INSERT INTO kaoping.snapshot_detail
        SELECT h.snapshot_id, d.unit_id, d.part, d.item, d.name, d.weight, d.value, d.score
        FROM header h CROSS JOIN (
            SELECT i.unit_id, 'indicator' AS part, i.indicator_id AS item, i.name, i.weight,
                   coalesce(i.actual, i.deduction) AS value, i.score
            FROM kaoping.indicator_score i
            WHERE i.cycle_id = take_snapshot.cycle_id AND i.period = take_snapshot.period
            UNION ALL
            SELECT t.unit_id, 'task', t.task_id, t.role, 1, t.milestones_deducting, t.score
            FROM kaoping.task_score t
            WHERE t.cycle_id = take_snapshot.cycle_id AND t.period = take_snapshot.period
            UNION ALL
            SELECT g.unit_id, 'evaluation', g.evaluator_group, NULL, g.weight, g.evaluators, g.score
            FROM kaoping.comprehensive_group_score g
            WHERE g.cycle_id = take_snapshot.cycle_id AND g.period = take_snapshot.period
            UNION ALL
            SELECT a.unit_id, 'adjustment', a.rule_group, NULL, NULL, a.raw_points, a.capped_points
            FROM kaoping.adjustment_group a
            WHERE a.cycle_id = take_snapshot.cycle_id AND a.period = take_snapshot.period
        ) d
    )
    SELECT h.snapshot_id INTO taken FROM header h;
    RETURN taken;
END $$;
REVOKE EXECUTE ON FUNCTION kaoping.take_snapshot(text, text, boolean) FROM PUBLIC;
COMMENT ON FUNCTION kaoping.take_snapshot(text, text, boolean) IS 'Writes the live results of a cycle and period as a new snapshot in one statement; internal to recalculate and approval';

CREATE FUNCTION kaoping.check_cycle(cycle_id text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    cycle_state text;
BEGIN
    SELECT c.state INTO cycle_state FROM kaoping.cycle c WHERE c.cycle_id = check_cycle.cycle_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cycle_id % is not a cycle', coalesce(quote_literal(cycle_id), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The cycles are the rows of kaoping.cycle.';
    END IF;
    RETURN cycle_state;
END $$;
COMMENT ON FUNCTION kaoping.check_cycle(text) IS 'Raises an error unless cycle_id is a cycle; returns its state';

CREATE FUNCTION kaoping.check_cycle_period(cycle_id text, period text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF period IS NULL OR period NOT IN ('H1', 'Y') THEN
        RAISE EXCEPTION 'period % is not H1 or Y', coalesce(quote_literal(period), 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Periods are H1 (to 30 June) and Y (the year), R19.';
    END IF;
    RETURN kaoping.check_cycle(cycle_id);
END $$;
COMMENT ON FUNCTION kaoping.check_cycle_period(text, text) IS 'Raises an error unless cycle_id is a cycle and period H1 or Y; returns the cycle''s state';

-- 重新计算 recalculate
CREATE FUNCTION kaoping.recalculate(cycle_id text, period text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF kaoping.check_cycle_period(cycle_id, period) = 'approved' THEN
        RAISE EXCEPTION 'cycle % is approved; its final results stand', cycle_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'An approved cycle''s results are final (R20); read them from kaoping.unit_score.';
    END IF;
    -- recalculations of one cycle and period take their turn, so that
    -- snapshot numbers follow the states they saw
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('kaoping.recalculate'),
                                  pg_catalog.hashtext(cycle_id || '/' || period));
    RETURN kaoping.take_snapshot(cycle_id, period, false);
END $$;
REVOKE EXECUTE ON FUNCTION kaoping.recalculate(text, text) FROM PUBLIC;
COMMENT ON FUNCTION kaoping.recalculate(text, text) IS '重新计算 Records the results of a cycle and period as a new snapshot, in one transaction, and returns its number; the previous snapshots stay; refused for an approved cycle';

-- Whether a cycle and period's inputs changed since its newest snapshot: a
-- change is an audit record of a transaction that snapshot did not see.
CREATE FUNCTION kaoping.changed_since_snapshot(cycle_id text, period text) RETURNS boolean
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH newest AS (
        SELECT s.visible_transactions, s.system_identifier, s.kaoping_version
        FROM kaoping.snapshot s
        WHERE s.cycle_id = changed_since_snapshot.cycle_id AND s.period = changed_since_snapshot.period
        ORDER BY s.snapshot_id DESC LIMIT 1
    )
    SELECT NOT EXISTS (SELECT FROM newest)
        OR EXISTS (SELECT FROM newest n
                   WHERE n.system_identifier <> (SELECT c.system_identifier FROM pg_catalog.pg_control_system() c)
                      OR n.kaoping_version <> (SELECT e.extversion FROM pg_catalog.pg_extension e WHERE e.extname = 'kaoping')
                      OR EXISTS (SELECT FROM kaoping.audit_log a
                                 WHERE a.transaction_id >= pg_catalog.pg_snapshot_xmin(n.visible_transactions)
                                   AND NOT pg_catalog.pg_visible_in_snapshot(a.transaction_id, n.visible_transactions)));
END;
COMMENT ON FUNCTION kaoping.changed_since_snapshot(text, text) IS 'Whether any input changed (by the audit trail), or the cluster or kaoping version differs, since the newest snapshot of a cycle and period';

-- What a scheduled run recalculates: both periods of every cycle not yet
-- approved whose inputs changed since its newest snapshot.
CREATE FUNCTION kaoping.recalculation_due() RETURNS TABLE (cycle_id text, period text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT cp.cycle_id, cp.period
    FROM kaoping.cycle_period cp
    JOIN kaoping.cycle c ON c.cycle_id = cp.cycle_id
    WHERE c.state <> 'approved' AND kaoping.changed_since_snapshot(cp.cycle_id, cp.period)
    ORDER BY cp.cycle_id, cp.period;
END;
COMMENT ON FUNCTION kaoping.recalculation_due() IS 'The cycles (not approved) and periods whose inputs changed since their newest snapshot';

-- The scheduler's entry point: CALL kaoping.recalculate_due();  Each
-- snapshot commits on its own; one that fails is reported and the others
-- are still taken.  Written without operators or unqualified names, since
-- a procedure that commits cannot pin its search_path.
CREATE PROCEDURE kaoping.recalculate_due()
LANGUAGE plpgsql AS $$
DECLARE
    due record;
    failed boolean := false;
BEGIN
    FOR due IN SELECT * FROM kaoping.recalculation_due() LOOP
        BEGIN
            PERFORM kaoping.recalculate(due.cycle_id, due.period);
        EXCEPTION WHEN OTHERS THEN
            failed := true;
            RAISE WARNING 'kaoping: recalculating cycle % period % failed: %', due.cycle_id, due.period, SQLERRM;
        END;
        COMMIT;
    END LOOP;
    IF failed THEN
        RAISE EXCEPTION 'kaoping: some recalculations failed; their previous snapshots stay'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'The warnings above name them; kaoping.completeness may show why.';
    END IF;
END $$;
REVOKE EXECUTE ON PROCEDURE kaoping.recalculate_due() FROM PUBLIC;
COMMENT ON PROCEDURE kaoping.recalculate_due() IS '定时重算 Recalculates every period of every cycle not yet approved whose inputs changed since its newest snapshot, one transaction each; for pg_cron or any scheduler: CALL kaoping.recalculate_due()';

-- 发布 publish: circulate the newest snapshot of a period to the units (R19).
CREATE FUNCTION kaoping.publish(cycle_id text, period text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    newest bigint;
BEGIN
    PERFORM kaoping.check_cycle_period(cycle_id, period);
    SELECT max(n.snapshot_id) INTO newest FROM kaoping.snapshot n
    WHERE n.cycle_id = publish.cycle_id AND n.period = publish.period;
    IF newest IS NULL THEN
        RAISE EXCEPTION 'cycle % period % has no snapshot to publish', cycle_id, period
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = pg_catalog.format('Take one first: SELECT kaoping.recalculate(%L, %L).', cycle_id, period);
    END IF;
    -- publishing again keeps the first publication's time and name
    UPDATE kaoping.snapshot s SET published_at = now(), published_by = kaoping.caller()
    WHERE s.snapshot_id = newest AND s.published_at IS NULL;
    RETURN newest;
END $$;
REVOKE EXECUTE ON FUNCTION kaoping.publish(text, text) FROM PUBLIC;
COMMENT ON FUNCTION kaoping.publish(text, text) IS '发布 Circulates the newest snapshot of a cycle and period to the units (R19): from then on each unit reads its own figures in it; returns its number';

-- 最新快照 The newest snapshot of each cycle and period the reader may see.
CREATE VIEW kaoping.latest_snapshot WITH (security_invoker = true) AS
SELECT DISTINCT ON (h.cycle_id, h.period) h.snapshot_id, h.cycle_id, h.period, h.taken_at, h.taken_by,
       h.final, h.units, h.units_with_total, h.published_at
FROM kaoping.snapshot h
ORDER BY h.cycle_id, h.period, h.snapshot_id DESC;
COMMENT ON VIEW kaoping.latest_snapshot IS '最新快照 The newest complete snapshot of each cycle and period, with its time; for a unit, the newest published one';

-- 最新结果 Its figures, for dashboards.
CREATE VIEW kaoping.latest_score WITH (security_invoker = true) AS
SELECT s.cycle_id, s.period, s.unit_id, s.kind, s.name, s.indicator_score, s.individual_score,
       s.common_score, s.comprehensive_score, s.adjustment, s.total, s.rank, s.grade,
       h.snapshot_id, h.taken_at, h.final, h.published_at
FROM kaoping.latest_snapshot h
JOIN kaoping.snapshot_score s ON s.snapshot_id = h.snapshot_id;
COMMENT ON VIEW kaoping.latest_score IS '最新结果 The figures of the newest complete snapshot of each cycle and period, with its time, for dashboards; a unit sees its own rows of the newest published one';

CREATE VIEW kaoping.latest_score_detail WITH (security_invoker = true) AS
SELECT h.cycle_id, h.period, d.unit_id, d.part, d.item, d.name, d.weight, d.value, d.score,
       h.snapshot_id, h.taken_at
FROM kaoping.latest_snapshot h
JOIN kaoping.snapshot_detail d ON d.snapshot_id = h.snapshot_id;
COMMENT ON VIEW kaoping.latest_score_detail IS '最新结果明细 The breakdown of latest_score: each indicator, task, evaluator group and adjustment group';

-- 历史 A unit's figures in every snapshot.
CREATE VIEW kaoping.score_history WITH (security_invoker = true) AS
SELECT s.cycle_id, s.period, s.unit_id, h.snapshot_id, h.taken_at, h.taken_by, h.final,
       s.indicator_score, s.comprehensive_score, s.adjustment, s.total, s.rank, s.grade
FROM kaoping.snapshot h
JOIN kaoping.snapshot_score s ON s.snapshot_id = h.snapshot_id;
COMMENT ON VIEW kaoping.score_history IS '历史 Each unit''s figures in every snapshot, oldest first by snapshot_id: how its results moved';

-- Columns that mean what a column of the same name means elsewhere take
-- its comment: the results' columns from live_score (whose comments came
-- with it from 0.2.0's unit_score), the snapshot's from snapshot and
-- snapshot_detail.
DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT c.relname AS relation, a.attname AS column_name,
               coalesce(pg_catalog.col_description('kaoping.live_score'::regclass, l.attnum),
                        pg_catalog.col_description('kaoping.snapshot'::regclass, h.attnum),
                        pg_catalog.col_description('kaoping.snapshot_detail'::regclass, d.attnum)) AS comment
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
        LEFT JOIN pg_catalog.pg_attribute l ON l.attrelid = 'kaoping.live_score'::regclass AND l.attname = a.attname
        LEFT JOIN pg_catalog.pg_attribute h ON h.attrelid = 'kaoping.snapshot'::regclass AND h.attname = a.attname
        LEFT JOIN pg_catalog.pg_attribute d ON d.attrelid = 'kaoping.snapshot_detail'::regclass AND d.attname = a.attname
        WHERE c.relnamespace = 'kaoping'::regnamespace
          AND c.relname IN ('unit_score', 'snapshot_score', 'latest_snapshot', 'latest_score',
                            'latest_score_detail', 'score_history')
          AND pg_catalog.col_description(c.oid, a.attnum) IS NULL
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN kaoping.%I.%I IS %L', col.relation, col.column_name, col.comment);
    END LOOP;
END $$;
-- Cycle states (R20): open → frozen → approved, and a frozen cycle may be
-- reopened.  Writes to a frozen or approved cycle's inputs are refused;
-- every move is recorded with who and when; approval stores the final
-- snapshots.

-- 状态变更 cycle_transition
CREATE TABLE kaoping.cycle_transition (
    transition_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE ON DELETE CASCADE,
    from_state text NOT NULL,
    to_state text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    changed_by name NOT NULL DEFAULT kaoping.caller()
);
COMMENT ON TABLE kaoping.cycle_transition IS '状态变更 Each move of a cycle between open, frozen and approved (R20), with who and when';
COMMENT ON COLUMN kaoping.cycle_transition.transition_id IS '编号 Order of the move';
COMMENT ON COLUMN kaoping.cycle_transition.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.cycle_transition.from_state IS '原状态 State before';
COMMENT ON COLUMN kaoping.cycle_transition.to_state IS '新状态 State after';
COMMENT ON COLUMN kaoping.cycle_transition.changed_at IS '时间 When';
COMMENT ON COLUMN kaoping.cycle_transition.changed_by IS '操作人 Who';

-- The cycle of the rows r of an input table, as an SQL expression.
CREATE FUNCTION kaoping.cycle_of_rows(table_name name) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE
        WHEN table_name IN ('task_assignment', 'milestone') THEN
            '(SELECT t.cycle_id FROM kaoping.task t WHERE t.task_id = r.task_id)'
        WHEN table_name IN ('milestone_check', 'evidence') THEN
            '(SELECT t.cycle_id FROM kaoping.milestone m JOIN kaoping.task t ON t.task_id = m.task_id WHERE m.milestone_id = r.milestone_id)'
        WHEN table_name = 'indicator_result' THEN
            '(SELECT i.cycle_id FROM kaoping.indicator i WHERE i.indicator_id = r.indicator_id)'
        ELSE 'r.cycle_id'
    END;
END;
COMMENT ON FUNCTION kaoping.cycle_of_rows(name) IS 'The SQL expression giving the cycle of a row r of an input table';

-- A statement's rows must belong to open cycles.  The cycles are locked
-- FOR SHARE, so a freeze waits for the writers in flight, and a writer
-- that comes after a freeze sees it.
CREATE FUNCTION kaoping.cycle_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    expression text := kaoping.cycle_of_rows(TG_TABLE_NAME);
    written text;
    touched record;
BEGIN
    IF kaoping.restoring() THEN
        RETURN NULL;
    END IF;
    written := CASE TG_OP
        WHEN 'INSERT' THEN format('SELECT %s FROM new_rows r', expression)
        WHEN 'DELETE' THEN format('SELECT %s FROM old_rows r', expression)
        ELSE format('SELECT %1$s FROM new_rows r UNION SELECT %1$s FROM old_rows r', expression)
    END;
    FOR touched IN EXECUTE format(
        'SELECT c.cycle_id, c.state FROM kaoping.cycle c WHERE c.cycle_id IN (%s) ORDER BY c.cycle_id FOR SHARE OF c',
        written)
    LOOP
        IF touched.state <> 'open' THEN
            RAISE EXCEPTION 'cycle % is %; its inputs cannot change', touched.cycle_id, touched.state
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      HINT = CASE touched.state
                          WHEN 'frozen' THEN format('An assessment office reopens it first: SELECT kaoping.reopen_cycle(%L).', touched.cycle_id)
                          ELSE 'An approved cycle is final (R20).' END;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.cycle_guard() IS 'trigger: refuses a statement that writes inputs of a frozen or approved cycle (R20)';

DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['policy', 'task', 'task_assignment', 'milestone', 'milestone_check',
                                       'evidence', 'indicator', 'indicator_result', 'evaluation',
                                       'adjustment', 'funding'] LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER cycle_guard_insert AFTER INSERT ON kaoping.%1$I REFERENCING NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
             CREATE TRIGGER cycle_guard_update AFTER UPDATE ON kaoping.%1$I
                 REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
             CREATE TRIGGER cycle_guard_delete AFTER DELETE ON kaoping.%1$I REFERENCING OLD TABLE AS old_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();', input_table);
    END LOOP;
END $$;

-- A cycle moves open → frozen → approved (a frozen one may be reopened);
-- a frozen cycle keeps its year and title, an approved one everything.
CREATE FUNCTION kaoping.cycle_state_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF kaoping.restoring() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.state <> 'open' THEN
            RAISE EXCEPTION 'cycle % is %; it cannot be deleted', OLD.cycle_id, OLD.state
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Only an open cycle can be deleted.';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.state <> OLD.state THEN
        IF (OLD.state, NEW.state) NOT IN (('open', 'frozen'), ('frozen', 'open'), ('frozen', 'approved')) THEN
            RAISE EXCEPTION 'cycle % cannot move from % to %', OLD.cycle_id, OLD.state, NEW.state
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'A cycle moves open → frozen → approved; a frozen cycle can be reopened; an approved one is final.';
        END IF;
    ELSIF OLD.state <> 'open' AND NEW IS DISTINCT FROM OLD THEN
        RAISE EXCEPTION 'cycle % is %; it cannot change', OLD.cycle_id, OLD.state
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Only an open cycle''s year and title can change.';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.cycle_state_check() IS 'trigger: a cycle moves open → frozen → approved or back from frozen to open; frozen and approved cycles keep their other columns and cannot be deleted';
CREATE TRIGGER cycle_state_check BEFORE UPDATE OR DELETE ON kaoping.cycle
    FOR EACH ROW EXECUTE FUNCTION kaoping.cycle_state_check();

-- A move is recorded; approval stores the final snapshot of each period.
CREATE FUNCTION kaoping.cycle_state_moved() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.state <> OLD.state AND NOT kaoping.restoring() THEN
        INSERT INTO kaoping.cycle_transition (cycle_id, from_state, to_state)
        VALUES (NEW.cycle_id, OLD.state, NEW.state);
        IF NEW.state = 'approved' THEN
            PERFORM kaoping.take_snapshot(NEW.cycle_id, 'H1', true);
            PERFORM kaoping.take_snapshot(NEW.cycle_id, 'Y', true);
        END IF;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.cycle_state_moved() IS 'trigger: records a cycle''s move in cycle_transition; on approval stores the final snapshots of H1 and Y';
CREATE TRIGGER cycle_state_moved AFTER UPDATE OF state ON kaoping.cycle
    FOR EACH ROW EXECUTE FUNCTION kaoping.cycle_state_moved();

-- 冻结、解冻、审定 The assessment office's verbs.  The state column is
-- written only through them (kaoping_admin may update a cycle's year and
-- title, not its state).
CREATE FUNCTION kaoping.move_cycle(cycle_id text, to_state text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF kaoping.check_cycle(cycle_id) = to_state THEN
        RAISE EXCEPTION 'cycle % is already %', cycle_id, to_state
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    UPDATE kaoping.cycle c SET state = to_state WHERE c.cycle_id = move_cycle.cycle_id;
    RETURN to_state;
END $$;
REVOKE EXECUTE ON FUNCTION kaoping.move_cycle(text, text) FROM PUBLIC;
COMMENT ON FUNCTION kaoping.move_cycle(text, text) IS 'Moves a cycle to a state; internal to freeze_cycle, reopen_cycle and approve_cycle';

CREATE FUNCTION kaoping.freeze_cycle(cycle_id text) RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN kaoping.move_cycle(cycle_id, 'frozen');
COMMENT ON FUNCTION kaoping.freeze_cycle(text) IS '冻结 Freezes an open cycle: its inputs can no longer change (R20); waits for writers in flight';

CREATE FUNCTION kaoping.reopen_cycle(cycle_id text) RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN kaoping.move_cycle(cycle_id, 'open');
COMMENT ON FUNCTION kaoping.reopen_cycle(text) IS '解冻 Reopens a frozen cycle for corrections';

CREATE FUNCTION kaoping.approve_cycle(cycle_id text) RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN kaoping.move_cycle(cycle_id, 'approved');
COMMENT ON FUNCTION kaoping.approve_cycle(text) IS '审定 Approves a frozen cycle: stores the final snapshots of H1 and Y, published, which unit_score returns from then on; final (R20)';

REVOKE EXECUTE ON FUNCTION kaoping.freeze_cycle(text), kaoping.reopen_cycle(text), kaoping.approve_cycle(text) FROM PUBLIC;
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
-- 提交排序 An evaluator submits a ranking only as a whole: the ordered list
-- of all active units of one kind, which replaces its previous ranking of
-- that kind in one transaction (R12, R13).  Evaluators write rankings only
-- through this function.
CREATE FUNCTION kaoping.submit_ranking(cycle_id text, period text, ranking text[], evaluator text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    acting name := kaoping.caller();
    chosen record;
    ranked_kind text;
    problem text;
BEGIN
    PERFORM kaoping.check_cycle_period(cycle_id, period);
    -- the evaluator the caller acts as
    SELECT count(*) AS evaluators, min(m.evaluator_group) AS evaluator_group, min(m.evaluator) AS evaluator
    INTO chosen
    FROM kaoping.membership m
    WHERE m.login = acting AND m.evaluator IS NOT NULL
      AND (submit_ranking.evaluator IS NULL OR m.evaluator = submit_ranking.evaluator);
    IF chosen.evaluators = 0 THEN
        RAISE EXCEPTION '%', CASE WHEN submit_ranking.evaluator IS NULL
                             THEN format('login %s is not an evaluator', acting)
                             ELSE format('login %s is not evaluator %s', acting, submit_ranking.evaluator) END
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'kaoping.membership maps logins to the evaluators they rank as.';
    ELSIF chosen.evaluators > 1 THEN
        RAISE EXCEPTION 'login % ranks as % evaluators; evaluator is needed', acting, chosen.evaluators
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Name one: kaoping.submit_ranking(..., evaluator => ''...'').';
    END IF;
    -- the list: units, each once, all active units of one kind
    IF ranking IS NULL OR cardinality(ranking) = 0 OR array_ndims(ranking) <> 1 THEN
        RAISE EXCEPTION 'ranking % is not a list of units', coalesce(ranking::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give the unit_ids of all active units of one kind, best first.';
    END IF;
    SELECT string_agg(coalesce(quote_literal(r.unit_id), 'NULL'), ', ') INTO problem
    FROM unnest(ranking) AS r (unit_id)
    WHERE NOT EXISTS (SELECT FROM kaoping.unit u WHERE u.unit_id = r.unit_id AND u.active);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'ranking names % that %', problem, 'are not active units'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Rank the active units of kaoping.unit.';
    END IF;
    SELECT string_agg(r.unit_id, ', ') INTO problem
    FROM (SELECT r.unit_id FROM unnest(ranking) AS r (unit_id) GROUP BY r.unit_id HAVING count(*) > 1) r;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'ranking names % more than once', problem
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Each unit has one place in a ranking.';
    END IF;
    SELECT string_agg(DISTINCT u.kind, ' and '), min(u.kind) INTO problem, ranked_kind
    FROM unnest(ranking) AS r (unit_id) JOIN kaoping.unit u ON u.unit_id = r.unit_id;
    IF problem LIKE '% and %' THEN
        RAISE EXCEPTION 'ranking mixes % units', problem
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Cities and departments are ranked separately (R1).';
    END IF;
    SELECT string_agg(u.unit_id, ', ' ORDER BY u.unit_id) INTO problem
    FROM kaoping.unit u
    WHERE u.kind = ranked_kind AND u.active AND u.unit_id <> ALL (ranking);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'ranking leaves out % units: %', ranked_kind, problem
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A ranking is complete: every active unit of the kind, each once (R13).';
    END IF;
    -- one submission of an evaluator at a time; the replacement is atomic
    PERFORM pg_advisory_xact_lock(hashtext('kaoping.submit_ranking'),
                                  hashtext(cycle_id || '/' || period || '/' || chosen.evaluator));
    DELETE FROM kaoping.evaluation e
    WHERE e.cycle_id = submit_ranking.cycle_id AND e.period = submit_ranking.period
      AND e.evaluator = chosen.evaluator AND e.unit_kind = ranked_kind;
    INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, unit_kind, rank)
    SELECT submit_ranking.cycle_id, submit_ranking.period, chosen.evaluator_group, chosen.evaluator,
           r.unit_id, ranked_kind, r.place
    FROM unnest(ranking) WITH ORDINALITY AS r (unit_id, place);
    RETURN cardinality(ranking);
END $$;
REVOKE EXECUTE ON FUNCTION kaoping.submit_ranking(text, text, text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kaoping.submit_ranking(text, text, text[], text) TO kaoping_evaluator;
COMMENT ON FUNCTION kaoping.submit_ranking(text, text, text[], text) IS '提交排序 Submits the caller''s ranking of one kind for a cycle and period: all active units of the kind, best first; replaces its previous ranking atomically; returns the number ranked (R12, R13)';
-- The records of running a province are dumped with its data.  Restore
-- with PGOPTIONS='-c kaoping.restore=on' as a superuser, so that frozen
-- cycles' inputs go back in and the audit trail is not written twice.
SELECT pg_catalog.pg_extension_config_dump('kaoping.scoring_body', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.membership', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.evidence', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.evidence_evidence_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.audit_log_audit_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot_snapshot_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot_score', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot_detail', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle_transition', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle_transition_transition_id_seq', '');
-- A cycle approved before 0.3.0 (when a database is updated) gets its
-- final snapshots now, so that unit_score keeps returning its results.
-- On a fresh install there is no cycle and nothing to do.
SELECT kaoping.take_snapshot(cp.cycle_id, cp.period, true)
FROM kaoping.cycle_period cp
JOIN kaoping.cycle c ON c.cycle_id = cp.cycle_id
WHERE c.state = 'approved'
ORDER BY cp.cycle_id, cp.period;
