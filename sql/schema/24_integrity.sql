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
    FOR EACH ROW WHEN (NEW.unit_kind IS NULL) EXECUTE FUNCTION kaoping.evaluation_fill_kind();

-- An evaluator ranks the units of one kind on the cycle's roster, ranks
-- 1..n (R12, R13), and a peer is a unit of the other kind.  Asked of a
-- whole set of rows at once, so that loading a province's rankings counts
-- each roster once, not once a row; a problem names the row by its place
-- in the set.
CREATE FUNCTION kaoping.evaluation_problems(written kaoping.evaluation[])
RETURNS TABLE (ordinal bigint, problem kaoping.input_problem)
LANGUAGE sql STABLE PARALLEL SAFE
-- the planner cannot see how many rows an array holds (it guesses ten):
-- told not to loop, it hashes the roster and the units once
SET enable_nestloop = off
BEGIN ATOMIC
    WITH r AS (SELECT w.* FROM unnest(written) WITH ORDINALITY AS w)
    SELECT r.ordinality,
           ROW('unit_id', r.unit_id, '22023',
               format('unit %s is not on the roster of cycle %s and cannot be ranked', r.unit_id, r.cycle_id),
               'A cycle assesses the units of its roster, kaoping.cycle_unit (R1a).')::kaoping.input_problem
    FROM r
    WHERE NOT EXISTS (SELECT FROM kaoping.cycle_unit cu WHERE cu.cycle_id = r.cycle_id AND cu.unit_id = r.unit_id)
    UNION ALL
    SELECT r.ordinality,
           ROW('rank', r.rank::text, '22003',
               format('rank %s is outside 1..%s, the %s units on the roster of cycle %s',
                      r.rank, coalesce(n.units, 0), r.unit_kind, r.cycle_id),
               'Every evaluator ranks each unit of the kind on the roster once, from 1 to n (R13).')::kaoping.input_problem
    FROM r
    LEFT JOIN kaoping.roster_size n ON n.cycle_id = r.cycle_id AND n.kind = r.unit_kind
    WHERE r.rank > coalesce(n.units, 0)
    UNION ALL
    SELECT r.ordinality,
           ROW('evaluator', r.evaluator, '22023',
               format('peer evaluator %s cannot rank %s units', r.evaluator, r.unit_kind),
               'Peers are units of the other kind: departments rank cities, cities rank departments (R12).')::kaoping.input_problem
    FROM r LEFT JOIN kaoping.unit e ON e.unit_id = r.evaluator
    WHERE r.evaluator_group = 'peer' AND (e.unit_id IS NULL OR e.kind = r.unit_kind);
END;
COMMENT ON FUNCTION kaoping.evaluation_problems(kaoping.evaluation[]) IS 'The problems of a set of evaluation rows, each with its place in the set: a unit not on the cycle''s roster, a rank beyond n, a peer of the same kind (R1a, R12, R13)';

CREATE FUNCTION kaoping.evaluation_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    problem kaoping.input_problem;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'evaluation' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT (p.problem).* INTO problem
    FROM kaoping.evaluation_problems((SELECT array_agg(ROW(w.*)::kaoping.evaluation) FROM written w)) p
    ORDER BY p.ordinal LIMIT 1;
    IF FOUND THEN
        PERFORM kaoping.raise_problem(problem);
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
-- once per cycle is given once (R14a).  A missing rule, cycle or unit is
-- the foreign keys' to report.
CREATE FUNCTION kaoping.adjustment_problems(a kaoping.adjustment) RETURNS SETOF kaoping.input_problem
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT p.* FROM kaoping.adjustment_rule rule
    CROSS JOIN LATERAL (
        SELECT 'rule_code', a.rule_code, '22023',
               format('rule %s is shared by funding and takes no events', rule.rule_code),
               'Record the amount secured in kaoping.funding.'
        WHERE rule.from_funding
        UNION ALL
        SELECT 'points', a.points::text, '22003',
               format('points %s are outside %s..%s for rule %s',
                      coalesce(a.points::text, 'NULL'), rule.min_points, rule.max_points, rule.rule_code),
               'Judged points must lie inside the rule''s range (R15).'
        WHERE rule.min_points IS NOT NULL
          AND (a.points IS NULL OR a.points < rule.min_points OR a.points > rule.max_points)
        UNION ALL
        SELECT 'points', a.points::text, '22023',
               format('rule %s has fixed points %s; points %s cannot be given', rule.rule_code, rule.points, a.points),
               'Leave points NULL: only judged rules (B4a, B4b) take points per event.'
        WHERE NOT rule.from_funding AND rule.min_points IS NULL AND a.points IS NOT NULL
        UNION ALL
        SELECT 'occurred_on', to_char(a.occurred_on, 'YYYY-MM-DD'), '22023',
               format('event of rule %s on %s lies outside cycle %s, the year %s',
                      rule.rule_code, to_char(a.occurred_on, 'YYYY-MM-DD'), a.cycle_id, c.year),
               'An event counts in the cycle of its year (R14a): H1 takes those to 30 June, Y all of the year.'
        FROM kaoping.cycle c
        WHERE c.cycle_id = a.cycle_id AND extract(year FROM a.occurred_on) <> c.year
        UNION ALL
        SELECT 'unit_id', a.unit_id, '22023',
               format('rule %s is for %s units; unit %s is a %s', rule.rule_code, rule.unit_kind, a.unit_id, u.kind),
               'The plan gives B3, B4a, B4b, B6a and B6b to departments (R14a).'
        FROM kaoping.unit u
        WHERE u.unit_id = a.unit_id AND u.kind <> rule.unit_kind
        UNION ALL
        (SELECT 'rule_code', a.rule_code, '23505',
                format('rule %s is judged once a cycle; unit %s has event %s of it in cycle %s already',
                       rule.rule_code, a.unit_id, earlier.adjustment_id, a.cycle_id),
                'Correct that event''s points instead (R14a).'
         FROM kaoping.adjustment earlier
         WHERE rule.once_per_cycle AND earlier.cycle_id = a.cycle_id AND earlier.unit_id = a.unit_id
           AND earlier.rule_code = a.rule_code AND earlier.adjustment_id IS DISTINCT FROM a.adjustment_id
         LIMIT 1)
    ) AS p
    WHERE rule.rule_code = a.rule_code;
END;
COMMENT ON FUNCTION kaoping.adjustment_problems(kaoping.adjustment) IS 'The problems of a bonus or penalty event: points against its rule (R15), B3 takes no events, its date in its cycle''s year, its unit of the rule''s kind, a rule judged once a cycle given once (R14a)';

CREATE FUNCTION kaoping.adjustment_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    problem kaoping.input_problem;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'adjustment' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF EXISTS (SELECT FROM kaoping.adjustment_rule r WHERE r.rule_code = NEW.rule_code AND r.once_per_cycle) THEN
        -- one writer of a unit's event at a time, so two cannot both pass
        PERFORM pg_advisory_xact_lock(hashtext('kaoping.adjustment_once'),
                                      hashtext(NEW.cycle_id || '/' || NEW.unit_id || '/' || NEW.rule_code));
    END IF;
    SELECT * INTO problem FROM kaoping.adjustment_problems(NEW) LIMIT 1;
    IF FOUND THEN
        PERFORM kaoping.raise_problem(problem);
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.adjustment_check() IS 'trigger: judged points lie within their rule''s range (R15), fixed rules take none, B3 takes no events; an event lies in its cycle''s year, is for a unit of its rule''s kind, and a rule judged once a cycle is given once (R14a)';
CREATE TRIGGER adjustment_check BEFORE INSERT OR UPDATE ON kaoping.adjustment
    FOR EACH ROW EXECUTE FUNCTION kaoping.adjustment_check();

-- Funding is shared by the rules that take it (B3), so it is for the kind
-- of unit they are for (R14a).
CREATE FUNCTION kaoping.funding_problems(f kaoping.funding) RETURNS SETOF kaoping.input_problem
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT 'unit_id', f.unit_id, '22023',
           format('funding of unit %s counts for rule %s, which is for %s units; unit %s is a %s',
                  f.unit_id, r.rule_code, r.unit_kind, f.unit_id, u.kind),
           'The plan gives B3 to departments (R14a).'
    FROM kaoping.adjustment_rule r JOIN kaoping.unit u ON u.unit_id = f.unit_id
    WHERE r.from_funding AND r.unit_kind IS NOT NULL AND r.unit_kind <> u.kind
    LIMIT 1;
END;
COMMENT ON FUNCTION kaoping.funding_problems(kaoping.funding) IS 'The problems of a funding row: a unit of a kind the funding rules (B3) are not for (R14a)';

CREATE FUNCTION kaoping.funding_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    problem kaoping.input_problem;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'funding' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT * INTO problem FROM kaoping.funding_problems(NEW) LIMIT 1;
    IF FOUND THEN
        PERFORM kaoping.raise_problem(problem);
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.funding_check() IS 'trigger: funding is recorded only for units of the kind the funding rules (B3) are for (R14a)';
CREATE TRIGGER funding_check BEFORE INSERT OR UPDATE ON kaoping.funding
    FOR EACH ROW EXECUTE FUNCTION kaoping.funding_check();

-- A period's thresholds agree with its indicator's direction, and a
-- period's target or thresholds go with the indicator's method (R6, R6a).
CREATE FUNCTION kaoping.indicator_period_problems(p kaoping.indicator_period) RETURNS SETOF kaoping.input_problem
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT q.* FROM kaoping.indicator ind
    CROSS JOIN LATERAL (
        SELECT 'satisfactory', p.satisfactory::text, '22023',
               format('satisfactory %s and unallowable %s of indicator %s in %s contradict its direction (%s)',
                      p.satisfactory, p.unallowable, p.indicator_id, p.period,
                      CASE WHEN ind.higher_is_better THEN 'higher is better' ELSE 'lower is better' END),
               'Satisfactory lies above unallowable when higher is better, below when lower is better (R6).'
        WHERE p.satisfactory IS NOT NULL AND (p.satisfactory > p.unallowable) <> ind.higher_is_better
        UNION ALL
        SELECT CASE WHEN p.target IS NOT NULL AND ind.method <> 'completion' THEN 'target' ELSE 'satisfactory' END,
               CASE WHEN p.target IS NOT NULL AND ind.method <> 'completion' THEN p.target ELSE p.satisfactory END::text,
               '22023',
               format('indicator %s is scored by %s; a period''s %s does not apply to it', p.indicator_id, ind.method,
                      CASE WHEN p.target IS NOT NULL AND ind.method <> 'completion' THEN 'target' ELSE 'thresholds' END),
               'A target is for completion indicators (R7), thresholds for efficacy ones (R6).'
        WHERE (p.target IS NOT NULL AND ind.method <> 'completion')
           OR (p.satisfactory IS NOT NULL AND ind.method <> 'efficacy')
    ) AS q
    WHERE ind.indicator_id = p.indicator_id;
END;
COMMENT ON FUNCTION kaoping.indicator_period_problems(kaoping.indicator_period) IS 'The problems of a period''s target or thresholds: thresholds against the indicator''s direction, a target or thresholds its method does not use (R6, R6a)';

CREATE FUNCTION kaoping.indicator_period_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    problem kaoping.input_problem;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'indicator_period' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT * INTO problem FROM kaoping.indicator_period_problems(NEW) LIMIT 1;
    IF FOUND THEN
        PERFORM kaoping.raise_problem(problem);
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.indicator_period_check() IS 'trigger: a period''s thresholds agree with the indicator''s direction, its target or thresholds with the indicator''s method (R6, R6a)';
CREATE TRIGGER indicator_period_check BEFORE INSERT OR UPDATE ON kaoping.indicator_period
    FOR EACH ROW EXECUTE FUNCTION kaoping.indicator_period_check();

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

-- A result belongs to a unit the indicator applies to; a given score is
-- 0..100.  Values no province has are refused with a short message before
-- anything shows them (the constraints alone would print them whole).  A
-- missing indicator or unit is the foreign keys' to report.
CREATE FUNCTION kaoping.indicator_result_problems(r kaoping.indicator_result) RETURNS SETOF kaoping.input_problem
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN kaoping.plausible(r.actual) IS FALSE THEN 'actual' ELSE 'deduction' END,
           kaoping.shown((CASE WHEN kaoping.plausible(r.actual) IS FALSE THEN r.actual ELSE r.deduction END)::text),
           '22003',
           format('result %s of indicator %s for unit %s is not a value a province can have',
                  kaoping.shown((CASE WHEN kaoping.plausible(r.actual) IS FALSE THEN r.actual ELSE r.deduction END)::text),
                  r.indicator_id, r.unit_id),
           'Results are below 10^15 in magnitude with at most 20 decimal places; check the unit of the figure.'
    WHERE NOT (kaoping.plausible(r.actual) AND kaoping.plausible(r.deduction))
    UNION ALL
    SELECT 'unit_id', r.unit_id, '22023',
           format('indicator %s does not apply to unit %s', r.indicator_id, r.unit_id),
           format('It applies to %s.', coalesce('unit ' || ind.unit_id, 'every ' || ind.unit_kind))
    FROM kaoping.indicator ind JOIN kaoping.unit u ON u.unit_id = r.unit_id
    WHERE ind.indicator_id = r.indicator_id
      AND (u.kind <> ind.unit_kind OR (ind.unit_id IS NOT NULL AND ind.unit_id <> r.unit_id))
    UNION ALL
    SELECT 'actual', r.actual::text, '22003',
           format('actual %s is outside 0..100 for given indicator %s', r.actual, r.indicator_id),
           'A given indicator''s actual is the score itself.'
    FROM kaoping.indicator ind
    WHERE ind.indicator_id = r.indicator_id AND ind.method = 'given' AND (r.actual < 0 OR r.actual > 100)
      AND kaoping.plausible(r.actual);
END;
COMMENT ON FUNCTION kaoping.indicator_result_problems(kaoping.indicator_result) IS 'The problems of an indicator result: a value no province has, a unit the indicator does not apply to, a given score outside 0..100';

CREATE FUNCTION kaoping.indicator_result_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    problem kaoping.input_problem;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'indicator_result' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    SELECT * INTO problem FROM kaoping.indicator_result_problems(NEW) LIMIT 1;
    IF FOUND THEN
        PERFORM kaoping.raise_problem(problem);
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.indicator_result_check() IS 'trigger: a result is for a unit the indicator applies to; a given score lies in 0..100';
CREATE TRIGGER indicator_result_check BEFORE INSERT OR UPDATE ON kaoping.indicator_result
    FOR EACH ROW EXECUTE FUNCTION kaoping.indicator_result_check();
