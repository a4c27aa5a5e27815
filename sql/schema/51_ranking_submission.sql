-- 提交排序 An evaluator submits a ranking only as a whole: the ordered list
-- of the units of one kind on the cycle's roster, which replaces its previous ranking of
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
