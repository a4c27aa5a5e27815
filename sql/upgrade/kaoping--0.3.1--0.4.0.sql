\echo Use "ALTER EXTENSION kaoping UPDATE TO '0.4.0'" to load this file. \quit
-- kaoping 0.3.1 → 0.4.0: right on the data a province really has.
--
-- * A roster per cycle, kaoping.cycle_unit (R1a): who a cycle assesses.
--   Each existing cycle's roster is the units active at the update; a new
--   cycle starts with the units then active, a unit added later joins the
--   open cycles, and changing unit.active changes no existing roster.
--   Peers, B3 shares, the n of a ranking, ranks and grade quotas count the
--   roster only; input of a unit off the roster is set aside and listed in
--   completeness.
-- * A ranking is complete when its transaction commits, however written
--   (R13a); one a roster change leaves incomplete is set aside and listed.
--   Incomplete rankings already stored stay, set aside.

-- The roster (R1a).
COMMENT ON TABLE kaoping.unit IS '考评对象 A unit that may be assessed: one of the 14 city governments or the 53 departments (R1); which ones a cycle assesses is its roster, kaoping.cycle_unit (R1a)';

COMMENT ON COLUMN kaoping.unit.active IS '参加考评 Whether a new cycle''s roster includes the unit, and whether a unit added later joins the rosters of the open cycles (R1a); changing it changes no existing roster';

-- 考评名单 cycle_unit: who a cycle assesses (R1a)
CREATE TABLE kaoping.cycle_unit (
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE ON DELETE CASCADE,
    unit_id text NOT NULL REFERENCES kaoping.unit ON UPDATE CASCADE,
    PRIMARY KEY (cycle_id, unit_id)
);
CREATE INDEX cycle_unit_unit ON kaoping.cycle_unit (unit_id);
COMMENT ON TABLE kaoping.cycle_unit IS '考评名单 The roster of a cycle: the units it assesses (R1a). A new cycle starts with the units then active; a unit added (active) later joins every open cycle; the office edits it until the cycle is frozen. Peers, B3 shares, the n of a ranking, ranks and grade quotas count the roster only';
COMMENT ON COLUMN kaoping.cycle_unit.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.cycle_unit.unit_id IS '单位 A unit it assesses';

-- 名单规模 How many units of each kind a roster holds: the n of every
-- ranking (R13), counted in one place.
CREATE VIEW kaoping.roster_size AS
SELECT cu.cycle_id, u.kind, count(*) AS units
FROM kaoping.cycle_unit cu
JOIN kaoping.unit u ON u.unit_id = cu.unit_id
GROUP BY cu.cycle_id, u.kind;
COMMENT ON VIEW kaoping.roster_size IS '名单规模 How many units of each kind a cycle''s roster holds: the n of a ranking of that kind (R1a, R13)';
COMMENT ON COLUMN kaoping.roster_size.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.roster_size.kind IS '类别 city or department';
COMMENT ON COLUMN kaoping.roster_size.units IS '单位数 Units of the kind on the roster';

-- each cycle's roster: the units active at the update
INSERT INTO kaoping.cycle_unit (cycle_id, unit_id)
SELECT c.cycle_id, u.unit_id FROM kaoping.cycle c CROSS JOIN kaoping.unit u WHERE u.active;

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

-- Rankings against the roster, complete at commit (R13a).
COMMENT ON TABLE kaoping.evaluation IS '综合评价 An evaluator''s rank of a unit (按比例排序评价, R12, R13): each ranking covers the units of one kind on the cycle''s roster, each once, ranks 1..n, complete when its transaction commits (R13a)';

COMMENT ON COLUMN kaoping.evaluation.rank IS '名次 1 is best; at most the number of units of the kind on the cycle''s roster';

-- An evaluator ranks the units of one kind on the cycle's roster, ranks
-- 1..n (R12, R13).  Checked once per statement over the rows it wrote, so
-- that loading a province's rankings counts the units once, not once a row.
CREATE OR REPLACE FUNCTION kaoping.evaluation_check() RETURNS trigger
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


-- A period's own target and thresholds (R6a).
-- 分期目标 indicator_period: a period's own target and thresholds (R6a)
CREATE TABLE kaoping.indicator_period (
    indicator_id text NOT NULL REFERENCES kaoping.indicator ON UPDATE CASCADE ON DELETE CASCADE,
    period text NOT NULL CHECK (period IN ('H1', 'Y')),
    target numeric CHECK (target > 0 AND target < 'Infinity'),
    satisfactory numeric CHECK (satisfactory > '-Infinity' AND satisfactory < 'Infinity'),
    unallowable numeric CHECK (unallowable > '-Infinity' AND unallowable < 'Infinity'),
    PRIMARY KEY (indicator_id, period),
    CONSTRAINT indicator_period_something CHECK (target IS NOT NULL OR satisfactory IS NOT NULL),
    CONSTRAINT indicator_period_thresholds CHECK (
        (satisfactory IS NULL AND unallowable IS NULL)
        OR (satisfactory IS NOT NULL AND unallowable IS NOT NULL AND satisfactory <> unallowable)),
    CONSTRAINT indicator_period_target_plausible CHECK (kaoping.plausible(target)),
    CONSTRAINT indicator_period_satisfactory_plausible CHECK (kaoping.plausible(satisfactory)),
    CONSTRAINT indicator_period_unallowable_plausible CHECK (kaoping.plausible(unallowable))
);
COMMENT ON TABLE kaoping.indicator_period IS '分期目标 A period''s own target or thresholds for an indicator (R6a): the mid-year is measured against the time-proportional target (序时进度), not the year''s; where none is set the indicator''s own hold';
COMMENT ON COLUMN kaoping.indicator_period.indicator_id IS '指标 The indicator';
COMMENT ON COLUMN kaoping.indicator_period.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.indicator_period.target IS '目标值 Target of the period (completion, R7)';
COMMENT ON COLUMN kaoping.indicator_period.satisfactory IS '满意值 Satisfactory value of the period (efficacy, R6); with unallowable';
COMMENT ON COLUMN kaoping.indicator_period.unallowable IS '不允许值 Unallowable value of the period (efficacy, R6); with satisfactory';

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

REVOKE ALL ON FUNCTION kaoping.indicator_period_check() FROM PUBLIC;
CREATE OR REPLACE FUNCTION kaoping.cycle_of_rows(table_name name) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE
        WHEN table_name IN ('task_assignment', 'milestone') THEN
            '(SELECT t.cycle_id FROM kaoping.task t WHERE t.task_id = r.task_id)'
        WHEN table_name IN ('milestone_check', 'evidence') THEN
            '(SELECT t.cycle_id FROM kaoping.milestone m JOIN kaoping.task t ON t.task_id = m.task_id WHERE m.milestone_id = r.milestone_id)'
        WHEN table_name IN ('indicator_result', 'indicator_period') THEN
            '(SELECT i.cycle_id FROM kaoping.indicator i WHERE i.indicator_id = r.indicator_id)'
        ELSE 'r.cycle_id'
    END;
END;

CREATE TRIGGER cycle_guard_insert AFTER INSERT ON kaoping.indicator_period REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
CREATE TRIGGER cycle_guard_update AFTER UPDATE ON kaoping.indicator_period
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
CREATE TRIGGER cycle_guard_delete AFTER DELETE ON kaoping.indicator_period REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
CREATE TRIGGER audit_insert AFTER INSERT ON kaoping.indicator_period REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_delete AFTER DELETE ON kaoping.indicator_period REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON kaoping.indicator_period
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_update AFTER UPDATE ON kaoping.indicator_period
    FOR EACH ROW EXECUTE FUNCTION kaoping.audit_update();
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator_period', '');
GRANT SELECT ON kaoping.indicator_period TO kaoping_admin, kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;
GRANT INSERT, UPDATE, DELETE ON kaoping.indicator_period TO kaoping_admin;
-- The views count the roster only.
-- 考评对象 Every unit of a cycle's roster in every period of the cycle.
CREATE OR REPLACE VIEW kaoping.assessed_unit AS
SELECT cp.cycle_id, cp.period, cp.period_end, u.unit_id, u.kind, u.name
FROM kaoping.cycle_period cp
JOIN kaoping.cycle_unit cu ON cu.cycle_id = cp.cycle_id
JOIN kaoping.unit u ON u.unit_id = cu.unit_id;
COMMENT ON VIEW kaoping.assessed_unit IS '考评对象 Each unit of a cycle''s roster, in each period of the cycle (R1, R1a)';

-- 任务得分 Each department's direct-deduction score on each of its tasks (R8, R11).
CREATE OR REPLACE VIEW kaoping.task_score AS
SELECT a.task_id, t.cycle_id, cp.period, a.unit_id, a.role,
       count(ms.milestone_id)::integer AS milestones_due,
       (count(ms.milestone_id) FILTER (WHERE ms.deducts))::integer AS milestones_deducting,
       coalesce(kaoping.deduction_score(CASE WHEN ms.deducts THEN ms.deduction ELSE 0 END), 100) AS score
FROM kaoping.task_assignment a
JOIN kaoping.task t ON t.task_id = a.task_id
JOIN kaoping.cycle_unit cu ON cu.cycle_id = t.cycle_id AND cu.unit_id = a.unit_id
JOIN kaoping.cycle_period cp ON cp.cycle_id = t.cycle_id
-- (the task's cycle is named in the join, so that a filter on the cycle
-- reaches the milestones too)
LEFT JOIN kaoping.milestone_status ms
       ON ms.task_id = a.task_id AND ms.unit_id = a.unit_id AND ms.cycle_id = t.cycle_id AND ms.period = cp.period
GROUP BY a.task_id, t.cycle_id, cp.period, a.unit_id, a.role;
COMMENT ON VIEW kaoping.task_score IS '任务得分 A department''s score on a task it leads or is responsible for: 100 less the points of its milestones of the task that deduct by the period''s end (R8, R11); 100 when none is due yet';

-- 排序得分 Each evaluator's rank of a unit as a score (R13), from the
-- rankings that are complete against the cycle's roster now: one that a
-- later roster change left incomplete is set aside (R13a, completeness).
CREATE OR REPLACE VIEW kaoping.evaluation_score AS
WITH ranking AS (
    -- whole against the roster now: every unit of the kind, ranks 1..n
    -- (one flag, so that the planner takes it for what it is)
    SELECT e.cycle_id, e.period, e.evaluator_group, e.evaluator, e.unit_kind, e.unit_id, e.rank, n.units,
           count(*) OVER w = n.units AND count(cu.unit_id) OVER w = n.units AND max(e.rank) OVER w = n.units AS whole
    FROM kaoping.evaluation e
    JOIN kaoping.roster_size n ON n.cycle_id = e.cycle_id AND n.kind = e.unit_kind
    LEFT JOIN kaoping.cycle_unit cu ON cu.cycle_id = e.cycle_id AND cu.unit_id = e.unit_id
    WINDOW w AS (PARTITION BY e.cycle_id, e.period, e.evaluator, e.unit_kind)
)
SELECT k.cycle_id, k.period, k.evaluator_group, k.evaluator, k.unit_kind, k.unit_id, k.rank,
       k.units AS ranked,
       kaoping.rank_score(k.rank, k.units::integer, p.rank_top, p.rank_bottom) AS score
FROM ranking k
JOIN kaoping.policy p ON p.cycle_id = k.cycle_id
WHERE k.whole;
COMMENT ON VIEW kaoping.evaluation_score IS '排序得分 An evaluator''s rank of a unit as a score: rank 1 of n scores rank_top, rank n rank_bottom, n the units of the kind on the cycle''s roster (R13); rankings a roster change left incomplete are set aside (R13a)';

COMMENT ON COLUMN kaoping.evaluation_score.ranked IS '排序单位数 n, the units of the kind on the cycle''s roster, all of which the evaluator ranked';

-- 加减分 Each point of a period: events by their rule, B3 from funding (R14, R15).
CREATE OR REPLACE VIEW kaoping.adjustment_points AS
SELECT a.cycle_id, cp.period, a.unit_id, a.rule_code, r.rule_group, r.group_cap,
       coalesce(a.points, r.points) AS points, a.adjustment_id, a.occurred_on
FROM kaoping.adjustment a
JOIN kaoping.cycle_unit cu ON cu.cycle_id = a.cycle_id AND cu.unit_id = a.unit_id
JOIN kaoping.adjustment_rule r ON r.rule_code = a.rule_code
JOIN kaoping.cycle_period cp ON cp.cycle_id = a.cycle_id AND a.occurred_on <= cp.period_end
UNION ALL
SELECT f.cycle_id, f.period, f.unit_id, r.rule_code, r.rule_group, r.group_cap,
       kaoping.proportional_share(f.amount, p.funding_top) OVER (PARTITION BY f.cycle_id, f.period, u.kind, r.rule_code),
       NULL, NULL
FROM kaoping.funding f
-- shared among the units of the cycle's roster (R1a)
JOIN kaoping.cycle_unit cu ON cu.cycle_id = f.cycle_id AND cu.unit_id = f.unit_id
JOIN kaoping.unit u ON u.unit_id = f.unit_id
JOIN kaoping.policy p ON p.cycle_id = f.cycle_id
JOIN kaoping.adjustment_rule r ON r.from_funding;
COMMENT ON VIEW kaoping.adjustment_points IS '加减分明细 Each bonus or penalty of a unit in a period: an event''s points (judged ones as judged), and B3 shared by funding among the units of the kind on the cycle''s roster (R14, R1a)';
COMMENT ON COLUMN kaoping.adjustment_points.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.adjustment_points.period IS '考评期 H1 (events to 30 June) or Y (the year)';
COMMENT ON COLUMN kaoping.adjustment_points.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.adjustment_points.rule_code IS '规则 The rule';
COMMENT ON COLUMN kaoping.adjustment_points.rule_group IS '累计组 Its group';
COMMENT ON COLUMN kaoping.adjustment_points.group_cap IS '累计上限 The group''s cap';
COMMENT ON COLUMN kaoping.adjustment_points.points IS '分值 Points';
COMMENT ON COLUMN kaoping.adjustment_points.adjustment_id IS '事项 The event, NULL for B3';
COMMENT ON COLUMN kaoping.adjustment_points.occurred_on IS '发生日期 Its date';

-- Rankings are submitted against the roster.
-- 提交排序 An evaluator submits a ranking only as a whole: the ordered list
-- of the units of one kind on the cycle's roster, which replaces its previous ranking of
-- that kind in one transaction (R12, R13).  Evaluators write rankings only
-- through this function.
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
    -- the list: units, each once, all units of one kind on the roster
    IF ranking IS NULL OR cardinality(ranking) = 0 OR array_ndims(ranking) <> 1 THEN
        RAISE EXCEPTION 'ranking % is not a list of units', coalesce(ranking::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give the unit_ids of all units of one kind on the cycle''s roster, best first.';
    END IF;
    SELECT string_agg(coalesce(quote_literal(r.unit_id), 'NULL'), ', ') INTO problem
    FROM unnest(ranking) AS r (unit_id)
    WHERE NOT EXISTS (SELECT FROM kaoping.cycle_unit cu
                      WHERE cu.cycle_id = submit_ranking.cycle_id AND cu.unit_id = r.unit_id);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'ranking names units that are not on the roster of cycle %: %', cycle_id, problem
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Rank the units of the cycle''s roster, kaoping.cycle_unit (R1a).';
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
    FROM kaoping.cycle_unit cu JOIN kaoping.unit u ON u.unit_id = cu.unit_id
    WHERE cu.cycle_id = submit_ranking.cycle_id AND u.kind = ranked_kind AND u.unit_id <> ALL (ranking);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'ranking leaves out % units: %', ranked_kind, problem
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A ranking is complete: every unit of the kind on the roster, each once (R13).';
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
COMMENT ON FUNCTION kaoping.submit_ranking(text, text, text[], text) IS '提交排序 Submits the caller''s ranking of one kind for a cycle and period: all units of the kind on the cycle''s roster, best first; replaces its previous ranking atomically; returns the number ranked (R12, R13)';

-- The roster is an input of its cycle: frozen with it, audited, dumped.
CREATE OR REPLACE FUNCTION kaoping.cycle_input_tables() RETURNS name[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY['policy', 'cycle_unit', 'task', 'task_assignment', 'milestone', 'milestone_check', 'evidence', 'indicator',
             'indicator_period', 'indicator_result', 'evaluation', 'adjustment', 'funding']::name[];

CREATE OR REPLACE FUNCTION kaoping.audited_tables() RETURNS name[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY['cycle', 'policy', 'unit', 'cycle_unit', 'task', 'task_assignment', 'milestone', 'milestone_check',
             'evidence', 'indicator', 'indicator_period', 'indicator_result', 'evaluation', 'adjustment_rule', 'adjustment',
             'funding', 'scoring_body', 'membership', 'approval_step']::name[];

CREATE TRIGGER cycle_guard_insert AFTER INSERT ON kaoping.cycle_unit REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
CREATE TRIGGER cycle_guard_update AFTER UPDATE ON kaoping.cycle_unit
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
CREATE TRIGGER cycle_guard_delete AFTER DELETE ON kaoping.cycle_unit REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.cycle_guard();
CREATE TRIGGER audit_insert AFTER INSERT ON kaoping.cycle_unit REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_delete AFTER DELETE ON kaoping.cycle_unit REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON kaoping.cycle_unit
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_update AFTER UPDATE ON kaoping.cycle_unit
    FOR EACH ROW EXECUTE FUNCTION kaoping.audit_update();
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle_unit', '');

-- Who may do what: the roster is reference data, written by the office;
-- the new trigger functions are executable by no one.
GRANT SELECT ON kaoping.cycle_unit, kaoping.roster_size TO kaoping_admin, kaoping_assessor, kaoping_unit, kaoping_evaluator, kaoping_reader;
GRANT INSERT, UPDATE, DELETE ON kaoping.cycle_unit TO kaoping_admin;
REVOKE ALL ON FUNCTION kaoping.cycle_add_roster(), kaoping.unit_join_rosters(), kaoping.cycle_unit_skip_listed(),
                       kaoping.evaluation_note_rankings(), kaoping.ranking_complete() FROM PUBLIC;
-- my_ranking's columns keep evaluation's comments
COMMENT ON COLUMN kaoping.my_ranking.rank IS '名次 1 is best; at most the number of units of the kind on the cycle''s roster';

-- Missing results (R9), the mid-year total (R19a), common indicators as a
-- plain mean (R11), and completeness as the answer to why a unit has no
-- total (R0).
ALTER TABLE kaoping.policy
    ADD COLUMN missing_result_score numeric CHECK (missing_result_score BETWEEN 0 AND 100),
    ADD COLUMN mid_year_evaluation boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN kaoping.policy.missing_result_score IS '缺报得分 Score of a result an indicator requires and nobody entered (R9), e.g. 0 for "not reported"; NULL (the default) leaves the unit without a total until it is entered';

COMMENT ON COLUMN kaoping.policy.mid_year_evaluation IS '年中综合评价 Whether the office runs a comprehensive evaluation at mid-year (R19a); false (the default): the H1 total is the indicator score plus the adjustments to 30 June';
-- 应有指标 Every indicator each unit of a roster must have in each period
-- (each of its kind in the cycle, and its own), scored in one pass by its
-- method (R6–R8): the peers of an indicator are the rows of the partition
-- that have a value, and a missing result scores policy's
-- missing_result_score, else NULL, so that a category's mean, and the
-- total, are NULL rather than a mean of what happens to be there (R9).
CREATE VIEW kaoping.unit_indicator AS
SELECT au.cycle_id, au.period, au.unit_id, i.indicator_id, i.unit_kind, i.category, i.name, i.method, i.weight,
       r.actual, r.deduction, r.indicator_id IS NOT NULL AS entered, m.missing,
       CASE WHEN m.missing THEN p.missing_result_score
       ELSE CASE i.method
           WHEN 'efficacy' THEN
               CASE WHEN t.satisfactory IS NOT NULL
                    THEN kaoping.efficacy_score(r.actual, t.unallowable, t.satisfactory,
                                                p.efficacy_base, p.efficacy_span, i.clamp)
                    ELSE kaoping.peer_efficacy_score(r.actual, i.higher_is_better,
                                                     p.efficacy_base, p.efficacy_span)
                             OVER (PARTITION BY au.cycle_id, i.indicator_id, au.period)
               END
           WHEN 'completion' THEN kaoping.completion_score(r.actual, t.target, i.max_ratio, i.higher_is_better)
           WHEN 'deduction' THEN (SELECT kaoping.deduction_score(d) FROM (VALUES (coalesce(r.deduction, 0))) AS v (d))
           WHEN 'given' THEN r.actual
       END END AS score
FROM kaoping.assessed_unit au
JOIN kaoping.policy p ON p.cycle_id = au.cycle_id
JOIN kaoping.indicator i
  ON i.cycle_id = au.cycle_id AND i.unit_kind = au.kind AND (i.unit_id IS NULL OR i.unit_id = au.unit_id)
LEFT JOIN kaoping.indicator_result r
       ON r.indicator_id = i.indicator_id AND r.unit_id = au.unit_id AND r.period = au.period
-- the period's own target and thresholds where it has them (R6a)
LEFT JOIN kaoping.indicator_period ip ON ip.indicator_id = i.indicator_id AND ip.period = au.period
CROSS JOIN LATERAL (
    SELECT coalesce(ip.target, i.target) AS target,
           CASE WHEN ip.satisfactory IS NOT NULL THEN ip.satisfactory ELSE i.satisfactory END AS satisfactory,
           CASE WHEN ip.satisfactory IS NOT NULL THEN ip.unallowable ELSE i.unallowable END AS unallowable
) AS t
CROSS JOIN LATERAL (SELECT r.indicator_id IS NULL OR (r.actual IS NULL AND i.method <> 'deduction') AS missing) AS m;
COMMENT ON VIEW kaoping.unit_indicator IS '应有指标 Every indicator a unit of the roster must have in a period, with its score by its method (R6–R8, against the period''s own target where indicator_period has one, R6a); a missing result scores policy''s missing_result_score, or leaves the score NULL (R9)';
COMMENT ON COLUMN kaoping.unit_indicator.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.unit_indicator.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.unit_indicator.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.unit_indicator.indicator_id IS '指标 The indicator';
COMMENT ON COLUMN kaoping.unit_indicator.unit_kind IS '类别 city or department';
COMMENT ON COLUMN kaoping.unit_indicator.category IS '指标类别 city, task, policy or common';
COMMENT ON COLUMN kaoping.unit_indicator.name IS '指标名称 Name of the indicator';
COMMENT ON COLUMN kaoping.unit_indicator.method IS '计分方法 efficacy, completion, deduction or given';
COMMENT ON COLUMN kaoping.unit_indicator.weight IS '权重 Weight within its category';
COMMENT ON COLUMN kaoping.unit_indicator.actual IS '实际值 Actual value, NULL when missing';
COMMENT ON COLUMN kaoping.unit_indicator.deduction IS '扣分 Points deducted';
COMMENT ON COLUMN kaoping.unit_indicator.entered IS '已录入 Whether a result row was entered (it may still lack its value)';
COMMENT ON COLUMN kaoping.unit_indicator.missing IS '缺报 Whether its result is missing (no row, or no actual value)';
COMMENT ON COLUMN kaoping.unit_indicator.score IS '得分 Its score; for a missing result policy''s missing_result_score, or NULL';

-- 指标得分 Each result entered, with its score (R6–R8).
CREATE OR REPLACE VIEW kaoping.indicator_score AS
SELECT ui.indicator_id, ui.cycle_id, ui.period, ui.unit_id, ui.unit_kind, ui.category, ui.name, ui.method,
       ui.weight, ui.actual, ui.deduction, CASE WHEN ui.missing THEN NULL ELSE ui.score END AS score
FROM kaoping.unit_indicator ui
WHERE ui.entered;
COMMENT ON VIEW kaoping.indicator_score IS '指标得分 A unit''s score on an indicator in a period: efficacy against fixed thresholds or the peers of the indicator in the period (R6), completion (R7), deduction (R8), or the score given; against the period''s own target and thresholds where indicator_period has them (R6a); units of the cycle''s roster only (R1a)';
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

-- 部门指标 The department's indicator score and its parts (R11).
CREATE OR REPLACE VIEW kaoping.department_score AS
WITH workload AS (
    SELECT au.cycle_id, au.period, au.unit_id,
           count(*) FILTER (WHERE ts.role = 'lead')::integer AS tasks_led,
           count(*) FILTER (WHERE ts.role = 'responsible')::integer AS tasks_responsible
    FROM kaoping.assessed_unit au
    LEFT JOIN kaoping.task_score ts
           ON ts.cycle_id = au.cycle_id AND ts.period = au.period AND ts.unit_id = au.unit_id
    WHERE au.kind = 'department'
    GROUP BY au.cycle_id, au.period, au.unit_id
),
task_part AS (
    -- each task counts as one indicator of weight 1, each R4 supplement at its weight
    SELECT cycle_id, period, unit_id, kaoping.weighted_mean(score, weight) AS task_completion
    FROM (SELECT cycle_id, period, unit_id, score, 1 AS weight FROM kaoping.task_score
          UNION ALL
          SELECT cycle_id, period, unit_id, score, weight FROM kaoping.unit_indicator
          WHERE category = 'task') AS s
    GROUP BY cycle_id, period, unit_id
),
-- policy indicators by their weights; the common ones a plain mean (R11)
category_part AS (
    SELECT cycle_id, period, unit_id,
           kaoping.weighted_mean(score, weight) FILTER (WHERE category = 'policy') AS policy_score,
           kaoping.weighted_mean(score, 1) FILTER (WHERE category = 'common') AS common_score
    FROM kaoping.unit_indicator
    WHERE category IN ('policy', 'common')
    GROUP BY cycle_id, period, unit_id
),
parts AS (
    SELECT w.cycle_id, w.period, w.unit_id, w.tasks_led, w.tasks_responsible,
           tp.task_completion, cp.policy_score, cp.common_score,
           kaoping.proportional_share(w.tasks_led, p.lead_bonus)
               OVER (PARTITION BY w.cycle_id, w.period)
           + kaoping.proportional_share(w.tasks_responsible, p.responsible_bonus)
               OVER (PARTITION BY w.cycle_id, w.period) AS workload_bonus,
           p.task_weight, p.policy_weight, p.individual_weight, p.common_weight
    FROM workload w
    JOIN kaoping.policy p ON p.cycle_id = w.cycle_id
    LEFT JOIN task_part tp
           ON tp.cycle_id = w.cycle_id AND tp.period = w.period AND tp.unit_id = w.unit_id
    LEFT JOIN category_part cp
           ON cp.cycle_id = w.cycle_id AND cp.period = w.period AND cp.unit_id = w.unit_id
),
individual AS (
    SELECT parts.*,
           (SELECT kaoping.weighted_score(s, w)
            FROM (VALUES (task_completion, task_weight), (policy_score, policy_weight)) AS v (s, w)
            WHERE w > 0) + workload_bonus AS individual_score
    FROM parts
)
SELECT cycle_id, period, unit_id, tasks_led, tasks_responsible, task_completion, policy_score,
       workload_bonus, individual_score, common_score,
       (SELECT kaoping.weighted_score(s, w)
        FROM (VALUES (individual_score, individual_weight), (common_score, common_weight)) AS v (s, w)
        WHERE w > 0) AS indicator_score
FROM individual;
COMMENT ON VIEW kaoping.department_score IS '部门指标考核 A department''s indicator score (R11): individual (task completion × 0.9 + policy × 0.1 + workload bonus) × 0.9 + common (their plain mean) × 0.1, weights from policy; a missing part or result leaves it NULL (R9)';

-- 城市指标 A city's indicator score (R10).
CREATE OR REPLACE VIEW kaoping.city_score AS
SELECT au.cycle_id, au.period, au.unit_id,
       kaoping.weighted_mean(s.score, s.weight) FILTER (WHERE s.indicator_id IS NOT NULL) AS indicator_score
FROM kaoping.assessed_unit au
LEFT JOIN kaoping.unit_indicator s
       ON s.cycle_id = au.cycle_id AND s.period = au.period AND s.unit_id = au.unit_id
WHERE au.kind = 'city'
GROUP BY au.cycle_id, au.period, au.unit_id;
COMMENT ON VIEW kaoping.city_score IS '城市指标考核 A city''s indicator score: the weighted mean of the scores of every indicator it must have (R9, R10); NULL while a result is missing, unless policy scores missing results';

-- 实时考评结果 The result of each unit in each period computed now from the
-- inputs, in one pass, so that a query for one cycle and period computes
-- only that cycle and period.
CREATE OR REPLACE VIEW kaoping.live_score AS
WITH scored AS (
    SELECT au.cycle_id, au.period, au.unit_id, au.kind, au.name,
           CASE au.kind WHEN 'city' THEN cs.indicator_score ELSE ds.indicator_score END AS indicator_score,
           ds.individual_score, ds.common_score,
           -- the comprehensive evaluation is held with the year-end
           -- assessment unless policy says mid-year too (R19a)
           CASE WHEN au.period = 'Y' OR p.mid_year_evaluation THEN c.comprehensive_score END AS comprehensive_score,
           au.period = 'Y' OR p.mid_year_evaluation AS evaluated,
           a.adjustment,
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
           CASE WHEN evaluated
                THEN (SELECT kaoping.weighted_score(s, w)
                      FROM (VALUES (indicator_score, indicator_weight), (comprehensive_score, comprehensive_weight)) AS v (s, w)
                      WHERE w > 0)
                ELSE indicator_score
           END + adjustment AS total
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
COMMENT ON VIEW kaoping.live_score IS '实时考评结果 Each roster unit''s result in each period computed now from the inputs (doc/rules.md §8): indicator × 0.7 + comprehensive × 0.3 + adjustment (R16), at mid-year indicator + adjustment unless policy holds a mid-year evaluation (R19a), ranked within its kind with ties sharing a rank (R17) and graded by quota (R18); NULL where an input is missing (see kaoping.completeness)';

COMMENT ON COLUMN kaoping.live_score.comprehensive_score IS '综合评价 Comprehensive evaluation (R12, R13); at mid-year only where policy holds one (R19a)';

COMMENT ON COLUMN kaoping.live_score.total IS '综合考评得分 Total (R16; at mid-year R19a), exact';

-- 数据完整性 Why a unit has no total, and what else is missing or set
-- aside, for a cycle and period (R0): one row per reason, in English and
-- in Chinese.
CREATE OR REPLACE VIEW kaoping.completeness AS
WITH group_name (evaluator_group, zh) AS (
    VALUES ('leader', '省政府领导'), ('office', '领导小组办公室'), ('peer', '互评单位')
),
kind_name (kind, zh) AS (
    VALUES ('city', '市政府'), ('department', '省直部门')
)
-- a unit no evaluator of a weighted group ranked, where the period's total
-- has a comprehensive part (Y; H1 only if policy says so, R19a)
SELECT g.cycle_id, g.period, g.unit_id, 'unranked'::text AS issue,
       format('no %s evaluator ranked it', g.evaluator_group) AS detail,
       format('%s未对其排序', n.zh) AS detail_zh
FROM kaoping.comprehensive_group_score g
JOIN kaoping.policy p ON p.cycle_id = g.cycle_id
JOIN group_name n ON n.evaluator_group = g.evaluator_group
WHERE g.evaluators = 0 AND g.weight > 0 AND (g.period = 'Y' OR p.mid_year_evaluation)
UNION ALL
-- a ranking set aside: a roster change after it was written left it
-- incomplete (R13a)
SELECT r.cycle_id, r.period, NULL, 'incomplete ranking',
       format('the ranking of %s units by %s (%s) no longer matches the roster: it ranks %s of its %s units%s%s; it is not used',
              r.unit_kind, r.evaluator, r.evaluator_group, g.ranked, g.roster_units,
              '; missing ' || array_to_string(g.missing, ', '),
              '; not on the roster ' || array_to_string(g.not_on_roster, ', ')),
       format('%s（%s）对%s的排序与考评名单不符：名单%s个，排序%s个%s%s；不予采用',
              r.evaluator, n.zh, k.zh, g.roster_units, g.ranked,
              '；缺' || array_to_string(g.missing, '、'),
              '；名单外' || array_to_string(g.not_on_roster, '、'))
-- (the rankings evaluation_score does not use, each then told what it lacks)
FROM (SELECT DISTINCT e.cycle_id, e.period, e.evaluator, e.evaluator_group, e.unit_kind
      FROM kaoping.evaluation e
      WHERE NOT EXISTS (SELECT FROM kaoping.evaluation_score es
                        WHERE es.cycle_id = e.cycle_id AND es.period = e.period
                          AND es.evaluator = e.evaluator AND es.unit_kind = e.unit_kind)) r
CROSS JOIN LATERAL kaoping.ranking_gaps(r.cycle_id, r.period, r.evaluator, r.unit_kind) g
JOIN group_name n ON n.evaluator_group = r.evaluator_group
JOIN kind_name k ON k.kind = r.unit_kind
WHERE g.missing IS NOT NULL OR g.not_on_roster IS NOT NULL OR g.stray_ranks IS NOT NULL
UNION ALL
-- input of a unit that is not on the cycle's roster, set aside (R0, R1a)
SELECT x.cycle_id, cp.period, x.unit_id, 'not on roster',
       format('%s of unit %s, which is not on the roster of cycle %s, is not used', x.what, x.unit_id, x.cycle_id),
       format('单位%s不在%s考评名单内，其%s不予采用', x.unit_id, x.cycle_id, x.what_zh)
FROM (SELECT i.cycle_id, r.unit_id, r.period, format('the result of indicator %s', r.indicator_id) AS what,
             format('指标%s的结果', r.indicator_id) AS what_zh
      FROM kaoping.indicator_result r JOIN kaoping.indicator i ON i.indicator_id = r.indicator_id
      UNION ALL
      SELECT f.cycle_id, f.unit_id, f.period, format('funding of %s', f.amount), format('争取资金%s', f.amount)
      FROM kaoping.funding f
      UNION ALL
      SELECT a.cycle_id, a.unit_id, NULL, format('event %s (%s, %s)', a.adjustment_id, a.rule_code, to_char(a.occurred_on, 'YYYY-MM-DD')),
             format('加减分事项%s（%s，%s）', a.adjustment_id, a.rule_code, to_char(a.occurred_on, 'YYYY-MM-DD'))
      FROM kaoping.adjustment a) x
JOIN kaoping.cycle_period cp ON cp.cycle_id = x.cycle_id AND (x.period IS NULL OR x.period = cp.period)
WHERE NOT EXISTS (SELECT FROM kaoping.cycle_unit cu WHERE cu.cycle_id = x.cycle_id AND cu.unit_id = x.unit_id)
UNION ALL
-- an indicator without a result for a unit that must have one (R9)
SELECT ui.cycle_id, ui.period, ui.unit_id, 'no result',
       format('indicator %s (%s) has no result', ui.indicator_id, ui.name)
       || CASE WHEN ui.score IS NOT NULL THEN format('; scored %s, policy''s missing_result_score', ui.score) ELSE '' END,
       format('指标%s（%s）缺少结果', ui.indicator_id, ui.name)
       || CASE WHEN ui.score IS NOT NULL THEN format('，按缺报得分%s计', ui.score) ELSE '' END
FROM kaoping.unit_indicator ui
WHERE ui.missing
UNION ALL
-- a part of the indicator score with nothing to score it (R0, R10, R11);
-- what each unit has is counted once for all units
SELECT au.cycle_id, au.period, au.unit_id, 'nothing to score', x.detail, x.detail_zh
FROM kaoping.assessed_unit au
JOIN kaoping.policy p ON p.cycle_id = au.cycle_id
LEFT JOIN (SELECT ui.cycle_id, ui.period, ui.unit_id, count(*) AS indicators,
                  count(*) FILTER (WHERE ui.category = 'task') AS task_indicators,
                  count(*) FILTER (WHERE ui.category = 'policy') AS policy_indicators,
                  count(*) FILTER (WHERE ui.category = 'common') AS common_indicators
           FROM kaoping.unit_indicator ui
           GROUP BY ui.cycle_id, ui.period, ui.unit_id) AS n
       ON n.cycle_id = au.cycle_id AND n.period = au.period AND n.unit_id = au.unit_id
LEFT JOIN (SELECT ts.cycle_id, ts.period, ts.unit_id, count(*) AS tasks
           FROM kaoping.task_score ts
           GROUP BY ts.cycle_id, ts.period, ts.unit_id) AS t
       ON t.cycle_id = au.cycle_id AND t.period = au.period AND t.unit_id = au.unit_id
CROSS JOIN LATERAL (
    SELECT format('no indicator of cycle %s applies to it', au.cycle_id) AS detail,
           format('%s没有适用于该单位的指标', au.cycle_id) AS detail_zh
    WHERE au.kind = 'city' AND n.indicators IS NULL
    UNION ALL
    SELECT 'it has no task and no supplementary task indicator (R4, R11)', '无目标任务，也无补充的任务类指标'
    WHERE au.kind = 'department' AND p.task_weight * p.individual_weight > 0
      AND t.tasks IS NULL AND coalesce(n.task_indicators, 0) = 0
    UNION ALL
    SELECT format('it has no %s indicator (R11)', c.category), format('无%s', c.zh)
    FROM (VALUES ('policy', '政策落实类指标', p.policy_weight * p.individual_weight, n.policy_indicators),
                 ('common', '共性指标', p.common_weight, n.common_indicators)) AS c (category, zh, weight, indicators)
    WHERE au.kind = 'department' AND c.weight > 0 AND coalesce(c.indicators, 0) = 0
) AS x
UNION ALL
-- an indicator measured at mid-year against the year's target or
-- thresholds, for want of its own (R6a); said once per indicator
SELECT i.cycle_id, 'H1', NULL, 'year target at mid-year',
       format('indicator %s (%s) is measured at mid-year against the year''s %s', i.indicator_id, i.name,
              CASE i.method WHEN 'completion' THEN 'target' ELSE 'thresholds' END),
       format('指标%s（%s）年中按全年%s考核', i.indicator_id, i.name,
              CASE i.method WHEN 'completion' THEN '目标值' ELSE '满意值和不允许值' END)
FROM kaoping.indicator i
WHERE (i.method = 'completion' OR (i.method = 'efficacy' AND i.satisfactory IS NOT NULL))
  AND NOT EXISTS (SELECT FROM kaoping.indicator_period ip WHERE ip.indicator_id = i.indicator_id AND ip.period = 'H1')
UNION ALL
-- a department with fewer indicators than policy asks (R4)
SELECT au.cycle_id, au.period, au.unit_id, 'few indicators',
       format('%s indicators (tasks included), fewer than %s', n.indicators, p.min_indicators),
       format('指标%s个（含目标任务），少于%s个', n.indicators, p.min_indicators)
FROM kaoping.assessed_unit au
JOIN kaoping.policy p ON p.cycle_id = au.cycle_id
CROSS JOIN LATERAL (
    SELECT (SELECT count(*) FROM kaoping.task_assignment a JOIN kaoping.task t ON t.task_id = a.task_id
            WHERE a.unit_id = au.unit_id AND t.cycle_id = au.cycle_id)
         + (SELECT count(*) FROM kaoping.indicator i
            WHERE i.cycle_id = au.cycle_id AND i.unit_kind = 'department'
              AND i.category IN ('task', 'policy') AND (i.unit_id IS NULL OR i.unit_id = au.unit_id)) AS indicators
) AS n
WHERE au.kind = 'department' AND n.indicators < p.min_indicators;
COMMENT ON VIEW kaoping.completeness IS '数据完整性 Why a unit has no total, and what else is missing or set aside, for a cycle and period (R0): units a weighted evaluator group did not rank, rankings a roster change left incomplete, input of units off the roster, results missing (R9), parts with nothing to score them, departments under policy''s min_indicators (R4). Every unit of the roster without a total has at least one row here';
COMMENT ON COLUMN kaoping.completeness.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.completeness.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.completeness.unit_id IS '单位 The unit concerned, NULL for a ranking or an indicator';
COMMENT ON COLUMN kaoping.completeness.issue IS '问题 unranked, incomplete ranking, not on roster, no result, nothing to score, year target at mid-year or few indicators';
COMMENT ON COLUMN kaoping.completeness.detail IS '说明 What exactly is missing or set aside, in English';
COMMENT ON COLUMN kaoping.completeness.detail_zh IS '说明（中文） The same in Chinese';

GRANT SELECT ON kaoping.unit_indicator TO kaoping_admin, kaoping_reader;
-- the views that show live_score's columns keep its comments
DO $$
DECLARE
    shown text;
BEGIN
    FOREACH shown IN ARRAY ARRAY['unit_score', 'snapshot_score', 'latest_score', 'score_history', 'my_score', 'my_latest_score'] LOOP
        EXECUTE pg_catalog.format(
            'COMMENT ON COLUMN kaoping.%1$I.comprehensive_score IS %2$L; COMMENT ON COLUMN kaoping.%1$I.total IS %3$L',
            shown,
            '综合评价 Comprehensive evaluation (R12, R13); at mid-year only where policy holds one (R19a)',
            '综合考评得分 Total (R16; at mid-year R19a), exact');
    END LOOP;
END $$;

-- Events in their cycle's year, department rules for departments, judged
-- rules once a cycle (R14a); fixed thresholds that agree with the
-- direction (R6).  Events and funding stored before are not checked again
-- (an approved cycle's cannot change); an indicator whose fixed thresholds
-- contradict its direction stops the update at the constraint that names
-- it: correct the row, then update.
ALTER TABLE kaoping.adjustment_rule
    ADD COLUMN unit_kind text CHECK (unit_kind IN ('city', 'department')),
    ADD COLUMN once_per_cycle boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN kaoping.adjustment_rule.unit_kind IS '适用对象 The kind of unit the rule is for, NULL for both (B3, B4a, B4b, B6a, B6b: departments, R14a)';
COMMENT ON COLUMN kaoping.adjustment_rule.once_per_cycle IS '每年一次 Whether a unit gets at most one event of the rule in a cycle (B4a, B4b are judged once, R14a)';

ALTER TABLE kaoping.adjustment_rule DISABLE TRIGGER adjustment_rule_keep_builtin;
UPDATE kaoping.adjustment_rule SET unit_kind = 'department' WHERE builtin AND rule_code IN ('B3', 'B4a', 'B4b', 'B6a', 'B6b');
UPDATE kaoping.adjustment_rule SET once_per_cycle = true WHERE builtin AND rule_code IN ('B4a', 'B4b');
ALTER TABLE kaoping.adjustment_rule ENABLE TRIGGER adjustment_rule_keep_builtin;
ALTER TABLE kaoping.indicator ADD CONSTRAINT indicator_thresholds_direction CHECK (
    satisfactory IS NULL OR unallowable IS NULL OR (satisfactory > unallowable) = higher_is_better);
-- Points of an event come from its rule; judged rules take them within
-- their range, never clamped (R15); B3 comes from funding.  An event lies
-- in its cycle's year, is for a unit of the rule's kind, and a rule judged
-- once per cycle is given once (R14a).
CREATE OR REPLACE FUNCTION kaoping.adjustment_check() RETURNS trigger
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

REVOKE ALL ON FUNCTION kaoping.funding_check() FROM PUBLIC;

-- When the work was completed, apart from when it was checked; the newest
-- check is a milestone's verdict (R8a).  Existing checks of done and late
-- work take their check's day (what 0.3.1 judged by), written without the
-- freeze and the audit trail, as a migration.
ALTER TABLE kaoping.milestone_check ADD COLUMN completed_on date;
ALTER TABLE kaoping.milestone_check DISABLE TRIGGER USER;
UPDATE kaoping.milestone_check SET completed_on = checked_on WHERE state IN ('done', 'late');
ALTER TABLE kaoping.milestone_check ENABLE TRIGGER USER;
ALTER TABLE kaoping.milestone_check
    ADD CONSTRAINT milestone_check_completed CHECK ((state IN ('done', 'late')) = (completed_on IS NOT NULL)),
    ADD CONSTRAINT milestone_check_completed_before_check CHECK (completed_on <= checked_on);
COMMENT ON TABLE kaoping.milestone_check IS '节点核验 The office''s check of a milestone''s evidence (R3): done, late or missed, and when the work was completed (R8a). A milestone''s verdict is its newest check; one due by a period''s end deducts in it unless that verdict is done, completed by its due date (R8)';
COMMENT ON COLUMN kaoping.milestone_check.completed_on IS '完成日期 When the work was completed, from its evidence (R8a): required for done and late, empty for missed; when not given, the day the newest evidence of the milestone was submitted by the check';

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
    FOR EACH ROW WHEN (NEW.completed_on IS NULL AND NEW.state IN ('done', 'late'))
    EXECUTE FUNCTION kaoping.milestone_check_fill_completed();

REVOKE ALL ON FUNCTION kaoping.milestone_check_fill_completed() FROM PUBLIC;
-- 节点扣分 Each milestone due by a period's end, and whether it deducts (R8).
CREATE OR REPLACE VIEW kaoping.milestone_status AS
SELECT m.milestone_id, m.task_id, m.unit_id, t.cycle_id, cp.period, m.due_on, m.deduction,
       NOT coalesce(v.state = 'done' AND v.completed_on <= m.due_on, false) AS deducts,
       v.state AS verdict, v.completed_on, v.checked_on
FROM kaoping.milestone m
JOIN kaoping.task t ON t.task_id = m.task_id
JOIN kaoping.cycle_period cp ON cp.cycle_id = t.cycle_id AND m.due_on <= cp.period_end
-- the verdict is the newest check: a correction replaces what it corrects
LEFT JOIN LATERAL (SELECT c.state, c.completed_on, c.checked_on FROM kaoping.milestone_check c
                   WHERE c.milestone_id = m.milestone_id
                   ORDER BY c.checked_on DESC LIMIT 1) v ON true;
COMMENT ON VIEW kaoping.milestone_status IS '节点扣分 Each milestone due by the end of a period: it deducts its points unless its verdict, the newest check, is done with the work completed by its due date (R8, R8a); late, missed and not checked deduct, whenever the check was made';

COMMENT ON COLUMN kaoping.milestone_status.verdict IS '核验结论 Its newest check: done, late or missed; NULL when not checked';
COMMENT ON COLUMN kaoping.milestone_status.completed_on IS '完成日期 When the work was completed, by that check';
COMMENT ON COLUMN kaoping.milestone_status.checked_on IS '核验日期 The day of that check';

CREATE OR REPLACE FUNCTION kaoping.my_milestone_check_rows() RETURNS SETOF kaoping.milestone_check
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 100
BEGIN ATOMIC
    SELECT * FROM kaoping.milestone_check c WHERE c.milestone_id IN (SELECT kaoping.my_milestone_ids());
END;

CREATE OR REPLACE VIEW kaoping.my_milestone_check AS SELECT * FROM kaoping.my_milestone_check_rows();
COMMENT ON COLUMN kaoping.my_milestone_check.completed_on IS '完成日期 When the work was completed, from its evidence (R8a): required for done and late, empty for missed; when not given, the day the newest evidence of the milestone was submitted by the check';
DROP FUNCTION kaoping.check_milestone(text, date, text, text, boolean);
-- 核验节点 check_milestone
CREATE FUNCTION kaoping.check_milestone(milestone_id text, checked_on date, state text,
                                        evidence text DEFAULT NULL, offline boolean DEFAULT false,
                                        completed_on date DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.check_milestone_of(milestone_id, 'body');
    INSERT INTO kaoping.milestone_check AS c (milestone_id, checked_on, state, evidence, offline, completed_on)
    VALUES (check_milestone.milestone_id, check_milestone.checked_on, check_milestone.state,
            check_milestone.evidence, check_milestone.offline, check_milestone.completed_on)
    ON CONFLICT ON CONSTRAINT milestone_check_pkey DO UPDATE
        SET state = excluded.state, evidence = excluded.evidence, offline = excluded.offline,
            completed_on = excluded.completed_on
        WHERE (c.state, c.evidence, c.offline, c.completed_on)
              IS DISTINCT FROM (excluded.state, excluded.evidence, excluded.offline, excluded.completed_on);
END $$;
COMMENT ON FUNCTION kaoping.check_milestone(text, date, text, text, boolean, date) IS '核验节点 Records (or corrects) the check of a milestone assigned to the acting login''s scoring body on a day: done, late or missed, and for done and late when the work was completed (R8a; by default the day its newest evidence was submitted)';

REVOKE ALL ON FUNCTION kaoping.check_milestone(text, date, text, text, boolean, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kaoping.check_milestone(text, date, text, text, boolean, date) TO kaoping_assessor;

-- Approval in the plan's three steps, each with its decision document
-- (R20a).  A cycle approved before has its steps recorded as taken on the
-- day of its approval, their documents marked as not recorded.
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

INSERT INTO kaoping.approval_step (cycle_id, step, body, document, decided_on, entered_by, entered_login, entered_at)
SELECT c.cycle_id, s.step, '未记录 not recorded', '0.4.0 之前审定，文号未记录 approved before 0.4.0, not recorded',
       coalesce(t.changed_at, f.taken_at, pg_catalog.now())::date, coalesce(t.changed_by, f.taken_by, current_user),
       coalesce(t.login, f.taken_by_login, session_user), coalesce(t.changed_at, f.taken_at, pg_catalog.now())
FROM kaoping.cycle c
CROSS JOIN (VALUES ('review'), ('adoption'), ('approval')) AS s (step)
LEFT JOIN LATERAL (SELECT * FROM kaoping.cycle_transition x
                   WHERE x.cycle_id = c.cycle_id AND x.to_state = 'approved'
                   ORDER BY x.transition_id DESC LIMIT 1) t ON true
LEFT JOIN LATERAL (SELECT * FROM kaoping.snapshot h
                   WHERE h.cycle_id = c.cycle_id AND h.final
                   ORDER BY h.snapshot_id DESC LIMIT 1) f ON true
WHERE c.state = 'approved';
CREATE TRIGGER audit_insert AFTER INSERT ON kaoping.approval_step REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_delete AFTER DELETE ON kaoping.approval_step REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON kaoping.approval_step
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
CREATE TRIGGER audit_update AFTER UPDATE ON kaoping.approval_step
    FOR EACH ROW EXECUTE FUNCTION kaoping.audit_update();
SELECT pg_catalog.pg_extension_config_dump('kaoping.approval_step', '');
GRANT SELECT ON kaoping.approval_step TO kaoping_admin, kaoping_reader;
-- A move is recorded; approval stores the final snapshot of each period.
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
        -- steps taken on figures that may now change do not stand
        IF NEW.state = 'open' THEN
            DELETE FROM kaoping.approval_step a WHERE a.cycle_id = NEW.cycle_id;
        END IF;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.cycle_state_moved() IS 'trigger: records a cycle''s move in cycle_transition; on approval stores the final snapshots of H1 and Y; on reopening discards the approval steps taken (R20a)';

COMMENT ON FUNCTION kaoping.move_cycle(text, text) IS 'Moves a cycle to a state; internal to freeze_cycle, reopen_cycle and approval (record_approval_step)';

DROP FUNCTION kaoping.approve_cycle(text);
-- 审核、审议、审定 Approval takes the plan's three steps (R20a), each on
-- the frozen figures and recorded with the body, its decision document
-- (文号) and date, and who entered it: review by the performance-management
-- leading group (审核), adoption by the executive meeting of the provincial
-- government (常务会审议), approval by the leading group for work-performance
-- assessment (审定), which approves the cycle.
CREATE FUNCTION kaoping.record_approval_step(cycle_id text, step text, body text, document text, decided_on date)
RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    steps constant text[] := ARRAY['review', 'adoption', 'approval'];
    earlier_step text;
    previous kaoping.approval_step;
BEGIN
    IF kaoping.check_cycle(cycle_id) <> 'frozen' THEN
        RAISE EXCEPTION 'cycle % is %; its % is taken on frozen figures', cycle_id, kaoping.check_cycle(cycle_id), step
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Freeze it first: SELECT kaoping.freeze_cycle(%L).', cycle_id);
    END IF;
    IF body IS NULL OR body = '' OR document IS NULL OR document = '' OR decided_on IS NULL THEN
        RAISE EXCEPTION 'the % of cycle % needs its body, decision document and date', step, cycle_id
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Each step is recorded with who decided, the document''s number (文号) and its date (R20a).';
    END IF;
    earlier_step := steps[array_position(steps, record_approval_step.step) - 1];
    IF earlier_step IS NOT NULL THEN
        SELECT * INTO previous FROM kaoping.approval_step a
        WHERE a.cycle_id = record_approval_step.cycle_id AND a.step = earlier_step;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'cycle % has no % yet; the % comes after it', cycle_id, earlier_step, step
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'The steps are review (审核), adoption (常务会审议), approval (审定), in this order (R20a).';
        END IF;
        IF decided_on < previous.decided_on THEN
            RAISE EXCEPTION 'the % of cycle % on % is dated before its %, on %', step, cycle_id,
                            to_char(decided_on, 'YYYY-MM-DD'), previous.step, to_char(previous.decided_on, 'YYYY-MM-DD')
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END IF;
    INSERT INTO kaoping.approval_step (cycle_id, step, body, document, decided_on)
    VALUES (record_approval_step.cycle_id, record_approval_step.step, record_approval_step.body,
            record_approval_step.document, record_approval_step.decided_on);
    IF step = 'approval' THEN
        RETURN kaoping.move_cycle(cycle_id, 'approved');
    END IF;
    RETURN 'frozen';
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'cycle % has its % already', cycle_id, step
        USING ERRCODE = 'unique_violation',
              HINT = 'Reopening the cycle discards its steps; then take them again.';
END $$;
REVOKE EXECUTE ON FUNCTION kaoping.record_approval_step(text, text, text, text, date) FROM PUBLIC;
COMMENT ON FUNCTION kaoping.record_approval_step(text, text, text, text, date) IS 'Records a step of approval in order on a frozen cycle; the approval approves it; internal to review_cycle, adopt_cycle and approve_cycle';

CREATE FUNCTION kaoping.review_cycle(cycle_id text, body text, document text, decided_on date) RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN kaoping.record_approval_step(cycle_id, 'review', body, document, decided_on);
COMMENT ON FUNCTION kaoping.review_cycle(text, text, text, date) IS '审核 Records the review of a frozen cycle''s results by the performance-management leading group, with its document and date (R20a)';

CREATE FUNCTION kaoping.adopt_cycle(cycle_id text, body text, document text, decided_on date) RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN kaoping.record_approval_step(cycle_id, 'adoption', body, document, decided_on);
COMMENT ON FUNCTION kaoping.adopt_cycle(text, text, text, date) IS '审议 Records the adoption of a reviewed cycle''s results by the executive meeting of the provincial government, with its document and date (R20a)';

CREATE FUNCTION kaoping.approve_cycle(cycle_id text, body text, document text, decided_on date) RETURNS text
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN kaoping.record_approval_step(cycle_id, 'approval', body, document, decided_on);
COMMENT ON FUNCTION kaoping.approve_cycle(text, text, text, date) IS '审定 Approves an adopted cycle, with the leading group''s document and date (R20a): stores the final snapshots of H1 and Y, published, which unit_score returns from then on; final (R20)';

REVOKE EXECUTE ON FUNCTION kaoping.review_cycle(text, text, text, date), kaoping.adopt_cycle(text, text, text, date),
    kaoping.approve_cycle(text, text, text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kaoping.review_cycle(text, text, text, date), kaoping.adopt_cycle(text, text, text, date),
    kaoping.approve_cycle(text, text, text, date) TO kaoping_admin;

-- The rules that span rows, written once as the problems of a row: the
-- triggers raise them and check_import lists them (§9).

-- What is wrong with an input row, as one value: the rules that span rows
-- (24_integrity.sql) are written once as functions returning the problems
-- of a row, which the tables' triggers raise on a write and
-- kaoping.check_import lists for every staged row of a file (§9).
CREATE TYPE kaoping.input_problem AS (
    column_name text,
    value text,
    sqlstate text,
    message text,
    hint text
);
COMMENT ON TYPE kaoping.input_problem IS 'A problem of an input row: the column and value at fault, the SQLSTATE and message of the error a write raises for it, and a hint';

CREATE FUNCTION kaoping.raise_problem(problem kaoping.input_problem) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF problem.hint IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = problem.message, ERRCODE = problem.sqlstate,
                              COLUMN = coalesce(problem.column_name, '');
    END IF;
    RAISE EXCEPTION USING MESSAGE = problem.message, ERRCODE = problem.sqlstate, HINT = problem.hint,
                          COLUMN = coalesce(problem.column_name, '');
END $$;
COMMENT ON FUNCTION kaoping.raise_problem(kaoping.input_problem) IS 'Raises a problem of an input row as the error of the write';

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

CREATE FUNCTION kaoping.completed_by_evidence(milestone_id text, checked_on date) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT max(e.submitted_on) FROM kaoping.evidence e
    WHERE e.milestone_id = completed_by_evidence.milestone_id AND e.submitted_on <= completed_by_evidence.checked_on;
END;
COMMENT ON FUNCTION kaoping.completed_by_evidence(text, date) IS 'The day a milestone''s newest evidence was submitted by a check''s day: when its work was completed at the latest (R8a)';

CREATE FUNCTION kaoping.milestone_check_problems(c kaoping.milestone_check) RETURNS SETOF kaoping.input_problem
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT 'completed_on', NULL::text, '23502',
           format('the check of milestone %s on %s as %s needs completed_on, the day the work was completed',
                  c.milestone_id, to_char(c.checked_on, 'YYYY-MM-DD'), c.state),
           'Give completed_on from the evidence (R8a); it is taken from the newest evidence submitted by the check when there is one.'
    WHERE c.completed_on IS NULL AND c.state IN ('done', 'late')
      AND kaoping.completed_by_evidence(c.milestone_id, c.checked_on) IS NULL;
END;
COMMENT ON FUNCTION kaoping.milestone_check_problems(kaoping.milestone_check) IS 'The problems of a milestone check: done or late without the day the work was completed, and no evidence to take it from (R8a)';

CREATE OR REPLACE FUNCTION kaoping.evaluation_check() RETURNS trigger
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

CREATE OR REPLACE FUNCTION kaoping.adjustment_check() RETURNS trigger
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

CREATE OR REPLACE FUNCTION kaoping.funding_check() RETURNS trigger
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

CREATE OR REPLACE FUNCTION kaoping.indicator_period_check() RETURNS trigger
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

CREATE OR REPLACE FUNCTION kaoping.indicator_result_check() RETURNS trigger
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

CREATE OR REPLACE FUNCTION kaoping.milestone_check_fill_completed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    problem kaoping.input_problem;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> 'milestone_check' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF NEW.completed_on IS NULL AND NEW.state IN ('done', 'late') THEN
        SELECT * INTO problem FROM kaoping.milestone_check_problems(NEW) LIMIT 1;
        IF FOUND THEN
            PERFORM kaoping.raise_problem(problem);
        END IF;
        NEW.completed_on := kaoping.completed_by_evidence(NEW.milestone_id, NEW.checked_on);
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.milestone_check_fill_completed() IS 'trigger: a done or late check without completed_on takes the day its milestone''s newest evidence was submitted by the check (R8a), or is refused';


-- A bulk write's audit takes who, when and from where once a statement.
-- Inserts and deletes are recorded once per statement from its transition
-- table, so that loading a province costs one insert per statement, not a
-- trigger call per row; updates once per row, to keep old and new together.
-- Who, when and from where are the same for every row of a statement, so
-- they are taken once; the unit is the row's own, or for the tables that
-- have none (milestone_check, evidence) its milestone's.
CREATE OR REPLACE FUNCTION kaoping.audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    acting name := kaoping.caller();
    acting_login name := session_user;
    stamp timestamptz := now();
    xact xid8 := pg_current_xact_id();
    addr inet := inet_client_addr();
    application text := current_setting('application_name');
    by_milestone boolean := TG_TABLE_NAME IN ('milestone_check', 'evidence');
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping' OR TG_TABLE_NAME <> ALL (kaoping.audited_tables()) THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    IF kaoping.restoring() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO kaoping.audit_log (changed_at, changed_by, transaction_id, table_name, operation, unit_id, new_row,
                                       client_addr, application_name, login)
        SELECT stamp, acting, xact, TG_TABLE_NAME, TG_OP,
               CASE WHEN by_milestone THEN kaoping.audit_unit(r.j) ELSE r.j ->> 'unit_id' END, r.j,
               addr, application, acting_login
        FROM (SELECT to_jsonb(n) AS j FROM new_rows n) r;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO kaoping.audit_log (changed_at, changed_by, transaction_id, table_name, operation, unit_id, old_row,
                                       client_addr, application_name, login)
        SELECT stamp, acting, xact, TG_TABLE_NAME, TG_OP,
               CASE WHEN by_milestone THEN kaoping.audit_unit(r.j) ELSE r.j ->> 'unit_id' END, r.j,
               addr, application, acting_login
        FROM (SELECT to_jsonb(o) AS j FROM old_rows o) r;
    ELSE
        INSERT INTO kaoping.audit_log (table_name, operation) VALUES (TG_TABLE_NAME, TG_OP);
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.audit_statement() IS 'trigger: records a statement''s inserted or deleted rows, or a TRUNCATE, in kaoping.audit_log';

-- Filling triggers fire only when there is something to fill.
DROP TRIGGER evaluation_fill_kind ON kaoping.evaluation;
CREATE TRIGGER evaluation_fill_kind BEFORE INSERT OR UPDATE ON kaoping.evaluation
    FOR EACH ROW WHEN (NEW.unit_kind IS NULL) EXECUTE FUNCTION kaoping.evaluation_fill_kind();

-- Loading spreadsheets (§9).

-- 导入 Loading the year's data from spreadsheets (doc/rules.md §9).
--
-- The office saves each sheet as CSV and stages it, as text, in the table
-- of the same name in schema kaoping_import:
--
--   \copy kaoping_import.unit (unit_id, kind, name, active) FROM 'unit.csv' WITH (FORMAT csv, HEADER match)
--
-- kaoping.check_import() lists every problem of every staged row at once,
-- writing nothing; kaoping.apply_import() writes all staged rows or none,
-- as the caller, and empties the staging tables.  What is refused is
-- refused by the same rules as a typed write: the tables' types, NOT NULL,
-- CHECK constraints, keys and foreign keys are read from the catalog, and
-- the rules that span rows are the functions the triggers raise
-- (kaoping.<table>_problems).  Staged rows belong to the role that staged
-- them (staged_by): two people loading at once never check, apply or
-- change each other's rows.

CREATE SCHEMA kaoping_import;
COMMENT ON SCHEMA kaoping_import IS 'kaoping: staging tables for loading spreadsheets (CSV), one per input table, all columns text (§9)';

-- The tables a file can load, in the order they are applied (a row's
-- parents before it), and the columns a file does not give: those moved
-- only by kaoping's functions.
CREATE FUNCTION kaoping.import_tables()
RETURNS TABLE (apply_order integer, table_name name, not_loaded name[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT t.apply_order, t.table_name, t.not_loaded
    FROM (VALUES (1, 'scoring_body'::name, '{}'::name[]), (2, 'cycle', '{state}'), (3, 'unit', '{}'),
                 (4, 'cycle_unit', '{}'), (5, 'policy', '{}'), (6, 'adjustment_rule', '{builtin}'),
                 (7, 'task', '{}'), (8, 'task_assignment', '{}'), (9, 'indicator', '{}'),
                 (10, 'indicator_period', '{}'), (11, 'milestone', '{}'), (12, 'milestone_check', '{}'),
                 (13, 'indicator_result', '{}'), (14, 'evaluation', '{}'), (15, 'adjustment', '{}'),
                 (16, 'funding', '{}')) AS t (apply_order, table_name, not_loaded)
    ORDER BY t.apply_order;
END;
COMMENT ON FUNCTION kaoping.import_tables() IS 'The input tables a file can load, in the order kaoping.apply_import writes them, with the columns a file does not give (moved by kaoping''s functions)';

-- The columns of an input table a file gives, in the table's order.
CREATE FUNCTION kaoping.import_columns(table_name name)
RETURNS TABLE (column_name name, type_name text, is_text boolean, required boolean, default_value text, key_column boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT a.attname,
           format_type(a.atttypid, a.atttypmod),
           a.atttypid = 'text'::regtype,
           a.attnotnull AND d.adbin IS NULL AND a.attidentity = '',
           pg_get_expr(d.adbin, d.adrelid),
           coalesce(a.attnum = ANY (k.conkey), false)
    FROM pg_attribute a
    JOIN kaoping.import_tables() t ON t.table_name = import_columns.table_name
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_constraint k ON k.conrelid = a.attrelid AND k.contype = 'p'
    WHERE a.attrelid = ('kaoping.' || quote_ident(import_columns.table_name))::regclass
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> ALL (t.not_loaded)
    ORDER BY a.attnum;
END;
COMMENT ON FUNCTION kaoping.import_columns(name) IS 'The columns of an input table a file gives, in order: type, whether required (NOT NULL without default), the default an empty cell takes, whether part of the key';

-- The line of the file a staged row came from: the default of every
-- staging table's line (src/import_line.c).
CREATE FUNCTION kaoping.import_line(staging regclass) RETURNS bigint
LANGUAGE c VOLATILE STRICT
AS 'MODULE_PATHNAME', 'kaoping_import_line';
COMMENT ON FUNCTION kaoping.import_line(regclass) IS 'The next line of the file being staged into a staging table: 2 for the first row the acting role stages into it, then on from its highest';

-- A staged row is its stager's: staged in the acting role's name, changed
-- or taken away only by it.  (COPY does not load a table under row-level
-- security, so this trigger keeps the rows apart.)
CREATE FUNCTION kaoping.staged_row_owner() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    other record;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping_import' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    -- checked once a statement over its rows, so that staging a file costs
    -- one query, not a trigger call per line
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT o.line, o.staged_by INTO other FROM old_rows o WHERE o.staged_by <> kaoping.caller() LIMIT 1;
    END IF;
    IF other IS NULL AND TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT n.line, n.staged_by INTO other FROM new_rows n WHERE n.staged_by <> kaoping.caller() LIMIT 1;
    END IF;
    IF other IS NOT NULL THEN
        RAISE EXCEPTION 'line % of kaoping_import.% is staged by %; % cannot stage or change it',
                        other.line, TG_TABLE_NAME, other.staged_by, kaoping.caller()
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Each role stages, checks and applies its own rows (staged_by).';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.staged_row_owner() IS 'trigger: a statement stages rows in the acting role''s name and changes or deletes only the acting role''s rows';
REVOKE ALL ON FUNCTION kaoping.staged_row_owner() FROM PUBLIC;

-- The staging tables: each column of the input table as text, the line of
-- the file, and who staged the row.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM kaoping.import_tables() LOOP
        EXECUTE format(
            'CREATE TABLE kaoping_import.%1$I (
                 line bigint NOT NULL DEFAULT kaoping.import_line(%2$L::regclass),
                 %3$s,
                 staged_by name NOT NULL DEFAULT kaoping.caller()
             );
             CREATE INDEX ON kaoping_import.%1$I (staged_by, line);
             CREATE TRIGGER staged_insert AFTER INSERT ON kaoping_import.%1$I REFERENCING NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.staged_row_owner();
             CREATE TRIGGER staged_update AFTER UPDATE ON kaoping_import.%1$I
                 REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.staged_row_owner();
             CREATE TRIGGER staged_delete AFTER DELETE ON kaoping_import.%1$I REFERENCING OLD TABLE AS old_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.staged_row_owner();
             COMMENT ON TABLE kaoping_import.%1$I IS %5$L;
             COMMENT ON COLUMN kaoping_import.%1$I.line IS %6$L;
             COMMENT ON COLUMN kaoping_import.%1$I.staged_by IS %7$L;',
            t.table_name, 'kaoping_import.' || quote_ident(t.table_name),
            (SELECT string_agg(format('%I text', c.column_name), ', ') FROM kaoping.import_columns(t.table_name) c),
            NULL,
            format('导入 Rows of a file for kaoping.%s, as text, staged by \copy kaoping_import.%s (…) FROM ''file.csv'' WITH (FORMAT csv, HEADER match); checked by kaoping.check_import, written by kaoping.apply_import',
                   t.table_name, t.table_name),
            '行号 The line of the file the row came from: the header is line 1; numbered on from the rows the role staged already',
            '导入人 The role that staged the row');
        EXECUTE (SELECT string_agg(format('COMMENT ON COLUMN kaoping_import.%I.%I IS %L', t.table_name, c.column_name,
                                          col_description(format('kaoping.%I', t.table_name)::regclass, a.attnum)), '; ')
                 FROM kaoping.import_columns(t.table_name) c
                 JOIN pg_attribute a ON a.attrelid = format('kaoping.%I', t.table_name)::regclass AND a.attname = c.column_name);
    END LOOP;
END $$;

-- 导入模板 The header line a file for a table must have.
CREATE FUNCTION kaoping.import_template(table_name text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM kaoping.import_tables() t WHERE t.table_name = import_template.table_name) THEN
        RAISE EXCEPTION 'no file loads table %', quote_nullable(table_name)
            USING ERRCODE = 'undefined_table',
                  HINT = 'Files load: ' || (SELECT string_agg(t.table_name, ', ' ORDER BY t.apply_order) FROM kaoping.import_tables() t) || '.';
    END IF;
    RETURN (SELECT string_agg(c.column_name, ',') FROM kaoping.import_columns(table_name) c);
END $$;
COMMENT ON FUNCTION kaoping.import_template(text) IS '导入模板 The CSV header line of a file for an input table: its columns, in the order \copy kaoping_import.<table> (…) expects them';

-- 清空导入 Takes away what the caller staged.
CREATE FUNCTION kaoping.clear_import() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t record;
    removed bigint := 0;
    n bigint;
BEGIN
    FOR t IN SELECT * FROM kaoping.import_tables() LOOP
        IF has_table_privilege(format('kaoping_import.%I', t.table_name), 'DELETE') THEN
            EXECUTE format('DELETE FROM kaoping_import.%I s WHERE s.staged_by = kaoping.caller()', t.table_name);
            GET DIAGNOSTICS n = ROW_COUNT;
            removed := removed + n;
        END IF;
    END LOOP;
    RETURN removed;
END $$;
COMMENT ON FUNCTION kaoping.clear_import() IS '清空导入 Deletes the rows the acting role staged in kaoping_import; how many';

-- Rankings in a file: the rules of each row (kaoping.evaluation_problems)
-- and, as at commit (R13a), each ranking whole: the staged rows with the
-- stored rows they leave in place, against the cycle's roster.
CREATE FUNCTION kaoping.import_check_rankings(table_position integer) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
-- a ranking's rows are matched on four text columns, where the planner
-- guesses one row: told not to sort or loop, it hashes
SET enable_sort = off SET enable_nestloop = off AS $$
BEGIN
    INSERT INTO pg_temp.import_problem
    SELECT table_position, 'evaluation', a.lines[p.ordinal], (p.problem).column_name, (p.problem).value,
           (p.problem).sqlstate, (p.problem).message, (p.problem).hint
    FROM (SELECT array_agg(ROW(c.cycle_id, c.period, c.evaluator_group, c.evaluator, c.unit_id, c.unit_kind, c.rank)::kaoping.evaluation
                           ORDER BY c.line) AS written,
                 array_agg(c.line ORDER BY c.line) AS lines
          FROM pg_temp.import_evaluation c WHERE c.change <> 'same') a
    CROSS JOIN LATERAL kaoping.evaluation_problems(a.written) p;

    -- each ranking counted against its roster; the units only for the
    -- few that are not whole
    INSERT INTO pg_temp.import_problem
    WITH touched AS (
        SELECT DISTINCT c.cycle_id, c.period, c.evaluator, c.unit_kind
        FROM pg_temp.import_evaluation c WHERE c.change <> 'same'),
    ranked AS (
        SELECT c.cycle_id, c.period, c.evaluator, c.unit_kind, c.unit_id, c.line
        FROM pg_temp.import_evaluation c JOIN touched USING (cycle_id, period, evaluator, unit_kind)
        UNION ALL
        SELECT e.cycle_id, e.period, e.evaluator, e.unit_kind, e.unit_id, NULL
        FROM kaoping.evaluation e JOIN touched USING (cycle_id, period, evaluator, unit_kind)
        WHERE NOT EXISTS (SELECT FROM pg_temp.import_evaluation c
                          WHERE c.cycle_id = e.cycle_id AND c.period = e.period AND c.evaluator = e.evaluator
                            AND c.unit_kind = e.unit_kind AND c.unit_id = e.unit_id)),
    counted AS (
        SELECT k.cycle_id, k.period, k.evaluator, k.unit_kind, count(*) AS ranked,
               count(cu.unit_id) AS on_roster, min(k.line) AS line
        FROM ranked k
        LEFT JOIN kaoping.cycle_unit cu ON cu.cycle_id = k.cycle_id AND cu.unit_id = k.unit_id
        GROUP BY k.cycle_id, k.period, k.evaluator, k.unit_kind),
    whole AS (
        SELECT c.*, coalesce(n.units, 0) AS roster_units
        FROM counted c
        LEFT JOIN kaoping.roster_size n ON n.cycle_id = c.cycle_id AND n.kind = c.unit_kind
        WHERE c.on_roster < coalesce(n.units, 0) OR c.on_roster < c.ranked)
    SELECT table_position, 'evaluation', w.line, 'unit_id', NULL, '23514',
           format('the ranking of %s units by evaluator %s for cycle %s period %s is incomplete: it ranks %s of the %s on the roster',
                  w.unit_kind, w.evaluator, w.cycle_id, w.period, w.ranked, w.roster_units)
           || coalesce(' (missing: '
                       || (SELECT string_agg(cu.unit_id, ', ' ORDER BY cu.unit_id)
                           FROM kaoping.cycle_unit cu JOIN kaoping.unit u ON u.unit_id = cu.unit_id AND u.kind = w.unit_kind
                           WHERE cu.cycle_id = w.cycle_id
                             AND NOT EXISTS (SELECT FROM ranked k
                                             WHERE k.cycle_id = w.cycle_id AND k.period = w.period AND k.evaluator = w.evaluator
                                               AND k.unit_kind = w.unit_kind AND k.unit_id = cu.unit_id)) || ')', '')
           || coalesce(' (not on the roster: '
                       || (SELECT string_agg(k.unit_id, ', ' ORDER BY k.unit_id)
                           FROM ranked k
                           WHERE k.cycle_id = w.cycle_id AND k.period = w.period AND k.evaluator = w.evaluator
                             AND k.unit_kind = w.unit_kind
                             AND NOT EXISTS (SELECT FROM kaoping.cycle_unit cu WHERE cu.cycle_id = k.cycle_id AND cu.unit_id = k.unit_id))
                       || ')', ''),
           'A ranking is whole when its transaction commits: each unit of the kind on the roster once, ranks 1..n (R13a).'
    FROM whole w;
END $$;
COMMENT ON FUNCTION kaoping.import_check_rankings(integer) IS 'Part of check_import: the staged rankings, row by row and each whole against the cycle''s roster (R13a)';

-- The work of check_import and apply_import: every staged row of the
-- acting role converted to its table's types in pg_temp.import_<table>
-- (with change: insert, update or same), and every problem found in
-- pg_temp.import_problem: with_checks false stops at the values that are
-- not of their column's type.  Runs as the caller: a role checks only
-- what it may read, and a scoring body's rows are checked against what it
-- scores.
CREATE FUNCTION kaoping.import_prepare(with_checks boolean DEFAULT true) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t record;
    col record;
    con record;
    bad record;
    staging text;
    target text;
    converted text;
    compared text;
    office boolean;
    present boolean;
    keys text;
    columns_list text;
    state text;
    error_text text;
    problems bigint;
BEGIN
    IF to_regclass('pg_temp.import_problem') IS NOT NULL THEN
        DROP TABLE pg_temp.import_problem;
    END IF;
    CREATE TEMP TABLE import_problem (position integer, table_name name, line bigint, column_name text, value text,
                                      sqlstate text, message text, hint text) ON COMMIT DROP;
    FOR t IN SELECT * FROM kaoping.import_tables() LOOP
        staging := format('kaoping_import.%I', t.table_name);
        target := format('kaoping.%I', t.table_name);
        converted := format('pg_temp.%I', 'import_' || t.table_name);
        IF to_regclass(converted) IS NOT NULL THEN
            EXECUTE format('DROP TABLE %s', converted);
        END IF;
        CONTINUE WHEN NOT has_table_privilege(staging, 'SELECT');
        EXECUTE format('SELECT EXISTS (SELECT FROM %s s WHERE s.staged_by = kaoping.caller())', staging) INTO present;
        CONTINUE WHEN NOT present;
        office := has_table_privilege(target, 'SELECT') AND has_table_privilege(target, 'INSERT')
                  AND has_any_column_privilege(target, 'UPDATE');
        keys := (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column);
        columns_list := (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic);

        -- a value that is not of its column's type: the whole column is
        -- cast at once, and only a column that fails is gone through row
        -- by row, to list every bad value
        FOR col IN SELECT * FROM kaoping.import_columns(t.table_name) ic WHERE NOT ic.is_text LOOP
            BEGIN
                EXECUTE format('SELECT count(s.%1$I::%2$s) FROM %3$s s WHERE s.staged_by = kaoping.caller() AND s.%1$I <> %4$L',
                               col.column_name, col.type_name, staging, '');
            EXCEPTION WHEN OTHERS THEN
                FOR bad IN EXECUTE format('SELECT s.line, s.%1$I AS value FROM %2$s s WHERE s.staged_by = kaoping.caller() AND s.%1$I <> %3$L',
                                          col.column_name, staging, '') LOOP
                    BEGIN
                        EXECUTE format('SELECT $1::%s', col.type_name) USING bad.value;
                    EXCEPTION WHEN OTHERS THEN
                        GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, error_text = MESSAGE_TEXT;
                        INSERT INTO pg_temp.import_problem
                        VALUES (t.apply_order, t.table_name, bad.line, col.column_name, kaoping.shown(bad.value), state,
                                format('%s: %s', col.column_name, error_text),
                                format('Column %s of kaoping.%s takes a value of type %s.', col.column_name, t.table_name, col.type_name));
                    END;
                END LOOP;
            END;
        END LOOP;

        -- the rows as the table would take them: an empty cell is the
        -- column's default, or NULL
        EXECUTE format('CREATE TEMP TABLE %s ON COMMIT DROP AS SELECT s.line, %s, %L::text AS change FROM %s s
                        WHERE s.staged_by = kaoping.caller()
                          AND s.line NOT IN (SELECT p.line FROM pg_temp.import_problem p WHERE p.table_name = %L)',
                       converted,
                       (SELECT string_agg(format('CASE WHEN s.%1$I IS NULL OR s.%1$I = %2$L THEN (%3$s)::%4$s ELSE s.%1$I::%4$s END AS %1$I',
                                                 ic.column_name, '', coalesce(ic.default_value, 'NULL'), ic.type_name), ', ')
                        FROM kaoping.import_columns(t.table_name) ic),
                       'insert', staging, t.table_name);
        -- what the tables' triggers fill in, filled in the same way
        IF t.table_name = 'evaluation' THEN
            UPDATE pg_temp.import_evaluation e SET unit_kind = u.kind FROM kaoping.unit u
            WHERE e.unit_kind IS NULL AND u.unit_id = e.unit_id;
            IF to_regclass('pg_temp.import_unit') IS NOT NULL THEN
                UPDATE pg_temp.import_evaluation e SET unit_kind = u.kind FROM pg_temp.import_unit u
                WHERE e.unit_kind IS NULL AND u.unit_id = e.unit_id;
            END IF;
        ELSIF t.table_name = 'milestone_check' AND has_table_privilege('kaoping.evidence', 'SELECT') THEN
            UPDATE pg_temp.import_milestone_check m
            SET completed_on = kaoping.completed_by_evidence(m.milestone_id, m.checked_on)
            WHERE m.completed_on IS NULL AND m.state IN ('done', 'late');
        END IF;

        -- what the row would do: insert (as made), update, or nothing
        -- (same); a scoring body compares with what it may read of the
        -- table
        EXECUTE format('ANALYZE %s', converted);
        compared := CASE WHEN office THEN target ELSE format('kaoping.%I', 'my_' || t.table_name) END;
        IF to_regclass(compared) IS NOT NULL AND has_table_privilege(compared, 'SELECT') THEN
            -- a row with a stored row of its key (an event: of its number)
            EXECUTE format('UPDATE %1$s c SET change = CASE WHEN (%2$s) IS NOT DISTINCT FROM (%3$s) THEN %4$L ELSE %5$L END
                            FROM %6$s x WHERE %7$s',
                           converted,
                           (SELECT string_agg(format('c.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                           (SELECT string_agg(format('x.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                           'same', 'update', compared,
                           (SELECT string_agg(format('x.%1$I = c.%1$I', ic.column_name), ' AND ')
                            FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column));
            IF t.table_name = 'adjustment' THEN
                -- an event without its number is the same as a stored one
                -- with equal values, the n-th such line the n-th such event
                -- (values compared by their text, in which NULL and '' differ,
                -- so that the join can hash)
                EXECUTE format('UPDATE %1$s c SET change = %2$L
                                FROM (SELECT f.line FROM
                                          (SELECT c.line, ROW(%3$s)::text AS signature,
                                                  row_number() OVER (PARTITION BY ROW(%3$s)::text ORDER BY c.line) AS n
                                           FROM %1$s c WHERE c.adjustment_id IS NULL) f
                                      JOIN (SELECT ROW(%3$s)::text AS signature,
                                                   row_number() OVER (PARTITION BY ROW(%3$s)::text) AS n FROM %4$s) x
                                        USING (signature, n)) m
                                WHERE c.line = m.line AND c.adjustment_id IS NULL',
                               converted, 'same',
                               (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns('adjustment') ic WHERE NOT ic.key_column),
                               compared);
            END IF;
        END IF;

        -- planned on what was staged, not on an empty table's guesses
        EXECUTE format('ANALYZE %s', converted);
        CONTINUE WHEN NOT with_checks;

        -- a required column left empty
        FOR col IN SELECT * FROM kaoping.import_columns(t.table_name) ic WHERE ic.required LOOP
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %s, %L, c.line, %L, NULL, %L, %L, %L FROM %s c WHERE c.%I IS NULL',
                           t.apply_order, t.table_name, col.column_name, '23502',
                           format('column %s of %s is empty; every row needs it', col.column_name, t.table_name),
                           format('Give %s on every line of the file.', col.column_name), converted, col.column_name);
        END LOOP;

        -- a CHECK constraint of the table
        FOR con IN SELECT pcon.conname, pg_get_expr(pcon.conbin, pcon.conrelid) AS expression,
                        pg_get_constraintdef(pcon.oid) AS definition,
                        array_agg(a.attname ORDER BY a.attnum) AS columns
                 FROM pg_constraint pcon
                 JOIN pg_attribute a ON a.attrelid = pcon.conrelid AND a.attnum = ANY (pcon.conkey)
                 WHERE pcon.conrelid = target::regclass AND pcon.contype = 'c'
                 GROUP BY pcon.oid, pcon.conname, pcon.conbin, pcon.conrelid
                 HAVING bool_and(a.attname IN (SELECT ic.column_name FROM kaoping.import_columns(t.table_name) ic))
        LOOP
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, c.line, %3$L, kaoping.shown(%4$s), %5$L,
                                   format(%6$L, kaoping.shown(%4$s)), %7$L
                            FROM %8$s c WHERE (%9$s) IS FALSE',
                           t.apply_order, t.table_name, array_to_string(con.columns, ', '),
                           CASE WHEN cardinality(con.columns) = 1 THEN format('c.%I::text', con.columns[1])
                                ELSE format('concat_ws(%L, %s)', ', ',
                                            (SELECT string_agg(format('coalesce(c.%I::text, %L)', u.name, 'NULL'), ', ') FROM unnest(con.columns) AS u (name))) END,
                           '23514',
                           format('%s = %%s breaks check constraint %s of %s', array_to_string(con.columns, ', '), con.conname, t.table_name),
                           'The constraint is ' || con.definition || '.', converted, con.expression);
        END LOOP;

        -- a foreign key: the row it refers to is in the table, or staged
        -- with it
        FOR con IN SELECT pcon.conname, pcon.confrelid::regclass AS parent, p.relname AS parent_name,
                        (SELECT array_agg(a.attname ORDER BY u.n) FROM unnest(pcon.conkey) WITH ORDINALITY u (attnum, n)
                         JOIN pg_attribute a ON a.attrelid = pcon.conrelid AND a.attnum = u.attnum) AS columns,
                        (SELECT array_agg(a.attname ORDER BY u.n) FROM unnest(pcon.confkey) WITH ORDINALITY u (attnum, n)
                         JOIN pg_attribute a ON a.attrelid = pcon.confrelid AND a.attnum = u.attnum) AS parent_columns
                 FROM pg_constraint pcon JOIN pg_class p ON p.oid = pcon.confrelid
                 WHERE pcon.conrelid = target::regclass AND pcon.contype = 'f'
        LOOP
            CONTINUE WHEN NOT has_table_privilege(con.parent, 'SELECT');
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, c.line, %3$L, %4$s, %5$L,
                                   format(%6$L, %4$s), %7$L
                            FROM %8$s c
                            WHERE %9$s AND NOT EXISTS (SELECT FROM %10$s p WHERE %11$s) %12$s',
                           t.apply_order, t.table_name, array_to_string(con.columns, ', '),
                           format('concat_ws(%L, %s)', ', ', (SELECT string_agg(format('c.%I::text', u.name), ', ') FROM unnest(con.columns) AS u (name))),
                           '23503',
                           format('%s = %%s is not in kaoping.%s', array_to_string(con.columns, ', '), con.parent_name),
                           format('Load kaoping.%s first, or stage it with this file (kaoping_import.%s).', con.parent_name, con.parent_name),
                           converted,
                           (SELECT string_agg(format('c.%I IS NOT NULL', u.name), ' AND ') FROM unnest(con.columns) AS u (name)),
                           con.parent,
                           (SELECT string_agg(format('p.%I = c.%I', pc, cc), ' AND ') FROM unnest(con.parent_columns, con.columns) AS x (pc, cc)),
                           CASE WHEN to_regclass(format('pg_temp.%I', 'import_' || con.parent_name)) IS NOT NULL
                                THEN format('AND NOT EXISTS (SELECT FROM pg_temp.%I p WHERE %s)', 'import_' || con.parent_name,
                                            (SELECT string_agg(format('p.%I = c.%I', pc, cc), ' AND ') FROM unnest(con.parent_columns, con.columns) AS x (pc, cc)))
                                ELSE '' END);
        END LOOP;

        -- a key given twice in the file (an event without its number is a
        -- new event each time): the keys are grouped by hashing, and only
        -- the lines of a key given twice are gone back to
        EXECUTE format('INSERT INTO pg_temp.import_problem
                        SELECT %1$s, %2$L, c.line, %3$L, %4$s, %5$L,
                               format(%6$L, %4$s, (SELECT string_agg(l::text, %7$L ORDER BY l) FROM unnest(d.lines) l)), %8$L
                        FROM (SELECT %9$s, array_agg(c.line) AS lines FROM %10$s c WHERE %11$s
                              GROUP BY %9$s HAVING count(*) > 1) d
                        JOIN %10$s c ON %12$s',
                       t.apply_order, t.table_name, replace(keys, '"', ''),
                       format('concat_ws(%L, %s)', ', ', (SELECT string_agg(format('c.%I::text', ic.column_name), ', ')
                                                         FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column)),
                       '23505', format('key (%s) = (%%s) is given on lines %%s', replace(keys, '"', '')), ', ',
                       'Each row of a table has its own key; keep one of the lines.',
                       (SELECT string_agg(format('c.%I', ic.column_name), ', ')
                        FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column),
                       converted,
                       (SELECT string_agg(format('c.%I IS NOT NULL', ic.column_name), ' AND ')
                        FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column),
                       (SELECT string_agg(format('c.%1$I = d.%1$I', ic.column_name), ' AND ')
                        FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column));

        -- who may write what: the office every row; a scoring body the
        -- results of the indicators it scores and the checks of the
        -- milestones assigned to it, as kaoping.enter_result and
        -- kaoping.check_milestone let it
        IF NOT office THEN
            IF t.table_name = 'indicator_result' THEN
                INSERT INTO pg_temp.import_problem
                SELECT t.apply_order, t.table_name, c.line, 'indicator_id', c.indicator_id, '42501',
                       format('login %s does not score indicator %s', kaoping.caller(), quote_nullable(c.indicator_id)),
                       'The scoring body of kaoping.indicator.body_id enters its results, through a login kaoping.membership maps to it.'
                FROM pg_temp.import_indicator_result c
                WHERE c.change <> 'same'
                  AND NOT EXISTS (SELECT FROM kaoping.indicator i JOIN kaoping.my_membership m ON m.body_id = i.body_id
                                  WHERE i.indicator_id = c.indicator_id);
            ELSIF t.table_name = 'milestone_check' THEN
                INSERT INTO pg_temp.import_problem
                SELECT t.apply_order, t.table_name, c.line, 'milestone_id', c.milestone_id, '42501',
                       format('milestone %s is not one login %s checks', quote_nullable(c.milestone_id), kaoping.caller()),
                       'A milestone is checked by the scoring body of its body_id (kaoping.my_milestone lists yours).'
                FROM pg_temp.import_milestone_check c
                WHERE c.change <> 'same'
                  AND NOT EXISTS (SELECT FROM kaoping.my_milestone m JOIN kaoping.my_membership b ON b.body_id = m.body_id
                                  WHERE m.milestone_id = c.milestone_id);
            ELSE
                EXECUTE format('INSERT INTO pg_temp.import_problem
                                SELECT %s, %L, c.line, NULL, NULL, %L, %L, %L FROM %s c WHERE c.change <> %L',
                               t.apply_order, t.table_name, '42501',
                               format('login %s may not write kaoping.%s', kaoping.caller(), t.table_name),
                               'The assessment office (kaoping_admin) loads this table.', converted, 'same');
            END IF;
        END IF;

        -- a row of a frozen or approved cycle that would change
        IF t.table_name = ANY (kaoping.cycle_input_tables() || '{cycle}'::name[]) AND (office OR t.table_name <> 'milestone_check') THEN
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, r.line, NULL, f.cycle_id, %3$L,
                                   format(%4$L, f.cycle_id, f.state), %5$L
                            FROM %6$s r JOIN kaoping.cycle f ON f.cycle_id = %7$s
                            WHERE f.state <> %8$L AND r.change <> %9$L',
                           t.apply_order, t.table_name, '55000', 'cycle %s is %s; its inputs cannot change',
                           'An assessment office reopens a frozen cycle first (kaoping.reopen_cycle); an approved cycle is final (R20).',
                           converted, kaoping.cycle_of_rows(t.table_name), 'open', 'same');
        END IF;

        -- the rules that span rows, as the tables' triggers apply them
        IF to_regprocedure(format('kaoping.%I(kaoping.%I)', t.table_name || '_problems', t.table_name)) IS NOT NULL
           AND (office OR t.table_name <> 'milestone_check') THEN
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, c.line, p.column_name, p.value, p.sqlstate, p.message, p.hint
                            FROM %3$s c CROSS JOIN LATERAL kaoping.%4$I(ROW(%5$s)::kaoping.%6$I) p
                            WHERE c.change <> %7$L',
                           t.apply_order, t.table_name, converted, t.table_name || '_problems',
                           (SELECT string_agg(CASE WHEN a.attname IN (SELECT ic.column_name FROM kaoping.import_columns(t.table_name) ic)
                                                   THEN format('c.%I', a.attname) ELSE 'NULL' END, ', ' ORDER BY a.attnum)
                            FROM pg_attribute a WHERE a.attrelid = target::regclass AND a.attnum > 0 AND NOT a.attisdropped),
                           t.table_name, 'same');
        END IF;
        IF t.table_name = 'adjustment' THEN
            -- two events of a rule judged once a cycle in one file
            INSERT INTO pg_temp.import_problem
            SELECT t.apply_order, t.table_name, d.line, 'rule_code', d.rule_code, '23505',
                   format('rule %s is judged once a cycle; unit %s has it on lines %s of the file',
                          d.rule_code, d.unit_id, array_to_string(d.lines, ', ')),
                   'Keep one of the lines (R14a).'
            FROM (SELECT c.*, count(*) OVER w AS copies, array_agg(c.line) OVER w AS lines
                  FROM pg_temp.import_adjustment c
                  JOIN kaoping.adjustment_rule r ON r.rule_code = c.rule_code AND r.once_per_cycle
                  WINDOW w AS (PARTITION BY c.cycle_id, c.unit_id, c.rule_code ORDER BY c.line
                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) d
            WHERE d.copies > 1;
        ELSIF t.table_name = 'evaluation' AND office THEN
            PERFORM kaoping.import_check_rankings(t.apply_order);
        END IF;
    END LOOP;
    SELECT count(*) INTO problems FROM pg_temp.import_problem;
    RETURN problems;
END $$;
COMMENT ON FUNCTION kaoping.import_prepare(boolean) IS 'The work of check_import and apply_import: the acting role''s staged rows converted into pg_temp.import_<table>, every problem (with_checks false: only values not of their column''s type) into pg_temp.import_problem; how many problems';

-- What apply_import has written is analysed before the next table is
-- written and the rankings are checked whole, so that the triggers' queries
-- are planned on the rows just loaded, not on an empty table's guesses.
-- ANALYZE is the owner's, hence SECURITY DEFINER; it takes only the name
-- of an input table.
CREATE FUNCTION kaoping.import_analyze(table_name name) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT FROM kaoping.import_tables() t WHERE t.table_name = import_analyze.table_name) THEN
        EXECUTE format('ANALYZE kaoping.%I', table_name);
    END IF;
END $$;
COMMENT ON FUNCTION kaoping.import_analyze(name) IS 'Analyses an input table apply_import has written, so that what follows is planned on its rows';
REVOKE ALL ON FUNCTION kaoping.import_analyze(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kaoping.import_analyze(name) TO kaoping_admin, kaoping_assessor;

-- 检查导入 Every problem of every row the acting role staged, writing nothing.
CREATE FUNCTION kaoping.check_import()
RETURNS TABLE (table_name name, line bigint, column_name text, value text, sqlstate text, message text, hint text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.import_prepare();
    RETURN QUERY SELECT p.table_name, p.line, p.column_name, p.value, p.sqlstate, p.message, p.hint
                 FROM pg_temp.import_problem p
                 ORDER BY p.position, p.line, p.column_name, p.message;
END $$;
COMMENT ON FUNCTION kaoping.check_import() IS '检查导入 Every problem of every row the acting role staged in kaoping_import (§9, L2): table, line of the file, column, value, the SQLSTATE and message of the error a write would raise, a hint; writes nothing';

-- 执行导入 Writes what the acting role staged, all or nothing.
CREATE FUNCTION kaoping.apply_import()
RETURNS TABLE (table_name name, inserted bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t record;
    problems bigint;
    converted text;
    target text;
    columns_list text;
    n_inserted bigint;
    n_updated bigint;
    n_staged bigint;
BEGIN
    -- The tables refuse on a write whatever check_import lists, so the
    -- rows are written at once, checked by the tables themselves; only
    -- when something is refused is everything taken back and every problem
    -- counted, as check_import finds them.
    problems := kaoping.import_prepare(false);
    BEGIN
    IF problems > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'data_exception';
    END IF;
    FOR t IN SELECT it.apply_order, it.table_name FROM kaoping.import_tables() it
             WHERE to_regclass(format('pg_temp.%I', 'import_' || it.table_name)) IS NOT NULL
             ORDER BY it.apply_order LOOP
        converted := format('pg_temp.%I', 'import_' || t.table_name);
        target := format('kaoping.%I', t.table_name);
        columns_list := (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic
                         WHERE NOT ic.key_column);
        EXECUTE format('SELECT count(*) FROM %s', converted) INTO n_staged;
        n_inserted := 0;
        n_updated := 0;
        IF has_table_privilege(target, 'INSERT') AND has_any_column_privilege(target, 'UPDATE') THEN
            -- a changed row by its key, then the new ones (a row a trigger
            -- made meanwhile, as a new cycle's policy, is updated)
            -- (a table all of whose columns are its key has nothing to update)
            IF columns_list IS NOT NULL THEN
            EXECUTE format('UPDATE %1$s x SET (%2$s) = ROW(%3$s) FROM %4$s c
                            WHERE c.change <> %5$L AND %6$s AND (%7$s) IS DISTINCT FROM (%3$s)',
                           target, columns_list,
                           (SELECT string_agg(format('c.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic
                            WHERE NOT ic.key_column),
                           converted, 'same',
                           (SELECT string_agg(format('x.%1$I = c.%1$I', ic.column_name), ' AND ')
                            FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column),
                           (SELECT string_agg(format('x.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic
                            WHERE NOT ic.key_column));
            GET DIAGNOSTICS n_updated = ROW_COUNT;
            END IF;
            IF t.table_name = 'adjustment' THEN
                INSERT INTO kaoping.adjustment (adjustment_id, cycle_id, unit_id, rule_code, occurred_on, points, evidence, note)
                OVERRIDING SYSTEM VALUE
                SELECT coalesce(c.adjustment_id, nextval(pg_get_serial_sequence('kaoping.adjustment', 'adjustment_id'))),
                       c.cycle_id, c.unit_id, c.rule_code, c.occurred_on, c.points, c.evidence, c.note
                FROM pg_temp.import_adjustment c
                WHERE c.change = 'insert'
                  AND (c.adjustment_id IS NULL OR NOT EXISTS (SELECT FROM kaoping.adjustment a WHERE a.adjustment_id = c.adjustment_id))
                ORDER BY c.line;
            ELSE
                EXECUTE format('INSERT INTO %1$s (%2$s) SELECT %3$s FROM %4$s c
                                WHERE c.change <> %5$L AND NOT EXISTS (SELECT FROM %1$s x WHERE %6$s) ORDER BY c.line',
                               target,
                               (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                               (SELECT string_agg(format('c.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                               converted, 'same',
                               (SELECT string_agg(format('x.%1$I = c.%1$I', ic.column_name), ' AND ')
                                FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column));
            END IF;
            GET DIAGNOSTICS n_inserted = ROW_COUNT;
        ELSIF t.table_name = 'indicator_result' THEN
            -- a scoring body writes through the functions it is given
            PERFORM kaoping.enter_result(c.indicator_id, c.unit_id, c.period, c.actual, c.deduction)
            FROM pg_temp.import_indicator_result c WHERE c.change <> 'same' ORDER BY c.line;
            SELECT count(*) FILTER (WHERE c.change = 'insert'), count(*) FILTER (WHERE c.change = 'update')
            INTO n_inserted, n_updated FROM pg_temp.import_indicator_result c;
        ELSIF t.table_name = 'milestone_check' THEN
            PERFORM kaoping.check_milestone(c.milestone_id, c.checked_on, c.state, c.evidence, c.offline, c.completed_on)
            FROM pg_temp.import_milestone_check c WHERE c.change <> 'same' ORDER BY c.line;
            SELECT count(*) FILTER (WHERE c.change = 'insert'), count(*) FILTER (WHERE c.change = 'update')
            INTO n_inserted, n_updated FROM pg_temp.import_milestone_check c;
        END IF;
        IF n_inserted + n_updated > 0 THEN
            PERFORM kaoping.import_analyze(t.table_name);
        END IF;
        EXECUTE format('DELETE FROM kaoping_import.%I s WHERE s.staged_by = kaoping.caller()', t.table_name);
        table_name := t.table_name;
        inserted := n_inserted;
        updated := n_updated;
        unchanged := n_staged - n_inserted - n_updated;
        RETURN NEXT;
    END LOOP;
    -- rankings are whole now, not only at commit
    SET CONSTRAINTS kaoping.ranking_complete IMMEDIATE;
    SET CONSTRAINTS kaoping.ranking_complete DEFERRED;
    EXCEPTION WHEN OTHERS THEN
        problems := kaoping.import_prepare(true);
        IF problems > 0 THEN
            RAISE EXCEPTION 'the staged files have % problem%; nothing was written', problems, CASE WHEN problems = 1 THEN '' ELSE 's' END
                USING ERRCODE = 'data_exception',
                      HINT = 'SELECT * FROM kaoping.check_import() lists them, with the line of each.';
        END IF;
        -- refused for a reason no check foresaw (a row written meanwhile
        -- by another session): that error, as it was
        RAISE;
    END;
END $$;
COMMENT ON FUNCTION kaoping.apply_import() IS '执行导入 Writes every row the acting role staged in kaoping_import, as the caller (row-level security and the audit trail apply), in one transaction and only if check_import finds nothing (§9, L3): new rows inserted, changed rows updated by their key, identical rows left alone; empties the staging tables; what it did per table';

-- The office loads every table; a scoring body stages and loads the
-- results and checks it enters (kaoping.enter_result, check_milestone).
GRANT USAGE ON SCHEMA kaoping_import TO kaoping_admin, kaoping_assessor;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA kaoping_import TO kaoping_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON kaoping_import.indicator_result, kaoping_import.milestone_check TO kaoping_assessor;
