-- sum_state: the transition state of deduction_score and capped_sum, an
-- exact running sum and the group's cap.  Text form: 'sum=0.3 cap=0.4'
-- ('cap=none' for no cap), so that partial aggregates can travel as text.

CREATE TYPE kaoping.sum_state;

CREATE FUNCTION kaoping.sum_state_in(cstring)
RETURNS kaoping.sum_state
AS 'MODULE_PATHNAME', 'kaoping_sum_state_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.sum_state_out(kaoping.sum_state)
RETURNS cstring
AS 'MODULE_PATHNAME', 'kaoping_sum_state_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.sum_state_recv(internal)
RETURNS kaoping.sum_state
AS 'MODULE_PATHNAME', 'kaoping_sum_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.sum_state_send(kaoping.sum_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'kaoping_sum_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kaoping.sum_state (
    INPUT = kaoping.sum_state_in,
    OUTPUT = kaoping.sum_state_out,
    RECEIVE = kaoping.sum_state_recv,
    SEND = kaoping.sum_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE kaoping.sum_state IS
  'transition state of deduction_score and capped_sum: exact running sum and cap, text form ''sum=0.3 cap=0.4''';
COMMENT ON FUNCTION kaoping.sum_state_in(cstring) IS 'text input of kaoping.sum_state';
COMMENT ON FUNCTION kaoping.sum_state_out(kaoping.sum_state) IS 'text output of kaoping.sum_state';
COMMENT ON FUNCTION kaoping.sum_state_recv(internal) IS 'binary input of kaoping.sum_state: its layout number, then its text form';
COMMENT ON FUNCTION kaoping.sum_state_send(kaoping.sum_state) IS 'binary output of kaoping.sum_state: its layout number, then its text form';

CREATE FUNCTION kaoping.sum_state_combine(kaoping.sum_state, kaoping.sum_state)
RETURNS kaoping.sum_state
AS 'MODULE_PATHNAME', 'kaoping_sum_state_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION kaoping.sum_state_combine(kaoping.sum_state, kaoping.sum_state) IS
  'combine function of deduction_score and capped_sum: adds two partial sums of one group, whose caps must agree';

-- deduction_score (R8)

CREATE FUNCTION kaoping.deduction_score_transition(kaoping.sum_state, numeric)
RETURNS kaoping.sum_state
AS 'MODULE_PATHNAME', 'kaoping_deduction_score_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION kaoping.deduction_score_final(kaoping.sum_state)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_deduction_score_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE kaoping.deduction_score(deduction numeric) (
    SFUNC = kaoping.deduction_score_transition,
    STYPE = kaoping.sum_state,
    FINALFUNC = kaoping.deduction_score_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kaoping.sum_state_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION kaoping.deduction_score_transition(kaoping.sum_state, numeric) IS
  'transition function of deduction_score: adds a deduction (NULL skipped, negative an error)';
COMMENT ON FUNCTION kaoping.deduction_score_final(kaoping.sum_state) IS
  'final function of deduction_score: max(100 − sum, 0)';
COMMENT ON AGGREGATE kaoping.deduction_score(numeric) IS
  '直接扣分法 R8: max(100 − sum of deductions, 0); NULL deductions are skipped, a negative one is an error, no rows give NULL';

-- capped_sum

CREATE FUNCTION kaoping.capped_sum_transition(kaoping.sum_state, numeric, numeric)
RETURNS kaoping.sum_state
AS 'MODULE_PATHNAME', 'kaoping_capped_sum_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION kaoping.capped_sum_final(kaoping.sum_state)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_capped_sum_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE kaoping.capped_sum(points numeric, cap numeric) (
    SFUNC = kaoping.capped_sum_transition,
    STYPE = kaoping.sum_state,
    FINALFUNC = kaoping.capped_sum_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kaoping.sum_state_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION kaoping.capped_sum_transition(kaoping.sum_state, numeric, numeric) IS
  'transition function of capped_sum: adds points (NULL skipped) and checks the cap is the group''s';
COMMENT ON FUNCTION kaoping.capped_sum_final(kaoping.sum_state) IS
  'final function of capped_sum: least(sum, cap)';
COMMENT ON AGGREGATE kaoping.capped_sum(numeric, numeric) IS
  'least(sum of points, cap) (R14 group caps); the cap must be the same on every row of a group, a NULL cap means no cap; NULL points are skipped, no rows give NULL';
