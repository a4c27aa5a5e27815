-- 数据完整性 Why a unit has no total, and what else is missing or set
-- aside, for a cycle and period (R0): one row per reason, in English and
-- in Chinese.
CREATE VIEW kaoping.completeness AS
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
