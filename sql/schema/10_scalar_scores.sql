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
