-- weighted_score (R9, R16): sum of score × weight, weights summing to 1.

CREATE TYPE kaoping.weighted_state;

CREATE FUNCTION kaoping.weighted_state_in(cstring)
RETURNS kaoping.weighted_state
AS 'MODULE_PATHNAME', 'kaoping_weighted_state_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.weighted_state_out(kaoping.weighted_state)
RETURNS cstring
AS 'MODULE_PATHNAME', 'kaoping_weighted_state_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.weighted_state_recv(internal)
RETURNS kaoping.weighted_state
AS 'MODULE_PATHNAME', 'kaoping_weighted_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.weighted_state_send(kaoping.weighted_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'kaoping_weighted_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kaoping.weighted_state (
    INPUT = kaoping.weighted_state_in,
    OUTPUT = kaoping.weighted_state_out,
    RECEIVE = kaoping.weighted_state_recv,
    SEND = kaoping.weighted_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE kaoping.weighted_state IS
  'transition state of weighted_score: exact sums of score × weight and of weights, text form ''weighted=85.5 weights=1 null_scores=false''';
COMMENT ON FUNCTION kaoping.weighted_state_in(cstring) IS 'text input of kaoping.weighted_state';
COMMENT ON FUNCTION kaoping.weighted_state_out(kaoping.weighted_state) IS 'text output of kaoping.weighted_state';
COMMENT ON FUNCTION kaoping.weighted_state_recv(internal) IS 'binary input of kaoping.weighted_state: its layout number, then its text form';
COMMENT ON FUNCTION kaoping.weighted_state_send(kaoping.weighted_state) IS 'binary output of kaoping.weighted_state: its layout number, then its text form';

CREATE FUNCTION kaoping.weighted_score_transition(kaoping.weighted_state, numeric, numeric)
RETURNS kaoping.weighted_state
AS 'MODULE_PATHNAME', 'kaoping_weighted_score_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION kaoping.weighted_state_combine(kaoping.weighted_state, kaoping.weighted_state)
RETURNS kaoping.weighted_state
AS 'MODULE_PATHNAME', 'kaoping_weighted_state_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION kaoping.weighted_score_final(kaoping.weighted_state)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_weighted_score_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE kaoping.weighted_score(score numeric, weight numeric) (
    SFUNC = kaoping.weighted_score_transition,
    STYPE = kaoping.weighted_state,
    FINALFUNC = kaoping.weighted_score_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kaoping.weighted_state_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION kaoping.weighted_score_transition(kaoping.weighted_state, numeric, numeric) IS
  'transition function of weighted_score: adds score × weight and weight';
COMMENT ON FUNCTION kaoping.weighted_state_combine(kaoping.weighted_state, kaoping.weighted_state) IS
  'combine function of weighted_score: adds two partial states';
COMMENT ON FUNCTION kaoping.weighted_score_final(kaoping.weighted_state) IS
  'final function of weighted_score: the weighted sum, an error unless the weights sum to exactly 1';
COMMENT ON AGGREGATE kaoping.weighted_score(numeric, numeric) IS
  '加权 R9/R16: sum of score × weight; the weights must sum to exactly 1 (and be 0 or more, never NULL); a NULL score makes the result NULL; no rows give NULL';
