#!/usr/bin/env bash
# maskrun as a terminal wrapper against script(1), same machine, same run:
#  - throughput of `maskrun -- cat BIGFILE` vs `script -qec 'cat BIGFILE' /dev/null`
#  - peak RSS of maskrun for a large file of short lines and one with a single huge line
#  - keystroke echo latency through `maskrun -- cat` vs `script -qc cat /dev/null`
# Usage: bench/pty.sh [SIZE_MB] [RUNS]
# SCRATCH_PATH: the build directory (default .build), so parallel builds need not share one;
# MASKRUN_BIN: measure this binary instead of building one.
set -euo pipefail
size=${1:-100}
runs=${2:-5}
. "$(dirname "$0")/common.sh"
python3 bench/gen_log.py "$size" >"$work/log.txt"
head -c "$((size * 1048576))" /dev/zero | tr '\0' 'x' >"$work/oneline.txt"
bytes=$(stat -c %s "$work/log.txt")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {  # label, command...: prints median time, MB/s and the largest peak RSS
    local label=$1; shift
    local times=() rss=0
    for _ in $(seq "$runs"); do
        read -r t r < <(python3 bench/rss.py "$@")
        times+=("$t")
        rss=$(awk -v a="$rss" -v b="$r" 'BEGIN {print (b > a) ? b : a}')
    done
    local t
    t=$(printf '%s\n' "${times[@]}" | median)
    printf '%-44s %7.3f s  %8.1f MB/s  peak RSS %6.1f MB\n' "$label" "$t" \
        "$(awk -v n="$bytes" -v t="$t" 'BEGIN {print n / 1048576 / t}')" "$rss"
    echo "$t" >"$work/last"
}

echo "input: $((bytes / 1048576)) MB of log text, median of $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "script -qec 'cat log' /dev/null" script -qec "cat $work/log.txt" /dev/null
s=$(cat "$work/last")
measure "maskrun -- cat log (default policy)" "$bin" -- cat "$work/log.txt"
m=$(cat "$work/last")
awk -v s="$s" -v m="$m" 'BEGIN {printf "maskrun throughput / script: %.2fx\n", s / m}'
measure "maskrun -- cat one ${size} MB line" "$bin" -- cat "$work/oneline.txt"

echo "keystroke echo latency (200 keystrokes of ordinary text):"
printf '  %-30s ' "script -qc cat /dev/null"; python3 bench/latency.py "the quick brown fox jumps" 200 -- script -qc cat /dev/null
printf '  %-30s ' "maskrun -- cat"; python3 bench/latency.py "the quick brown fox jumps" 200 -- "$bin" -- cat

echo "prompt latency (20 prompts each, the program waits for an answer after each):"
for prompt in '$ ' 'Password: '; do
    printf '  %-30s ' "script, '$prompt'"; python3 bench/prompt.py 20 --prompt "$prompt" -- script -qc '{}' /dev/null
    printf '  %-30s ' "maskrun, '$prompt'"; python3 bench/prompt.py 20 --prompt "$prompt" -- "$bin" --
done
