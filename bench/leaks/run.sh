#!/usr/bin/env bash
# The leak benchmark: generates a fresh corpus of command output with planted secrets of
# every built-in detector and look-alikes, runs maskrun over it (filter, pty, random
# chunks, random chunks under the pty) and prints recall and damaged look-alikes per
# detector family. Targets: recall at least 99%, damaged look-alikes under 0.5%.
#
# Usage: bench/leaks/run.sh [--seed N] [--per-detector K] [score.py options...]
#   --policy FILE (default builtin: all), --modes filter,pty,chunked,pty-chunked, --json FILE
# MASKRUN_BIN: the binary to measure (default: a release build, in SCRATCH_PATH or .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
gen_args=()
score_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seed|--per-detector|--lookalikes) gen_args+=("$1" "$2"); shift 2 ;;
        *) score_args+=("$1"); shift ;;
    esac
done
if [ -n "${MASKRUN_BIN:-}" ]; then
    bin=$MASKRUN_BIN
else
    scratch=${SCRATCH_PATH:-.build}
    swift build -c release --scratch-path "$scratch" --product maskrun >/dev/null
    bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/maskrun
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/leaks/gen.py "$work" "${gen_args[@]}"
python3 bench/leaks/score.py --maskrun "$bin" --dir "$work" "${score_args[@]}"
