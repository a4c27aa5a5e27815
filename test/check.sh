#!/usr/bin/env bash
# Runs every test of kaoping: the pg_regress files in sql/ against a
# throwaway cluster, then the TAP tests in test/t/ (each starts servers of
# its own).  Installs what is missing first.  Exits non-zero on any failure.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kaoping_install_packages
kaoping_build_install
kaoping_start_cluster

status=0
as_server_user make -C "$KAOPING_WORK/tree" PG_CONFIG="$PG_CONFIG" \
    PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" installcheck \
    >"$KAOPING_WORK/installcheck.log" 2>&1 || status=$?
cat "$KAOPING_WORK/installcheck.log"
if [ $status -ne 0 ] && [ -f "$KAOPING_WORK/tree/regression.diffs" ]; then
    cat "$KAOPING_WORK/tree/regression.diffs"
fi
if [ $status -ne 0 ] && [ -d "$KAOPING_WORK/tree/tmp_check/log" ]; then
    tail -n 50 "$KAOPING_WORK/tree/tmp_check/log"/* || true
fi

# one closing line for both runners: pg_regress's tests and prove's checks
log="$KAOPING_WORK/installcheck.log"
regress_passed=$(grep -cE '^test .* \.\.\. ok ' "$log" || true)
regress_failed=$(grep -cE '^test .* \.\.\. FAILED' "$log" || true)
tap_tests=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$log" | tail -n 1)
tap_failed=$(awk '/^Failed [0-9]+\/[0-9]+ subtests/ { split($2, f, "/"); n += f[1] } END { print n + 0 }' "$log")
tap_tests=${tap_tests:-0}
tap_failed=${tap_failed:-0}
if [ $status -ne 0 ] && [ $((regress_failed + tap_failed)) -eq 0 ]; then
    regress_failed=1    # the run broke before a test could report
fi
echo "kaoping: pg_regress $regress_passed passed, $regress_failed failed; TAP $((tap_tests - tap_failed)) passed, $tap_failed failed"
echo "$((regress_passed + tap_tests - tap_failed)) passed, $((regress_failed + tap_failed)) failed"
exit $status
