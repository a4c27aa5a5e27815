#!/usr/bin/env bash
# How the full assessment's time grows with the province.  Loads the demo
# province at several scales (BENCH_SCALES, default "1 3 10 30": that many
# provinces' worth of units, tasks and milestones in one cycle), and times a
# full computation of unit_score, both periods (median of BENCH_RUNS, 3),
# and a recalculation into a snapshot of one period, against the number of
# input rows.  The province is loaded twice: as usual (audit trail and
# freeze checks on) and as a restore would load it (kaoping.restore = on,
# both off), so that their cost shows.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

scales=${BENCH_SCALES:-1 3 10 30}
export PGOPTIONS="-c client_min_messages=warning"
runs=${BENCH_RUNS:-3}

kaoping_install_packages
kaoping_build_install
KAOPING_SERVER_OPTIONS="-c shared_buffers=2GB -c work_mem=256MB -c max_wal_size=4GB -c jit=off" kaoping_start_cluster

printf '%6s %7s %11s %16s %8s %13s %14s %14s\n' scale units input_rows load_unaudited_s load_s unit_score_s recalculate_s 'us/input_row'
for scale in $scales; do
    kaoping_psql -c "DROP DATABASE IF EXISTS bench_$scale" -c "CREATE DATABASE bench_$scale" \
        -c "DROP DATABASE IF EXISTS bench_${scale}_unaudited" -c "CREATE DATABASE bench_${scale}_unaudited"
    started=$(date +%s.%N)
    PGOPTIONS="$PGOPTIONS -c kaoping.restore=on" \
        kaoping_psql -d "bench_${scale}_unaudited" -v scale="$scale" -f "$KAOPING_ROOT/test/demo/province.sql"
    unaudited=$(date +%s.%N)
    kaoping_psql -c "DROP DATABASE bench_${scale}_unaudited"
    started_audited=$(date +%s.%N)
    kaoping_psql -d "bench_$scale" -v scale="$scale" -f "$KAOPING_ROOT/test/demo/province.sql"
    loaded=$(date +%s.%N)
    kaoping_psql -d "bench_$scale" -At -v runs="$runs" > "$KAOPING_WORK/bench_$scale.out" <<'SQL'
CREATE FUNCTION pg_temp.median_seconds(runs int, work text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz;
  times numeric[] := '{}';
BEGIN
  FOR r IN 1..runs LOOP
    started := clock_timestamp();
    EXECUTE work;
    times := times || extract(epoch FROM clock_timestamp() - started)::numeric;
  END LOOP;
  RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) t);
END $$;
SELECT (SELECT count(*) FROM kaoping.unit),
       (SELECT sum(n) FROM (
          SELECT count(*) AS n FROM kaoping.unit UNION ALL SELECT count(*) FROM kaoping.task
          UNION ALL SELECT count(*) FROM kaoping.task_assignment UNION ALL SELECT count(*) FROM kaoping.milestone
          UNION ALL SELECT count(*) FROM kaoping.milestone_check UNION ALL SELECT count(*) FROM kaoping.indicator
          UNION ALL SELECT count(*) FROM kaoping.indicator_result UNION ALL SELECT count(*) FROM kaoping.evaluation
          UNION ALL SELECT count(*) FROM kaoping.adjustment UNION ALL SELECT count(*) FROM kaoping.funding) c),
       round(pg_temp.median_seconds(:runs, 'SELECT count(total) FROM kaoping.unit_score'), 3),
       round(pg_temp.median_seconds(:runs, 'SELECT kaoping.recalculate(''2018'', ''Y'')'), 3);
SQL
    IFS='|' read -r units rows seconds recalculate < "$KAOPING_WORK/bench_$scale.out"
    load_unaudited=$(echo "$unaudited - $started" | awk '{ printf "%.1f", $1 - $3 }')
    load=$(echo "$loaded - $started_audited" | awk '{ printf "%.1f", $1 - $3 }')
    per_row=$(awk -v s="$seconds" -v r="$rows" 'BEGIN { printf "%.2f", s * 1e6 / r }')
    printf '%6s %7s %11s %16s %8s %13s %14s %14s\n' "$scale" "$units" "$rows" "$load_unaudited" "$load" "$seconds" "$recalculate" "$per_row"
    kaoping_psql -c "DROP DATABASE bench_$scale"
done
