-- The aggregate state types: exact text input and output, so that partial
-- aggregates can travel between servers (Citus) and back.
CREATE EXTENSION kaoping;

-- round trips, including values beyond fixed point and 'none' caps
SELECT s::kaoping.sum_state AS sum_state, s::kaoping.sum_state::text = s AS round_trip
FROM (VALUES ('sum=0.3 cap=0.4'), ('sum=0 cap=none'), ('sum=-1.5 cap=-1'),
             ('sum=123456789012345678901234567890.123 cap=none'),
             ('sum=0.0000000000000000001 cap=0.00000000000000000015')) v(s);
SELECT s::kaoping.weighted_state AS weighted_state, s::kaoping.weighted_state::text = s AS round_trip
FROM (VALUES ('weighted=85.5 weights=1 null_scores=false'),
             ('weighted=0 weights=0.5 null_scores=true'),
             ('weighted=10000000000000000000000000000000000000000.000000000000000000001 weights=1 null_scores=false')) v(s);
SELECT s::kaoping.adjustment_state AS adjustment_state, s::kaoping.adjustment_state::text = s AS round_trip
FROM (VALUES ('penalty=0 bonus_cap=none'),
             ('penalty=-1 bonus_cap=3 group("B1b",0.6,0.4) group("B1a",2,none)'),
             ('penalty=-7.6 bonus_cap=3 group("省\"政府\\表彰",0.5,none)')) v(s);
-- spaces are free between words
SELECT '  sum=1    cap=none  '::kaoping.sum_state;

-- a state read from text finishes like the aggregate it came from
SELECT kaoping.capped_sum_final('sum=0.6 cap=0.4'), kaoping.deduction_score_final('sum=2.5 cap=none'),
       kaoping.weighted_score_final('weighted=86.85 weights=1 null_scores=false'),
       kaoping.adjustment_total_final('penalty=-1 bonus_cap=3 group("B1a",3,none) group("B1b",0.6,0.4)');
-- the transition state of each aggregate, as text
SELECT kaoping.capped_sum_transition(kaoping.capped_sum_transition(NULL, 0.2, 0.4), 0.3, 0.4);
SELECT kaoping.weighted_score_transition(NULL, 90, 0.7);
SELECT kaoping.adjustment_total_transition(kaoping.adjustment_total_transition(NULL, 'B1b', 0.2, 0.4, 3), 'P1a', -2, NULL, 3);

-- The distributed path: partial states computed per shard, shipped as text,
-- combined and finished on the coordinator, equal the single-node answer.
CREATE TEMP TABLE event (shard int, unit text, rule_group text, points numeric, group_cap numeric);
INSERT INTO event
  SELECT i % 4, 'u' || (i % 7), 'G' || (i % 5), round(((i * 37) % 100)::numeric / 100 - 0.3, 2),
         CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 5) * 0.5 END
  FROM generate_series(1, 2000) i;
-- partial aggregates by hand: one state per shard and unit, as text
CREATE AGGREGATE pg_temp.sum_partial(numeric, numeric) (
    SFUNC = kaoping.capped_sum_transition, STYPE = kaoping.sum_state);
CREATE AGGREGATE pg_temp.sum_merge(kaoping.sum_state) (
    SFUNC = kaoping.sum_state_combine, STYPE = kaoping.sum_state,
    FINALFUNC = kaoping.capped_sum_final);
CREATE AGGREGATE pg_temp.adjustment_partial(text, numeric, numeric, numeric) (
    SFUNC = kaoping.adjustment_total_transition, STYPE = kaoping.adjustment_state);
CREATE AGGREGATE pg_temp.adjustment_merge(kaoping.adjustment_state) (
    SFUNC = kaoping.adjustment_state_combine, STYPE = kaoping.adjustment_state,
    FINALFUNC = kaoping.adjustment_total_final);
CREATE TEMP TABLE shipped AS
  SELECT shard, unit, pg_temp.sum_partial(points, 5)::text AS sum_text,
         pg_temp.adjustment_partial(rule_group, points, group_cap, 3)::text AS adjustment_text
  FROM event GROUP BY shard, unit;
SELECT count(*) AS units,
       count(*) FILTER (WHERE m.capped IS DISTINCT FROM d.capped) AS capped_sum_differs,
       count(*) FILTER (WHERE m.adjustment IS DISTINCT FROM d.adjustment) AS adjustment_differs
FROM (SELECT unit, pg_temp.sum_merge(sum_text::kaoping.sum_state) AS capped,
             pg_temp.adjustment_merge(adjustment_text::kaoping.adjustment_state) AS adjustment
      FROM shipped GROUP BY unit) m
JOIN (SELECT unit, kaoping.capped_sum(points, 5) AS capped,
             kaoping.adjustment_total(rule_group, points, group_cap, 3) AS adjustment
      FROM event GROUP BY unit) d USING (unit);
-- the combine functions, one side NULL
SELECT kaoping.sum_state_combine(NULL, 'sum=1 cap=none'), kaoping.sum_state_combine('sum=1 cap=none', NULL);
SELECT kaoping.sum_state_combine('sum=1 cap=2', 'sum=1.5 cap=2.0');
SELECT kaoping.weighted_state_combine('weighted=10 weights=0.5 null_scores=false', 'weighted=20 weights=0.5 null_scores=true');
SELECT kaoping.adjustment_state_combine('penalty=-1 bonus_cap=3 group("B1b",0.2,0.4)',
                                        'penalty=-2 bonus_cap=3 group("B1a",1,none) group("B1b",0.4,0.4)');

-- Bad input: invalid text, and states that disagree
\set SHOW_CONTEXT never
SELECT 'sum=abc cap=none'::kaoping.sum_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'sum=1'::kaoping.sum_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'sum=none cap=none'::kaoping.sum_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'sum=1 cap=none extra'::kaoping.sum_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'sum=NaN cap=none'::kaoping.sum_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'weighted=1 weights=1 null_scores=maybe'::kaoping.weighted_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'penalty=0 bonus_cap=3 group("B1b,0.2,0.4)'::kaoping.adjustment_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'penalty=0 bonus_cap=3 group("B1b",0.2)'::kaoping.adjustment_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'penalty=0 bonus_cap=3 group("B1b",0.2,0.4) group("B1b",0.2,0.6)'::kaoping.adjustment_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.sum_state_combine('sum=1 cap=2', 'sum=1 cap=3');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_state_combine('penalty=0 bonus_cap=3', 'penalty=0 bonus_cap=2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP AGGREGATE pg_temp.sum_partial(numeric, numeric), pg_temp.sum_merge(kaoping.sum_state),
  pg_temp.adjustment_partial(text, numeric, numeric, numeric), pg_temp.adjustment_merge(kaoping.adjustment_state);
-- States no aggregate could produce are refused, naming the field
SELECT kaoping.deduction_score_final('sum=-5 cap=none');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total_final('penalty=5 bonus_cap=none group("B1",-3,none)');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total_final('penalty=-5 bonus_cap=none group("B1",-3,none)');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.adjustment_total_final('penalty=-5 bonus_cap=none group("B1",0,none)');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.weighted_mean_final('weighted=5 weights=-1 null_scores=false');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- ... and a message shows at most some 60 bytes of the input, control
-- characters escaped
SELECT ('sum=' || repeat('9', 100000) || 'x cap=none')::kaoping.sum_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT (E'sum=1\x01\n cap=none')::kaoping.sum_state;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Binary form: the layout number, then the text form; COPY BINARY round
-- trips every state type, and a state of another layout is refused.
CREATE TEMP TABLE states (s kaoping.sum_state, w kaoping.weighted_state, a kaoping.adjustment_state);
INSERT INTO states VALUES ('sum=0.3 cap=0.4', 'weighted=85.5 weights=1 null_scores=false',
                           'penalty=-1 bonus_cap=3 group("B1b",0.6,0.4) group("B6",0.5,none)');
SELECT kaoping.sum_state_send(s), kaoping.weighted_state_send(w) FROM states;
CREATE TEMP TABLE states_back (LIKE states);
CREATE FUNCTION pg_temp.state_file() RETURNS text LANGUAGE sql
  AS $$ SELECT format('/tmp/kaoping_states_%s.bin', pg_backend_pid()) $$;
DO $$
BEGIN
    EXECUTE format('COPY states TO %L (FORMAT binary)', pg_temp.state_file());
    EXECUTE format('COPY states_back FROM %L (FORMAT binary)', pg_temp.state_file());
END $$;
SELECT o.s::text = b.s::text AND o.w::text = b.w::text AND o.a::text = b.a::text AS round_trip, b.*
FROM states o, states_back b;
-- a file of one sum_state of layout 2
SELECT lo_from_bytea(0,
  'PGCOPY'::bytea || '\x0aff0d0a00'::bytea || '\x0000000000000000'::bytea
  || '\x0001'::bytea || int4send(15) || '\x02'::bytea || convert_to('sum=1 cap=none', 'UTF8')
  || '\xffff'::bytea) AS state_lo \gset
SELECT lo_export(:state_lo, pg_temp.state_file()) AS written;
SELECT lo_unlink(:state_lo) AS unlinked;
CREATE TEMP TABLE sums (s kaoping.sum_state);
DO $$
BEGIN
    EXECUTE format('COPY sums FROM %L (FORMAT binary)', pg_temp.state_file());
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE '% %', SQLSTATE, SQLERRM;
END $$;
DO $$
BEGIN
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'rm -f ' || pg_temp.state_file());
END $$;
DROP TABLE states, states_back, sums;

DROP EXTENSION kaoping;
