-- adjustment_total (R14): bonus points capped per rule group and in total,
-- penalty points summed uncapped.

CREATE TYPE kaoping.adjustment_state;

CREATE FUNCTION kaoping.adjustment_state_in(cstring)
RETURNS kaoping.adjustment_state
AS 'MODULE_PATHNAME', 'kaoping_adjustment_state_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.adjustment_state_out(kaoping.adjustment_state)
RETURNS cstring
AS 'MODULE_PATHNAME', 'kaoping_adjustment_state_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.adjustment_state_recv(internal)
RETURNS kaoping.adjustment_state
AS 'MODULE_PATHNAME', 'kaoping_adjustment_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION kaoping.adjustment_state_send(kaoping.adjustment_state)
RETURNS bytea
AS 'MODULE_PATHNAME', 'kaoping_adjustment_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kaoping.adjustment_state (
    INPUT = kaoping.adjustment_state_in,
    OUTPUT = kaoping.adjustment_state_out,
    RECEIVE = kaoping.adjustment_state_recv,
    SEND = kaoping.adjustment_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE kaoping.adjustment_state IS
  'transition state of adjustment_total: penalty sum, bonus cap and per rule group its bonus points and cap, text form ''penalty=-1 bonus_cap=3 group("B1b",0.6,0.4)''';
COMMENT ON FUNCTION kaoping.adjustment_state_in(cstring) IS 'text input of kaoping.adjustment_state';
COMMENT ON FUNCTION kaoping.adjustment_state_out(kaoping.adjustment_state) IS 'text output of kaoping.adjustment_state';
COMMENT ON FUNCTION kaoping.adjustment_state_recv(internal) IS 'binary input of kaoping.adjustment_state: its layout number, then its text form';
COMMENT ON FUNCTION kaoping.adjustment_state_send(kaoping.adjustment_state) IS 'binary output of kaoping.adjustment_state: its layout number, then its text form';

CREATE FUNCTION kaoping.adjustment_total_transition(kaoping.adjustment_state, text, numeric, numeric, numeric)
RETURNS kaoping.adjustment_state
AS 'MODULE_PATHNAME', 'kaoping_adjustment_total_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION kaoping.adjustment_state_combine(kaoping.adjustment_state, kaoping.adjustment_state)
RETURNS kaoping.adjustment_state
AS 'MODULE_PATHNAME', 'kaoping_adjustment_state_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION kaoping.adjustment_total_final(kaoping.adjustment_state)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_adjustment_total_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE kaoping.adjustment_total(rule_group text, points numeric, group_cap numeric, bonus_cap numeric) (
    SFUNC = kaoping.adjustment_total_transition,
    STYPE = kaoping.adjustment_state,
    FINALFUNC = kaoping.adjustment_total_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kaoping.adjustment_state_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION kaoping.adjustment_total_transition(kaoping.adjustment_state, text, numeric, numeric, numeric) IS
  'transition function of adjustment_total: bonus points to their rule group, penalty points to the penalty sum';
COMMENT ON FUNCTION kaoping.adjustment_state_combine(kaoping.adjustment_state, kaoping.adjustment_state) IS
  'combine function of adjustment_total: merges two partial states group by group; caps must agree';
COMMENT ON FUNCTION kaoping.adjustment_total_final(kaoping.adjustment_state) IS
  'final function of adjustment_total: least(sum over groups of least(group points, group_cap), bonus_cap) + penalties';
COMMENT ON AGGREGATE kaoping.adjustment_total(text, numeric, numeric, numeric) IS
  '加减分 R14: positive points capped per rule group (group_cap) and then in total (bonus_cap), negative points summed uncapped; a NULL cap means no cap, and a cap must be the same on every row it applies to; NULL points are skipped, no rows give NULL';
