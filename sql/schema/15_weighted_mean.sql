-- weighted_mean (R9): the weighted mean of scores, for categories whose
-- weights need not add up to 1.  It shares weighted_score's state.

CREATE FUNCTION kaoping.weighted_mean_final(kaoping.weighted_state)
RETURNS numeric
AS 'MODULE_PATHNAME', 'kaoping_weighted_mean_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE kaoping.weighted_mean(score numeric, weight numeric) (
    SFUNC = kaoping.weighted_score_transition,
    STYPE = kaoping.weighted_state,
    FINALFUNC = kaoping.weighted_mean_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = kaoping.weighted_state_combine,
    PARALLEL = SAFE
);

COMMENT ON FUNCTION kaoping.weighted_mean_final(kaoping.weighted_state) IS
  'final function of weighted_mean: Σ score × weight / Σ weight, rounded to 6 decimals';
COMMENT ON AGGREGATE kaoping.weighted_mean(numeric, numeric) IS
  '加权平均 R9: Σ score × weight / Σ weight, rounded half away from zero to 6 decimals; weights 0 or more, never NULL, not all 0; a NULL score makes the result NULL; no rows give NULL';
