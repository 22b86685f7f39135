#!/usr/bin/env bash
# Soak (not CI): SECONDS (default 600) of mixed output with planted secrets through
# `maskrun --` on a pty whose reader stalls. Prints RSS over time, throughput, and the
# secrets that reached the terminal (must be 0). A leak or a failed run exits 1.
# Usage: bench/soak.sh [SECONDS]; MASKRUN_BIN measures that binary instead of a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
if [ -n "${MASKRUN_BIN:-}" ]; then
    bin=$MASKRUN_BIN
else
    swift build -c release --product maskrun >/dev/null
    bin=$(swift build -c release --show-bin-path)/maskrun
fi
exec python3 bench/soak.py drive "$seconds" "$bin"
