#!/usr/bin/env bash
# The main job: the demo province's assessment (cycle 2018 of Liaoning) on
# a throwaway local cluster that this script starts and stops itself.
# Installs what is missing first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kaoping_install_packages
kaoping_build_install
kaoping_start_cluster
kaoping_psql -f "$KAOPING_ROOT/test/demo/province.sql"
kaoping_psql -f "$KAOPING_ROOT/test/demo/report.sql"
kaoping_psql -f "$KAOPING_ROOT/test/demo/operations.sql"
