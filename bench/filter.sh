#!/usr/bin/env bash
# Throughput of `maskrun filter` with the default policy, next to `cat` and a `perl -pe`
# one-liner applying four of the same rules, on the same ~100 MB of log text, same run.
# Prints the median of RUNS runs for each; the last line is the full built-in catalogue
# (`builtin: all`). Usage: bench/filter.sh [SIZE_MB] [RUNS]
# SCRATCH_PATH: the build directory (default .build), so parallel builds need not share one;
# MASKRUN_BIN: measure this binary instead of building one.
set -euo pipefail
size=${1:-100}
runs=${2:-5}
. "$(dirname "$0")/common.sh"
printf 'version: 1\nbuiltin: all\n' >"$work/all.yml"
python3 bench/gen_log.py "$size" >"$work/log.txt"
bytes=$(stat -c %s "$work/log.txt")

perl_rules='s/\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/[MASKED]/g; s/\b(gh[pousr]_[A-Za-z0-9]{36,251})\b/[MASKED]/g; s/\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/[MASKED]/g; s/(?i)(authorization\s*:\s*(?:bearer\s+)?)\S+/$1\[MASKED]/g'

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {  # name, command...
    local name=$1; shift
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s.%N)
        "$@" <"$work/log.txt" >/dev/null
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')")
    done
    local best
    best=$(printf '%s\n' "${times[@]}" | median)
    local mbps
    mbps=$(awk -v n="$bytes" -v t="$best" 'BEGIN {print n / 1048576 / t}')
    printf '%-34s %8.3f s  %9.1f MB/s\n' "$name" "$best" "$mbps"
    echo "$mbps" >"$work/$name.mbps"
}

echo "input: $((bytes / 1048576)) MB of log text, median of $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure cat cat
measure "perl -pe (4 rules)" perl -pe "$perl_rules"
measure "maskrun filter (default policy)" "$bin" filter
measure "maskrun filter (builtin: all)" "$bin" filter --policy "$work/all.yml"
m=$(cat "$work/maskrun filter (default policy).mbps")
p=$(cat "$work/perl -pe (4 rules).mbps")
c=$(cat "$work/cat.mbps")
a=$(cat "$work/maskrun filter (builtin: all).mbps")
awk -v m="$m" -v p="$p" -v c="$c" 'BEGIN {printf "maskrun / perl: %.2fx   maskrun / cat: %.3fx\n", m / p, m / c}'
awk -v a="$a" -v p="$p" -v m="$m" 'BEGIN {printf "builtin all / perl: %.2fx   all / default: %.2fx\n", a / p, a / m}'
