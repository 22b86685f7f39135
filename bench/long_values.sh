#!/usr/bin/env bash
# Peak RSS and time of maskrun on values far longer than the bound on held bytes (which
# are masked whole, never released): filter mode and run mode (`maskrun -- cat`).
# Usage: bench/long_values.sh   (SCRATCH_PATH, MASKRUN_BIN as in bench/pty.sh)
set -euo pipefail
. "$(dirname "$0")/common.sh"
python3 bench/gen_long_values.py "$work"
echo "| input | size | filter: time, peak RSS | run: time, peak RSS |"
echo "|---|---|---|---|"
for file in secret.yaml secret.json password.txt key.pem endless.txt; do
    path=$work/$file
    size=$(stat -c %s "$path")
    read -r ft frss < <(python3 bench/rss.py sh -c "exec '$bin' filter < '$path'")
    read -r rt rrss < <(python3 bench/rss.py "$bin" -- cat "$path")
    echo "| $file | $size B | ${ft} s, ${frss} MB | ${rt} s, ${rrss} MB |"
done
