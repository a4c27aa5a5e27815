-- 数据完整性 What is missing for a cycle and period, so that a gap shows
-- instead of being scored silently.
CREATE VIEW kaoping.completeness AS
-- a unit no evaluator of a weighted group ranked
SELECT g.cycle_id, g.period, g.unit_id, 'unranked'::text AS issue,
       format('no %s evaluator ranked it', g.evaluator_group) AS detail
FROM kaoping.comprehensive_group_score g
WHERE g.evaluators = 0 AND g.weight > 0
UNION ALL
-- a ranking set aside: a roster change after it was written left it
-- incomplete (R13a)
SELECT r.cycle_id, r.period, NULL, 'incomplete ranking',
       format('the ranking of %s units by %s (%s) no longer matches the roster: it ranks %s of its %s units%s%s; it is not used',
              r.unit_kind, r.evaluator, r.evaluator_group, g.ranked, g.roster_units,
              '; missing ' || array_to_string(g.missing, ', '),
              '; not on the roster ' || array_to_string(g.not_on_roster, ', '))
FROM (SELECT DISTINCT e.cycle_id, e.period, e.evaluator, e.evaluator_group, e.unit_kind FROM kaoping.evaluation e) r
CROSS JOIN LATERAL kaoping.ranking_gaps(r.cycle_id, r.period, r.evaluator, r.unit_kind) g
WHERE g.missing IS NOT NULL OR g.not_on_roster IS NOT NULL OR g.stray_ranks IS NOT NULL
UNION ALL
-- input of a unit that is not on the cycle's roster, set aside (R0, R1a)
SELECT x.cycle_id, cp.period, x.unit_id, 'not on roster',
       format('%s of unit %s, which is not on the roster of cycle %s, is not used', x.what, x.unit_id, x.cycle_id)
FROM (SELECT i.cycle_id, r.unit_id, r.period, format('the result of indicator %s', r.indicator_id) AS what
      FROM kaoping.indicator_result r JOIN kaoping.indicator i ON i.indicator_id = r.indicator_id
      UNION ALL
      SELECT f.cycle_id, f.unit_id, f.period, format('funding of %s', f.amount) FROM kaoping.funding f
      UNION ALL
      SELECT a.cycle_id, a.unit_id, NULL, format('event %s (%s, %s)', a.adjustment_id, a.rule_code, a.occurred_on)
      FROM kaoping.adjustment a) x
JOIN kaoping.cycle_period cp ON cp.cycle_id = x.cycle_id AND (x.period IS NULL OR x.period = cp.period)
WHERE NOT EXISTS (SELECT FROM kaoping.cycle_unit cu WHERE cu.cycle_id = x.cycle_id AND cu.unit_id = x.unit_id)
UNION ALL
-- an indicator without a result for a unit it applies to
SELECT au.cycle_id, au.period, au.unit_id, 'no result',
       format('indicator %s (%s) has no result', i.indicator_id, i.name)
FROM kaoping.assessed_unit au
JOIN kaoping.indicator i
  ON i.cycle_id = au.cycle_id AND i.unit_kind = au.kind AND (i.unit_id IS NULL OR i.unit_id = au.unit_id)
WHERE NOT EXISTS (SELECT FROM kaoping.indicator_result r
                  WHERE r.indicator_id = i.indicator_id AND r.unit_id = au.unit_id AND r.period = au.period
                    AND (r.actual IS NOT NULL OR i.method = 'deduction'))
UNION ALL
-- a department with fewer indicators than policy asks (R4)
SELECT au.cycle_id, au.period, au.unit_id, 'few indicators',
       format('%s indicators (tasks included), fewer than %s', n.indicators, p.min_indicators)
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
COMMENT ON VIEW kaoping.completeness IS '数据完整性 What is missing or set aside for a cycle and period: units a weighted evaluator group did not rank, rankings a roster change left incomplete, input of units off the roster, indicators without results, departments under policy''s min_indicators (R4); a unit with a gap has no total in unit_score';
COMMENT ON COLUMN kaoping.completeness.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.completeness.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.completeness.unit_id IS '单位 The unit concerned, NULL for an evaluator''s ranking';
COMMENT ON COLUMN kaoping.completeness.issue IS '问题 unranked, incomplete ranking, not on roster, no result or few indicators';
COMMENT ON COLUMN kaoping.completeness.detail IS '说明 What exactly is missing';
