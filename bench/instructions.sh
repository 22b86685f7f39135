#!/usr/bin/env bash
# Instructions `maskrun filter` executes per SIZE_MB of `bench/gen_log.py` text, start-up
# subtracted (callgrind, so the machine's load does not matter), for the default policy and
# `builtin: all`, with `perl -pe` (the four rules of filter.sh) alongside. Valgrind cannot
# read the release binary's debug information, so a stripped copy is measured.
# Usage: bench/instructions.sh [SIZE_MB] [KIND]; KIND is `log` (bench/gen_log.py, the
# default) or one of bench/gen_texts.py's (build, dpkg, json, learned).
# SCRATCH_PATH, MASKRUN_BIN: as in filter.sh.
set -euo pipefail
size=${1:-5}
kind=${2:-log}
. "$(dirname "$0")/common.sh"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
if [ "$kind" = log ]; then
    python3 bench/gen_log.py "$size" >"$work/log.txt"
else
    python3 bench/gen_texts.py "$kind" "$size" >"$work/log.txt"
fi
printf 'version: 1\nbuiltin: all\n' >"$work/all.yml"
strip -o "$work/maskrun" "$bin"
export XDG_CACHE_HOME="$work/cache"
count() {  # input file, command...: instructions callgrind counts
    local input=$1; shift
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" <"$input" >/dev/null 2>"$work/cg.err"
    awk '/Collected :/ {print $4}' "$work/cg.err"
}
perl_rules='s/\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/[MASKED]/g; s/\b(gh[pousr]_[A-Za-z0-9]{36,251})\b/[MASKED]/g; s/\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/[MASKED]/g; s/(?i)(authorization\s*:\s*(?:bearer\s+)?)\S+/$1\[MASKED]/g'
echo "instructions per ${size} MB of $kind text, start-up subtracted (callgrind)"
for policy in default all; do
    args=(filter)
    [ "$policy" = all ] && args+=(--policy "$work/all.yml")
    # The first runs fill the cache, as a user's first would: the databases for the CPU
    # valgrind reports, the patterns' PCRE2 code (the same for any CPU) natively.
    count /dev/null "$work/maskrun" "${args[@]}" >/dev/null
    "$work/maskrun" "${args[@]}" <"$work/log.txt" >/dev/null
    empty=$(count /dev/null "$work/maskrun" "${args[@]}")
    full=$(count "$work/log.txt" "$work/maskrun" "${args[@]}")
    printf '  %-28s %6d M   (start-up %d M)\n' "maskrun filter, $policy" "$(( (full - empty) / 1000000 ))" "$(( empty / 1000000 ))"
done
empty=$(count /dev/null perl -pe "$perl_rules")
full=$(count "$work/log.txt" perl -pe "$perl_rules")
printf '  %-28s %6d M\n' "perl -pe (4 rules)" "$(( (full - empty) / 1000000 ))"
