-- The assessment computed from the tables, per cycle and period (R19), in
-- views built on the primitives.  Each figure of unit_score can be traced
-- through the views it comes from.

-- 考评期 The two periods of every cycle and their last day.
CREATE VIEW kaoping.cycle_period AS
SELECT c.cycle_id, c.year, p.period,
       CASE p.period WHEN 'H1' THEN make_date(c.year, 6, 30) ELSE make_date(c.year, 12, 31) END AS period_end
FROM kaoping.cycle c
CROSS JOIN (VALUES ('H1'), ('Y')) AS p (period);
COMMENT ON VIEW kaoping.cycle_period IS '考评期 The periods of each cycle (R19): H1 ends on 30 June, Y on 31 December';
COMMENT ON COLUMN kaoping.cycle_period.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.cycle_period.year IS '年度 Its year';
COMMENT ON COLUMN kaoping.cycle_period.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.cycle_period.period_end IS '截止日期 Last day of the period';

-- 考评对象 Every unit of a cycle's roster in every period of the cycle.
CREATE VIEW kaoping.assessed_unit AS
SELECT cp.cycle_id, cp.period, cp.period_end, u.unit_id, u.kind, u.name
FROM kaoping.cycle_period cp
JOIN kaoping.cycle_unit cu ON cu.cycle_id = cp.cycle_id
JOIN kaoping.unit u ON u.unit_id = cu.unit_id;
COMMENT ON VIEW kaoping.assessed_unit IS '考评对象 Each unit of a cycle''s roster, in each period of the cycle (R1, R1a)';
COMMENT ON COLUMN kaoping.assessed_unit.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.assessed_unit.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.assessed_unit.period_end IS '截止日期 Last day of the period';
COMMENT ON COLUMN kaoping.assessed_unit.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.assessed_unit.kind IS '类别 city or department';
COMMENT ON COLUMN kaoping.assessed_unit.name IS '名称 Its name';

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
CREATE VIEW kaoping.indicator_score AS
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

-- 节点扣分 Each milestone due by a period's end, and whether it deducts (R8).
CREATE VIEW kaoping.milestone_status AS
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
COMMENT ON COLUMN kaoping.milestone_status.milestone_id IS '节点 The milestone';
COMMENT ON COLUMN kaoping.milestone_status.task_id IS '任务 Its task';
COMMENT ON COLUMN kaoping.milestone_status.unit_id IS '部门 The department that owes it';
COMMENT ON COLUMN kaoping.milestone_status.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.milestone_status.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.milestone_status.due_on IS '完成时限 Due date';
COMMENT ON COLUMN kaoping.milestone_status.deduction IS '扣分 Points it deducts if not done on time and to standard';
COMMENT ON COLUMN kaoping.milestone_status.deducts IS '是否扣分 Whether it deducts in this period';
COMMENT ON COLUMN kaoping.milestone_status.verdict IS '核验结论 Its newest check: done, late or missed; NULL when not checked';
COMMENT ON COLUMN kaoping.milestone_status.completed_on IS '完成日期 When the work was completed, by that check';
COMMENT ON COLUMN kaoping.milestone_status.checked_on IS '核验日期 The day of that check';

-- 任务得分 Each department's direct-deduction score on each of its tasks (R8, R11).
CREATE VIEW kaoping.task_score AS
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
COMMENT ON COLUMN kaoping.task_score.task_id IS '任务 The task';
COMMENT ON COLUMN kaoping.task_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.task_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.task_score.unit_id IS '部门 The department';
COMMENT ON COLUMN kaoping.task_score.role IS '角色 lead or responsible';
COMMENT ON COLUMN kaoping.task_score.milestones_due IS '到期节点数 Its milestones of the task due by the period''s end';
COMMENT ON COLUMN kaoping.task_score.milestones_deducting IS '扣分节点数 Of those, the ones that deduct';
COMMENT ON COLUMN kaoping.task_score.score IS '得分 Direct-deduction score, 0–100';

-- 部门指标 The department's indicator score and its parts (R11).
CREATE VIEW kaoping.department_score AS
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
COMMENT ON COLUMN kaoping.department_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.department_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.department_score.unit_id IS '部门 The department';
COMMENT ON COLUMN kaoping.department_score.tasks_led IS '牵头任务数 Tasks it leads';
COMMENT ON COLUMN kaoping.department_score.tasks_responsible IS '责任任务数 Tasks it is responsible for';
COMMENT ON COLUMN kaoping.department_score.task_completion IS '目标任务完成 Mean of its task scores and R4 supplements (R11)';
COMMENT ON COLUMN kaoping.department_score.policy_score IS '政策落实 Weighted mean of its policy indicators (R11)';
COMMENT ON COLUMN kaoping.department_score.workload_bonus IS '工作量加分 lead_bonus × led / most led + responsible_bonus × responsible / most responsible (R11)';
COMMENT ON COLUMN kaoping.department_score.individual_score IS '个性指标 task completion × task_weight + policy × policy_weight + workload bonus';
COMMENT ON COLUMN kaoping.department_score.common_score IS '共性指标 Mean of the common indicators (R11)';
COMMENT ON COLUMN kaoping.department_score.indicator_score IS '指标考核 individual × individual_weight + common × common_weight';

-- 城市指标 A city's indicator score (R10).
CREATE VIEW kaoping.city_score AS
SELECT au.cycle_id, au.period, au.unit_id,
       kaoping.weighted_mean(s.score, s.weight) FILTER (WHERE s.indicator_id IS NOT NULL) AS indicator_score
FROM kaoping.assessed_unit au
LEFT JOIN kaoping.unit_indicator s
       ON s.cycle_id = au.cycle_id AND s.period = au.period AND s.unit_id = au.unit_id
WHERE au.kind = 'city'
GROUP BY au.cycle_id, au.period, au.unit_id;
COMMENT ON VIEW kaoping.city_score IS '城市指标考核 A city''s indicator score: the weighted mean of the scores of every indicator it must have (R9, R10); NULL while a result is missing, unless policy scores missing results';
COMMENT ON COLUMN kaoping.city_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.city_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.city_score.unit_id IS '城市 The city';
COMMENT ON COLUMN kaoping.city_score.indicator_score IS '指标考核 Weighted mean of its indicator scores';

-- 排序得分 Each evaluator's rank of a unit as a score (R13), from the
-- rankings that are complete against the cycle's roster now: one that a
-- later roster change left incomplete is set aside (R13a, completeness).
CREATE VIEW kaoping.evaluation_score AS
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
COMMENT ON COLUMN kaoping.evaluation_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.evaluation_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.evaluation_score.evaluator_group IS '评价主体 leader, office or peer';
COMMENT ON COLUMN kaoping.evaluation_score.evaluator IS '评价人 Who ranked';
COMMENT ON COLUMN kaoping.evaluation_score.unit_kind IS '类别 Kind of the units ranked';
COMMENT ON COLUMN kaoping.evaluation_score.unit_id IS '被评单位 The unit';
COMMENT ON COLUMN kaoping.evaluation_score.rank IS '名次 Its rank';
COMMENT ON COLUMN kaoping.evaluation_score.ranked IS '排序单位数 n, the units of the kind on the cycle''s roster, all of which the evaluator ranked';
COMMENT ON COLUMN kaoping.evaluation_score.score IS '得分 Rank score';

-- 综合评价 Per unit and evaluator group: the mean of the evaluators' scores (R12).
CREATE VIEW kaoping.comprehensive_group_score AS
SELECT au.cycle_id, au.period, au.unit_id, g.evaluator_group, g.weight,
       count(es.evaluator)::integer AS evaluators,
       kaoping.weighted_mean(es.score, 1) FILTER (WHERE es.evaluator IS NOT NULL) AS score
FROM kaoping.assessed_unit au
JOIN kaoping.policy p ON p.cycle_id = au.cycle_id
CROSS JOIN LATERAL (VALUES ('leader', p.leader_weight), ('office', p.office_weight),
                           ('peer', p.peer_weight)) AS g (evaluator_group, weight)
LEFT JOIN kaoping.evaluation_score es
       ON es.cycle_id = au.cycle_id AND es.period = au.period AND es.unit_id = au.unit_id
      AND es.evaluator_group = g.evaluator_group
GROUP BY au.cycle_id, au.period, au.unit_id, g.evaluator_group, g.weight;
COMMENT ON VIEW kaoping.comprehensive_group_score IS '综合评价分组 A unit''s score from one evaluator group: the mean of its evaluators'' rank scores (R12, R13); NULL when nobody of the group ranked it';
COMMENT ON COLUMN kaoping.comprehensive_group_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.comprehensive_group_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.comprehensive_group_score.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.comprehensive_group_score.evaluator_group IS '评价主体 leader, office or peer';
COMMENT ON COLUMN kaoping.comprehensive_group_score.weight IS '权重 The group''s weight (policy)';
COMMENT ON COLUMN kaoping.comprehensive_group_score.evaluators IS '评价人数 Evaluators of the group who ranked the unit';
COMMENT ON COLUMN kaoping.comprehensive_group_score.score IS '得分 Mean of their rank scores';

CREATE VIEW kaoping.comprehensive_score AS
SELECT cycle_id, period, unit_id,
       kaoping.weighted_score(score, weight) FILTER (WHERE weight > 0) AS comprehensive_score
FROM kaoping.comprehensive_group_score
GROUP BY cycle_id, period, unit_id;
COMMENT ON VIEW kaoping.comprehensive_score IS '综合评价 A unit''s comprehensive evaluation: the groups'' scores weighted 75/15/10 by policy (R12); NULL when a group with weight has not ranked it';
COMMENT ON COLUMN kaoping.comprehensive_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.comprehensive_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.comprehensive_score.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.comprehensive_score.comprehensive_score IS '综合评价得分 Weighted sum of the group scores';

-- 加减分 Each point of a period: events by their rule, B3 from funding (R14, R15).
CREATE VIEW kaoping.adjustment_points AS
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

CREATE VIEW kaoping.adjustment_group AS
SELECT cycle_id, period, unit_id, rule_group, count(*)::integer AS events,
       sum(points) AS raw_points,
       kaoping.capped_sum(points, group_cap) AS capped_points
FROM kaoping.adjustment_points
GROUP BY cycle_id, period, unit_id, rule_group;
COMMENT ON VIEW kaoping.adjustment_group IS '加减分分组 A unit''s points per rule group in a period: as earned, and after the group''s cap (R14)';
COMMENT ON COLUMN kaoping.adjustment_group.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.adjustment_group.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.adjustment_group.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.adjustment_group.rule_group IS '累计组 The rule group';
COMMENT ON COLUMN kaoping.adjustment_group.events IS '次数 Events of the group';
COMMENT ON COLUMN kaoping.adjustment_group.raw_points IS '原始分值 Points as earned';
COMMENT ON COLUMN kaoping.adjustment_group.capped_points IS '累计后分值 Points after the group''s cap';

CREATE VIEW kaoping.adjustment_score AS
SELECT au.cycle_id, au.period, au.unit_id,
       coalesce(sum(ap.points) FILTER (WHERE ap.points > 0), 0) AS bonus_raw,
       coalesce(min(g.bonus_group_capped), 0) AS bonus_group_capped,
       coalesce(sum(ap.points) FILTER (WHERE ap.points < 0), 0) AS penalty,
       coalesce(kaoping.adjustment_total(ap.rule_group, ap.points, ap.group_cap, p.bonus_cap), 0) AS adjustment
FROM kaoping.assessed_unit au
JOIN kaoping.policy p ON p.cycle_id = au.cycle_id
LEFT JOIN kaoping.adjustment_points ap
       ON ap.cycle_id = au.cycle_id AND ap.period = au.period AND ap.unit_id = au.unit_id
-- the groups' capped bonus, summed once for all units rather than per unit
LEFT JOIN (SELECT cycle_id, period, unit_id,
                  sum(capped_points) FILTER (WHERE capped_points > 0) AS bonus_group_capped
           FROM kaoping.adjustment_group
           GROUP BY cycle_id, period, unit_id) g
       ON g.cycle_id = au.cycle_id AND g.period = au.period AND g.unit_id = au.unit_id
GROUP BY au.cycle_id, au.period, au.unit_id;
COMMENT ON VIEW kaoping.adjustment_score IS '加减分合计 A unit''s bonus and penalty points in a period: bonuses capped per group, then all together at bonus_cap; penalties uncapped (R14)';
COMMENT ON COLUMN kaoping.adjustment_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.adjustment_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.adjustment_score.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.adjustment_score.bonus_raw IS '加分原始值 Bonus points as earned';
COMMENT ON COLUMN kaoping.adjustment_score.bonus_group_capped IS '分组累计后加分 Bonus points after the group caps, before the bonus cap';
COMMENT ON COLUMN kaoping.adjustment_score.penalty IS '减分 Penalty points, uncapped';
COMMENT ON COLUMN kaoping.adjustment_score.adjustment IS '加减分 Capped bonus plus penalty: what the total gets';

-- 实时考评结果 The result of each unit in each period computed now from the
-- inputs, in one pass, so that a query for one cycle and period computes
-- only that cycle and period.
CREATE VIEW kaoping.live_score AS
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
COMMENT ON COLUMN kaoping.live_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.live_score.period IS '考评期 H1 (mid-year, circulated) or Y (final)';
COMMENT ON COLUMN kaoping.live_score.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.live_score.kind IS '类别 city or department';
COMMENT ON COLUMN kaoping.live_score.name IS '名称 Its name';
COMMENT ON COLUMN kaoping.live_score.indicator_score IS '指标考核 Indicator score (R10, R11)';
COMMENT ON COLUMN kaoping.live_score.individual_score IS '个性指标 Department: individual score (R11); NULL for cities';
COMMENT ON COLUMN kaoping.live_score.common_score IS '共性指标 Department: common score (R11); NULL for cities';
COMMENT ON COLUMN kaoping.live_score.comprehensive_score IS '综合评价 Comprehensive evaluation (R12, R13); at mid-year only where policy holds one (R19a)';
COMMENT ON COLUMN kaoping.live_score.adjustment IS '加减分 Bonus and penalty points (R14)';
COMMENT ON COLUMN kaoping.live_score.total IS '综合考评得分 Total (R16; at mid-year R19a), exact';
COMMENT ON COLUMN kaoping.live_score.rank IS '排名 Rank within its kind by the total at report_scale decimals; equal totals share a rank (1 2 2 4, R17)';
COMMENT ON COLUMN kaoping.live_score.grade IS '等次 Grade by quota (R18)';
