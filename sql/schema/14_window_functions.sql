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
