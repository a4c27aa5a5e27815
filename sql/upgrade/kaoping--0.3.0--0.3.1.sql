\echo Use "ALTER EXTENSION kaoping UPDATE TO '0.3.1'" to load this file. \quit
-- kaoping 0.3.0 → 0.3.1, a security release.
--
-- * Trigger functions can no longer be attached by anyone to a table of
--   their own (EXECUTE revoked from PUBLIC), and each refuses to run on a
--   table it was not made for: in 0.3.0 any login could make a SECURITY
--   DEFINER trigger run its own code as the extension's owner.
-- * Units, scoring bodies and evaluators lose every privilege on tables
--   that also hold others' rows: they read kaoping.my_* and write through
--   enter_result, remove_result, check_milestone, remove_check,
--   upload_evidence, withdraw_evidence and submit_ranking, so that neither
--   EXPLAIN ANALYZE nor the planner's estimates tell them about hidden rows.
-- * A reader no longer sees who ranked whom (evaluation_score).
-- * Freezing, approving, recalculating and submitting a ranking wait for a
--   lock at most kaoping.lock_wait (10s), then name the sessions holding it.
-- * evidence_id is always generated; values no province can have (10^15
--   and above, more than 20 decimals) are refused when written.  An update
--   of a database holding such a value stops at the constraint that names
--   it: correct the row, then update.
-- * The audit trail, cycle transitions and snapshots record the login as
--   well as the role it acted as.

-- New helpers.
CREATE FUNCTION kaoping.refuse_trigger_table(trigger_name name, table_schema name, table_name name)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'trigger % cannot run on table %.%', trigger_name, table_schema, table_name
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'kaoping''s trigger functions run only on the kaoping tables they were made for.';
END $$;
COMMENT ON FUNCTION kaoping.refuse_trigger_table(name, name, name) IS 'Raises the error of a kaoping trigger function fired on a table it was not made for';

CREATE FUNCTION kaoping.lock_wait() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce(nullif(pg_catalog.current_setting('kaoping.lock_wait', true), ''), '10s');
COMMENT ON FUNCTION kaoping.lock_wait() IS 'How long kaoping''s operations wait for a lock: the setting kaoping.lock_wait, 10s when unset';

CREATE FUNCTION kaoping.lock_holders(relation regclass, key1 integer, key2 integer) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT pg_catalog.string_agg(pg_catalog.format('pid %s (login %s, application %s, %s since %s)',
                                                    a.pid, a.usename, coalesce(nullif(a.application_name, ''), '—'),
                                                    a.state, a.state_change), '; ' ORDER BY a.pid)
    FROM pg_catalog.pg_locks l
    JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
    WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid()
      AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
      AND CASE WHEN lock_holders.relation IS NOT NULL
               THEN l.locktype = 'relation' AND l.relation = lock_holders.relation
                    AND l.mode IN ('RowShareLock', 'RowExclusiveLock')
               ELSE l.locktype = 'advisory' AND l.objsubid = 2
                    AND l.classid = pg_catalog.oid((key1::bigint + 4294967296) % 4294967296)
                    AND l.objid = pg_catalog.oid((key2::bigint + 4294967296) % 4294967296)
          END;
END;
COMMENT ON FUNCTION kaoping.lock_holders(regclass, integer, integer) IS 'The sessions holding row locks on a table, or the advisory lock on (key1, key2), described for an error message';

CREATE FUNCTION kaoping.take_turn(what text, key1 integer, key2 integer) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    previous text := current_setting('lock_timeout');
BEGIN
    PERFORM set_config('lock_timeout', kaoping.lock_wait(), true);
    BEGIN
        PERFORM pg_advisory_xact_lock(key1, key2);
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION '% waited % and gave up', what, kaoping.lock_wait()
            USING ERRCODE = 'lock_not_available',
                  DETAIL = 'Holding it: ' || coalesce(kaoping.lock_holders(NULL, key1, key2), 'a session that has ended since'),
                  HINT = 'Try again when that session has finished; the office can end it with pg_terminate_backend(pid).';
    END;
    PERFORM set_config('lock_timeout', previous, true);
END $$;
COMMENT ON FUNCTION kaoping.take_turn(text, integer, integer) IS 'Takes the advisory lock (key1, key2) until the transaction ends, waiting at most kaoping.lock_wait, then names its holders in the error';

CREATE FUNCTION kaoping.plausible(value numeric) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.abs(value) < 1e15 AND pg_catalog.scale(value) <= 20;
COMMENT ON FUNCTION kaoping.plausible(numeric) IS 'Whether a recorded value is one a province can have: below 10^15 in magnitude, at most 20 decimal places (NaN and infinities are not)';

CREATE FUNCTION kaoping.shown(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN pg_catalog.length(value) <= 40 THEN value
            ELSE pg_catalog.left(value, 40) || pg_catalog.format('… (%s characters)', pg_catalog.length(value)) END;
COMMENT ON FUNCTION kaoping.shown(text) IS 'A value cut to 40 characters for an error message, with its length when cut';

CREATE FUNCTION kaoping.audited_tables() RETURNS name[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY['cycle', 'policy', 'unit', 'task', 'task_assignment', 'milestone', 'milestone_check',
             'evidence', 'indicator', 'indicator_result', 'evaluation', 'adjustment_rule', 'adjustment',
             'funding', 'scoring_body', 'membership']::name[];
COMMENT ON FUNCTION kaoping.audited_tables() IS 'The tables of kaoping whose changes kaoping.audit_log records';

CREATE FUNCTION kaoping.cycle_input_tables() RETURNS name[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY['policy', 'task', 'task_assignment', 'milestone', 'milestone_check', 'evidence', 'indicator',
             'indicator_result', 'evaluation', 'adjustment', 'funding']::name[];
COMMENT ON FUNCTION kaoping.cycle_input_tables() IS 'The tables of kaoping whose rows belong to a cycle, written only while it is open';

-- Aggregate states carry their layout and have a binary form.
CREATE FUNCTION kaoping.sum_state_recv(internal)
RETURNS kaoping.sum_state
AS 'MODULE_PATHNAME', 'kaoping_sum_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.sum_state_send(kaoping.sum_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'kaoping_sum_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

ALTER TYPE kaoping.sum_state SET (RECEIVE = kaoping.sum_state_recv, SEND = kaoping.sum_state_send);
COMMENT ON FUNCTION kaoping.sum_state_recv(internal) IS 'binary input of kaoping.sum_state: its layout number, then its text form';
COMMENT ON FUNCTION kaoping.sum_state_send(kaoping.sum_state) IS 'binary output of kaoping.sum_state: its layout number, then its text form';

CREATE FUNCTION kaoping.weighted_state_recv(internal)
RETURNS kaoping.weighted_state
AS 'MODULE_PATHNAME', 'kaoping_weighted_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.weighted_state_send(kaoping.weighted_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'kaoping_weighted_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

ALTER TYPE kaoping.weighted_state SET (RECEIVE = kaoping.weighted_state_recv, SEND = kaoping.weighted_state_send);
COMMENT ON FUNCTION kaoping.weighted_state_recv(internal) IS 'binary input of kaoping.weighted_state: its layout number, then its text form';
COMMENT ON FUNCTION kaoping.weighted_state_send(kaoping.weighted_state) IS 'binary output of kaoping.weighted_state: its layout number, then its text form';

CREATE FUNCTION kaoping.adjustment_state_recv(internal)
RETURNS kaoping.adjustment_state
AS 'MODULE_PATHNAME', 'kaoping_adjustment_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.adjustment_state_send(kaoping.adjustment_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'kaoping_adjustment_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

ALTER TYPE kaoping.adjustment_state SET (RECEIVE = kaoping.adjustment_state_recv, SEND = kaoping.adjustment_state_send);
COMMENT ON FUNCTION kaoping.adjustment_state_recv(internal) IS 'binary input of kaoping.adjustment_state: its layout number, then its text form';
COMMENT ON FUNCTION kaoping.adjustment_state_send(kaoping.adjustment_state) IS 'binary output of kaoping.adjustment_state: its layout number, then its text form';

-- Trigger functions: each checks its table first.
CREATE OR REPLACE FUNCTION kaoping.cycle_add_policy() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'cycle' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    INSERT INTO kaoping.policy (cycle_id) VALUES (NEW.cycle_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.cycle_add_policy() IS 'trigger: gives a new cycle its policy row with the plan''s defaults';

CREATE OR REPLACE FUNCTION kaoping.policy_replace_defaults() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'policy' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    DELETE FROM kaoping.policy WHERE cycle_id = NEW.cycle_id;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.policy_replace_defaults() IS 'trigger: a policy row inserted for a cycle replaces the one it had';

CREATE OR REPLACE FUNCTION kaoping.evaluation_fill_kind() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'evaluation' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NEW.unit_kind IS NULL THEN
        SELECT kind INTO NEW.unit_kind FROM kaoping.unit WHERE unit_id = NEW.unit_id;
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.evaluation_fill_kind() IS 'trigger: fills an evaluation''s unit_kind from its unit';

CREATE OR REPLACE FUNCTION kaoping.evaluation_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bad record;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'evaluation' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT r.unit_id INTO bad
    FROM written r JOIN kaoping.unit u ON u.unit_id = r.unit_id
    WHERE NOT u.active LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit % is not active and cannot be ranked', bad.unit_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Only active units are assessed; rank the active units of the kind.';
    END IF;
    SELECT r.rank, coalesce(n.units, 0) AS units, r.unit_kind INTO bad
    FROM written r
    LEFT JOIN (SELECT kind, count(*) AS units FROM kaoping.unit WHERE active GROUP BY kind) n
           ON n.kind = r.unit_kind
    WHERE r.rank > coalesce(n.units, 0) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'rank % is outside 1..% (active % units)', bad.rank, bad.units, bad.unit_kind
            USING ERRCODE = 'numeric_value_out_of_range',
                  HINT = 'Every evaluator ranks each active unit of the kind once, from 1 to n.';
    END IF;
    SELECT r.evaluator, r.unit_kind INTO bad
    FROM written r LEFT JOIN kaoping.unit e ON e.unit_id = r.evaluator
    WHERE r.evaluator_group = 'peer' AND (e.unit_id IS NULL OR e.kind = r.unit_kind) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'peer evaluator % cannot rank % units', bad.evaluator, bad.unit_kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Peers are units of the other kind: departments rank cities, cities rank departments (R12).';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.evaluation_check() IS 'trigger: the rows a statement wrote rank active units within 1..n of their kind, and a peer evaluator is a unit of the other kind';

CREATE OR REPLACE FUNCTION kaoping.adjustment_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    rule kaoping.adjustment_rule;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'adjustment' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT * INTO rule FROM kaoping.adjustment_rule WHERE rule_code = NEW.rule_code;
    IF NOT FOUND THEN
        RETURN NEW;                 -- the foreign key reports it
    END IF;
    IF rule.from_funding THEN
        RAISE EXCEPTION 'rule % is shared by funding and takes no events', rule.rule_code
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Record the amount secured in kaoping.funding.';
    ELSIF rule.min_points IS NOT NULL THEN
        IF NEW.points IS NULL OR NEW.points < rule.min_points OR NEW.points > rule.max_points THEN
            RAISE EXCEPTION 'points % are outside %..% for rule %',
                coalesce(NEW.points::text, 'NULL'), rule.min_points, rule.max_points, rule.rule_code
                USING ERRCODE = 'numeric_value_out_of_range',
                      HINT = 'Judged points must lie inside the rule''s range (R15).';
        END IF;
    ELSIF NEW.points IS NOT NULL THEN
        RAISE EXCEPTION 'rule % has fixed points %; points % cannot be given', rule.rule_code, rule.points, NEW.points
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Leave points NULL: only judged rules (B4a, B4b) take points per event.';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.adjustment_check() IS 'trigger: judged points lie within their rule''s range (R15), fixed rules take none, B3 takes no events';

CREATE OR REPLACE FUNCTION kaoping.adjustment_rule_keep_builtin() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'adjustment_rule' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF OLD.builtin OR (TG_OP = 'UPDATE' AND NEW.builtin) THEN
        RAISE EXCEPTION 'rule % belongs to the plan and cannot be changed', OLD.rule_code
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Add a rule with a code of your own instead.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION kaoping.adjustment_rule_keep_builtin() IS 'trigger: the built-in rules of the plan (doc/rules.md §5) cannot be changed or deleted';

CREATE OR REPLACE FUNCTION kaoping.indicator_result_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ind kaoping.indicator;
    unit_kind text;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'indicator_result' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    -- before anything shows the values: ones no province has are refused
    -- with a short message (the constraints alone would print them whole)
    IF NOT (kaoping.plausible(NEW.actual) AND kaoping.plausible(NEW.deduction)) THEN
        RAISE EXCEPTION 'result % of indicator % for unit % is not a value a province can have',
                        kaoping.shown((CASE WHEN kaoping.plausible(NEW.actual) IS FALSE THEN NEW.actual ELSE NEW.deduction END)::text),
                        NEW.indicator_id, NEW.unit_id
            USING ERRCODE = 'numeric_value_out_of_range',
                  HINT = 'Results are below 10^15 in magnitude with at most 20 decimal places; check the unit of the figure.';
    END IF;
    SELECT * INTO ind FROM kaoping.indicator WHERE indicator_id = NEW.indicator_id;
    SELECT kind INTO unit_kind FROM kaoping.unit WHERE unit_id = NEW.unit_id;
    IF ind.indicator_id IS NULL OR unit_kind IS NULL THEN
        RETURN NEW;                 -- the foreign keys report it
    END IF;
    IF unit_kind <> ind.unit_kind OR (ind.unit_id IS NOT NULL AND ind.unit_id <> NEW.unit_id) THEN
        RAISE EXCEPTION 'indicator % does not apply to unit %', NEW.indicator_id, NEW.unit_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('It applies to %s.', coalesce('unit ' || ind.unit_id, 'every ' || ind.unit_kind));
    END IF;
    IF ind.method = 'given' AND NEW.actual IS NOT NULL AND (NEW.actual < 0 OR NEW.actual > 100) THEN
        RAISE EXCEPTION 'actual % is outside 0..100 for given indicator %', NEW.actual, NEW.indicator_id
            USING ERRCODE = 'numeric_value_out_of_range',
                  HINT = 'A given indicator''s actual is the score itself.';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.indicator_result_check() IS 'trigger: a result is for a unit the indicator applies to; a given score lies in 0..100';

CREATE OR REPLACE FUNCTION kaoping.membership_check() RETURNS trigger
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

CREATE OR REPLACE FUNCTION kaoping.audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> ALL (kaoping.audited_tables()) THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
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

CREATE OR REPLACE FUNCTION kaoping.audit_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    new_row jsonb;
BEGIN
    -- the table is checked before any value of its rows is touched
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> ALL (kaoping.audited_tables()) THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NOT kaoping.restoring() THEN
        new_row := pg_catalog.to_jsonb(NEW);
        INSERT INTO kaoping.audit_log (table_name, operation, unit_id, old_row, new_row)
        VALUES (TG_TABLE_NAME, TG_OP, kaoping.audit_unit(new_row), pg_catalog.to_jsonb(OLD), new_row);
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.audit_update() IS 'trigger: records an updated row, before and after, in kaoping.audit_log';

CREATE OR REPLACE FUNCTION kaoping.audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'audit_log' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NOT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = kaoping.caller()), false) THEN
        RAISE EXCEPTION 'the audit log is append-only; % cannot %', kaoping.caller(), pg_catalog.lower(TG_OP)
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only a superuser can change or delete audit records.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION kaoping.audit_log_append_only() IS 'trigger: only a superuser can change or delete audit records';

CREATE OR REPLACE FUNCTION kaoping.cycle_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    expression text := kaoping.cycle_of_rows(TG_TABLE_NAME);
    written text;
    touched record;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> ALL (kaoping.cycle_input_tables()) THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
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

CREATE OR REPLACE FUNCTION kaoping.cycle_state_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'cycle' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
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

CREATE OR REPLACE FUNCTION kaoping.cycle_state_moved() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'cycle' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
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

-- Bounded waits, and the login recorded.
CREATE OR REPLACE FUNCTION kaoping.move_cycle(cycle_id text, to_state text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    previous text := current_setting('lock_timeout');
BEGIN
    IF kaoping.check_cycle(cycle_id) = to_state THEN
        RAISE EXCEPTION 'cycle % is already %', cycle_id, to_state
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- writers in flight hold the cycle's row FOR SHARE (cycle_guard): wait
    -- for them a bounded time, then name them
    PERFORM set_config('lock_timeout', kaoping.lock_wait(), true);
    BEGIN
        PERFORM FROM kaoping.cycle c WHERE c.cycle_id = move_cycle.cycle_id FOR UPDATE;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'cycle % cannot become %: writers of its inputs did not finish within %',
                        cycle_id, to_state, kaoping.lock_wait()
            USING ERRCODE = 'lock_not_available',
                  DETAIL = 'Sessions writing inputs: ' || coalesce(kaoping.lock_holders('kaoping.cycle', NULL, NULL), 'none left'),
                  HINT = 'Try again when they have committed; the office can end one with pg_terminate_backend(pid).';
    END;
    PERFORM set_config('lock_timeout', previous, true);
    UPDATE kaoping.cycle c SET state = to_state WHERE c.cycle_id = move_cycle.cycle_id;
    RETURN to_state;
END $$;

CREATE OR REPLACE FUNCTION kaoping.recalculate(cycle_id text, period text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF kaoping.check_cycle_period(cycle_id, period) = 'approved' THEN
        RAISE EXCEPTION 'cycle % is approved; its final results stand', cycle_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'An approved cycle''s results are final (R20); read them from kaoping.unit_score.';
    END IF;
    -- recalculations of one cycle and period take their turn, so that
    -- snapshot numbers follow the states they saw
    PERFORM kaoping.take_turn(format('recalculating cycle %s period %s', cycle_id, period),
                              pg_catalog.hashtext('kaoping.recalculate'),
                              pg_catalog.hashtext(cycle_id || '/' || period));
    RETURN kaoping.take_snapshot(cycle_id, period, false);
END $$;

CREATE OR REPLACE FUNCTION kaoping.submit_ranking(cycle_id text, period text, ranking text[], evaluator text DEFAULT NULL)
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
        RAISE EXCEPTION 'ranking names units that are not active units: %', problem
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
    PERFORM kaoping.take_turn(format('submitting the ranking of evaluator %s', chosen.evaluator),
                              hashtext('kaoping.submit_ranking'),
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
COMMENT ON FUNCTION kaoping.submit_ranking(text, text, text[], text) IS '提交排序 Submits the caller''s ranking of one kind for a cycle and period: all active units of the kind, best first; replaces its previous ranking atomically; returns the number ranked (R12, R13)';

CREATE OR REPLACE FUNCTION kaoping.take_snapshot(cycle_id text, period text, final boolean) RETURNS bigint
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
                                      published_at, published_by, published_by_login)
        SELECT take_snapshot.cycle_id, take_snapshot.period, now(), kaoping.caller(), take_snapshot.final,
               count(*), count(s.total), pg_current_snapshot(),
               (SELECT system_identifier FROM pg_control_system()),
               (SELECT extversion FROM pg_extension WHERE extname = 'kaoping'),
               CASE WHEN take_snapshot.final THEN now() END,
               CASE WHEN take_snapshot.final THEN kaoping.caller() END,
               CASE WHEN take_snapshot.final THEN session_user END
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

CREATE OR REPLACE FUNCTION kaoping.publish(cycle_id text, period text) RETURNS bigint
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
    UPDATE kaoping.snapshot s SET published_at = now(), published_by = kaoping.caller(), published_by_login = session_user
    WHERE s.snapshot_id = newest AND s.published_at IS NULL;
    RETURN newest;
END $$;

-- A peer window per cycle, and the task's cycle in the join of its milestones, so that a filter on the cycle reaches the base tables.
CREATE OR REPLACE VIEW kaoping.indicator_score AS
SELECT r.indicator_id, i.cycle_id, r.period, r.unit_id, i.unit_kind, i.category, i.name, i.method,
       i.weight, r.actual, r.deduction,
       CASE i.method
           WHEN 'efficacy' THEN
               CASE WHEN i.satisfactory IS NOT NULL
                    THEN kaoping.efficacy_score(r.actual, i.unallowable, i.satisfactory,
                                                p.efficacy_base, p.efficacy_span, i.clamp)
                    ELSE kaoping.peer_efficacy_score(r.actual, i.higher_is_better,
                                                     p.efficacy_base, p.efficacy_span)
                             OVER (PARTITION BY i.cycle_id, r.indicator_id, r.period)
               END
           WHEN 'completion' THEN kaoping.completion_score(r.actual, i.target, i.max_ratio, i.higher_is_better)
           WHEN 'deduction' THEN (SELECT kaoping.deduction_score(d) FROM (VALUES (coalesce(r.deduction, 0))) AS v (d))
           WHEN 'given' THEN r.actual
       END AS score
FROM kaoping.indicator_result r
JOIN kaoping.indicator i ON i.indicator_id = r.indicator_id
JOIN kaoping.policy p ON p.cycle_id = i.cycle_id;
COMMENT ON VIEW kaoping.indicator_score IS '指标得分 A unit''s score on an indicator in a period: efficacy against fixed thresholds or the peers of the indicator in the period (R6), completion (R7), deduction (R8), or the score given';
COMMENT ON COLUMN kaoping.indicator_score.indicator_id IS '指标 The indicator';
COMMENT ON COLUMN kaoping.indicator_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.indicator_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.indicator_score.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.indicator_score.unit_kind IS '类别 city or department';
COMMENT ON COLUMN kaoping.indicator_score.category IS '指标类别 city, task, policy or common';
COMMENT ON COLUMN kaoping.indicator_score.name IS '指标名称 Name of the indicator';
COMMENT ON COLUMN kaoping.indicator_score.method IS '计分方法 efficacy, completion, deduction or given';
COMMENT ON COLUMN kaoping.indicator_score.weight IS '权重 Weight within its category';
COMMENT ON COLUMN kaoping.indicator_score.actual IS '实际值 Actual value';
COMMENT ON COLUMN kaoping.indicator_score.deduction IS '扣分 Points deducted';
COMMENT ON COLUMN kaoping.indicator_score.score IS '得分 Score, 0–100 (the textbook efficacy coefficient may leave it)';

CREATE OR REPLACE VIEW kaoping.task_score AS
SELECT a.task_id, t.cycle_id, cp.period, a.unit_id, a.role,
       count(ms.milestone_id)::integer AS milestones_due,
       (count(ms.milestone_id) FILTER (WHERE ms.deducts))::integer AS milestones_deducting,
       coalesce(kaoping.deduction_score(CASE WHEN ms.deducts THEN ms.deduction ELSE 0 END), 100) AS score
FROM kaoping.task_assignment a
JOIN kaoping.task t ON t.task_id = a.task_id
JOIN kaoping.cycle_period cp ON cp.cycle_id = t.cycle_id
-- (the task's cycle is named in the join, so that a filter on the cycle
-- reaches the milestones too)
LEFT JOIN kaoping.milestone_status ms
       ON ms.task_id = a.task_id AND ms.unit_id = a.unit_id AND ms.cycle_id = t.cycle_id AND ms.period = cp.period
GROUP BY a.task_id, t.cycle_id, cp.period, a.unit_id, a.role;
COMMENT ON VIEW kaoping.task_score IS '任务得分 A department''s score on a task it leads or is responsible for: 100 less the points of its milestones of the task that deduct by the period''s end (R8, R11); 100 when none is due yet';
COMMENT ON COLUMN kaoping.task_score.task_id IS '任务 The task';
COMMENT ON COLUMN kaoping.task_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.task_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.task_score.unit_id IS '部门 The department';
COMMENT ON COLUMN kaoping.task_score.role IS '角色 lead or responsible';
COMMENT ON COLUMN kaoping.task_score.milestones_due IS '到期节点数 Its milestones of the task due by the period''s end';
COMMENT ON COLUMN kaoping.task_score.milestones_deducting IS '扣分节点数 Of those, the ones that deduct';
COMMENT ON COLUMN kaoping.task_score.score IS '得分 Direct-deduction score, 0–100';

-- The login beside the role acted as; rows written before 0.3.1 name the
-- role they recorded.
ALTER TABLE kaoping.audit_log ADD COLUMN login name;
UPDATE kaoping.audit_log SET login = changed_by;
ALTER TABLE kaoping.audit_log ALTER COLUMN login SET DEFAULT session_user, ALTER COLUMN login SET NOT NULL;
COMMENT ON COLUMN kaoping.audit_log.login IS '登录名 The login that connected (changed_by may be a role it SET ROLE to)';
ALTER TABLE kaoping.cycle_transition ADD COLUMN login name;
UPDATE kaoping.cycle_transition SET login = changed_by;
ALTER TABLE kaoping.cycle_transition ALTER COLUMN login SET DEFAULT session_user, ALTER COLUMN login SET NOT NULL;
COMMENT ON COLUMN kaoping.cycle_transition.login IS '登录名 The login that connected (changed_by may be a role it SET ROLE to)';
ALTER TABLE kaoping.snapshot ADD COLUMN taken_by_login name, ADD COLUMN published_by_login name;
UPDATE kaoping.snapshot SET taken_by_login = taken_by, published_by_login = published_by;
ALTER TABLE kaoping.snapshot ALTER COLUMN taken_by_login SET DEFAULT session_user,
                             ALTER COLUMN taken_by_login SET NOT NULL;
COMMENT ON COLUMN kaoping.snapshot.taken_by_login IS '计算登录名 The login that computed it (taken_by may be a role it SET ROLE to)';
COMMENT ON COLUMN kaoping.snapshot.published_by_login IS '发布登录名 The login that circulated it';

-- Evidence numbers are never chosen by the uploader.
ALTER TABLE kaoping.evidence ALTER COLUMN evidence_id SET GENERATED ALWAYS;

-- Values no province can have.
ALTER TABLE kaoping.milestone
    ADD CONSTRAINT milestone_deduction_plausible CHECK (kaoping.plausible(deduction));
ALTER TABLE kaoping.indicator
    ADD CONSTRAINT indicator_weight_plausible CHECK (kaoping.plausible(weight)),
    ADD CONSTRAINT indicator_target_plausible CHECK (kaoping.plausible(target)),
    ADD CONSTRAINT indicator_satisfactory_plausible CHECK (kaoping.plausible(satisfactory)),
    ADD CONSTRAINT indicator_unallowable_plausible CHECK (kaoping.plausible(unallowable)),
    ADD CONSTRAINT indicator_max_ratio_plausible CHECK (kaoping.plausible(max_ratio));
ALTER TABLE kaoping.indicator_result
    ADD CONSTRAINT indicator_result_actual_plausible CHECK (kaoping.plausible(actual)),
    ADD CONSTRAINT indicator_result_deduction_plausible CHECK (kaoping.plausible(deduction));
ALTER TABLE kaoping.adjustment
    ADD CONSTRAINT adjustment_points_plausible CHECK (kaoping.plausible(points));
ALTER TABLE kaoping.funding
    ADD CONSTRAINT funding_amount_plausible CHECK (kaoping.plausible(amount));

-- Row-level security keeps the office's and the dashboards' policies; the
-- other roles reach no table row at all.
DROP POLICY own_unit ON kaoping.milestone;
DROP POLICY own_unit ON kaoping.milestone_check;
DROP POLICY own_unit ON kaoping.evidence;
DROP POLICY own_unit ON kaoping.indicator_result;
DROP POLICY own_unit ON kaoping.adjustment;
DROP POLICY own_unit ON kaoping.funding;
DROP POLICY own_body ON kaoping.milestone;
DROP POLICY own_body ON kaoping.evidence;
DROP POLICY own_body ON kaoping.milestone_check;
DROP POLICY own_body ON kaoping.indicator_result;
DROP POLICY own_ranking ON kaoping.evaluation;
DROP POLICY own_login ON kaoping.membership;
DROP POLICY published ON kaoping.snapshot;
DROP POLICY own_published ON kaoping.snapshot_score;
DROP POLICY own_published ON kaoping.snapshot_detail;
DROP FUNCTION kaoping.my_unit_milestones();
DROP FUNCTION kaoping.my_body_milestones();
DROP FUNCTION kaoping.my_body_indicators();

-- The rules are the project's own document, doc/rules.md.
COMMENT ON TABLE kaoping.policy IS '政策参数 The policy values of a cycle (the "policy" values of doc/rules.md), one row per cycle, created with the cycle; weights that should sum to 1 must (R16)';
COMMENT ON TABLE kaoping.adjustment_rule IS '加减分规则 The bonus and penalty rules of the plan (doc/rules.md §5: B1a … P6c, filled by CREATE EXTENSION and kept by it) and any the province adds: fixed points each, a judged range (B4), or a share of funding (B3)';
COMMENT ON COLUMN kaoping.adjustment_rule.builtin IS '内置 One of the plan''s rules (doc/rules.md §5), created with the extension; add a rule of your own to change one';
COMMENT ON VIEW kaoping.live_score IS '实时考评结果 Each active unit''s result in each period computed now from the inputs (doc/rules.md §8): indicator × 0.7 + comprehensive × 0.3 + adjustment (R16), ranked within its kind with ties sharing a rank (R17) and graded by quota (R18); NULL where an input is missing (see kaoping.completeness)';
COMMENT ON VIEW kaoping.unit_score IS '考评结果 Each unit''s result in each period (doc/rules.md §8): computed on read while the cycle is open or frozen (kaoping.live_score), the final snapshot stored at approval once it is approved (R20)';

-- What the acting login acts for, in the capacity of its group role.
CREATE OR REPLACE FUNCTION kaoping.my_units() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.unit_id FROM kaoping.membership m
    WHERE m.login = kaoping.caller() AND m.unit_id IS NOT NULL
      AND pg_catalog.pg_has_role(kaoping.caller(), 'kaoping_unit', 'MEMBER');
END;
COMMENT ON FUNCTION kaoping.my_units() IS 'The units the acting login acts for as kaoping_unit (kaoping.membership)';

CREATE OR REPLACE FUNCTION kaoping.my_bodies() RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.body_id FROM kaoping.membership m
    WHERE m.login = kaoping.caller() AND m.body_id IS NOT NULL
      AND pg_catalog.pg_has_role(kaoping.caller(), 'kaoping_assessor', 'MEMBER');
END;
COMMENT ON FUNCTION kaoping.my_bodies() IS 'The scoring bodies the acting login acts for as kaoping_assessor (kaoping.membership)';

CREATE OR REPLACE FUNCTION kaoping.my_evaluators() RETURNS TABLE (evaluator_group text, evaluator text)
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

-- Own rows, read and written through functions.
CREATE FUNCTION kaoping.my_membership_rows() RETURNS SETOF kaoping.membership
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 5
BEGIN ATOMIC
    SELECT * FROM kaoping.membership m WHERE m.login = kaoping.caller();
END;
COMMENT ON FUNCTION kaoping.my_membership_rows() IS 'The membership rows of the acting login';

CREATE VIEW kaoping.my_membership AS SELECT * FROM kaoping.my_membership_rows();
COMMENT ON VIEW kaoping.my_membership IS '我的身份 What the acting login acts for: its rows of kaoping.membership';

CREATE FUNCTION kaoping.my_milestone_rows() RETURNS SETOF kaoping.milestone
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100
BEGIN ATOMIC
    SELECT * FROM kaoping.milestone m WHERE m.milestone_id IN (SELECT kaoping.my_milestone_ids());
END;
COMMENT ON FUNCTION kaoping.my_milestone_rows() IS 'The milestones the acting login''s units owe or its scoring bodies check';

CREATE VIEW kaoping.my_milestone AS SELECT * FROM kaoping.my_milestone_rows();
COMMENT ON VIEW kaoping.my_milestone IS '我的节点 The milestones of kaoping.milestone the acting login''s units owe or its scoring bodies check';

CREATE FUNCTION kaoping.my_milestone_check_rows() RETURNS SETOF kaoping.milestone_check
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100
BEGIN ATOMIC
    SELECT * FROM kaoping.milestone_check c WHERE c.milestone_id IN (SELECT kaoping.my_milestone_ids());
END;
COMMENT ON FUNCTION kaoping.my_milestone_check_rows() IS 'The checks of the acting login''s milestones';

CREATE VIEW kaoping.my_milestone_check AS SELECT * FROM kaoping.my_milestone_check_rows();
COMMENT ON VIEW kaoping.my_milestone_check IS '我的节点核验 The checks (kaoping.milestone_check) of the acting login''s milestones';

CREATE FUNCTION kaoping.my_evidence_rows() RETURNS SETOF kaoping.evidence
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100
BEGIN ATOMIC
    SELECT * FROM kaoping.evidence e WHERE e.milestone_id IN (SELECT kaoping.my_milestone_ids());
END;
COMMENT ON FUNCTION kaoping.my_evidence_rows() IS 'The evidence uploaded for the acting login''s milestones';

CREATE VIEW kaoping.my_evidence AS SELECT * FROM kaoping.my_evidence_rows();
COMMENT ON VIEW kaoping.my_evidence IS '我的证明材料 The evidence (kaoping.evidence) uploaded for the acting login''s milestones';

CREATE FUNCTION kaoping.my_indicator_result_rows() RETURNS SETOF kaoping.indicator_result
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100
BEGIN ATOMIC
    SELECT * FROM kaoping.indicator_result r
    WHERE r.unit_id IN (SELECT kaoping.my_units())
       OR r.indicator_id IN (SELECT i.indicator_id FROM kaoping.indicator i
                             WHERE i.body_id IN (SELECT kaoping.my_bodies()));
END;
COMMENT ON FUNCTION kaoping.my_indicator_result_rows() IS 'The results of the acting login''s units and of the indicators its scoring bodies score';

CREATE VIEW kaoping.my_indicator_result AS SELECT * FROM kaoping.my_indicator_result_rows();
COMMENT ON VIEW kaoping.my_indicator_result IS '我的指标结果 The results (kaoping.indicator_result) of the acting login''s units and of the indicators its scoring bodies score';

CREATE FUNCTION kaoping.my_adjustment_rows() RETURNS SETOF kaoping.adjustment
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 10
BEGIN ATOMIC
    SELECT * FROM kaoping.adjustment a WHERE a.unit_id IN (SELECT kaoping.my_units());
END;
COMMENT ON FUNCTION kaoping.my_adjustment_rows() IS 'The bonus and penalty events of the acting login''s units';

CREATE VIEW kaoping.my_adjustment AS SELECT * FROM kaoping.my_adjustment_rows();
COMMENT ON VIEW kaoping.my_adjustment IS '我的加减分 The bonus and penalty events (kaoping.adjustment) of the acting login''s units';

CREATE FUNCTION kaoping.my_funding_rows() RETURNS SETOF kaoping.funding
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 5
BEGIN ATOMIC
    SELECT * FROM kaoping.funding f WHERE f.unit_id IN (SELECT kaoping.my_units());
END;
COMMENT ON FUNCTION kaoping.my_funding_rows() IS 'The funding secured by the acting login''s units';

CREATE VIEW kaoping.my_funding AS SELECT * FROM kaoping.my_funding_rows();
COMMENT ON VIEW kaoping.my_funding IS '我的争取资金 The funding (kaoping.funding) secured by the acting login''s units';

CREATE FUNCTION kaoping.my_ranking_rows() RETURNS SETOF kaoping.evaluation
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100
BEGIN ATOMIC
    SELECT * FROM kaoping.evaluation e
    WHERE (e.evaluator_group, e.evaluator) IN (SELECT * FROM kaoping.my_evaluators());
END;
COMMENT ON FUNCTION kaoping.my_ranking_rows() IS 'The rankings of the evaluators the acting login ranks as';

CREATE VIEW kaoping.my_ranking AS SELECT * FROM kaoping.my_ranking_rows();
COMMENT ON VIEW kaoping.my_ranking IS '我的排序 The rankings (kaoping.evaluation) of the evaluators the acting login ranks as; written only by kaoping.submit_ranking';

CREATE FUNCTION kaoping.my_score_rows()
RETURNS TABLE (cycle_id text, period text, unit_id text, kind text, name text, indicator_score numeric,
               individual_score numeric, common_score numeric, comprehensive_score numeric,
               adjustment numeric, total numeric, rank integer, grade text, snapshot_id bigint,
               taken_at timestamptz, final boolean, published_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 10
BEGIN ATOMIC
    SELECT s.cycle_id, s.period, s.unit_id, s.kind, s.name, s.indicator_score, s.individual_score,
           s.common_score, s.comprehensive_score, s.adjustment, s.total, s.rank, s.grade,
           h.snapshot_id, h.taken_at, h.final, h.published_at
    FROM kaoping.snapshot h
    JOIN kaoping.snapshot_score s ON s.snapshot_id = h.snapshot_id
    WHERE h.published_at IS NOT NULL AND s.unit_id IN (SELECT kaoping.my_units());
END;
COMMENT ON FUNCTION kaoping.my_score_rows() IS 'The acting login''s units'' figures in every circulated snapshot';

CREATE VIEW kaoping.my_score AS SELECT * FROM kaoping.my_score_rows();
COMMENT ON VIEW kaoping.my_score IS '我的考评结果 The acting login''s units'' figures in every snapshot circulated to the units (R19), with the snapshot''s number and times';

CREATE FUNCTION kaoping.my_score_detail_rows()
RETURNS TABLE (cycle_id text, period text, unit_id text, part text, item text, name text, weight numeric,
               value numeric, score numeric, snapshot_id bigint, taken_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100
BEGIN ATOMIC
    SELECT h.cycle_id, h.period, d.unit_id, d.part, d.item, d.name, d.weight, d.value, d.score,
           h.snapshot_id, h.taken_at
    FROM kaoping.snapshot h
    JOIN kaoping.snapshot_detail d ON d.snapshot_id = h.snapshot_id
    WHERE h.published_at IS NOT NULL AND d.unit_id IN (SELECT kaoping.my_units());
END;
COMMENT ON FUNCTION kaoping.my_score_detail_rows() IS 'The breakdown of the acting login''s units'' figures in every circulated snapshot';

CREATE VIEW kaoping.my_score_detail AS SELECT * FROM kaoping.my_score_detail_rows();
COMMENT ON VIEW kaoping.my_score_detail IS '我的考评明细 The breakdown of kaoping.my_score: each indicator, task, evaluator group and adjustment group';

CREATE VIEW kaoping.my_latest_score AS
SELECT DISTINCT ON (s.cycle_id, s.period, s.unit_id) *
FROM kaoping.my_score s
ORDER BY s.cycle_id, s.period, s.unit_id, s.snapshot_id DESC;
COMMENT ON VIEW kaoping.my_latest_score IS '我的最新结果 The acting login''s units'' figures in the newest snapshot circulated of each cycle and period';

CREATE FUNCTION kaoping.check_scores_indicator(indicator_id text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM kaoping.indicator i
                   WHERE i.indicator_id = check_scores_indicator.indicator_id
                     AND i.body_id IN (SELECT kaoping.my_bodies())) THEN
        RAISE EXCEPTION 'login % does not score indicator %', kaoping.caller(), quote_nullable(indicator_id)
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'The scoring body of kaoping.indicator.body_id enters its results, through a login kaoping.membership maps to it.';
    END IF;
END $$;
COMMENT ON FUNCTION kaoping.check_scores_indicator(text) IS 'Raises an error unless the acting login acts for the scoring body of the indicator';

CREATE FUNCTION kaoping.check_milestone_of(milestone_id text, capacity text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM kaoping.milestone m
                   WHERE m.milestone_id = check_milestone_of.milestone_id
                     AND CASE capacity WHEN 'body' THEN m.body_id IN (SELECT kaoping.my_bodies())
                                       ELSE m.unit_id IN (SELECT kaoping.my_units()) END) THEN
        RAISE EXCEPTION 'milestone % is not one login % %', quote_nullable(milestone_id), kaoping.caller(),
                        CASE capacity WHEN 'body' THEN 'checks' ELSE 'owes' END
            USING ERRCODE = 'insufficient_privilege',
                  HINT = CASE capacity
                      WHEN 'body' THEN 'A milestone is checked by the scoring body of its body_id (kaoping.my_milestone lists yours).'
                      ELSE 'A unit uploads evidence for its own milestones (kaoping.my_milestone lists them).' END;
    END IF;
END $$;
COMMENT ON FUNCTION kaoping.check_milestone_of(text, text) IS 'Raises an error unless the acting login checks the milestone (capacity body) or owes it (capacity unit)';

CREATE FUNCTION kaoping.enter_result(indicator_id text, unit_id text, period text,
                                     actual numeric DEFAULT NULL, deduction numeric DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.check_scores_indicator(indicator_id);
    INSERT INTO kaoping.indicator_result AS r (indicator_id, unit_id, period, actual, deduction)
    VALUES (enter_result.indicator_id, enter_result.unit_id, enter_result.period,
            enter_result.actual, enter_result.deduction)
    ON CONFLICT ON CONSTRAINT indicator_result_pkey DO UPDATE
        SET actual = excluded.actual, deduction = excluded.deduction
        WHERE (r.actual, r.deduction) IS DISTINCT FROM (excluded.actual, excluded.deduction);
END $$;
COMMENT ON FUNCTION kaoping.enter_result(text, text, text, numeric, numeric) IS '录入结果 Enters (or corrects) a unit''s result on an indicator the acting login''s scoring body scores';

CREATE FUNCTION kaoping.remove_result(indicator_id text, unit_id text, period text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.check_scores_indicator(indicator_id);
    DELETE FROM kaoping.indicator_result r
    WHERE r.indicator_id = remove_result.indicator_id AND r.unit_id = remove_result.unit_id
      AND r.period = remove_result.period;
    RETURN FOUND;
END $$;
COMMENT ON FUNCTION kaoping.remove_result(text, text, text) IS '删除结果 Removes a result entered for an indicator the acting login''s scoring body scores; whether there was one';

CREATE FUNCTION kaoping.check_milestone(milestone_id text, checked_on date, state text,
                                        evidence text DEFAULT NULL, offline boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.check_milestone_of(milestone_id, 'body');
    INSERT INTO kaoping.milestone_check AS c (milestone_id, checked_on, state, evidence, offline)
    VALUES (check_milestone.milestone_id, check_milestone.checked_on, check_milestone.state,
            check_milestone.evidence, check_milestone.offline)
    ON CONFLICT ON CONSTRAINT milestone_check_pkey DO UPDATE
        SET state = excluded.state, evidence = excluded.evidence, offline = excluded.offline
        WHERE (c.state, c.evidence, c.offline) IS DISTINCT FROM (excluded.state, excluded.evidence, excluded.offline);
END $$;
COMMENT ON FUNCTION kaoping.check_milestone(text, date, text, text, boolean) IS '核验节点 Records (or corrects) the check of a milestone assigned to the acting login''s scoring body on a day: done, late or missed';

CREATE FUNCTION kaoping.remove_check(milestone_id text, checked_on date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.check_milestone_of(milestone_id, 'body');
    DELETE FROM kaoping.milestone_check c
    WHERE c.milestone_id = remove_check.milestone_id AND c.checked_on = remove_check.checked_on;
    RETURN FOUND;
END $$;
COMMENT ON FUNCTION kaoping.remove_check(text, date) IS '删除核验 Removes a check of a milestone assigned to the acting login''s scoring body; whether there was one';

CREATE FUNCTION kaoping.upload_evidence(milestone_id text, reference text DEFAULT NULL,
                                        offline boolean DEFAULT false, note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    uploaded bigint;
BEGIN
    PERFORM kaoping.check_milestone_of(milestone_id, 'unit');
    INSERT INTO kaoping.evidence (milestone_id, submitted_on, submitted_by, reference, offline, note)
    VALUES (upload_evidence.milestone_id, current_date, kaoping.caller(), upload_evidence.reference,
            upload_evidence.offline, upload_evidence.note)
    RETURNING evidence_id INTO uploaded;
    RETURN uploaded;
END $$;
COMMENT ON FUNCTION kaoping.upload_evidence(text, text, boolean, text) IS '报送材料 Uploads evidence for a milestone of the acting login''s unit, dated today in its name; classified material only as offline => true; returns its number';

CREATE FUNCTION kaoping.withdraw_evidence(evidence_id bigint) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM kaoping.evidence e
    WHERE e.evidence_id = withdraw_evidence.evidence_id
      AND e.milestone_id IN (SELECT m.milestone_id FROM kaoping.milestone m
                             WHERE m.unit_id IN (SELECT kaoping.my_units()));
    RETURN FOUND;
END $$;
COMMENT ON FUNCTION kaoping.withdraw_evidence(bigint) IS '撤回材料 Withdraws evidence uploaded for a milestone of the acting login''s unit; false if there is no such evidence of its own';

-- The columns of kaoping.my_* mean what the same columns of the relation
-- they are cut from mean, and take its comments.
DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT v.view_name, a.attname AS column_name,
               pg_catalog.col_description(v.source, s.attnum) AS comment
        FROM (VALUES ('my_membership', 'kaoping.membership'::regclass),
                     ('my_milestone', 'kaoping.milestone'), ('my_milestone_check', 'kaoping.milestone_check'),
                     ('my_evidence', 'kaoping.evidence'), ('my_indicator_result', 'kaoping.indicator_result'),
                     ('my_adjustment', 'kaoping.adjustment'), ('my_funding', 'kaoping.funding'),
                     ('my_ranking', 'kaoping.evaluation'), ('my_score', 'kaoping.latest_score'),
                     ('my_score_detail', 'kaoping.latest_score_detail'),
                     ('my_latest_score', 'kaoping.latest_score')) AS v (view_name, source)
        JOIN pg_catalog.pg_attribute a
          ON a.attrelid = pg_catalog.format('kaoping.%I', v.view_name)::regclass AND a.attnum > 0
        JOIN pg_catalog.pg_attribute s ON s.attrelid = v.source AND s.attname = a.attname
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN kaoping.%I.%I IS %L', col.view_name, col.column_name, col.comment);
    END LOOP;
END $$;
-- Privileges.
REVOKE ALL ON kaoping.milestone, kaoping.milestone_check, kaoping.indicator_result, kaoping.adjustment,
              kaoping.funding, kaoping.evidence, kaoping.evaluation, kaoping.membership, kaoping.snapshot,
              kaoping.snapshot_score, kaoping.snapshot_detail, kaoping.latest_snapshot, kaoping.latest_score,
              kaoping.latest_score_detail, kaoping.score_history
    FROM kaoping_assessor, kaoping_unit, kaoping_evaluator;
REVOKE ALL ON kaoping.membership FROM kaoping_reader;
REVOKE ALL ON SEQUENCE kaoping.evidence_evidence_id_seq FROM kaoping_unit;
REVOKE ALL ON kaoping.evaluation_score FROM kaoping_reader;
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
                          kaoping.freeze_cycle(text), kaoping.reopen_cycle(text), kaoping.approve_cycle(text)
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
                          kaoping.check_milestone(text, date, text, text, boolean), kaoping.remove_check(text, date)
    TO kaoping_assessor;
GRANT EXECUTE ON FUNCTION kaoping.my_ranking_rows(), kaoping.submit_ranking(text, text, text[], text)
    TO kaoping_evaluator;

