#!/usr/bin/env bash
# Loading the benchmark province from its spreadsheets (§9): for each scale
# of BENCH_IMPORT_SCALES (default "10"), the inputs of test/demo/province.sql
# saved as CSV files, then loaded
#   - by a plain COPY of each file into its kaoping table, every trigger
#     (foreign keys, checks, audit trail) disabled: the floor, and
#   - through the import as test/demo.sh does it: staged by \copy, then
#     kaoping.check_import() and kaoping.apply_import(), the plan first and
#     the year's inputs after it.
# Prints the seconds and rows per second of each, and (check + apply) /
# COPY (target: at most 5).  Run by test/bench/run.sh, or on its own.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

if [ -z "${KAOPING_BENCH_CLUSTER:-}" ]; then
    kaoping_install_packages
    kaoping_build_install
    KAOPING_SERVER_OPTIONS="-c shared_buffers=2GB -c work_mem=256MB -c max_wal_size=4GB -c jit=off" kaoping_start_cluster
fi
export PGOPTIONS="-c client_min_messages=warning"
plan="scoring_body cycle unit cycle_unit policy adjustment_rule task task_assignment indicator indicator_period milestone"
inputs="milestone_check indicator_result evaluation adjustment funding"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

printf '%6s %10s %8s %10s %8s %8s %12s %12s %13s\n' scale rows copy_s staging_s check_s apply_s check_rows_s apply_rows_s check+apply/copy
for scale in ${BENCH_IMPORT_SCALES:-10}; do
    files="$KAOPING_WORK/files_$scale"
    kaoping_psql -c "DROP DATABASE IF EXISTS import_source" -c "CREATE DATABASE import_source"
    PGOPTIONS="$PGOPTIONS -c kaoping.restore=on" kaoping_psql -d import_source -v scale="$scale" -f "$KAOPING_ROOT/test/demo/province.sql"
    kaoping_export_csv import_source "$files"
    kaoping_psql -c "DROP DATABASE import_source"
    rows=$(cat "$files"/*.csv | wc -l)
    rows=$((rows - $(ls "$files"/*.csv | wc -l)))

    # the floor: COPY with every trigger off
    kaoping_psql -c "DROP DATABASE IF EXISTS import_copy" -c "CREATE DATABASE import_copy"
    kaoping_psql -d import_copy -c "CREATE EXTENSION kaoping"
    for table in $plan $inputs; do
        kaoping_psql -d import_copy -c "ALTER TABLE kaoping.$table DISABLE TRIGGER ALL"
    done
    started=$(seconds)
    for table in $plan $inputs; do
        columns=$(kaoping_psql -d import_copy -At -c "SELECT kaoping.import_template('$table')")
        [ "$table" = adjustment ] && columns=${columns/adjustment_id,/}
        [ "$table" = adjustment ] && from="PROGRAM 'cut -d, -f2- $files/adjustment.csv'" || from="'$files/$table.csv'"
        kaoping_psql -d import_copy -c "\\copy kaoping.$table ($columns) FROM $from WITH (FORMAT csv, HEADER true)"
    done
    copy_s=$(elapsed "$started" "$(seconds)")
    kaoping_psql -c "DROP DATABASE import_copy"

    # the import
    kaoping_psql -c "DROP DATABASE IF EXISTS import_load" -c "CREATE DATABASE import_load"
    kaoping_psql -d import_load -c "CREATE EXTENSION kaoping"
    staging=0 check=0 apply=0
    for part in "$plan" "$inputs"; do
        started=$(seconds)
        (cd "$files" && kaoping_stage_csv import_load $(for t in $part; do echo "$t.csv"; done))
        checked=$(seconds)
        problems=$(kaoping_psql -d import_load -At -c "SELECT count(*) FROM kaoping.check_import()")
        [ "$problems" = 0 ] || { echo "import: $problems problems" >&2; exit 1; }
        applying=$(seconds)
        kaoping_psql -d import_load -c "SELECT * FROM kaoping.apply_import()" >/dev/null
        done_at=$(seconds)
        staging=$(awk -v s="$staging" -v a="$started" -v b="$checked" 'BEGIN { print s + b - a }')
        check=$(awk -v s="$check" -v a="$checked" -v b="$applying" 'BEGIN { print s + b - a }')
        apply=$(awk -v s="$apply" -v a="$applying" -v b="$done_at" 'BEGIN { print s + b - a }')
    done
    kaoping_psql -c "DROP DATABASE import_load"
    awk -v scale="$scale" -v rows="$rows" -v copy="$copy_s" -v staging="$staging" -v check="$check" -v apply="$apply" 'BEGIN {
        printf "%6s %10d %8.2f %10.2f %8.2f %8.2f %12.0f %12.0f %13.2f\n",
               scale, rows, copy, staging, check, apply, rows / check, rows / apply, (check + apply) / copy }'
done
