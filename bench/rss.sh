#!/usr/bin/env bash
# Memory of one or more maskrun binaries, side by side, with script(1) as the yardstick:
#  - idle RSS: `BIN -- sleep 3` and `sleep 3 | BIN filter`, maskrun's own VmRSS after 1 s
#  - peak RSS: `BIN -- cat` of SIZE_MB of log text (bench/rss.py: the largest process)
# Usage: bench/rss.sh [SIZE_MB] BIN...   (default: the release build in .build)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100}
shift || true
bins=("$@")
if [ "${#bins[@]}" -eq 0 ]; then
    swift build -c release --product maskrun >/dev/null
    bins=("$(swift build -c release --show-bin-path)/maskrun")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_log.py "$size" >"$work/log.txt"

idle_rss() {  # command...: VmRSS in MB of the started process after 1 s, as it idles
    "$@" </dev/null >/dev/null 2>&1 &
    local pid=$!
    sleep 1
    awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"
    wait "$pid" || true
}
filter_idle_rss() {  # bin: maskrun filter waiting on a silent pipe
    (sleep 3 | "$1" filter >/dev/null) &
    sleep 1
    local pid
    pid=$(pgrep -n -f "^$1 filter$")
    awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"
    wait || true
}

printf '%-34s %10s %12s %14s\n' binary "idle run" "idle filter" "peak ${size} MB"
printf '%-34s %7s MB %12s %11s MB\n' "script -qec 'sleep 3' /dev/null" \
    "$(idle_rss script -qec 'sleep 3' /dev/null)" "-" \
    "$(python3 bench/rss.py script -qec "cat $work/log.txt" /dev/null | cut -d' ' -f2)"
for bin in "${bins[@]}"; do
    printf '%-34s %7s MB %9s MB %11s MB\n' "$(basename "$(dirname "$bin")")/$(basename "$bin")" \
        "$(idle_rss "$bin" -- sleep 3)" "$(filter_idle_rss "$bin")" \
        "$(python3 bench/rss.py "$bin" -- cat "$work/log.txt" | cut -d' ' -f2)"
done
