-- 数据完整性 What is missing for a cycle and period, so that a gap shows
-- instead of being scored silently.
CREATE VIEW kaoping.completeness AS
-- a unit no evaluator of a weighted group ranked
SELECT g.cycle_id, g.period, g.unit_id, 'unranked'::text AS issue,
       format('no %s evaluator ranked it', g.evaluator_group) AS detail
FROM kaoping.comprehensive_group_score g
WHERE g.evaluators = 0 AND g.weight > 0
UNION ALL
-- an evaluator whose ranking leaves out active units of the kind
SELECT es.cycle_id, es.period, NULL, 'incomplete ranking',
       format('%s (%s) ranked %s of %s active %s units', es.evaluator, es.evaluator_group,
              count(*), (SELECT count(*) FROM kaoping.unit u WHERE u.kind = es.unit_kind AND u.active),
              es.unit_kind)
FROM kaoping.evaluation_score es
GROUP BY es.cycle_id, es.period, es.evaluator, es.evaluator_group, es.unit_kind
HAVING count(*) < (SELECT count(*) FROM kaoping.unit u WHERE u.kind = es.unit_kind AND u.active)
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
COMMENT ON VIEW kaoping.completeness IS '数据完整性 What is missing for a cycle and period: units a weighted evaluator group did not rank, incomplete rankings, indicators without results, departments under policy''s min_indicators (R4); a unit with a gap has no total in unit_score';
COMMENT ON COLUMN kaoping.completeness.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.completeness.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.completeness.unit_id IS '单位 The unit concerned, NULL for an evaluator''s ranking';
COMMENT ON COLUMN kaoping.completeness.issue IS '问题 unranked, incomplete ranking, no result or few indicators';
COMMENT ON COLUMN kaoping.completeness.detail IS '说明 What exactly is missing';
