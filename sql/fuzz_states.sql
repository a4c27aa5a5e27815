-- Fuzzing the state types: thousands of mutated, truncated and extreme
-- state strings, deterministic (a fixed seed).  Each is either refused
-- with a proper SQLSTATE (never an internal error, XX000) or accepted; an
-- accepted state prints back to a text that reads as the same state, and
-- its final and combine functions either answer or refuse with a proper
-- SQLSTATE.
CREATE EXTENSION kaoping;
SELECT setseed(0.375);

-- valid states of every type, as the aggregates print them
CREATE TEMP TABLE seed_state (type_name text, state text);
INSERT INTO seed_state VALUES
  ('sum_state', 'sum=0.3 cap=0.4'), ('sum_state', 'sum=0 cap=none'), ('sum_state', 'sum=-1.5 cap=-1'),
  ('sum_state', 'sum=123456789012345678901234567890.123 cap=none'),
  ('sum_state', 'sum=0.0000000000000000001 cap=0.00000000000000000015'),
  ('weighted_state', 'weighted=85.5 weights=1 null_scores=false'),
  ('weighted_state', 'weighted=0 weights=0.5 null_scores=true'),
  ('weighted_state', 'weighted=10000000000000000000000000000000000000000.000000000000000000001 weights=1 null_scores=false'),
  ('adjustment_state', 'penalty=-1 bonus_cap=3 group("B1b",0.6,0.4) group("B1a",2,none)'),
  ('adjustment_state', 'penalty=0 bonus_cap=none'),
  ('adjustment_state', 'penalty=-2.5 bonus_cap=3 group("B6",0.5,0.5) group("B2\"c",0.2,0.4) group("组",1,none)');

-- mutations: each position deleted, a character inserted or replaced
-- there (digits, signs, separators, quotes, letters, a control character,
-- a multibyte character), the string cut there, and extreme values
CREATE TEMP TABLE candidate AS
SELECT type_name, 'mutated' AS kind, m AS state
FROM seed_state s,
     LATERAL (SELECT generate_series(1, length(s.state)) AS pos) p,
     LATERAL (VALUES
         (overlay(s.state PLACING '' FROM pos FOR 1)),
         (overlay(s.state PLACING (ARRAY['0', '9', '-', '+', '.', ',', ' ', '"', '\', '(', ')', '=', 'e', 'x',
                                         E'\x01', '组', 'none', 'E99999'])[1 + floor(random() * 18)::int]
                  FROM pos FOR 0)),
         (overlay(s.state PLACING (ARRAY['0', '9', '-', '.', ' ', '"', '(', ')', '=', 'n', 'E-9999', '1e131071'])
                                  [1 + floor(random() * 12)::int] FROM pos FOR 1)),
         (left(s.state, pos - 1))) AS v (m)
UNION ALL
SELECT type_name, 'extreme', state FROM (VALUES
  ('sum_state', 'sum=9e131071 cap=none'), ('sum_state', 'sum=-9e131071 cap=9e131071'),
  ('sum_state', 'sum=1e-16383 cap=none'), ('sum_state', 'sum=0.' || repeat('0', 16382) || '1 cap=none'),
  ('sum_state', 'sum=1 cap=none ' || repeat('x', 10000)), ('sum_state', ''), ('sum_state', 'cap=none sum=1'),
  ('weighted_state', 'weighted=1 weights=-0.0000000000001 null_scores=false'),
  ('weighted_state', 'weighted=NaN weights=1 null_scores=false'),
  ('weighted_state', 'weighted=Infinity weights=1 null_scores=false'),
  ('weighted_state', 'weighted=1 weights=1 null_scores=maybe'),
  ('adjustment_state', 'penalty=-1 bonus_cap=3' || repeat(' group("g",1,none)', 3)),
  ('adjustment_state', 'penalty=-1 bonus_cap=3 group("' || repeat('x', 32) || '",1,none)'),
  ('adjustment_state', 'penalty=-1 bonus_cap=3 group("' || repeat('x', 31) || '",1,none)'),
  ('adjustment_state', 'penalty=0 bonus_cap=none' || (SELECT string_agg(format(' group("g%s",1,none)', i), '') FROM generate_series(1, 1001) i)),
  ('adjustment_state', 'penalty=0 bonus_cap=none' || (SELECT string_agg(format(' group("g%s",1,none)', i), '') FROM generate_series(1, 1000) i)),
  ('adjustment_state', 'penalty=1e-30 bonus_cap=none'),
  ('adjustment_state', 'penalty=-1 bonus_cap=-3 group("g",1,-1)')) v (type_name, state);

-- each candidate: read it, print it, read that, finish and combine it
CREATE TEMP TABLE outcome (type_name text, kind text, state text, sqlstate text, round_trip boolean, finished text);
DO $$
DECLARE
    c record;
    printed text;
    again text;
    finished text;
BEGIN
    FOR c IN SELECT * FROM candidate LOOP
        BEGIN
            EXECUTE format('SELECT (%L::kaoping.%I)::text', c.state, c.type_name) INTO printed;
            EXECUTE format('SELECT (%L::kaoping.%I)::text', printed, c.type_name) INTO again;
            BEGIN
                EXECUTE format(CASE c.type_name
                    WHEN 'sum_state' THEN
                        'SELECT concat_ws(%3$L, kaoping.capped_sum_final(%1$L), kaoping.deduction_score_final(%1$L),
                                kaoping.sum_state_combine(%1$L, %1$L))'
                    WHEN 'weighted_state' THEN
                        'SELECT concat_ws(%3$L, kaoping.weighted_score_final(%1$L), kaoping.weighted_mean_final(%1$L),
                                kaoping.weighted_state_combine(%1$L, %1$L))'
                    ELSE
                        'SELECT concat_ws(%3$L, kaoping.adjustment_total_final(%1$L), kaoping.adjustment_state_combine(%1$L, %1$L))'
                    END, printed, c.type_name, ' | ') INTO finished;
            EXCEPTION WHEN OTHERS THEN
                finished := 'refused ' || SQLSTATE;
            END;
            INSERT INTO outcome VALUES (c.type_name, c.kind, c.state, NULL, again = printed, finished);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO outcome VALUES (c.type_name, c.kind, c.state, SQLSTATE, NULL, NULL);
        END;
    END LOOP;
END $$;

SELECT type_name, count(*) AS strings, count(*) FILTER (WHERE kind = 'mutated') AS mutated, count(*) FILTER (WHERE sqlstate IS NULL) AS accepted,
       count(*) FILTER (WHERE sqlstate IS NOT NULL) AS refused,
       count(*) FILTER (WHERE sqlstate IS NULL AND NOT round_trip) AS not_round_trip,
       count(*) FILTER (WHERE sqlstate LIKE 'XX%' OR finished LIKE 'refused XX%') AS internal_errors
FROM outcome GROUP BY type_name ORDER BY type_name;
-- the SQLSTATEs given, by class
SELECT left(coalesce(sqlstate, substr(finished, 9)), 2) AS class, count(*) > 0 AS seen
FROM outcome WHERE sqlstate IS NOT NULL OR finished LIKE 'refused %'
GROUP BY 1 ORDER BY 1;
-- finishing an accepted state refuses only what its aggregate never holds
SELECT type_name, substr(finished, 9) AS refused_with, count(*) > 0 AS seen
FROM outcome WHERE finished LIKE 'refused %' GROUP BY 1, 2 ORDER BY 1, 2;
-- the extreme values, one by one
SELECT type_name, left(state, 50) AS state, coalesce(sqlstate, 'accepted') AS outcome, left(finished, 60) AS finished
FROM outcome WHERE kind = 'extreme'
ORDER BY type_name, length(state), state;

DROP EXTENSION kaoping;
