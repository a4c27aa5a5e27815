\echo Use "CREATE EXTENSION kaoping" to load this file. \quit
-- weighted_mean (R9): the weighted mean of scores, for categories whose
-- weights need not add up to 1.  It shares weighted_score's state.

CREATE FUNCTION kaoping.weighted_mean_final(kaoping.weighted_state)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_weighted_mean_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE kaoping.weighted_mean(score numeric, weight numeric) (
    SFUNC = kaoping.weighted_score_transition,
    STYPE = kaoping.weighted_state,
    FINALFUNC = kaoping.weighted_mean_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kaoping.weighted_state_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION kaoping.weighted_mean_final(kaoping.weighted_state) IS
  'final function of weighted_mean: Σ score × weight / Σ weight, rounded to 6 decimals';
COMMENT ON AGGREGATE kaoping.weighted_mean(numeric, numeric) IS
  '加权平均 R9: Σ score × weight / Σ weight, rounded half away from zero to 6 decimals; weights 0 or more, never NULL, not all 0; a NULL score makes the result NULL; no rows give NULL';
-- kaoping 0.2.0: the data model of SPEC §8, created by CREATE EXTENSION.
-- Keys, foreign keys and CHECK constraints reject bad input at the door;
-- rules that span rows are enforced by the triggers of 30_integrity.sql.

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

-- 政策参数 policy: a value per "policy" of SPEC.md, defaults from the plan
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
COMMENT ON TABLE kaoping.policy IS '政策参数 The policy values of a cycle (SPEC "policy"), one row per cycle, created with the cycle; weights that should sum to 1 must (R16)';
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

-- 考评对象 unit
CREATE TABLE kaoping.unit (
    unit_id text PRIMARY KEY CHECK (unit_id <> ''),
    kind text NOT NULL CHECK (kind IN ('city', 'department')),
    name text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    UNIQUE (unit_id, kind)
);
COMMENT ON TABLE kaoping.unit IS '考评对象 An assessed unit: one of the 14 city governments or the 53 departments (R1); every active unit is assessed in every cycle';
COMMENT ON COLUMN kaoping.unit.unit_id IS '单位编号 Code of the unit';
COMMENT ON COLUMN kaoping.unit.kind IS '类别 city or department: units are ranked only against their own kind (R1)';
COMMENT ON COLUMN kaoping.unit.name IS '名称 Name, e.g. 沈阳市 or 省发展改革委';
COMMENT ON COLUMN kaoping.unit.active IS '参加考评 Whether the unit is assessed';

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
    FOREIGN KEY (task_id, unit_id) REFERENCES kaoping.task_assignment (task_id, unit_id)
        ON UPDATE CASCADE ON DELETE CASCADE
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

-- 节点核验 milestone_check
CREATE TABLE kaoping.milestone_check (
    milestone_id text NOT NULL REFERENCES kaoping.milestone ON UPDATE CASCADE ON DELETE CASCADE,
    checked_on date NOT NULL,
    state text NOT NULL CHECK (state IN ('done', 'late', 'missed')),
    evidence text,
    offline boolean NOT NULL DEFAULT false,
    PRIMARY KEY (milestone_id, checked_on),
    CONSTRAINT milestone_check_classified CHECK (NOT offline OR evidence IS NULL)
);
COMMENT ON TABLE kaoping.milestone_check IS '节点核验 The office''s check of a milestone''s evidence (R3): done, late or missed; late, missed, or no done check by the period''s end deducts (R8)';
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
    FOREIGN KEY (unit_id, unit_kind) REFERENCES kaoping.unit (unit_id, kind) ON UPDATE CASCADE,
    CONSTRAINT indicator_category_kind CHECK ((category = 'city') = (unit_kind = 'city')),
    CONSTRAINT indicator_target CHECK (method <> 'completion' OR target IS NOT NULL),
    CONSTRAINT indicator_thresholds CHECK (
        (satisfactory IS NULL AND unallowable IS NULL)
        OR (satisfactory IS NOT NULL AND unallowable IS NOT NULL AND satisfactory <> unallowable)),
    CONSTRAINT indicator_common_for_all CHECK (category <> 'common' OR unit_id IS NULL)
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

-- 指标结果 indicator_result
CREATE TABLE kaoping.indicator_result (
    indicator_id text NOT NULL REFERENCES kaoping.indicator ON UPDATE CASCADE ON DELETE CASCADE,
    unit_id text NOT NULL REFERENCES kaoping.unit ON UPDATE CASCADE,
    period text NOT NULL CHECK (period IN ('H1', 'Y')),
    actual numeric CHECK (actual > '-Infinity' AND actual < 'Infinity'),
    deduction numeric CHECK (deduction >= 0 AND deduction < 'Infinity'),
    PRIMARY KEY (indicator_id, unit_id, period)
);
COMMENT ON TABLE kaoping.indicator_result IS '指标结果 A unit''s result on an indicator for a period (R19): the actual value, or the points deducted';
COMMENT ON COLUMN kaoping.indicator_result.indicator_id IS '指标 The indicator';
COMMENT ON COLUMN kaoping.indicator_result.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.indicator_result.period IS '考评期 H1 (to 30 June) or Y (the year)';
COMMENT ON COLUMN kaoping.indicator_result.actual IS '实际值 Actual value (efficacy, completion) or the score itself (given, 0–100)';
COMMENT ON COLUMN kaoping.indicator_result.deduction IS '扣分 Points deducted (deduction method, R8), 0 or more';

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
COMMENT ON TABLE kaoping.evaluation IS '综合评价 An evaluator''s rank of a unit (按比例排序评价, R12, R13): each ranking covers the active units of one kind, each once, ranks 1..n';
COMMENT ON COLUMN kaoping.evaluation.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.evaluation.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.evaluation.evaluator_group IS '评价主体 leader (省政府领导), office (领导小组办公室) or peer (departments rank cities, cities rank departments)';
COMMENT ON COLUMN kaoping.evaluation.evaluator IS '评价人 Who ranks: a leader, the office, or for peers the unit_id of the ranking unit';
COMMENT ON COLUMN kaoping.evaluation.unit_id IS '被评单位 The unit ranked';
COMMENT ON COLUMN kaoping.evaluation.unit_kind IS '被评类别 Kind of the units of this ranking; filled from the unit when not given';
COMMENT ON COLUMN kaoping.evaluation.rank IS '名次 1 is best; at most the number of active units of the kind';

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
    CONSTRAINT adjustment_rule_kind CHECK (
        (points IS NOT NULL)::int + (min_points IS NOT NULL AND max_points IS NOT NULL)::int + from_funding::int = 1),
    CONSTRAINT adjustment_rule_range CHECK (min_points IS NULL OR max_points >= min_points),
    CONSTRAINT adjustment_rule_penalty_uncapped CHECK (points > 0 OR points IS NULL OR group_cap IS NULL)
);
COMMENT ON TABLE kaoping.adjustment_rule IS '加减分规则 The bonus and penalty rules of SPEC §5 (B1a … P6c, filled by CREATE EXTENSION and kept by it) and any the province adds: fixed points each, a judged range (B4), or a share of funding (B3)';
COMMENT ON COLUMN kaoping.adjustment_rule.rule_code IS '规则编号 Code, e.g. B1b';
COMMENT ON COLUMN kaoping.adjustment_rule.name IS '事项 What earns or costs the points';
COMMENT ON COLUMN kaoping.adjustment_rule.points IS '分值 Points per event: positive a bonus, negative a penalty; NULL for judged and funding rules';
COMMENT ON COLUMN kaoping.adjustment_rule.rule_group IS '累计组 Group whose bonus points share a cap (B6a and B6b share B6)';
COMMENT ON COLUMN kaoping.adjustment_rule.group_cap IS '累计上限 Cap of the group''s bonus points, NULL for none (R14)';
COMMENT ON COLUMN kaoping.adjustment_rule.min_points IS '最低分 Lowest judged points (B4: 0.1, R15)';
COMMENT ON COLUMN kaoping.adjustment_rule.max_points IS '最高分 Highest judged points (B4: 0.2, R15)';
COMMENT ON COLUMN kaoping.adjustment_rule.from_funding IS '按资金比例 Points shared by funding secured (B3, R14)';
COMMENT ON COLUMN kaoping.adjustment_rule.builtin IS '内置 One of SPEC §5''s rules, created with the extension; add a rule of your own to change one';

-- 加减分事项 adjustment
CREATE TABLE kaoping.adjustment (
    adjustment_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    cycle_id text NOT NULL REFERENCES kaoping.cycle ON UPDATE CASCADE,
    unit_id text NOT NULL REFERENCES kaoping.unit ON UPDATE CASCADE,
    rule_code text NOT NULL REFERENCES kaoping.adjustment_rule ON UPDATE CASCADE,
    occurred_on date NOT NULL,
    points numeric CHECK (points > 0 AND points < 'Infinity'),
    evidence text,
    note text
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
    PRIMARY KEY (cycle_id, period, unit_id)
);
COMMENT ON TABLE kaoping.funding IS '争取资金 National funds, projects or policies a unit secured, for B3 (R14): the most earns funding_top points, the others in proportion, within each kind';
COMMENT ON COLUMN kaoping.funding.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.funding.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.funding.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.funding.amount IS '金额 Amount secured, in yuan, 0 or more';
-- The bonus and penalty rules of SPEC §5, as the extension's own rows.
INSERT INTO kaoping.adjustment_rule
    (rule_code, name, points, rule_group, group_cap, min_points, max_points, from_funding, builtin)
VALUES
    ('B1a', '受到党中央、国务院综合性表彰奖励或通报表扬 central comprehensive commendation', 1, 'B1a', NULL, NULL, NULL, false, true),
    ('B1b', '受到党中央、国务院单项表彰奖励或通报表扬 central single-item commendation', 0.2, 'B1b', 0.4, NULL, NULL, false, true),
    ('B1c', '受到党中央、国务院领导明确批示表扬 written praise by a central leader', 0.3, 'B1c', 0.6, NULL, NULL, false, true),
    ('B2a', '受到省委、省政府或国家有关部门综合性表彰 provincial or ministry comprehensive commendation', 0.5, 'B2a', NULL, NULL, NULL, false, true),
    ('B2b', '受到省委、省政府或国家有关部门单项表彰 provincial or ministry single-item commendation', 0.1, 'B2b', 0.2, NULL, NULL, false, true),
    ('B2c', '受到省委、省政府主要领导明确批示表扬 written praise by a principal provincial leader', 0.2, 'B2c', 0.4, NULL, NULL, false, true),
    ('B3', '主动争取国家资金、项目、政策支持 national funds, projects or policies secured', NULL, 'B3', NULL, NULL, NULL, true, true),
    ('B4a', '承担任务较少但积极参与、成效显著 few or no tasks, but active and effective', NULL, 'B4a', NULL, 0.1, 0.2, false, true),
    ('B4b', '落实宣传工作实施方案成效显著 publicity plan carried out with marked effect', NULL, 'B4b', NULL, 0.1, 0.2, false, true),
    ('B5', '创新工作以国家或部委文件形式在全国推广 innovation promoted nationwide', 0.5, 'B5', NULL, NULL, NULL, false, true),
    ('B6a', '综合性工作在全国系统中排前五名 national top five, comprehensive work', 0.5, 'B6', 0.5, NULL, NULL, false, true),
    ('B6b', '单项工作在全国系统中排前五名 national top five, single item', 0.1, 'B6', 0.5, NULL, NULL, false, true),
    ('P1a', '受到党中央、国务院通报批评 central circular of criticism', -2, 'P1a', NULL, NULL, NULL, false, true),
    ('P1b', '受到党中央、国务院领导批示批评 critical written instruction by a central leader', -1, 'P1b', NULL, NULL, NULL, false, true),
    ('P2a', '受到省委、省政府或国家有关部门通报批评 provincial or ministry circular of criticism', -1, 'P2a', NULL, NULL, NULL, false, true),
    ('P2b', '受到省委、省政府主要领导批示批评 critical instruction by a principal provincial leader', -1, 'P2b', NULL, NULL, NULL, false, true),
    ('P2c', '受到其他省领导批示批评 critical instruction by another provincial leader', -0.5, 'P2c', NULL, NULL, NULL, false, true),
    ('P3', '发现庸、懒、散、慢、拖等慢作为不作为 sloth or inaction found in inspections', -0.2, 'P3', NULL, NULL, NULL, false, true),
    ('P4', '发现虚报、瞒报、弄虚作假 false or concealed reporting', -1, 'P4', NULL, NULL, NULL, false, true),
    ('P5', '破坏营商环境建设影响较大 serious harm to the business environment', -1, 'P5', NULL, NULL, NULL, false, true),
    ('P6a', '发生较大安全事故 larger accident', -1, 'P6a', NULL, NULL, NULL, false, true),
    ('P6b', '发生重大安全事故 major accident', -2, 'P6b', NULL, NULL, NULL, false, true),
    ('P6c', '发生特大安全事故 especially major accident', -3, 'P6c', NULL, NULL, NULL, false, true);
-- Rules that span rows, enforced by triggers.  Each trigger function names
-- every object with its schema and pins search_path, so nothing a user puts
-- on the path is ever called.

-- A new cycle gets its policy row with the plan's defaults.
CREATE FUNCTION kaoping.cycle_add_policy() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO kaoping.policy (cycle_id) VALUES (NEW.cycle_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.cycle_add_policy() IS 'trigger: gives a new cycle its policy row with the plan''s defaults';
CREATE TRIGGER cycle_add_policy AFTER INSERT ON kaoping.cycle
    FOR EACH ROW EXECUTE FUNCTION kaoping.cycle_add_policy();

-- A policy row given for a cycle (by a loader, or by pg_restore after the
-- cycle's own defaults) replaces the defaults rather than clashing with them.
CREATE FUNCTION kaoping.policy_replace_defaults() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
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
    IF NEW.unit_kind IS NULL THEN
        SELECT kind INTO NEW.unit_kind FROM kaoping.unit WHERE unit_id = NEW.unit_id;
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.evaluation_fill_kind() IS 'trigger: fills an evaluation''s unit_kind from its unit';
CREATE TRIGGER evaluation_fill_kind BEFORE INSERT OR UPDATE ON kaoping.evaluation
    FOR EACH ROW EXECUTE FUNCTION kaoping.evaluation_fill_kind();

-- An evaluator ranks the active units of one kind, ranks 1..n (R12, R13).
-- Checked once per statement over the rows it wrote, so that loading a
-- province's rankings counts the units once, not once a row.
CREATE FUNCTION kaoping.evaluation_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bad record;
BEGIN
    SELECT r.unit_id INTO bad
    FROM written r JOIN kaoping.unit u ON u.unit_id = r.unit_id
    WHERE NOT u.active LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit % is not active and cannot be ranked', bad.unit_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Only active units are assessed; rank the active units of the kind.';
    END IF;
    SELECT r.rank, coalesce(n.units, 0) AS units, r.unit_kind INTO bad
    FROM written r
    LEFT JOIN (SELECT kind, count(*) AS units FROM kaoping.unit WHERE active GROUP BY kind) n
           ON n.kind = r.unit_kind
    WHERE r.rank > coalesce(n.units, 0) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'rank % is outside 1..% (active % units)', bad.rank, bad.units, bad.unit_kind
            USING ERRCODE = 'numeric_value_out_of_range',
                  HINT = 'Every evaluator ranks each active unit of the kind once, from 1 to n.';
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
COMMENT ON FUNCTION kaoping.evaluation_check() IS 'trigger: the rows a statement wrote rank active units within 1..n of their kind, and a peer evaluator is a unit of the other kind';
CREATE TRIGGER evaluation_check_insert AFTER INSERT ON kaoping.evaluation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_check();
CREATE TRIGGER evaluation_check_update AFTER UPDATE ON kaoping.evaluation
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION kaoping.evaluation_check();

-- Points of an event come from its rule; judged rules take them within
-- their range, never clamped (R15); B3 comes from funding.
CREATE FUNCTION kaoping.adjustment_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    rule kaoping.adjustment_rule;
BEGIN
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
    RETURN NEW;
END $$;
COMMENT ON FUNCTION kaoping.adjustment_check() IS 'trigger: judged points lie within their rule''s range (R15), fixed rules take none, B3 takes no events';
CREATE TRIGGER adjustment_check BEFORE INSERT OR UPDATE ON kaoping.adjustment
    FOR EACH ROW EXECUTE FUNCTION kaoping.adjustment_check();

-- The rules of SPEC §5 stay as the extension made them.
CREATE FUNCTION kaoping.adjustment_rule_keep_builtin() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF OLD.builtin OR (TG_OP = 'UPDATE' AND NEW.builtin) THEN
        RAISE EXCEPTION 'rule % belongs to the plan and cannot be changed', OLD.rule_code
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Add a rule with a code of your own instead.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION kaoping.adjustment_rule_keep_builtin() IS 'trigger: the built-in rules of SPEC §5 cannot be changed or deleted';
CREATE TRIGGER adjustment_rule_keep_builtin BEFORE UPDATE OR DELETE ON kaoping.adjustment_rule
    FOR EACH ROW EXECUTE FUNCTION kaoping.adjustment_rule_keep_builtin();

-- A result belongs to a unit the indicator applies to; a given score is 0..100.
CREATE FUNCTION kaoping.indicator_result_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ind kaoping.indicator;
    unit_kind text;
BEGIN
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
-- A province's data is dumped by pg_dump with the extension; the built-in
-- rules are made again by CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.policy', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.unit', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.task', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.task_assignment', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.milestone', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.milestone_check', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator_result', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.evaluation', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment_rule', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment_adjustment_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.funding', '');
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

-- 考评对象 Every active unit in every period of every cycle.
CREATE VIEW kaoping.assessed_unit AS
SELECT cp.cycle_id, cp.period, cp.period_end, u.unit_id, u.kind, u.name
FROM kaoping.cycle_period cp
CROSS JOIN kaoping.unit u
WHERE u.active;
COMMENT ON VIEW kaoping.assessed_unit IS '考评对象 Each active unit, in each period of each cycle (R1)';
COMMENT ON COLUMN kaoping.assessed_unit.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.assessed_unit.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.assessed_unit.period_end IS '截止日期 Last day of the period';
COMMENT ON COLUMN kaoping.assessed_unit.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.assessed_unit.kind IS '类别 city or department';
COMMENT ON COLUMN kaoping.assessed_unit.name IS '名称 Its name';

-- 指标得分 Each result's score by its indicator's method (R6–R8).
CREATE VIEW kaoping.indicator_score AS
SELECT r.indicator_id, i.cycle_id, r.period, r.unit_id, i.unit_kind, i.category, i.name, i.method,
       i.weight, r.actual, r.deduction,
       CASE i.method
           WHEN 'efficacy' THEN
               CASE WHEN i.satisfactory IS NOT NULL
                    THEN kaoping.efficacy_score(r.actual, i.unallowable, i.satisfactory,
                                                p.efficacy_base, p.efficacy_span, i.clamp)
                    ELSE kaoping.peer_efficacy_score(r.actual, i.higher_is_better,
                                                     p.efficacy_base, p.efficacy_span)
                             OVER (PARTITION BY r.indicator_id, r.period)
               END
           WHEN 'completion' THEN kaoping.completion_score(r.actual, i.target, i.max_ratio, i.higher_is_better)
           WHEN 'deduction' THEN (SELECT kaoping.deduction_score(d) FROM (VALUES (coalesce(r.deduction, 0))) AS v (d))
           WHEN 'given' THEN r.actual
       END AS score
FROM kaoping.indicator_result r
JOIN kaoping.indicator i ON i.indicator_id = r.indicator_id
JOIN kaoping.policy p ON p.cycle_id = i.cycle_id;
COMMENT ON VIEW kaoping.indicator_score IS '指标得分 A unit''s score on an indicator in a period: efficacy against fixed thresholds or the peers of the indicator in the period (R6), completion (R7), deduction (R8), or the score given';
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
       EXISTS (SELECT FROM kaoping.milestone_check c
               WHERE c.milestone_id = m.milestone_id AND c.checked_on <= cp.period_end
                 AND c.state IN ('late', 'missed'))
       OR NOT EXISTS (SELECT FROM kaoping.milestone_check c
                      WHERE c.milestone_id = m.milestone_id AND c.checked_on <= cp.period_end
                        AND c.state = 'done') AS deducts
FROM kaoping.milestone m
JOIN kaoping.task t ON t.task_id = m.task_id
JOIN kaoping.cycle_period cp ON cp.cycle_id = t.cycle_id AND m.due_on <= cp.period_end;
COMMENT ON VIEW kaoping.milestone_status IS '节点扣分 Each milestone due by the end of a period: it deducts its points if a check found it late or missed, or no check found it done, by the period''s end (R8)';
COMMENT ON COLUMN kaoping.milestone_status.milestone_id IS '节点 The milestone';
COMMENT ON COLUMN kaoping.milestone_status.task_id IS '任务 Its task';
COMMENT ON COLUMN kaoping.milestone_status.unit_id IS '部门 The department that owes it';
COMMENT ON COLUMN kaoping.milestone_status.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.milestone_status.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.milestone_status.due_on IS '完成时限 Due date';
COMMENT ON COLUMN kaoping.milestone_status.deduction IS '扣分 Points it deducts if not done on time and to standard';
COMMENT ON COLUMN kaoping.milestone_status.deducts IS '是否扣分 Whether it deducts in this period';

-- 任务得分 Each department's direct-deduction score on each of its tasks (R8, R11).
CREATE VIEW kaoping.task_score AS
SELECT a.task_id, t.cycle_id, cp.period, a.unit_id, a.role,
       count(ms.milestone_id)::integer AS milestones_due,
       (count(ms.milestone_id) FILTER (WHERE ms.deducts))::integer AS milestones_deducting,
       coalesce(kaoping.deduction_score(CASE WHEN ms.deducts THEN ms.deduction ELSE 0 END), 100) AS score
FROM kaoping.task_assignment a
JOIN kaoping.task t ON t.task_id = a.task_id
JOIN kaoping.cycle_period cp ON cp.cycle_id = t.cycle_id
LEFT JOIN kaoping.milestone_status ms
       ON ms.task_id = a.task_id AND ms.unit_id = a.unit_id AND ms.period = cp.period
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
          SELECT cycle_id, period, unit_id, score, weight FROM kaoping.indicator_score
          WHERE unit_kind = 'department' AND category = 'task') AS s
    GROUP BY cycle_id, period, unit_id
),
category_part AS (
    SELECT cycle_id, period, unit_id,
           kaoping.weighted_mean(score, weight) FILTER (WHERE category = 'policy') AS policy_score,
           kaoping.weighted_mean(score, weight) FILTER (WHERE category = 'common') AS common_score
    FROM kaoping.indicator_score
    WHERE unit_kind = 'department'
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
COMMENT ON VIEW kaoping.department_score IS '部门指标考核 A department''s indicator score (R11): individual (task completion × 0.9 + policy × 0.1 + workload bonus) × 0.9 + common × 0.1, weights from policy; a missing part leaves it NULL';
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
LEFT JOIN kaoping.indicator_score s
       ON s.cycle_id = au.cycle_id AND s.period = au.period AND s.unit_id = au.unit_id
WHERE au.kind = 'city'
GROUP BY au.cycle_id, au.period, au.unit_id;
COMMENT ON VIEW kaoping.city_score IS '城市指标考核 A city''s indicator score: the weighted mean of all its indicators'' scores (R9, R10)';
COMMENT ON COLUMN kaoping.city_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.city_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.city_score.unit_id IS '城市 The city';
COMMENT ON COLUMN kaoping.city_score.indicator_score IS '指标考核 Weighted mean of its indicator scores';

-- 排序得分 Each evaluator's rank of a unit as a score (R13).
CREATE VIEW kaoping.evaluation_score AS
SELECT e.cycle_id, e.period, e.evaluator_group, e.evaluator, e.unit_kind, e.unit_id, e.rank,
       count(*) OVER w AS ranked,
       kaoping.rank_score(e.rank, (count(*) OVER w)::integer, p.rank_top, p.rank_bottom) AS score
FROM kaoping.evaluation e
JOIN kaoping.policy p ON p.cycle_id = e.cycle_id
WINDOW w AS (PARTITION BY e.cycle_id, e.period, e.evaluator, e.unit_kind);
COMMENT ON VIEW kaoping.evaluation_score IS '排序得分 An evaluator''s rank of a unit as a score: rank 1 of n scores rank_top, rank n rank_bottom (R13)';
COMMENT ON COLUMN kaoping.evaluation_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.evaluation_score.period IS '考评期 H1 or Y';
COMMENT ON COLUMN kaoping.evaluation_score.evaluator_group IS '评价主体 leader, office or peer';
COMMENT ON COLUMN kaoping.evaluation_score.evaluator IS '评价人 Who ranked';
COMMENT ON COLUMN kaoping.evaluation_score.unit_kind IS '类别 Kind of the units ranked';
COMMENT ON COLUMN kaoping.evaluation_score.unit_id IS '被评单位 The unit';
COMMENT ON COLUMN kaoping.evaluation_score.rank IS '名次 Its rank';
COMMENT ON COLUMN kaoping.evaluation_score.ranked IS '排序单位数 n, the units this evaluator ranked';
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
JOIN kaoping.adjustment_rule r ON r.rule_code = a.rule_code
JOIN kaoping.cycle_period cp ON cp.cycle_id = a.cycle_id AND a.occurred_on <= cp.period_end
UNION ALL
SELECT f.cycle_id, f.period, f.unit_id, r.rule_code, r.rule_group, r.group_cap,
       kaoping.proportional_share(f.amount, p.funding_top) OVER (PARTITION BY f.cycle_id, f.period, u.kind, r.rule_code),
       NULL, NULL
FROM kaoping.funding f
JOIN kaoping.unit u ON u.unit_id = f.unit_id
JOIN kaoping.policy p ON p.cycle_id = f.cycle_id
JOIN kaoping.adjustment_rule r ON r.from_funding;
COMMENT ON VIEW kaoping.adjustment_points IS '加减分明细 Each bonus or penalty of a unit in a period: an event''s points (judged ones as judged), and B3 shared by funding within the kind (R14)';
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

-- 考评结果 The result of each unit in each period (SPEC §8).
CREATE VIEW kaoping.unit_score AS
WITH scored AS (
    SELECT au.cycle_id, au.period, au.unit_id, au.kind, au.name,
           CASE au.kind WHEN 'city' THEN cs.indicator_score ELSE ds.indicator_score END AS indicator_score,
           ds.individual_score, ds.common_score,
           c.comprehensive_score, a.adjustment,
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
           (SELECT kaoping.weighted_score(s, w)
            FROM (VALUES (indicator_score, indicator_weight), (comprehensive_score, comprehensive_weight)) AS v (s, w)
            WHERE w > 0) + adjustment AS total
    FROM scored
),
ranked AS (
    SELECT cycle_id, period, unit_id,
           rank() OVER w::integer AS rank,
           kaoping.quota_grade(grade_labels, grade_quotas) OVER w AS grade
    FROM totalled
    WHERE total IS NOT NULL
    WINDOW w AS (PARTITION BY cycle_id, period, kind ORDER BY round(total, report_scale) DESC)
)
SELECT t.cycle_id, t.period, t.unit_id, t.kind, t.name,
       t.indicator_score, t.individual_score, t.common_score,
       t.comprehensive_score, t.adjustment, t.total, r.rank, r.grade
FROM totalled t
LEFT JOIN ranked r USING (cycle_id, period, unit_id);
COMMENT ON VIEW kaoping.unit_score IS '考评结果 Each active unit''s result in each period (SPEC §8): indicator × 0.7 + comprehensive × 0.3 + adjustment (R16), ranked within its kind with ties sharing a rank (R17) and graded by quota (R18); NULL where an input is missing (see kaoping.completeness)';
COMMENT ON COLUMN kaoping.unit_score.cycle_id IS '周期 The cycle';
COMMENT ON COLUMN kaoping.unit_score.period IS '考评期 H1 (mid-year, circulated) or Y (final)';
COMMENT ON COLUMN kaoping.unit_score.unit_id IS '单位 The unit';
COMMENT ON COLUMN kaoping.unit_score.kind IS '类别 city or department';
COMMENT ON COLUMN kaoping.unit_score.name IS '名称 Its name';
COMMENT ON COLUMN kaoping.unit_score.indicator_score IS '指标考核 Indicator score (R10, R11)';
COMMENT ON COLUMN kaoping.unit_score.individual_score IS '个性指标 Department: individual score (R11); NULL for cities';
COMMENT ON COLUMN kaoping.unit_score.common_score IS '共性指标 Department: common score (R11); NULL for cities';
COMMENT ON COLUMN kaoping.unit_score.comprehensive_score IS '综合评价 Comprehensive evaluation (R12, R13)';
COMMENT ON COLUMN kaoping.unit_score.adjustment IS '加减分 Bonus and penalty points (R14)';
COMMENT ON COLUMN kaoping.unit_score.total IS '综合考评得分 Total (R16), exact';
COMMENT ON COLUMN kaoping.unit_score.rank IS '排名 Rank within its kind by the total at report_scale decimals; equal totals share a rank (1 2 2 4, R17)';
COMMENT ON COLUMN kaoping.unit_score.grade IS '等次 Grade by quota (R18)';
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
