-- Exactness: kaoping's fixed-point arithmetic, and its numeric fallback for
-- values that do not fit, agree with PostgreSQL's numeric on random values
-- of every magnitude and scale.
CREATE EXTENSION kaoping;

SELECT setseed(0.125);
-- 20,000 values from 1e-25 to 1e35, 0 to 30 decimals, both signs
CREATE TEMP TABLE val AS
  SELECT i, i % 97 AS g,
         round((random() - 0.3)::numeric * power(10::numeric, i % 60 - 25)
               + (i % 7) * power(10::numeric, (i % 13) - 6), i % 31) AS x
  FROM generate_series(1, 20000) i;

-- every value survives the trip into a state and out, to the last digit
-- and the same display scale
SELECT count(*) AS values,
       count(*) FILTER (WHERE kaoping.capped_sum_final(kaoping.capped_sum_transition(NULL, x, NULL))::text
                        IS DISTINCT FROM x::text) AS differ
FROM val;
-- sums agree with sum(numeric), text for text
SELECT count(*) AS groups,
       count(*) FILTER (WHERE mine::text IS DISTINCT FROM plain::text) AS differ
FROM (SELECT g, kaoping.capped_sum(x, NULL) AS mine, sum(x) AS plain FROM val GROUP BY g) s;
-- per group caps, in values
SELECT count(*) FILTER (WHERE mine IS DISTINCT FROM plain) AS capped_differ
FROM (SELECT g, kaoping.capped_sum(x, 1000) AS mine, least(sum(x), 1000) AS plain FROM val GROUP BY g) s;
SELECT count(*) FILTER (WHERE mine IS DISTINCT FROM plain) AS deduction_differ
FROM (SELECT g, kaoping.deduction_score(abs(x)) AS mine, greatest(100 - sum(abs(x)), 0) AS plain
      FROM val GROUP BY g) s;
-- products: weights 0.5, 0.25, 0.125, 0.125 make 1 in every group of four
SELECT count(*) AS groups, count(*) FILTER (WHERE mine::text IS DISTINCT FROM plain::text) AS weighted_differ
FROM (SELECT i / 4 AS q,
             kaoping.weighted_score(x, (ARRAY[0.5, 0.25, 0.125, 0.125])[i % 4 + 1]) AS mine,
             sum(x * (ARRAY[0.5, 0.25, 0.125, 0.125])[i % 4 + 1]) AS plain
      FROM val WHERE i BETWEEN 4 AND 19999 GROUP BY i / 4) s;
-- adjustment_total against its definition in plain SQL
SELECT count(*) FILTER (WHERE mine IS DISTINCT FROM plain) AS adjustment_differ
FROM (SELECT g, kaoping.adjustment_total('G' || (i % 5), x, CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 5) * 0.5 END, 3) AS mine
      FROM val GROUP BY g) m
JOIN (SELECT g, least(sum(capped) FILTER (WHERE capped > 0), 3) AS bonus, sum(penalty) AS penalty,
             coalesce(least(sum(capped) FILTER (WHERE capped > 0), 3), 0) + coalesce(sum(penalty), 0) AS plain
      FROM (SELECT g, rule_group, CASE WHEN bool_or(cap IS NULL) THEN sum(x) FILTER (WHERE x > 0)
                                       ELSE least(sum(x) FILTER (WHERE x > 0), min(cap)) END AS capped,
                   sum(x) FILTER (WHERE x < 0) AS penalty
            FROM (SELECT g, 'G' || (i % 5) AS rule_group, x,
                         CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 5) * 0.5 END AS cap FROM val) e
            GROUP BY g, rule_group) c
      GROUP BY g) p USING (g);

-- scalar scores against the same formulas in plain SQL.  The exact
-- reference rounds N / D half away from zero with integer division only:
-- sign × div(2|N| × 10^6 + |D|, 2|D|) × 0.000001.  The naive formula divides
-- to about 20 significant digits first and misses a few extreme cases
-- that kaoping gets right.
CREATE TEMP TABLE triple AS
  SELECT a.x AS a, u.x AS u, s.x AS s,
         60 * (s.x - u.x) + 40 * (a.x - u.x) AS n, s.x - u.x AS d
  FROM val a JOIN val u ON u.i = a.i % 1999 + 1 JOIN val s ON s.i = a.i % 2003 + 2
  WHERE s.x <> u.x;
SELECT count(*) AS triples,
       count(*) FILTER (WHERE kaoping.efficacy_score(a, u, s, clamp => false)
                        IS DISTINCT FROM sign(n) * sign(d) * div(2 * abs(n) * 1000000 + abs(d), 2 * abs(d)) * 0.000001)
         AS efficacy_differ_from_exact,
       count(*) FILTER (WHERE kaoping.efficacy_score(a, u, s, clamp => false)
                        IS DISTINCT FROM round(60 + 40 * (a - u) / (s - u), 6))
         AS efficacy_differ_from_naive,
       count(*) FILTER (WHERE kaoping.completion_score(a, abs(s) + 1, 1.5)
                        IS DISTINCT FROM round(100 * least(greatest(a / (abs(s) + 1), 0), 1.5), 6))
         AS completion_differ
FROM triple;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE kaoping.rank_score(r, n) IS DISTINCT FROM round(100 - 40.0 * (r - 1) / (n - 1), 6)) AS rank_differ
FROM generate_series(2, 67) n, generate_series(1, 67) r WHERE r <= n;

-- a result near numeric's largest is rounded without scaling it up first;
-- an intermediate product that cannot fit is a clear error
SELECT kaoping.rank_score(1, 1, 9.999e131071, 0) = 9.999e131071 AS largest_top,
       kaoping.rank_score(1, 2, 9.999e131071, 0) = 9.999e131071 AS largest_first_of_two;
SELECT kaoping.rank_score(2, 3, 9.999e131071, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP EXTENSION kaoping;
