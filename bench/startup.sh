#!/usr/bin/env bash
# Start-up cost: `maskrun -- true` against `script -qc true /dev/null`, and `maskrun filter`
# on empty input (policy loading and engine compilation) with the default policy and with
# `builtin: all`; median and p90 of RUNS runs, baselines in the same run. The keyword
# databases come from maskrun's cache (a scratch XDG_CACHE_HOME, filled by a first run);
# the `MASKRUN_CACHE=0` rows compile them every time. Usage: bench/startup.sh [RUNS]
# SCRATCH_PATH: the build directory (default .build); MASKRUN_BIN: measure this binary.
set -euo pipefail
runs=${1:-30}
. "$(dirname "$0")/common.sh"
printf 'version: 1\nbuiltin: all\n' >"$work/all.yml"

export XDG_CACHE_HOME="$work/cache"
"$bin" -- true; "$bin" filter --policy "$work/all.yml" </dev/null
echo "start-up, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
row() { printf '  %-40s ' "$1"; shift; python3 bench/wall.py "$runs" "$@"; }
row "true" true
row "script -qc true /dev/null" script -qc true /dev/null
row "maskrun -- true" "$bin" -- true
row "maskrun filter </dev/null" "$bin" filter
row "maskrun filter (builtin: all) </dev/null" "$bin" filter --policy "$work/all.yml"
row "maskrun -- true, MASKRUN_CACHE=0" env MASKRUN_CACHE=0 "$bin" -- true
row "maskrun --policy P -- true (options read)" "$bin" --policy "$work/all.yml" -- true
