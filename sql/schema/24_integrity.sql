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

-- A new cycle's roster starts as the units then active; a unit added
-- (active) later joins the roster of every open cycle, so that loading the
-- units after the cycle works (R1a).  A restore brings the rosters back as
-- they were, so neither runs then.
CREATE FUNCTION kaoping.cycle_add_roster() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'cycle' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NOT kaoping.restoring() THEN
        INSERT INTO kaoping.cycle_unit (cycle_id, unit_id)
        SELECT c.cycle_id, u.unit_id FROM new_rows c CROSS JOIN kaoping.unit u WHERE u.active;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.cycle_add_roster() IS 'trigger: a new cycle''s roster is the units then active (R1a)';
CREATE TRIGGER cycle_add_roster AFTER INSERT ON kaoping.cycle
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_add_roster();

CREATE FUNCTION kaoping.unit_join_rosters() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'unit' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NOT kaoping.restoring() THEN
        INSERT INTO kaoping.cycle_unit (cycle_id, unit_id)
        SELECT c.cycle_id, u.unit_id FROM new_rows u CROSS JOIN kaoping.cycle c
        WHERE u.active AND c.state = 'open';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.unit_join_rosters() IS 'trigger: a unit added active joins the roster of every open cycle (R1a)';
CREATE TRIGGER unit_join_rosters AFTER INSERT ON kaoping.unit
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.unit_join_rosters();

-- Putting a unit on a roster it is already on changes nothing (a plain
-- restore gives rows the triggers above have made already).
CREATE FUNCTION kaoping.cycle_unit_skip_listed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'cycle_unit' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF EXISTS (SELECT FROM kaoping.cycle_unit r WHERE r.cycle_id = NEW.cycle_id AND r.unit_id = NEW.unit_id) THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.cycle_unit_skip_listed() IS 'trigger: a unit put on a roster it is already on is skipped';
CREATE TRIGGER cycle_unit_skip_listed BEFORE INSERT ON kaoping.cycle_unit
    FOR EACH ROW EXECUTE FUNCTION kaoping.cycle_unit_skip_listed();

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

-- An evaluator ranks the units of one kind on the cycle's roster, ranks
-- 1..n (R12, R13).  Checked once per statement over the rows it wrote, so
-- that loading a province's rankings counts the units once, not once a row.
CREATE FUNCTION kaoping.evaluation_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bad record;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'evaluation' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT r.unit_id, r.cycle_id INTO bad
    FROM written r
    WHERE NOT EXISTS (SELECT FROM kaoping.cycle_unit cu WHERE cu.cycle_id = r.cycle_id AND cu.unit_id = r.unit_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit % is not on the roster of cycle % and cannot be ranked', bad.unit_id, bad.cycle_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A cycle assesses the units of its roster, kaoping.cycle_unit (R1a).';
    END IF;
    SELECT r.rank, r.cycle_id, r.unit_kind, coalesce(n.units, 0) AS units INTO bad
    FROM written r
    LEFT JOIN kaoping.roster_size n ON n.cycle_id = r.cycle_id AND n.kind = r.unit_kind
    WHERE r.rank > coalesce(n.units, 0) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'rank % is outside 1..%, the % units on the roster of cycle %', bad.rank, bad.units, bad.unit_kind, bad.cycle_id
            USING ERRCODE = 'numeric_value_out_of_range',
                  HINT = 'Every evaluator ranks each unit of the kind on the roster once, from 1 to n (R13).';
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
COMMENT ON FUNCTION kaoping.evaluation_check() IS 'trigger: the rows a statement wrote rank units on the cycle''s roster within 1..n of their kind, and a peer evaluator is a unit of the other kind';
CREATE TRIGGER evaluation_check_insert AFTER INSERT ON kaoping.evaluation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_check();
CREATE TRIGGER evaluation_check_update AFTER UPDATE ON kaoping.evaluation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_check();

-- 排序完整性 What one evaluator's ranking of one kind lacks against the
-- cycle's roster now (R13a): the roster's units it does not rank, the
-- units it ranks that are not on the roster, the ranks that are not 1..n.
-- Nothing for a complete ranking or for none.
CREATE FUNCTION kaoping.ranking_gaps(cycle_id text, period text, evaluator text, unit_kind text,
                                     OUT missing text[], OUT not_on_roster text[], OUT stray_ranks integer[],
                                     OUT ranked integer, OUT roster_units integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    -- the ranking against the roster in one hash join, whatever their size
    SELECT array_agg(o.unit_id ORDER BY o.unit_id) FILTER (WHERE k.unit_id IS NULL),
           array_agg(k.unit_id ORDER BY k.unit_id) FILTER (WHERE o.unit_id IS NULL),
           array_agg(k.rank ORDER BY k.rank) FILTER (WHERE k.rank > n.units),
           count(k.unit_id)::integer,
           max(n.units)::integer
    FROM (SELECT e.unit_id, e.rank FROM kaoping.evaluation e
          WHERE e.cycle_id = ranking_gaps.cycle_id AND e.period = ranking_gaps.period
            AND e.evaluator = ranking_gaps.evaluator AND e.unit_kind = ranking_gaps.unit_kind) AS k
    FULL JOIN (SELECT cu.unit_id FROM kaoping.cycle_unit cu JOIN kaoping.unit u ON u.unit_id = cu.unit_id
               WHERE cu.cycle_id = ranking_gaps.cycle_id AND u.kind = ranking_gaps.unit_kind) AS o
           ON o.unit_id = k.unit_id
    CROSS JOIN (SELECT coalesce(sum(s.units), 0) AS units FROM kaoping.roster_size s
                WHERE s.cycle_id = ranking_gaps.cycle_id AND s.kind = ranking_gaps.unit_kind) AS n;
END;
COMMENT ON FUNCTION kaoping.ranking_gaps(text, text, text, text) IS 'What an evaluator''s ranking of one kind lacks against the cycle''s roster now (R13a): roster units it misses, units not on the roster, ranks beyond n';

-- A ranking is complete when its transaction commits, however it was
-- written (R13a).  Each statement notes the rankings it touched in
-- ranking_written, once each; a deferred trigger on that table checks each
-- noted ranking at commit (or at the statement's end under SET CONSTRAINTS
-- … IMMEDIATE) and takes the note away, so a ranking is checked once per
-- transaction however many of its rows were written, and again if a later
-- statement touches it.  Both run as the extension's owner: the check at
-- commit runs outside submit_ranking, as the evaluator, who may read no
-- other ranking.
CREATE TABLE kaoping.ranking_written (
    cycle_id text NOT NULL,
    period text NOT NULL,
    evaluator text NOT NULL,
    unit_kind text NOT NULL,
    PRIMARY KEY (cycle_id, period, evaluator, unit_kind)
);
COMMENT ON TABLE kaoping.ranking_written IS '待核排序 Rankings written in transactions not yet committed, each to be checked whole at commit (R13a); always empty between transactions';
COMMENT ON COLUMN kaoping.ranking_written.cycle_id IS '周期 The ranking''s cycle';
COMMENT ON COLUMN kaoping.ranking_written.period IS '考评期 Its period';
COMMENT ON COLUMN kaoping.ranking_written.evaluator IS '评价人 Its evaluator';
COMMENT ON COLUMN kaoping.ranking_written.unit_kind IS '被评类别 The kind it ranks';

CREATE FUNCTION kaoping.evaluation_note_rankings() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'evaluation' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF kaoping.restoring() THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kaoping.ranking_written
        SELECT DISTINCT r.cycle_id, r.period, r.evaluator, r.unit_kind FROM new_rows r
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO kaoping.ranking_written
        SELECT DISTINCT r.cycle_id, r.period, r.evaluator, r.unit_kind FROM old_rows r
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.evaluation_note_rankings() IS 'trigger: notes the rankings a statement wrote, to be checked whole at commit (R13a)';
CREATE TRIGGER evaluation_note_insert AFTER INSERT ON kaoping.evaluation
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_note_rankings();
CREATE TRIGGER evaluation_note_update AFTER UPDATE ON kaoping.evaluation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_note_rankings();
CREATE TRIGGER evaluation_note_delete AFTER DELETE ON kaoping.evaluation
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_note_rankings();

CREATE FUNCTION kaoping.ranking_complete() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    gaps record;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'ranking_written' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    DELETE FROM kaoping.ranking_written w
    WHERE w.cycle_id = NEW.cycle_id AND w.period = NEW.period AND w.evaluator = NEW.evaluator AND w.unit_kind = NEW.unit_kind;
    gaps := kaoping.ranking_gaps(NEW.cycle_id, NEW.period, NEW.evaluator, NEW.unit_kind);
    IF gaps.ranked > 0 AND (gaps.missing IS NOT NULL OR gaps.not_on_roster IS NOT NULL OR gaps.stray_ranks IS NOT NULL) THEN
        RAISE EXCEPTION 'the ranking of % units by evaluator % for cycle % period % is incomplete: it ranks % of the % on the roster',
                        NEW.unit_kind, NEW.evaluator, NEW.cycle_id, NEW.period, gaps.ranked, gaps.roster_units
            USING ERRCODE = 'check_violation',
                  DETAIL = concat_ws(' ',
                      'Missing: ' || array_to_string(gaps.missing, ', ') || '.',
                      'Not on the roster: ' || array_to_string(gaps.not_on_roster, ', ') || '.',
                      'Ranks beyond n: ' || array_to_string(gaps.stray_ranks, ', ') || '.'),
                  HINT = 'A ranking is whole when its transaction commits: each unit of the kind on the roster once, ranks 1..n (R13a); kaoping.submit_ranking writes one whole.';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.ranking_complete() IS 'trigger, at commit: a ranking a transaction wrote is complete against the cycle''s roster, or gone (R13a)';
CREATE CONSTRAINT TRIGGER ranking_complete AFTER INSERT ON kaoping.ranking_written
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION kaoping.ranking_complete();

-- Points of an event come from its rule; judged rules take them within
-- their range, never clamped (R15); B3 comes from funding.  An event lies
-- in its cycle's year, is for a unit of the rule's kind, and a rule judged
-- once per cycle is given once (R14a).
CREATE FUNCTION kaoping.adjustment_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    rule kaoping.adjustment_rule;
    cycle_year integer;
    event_unit_kind text;
    earlier bigint;
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
    SELECT c.year INTO cycle_year FROM kaoping.cycle c WHERE c.cycle_id = NEW.cycle_id;
    IF cycle_year IS NOT NULL AND extract(year FROM NEW.occurred_on) <> cycle_year THEN
        RAISE EXCEPTION 'event of rule % on % lies outside cycle %, the year %', rule.rule_code, to_char(NEW.occurred_on, 'YYYY-MM-DD'), NEW.cycle_id, cycle_year
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An event counts in the cycle of its year (R14a): H1 takes those to 30 June, Y all of the year.';
    END IF;
    SELECT u.kind INTO event_unit_kind FROM kaoping.unit u WHERE u.unit_id = NEW.unit_id;
    IF rule.unit_kind IS NOT NULL AND event_unit_kind IS NOT NULL AND event_unit_kind <> rule.unit_kind THEN
        RAISE EXCEPTION 'rule % is for % units; unit % is a %', rule.rule_code, rule.unit_kind, NEW.unit_id, event_unit_kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The plan gives B3, B4a, B4b, B6a and B6b to departments (R14a).';
    END IF;
    IF rule.once_per_cycle THEN
        -- one writer of a unit's event at a time, so two cannot both pass
        PERFORM pg_advisory_xact_lock(hashtext('kaoping.adjustment_once'),
                                      hashtext(NEW.cycle_id || '/' || NEW.unit_id || '/' || NEW.rule_code));
        SELECT a.adjustment_id INTO earlier FROM kaoping.adjustment a
        WHERE a.cycle_id = NEW.cycle_id AND a.unit_id = NEW.unit_id AND a.rule_code = NEW.rule_code
          AND a.adjustment_id IS DISTINCT FROM NEW.adjustment_id
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'rule % is judged once a cycle; unit % has event % of it in cycle % already',
                            rule.rule_code, NEW.unit_id, earlier, NEW.cycle_id
                USING ERRCODE = 'unique_violation',
                      HINT = 'Correct that event''s points instead (R14a).';
        END IF;
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.adjustment_check() IS 'trigger: judged points lie within their rule''s range (R15), fixed rules take none, B3 takes no events; an event lies in its cycle''s year, is for a unit of its rule''s kind, and a rule judged once a cycle is given once (R14a)';
CREATE TRIGGER adjustment_check BEFORE INSERT OR UPDATE ON kaoping.adjustment
    FOR EACH ROW EXECUTE FUNCTION kaoping.adjustment_check();

-- Funding is shared by the rules that take it (B3), so it is for the kind
-- of unit they are for (R14a).
CREATE FUNCTION kaoping.funding_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    refused record;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'funding' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT r.rule_code, r.unit_kind, u.kind INTO refused
    FROM kaoping.adjustment_rule r JOIN kaoping.unit u ON u.unit_id = NEW.unit_id
    WHERE r.from_funding AND r.unit_kind IS NOT NULL AND r.unit_kind <> u.kind
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'funding of unit % counts for rule %, which is for % units; unit % is a %',
                        NEW.unit_id, refused.rule_code, refused.unit_kind, NEW.unit_id, refused.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The plan gives B3 to departments (R14a).';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.funding_check() IS 'trigger: funding is recorded only for units of the kind the funding rules (B3) are for (R14a)';
CREATE TRIGGER funding_check BEFORE INSERT OR UPDATE ON kaoping.funding
    FOR EACH ROW EXECUTE FUNCTION kaoping.funding_check();

-- A period's thresholds agree with its indicator's direction, and a
-- period's target or thresholds go with the indicator's method (R6, R6a).
CREATE FUNCTION kaoping.indicator_period_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ind kaoping.indicator;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'indicator_period' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT * INTO ind FROM kaoping.indicator i WHERE i.indicator_id = NEW.indicator_id;
    IF NOT FOUND THEN
        RETURN NEW;                 -- the foreign key reports it
    END IF;
    IF NEW.satisfactory IS NOT NULL AND (NEW.satisfactory > NEW.unallowable) <> ind.higher_is_better THEN
        RAISE EXCEPTION 'satisfactory % and unallowable % of indicator % in % contradict its direction (%)',
                        NEW.satisfactory, NEW.unallowable, NEW.indicator_id, NEW.period,
                        CASE WHEN ind.higher_is_better THEN 'higher is better' ELSE 'lower is better' END
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Satisfactory lies above unallowable when higher is better, below when lower is better (R6).';
    END IF;
    IF (NEW.target IS NOT NULL AND ind.method <> 'completion')
       OR (NEW.satisfactory IS NOT NULL AND ind.method <> 'efficacy') THEN
        RAISE EXCEPTION 'indicator % is scored by %; a period''s % does not apply to it', NEW.indicator_id, ind.method,
                        CASE WHEN NEW.target IS NOT NULL AND ind.method <> 'completion' THEN 'target' ELSE 'thresholds' END
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A target is for completion indicators (R7), thresholds for efficacy ones (R6).';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.indicator_period_check() IS 'trigger: a period''s thresholds agree with the indicator''s direction, its target or thresholds with the indicator''s method (R6, R6a)';
CREATE TRIGGER indicator_period_check BEFORE INSERT OR UPDATE ON kaoping.indicator_period
    FOR EACH ROW EXECUTE FUNCTION kaoping.indicator_period_check();

-- A check of work done (done or late) says when it was completed (R8a);
-- when the check does not say, the work was completed at the latest when
-- its newest evidence was submitted by the day of the check.
CREATE FUNCTION kaoping.milestone_check_fill_completed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'milestone_check' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NEW.completed_on IS NULL AND NEW.state IN ('done', 'late') THEN
        SELECT max(e.submitted_on) INTO NEW.completed_on FROM kaoping.evidence e
        WHERE e.milestone_id = NEW.milestone_id AND e.submitted_on <= NEW.checked_on;
        IF NEW.completed_on IS NULL THEN
            RAISE EXCEPTION 'the check of milestone % on % as % needs completed_on, the day the work was completed',
                            NEW.milestone_id, to_char(NEW.checked_on, 'YYYY-MM-DD'), NEW.state
                USING ERRCODE = 'not_null_violation',
                      HINT = 'Give completed_on from the evidence (R8a); it is taken from the newest evidence submitted by the check when there is one.';
        END IF;
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.milestone_check_fill_completed() IS 'trigger: a done or late check without completed_on takes the day its milestone''s newest evidence was submitted by the check (R8a), or is refused';
CREATE TRIGGER milestone_check_fill_completed BEFORE INSERT OR UPDATE ON kaoping.milestone_check
    FOR EACH ROW EXECUTE FUNCTION kaoping.milestone_check_fill_completed();

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
