-- A demo province: cycle 2018 of Liaoning, generated deterministically
-- (no random(): every "draw" is a hash of names, so each run is the same).
-- 14 cities by their real names, 53 departments, 180 target tasks with a
-- lead and responsible departments, quarterly milestones with checks (some
-- late or missed), city indicators of every method, the nine common
-- indicators, the policy indicators, complete rankings by every evaluator
-- of the three groups, and bonus and penalty events of every rule.
--
-- psql -v scale=N makes N provinces' worth of units, tasks and milestones
-- in the one cycle (test/bench/assessment.sh); the default is one.
\if :{?scale}
\else
\set scale 1
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kaoping;

-- a deterministic draw in [0, 1) from any text
CREATE FUNCTION pg_temp.draw(VARIADIC parts text[]) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
  SELECT (('x' || substr(md5(array_to_string(parts, '|')), 1, 8))::bit(32)::bigint % 1000000) / 1000000.0
$$;

INSERT INTO kaoping.cycle (cycle_id, year, title)
VALUES ('2018', 2018, '2018年省政府“重实干、强执行、抓落实”专项行动绩效考评');

-- unit codes of copy p > 1 of the province end in -p
CREATE FUNCTION pg_temp.copy_suffix(p int) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN p = 1 THEN '' ELSE '-' || p END $$;

INSERT INTO kaoping.unit (unit_id, kind, name)
SELECT 'city' || lpad(n::text, 2, '0') || pg_temp.copy_suffix(p), 'city', name || '市' || pg_temp.copy_suffix(p)
FROM unnest(ARRAY['沈阳', '大连', '鞍山', '抚顺', '本溪', '丹东', '锦州', '营口', '阜新', '辽阳',
                  '盘锦', '铁岭', '朝阳', '葫芦岛']) WITH ORDINALITY AS c (name, n),
     generate_series(1, :scale) p;

INSERT INTO kaoping.unit (unit_id, kind, name)
SELECT 'dept' || lpad(n::text, 2, '0') || pg_temp.copy_suffix(p), 'department', name || pg_temp.copy_suffix(p)
FROM generate_series(1, :scale) p, unnest(ARRAY[
  '省政府办公厅', '省发展改革委', '省教育厅', '省科技厅', '省工业和信息化厅', '省民族宗教委', '省公安厅',
  '省民政厅', '省司法厅', '省财政厅', '省人力资源社会保障厅', '省自然资源厅', '省生态环境厅',
  '省住房城乡建设厅', '省交通运输厅', '省水利厅', '省农业农村厅', '省商务厅', '省文化和旅游厅',
  '省卫生健康委', '省退役军人事务厅', '省应急管理厅', '省审计厅', '省外办', '省国资委',
  '省市场监管局', '省广播电视局', '省体育局', '省统计局', '省医疗保障局', '省林业和草原局',
  '省地方金融监管局', '省营商环境建设监督局', '省信访局', '省粮食和物资储备局', '省能源局',
  '省药品监管局', '省知识产权局', '省扶贫办', '省机关事务管理局', '省人防办', '省政府研究室',
  '省政府法制办', '省综治办', '省保密局', '省档案局', '省地质矿产勘查局', '省供销社', '省科学院',
  '省社会科学院', '省农业科学院', '省监狱管理局', '省通信管理局']) WITH ORDINALITY AS d (name, n);
-- the cycle's roster: every unit (R1a).  Loading the units after the
-- cycle puts them on it already; a restore (kaoping.restore = on) brings
-- it as a dump would, and then it is written here.
INSERT INTO kaoping.cycle_unit (cycle_id, unit_id)
SELECT '2018', unit_id FROM kaoping.unit
ON CONFLICT DO NOTHING;
ANALYZE kaoping.unit, kaoping.cycle_unit;

-- 180 target tasks, each with a lead department and one to three responsible ones
INSERT INTO kaoping.task (task_id, cycle_id, title)
SELECT 'T' || lpad(i::text, 3, '0') || pg_temp.copy_suffix(p), '2018', '专项行动目标任务第' || i || '项'
FROM generate_series(1, 180) i, generate_series(1, :scale) p;

INSERT INTO kaoping.task_assignment (task_id, unit_id, role)
SELECT DISTINCT ON (task_id, unit_id) task_id, unit_id, role
FROM (SELECT 'T' || lpad(i::text, 3, '0') || pg_temp.copy_suffix(p) AS task_id,
             'dept' || lpad((1 + (i * 7 + k * 17 + (i % 5) * (k + 1)) % 53)::text, 2, '0')
                 || pg_temp.copy_suffix(p) AS unit_id,
             CASE k WHEN 0 THEN 'lead' ELSE 'responsible' END AS role, k
      FROM generate_series(1, 180) i, generate_series(0, 3) k, generate_series(1, :scale) p
      WHERE k <= 1 + (i % 3)) a
ORDER BY task_id, unit_id, k;

-- quarterly milestones for every department of every task
INSERT INTO kaoping.milestone (milestone_id, task_id, unit_id, due_on, standard, office, person, deduction)
SELECT a.task_id || '-' || a.unit_id || '-Q' || q, a.task_id, a.unit_id,
       make_date(2018, 3 * q, CASE q WHEN 1 THEN 31 WHEN 2 THEN 30 WHEN 3 THEN 30 ELSE 31 END),
       '第' || q || '季度节点目标', '综合处', '处长', CASE WHEN q = 4 THEN 2 ELSE 1 END
FROM kaoping.task_assignment a, generate_series(1, 4) q;

-- checks: most done on time; some late, some missed, a few never checked;
-- classified evidence handed over offline.  The work is checked a week
-- after it was completed (December's in January, R8a).
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, evidence, offline, completed_on)
SELECT milestone_id, due_on + CASE WHEN state = 'late' THEN 17 WHEN state = 'missed' THEN 7 ELSE 5 END, state,
       CASE WHEN offline THEN NULL ELSE 'evidence/' || milestone_id || '.pdf' END, offline,
       CASE state WHEN 'late' THEN due_on + 10 WHEN 'done' THEN due_on - 2 END
FROM (SELECT m.milestone_id, m.due_on,
             CASE WHEN d < 0.06 THEN 'late' WHEN d < 0.09 THEN 'missed' ELSE 'done' END AS state,
             pg_temp.draw(m.milestone_id, 'offline') < 0.05 AS offline, d
      FROM kaoping.milestone m, LATERAL (SELECT pg_temp.draw(m.milestone_id, 'check') AS d) x) c
WHERE d >= 0.03;

-- city indicators of all three methods
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight,
                               higher_is_better, target, satisfactory, unallowable, max_ratio)
VALUES ('C01', '2018', 'city', 'city', '地区生产总值增速', 'efficacy', 0.20, true, NULL, NULL, NULL, 1),
       ('C02', '2018', 'city', 'city', '一般公共预算收入增速', 'efficacy', 0.15, true, NULL, NULL, NULL, 1),
       ('C03', '2018', 'city', 'city', '单位地区生产总值能耗', 'efficacy', 0.10, false, NULL, 0.55, 0.95, 1),
       ('C04', '2018', 'city', 'city', '城镇新增就业人数', 'completion', 0.15, true, 60000, NULL, NULL, 1),
       ('C05', '2018', 'city', 'city', '实际利用外资', 'completion', 0.10, true, 500000, NULL, NULL, 1.2),
       ('C06', '2018', 'city', 'city', '城镇登记失业率', 'completion', 0.05, false, 4.2, NULL, NULL, 1),
       ('C07', '2018', 'city', 'city', '安全生产', 'deduction', 0.15, true, NULL, NULL, NULL, 1),
       ('C08', '2018', 'city', 'city', '环境保护', 'deduction', 0.10, true, NULL, NULL, NULL, 1);

INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction)
SELECT i.indicator_id, u.unit_id, p.period,
       CASE i.indicator_id
           WHEN 'C01' THEN round(4 + 4 * pg_temp.draw(u.unit_id, p.period, 'gdp'), 1)
           WHEN 'C02' THEN round(-2 + 12 * pg_temp.draw(u.unit_id, p.period, 'revenue'), 1)
           WHEN 'C03' THEN round(0.50 + 0.50 * pg_temp.draw(u.unit_id, 'energy'), 2)
           WHEN 'C04' THEN round((CASE p.period WHEN 'H1' THEN 0.5 ELSE 1 END)
                                 * (40000 + 30000 * pg_temp.draw(u.unit_id, p.period, 'jobs')))
           WHEN 'C05' THEN round((CASE p.period WHEN 'H1' THEN 0.5 ELSE 1 END)
                                 * (250000 + 400000 * pg_temp.draw(u.unit_id, p.period, 'fdi')))
           WHEN 'C06' THEN round(3.5 + 1.2 * pg_temp.draw(u.unit_id, p.period, 'unemployment'), 2)
       END,
       CASE WHEN i.method = 'deduction'
            THEN floor(6 * pg_temp.draw(u.unit_id, p.period, i.indicator_id))::numeric / 2 END
FROM kaoping.indicator i
JOIN kaoping.unit u ON u.kind = 'city'
CROSS JOIN (VALUES ('H1'), ('Y')) p (period)
WHERE i.unit_kind = 'city';

-- departments: policy implementation (deduction) and the nine common
-- indicators, each scored by its own body (given)
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method, weight)
VALUES ('P01', '2018', 'department', 'policy', '重要政策文件落实', 'deduction', 1),
       ('P02', '2018', 'department', 'policy', '工作要点落实', 'deduction', 1),
       ('P03', '2018', 'department', 'policy', '指示批示落实', 'deduction', 1),
       ('P04', '2018', 'department', 'policy', '会议议定事项落实', 'deduction', 1),
       ('G01', '2018', 'department', 'common', '脱贫攻坚', 'given', 1),
       ('G02', '2018', 'department', 'common', '安全生产', 'given', 1),
       ('G03', '2018', 'department', 'common', '营商环境建设', 'given', 1),
       ('G04', '2018', 'department', 'common', '依法行政', 'given', 1),
       ('G05', '2018', 'department', 'common', '政务公开', 'given', 1),
       ('G06', '2018', 'department', 'common', '综合治理', 'given', 1),
       ('G07', '2018', 'department', 'common', '保密安全', 'given', 1),
       ('G08', '2018', 'department', 'common', '建议提案办理', 'given', 1),
       ('G09', '2018', 'department', 'common', '公文文稿质量与办理效率', 'given', 1);

INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual, deduction)
SELECT i.indicator_id, u.unit_id, p.period,
       CASE WHEN i.method = 'given' THEN round(80 + 20 * pg_temp.draw(u.unit_id, p.period, i.indicator_id), 1) END,
       CASE WHEN i.method = 'deduction' THEN floor(5 * pg_temp.draw(u.unit_id, p.period, i.indicator_id))::numeric END
FROM kaoping.indicator i
JOIN kaoping.unit u ON u.kind = 'department'
CROSS JOIN (VALUES ('H1'), ('Y')) p (period)
WHERE i.unit_kind = 'department';

-- R4: departments with few tasks get supplementary indicators from the
-- government work report and their statutory duties
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, unit_id, category, name, method, weight)
SELECT 'S-' || u.unit_id || '-' || k, '2018', 'department', u.unit_id, 'task',
       CASE k WHEN 1 THEN '政府工作报告补充指标' ELSE '“三定”职责补充指标' END, 'deduction', 1
FROM kaoping.unit u
CROSS JOIN generate_series(1, 2) k
WHERE u.kind = 'department'
  AND (SELECT count(*) FROM kaoping.task_assignment a WHERE a.unit_id = u.unit_id) < 6;
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, deduction)
SELECT i.indicator_id, i.unit_id, p.period, floor(4 * pg_temp.draw(i.indicator_id, p.period))
FROM kaoping.indicator i CROSS JOIN (VALUES ('H1'), ('Y')) p (period)
WHERE i.unit_id IS NOT NULL;

-- complete rankings: 8 provincial leaders and the office rank both kinds;
-- the 53 departments rank the cities, the 14 cities rank the departments.
-- Each evaluator sees a unit's underlying quality through a little noise.
CREATE TEMP TABLE evaluator (evaluator_group text, evaluator text, ranks_kind text);
INSERT INTO evaluator
SELECT 'leader', name, kind
FROM unnest(ARRAY['省长', '常务副省长', '副省长甲', '副省长乙', '副省长丙', '副省长丁', '副省长戊', '副省长己']) name,
     (VALUES ('city'), ('department')) k (kind)
UNION ALL
SELECT 'office', '专项行动领导小组办公室', kind FROM (VALUES ('city'), ('department')) k (kind)
UNION ALL
SELECT 'peer', unit_id, CASE kind WHEN 'city' THEN 'department' ELSE 'city' END FROM kaoping.unit;

INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, unit_kind, rank)
SELECT '2018', p.period, e.evaluator_group, e.evaluator, u.unit_id, u.kind,
       row_number() OVER (PARTITION BY p.period, e.evaluator, e.ranks_kind
                          ORDER BY pg_temp.draw(u.unit_id, 'quality') + 0.4 * pg_temp.draw(u.unit_id, e.evaluator, p.period) DESC, u.unit_id)
FROM evaluator e
JOIN kaoping.unit u ON u.kind = e.ranks_kind
CROSS JOIN (VALUES ('H1'), ('Y')) p (period);

-- bonus and penalty events of every rule
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points, evidence)
SELECT '2018', u.unit_id, r.rule_code,
       make_date(2018, 1 + floor(12 * pg_temp.draw(u.unit_id, r.rule_code, n::text, 'month'))::int, 15),
       CASE WHEN r.min_points IS NOT NULL THEN 0.1 + round(0.1 * pg_temp.draw(u.unit_id, r.rule_code), 2) END,
       '文件第' || n || '号'
FROM kaoping.adjustment_rule r
CROSS JOIN kaoping.unit u
CROSS JOIN generate_series(1, 3) n
WHERE NOT r.from_funding
  AND (r.unit_kind IS NULL OR r.unit_kind = u.kind)
  AND pg_temp.draw(u.unit_id, r.rule_code, n::text) <
      CASE WHEN r.min_points IS NOT NULL AND n = 1 THEN 0.15
           WHEN r.min_points IS NOT NULL THEN 0
           WHEN r.points > 0 THEN 0.12 ELSE 0.06 END;

-- B3: national funds secured by departments, by half-year and year
INSERT INTO kaoping.funding (cycle_id, period, unit_id, amount)
SELECT '2018', p.period, u.unit_id,
       round((CASE p.period WHEN 'H1' THEN 0.5 ELSE 1 END) * 1e8 * pg_temp.draw(u.unit_id, 'funding'), 2)
FROM kaoping.unit u CROSS JOIN (VALUES ('H1'), ('Y')) p (period)
WHERE u.kind = 'department' AND pg_temp.draw(u.unit_id, 'reports funding') < 0.6;

ANALYZE kaoping.task, kaoping.task_assignment, kaoping.milestone, kaoping.milestone_check,
        kaoping.indicator, kaoping.indicator_result, kaoping.evaluation, kaoping.adjustment, kaoping.funding;
