# Shared by test/check.sh, test/demo.sh and test/bench/run.sh: install what
# is missing, build and install kaoping, and run a throwaway PostgreSQL 15
# cluster on a free port under a temporary directory.  Sourced, not run.

KAOPING_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PG_CONFIG=$PG_BIN/pg_config

# The server refuses to run as root: as root, run it (and the tests that
# start servers) as the postgres user.
as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- env PATH="$PG_BIN:$PATH" "$@"
    else
        env PATH="$PG_BIN:$PATH" "$@"
    fi
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

kaoping_install_packages() {
    local missing=()
    # postgresql-client-15 ships pgxs.mk without the server headers: test
    # for the headers a build includes, which only the dev package has.
    local includedir
    includedir=$("$PG_CONFIG" --includedir-server 2>/dev/null || echo /usr/include/postgresql/15/server)
    [ -f "$includedir/postgres.h" ] && [ -f "$includedir/fmgr.h" ] \
        && [ -f /usr/lib/postgresql/15/lib/pgxs/src/makefiles/pgxs.mk ] \
        || missing+=(postgresql-server-dev-15)
    perl -MIPC::Run -e 1 2>/dev/null || missing+=(libipc-run-perl)
    command -v make >/dev/null && command -v gcc >/dev/null || missing+=(build-essential)
    [ -x "$PG_BIN/postgres" ] || missing+=(postgresql-15)
    [ -f /usr/lib/postgresql/15/lib/pg_cron.so ] || missing+=(postgresql-15-cron)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "kaoping: installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# Builds in a private copy of the tree (owned by the server user, so that
# tests can write their results there) and installs the extension.
kaoping_build_install() {
    KAOPING_WORK=$(mktemp -d /tmp/kaoping.XXXXXX)
    chmod 755 "$KAOPING_WORK"
    mkdir "$KAOPING_WORK/tree"
    (cd "$KAOPING_ROOT" && tar --exclude=.git --exclude='*.o' --exclude='*.so' \
        --exclude=results --exclude=tmp_check -cf - .) | tar -C "$KAOPING_WORK/tree" -xf -
    make -s -C "$KAOPING_WORK/tree" PG_CONFIG="$PG_CONFIG" clean >/dev/null
    make -s -C "$KAOPING_WORK/tree" PG_CONFIG="$PG_CONFIG" WERROR=-Werror >/dev/null
    as_root make -s -C "$KAOPING_WORK/tree" PG_CONFIG="$PG_CONFIG" install >/dev/null
    [ "$(id -u)" -eq 0 ] && chown -R postgres: "$KAOPING_WORK"
    return 0
}

kaoping_free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

kaoping_start_cluster() {
    local data="$KAOPING_WORK/data"
    PGPORT=$(kaoping_free_port)
    PGHOST="$KAOPING_WORK/socket"
    PGUSER=postgres
    PGDATABASE=postgres
    export PGPORT PGHOST PGUSER PGDATABASE
    as_server_user mkdir -p "$PGHOST"
    as_server_user initdb -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$KAOPING_WORK/initdb.log" 2>&1 || { cat "$KAOPING_WORK/initdb.log"; return 1; }
    as_server_user pg_ctl -D "$data" -l "$KAOPING_WORK/server.log" -w \
        -o "-p $PGPORT -k $PGHOST -c listen_addresses='' -c fsync=off ${KAOPING_SERVER_OPTIONS:-}" \
        start >/dev/null || { cat "$KAOPING_WORK/server.log"; return 1; }
    trap kaoping_stop_cluster EXIT
}

kaoping_stop_cluster() {
    if [ -n "${KAOPING_WORK:-}" ] && [ -d "$KAOPING_WORK/data" ]; then
        as_server_user pg_ctl -D "$KAOPING_WORK/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    [ -n "${KAOPING_KEEP:-}" ] || rm -rf "${KAOPING_WORK:-/nonexistent}"
}

kaoping_psql() {
    psql -X -v ON_ERROR_STOP=1 -q "$@"
}

# The input tables of a database as CSV files in a folder, one per table,
# each with the header kaoping.import_template gives (what an office's
# spreadsheets hold).  Events go without their numbers, as an office's
# sheet has them.
kaoping_export_csv() {
    local db=$1 dir=$2 table columns select where
    mkdir -p "$dir"
    chmod 777 "$dir"
    for table in $(kaoping_psql -d "$db" -At -c "SELECT table_name FROM kaoping.import_tables() ORDER BY apply_order"); do
        columns=$(kaoping_psql -d "$db" -At -c "SELECT kaoping.import_template('$table')")
        select=$columns
        [ "$table" = adjustment ] && select=${columns/adjustment_id/NULL AS adjustment_id}
        [ "$table" = adjustment_rule ] && where="WHERE NOT builtin" || where=""
        kaoping_psql -d "$db" -c "\\copy (SELECT $select FROM kaoping.$table $where ORDER BY 1, 2) TO '$dir/$table.csv' CSV HEADER"
    done
}

# Stages the CSV files of a folder named after tables (table.csv), each
# by \copy … WITH (FORMAT csv, HEADER match), so that a file with other columns than its
# table's is refused as it is read.
kaoping_stage_csv() {
    local db=$1 file table
    shift
    for file in "$@"; do
        table=$(basename "$file" .csv)
        kaoping_psql -d "$db" -c "\\copy kaoping_import.$table ($(kaoping_psql -d "$db" -At -c "SELECT kaoping.import_template('$table')")) FROM '$file' WITH (FORMAT csv, HEADER match)"
    done
}
