#!/usr/bin/env bash
# Recalculating 2018's year with five approved cycles before it in the
# database, against recalculating it alone (target: at most 1.2 x).  A
# filter on cycle and period must reach the base tables, so the cost grows
# with the year, not with the history.  The two databases take turns,
# BENCH_ROUNDS (9) rounds of three recalculations each, so that a machine
# whose speed drifts affects both alike; the medians are compared.  Run by
# test/bench/run.sh on its cluster, or on its own.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

if [ -z "${KAOPING_BENCH_CLUSTER:-}" ]; then
    kaoping_install_packages
    kaoping_build_install
    KAOPING_SERVER_OPTIONS="-c shared_buffers=2GB -c work_mem=256MB -c max_wal_size=4GB -c jit=off" kaoping_start_cluster
fi
export PGOPTIONS="-c client_min_messages=warning -c jit=off -c work_mem=256MB"
rounds=${BENCH_ROUNDS:-9}
for db in bench_alone bench_history; do
    kaoping_psql -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    kaoping_psql -d "$db" -f "$KAOPING_ROOT/test/demo/province.sql"
done
kaoping_psql -d bench_history -f "$KAOPING_ROOT/test/bench/history.sql" >/dev/null
for db in bench_alone bench_history; do
    kaoping_psql -d "$db" -c ANALYZE -c "SELECT kaoping.recalculate('2018', 'Y')" >/dev/null
done
seconds_of_three() {
    kaoping_psql -d "$1" -At <<'SQL'
CREATE FUNCTION pg_temp.seconds(runs int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  FOR r IN 1..runs LOOP PERFORM kaoping.recalculate('2018', 'Y'); END LOOP;
  RETURN extract(epoch FROM clock_timestamp() - started)::numeric / runs;
END $$;
SELECT round(pg_temp.seconds(3), 4);
SQL
}
alone_times=()
history_times=()
for _ in $(seq 1 "$rounds"); do
    alone_times+=("$(seconds_of_three bench_alone)")
    history_times+=("$(seconds_of_three bench_history)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
alone=$(median "${alone_times[@]}")
with_history=$(median "${history_times[@]}")
ratio=$(awk -v a="$alone" -v h="$with_history" 'BEGIN { printf "%.2f", h / a }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.2) ? "met" : "MISSED" }')
cycles=$(kaoping_psql -d bench_history -At -c "SELECT count(*) FROM kaoping.cycle")
results=$(kaoping_psql -d bench_history -At -c "SELECT count(*) FROM kaoping.indicator_result")
printf '\nhistory: recalculating 2018 Y alone %ss; with %s cycles (%s results) in the database %ss; ratio %s (target <= 1.2: %s)\n' \
    "$alone" "$cycles" "$results" "$with_history" "$ratio" "$verdict"
kaoping_psql -c "DROP DATABASE bench_alone" -c "DROP DATABASE bench_history"
