-- Who acts: the group roles a province grants to its logins, and the role
-- acting in a statement.

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

