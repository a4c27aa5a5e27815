-- The bonus and penalty rules of the plan (doc/rules.md §5), as the extension's own rows.
INSERT INTO kaoping.adjustment_rule
    (rule_code, name, points, rule_group, group_cap, min_points, max_points, from_funding, unit_kind, once_per_cycle, builtin)
VALUES
    ('B1a', '受到党中央、国务院综合性表彰奖励或通报表扬 central comprehensive commendation', 1, 'B1a', NULL, NULL, NULL, false, NULL, false, true),
    ('B1b', '受到党中央、国务院单项表彰奖励或通报表扬 central single-item commendation', 0.2, 'B1b', 0.4, NULL, NULL, false, NULL, false, true),
    ('B1c', '受到党中央、国务院领导明确批示表扬 written praise by a central leader', 0.3, 'B1c', 0.6, NULL, NULL, false, NULL, false, true),
    ('B2a', '受到省委、省政府或国家有关部门综合性表彰 provincial or ministry comprehensive commendation', 0.5, 'B2a', NULL, NULL, NULL, false, NULL, false, true),
    ('B2b', '受到省委、省政府或国家有关部门单项表彰 provincial or ministry single-item commendation', 0.1, 'B2b', 0.2, NULL, NULL, false, NULL, false, true),
    ('B2c', '受到省委、省政府主要领导明确批示表扬 written praise by a principal provincial leader', 0.2, 'B2c', 0.4, NULL, NULL, false, NULL, false, true),
    ('B3', '主动争取国家资金、项目、政策支持 national funds, projects or policies secured', NULL, 'B3', NULL, NULL, NULL, true, 'department', false, true),
    ('B4a', '承担任务较少但积极参与、成效显著 few or no tasks, but active and effective', NULL, 'B4a', NULL, 0.1, 0.2, false, 'department', true, true),
    ('B4b', '落实宣传工作实施方案成效显著 publicity plan carried out with marked effect', NULL, 'B4b', NULL, 0.1, 0.2, false, 'department', true, true),
    ('B5', '创新工作以国家或部委文件形式在全国推广 innovation promoted nationwide', 0.5, 'B5', NULL, NULL, NULL, false, NULL, false, true),
    ('B6a', '综合性工作在全国系统中排前五名 national top five, comprehensive work', 0.5, 'B6', 0.5, NULL, NULL, false, 'department', false, true),
    ('B6b', '单项工作在全国系统中排前五名 national top five, single item', 0.1, 'B6', 0.5, NULL, NULL, false, 'department', false, true),
    ('P1a', '受到党中央、国务院通报批评 central circular of criticism', -2, 'P1a', NULL, NULL, NULL, false, NULL, false, true),
    ('P1b', '受到党中央、国务院领导批示批评 critical written instruction by a central leader', -1, 'P1b', NULL, NULL, NULL, false, NULL, false, true),
    ('P2a', '受到省委、省政府或国家有关部门通报批评 provincial or ministry circular of criticism', -1, 'P2a', NULL, NULL, NULL, false, NULL, false, true),
    ('P2b', '受到省委、省政府主要领导批示批评 critical instruction by a principal provincial leader', -1, 'P2b', NULL, NULL, NULL, false, NULL, false, true),
    ('P2c', '受到其他省领导批示批评 critical instruction by another provincial leader', -0.5, 'P2c', NULL, NULL, NULL, false, NULL, false, true),
    ('P3', '发现庸、懒、散、慢、拖等慢作为不作为 sloth or inaction found in inspections', -0.2, 'P3', NULL, NULL, NULL, false, NULL, false, true),
    ('P4', '发现虚报、瞒报、弄虚作假 false or concealed reporting', -1, 'P4', NULL, NULL, NULL, false, NULL, false, true),
    ('P5', '破坏营商环境建设影响较大 serious harm to the business environment', -1, 'P5', NULL, NULL, NULL, false, NULL, false, true),
    ('P6a', '发生较大安全事故 larger accident', -1, 'P6a', NULL, NULL, NULL, false, NULL, false, true),
    ('P6b', '发生重大安全事故 major accident', -2, 'P6b', NULL, NULL, NULL, false, NULL, false, true),
    ('P6c', '发生特大安全事故 especially major accident', -3, 'P6c', NULL, NULL, NULL, false, NULL, false, true);
