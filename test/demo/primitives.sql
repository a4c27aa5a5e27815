-- kaoping demo: every scoring primitive on a small worked example from the
-- 2018 plan (辽政办发〔2018〕10号), five cities of Liaoning.  Run by
-- test/demo.sh on a throwaway cluster.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kaoping;

CREATE TEMP TABLE city (city text PRIMARY KEY, ord int);
INSERT INTO city VALUES ('沈阳', 1), ('大连', 2), ('鞍山', 3), ('抚顺', 4), ('本溪', 5);

\echo
\echo '== 1. 指标考核 Indicator scores (R6 efficacy, R7 completion, R8 deduction, R9 weights)'
CREATE TEMP TABLE result (city text, indicator text, actual numeric);
INSERT INTO result VALUES
  -- GDP growth %: efficacy coefficient against the peers (best 100, worst 60)
  ('沈阳', 'gdp', 7.1), ('大连', 'gdp', 6.8), ('鞍山', 'gdp', 5.9), ('抚顺', 'gdp', 6.2), ('本溪', 'gdp', 5.6),
  -- energy per unit of GDP (lower is better), fixed thresholds 0.6 satisfactory, 1.2 unallowable
  ('沈阳', 'energy', 0.72), ('大连', 'energy', 0.65), ('鞍山', 'energy', 1.05), ('抚顺', 'energy', 0.98), ('本溪', 'energy', 1.30),
  -- new jobs against a target of 12,000, no credit beyond the target
  ('沈阳', 'jobs', 13500), ('大连', 'jobs', 11800), ('鞍山', 'jobs', 9000), ('抚顺', 'jobs', 12000), ('本溪', 'jobs', 7300);
CREATE TEMP TABLE missed (city text, milestone text, deduction numeric);
INSERT INTO missed VALUES
  ('鞍山', 'Q1 report late', 1), ('鞍山', 'H1 standard not met', 1), ('抚顺', 'Q2 missed', 1),
  ('本溪', 'Q1 missed', 1), ('本溪', 'Q3 late', 0.5), ('本溪', 'Y missed', 2);

CREATE TEMP TABLE indicator_score AS
SELECT city,
       max(s) FILTER (WHERE indicator = 'gdp') AS gdp_efficacy,
       max(s) FILTER (WHERE indicator = 'energy') AS energy_efficacy,
       max(s) FILTER (WHERE indicator = 'jobs') AS jobs_completion,
       max(s) FILTER (WHERE indicator = 'milestones') AS milestone_deduction
FROM (
  SELECT city, indicator, kaoping.peer_efficacy_score(actual) OVER (PARTITION BY indicator) AS s
  FROM result WHERE indicator = 'gdp'
  UNION ALL
  SELECT city, indicator, kaoping.efficacy_score(actual, unallowable => 1.2, satisfactory => 0.6)
  FROM result WHERE indicator = 'energy'
  UNION ALL
  SELECT city, indicator, kaoping.completion_score(actual, target => 12000)
  FROM result WHERE indicator = 'jobs'
  UNION ALL
  SELECT c.city, 'milestones', coalesce(kaoping.deduction_score(m.deduction), 100)
  FROM city c LEFT JOIN missed m USING (city) GROUP BY c.city
) s GROUP BY city;

SELECT i.city, gdp_efficacy, energy_efficacy, jobs_completion, milestone_deduction,
       w.indicator_score AS "weighted 30/20/30/20"
FROM indicator_score i
JOIN LATERAL (SELECT kaoping.weighted_score(score, weight) AS indicator_score
              FROM (VALUES (i.gdp_efficacy, 0.3), (i.energy_efficacy, 0.2),
                           (i.jobs_completion, 0.3), (i.milestone_deduction, 0.2)) v(score, weight)) w ON true
JOIN city USING (city) ORDER BY ord;

\echo '== 2. 综合评价 Comprehensive evaluation (R12 leaders 75 %, office 15 %, departments 10 %; R13 rank 1 = 100, rank 5 = 60)'
CREATE TEMP TABLE ranking (evaluator_group text, evaluator text, city text, rank int);
INSERT INTO ranking VALUES
  ('leader', '省长', '沈阳', 1), ('leader', '省长', '大连', 2), ('leader', '省长', '抚顺', 3), ('leader', '省长', '鞍山', 4), ('leader', '省长', '本溪', 5),
  ('leader', '常务副省长', '大连', 1), ('leader', '常务副省长', '沈阳', 2), ('leader', '常务副省长', '鞍山', 3), ('leader', '常务副省长', '抚顺', 4), ('leader', '常务副省长', '本溪', 5),
  ('office', '绩效办', '沈阳', 1), ('office', '绩效办', '抚顺', 2), ('office', '绩效办', '大连', 3), ('office', '绩效办', '鞍山', 4), ('office', '绩效办', '本溪', 5),
  ('peer', '发改委', '大连', 1), ('peer', '发改委', '沈阳', 2), ('peer', '发改委', '鞍山', 3), ('peer', '发改委', '本溪', 4), ('peer', '发改委', '抚顺', 5),
  ('peer', '财政厅', '沈阳', 1), ('peer', '财政厅', '大连', 2), ('peer', '财政厅', '抚顺', 3), ('peer', '财政厅', '本溪', 4), ('peer', '财政厅', '鞍山', 5);
CREATE TEMP TABLE comprehensive AS
SELECT city, leader, office, peer,
       (SELECT kaoping.weighted_score(score, weight)
        FROM (VALUES (leader, 0.75), (office, 0.15), (peer, 0.10)) v(score, weight)) AS comprehensive_score
FROM (SELECT city,
             round(avg(kaoping.rank_score(rank, n)) FILTER (WHERE evaluator_group = 'leader'), 6) AS leader,
             round(avg(kaoping.rank_score(rank, n)) FILTER (WHERE evaluator_group = 'office'), 6) AS office,
             round(avg(kaoping.rank_score(rank, n)) FILTER (WHERE evaluator_group = 'peer'), 6) AS peer
      FROM (SELECT *, count(*) OVER (PARTITION BY evaluator)::int AS n FROM ranking) r
      GROUP BY city) g;
SELECT c.* FROM comprehensive c JOIN city USING (city) ORDER BY ord;

\echo '== 3. 加减分 Bonus and penalty points (R14: group caps, all bonuses at most 3, penalties uncapped; B3 in proportion)'
CREATE TEMP TABLE event (city text, code text, rule_group text, points numeric, group_cap numeric);
INSERT INTO event VALUES
  ('沈阳', 'B1b', 'B1b', 0.2, 0.4), ('沈阳', 'B1b', 'B1b', 0.2, 0.4), ('沈阳', 'B1b', 'B1b', 0.2, 0.4),
  ('沈阳', 'B1a', 'B1a', 1, NULL), ('沈阳', 'B2a', 'B2a', 0.5, NULL), ('沈阳', 'B1a', 'B1a', 1, NULL),
  ('大连', 'B2b', 'B2b', 0.1, 0.2), ('大连', 'B2c', 'B2c', 0.2, 0.4), ('大连', 'B6a', 'B6', 0.5, 0.5), ('大连', 'B6b', 'B6', 0.1, 0.5),
  ('鞍山', 'P3', 'P3', -0.2, NULL), ('鞍山', 'P3', 'P3', -0.2, NULL),
  ('抚顺', 'B5', 'B5', 0.5, NULL), ('抚顺', 'P6a', 'P6a', -1, NULL),
  ('本溪', 'P2a', 'P2a', -1, NULL), ('本溪', 'P4', 'P4', -1, NULL);
CREATE TEMP TABLE funding (city text, amount numeric);
INSERT INTO funding VALUES ('沈阳', 820000000), ('大连', 1230000000), ('鞍山', 310000000), ('抚顺', 0), ('本溪', 95000000);
INSERT INTO event
  SELECT city, 'B3', 'B3', kaoping.proportional_share(amount, 2) OVER (), NULL FROM funding;
CREATE TEMP TABLE adjustment AS
SELECT city, string_agg(code || ' ' || points, ', ' ORDER BY code) AS events,
       capped_sum_b1b, kaoping.adjustment_total(rule_group, points, group_cap, 3) AS adjustment
FROM event
JOIN (SELECT city, kaoping.capped_sum(points, group_cap) FILTER (WHERE code = 'B1b') AS capped_sum_b1b
      FROM event GROUP BY city) b USING (city)
GROUP BY city, capped_sum_b1b;
SELECT a.* FROM adjustment a JOIN city USING (city) ORDER BY ord;

\echo '== 4. 总分、排名、等次 Total (R16: indicator × 0.7 + comprehensive × 0.3 + adjustment), rank (R17), grade by quota (R18: 优秀 ≤ 20 %, 良好 ≤ 50 % more)'
SELECT city, indicator_score, comprehensive_score, adjustment, total,
       rank() OVER (ORDER BY round(total, 2) DESC) AS rank,
       kaoping.quota_grade('{优秀,良好,一般}', '{0.2,0.5}') OVER (ORDER BY round(total, 2) DESC) AS grade
FROM (SELECT i.city, w.indicator_score, c.comprehensive_score, a.adjustment,
             (SELECT kaoping.weighted_score(score, weight)
              FROM (VALUES (w.indicator_score, 0.7), (c.comprehensive_score, 0.3)) v(score, weight)) + a.adjustment AS total
      FROM indicator_score i
      JOIN LATERAL (SELECT kaoping.weighted_score(score, weight) AS indicator_score
                    FROM (VALUES (i.gdp_efficacy, 0.3), (i.energy_efficacy, 0.2),
                                 (i.jobs_completion, 0.3), (i.milestone_deduction, 0.2)) v(score, weight)) w ON true
      JOIN comprehensive c USING (city)
      JOIN adjustment a USING (city)) t
ORDER BY rank, city;
