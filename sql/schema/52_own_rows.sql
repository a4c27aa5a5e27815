-- What a unit, a scoring body or an evaluator reads and writes: its own
-- rows, handed over by functions that run as the extension's owner.  These
-- roles hold no privilege on the tables that also hold others' rows, so
-- nothing they run is planned over those rows: no condition of theirs is
-- evaluated on a hidden row, and neither EXPLAIN ANALYZE's counts nor the
-- planner's estimates depend on one.  A function's rows reach the caller's
-- query as a finished set (a SECURITY DEFINER function is never inlined).

-- Reading: one function and one view per table, kaoping.my_<table>.
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

-- A unit's figures: its own rows of the snapshots circulated to the units
-- (R19), never an unpublished one.
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

-- The newest circulated figures, as a unit's dashboard shows them.
CREATE VIEW kaoping.my_latest_score AS
SELECT DISTINCT ON (s.cycle_id, s.period, s.unit_id) *
FROM kaoping.my_score s
ORDER BY s.cycle_id, s.period, s.unit_id, s.snapshot_id DESC;
COMMENT ON VIEW kaoping.my_latest_score IS '我的最新结果 The acting login''s units'' figures in the newest snapshot circulated of each cycle and period';

-- Writing.  A scoring body enters the results of the indicators it scores
-- and checks the milestones assigned to it; a unit uploads evidence for
-- its own milestones.  An error never tells whether a row the caller may
-- not see exists.
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

-- 录入结果 enter_result
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

CREATE FUNCTION kaoping.remove_check(milestone_id text, checked_on date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.check_milestone_of(milestone_id, 'body');
    DELETE FROM kaoping.milestone_check c
    WHERE c.milestone_id = remove_check.milestone_id AND c.checked_on = remove_check.checked_on;
    RETURN FOUND;
END $$;
COMMENT ON FUNCTION kaoping.remove_check(text, date) IS '删除核验 Removes a check of a milestone assigned to the acting login''s scoring body; whether there was one';

-- 报送材料 upload_evidence: dated today and in the caller's name.
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
