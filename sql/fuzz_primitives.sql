-- Fuzzing the primitives: thousands of random cases of every scalar,
-- aggregate and window primitive against an exact reference in plain SQL,
-- deterministic (a fixed seed), with 0 mismatches; the scalars also from
-- PL/pgSQL with changing variables.  The reference rounds N / D half away
-- from zero to 6 decimals with exact integer division:
-- sign(N) × sign(D) × div(2|N| × 10^6 + |D|, 2|D|) × 10^-6.
CREATE EXTENSION kaoping;
SELECT setseed(0.625);
CREATE FUNCTION pg_temp.exact_round6(n numeric, d numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS $$ SELECT sign(n) * sign(d) * div(2 * abs(n) * 1000000 + abs(d), 2 * abs(d)) * 0.000001 $$;
-- least(v, cap), where a NULL cap is no cap and a NULL v stays NULL
-- (least() alone would take the cap for a missing value)
CREATE FUNCTION pg_temp.capped(v numeric, cap numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN v IS NULL OR cap IS NULL THEN v ELSE least(v, cap) END $$;
-- a random decimal: magnitude 10^-6 to 10^9, 0 to 8 decimals, either sign
CREATE FUNCTION pg_temp.draw(negative_share float8) RETURNS numeric LANGUAGE sql VOLATILE
  AS $$ SELECT round(((random() - negative_share) * power(10, floor(random() * 15) - 6))::numeric,
                     floor(random() * 9)::int) $$;

-- 1. Scalars: efficacy_score, completion_score, rank_score
CREATE TEMP TABLE scalar_case AS
SELECT i, pg_temp.draw(0.3) AS a, pg_temp.draw(0.3) AS u, pg_temp.draw(0.3) AS s,
       round((random() * 80)::numeric, 2) AS base, round((random() * 60 + 1)::numeric, 1) AS span,
       random() < 0.5 AS clamp, abs(pg_temp.draw(0)) + 0.001 AS target,
       round((random() * 2 + 0.1)::numeric, 2) AS max_ratio, random() < 0.7 AS higher,
       1 + floor(random() * 70)::int AS n, round((random() * 100)::numeric, 1) AS top
FROM generate_series(1, 6000) i;
UPDATE scalar_case SET s = s + 1 WHERE s = u;
CREATE TEMP TABLE scalar_reference AS
SELECT c.*, least(1 + floor(random() * c.n)::int, c.n) AS r, round(c.top * random()::numeric, 1) AS bottom,
       CASE WHEN c.clamp AND (c.a - c.u) * (c.s - c.u) <= 0 THEN c.base          -- ratio <= 0
            WHEN c.clamp AND (c.a - c.s) * (c.s - c.u) >= 0 THEN c.base + c.span   -- ratio >= 1
            ELSE pg_temp.exact_round6(c.base * (c.s - c.u) + c.span * (c.a - c.u), c.s - c.u) END AS efficacy,
       CASE WHEN NOT c.higher AND c.a <= 0 THEN 100 * c.max_ratio
            WHEN c.higher AND c.a >= c.max_ratio * c.target THEN 100 * c.max_ratio
            WHEN NOT c.higher AND c.target >= c.max_ratio * c.a THEN 100 * c.max_ratio
            WHEN c.higher AND c.a <= 0 THEN 0
            WHEN c.higher THEN pg_temp.exact_round6(100 * c.a, c.target)
            ELSE pg_temp.exact_round6(100 * c.target, c.a) END AS completion
FROM scalar_case c;
ALTER TABLE scalar_reference ADD COLUMN rank numeric;
UPDATE scalar_reference SET rank = CASE WHEN n = 1 THEN top
                                        ELSE pg_temp.exact_round6(top * (n - 1) - (top - bottom) * (r - 1), n - 1) END;
SELECT count(*) AS cases,
       count(*) FILTER (WHERE kaoping.efficacy_score(a, u, s, base, span, clamp) IS DISTINCT FROM efficacy) AS efficacy_mismatches,
       count(*) FILTER (WHERE kaoping.completion_score(a, target, max_ratio, higher) IS DISTINCT FROM completion) AS completion_mismatches,
       count(*) FILTER (WHERE kaoping.rank_score(r, n, top, bottom) IS DISTINCT FROM rank) AS rank_mismatches
FROM scalar_reference;
-- the same cases through PL/pgSQL variables that change on every call
DO $$
DECLARE
    c record;
    mismatches integer := 0;
    calls integer := 0;
BEGIN
    FOR c IN SELECT * FROM scalar_reference ORDER BY i LOOP
        calls := calls + 1;
        IF kaoping.efficacy_score(c.a, c.u, c.s, c.base, c.span, c.clamp) IS DISTINCT FROM c.efficacy
           OR kaoping.completion_score(c.a, c.target, c.max_ratio, c.higher) IS DISTINCT FROM c.completion
           OR kaoping.rank_score(c.r, c.n, c.top, c.bottom) IS DISTINCT FROM c.rank THEN
            mismatches := mismatches + 1;
        END IF;
    END LOOP;
    RAISE NOTICE 'PL/pgSQL: % cases, % mismatches', calls, mismatches;
END $$;

-- 2. Aggregates, in 400 groups of random sizes
CREATE TEMP TABLE agg_row AS
SELECT floor(random() * 400)::int AS g, pg_temp.draw(0.3) AS x, abs(pg_temp.draw(0)) AS d,
       'G' || floor(random() * 6)::int AS rule_group
FROM generate_series(1, 20000);
CREATE TEMP TABLE group_cap AS
SELECT g, CASE WHEN random() < 0.2 THEN NULL ELSE abs(pg_temp.draw(0)) END AS cap FROM generate_series(0, 399) g;
CREATE TEMP TABLE rule_cap AS
SELECT g, r AS rule_group, CASE WHEN random() < 0.3 THEN NULL ELSE round((random() * 2)::numeric, 2) + 0.01 END AS cap
FROM generate_series(0, 399) g, (VALUES ('G0'), ('G1'), ('G2'), ('G3'), ('G4'), ('G5')) v (r);
SELECT count(*) AS groups,
       count(*) FILTER (WHERE deduction IS DISTINCT FROM greatest(100 - plain_d, 0)) AS deduction_mismatches,
       count(*) FILTER (WHERE capped IS DISTINCT FROM pg_temp.capped(plain_x, cap))
         AS capped_sum_mismatches
FROM (SELECT a.g, kaoping.deduction_score(a.d) AS deduction, sum(a.d) AS plain_d,
             kaoping.capped_sum(a.x, c.cap) AS capped, sum(a.x) AS plain_x, min(c.cap) AS cap
      FROM agg_row a JOIN group_cap c USING (g) GROUP BY a.g) s;
SELECT count(*) AS groups, count(*) FILTER (WHERE mine IS DISTINCT FROM plain) AS adjustment_total_mismatches
FROM (SELECT a.g, kaoping.adjustment_total(a.rule_group, a.x, r.cap, b.bonus_cap) AS mine
      FROM agg_row a JOIN rule_cap r USING (g, rule_group)
      JOIN (SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE (g % 4) * 1.5 END AS bonus_cap FROM generate_series(0, 399) g) b USING (g)
      GROUP BY a.g) m
JOIN (SELECT g, CASE WHEN bool_or(capped IS NOT NULL) OR bool_or(penalty IS NOT NULL) THEN
                  coalesce(pg_temp.capped(sum(capped), min(bonus_cap)), 0)
                  + coalesce(sum(penalty), 0) END AS plain
      FROM (SELECT a.g, a.rule_group,
                   pg_temp.capped(sum(a.x) FILTER (WHERE a.x > 0), min(r.cap)) AS capped,
                   sum(a.x) FILTER (WHERE a.x < 0) AS penalty,
                   min(CASE WHEN a.g % 5 = 0 THEN NULL ELSE (a.g % 4) * 1.5 END) AS bonus_cap
            FROM agg_row a JOIN rule_cap r USING (g, rule_group) GROUP BY a.g, a.rule_group) c
      GROUP BY g) p USING (g);
-- weighted_score: each group's weights split 1 (the last takes what the
-- others leave, so they add up to 1 exactly); weighted_mean: any weights,
-- against the exact mean
CREATE TEMP TABLE weighted_row AS
SELECT g, x, w,
       CASE WHEN k = size THEN 1 - (sum(raw) OVER (PARTITION BY g) - raw) ELSE raw END AS share
FROM (SELECT *, round(w / sum(w) OVER (PARTITION BY g), 20) AS raw,
             row_number() OVER (PARTITION BY g ORDER BY x, w) AS k, count(*) OVER (PARTITION BY g) AS size
      FROM (SELECT floor(random() * 300)::int AS g, pg_temp.draw(0.2) AS x, (1 + floor(random() * 9))::numeric AS w
            FROM generate_series(1, 6000)) r) q;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE ws IS DISTINCT FROM plain_ws) AS weighted_score_mismatches,
       count(*) FILTER (WHERE wm IS DISTINCT FROM plain_wm) AS weighted_mean_mismatches
FROM (SELECT g, kaoping.weighted_score(x, share) AS ws, sum(x * share) AS plain_ws,
             kaoping.weighted_mean(x, w) AS wm, pg_temp.exact_round6(sum(x * w), sum(w)) AS plain_wm
      FROM weighted_row GROUP BY g) s;

-- 3. Window functions, in 200 partitions
CREATE TEMP TABLE window_row AS
SELECT floor(random() * 200)::int AS p, pg_temp.draw(0.3) AS a, abs(pg_temp.draw(0)) * (random() < 0.9)::int AS amount,
       random() < 0.7 AS higher, round((random() * 100)::numeric, 1) AS total
FROM generate_series(1, 8000);
UPDATE window_row SET a = 5 WHERE p = 0;                        -- all peers equal
UPDATE window_row SET amount = 0 WHERE p = 1;                   -- nobody secured funds
SELECT count(*) AS rows,
       count(*) FILTER (WHERE peer IS DISTINCT FROM
                        CASE WHEN best = worst THEN 100
                             ELSE pg_temp.exact_round6(60 * (best - worst) + 40 * (a - worst), best - worst) END)
         AS peer_efficacy_mismatches,
       count(*) FILTER (WHERE share IS DISTINCT FROM
                        CASE WHEN most = 0 THEN 0 ELSE pg_temp.exact_round6(2 * amount, most) END)
         AS proportional_share_mismatches
FROM (SELECT a, amount,
             kaoping.peer_efficacy_score(a, hib) OVER (PARTITION BY p, hib) AS peer,
             CASE WHEN hib THEN max(a) OVER (PARTITION BY p, hib) ELSE min(a) OVER (PARTITION BY p, hib) END AS best,
             CASE WHEN hib THEN min(a) OVER (PARTITION BY p, hib) ELSE max(a) OVER (PARTITION BY p, hib) END AS worst,
             kaoping.proportional_share(amount, 2) OVER (PARTITION BY p) AS share,
             max(amount) OVER (PARTITION BY p) AS most
      FROM (SELECT *, higher AS hib FROM window_row) w) s;
-- quota_grade: a unit's grade is the first whose cumulative quota holds
-- the last place of its tie
SELECT count(*) AS rows, count(*) FILTER (WHERE grade IS DISTINCT FROM
         CASE WHEN last_place <= floor(0.2 * n) THEN 'A' WHEN last_place <= floor(0.7 * n) THEN 'B' ELSE 'C' END)
         AS quota_grade_mismatches
FROM (SELECT kaoping.quota_grade('{A,B,C}', '{0.2,0.5}') OVER (PARTITION BY p ORDER BY total DESC) AS grade,
             rank() OVER (PARTITION BY p ORDER BY total DESC) + count(*) OVER (PARTITION BY p, total) - 1 AS last_place,
             count(*) OVER (PARTITION BY p) AS n
      FROM window_row) s;

DROP EXTENSION kaoping;
