#!/usr/bin/env bash
# The main job: the demo province's assessment (cycle 2018 of Liaoning) on
# a throwaway local cluster that this script starts and stops itself.
# Installs what is missing first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kaoping_install_packages
kaoping_build_install
kaoping_start_cluster

# The province's spreadsheets: generated (deterministically) in a database
# of their own and saved as one CSV file per table, as the office receives
# them.  Then loaded the way an office loads them: the plan at the start of
# the year, the year's inputs as they come, each staged, checked, applied.
kaoping_psql -c "CREATE DATABASE province_source"
kaoping_psql -d province_source -f "$KAOPING_ROOT/test/demo/province.sql"
files="$KAOPING_WORK/province-files"
kaoping_export_csv province_source "$files"
kaoping_psql -c "DROP DATABASE province_source"
kaoping_psql -c "CREATE EXTENSION kaoping"
echo
echo "== Loading the plan: $files/{cycle,unit,cycle_unit,policy,adjustment_rule,task,task_assignment,indicator,indicator_period,milestone}.csv"
(cd "$files" && kaoping_stage_csv postgres scoring_body.csv cycle.csv unit.csv cycle_unit.csv policy.csv adjustment_rule.csv \
    task.csv task_assignment.csv indicator.csv indicator_period.csv milestone.csv)
kaoping_psql -f "$KAOPING_ROOT/test/demo/load.sql"
echo "== Loading the year's inputs: milestone checks, indicator results, rankings, bonus and penalty events, funding"
(cd "$files" && kaoping_stage_csv postgres milestone_check.csv indicator_result.csv evaluation.csv adjustment.csv funding.csv)
kaoping_psql -f "$KAOPING_ROOT/test/demo/load.sql"
kaoping_psql -c "ANALYZE"
kaoping_psql -f "$KAOPING_ROOT/test/demo/report.sql"
kaoping_psql -f "$KAOPING_ROOT/test/demo/operations.sql"
