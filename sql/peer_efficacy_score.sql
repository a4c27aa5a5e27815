-- peer_efficacy_score(actual, higher_is_better, base, span) OVER (...) (R6
-- against the peers: best actual is satisfactory, worst unallowable).
CREATE EXTENSION kaoping;

CREATE TEMP TABLE result (indicator text, unit text, actual numeric);
INSERT INTO result VALUES
  -- GDP growth: 5 peers, 6.0 is best, 4.0 worst: 60 + 40 × (a − 4) / 2
  ('gdp', '沈阳', 6.0), ('gdp', '大连', 5.5), ('gdp', '鞍山', 5.0), ('gdp', '抚顺', 4.5), ('gdp', '本溪', 4.0),
  -- energy per unit of GDP, lower is better
  ('energy', '沈阳', 0.8), ('energy', '大连', 1.0), ('energy', '鞍山', 1.2),
  -- all peers equal: everyone scores base + span
  ('flat', '沈阳', 3), ('flat', '大连', 3), ('flat', '鞍山', 3),
  -- one unit alone
  ('alone', '沈阳', 42),
  -- a missing result scores NULL and is no peer
  ('gap', '沈阳', 10), ('gap', '大连', 20), ('gap', '鞍山', NULL),
  -- ties share a score; thirds round half away from zero at 6 decimals
  ('ties', '沈阳', 3), ('ties', '大连', 1), ('ties', '鞍山', 1), ('ties', '抚顺', 0);

SELECT indicator, unit, actual,
       kaoping.peer_efficacy_score(actual, indicator <> 'energy')
         OVER (PARTITION BY indicator) AS score
FROM result ORDER BY indicator, unit;

-- policy base and span, in named notation
SELECT unit, kaoping.peer_efficacy_score(actual, base => 50, span => 50) OVER ()
FROM result WHERE indicator = 'gdp' ORDER BY unit;
-- any order, any frame: the partition is read whole
SELECT unit, kaoping.peer_efficacy_score(actual) OVER (ORDER BY actual ROWS BETWEEN CURRENT ROW AND CURRENT ROW)
FROM result WHERE indicator = 'gdp' ORDER BY unit;
-- no rows: no output
SELECT kaoping.peer_efficacy_score(actual) OVER () FROM result WHERE false;
-- large and finely divided values are exact
SELECT a, kaoping.peer_efficacy_score(a) OVER ()
FROM (VALUES (1e30), (1e30 + 1), (1e30 + 3)) v(a) ORDER BY a;
SELECT a, kaoping.peer_efficacy_score(a) OVER ()
FROM (VALUES (0.00000000000000001), (0.00000000000000002), (0.00000000000000005)) v(a) ORDER BY a;

-- the same as the formula in plain SQL over 10,000 random rows in 100 partitions
SELECT setseed(0.25);
CREATE TEMP TABLE random_result AS
  SELECT i % 100 AS indicator, round((random() * 1000)::numeric, (i % 5)) AS actual
  FROM generate_series(1, 10000) i;
SELECT count(*) AS rows, count(*) FILTER (WHERE mine IS DISTINCT FROM plain) AS differ
FROM (SELECT kaoping.peer_efficacy_score(actual) OVER w AS mine,
             round(60 + 40 * (actual - min(actual) OVER w) / (max(actual) OVER w - min(actual) OVER w), 6) AS plain
      FROM random_result WINDOW w AS (PARTITION BY indicator)) s;

-- Bad input: any bad actual in the partition fails the whole query
\set SHOW_CONTEXT never
SELECT kaoping.peer_efficacy_score(a) OVER () FROM (VALUES (1), ('NaN'::numeric)) v(a);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.peer_efficacy_score(a) OVER () FROM (VALUES (1), ('Infinity'::numeric)) v(a);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.peer_efficacy_score(a, base => 'NaN') OVER () FROM (VALUES (1), (2)) v(a);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP EXTENSION kaoping;
