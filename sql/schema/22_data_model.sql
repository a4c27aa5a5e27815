-- The data model (doc/rules.md §8): cycles, policy, units, tasks,
-- milestones, indicators, results, rankings, adjustments and funding.
-- Keys, foreign keys and CHECK constraints reject bad input at the door;
-- rules that span rows are enforced by the triggers of 24_integrity.sql.

-- 考评周期 cycle
CREATE TABLE kaoping.cycle (
    cycle_id text PRIMARY KEY CHECK (cycle_id <> ''),
    year integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    title text NOT NULL DEFAULT '',
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'frozen', 'approved'))
);
COMMENT ON TABLE kaoping.cycle IS '考评周期 An assessment cycle, one year (R19); a new cycle gets its policy row with the plan''s defaults';
COMMENT ON COLUMN kaoping.cycle.cycle_id IS '周期编号 Code of the cycle, e.g. ''2018''';
COMMENT ON COLUMN kaoping.cycle.year IS '年度 Calendar year the cycle assesses; its periods end on 30 June (H1) and 31 December (Y)';
COMMENT ON COLUMN kaoping.cycle.title IS '名称 Title, e.g. the plan''s name';
COMMENT ON COLUMN kaoping.cycle.state IS '状态 open, frozen or approved (审定, R20)';

-- 政策参数 policy: a value per "policy" of doc/rules.md, defaults from the plan
CREATE TABLE kaoping.policy (
    cycle_id text PRIMARY KEY REFERENCES kaoping.cycle ON UPDATE CASCADE ON DELETE CASCADE,
    efficacy_base numeric NOT NULL DEFAULT 60,
    efficacy_span numeric NOT NULL DEFAULT 40 CHECK (efficacy_span > 0),
    indicator_weight numeric NOT NULL DEFAULT 0.7 CHECK (indicator_weight BETWEEN 0 AND 1),
    comprehensive_weight numeric NOT NULL DEFAULT 0.3 CHECK (comprehensive_weight BETWEEN 0 AND 1),
    individual_weight numeric NOT NULL DEFAULT 0.9 CHECK (individual_weight BETWEEN 0 AND 1),
    common_weight numeric NOT NULL DEFAULT 0.1 CHECK (common_weight BETWEEN 0 AND 1),
    task_weight numeric NOT NULL DEFAULT 0.9 CHECK (task_weight BETWEEN 0 AND 1),
    policy_weight numeric NOT NULL DEFAULT 0.1 CHECK (policy_weight BETWEEN 0 AND 1),
    lead_bonus numeric NOT NULL DEFAULT 5 CHECK (lead_bonus >= 0),
    responsible_bonus numeric NOT NULL DEFAULT 3 CHECK (responsible_bonus >= 0),
    leader_weight numeric NOT NULL DEFAULT 0.75 CHECK (leader_weight BETWEEN 0 AND 1),
    office_weight numeric NOT NULL DEFAULT 0.15 CHECK (office_weight BETWEEN 0 AND 1),
    peer_weight numeric NOT NULL DEFAULT 0.10 CHECK (peer_weight BETWEEN 0 AND 1),
    rank_top numeric NOT NULL DEFAULT 100,
    rank_bottom numeric NOT NULL DEFAULT 60,
    bonus_cap numeric DEFAULT 3 CHECK (bonus_cap >= 0),
    funding_top numeric NOT NULL DEFAULT 2 CHECK (funding_top >= 0),
    report_scale integer NOT NULL DEFAULT 2 CHECK (report_scale BETWEEN 0 AND 6),
    grade_labels text[] NOT NULL DEFAULT '{优秀,良好,一般}',
    grade_quotas numeric[] NOT NULL DEFAULT '{0.2,0.5}',
    min_indicators integer NOT NULL DEFAULT 10 CHECK (min_indicators >= 0),
    missing_result_score numeric CHECK (missing_result_score BETWEEN 0 AND 100),
    mid_year_evaluation boolean NOT NULL DEFAULT false,
    CONSTRAINT policy_total_weights CHECK (indicator_weight + comprehensive_weight = 1),
    CONSTRAINT policy_indicator_weights CHECK (individual_weight + common_weight = 1),
    CONSTRAINT policy_individual_weights CHECK (task_weight + policy_weight = 1),
    CONSTRAINT policy_evaluator_weights CHECK (leader_weight + office_weight + peer_weight = 1),
    CONSTRAINT policy_rank_scores CHECK (rank_top >= rank_bottom),
    CONSTRAINT policy_grades CHECK (
        cardinality(grade_labels) = cardinality(grade_quotas) + 1
        AND array_position(grade_labels, NULL) IS NULL
        AND 0 < ALL (grade_quotas) AND 1 >= ALL (grade_quotas))
);
COMMENT ON TABLE kaoping.policy IS '政策参数 The policy values of a cycle (the "policy" values of doc/rules.md), one row per cycle, created with the cycle; weights that should sum to 1 must (R16)';
COMMENT ON COLUMN kaoping.policy.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.policy.efficacy_base IS '功效系数基础分 Base of the efficacy coefficient (R6), 60';
COMMENT ON COLUMN kaoping.policy.efficacy_span IS '功效系数分差 Span of the efficacy coefficient (R6), 40';
COMMENT ON COLUMN kaoping.policy.indicator_weight IS '指标考核权重 Weight of the indicator score in the total (R16), 0.7';
COMMENT ON COLUMN kaoping.policy.comprehensive_weight IS '综合评价权重 Weight of the comprehensive evaluation (R16), 0.3';
COMMENT ON COLUMN kaoping.policy.individual_weight IS '个性指标权重 Department: weight of the individual indicators (R11), 0.9';
COMMENT ON COLUMN kaoping.policy.common_weight IS '共性指标权重 Department: weight of the common indicators (R11), 0.1';
COMMENT ON COLUMN kaoping.policy.task_weight IS '目标任务权重 Department: weight of task completion in the individual score (R11), 0.9';
COMMENT ON COLUMN kaoping.policy.policy_weight IS '政策落实权重 Department: weight of policy implementation in the individual score (R11), 0.1';
COMMENT ON COLUMN kaoping.policy.lead_bonus IS '牵头加分 Workload bonus of the department leading most tasks (R11), 5';
COMMENT ON COLUMN kaoping.policy.responsible_bonus IS '责任加分 Workload bonus of the department responsible for most tasks (R11), 3';
COMMENT ON COLUMN kaoping.policy.leader_weight IS '省政府领导评价权重 Weight of the provincial leaders'' ranking (R12), 0.75';
COMMENT ON COLUMN kaoping.policy.office_weight IS '领导小组办公室评价权重 Weight of the office''s ranking (R12), 0.15';
COMMENT ON COLUMN kaoping.policy.peer_weight IS '互评权重 Weight of the peers'' ranking (R12), 0.10';
COMMENT ON COLUMN kaoping.policy.rank_top IS '排序最高分 Score of rank 1 (R13), 100';
COMMENT ON COLUMN kaoping.policy.rank_bottom IS '排序最低分 Score of the last rank (R13), 60';
COMMENT ON COLUMN kaoping.policy.bonus_cap IS '加分上限 Cap of all bonus points together (R14), 3; NULL for none';
COMMENT ON COLUMN kaoping.policy.funding_top IS '争取资金最高加分 B3 points of the unit securing the most funds (R14), 2';
COMMENT ON COLUMN kaoping.policy.report_scale IS '报告小数位 Decimals of reported totals; equal totals at this scale share a rank (R17), 2';
COMMENT ON COLUMN kaoping.policy.grade_labels IS '等次 Grade labels, best first (R18): 优秀, 良好, 一般';
COMMENT ON COLUMN kaoping.policy.grade_quotas IS '等次比例 Largest share of each grade but the last (R18): 0.2, 0.5';
COMMENT ON COLUMN kaoping.policy.min_indicators IS '最少指标数 Departments with fewer indicators are reported (R4), 10';
COMMENT ON COLUMN kaoping.policy.missing_result_score IS '缺报得分 Score of a result an indicator requires and nobody entered (R9), e.g. 0 for "not reported"; NULL (the default) leaves the unit without a total until it is entered';
COMMENT ON COLUMN kaoping.policy.mid_year_evaluation IS '年中综合评价 Whether the office runs a comprehensive evaluation at mid-year (R19a); false (the default): the H1 total is the indicator score plus the adjustments to 30 June';

-- 考评对象 unit
CREATE TABLE kaoping.unit (
    unit_id text PRIMARY KEY CHECK (unit_id <> ''),
    kind text NOT NULL CHECK (kind IN ('city', 'department')),
    name text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    UNIQUE (unit_id, kind)
);
COMMENT ON TABLE kaoping.unit IS '考评对象 A unit that may be assessed: one of the 14 city governments or the 53 departments (R1); which ones a cycle assesses is its roster, kaoping.cycle_unit (R1a)';
COMMENT ON COLUMN kaoping.unit.unit_id IS '单位编号 Code of the unit';
COMMENT ON COLUMN kaoping.unit.kind IS '类别 city or department: units are ranked only against their own kind (R1)';
COMMENT ON COLUMN kaoping.unit.name IS '名称 Name, e.g. 沈阳市 or 省发展改革委';
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

-- 目标任务 task
CREATE TABLE kaoping.task (
    task_id text PRIMARY KEY CHECK (task_id <> ''),
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE,
    title text NOT NULL DEFAULT ''
);
COMMENT ON TABLE kaoping.task IS '目标任务 One of the year''s target tasks (R2)';
COMMENT ON COLUMN kaoping.task.task_id IS '任务编号 Code of the task';
COMMENT ON COLUMN kaoping.task.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.task.title IS '任务内容 What the task is';

-- 任务分工 task_assignment
CREATE TABLE kaoping.task_assignment (
    task_id text NOT NULL REFERENCES kaoping.task ON UPDATE CASCADE ON DELETE CASCADE,
    unit_id text NOT NULL,
    role text NOT NULL CHECK (role IN ('lead', 'responsible')),
    unit_kind text NOT NULL DEFAULT 'department' CHECK (unit_kind = 'department'),
    PRIMARY KEY (task_id, unit_id),
    FOREIGN KEY (unit_id, unit_kind) REFERENCES kaoping.unit (unit_id, kind) ON UPDATE CASCADE
);
CREATE UNIQUE INDEX task_assignment_one_lead ON kaoping.task_assignment (task_id) WHERE role = 'lead';
COMMENT ON TABLE kaoping.task_assignment IS '任务分工 The departments of a task: one lead (牵头部门) and any number responsible (责任部门) (R2)';
COMMENT ON COLUMN kaoping.task_assignment.task_id IS '任务 The task';
COMMENT ON COLUMN kaoping.task_assignment.unit_id IS '部门 The department';
COMMENT ON COLUMN kaoping.task_assignment.role IS '角色 lead or responsible';
COMMENT ON COLUMN kaoping.task_assignment.unit_kind IS '类别 Always department: only departments carry tasks';

-- 节点 milestone
CREATE TABLE kaoping.milestone (
    milestone_id text PRIMARY KEY CHECK (milestone_id <> ''),
    task_id text NOT NULL,
    unit_id text NOT NULL,
    due_on date NOT NULL,
    standard text NOT NULL DEFAULT '',
    office text,
    person text,
    deduction numeric NOT NULL DEFAULT 1 CHECK (deduction >= 0 AND deduction < 'Infinity'),
    body_id text REFERENCES kaoping.scoring_body ON UPDATE CASCADE,
    FOREIGN KEY (task_id, unit_id) REFERENCES kaoping.task_assignment (task_id, unit_id)
        ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT milestone_deduction_plausible CHECK (kaoping.plausible(deduction))
);
COMMENT ON TABLE kaoping.milestone IS '节点 A milestone of a task for one of its departments: due date, completion standard, responsible office and person (R3)';
COMMENT ON COLUMN kaoping.milestone.milestone_id IS '节点编号 Code of the milestone';
COMMENT ON COLUMN kaoping.milestone.task_id IS '任务 The task';
COMMENT ON COLUMN kaoping.milestone.unit_id IS '部门 The department that owes it';
COMMENT ON COLUMN kaoping.milestone.due_on IS '完成时限 Due date';
COMMENT ON COLUMN kaoping.milestone.standard IS '完成标准 Completion standard';
COMMENT ON COLUMN kaoping.milestone.office IS '责任处室 Responsible office';
COMMENT ON COLUMN kaoping.milestone.person IS '责任人 Responsible person';
COMMENT ON COLUMN kaoping.milestone.deduction IS '扣分 Points deducted if not done on time and to standard (R8), 1';
COMMENT ON COLUMN kaoping.milestone.body_id IS '核验主体 The scoring body that checks it, or NULL for the office alone';

-- 节点核验 milestone_check
CREATE TABLE kaoping.milestone_check (
    milestone_id text NOT NULL REFERENCES kaoping.milestone ON UPDATE CASCADE ON DELETE CASCADE,
    checked_on date NOT NULL,
    state text NOT NULL CHECK (state IN ('done', 'late', 'missed')),
    evidence text,
    offline boolean NOT NULL DEFAULT false,
    completed_on date,
    PRIMARY KEY (milestone_id, checked_on),
    CONSTRAINT milestone_check_classified CHECK (NOT offline OR evidence IS NULL),
    -- done and late work was completed on a day; missed work was not (R8a)
    CONSTRAINT milestone_check_completed CHECK ((state IN ('done', 'late')) = (completed_on IS NOT NULL)),
    CONSTRAINT milestone_check_completed_before_check CHECK (completed_on <= checked_on)
);
COMMENT ON TABLE kaoping.milestone_check IS '节点核验 The office''s check of a milestone''s evidence (R3): done, late or missed, and when the work was completed (R8a). A milestone''s verdict is its newest check; one due by a period''s end deducts in it unless that verdict is done, completed by its due date (R8)';
COMMENT ON COLUMN kaoping.milestone_check.completed_on IS '完成日期 When the work was completed, from its evidence (R8a): required for done and late, empty for missed; when not given, the day the newest evidence of the milestone was submitted by the check';
COMMENT ON COLUMN kaoping.milestone_check.milestone_id IS '节点 The milestone';
COMMENT ON COLUMN kaoping.milestone_check.checked_on IS '核验日期 Date of the check';
COMMENT ON COLUMN kaoping.milestone_check.state IS '结果 done, late or missed';
COMMENT ON COLUMN kaoping.milestone_check.evidence IS '证明材料 Evidence uploaded (a reference); never for classified material';
COMMENT ON COLUMN kaoping.milestone_check.offline IS '线下报送 Classified evidence handed over offline: only that fact is recorded (R3)';

-- 指标 indicator
CREATE TABLE kaoping.indicator (
    indicator_id text PRIMARY KEY CHECK (indicator_id <> ''),
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE,
    unit_kind text NOT NULL CHECK (unit_kind IN ('city', 'department')),
    unit_id text,
    category text NOT NULL CHECK (category IN ('city', 'task', 'policy', 'common')),
    name text NOT NULL,
    method text NOT NULL CHECK (method IN ('efficacy', 'completion', 'deduction', 'given')),
    weight numeric NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight < 'Infinity'),
    higher_is_better boolean NOT NULL DEFAULT true,
    target numeric CHECK (target > 0 AND target < 'Infinity'),
    satisfactory numeric CHECK (satisfactory > '-Infinity' AND satisfactory < 'Infinity'),
    unallowable numeric CHECK (unallowable > '-Infinity' AND unallowable < 'Infinity'),
    max_ratio numeric NOT NULL DEFAULT 1 CHECK (max_ratio > 0 AND max_ratio < 'Infinity'),
    clamp boolean NOT NULL DEFAULT true,
    body_id text REFERENCES kaoping.scoring_body ON UPDATE CASCADE,
    FOREIGN KEY (unit_id, unit_kind) REFERENCES kaoping.unit (unit_id, kind) ON UPDATE CASCADE,
    CONSTRAINT indicator_category_kind CHECK ((category = 'city') = (unit_kind = 'city')),
    CONSTRAINT indicator_target CHECK (method <> 'completion' OR target IS NOT NULL),
    CONSTRAINT indicator_thresholds CHECK (
        (satisfactory IS NULL AND unallowable IS NULL)
        OR (satisfactory IS NOT NULL AND unallowable IS NOT NULL AND satisfactory <> unallowable)),
    -- fixed thresholds agree with the direction (R6)
    CONSTRAINT indicator_thresholds_direction CHECK (
        satisfactory IS NULL OR unallowable IS NULL OR (satisfactory > unallowable) = higher_is_better),
    CONSTRAINT indicator_common_for_all CHECK (category <> 'common' OR unit_id IS NULL),
    CONSTRAINT indicator_weight_plausible CHECK (kaoping.plausible(weight)),
    CONSTRAINT indicator_target_plausible CHECK (kaoping.plausible(target)),
    CONSTRAINT indicator_satisfactory_plausible CHECK (kaoping.plausible(satisfactory)),
    CONSTRAINT indicator_unallowable_plausible CHECK (kaoping.plausible(unallowable)),
    CONSTRAINT indicator_max_ratio_plausible CHECK (kaoping.plausible(max_ratio))
);
COMMENT ON TABLE kaoping.indicator IS '指标 An indicator of a cycle: for every unit of a kind, or for one unit (unit_id, e.g. a department''s policy indicators and R4 supplements); prescribed indicators are ordinary ones with fixed weights (R5)';
COMMENT ON COLUMN kaoping.indicator.indicator_id IS '指标编号 Code of the indicator';
COMMENT ON COLUMN kaoping.indicator.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.indicator.unit_kind IS '考评对象类别 Kind of unit it applies to';
COMMENT ON COLUMN kaoping.indicator.unit_id IS '单位 The one unit it applies to, or NULL for every unit of the kind';
COMMENT ON COLUMN kaoping.indicator.category IS '类别 city (R10), task (R4 supplements to task completion), policy (R11 policy implementation) or common (R11 共性指标)';
COMMENT ON COLUMN kaoping.indicator.name IS '指标名称 Name';
COMMENT ON COLUMN kaoping.indicator.method IS '计分方法 efficacy (R6), completion (R7), deduction (R8) or given (a score entered by its body, 0–100)';
COMMENT ON COLUMN kaoping.indicator.weight IS '权重 Weight within its category (R9), above 0';
COMMENT ON COLUMN kaoping.indicator.higher_is_better IS '正向指标 Whether a higher actual is better (R6, R7)';
COMMENT ON COLUMN kaoping.indicator.target IS '目标值 Target of a completion indicator (R7), above 0';
COMMENT ON COLUMN kaoping.indicator.satisfactory IS '满意值 Fixed satisfactory value of an efficacy indicator, or NULL for the peers'' best (R6)';
COMMENT ON COLUMN kaoping.indicator.unallowable IS '不允许值 Fixed unallowable value of an efficacy indicator, or NULL for the peers'' worst (R6)';
COMMENT ON COLUMN kaoping.indicator.max_ratio IS '最高完成比例 Cap of actual / target (R7), 1';
COMMENT ON COLUMN kaoping.indicator.clamp IS '限幅 Whether a fixed-threshold efficacy ratio is held to [0, 1] (R6)';
COMMENT ON COLUMN kaoping.indicator.body_id IS '考核主体 The scoring body that enters its results, or NULL for the office alone';

-- 指标结果 indicator_result
CREATE TABLE kaoping.indicator_result (
    indicator_id text NOT NULL REFERENCES kaoping.indicator ON UPDATE CASCADE ON DELETE CASCADE,
    unit_id text NOT NULL REFERENCES kaoping.unit ON UPDATE CASCADE,
    period text NOT NULL CHECK (period IN ('H1', 'Y')),
    actual numeric CHECK (actual > '-Infinity' AND actual < 'Infinity'),
    deduction numeric CHECK (deduction >= 0 AND deduction < 'Infinity'),
    PRIMARY KEY (indicator_id, unit_id, period),
    CONSTRAINT indicator_result_actual_plausible CHECK (kaoping.plausible(actual)),
    CONSTRAINT indicator_result_deduction_plausible CHECK (kaoping.plausible(deduction))
);
COMMENT ON TABLE kaoping.indicator_result IS '指标结果 A unit''s result on an indicator for a period (R19): the actual value, or the points deducted';
COMMENT ON COLUMN kaoping.indicator_result.indicator_id IS '指标 The indicator';
COMMENT ON COLUMN kaoping.indicator_result.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.indicator_result.period IS '考评期 H1 (to 30 June) or Y (the year)';
COMMENT ON COLUMN kaoping.indicator_result.actual IS '实际值 Actual value (efficacy, completion) or the score itself (given, 0–100)';
COMMENT ON COLUMN kaoping.indicator_result.deduction IS '扣分 Points deducted (deduction method, R8), 0 or more';

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

-- 综合评价 evaluation
CREATE TABLE kaoping.evaluation (
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE,
    period text NOT NULL CHECK (period IN ('H1', 'Y')),
    evaluator_group text NOT NULL CHECK (evaluator_group IN ('leader', 'office', 'peer')),
    evaluator text NOT NULL CHECK (evaluator <> ''),
    unit_id text NOT NULL,
    unit_kind text NOT NULL,
    rank integer NOT NULL CHECK (rank >= 1),
    PRIMARY KEY (cycle_id, period, evaluator, unit_kind, unit_id),
    -- checked at the end of each statement, so that ranks can be swapped in one
    CONSTRAINT evaluation_rank_once UNIQUE (cycle_id, period, evaluator, unit_kind, rank)
        DEFERRABLE INITIALLY IMMEDIATE,
    FOREIGN KEY (unit_id, unit_kind) REFERENCES kaoping.unit (unit_id, kind) ON UPDATE CASCADE
);
COMMENT ON TABLE kaoping.evaluation IS '综合评价 An evaluator''s rank of a unit (按比例排序评价, R12, R13): each ranking covers the units of one kind on the cycle''s roster, each once, ranks 1..n, complete when its transaction commits (R13a)';
COMMENT ON COLUMN kaoping.evaluation.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.evaluation.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.evaluation.evaluator_group IS '评价主体 leader (省政府领导), office (领导小组办公室) or peer (departments rank cities, cities rank departments)';
COMMENT ON COLUMN kaoping.evaluation.evaluator IS '评价人 Who ranks: a leader, the office, or for peers the unit_id of the ranking unit';
COMMENT ON COLUMN kaoping.evaluation.unit_id IS '被评单位 The unit ranked';
COMMENT ON COLUMN kaoping.evaluation.unit_kind IS '被评类别 Kind of the units of this ranking; filled from the unit when not given';
COMMENT ON COLUMN kaoping.evaluation.rank IS '名次 1 is best; at most the number of units of the kind on the cycle''s roster';

-- 加减分规则 adjustment_rule
CREATE TABLE kaoping.adjustment_rule (
    rule_code text PRIMARY KEY CHECK (rule_code <> ''),
    name text NOT NULL,
    points numeric CHECK (points <> 0 AND points > '-Infinity' AND points < 'Infinity'),
    rule_group text NOT NULL CHECK (octet_length(rule_group) BETWEEN 1 AND 31),
    group_cap numeric CHECK (group_cap > 0 AND group_cap < 'Infinity'),
    min_points numeric CHECK (min_points > 0 AND min_points < 'Infinity'),
    max_points numeric CHECK (max_points > 0 AND max_points < 'Infinity'),
    from_funding boolean NOT NULL DEFAULT false,
    builtin boolean NOT NULL DEFAULT false,
    unit_kind text CHECK (unit_kind IN ('city', 'department')),
    once_per_cycle boolean NOT NULL DEFAULT false,
    CONSTRAINT adjustment_rule_kind CHECK (
        (points IS NOT NULL)::int + (min_points IS NOT NULL AND max_points IS NOT NULL)::int + from_funding::int = 1),
    CONSTRAINT adjustment_rule_range CHECK (min_points IS NULL OR max_points >= min_points),
    CONSTRAINT adjustment_rule_penalty_uncapped CHECK (points > 0 OR points IS NULL OR group_cap IS NULL)
);
COMMENT ON TABLE kaoping.adjustment_rule IS '加减分规则 The bonus and penalty rules of the plan (doc/rules.md §5: B1a … P6c, filled by CREATE EXTENSION and kept by it) and any the province adds: fixed points each, a judged range (B4), or a share of funding (B3)';
COMMENT ON COLUMN kaoping.adjustment_rule.rule_code IS '规则编号 Code, e.g. B1b';
COMMENT ON COLUMN kaoping.adjustment_rule.name IS '事项 What earns or costs the points';
COMMENT ON COLUMN kaoping.adjustment_rule.points IS '分值 Points per event: positive a bonus, negative a penalty; NULL for judged and funding rules';
COMMENT ON COLUMN kaoping.adjustment_rule.rule_group IS '累计组 Group whose bonus points share a cap (B6a and B6b share B6)';
COMMENT ON COLUMN kaoping.adjustment_rule.group_cap IS '累计上限 Cap of the group''s bonus points, NULL for none (R14)';
COMMENT ON COLUMN kaoping.adjustment_rule.min_points IS '最低分 Lowest judged points (B4: 0.1, R15)';
COMMENT ON COLUMN kaoping.adjustment_rule.max_points IS '最高分 Highest judged points (B4: 0.2, R15)';
COMMENT ON COLUMN kaoping.adjustment_rule.from_funding IS '按资金比例 Points shared by funding secured (B3, R14)';
COMMENT ON COLUMN kaoping.adjustment_rule.unit_kind IS '适用对象 The kind of unit the rule is for, NULL for both (B3, B4a, B4b, B6a, B6b: departments, R14a)';
COMMENT ON COLUMN kaoping.adjustment_rule.once_per_cycle IS '每年一次 Whether a unit gets at most one event of the rule in a cycle (B4a, B4b are judged once, R14a)';
COMMENT ON COLUMN kaoping.adjustment_rule.builtin IS '内置 One of the plan''s rules (doc/rules.md §5), created with the extension; add a rule of your own to change one';

-- 加减分事项 adjustment
CREATE TABLE kaoping.adjustment (
    adjustment_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE,
    unit_id text NOT NULL REFERENCES kaoping.unit ON UPDATE CASCADE,
    rule_code text NOT NULL REFERENCES kaoping.adjustment_rule ON UPDATE CASCADE,
    occurred_on date NOT NULL,
    points numeric CHECK (points > 0 AND points < 'Infinity'),
    evidence text,
    note text,
    CONSTRAINT adjustment_points_plausible CHECK (kaoping.plausible(points))
);
COMMENT ON TABLE kaoping.adjustment IS '加减分事项 An event that earns or costs points under a rule (R14); its date puts it in H1 or the year';
COMMENT ON COLUMN kaoping.adjustment.adjustment_id IS '编号 Number of the event';
COMMENT ON COLUMN kaoping.adjustment.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.adjustment.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.adjustment.rule_code IS '规则 The rule';
COMMENT ON COLUMN kaoping.adjustment.occurred_on IS '发生日期 Date of the event';
COMMENT ON COLUMN kaoping.adjustment.points IS '评定分值 Judged points, only for rules with a range (B4, R15); NULL otherwise';
COMMENT ON COLUMN kaoping.adjustment.evidence IS '依据 The document behind the points';
COMMENT ON COLUMN kaoping.adjustment.note IS '备注 Note';

-- 争取资金 funding (B3)
CREATE TABLE kaoping.funding (
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE,
    period text NOT NULL DEFAULT 'Y' CHECK (period IN ('H1', 'Y')),
    unit_id text NOT NULL REFERENCES kaoping.unit ON UPDATE CASCADE,
    amount numeric NOT NULL CHECK (amount >= 0 AND amount < 'Infinity'),
    PRIMARY KEY (cycle_id, period, unit_id),
    CONSTRAINT funding_amount_plausible CHECK (kaoping.plausible(amount))
);
COMMENT ON TABLE kaoping.funding IS '争取资金 National funds, projects or policies a unit secured, for B3 (R14): the most earns funding_top points, the others in proportion, within each kind';
COMMENT ON COLUMN kaoping.funding.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.funding.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.funding.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.funding.amount IS '金额 Amount secured, in yuan, 0 or more';
