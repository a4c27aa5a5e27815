\echo Use "CREATE EXTENSION kaoping" to load this file. \quit
-- kaoping 0.1.0: the scoring primitives.  The Makefile assembles the
-- extension scripts from sql/install/<version>/*.sql and puts the
-- "use CREATE EXTENSION" guard first.  Every object lives in the fixed
-- schema kaoping and is named with it; nothing depends on search_path.

COMMENT ON SCHEMA kaoping IS
  'kaoping: provincial performance assessment (考评) computed in the database';
-- Scalar scores: efficacy coefficient (R6), completion ratio (R7) and rank
-- score (R13).  Results divide, so they are rounded half away from zero to
-- 6 decimals.  A NULL argument gives NULL (STRICT).

CREATE FUNCTION kaoping.efficacy_score(
    actual numeric,
    unallowable numeric,
    satisfactory numeric,
    base numeric DEFAULT 60,
    span numeric DEFAULT 40,
    clamp boolean DEFAULT true)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_efficacy_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION kaoping.efficacy_score(numeric, numeric, numeric, numeric, numeric, boolean) IS
  '功效系数法 R6: base + span × (actual − unallowable) / (satisfactory − unallowable), the ratio clamped to [0, 1] unless clamp is false; satisfactory must differ from unallowable';

CREATE FUNCTION kaoping.completion_score(
    actual numeric,
    target numeric,
    max_ratio numeric DEFAULT 1,
    higher_is_better boolean DEFAULT true)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_completion_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION kaoping.completion_score(numeric, numeric, numeric, boolean) IS
  '完成比例法 R7: 100 × clamp(actual / target, 0, max_ratio), or target / actual when lower is better (an actual of 0 or less then scores 100 × max_ratio); target and max_ratio must be above 0';

CREATE FUNCTION kaoping.rank_score(
    rank integer,
    n integer,
    top numeric DEFAULT 100,
    bottom numeric DEFAULT 60)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_rank_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION kaoping.rank_score(integer, integer, numeric, numeric) IS
  '排序评价 R13: rank 1 of n scores top, rank n scores bottom, linearly in between; n = 1 scores top; rank must lie in 1..n';
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

CREATE TYPE kaoping.sum_state (
    INPUT = kaoping.sum_state_in,
    OUTPUT = kaoping.sum_state_out,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE kaoping.sum_state IS
  'transition state of deduction_score and capped_sum: exact running sum and cap, text form ''sum=0.3 cap=0.4''';
COMMENT ON FUNCTION kaoping.sum_state_in(cstring) IS 'text input of kaoping.sum_state';
COMMENT ON FUNCTION kaoping.sum_state_out(kaoping.sum_state) IS 'text output of kaoping.sum_state';

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

CREATE TYPE kaoping.weighted_state (
    INPUT = kaoping.weighted_state_in,
    OUTPUT = kaoping.weighted_state_out,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE kaoping.weighted_state IS
  'transition state of weighted_score: exact sums of score × weight and of weights, text form ''weighted=85.5 weights=1 null_scores=false''';
COMMENT ON FUNCTION kaoping.weighted_state_in(cstring) IS 'text input of kaoping.weighted_state';
COMMENT ON FUNCTION kaoping.weighted_state_out(kaoping.weighted_state) IS 'text output of kaoping.weighted_state';

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

CREATE TYPE kaoping.adjustment_state (
    INPUT = kaoping.adjustment_state_in,
    OUTPUT = kaoping.adjustment_state_out,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE kaoping.adjustment_state IS
  'transition state of adjustment_total: penalty sum, bonus cap and per rule group its bonus points and cap, text form ''penalty=-1 bonus_cap=3 group("B1b",0.6,0.4)''';
COMMENT ON FUNCTION kaoping.adjustment_state_in(cstring) IS 'text input of kaoping.adjustment_state';
COMMENT ON FUNCTION kaoping.adjustment_state_out(kaoping.adjustment_state) IS 'text output of kaoping.adjustment_state';

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
-- Window functions: each reads its partition once, on its first row.

CREATE FUNCTION kaoping.peer_efficacy_score(
    actual numeric,
    higher_is_better boolean DEFAULT true,
    base numeric DEFAULT 60,
    span numeric DEFAULT 40)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_peer_efficacy_score'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION kaoping.peer_efficacy_score(numeric, boolean, numeric, numeric) IS
  '功效系数法 R6 against the peers: the partition''s best actual is satisfactory and its worst unallowable (swapped when lower is better); all peers equal score base + span; a NULL actual scores NULL and is no peer';

CREATE FUNCTION kaoping.proportional_share(
    amount numeric,
    top_points numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_proportional_share'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION kaoping.proportional_share(numeric, numeric) IS
  '按比例加分 R11/R14 B3: top_points × amount / the largest amount in the partition; all amounts 0 give 0; a negative amount is an error';

CREATE FUNCTION kaoping.quota_grade(
    labels text[],
    quotas numeric[])
RETURNS text
AS 'MODULE_PATHNAME', 'kaoping_quota_grade'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION kaoping.quota_grade(text[], numeric[]) IS
  '按比例拉开等次 R18, over ORDER BY total DESC: quotas[i] is the largest share grade labels[i] may hold (the last label takes the rest); the first k grades hold at most floor(cumulative quota × n) units and equal totals are never split, a tie that would overflow falls wholly to the next grade; labels and quotas are read from the partition''s first row';
