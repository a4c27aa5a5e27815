-- Arguments that change between calls sharing one expression: PL/pgSQL
-- functions and DO blocks run their expressions many times with the same
-- function call state while their variables change, and a prepared
-- statement under a generic plan or a cursor passes parameters.  Only an
-- argument written as a constant may be remembered between calls.
CREATE EXTENSION kaoping;

-- the cases that returned the first call's answer on every row
CREATE FUNCTION pg_temp.f(a numeric) RETURNS numeric LANGUAGE plpgsql
  AS $$ BEGIN RETURN kaoping.efficacy_score(a, 50, 100); END $$;
SELECT x, pg_temp.f(x) FROM generate_series(60, 90, 10) x;
CREATE FUNCTION pg_temp.g(t numeric) RETURNS numeric LANGUAGE plpgsql
  AS $$ BEGIN RETURN kaoping.completion_score(50, t); END $$;
SELECT t, pg_temp.g(t) FROM (VALUES (100::numeric), (200), (50)) v (t);

-- every argument of every scalar, from PL/pgSQL, against the same call on
-- the row's columns: no mismatch
CREATE FUNCTION pg_temp.efficacy(a numeric, u numeric, s numeric, b numeric, sp numeric, c boolean)
RETURNS numeric LANGUAGE plpgsql AS $$ BEGIN RETURN kaoping.efficacy_score(a, u, s, b, sp, c); END $$;
CREATE FUNCTION pg_temp.completion(a numeric, t numeric, m numeric, h boolean)
RETURNS numeric LANGUAGE plpgsql AS $$ BEGIN RETURN kaoping.completion_score(a, t, m, h); END $$;
CREATE FUNCTION pg_temp.rank(r integer, n integer, top numeric, bottom numeric)
RETURNS numeric LANGUAGE plpgsql AS $$ BEGIN RETURN kaoping.rank_score(r, n, top, bottom); END $$;
SELECT count(*) AS efficacy_calls,
       count(*) FILTER (WHERE pg_temp.efficacy(a, u, u + d, b, sp, c)
                              IS DISTINCT FROM kaoping.efficacy_score(a, u, u + d, b, sp, c)) AS mismatches
FROM generate_series(55, 95, 20) a, generate_series(40, 60, 20) u, generate_series(30, 60, 30) d,
     (VALUES (60::numeric), (50)) vb (b), (VALUES (40::numeric), (30)) vs (sp), (VALUES (true), (false)) vc (c);
SELECT count(*) AS completion_calls,
       count(*) FILTER (WHERE pg_temp.completion(a, t, m, h)
                              IS DISTINCT FROM kaoping.completion_score(a, t, m, h)) AS mismatches
FROM generate_series(0, 120, 40) a, (VALUES (50::numeric), (100), (200)) vt (t),
     (VALUES (1::numeric), (1.2)) vm (m), (VALUES (true), (false)) vh (h);
SELECT count(*) AS rank_calls,
       count(*) FILTER (WHERE pg_temp.rank(r, n, top, bottom)
                              IS DISTINCT FROM kaoping.rank_score(r, n, top, bottom)) AS mismatches
FROM generate_series(1, 14) n, generate_series(1, 14) r, (VALUES (100::numeric, 60::numeric), (90, 70)) v (top, bottom)
WHERE r <= n;

-- a DO block's loop
DO $$
DECLARE
    got numeric[] := '{}';
BEGIN
    FOR r IN 1..5 LOOP
        got := got || kaoping.rank_score(r, 5);
    END LOOP;
    RAISE NOTICE 'rank scores %', got;
    got := '{}';
    FOR t IN 1..4 LOOP
        got := got || kaoping.completion_score(60, t * 25, max_ratio => t * 0.5);
    END LOOP;
    RAISE NOTICE 'completion scores %', got;
END $$;

-- an SQL function, a prepared statement under a generic plan, a cursor
CREATE FUNCTION pg_temp.h(a numeric, s numeric) RETURNS numeric LANGUAGE sql
  AS $$ SELECT kaoping.efficacy_score(a, 0, s) $$;
SELECT s, pg_temp.h(50, s) FROM (VALUES (100::numeric), (200), (400)) v (s);
SET plan_cache_mode = force_generic_plan;
PREPARE scores (numeric, numeric) AS SELECT kaoping.completion_score($1, $2), kaoping.efficacy_score($1, 0, $2);
EXECUTE scores (50, 100);
EXECUTE scores (50, 200);
EXECUTE scores (80, 100);
DEALLOCATE scores;
RESET plan_cache_mode;
BEGIN;
DECLARE c CURSOR FOR SELECT t, kaoping.completion_score(50, t) FROM (VALUES (100::numeric), (200), (25)) v (t);
FETCH 2 FROM c;
FETCH 1 FROM c;
COMMIT;
-- a constant argument is still read once, and still right on every row
SELECT x, kaoping.efficacy_score(x, 50, 100) FROM generate_series(60, 90, 10) x;

DROP EXTENSION kaoping;
