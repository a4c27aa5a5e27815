-- Which unit, scoring body or evaluator each login acts for.

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

-- A login is mapped only if the role exists (a typo would grant nothing).
CREATE FUNCTION kaoping.membership_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'membership' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
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

-- What the acting login acts for, in the capacity of its group role: the
-- units it is (kaoping_unit), the scoring bodies it works for
-- (kaoping_assessor), the evaluators it ranks as (kaoping_evaluator).  The
-- functions that serve a login its own rows (52_own_rows.sql) run as the
-- extension's owner and ask these; nobody else calls them.
CREATE FUNCTION kaoping.my_units() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.unit_id FROM kaoping.membership m
    WHERE m.login = kaoping.caller() AND m.unit_id IS NOT NULL
      AND pg_catalog.pg_has_role(kaoping.caller(), 'kaoping_unit', 'MEMBER');
END;
COMMENT ON FUNCTION kaoping.my_units() IS 'The units the acting login acts for as kaoping_unit (kaoping.membership)';

CREATE FUNCTION kaoping.my_bodies() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.body_id FROM kaoping.membership m
    WHERE m.login = kaoping.caller() AND m.body_id IS NOT NULL
      AND pg_catalog.pg_has_role(kaoping.caller(), 'kaoping_assessor', 'MEMBER');
END;
COMMENT ON FUNCTION kaoping.my_bodies() IS 'The scoring bodies the acting login acts for as kaoping_assessor (kaoping.membership)';

CREATE FUNCTION kaoping.my_evaluators() RETURNS TABLE (evaluator_group text, evaluator text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.evaluator_group, m.evaluator FROM kaoping.membership m
    WHERE m.login = kaoping.caller() AND m.evaluator IS NOT NULL
      AND pg_catalog.pg_has_role(kaoping.caller(), 'kaoping_evaluator', 'MEMBER');
END;
COMMENT ON FUNCTION kaoping.my_evaluators() IS 'The evaluators the acting login ranks as, as kaoping_evaluator (kaoping.membership)';

CREATE FUNCTION kaoping.my_milestone_ids() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.milestone_id FROM kaoping.milestone m
    WHERE m.unit_id IN (SELECT kaoping.my_units()) OR m.body_id IN (SELECT kaoping.my_bodies());
END;
COMMENT ON FUNCTION kaoping.my_milestone_ids() IS 'The milestones of the acting login: those its units owe and those its scoring bodies check';
