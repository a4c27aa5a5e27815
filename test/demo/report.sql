-- The demo province's results: for H1 and Y, cities and departments
-- ranked with their figures and grades, then what is missing.
\pset footer off
\pset null '—'

\echo
\echo '辽宁省2018年专项行动绩效考评 — demo province'
SELECT (SELECT count(*) FROM kaoping.unit WHERE kind = 'city') AS cities,
       (SELECT count(*) FROM kaoping.unit WHERE kind = 'department') AS departments,
       (SELECT count(*) FROM kaoping.task) AS tasks,
       (SELECT count(*) FROM kaoping.milestone) AS milestones,
       (SELECT count(*) FROM kaoping.milestone_check) AS checks,
       (SELECT count(*) FROM kaoping.indicator_result) AS indicator_results,
       (SELECT count(*) FROM kaoping.evaluation) AS rankings,
       (SELECT count(*) FROM kaoping.adjustment) AS adjustment_events;

CREATE TEMP TABLE result AS SELECT * FROM kaoping.unit_score WHERE cycle_id = '2018';

\echo
\echo '== Cities, H1 (中期评估, to 30 June, circulated) and Y (年终考评, final)'
SELECT period AS "考评期", rank AS "排名", name AS "城市", round(indicator_score, 2) AS "指标考核",
       round(comprehensive_score, 2) AS "综合评价", round(adjustment, 2) AS "加减分",
       round(total, 2) AS "总分", grade AS "等次"
FROM result WHERE kind = 'city' ORDER BY period, rank NULLS LAST, unit_id;

\echo '== Departments, H1 and Y'
SELECT period AS "考评期", rank AS "排名", name AS "部门", round(individual_score, 2) AS "个性指标",
       round(common_score, 2) AS "共性指标", round(indicator_score, 2) AS "指标考核",
       round(comprehensive_score, 2) AS "综合评价", round(adjustment, 2) AS "加减分",
       round(total, 2) AS "总分", grade AS "等次"
FROM result WHERE kind = 'department' ORDER BY period, rank NULLS LAST, unit_id;

\echo '== What is missing (kaoping.completeness)'
SELECT period, issue, count(*) AS units, min(detail) AS example
FROM kaoping.completeness WHERE cycle_id = '2018' GROUP BY period, issue ORDER BY period, issue;

\echo '== Time to compute every figure of both periods (unit_score, all units)'
\timing on
SELECT count(*) AS unit_results, count(total) AS with_total FROM kaoping.unit_score WHERE cycle_id = '2018';
\timing off
