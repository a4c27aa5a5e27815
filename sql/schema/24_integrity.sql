-- Rules that span rows, enforced by triggers.  Each trigger function names
-- every object with its schema and pins search_path, so nothing a user puts
-- on the path is ever called.

-- A new cycle gets its policy row with the plan's defaults.
CREATE FUNCTION kaoping.cycle_add_policy() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'cycle' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    INSERT INTO kaoping.policy (cycle_id) VALUES (NEW.cycle_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.cycle_add_policy() IS 'trigger: gives a new cycle its policy row with the plan''s defaults';
CREATE TRIGGER cycle_add_policy AFTER INSERT ON kaoping.cycle
    FOR EACH ROW EXECUTE FUNCTION kaoping.cycle_add_policy();

-- A policy row given for a cycle (by a loader, or by pg_restore after the
-- cycle's own defaults) replaces the defaults rather than clashing with them.
CREATE FUNCTION kaoping.policy_replace_defaults() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'policy' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    DELETE FROM kaoping.policy WHERE cycle_id = NEW.cycle_id;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.policy_replace_defaults() IS 'trigger: a policy row inserted for a cycle replaces the one it had';
CREATE TRIGGER policy_replace_defaults BEFORE INSERT ON kaoping.policy
    FOR EACH ROW EXECUTE FUNCTION kaoping.policy_replace_defaults();

-- An evaluation's kind is its unit's, unless given (then the foreign key
-- on (unit_id, unit_kind) checks it).
CREATE FUNCTION kaoping.evaluation_fill_kind() RETURNS trigger
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
CREATE TRIGGER evaluation_fill_kind BEFORE INSERT OR UPDATE ON kaoping.evaluation
    FOR EACH ROW EXECUTE FUNCTION kaoping.evaluation_fill_kind();

-- An evaluator ranks the active units of one kind, ranks 1..n (R12, R13).
-- Checked once per statement over the rows it wrote, so that loading a
-- province's rankings counts the units once, not once a row.
CREATE FUNCTION kaoping.evaluation_check() RETURNS trigger
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
CREATE TRIGGER evaluation_check_insert AFTER INSERT ON kaoping.evaluation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_check();
CREATE TRIGGER evaluation_check_update AFTER UPDATE ON kaoping.evaluation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_check();

-- Points of an event come from its rule; judged rules take them within
-- their range, never clamped (R15); B3 comes from funding.
CREATE FUNCTION kaoping.adjustment_check() RETURNS trigger
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
CREATE TRIGGER adjustment_check BEFORE INSERT OR UPDATE ON kaoping.adjustment
    FOR EACH ROW EXECUTE FUNCTION kaoping.adjustment_check();

-- The rules of the plan (doc/rules.md §5) stay as the extension made them.
CREATE FUNCTION kaoping.adjustment_rule_keep_builtin() RETURNS trigger
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
CREATE TRIGGER adjustment_rule_keep_builtin BEFORE UPDATE OR DELETE ON kaoping.adjustment_rule
    FOR EACH ROW EXECUTE FUNCTION kaoping.adjustment_rule_keep_builtin();

-- A result belongs to a unit the indicator applies to; a given score is 0..100.
CREATE FUNCTION kaoping.indicator_result_check() RETURNS trigger
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
CREATE TRIGGER indicator_result_check BEFORE INSERT OR UPDATE ON kaoping.indicator_result
    FOR EACH ROW EXECUTE FUNCTION kaoping.indicator_result_check();
