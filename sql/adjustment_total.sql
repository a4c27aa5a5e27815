-- adjustment_total(rule_group, points, group_cap, bonus_cap) (R14).
CREATE EXTENSION kaoping;

-- The bonus and penalty table (doc/rules.md §5), one row per event kind.
CREATE TEMP TABLE rule (code text PRIMARY KEY, rule_group text, points numeric, group_cap numeric);
INSERT INTO rule VALUES
  ('B1a', 'B1a', 1, NULL), ('B1b', 'B1b', 0.2, 0.4), ('B1c', 'B1c', 0.3, 0.6),
  ('B2a', 'B2a', 0.5, NULL), ('B2b', 'B2b', 0.1, 0.2), ('B2c', 'B2c', 0.2, 0.4),
  ('B5', 'B5', 0.5, NULL), ('B6a', 'B6', 0.5, 0.5), ('B6b', 'B6', 0.1, 0.5),
  ('P1a', 'P1a', -2, NULL), ('P1b', 'P1b', -1, NULL), ('P2a', 'P2a', -1, NULL),
  ('P2b', 'P2b', -1, NULL), ('P2c', 'P2c', -0.5, NULL), ('P3', 'P3', -0.2, NULL),
  ('P4', 'P4', -1, NULL), ('P5', 'P5', -1, NULL),
  ('P6a', 'P6a', -1, NULL), ('P6b', 'P6b', -2, NULL), ('P6c', 'P6c', -3, NULL);

-- Events per unit (case), each case worked out by hand:
CREATE TEMP TABLE event (unit text, code text);
INSERT INTO event VALUES
  -- three B1b: 0.6 capped at 0.4
  ('b1b_cap', 'B1b'), ('b1b_cap', 'B1b'), ('b1b_cap', 'B1b'),
  -- B2b 0.1 + B2c 0.2 = 0.3, exact
  ('exact', 'B2b'), ('exact', 'B2c'),
  -- B1a ×2 (2) + B2a ×2 (1) + B5 (0.5) = 3.5, all bonuses stop at 3
  ('bonus_cap', 'B1a'), ('bonus_cap', 'B1a'), ('bonus_cap', 'B2a'), ('bonus_cap', 'B2a'), ('bonus_cap', 'B5'),
  -- B1a ×2 + B2a ×2 = 3: the bonus cap hit exactly
  ('bonus_cap_exact', 'B1a'), ('bonus_cap_exact', 'B1a'), ('bonus_cap_exact', 'B2a'), ('bonus_cap_exact', 'B2a'),
  -- B6a 0.5 + B6b 0.1 ×2 = 0.7, B6 together capped at 0.5
  ('b6_shared', 'B6a'), ('b6_shared', 'B6b'), ('b6_shared', 'B6b'),
  -- penalties are never capped: P1a ×2 (−4) + P6c (−3) + P3 ×3 (−0.6) = −7.6
  ('penalties', 'P1a'), ('penalties', 'P1a'), ('penalties', 'P6c'), ('penalties', 'P3'), ('penalties', 'P3'), ('penalties', 'P3'),
  -- bonus 3.5 capped at 3, then −1 (P4) −0.5 (P2c) = 1.5
  ('both', 'B1a'), ('both', 'B1a'), ('both', 'B1a'), ('both', 'B2a'), ('both', 'P4'), ('both', 'P2c'),
  -- B1c ×2 = 0.6 hits its cap exactly; B2b ×3 = 0.3 capped at 0.2: 0.8
  ('group_caps', 'B1c'), ('group_caps', 'B1c'), ('group_caps', 'B2b'), ('group_caps', 'B2b'), ('group_caps', 'B2b'),
  -- one event alone
  ('alone', 'B2a');

SELECT e.unit, kaoping.adjustment_total(r.rule_group, r.points, r.group_cap, 3) AS adjustment
FROM event e JOIN rule r USING (code)
GROUP BY e.unit ORDER BY e.unit;

-- a NULL bonus cap: no overall cap
SELECT kaoping.adjustment_total(r.rule_group, r.points, r.group_cap, NULL)
FROM event e JOIN rule r USING (code) WHERE e.unit = 'bonus_cap';
-- a NULL group cap: that group is uncapped
SELECT kaoping.adjustment_total('B1b', 0.2, NULL, 3) FROM generate_series(1, 3);
-- NULL points are skipped; only NULLs, or no rows, give NULL
SELECT kaoping.adjustment_total(g, p, c, 3) FROM (VALUES ('B1b', 0.2, 0.4), ('B1b', NULL, 0.4)) a(g, p, c);
SELECT kaoping.adjustment_total('B1b', NULL, 0.4, 3) IS NULL AS all_null;
SELECT kaoping.adjustment_total(g, p, c, 3) IS NULL AS no_rows FROM (VALUES ('B1b', 0.2, 0.4)) a(g, p, c) WHERE false;
-- zero points change nothing; penalties need no rule group
SELECT kaoping.adjustment_total(g, p, c, 3) FROM (VALUES ('B1b', 0, 0.4), (NULL, -1, NULL)) a(g, p, c);
-- more than 12 groups, in any order, and large amounts: exact
SELECT kaoping.adjustment_total('G' || (i % 20), 0.05, NULL, NULL) FROM generate_series(1, 200) i;
SELECT kaoping.adjustment_total('G', p, NULL, NULL) FROM (VALUES (1e35), (0.0000000000001)) a(p);
-- as a window aggregate
SELECT n, kaoping.adjustment_total('B1b', 0.2, 0.4, 3) OVER (ORDER BY n) FROM generate_series(1, 3) n;

-- Bad input
\set SHOW_CONTEXT never
SELECT kaoping.adjustment_total(g, p, c, 3) FROM (VALUES ('B1b', 0.2, 0.4), ('B1b', 0.2, 0.6)) a(g, p, c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total(g, p, c, 3) FROM (VALUES ('B1b', 0.2, 0.4), ('B1b', 0.2, NULL)) a(g, p, c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total(g, p, 0.4, b) FROM (VALUES ('B1b', 0.2, 3), ('B1b', 0.2, 2)) a(g, p, b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total(g, p, 0.4, b) FROM (VALUES ('B1b', 0.2, 3), ('B1b', -1, NULL)) a(g, p, b);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total(NULL, 0.5, NULL, 3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total('B1b', 'NaN', 0.4, 3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total('B1b', 0.2, 'Infinity', 3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total('B1b', 0.2, 0.4, '-Infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total(repeat('x', 32), 0.2, 0.4, 3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- A state holds at most 1,000 rule groups (a catalogue has some twenty),
-- however it is built: from rows, by combining, from text.
SELECT kaoping.adjustment_total('g' || i, 1, NULL, NULL) AS thousand_groups FROM generate_series(1, 1000) i;
SELECT kaoping.adjustment_total('g' || i, 1, NULL, NULL) FROM generate_series(1, 1001) i;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total('g' || i, 1, NULL, NULL) FROM generate_series(1, 65536) i;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total_final(('penalty=0 bonus_cap=none'
       || (SELECT string_agg(format(' group("g%s",1,none)', i), '') FROM generate_series(1, 1001) i))::kaoping.adjustment_state);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_state_combine(
         ('penalty=0 bonus_cap=none' || (SELECT string_agg(format(' group("a%s",1,none)', i), '') FROM generate_series(1, 600) i))::kaoping.adjustment_state,
         ('penalty=0 bonus_cap=none' || (SELECT string_agg(format(' group("b%s",1,none)', i), '') FROM generate_series(1, 600) i))::kaoping.adjustment_state);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP EXTENSION kaoping;
