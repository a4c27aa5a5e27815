#!/usr/bin/env bash
# Benchmarks kaoping on a throwaway cluster and prints ratios measured in
# one run: the primitives against PostgreSQL's own aggregates and against
# plain SQL, the memory of their states (primitives.sql), and the cost of a
# recalculation with years of history in the database (history.sh).  BENCH_ROWS (default 3,000,000) rows,
# BENCH_RUNS (default 5) timed runs per query, median reported;
# BENCH_ONLY, a regular expression, picks primitives by name.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

rows=${BENCH_ROWS:-3000000}
runs=${BENCH_RUNS:-5}
only=${BENCH_ONLY:-.}

kaoping_install_packages
kaoping_build_install
KAOPING_SERVER_OPTIONS="-c shared_buffers=2GB -c max_wal_size=4GB" kaoping_start_cluster
kaoping_psql -v rows="$rows" -v runs="$runs" -v only="$only" -f "$KAOPING_ROOT/test/bench/primitives.sql"
KAOPING_BENCH_CLUSTER=1 bash "$KAOPING_ROOT/test/bench/history.sh"
KAOPING_BENCH_CLUSTER=1 bash "$KAOPING_ROOT/test/bench/import.sh"
