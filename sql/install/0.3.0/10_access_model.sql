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
