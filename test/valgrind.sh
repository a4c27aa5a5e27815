#!/usr/bin/env bash
# Runs kaoping's pg_regress suite against a server under Valgrind's
# memcheck and reports every error whose stack passes through kaoping.so
# (the server's own reports, e.g. uninitialised padding it writes to disk,
# are counted apart and not attributed to kaoping).  Exits non-zero if
# kaoping has one.  Slow (some tens of minutes), so not part of
# test/check.sh; VALGRIND_TESTS picks pg_regress tests (default: all).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kaoping_install_packages
command -v valgrind >/dev/null || {
    echo "kaoping: installing valgrind"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
}
kaoping_build_install

# the server, as kaoping_start_cluster starts it, but under valgrind
data="$KAOPING_WORK/data"
logs="$KAOPING_WORK/valgrind"
PGPORT=$(kaoping_free_port)
PGHOST="$KAOPING_WORK/socket"
PGUSER=postgres
PGDATABASE=postgres
export PGPORT PGHOST PGUSER PGDATABASE
as_server_user mkdir -p "$PGHOST" "$logs"
as_server_user initdb -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_server_user sh -c "valgrind --quiet --trace-children=yes --track-origins=yes --num-callers=30 \
    --error-markers=VALGRIND-ERROR-BEGIN,VALGRIND-ERROR-END --log-file='$logs/%p.log' \
    $PG_BIN/postgres -D '$data' -p $PGPORT -k '$PGHOST' -c listen_addresses='' -c fsync=off \
    -c autovacuum=off -c max_parallel_workers_per_gather=0 >'$KAOPING_WORK/server.log' 2>&1 &"
trap 'as_server_user pg_ctl -D "$data" -m fast -w -t 300 stop >/dev/null 2>&1 || true; [ -n "${KAOPING_KEEP:-}" ] || rm -rf "$KAOPING_WORK"' EXIT
for _ in $(seq 1 120); do
    as_server_user pg_isready -q -h "$PGHOST" -p "$PGPORT" && break
    sleep 1
done

status=0
as_server_user make -C "$KAOPING_WORK/tree" PG_CONFIG="$PG_CONFIG" PGHOST="$PGHOST" PGPORT="$PGPORT" \
    PGUSER="$PGUSER" ${VALGRIND_TESTS:+REGRESS="$VALGRIND_TESTS"} installcheck-regress \
    >"$KAOPING_WORK/installcheck.log" 2>&1 || status=$?
grep -E '^test |tests (passed|failed)' "$KAOPING_WORK/installcheck.log" || true
as_server_user pg_ctl -D "$data" -m fast -w -t 300 stop >/dev/null 2>&1 || true

# every error report, and those whose stack passes through kaoping.so
all=$(cat "$logs"/*.log 2>/dev/null | grep -c 'VALGRIND-ERROR-BEGIN' || true)
ours=$(cat "$logs"/*.log 2>/dev/null | awk '/VALGRIND-ERROR-BEGIN/ { block = ""; inside = 1 }
    inside { block = block "\n" $0 }
    /VALGRIND-ERROR-END/ { inside = 0; if (block ~ /kaoping/) { n++; print block > "/dev/stderr" } }
    END { print n + 0 }')
echo "kaoping: valgrind memcheck over the pg_regress suite: $ours errors in kaoping.so, $all reports in all"
[ "$status" -eq 0 ] && [ "$ours" -eq 0 ]
