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

# one closing line for both runners: pg_regress's tests and prove's files
regress_ok=$(grep -cE '^(ok|test) .* ok( |$)|^ok +[0-9]+ +[-+] ' "$KAOPING_WORK/installcheck.log" || true)
regress_failed=$(grep -cE '^not ok|^test .* FAILED| FAILED( |$)' "$KAOPING_WORK/installcheck.log" || true)
echo "kaoping: regression and TAP log above; pg_regress tests: $regress_ok ok, $regress_failed failed"
if [ $status -eq 0 ]; then
    tap_line=$(grep -E '^Files=' "$KAOPING_WORK/installcheck.log" | tail -n 1)
    echo "TAP: $tap_line"
fi
exit $status
