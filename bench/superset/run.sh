#!/usr/bin/env bash
# Issue 13's superset-database prototype on the four benchmark texts (5 MB each).
# Usage: bench/superset/run.sh DETECTORS.json [--widen]
# DETECTORS.json lists the keyworded built-in detectors; one way to write it is a throwaway
# test in Tests/MaskrunEngineTests (not kept in the repository):
#   for d in BuiltinDetectors.all where d.prefilter != nil: {"id": d.id, "pattern": d.pattern,
#   "keywords": d.prefilter!.keywords, "caseless": d.prefilter!.caseless,
#   "default": d.confidence == .high}, written with JSONSerialization.
# Compiling the whole database takes minutes; run it on a quiet machine.
set -euo pipefail
json=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/superset" "$here/superset.c" $(pkg-config --cflags --libs libhs)
cc -O2 -o "$work/keywords" "$here/keywords.c" $(pkg-config --cflags --libs libhs)
python3 "$here/widen.py" "$json" "$work" "$@"
python3 "$here/../gen_log.py" 5 >"$work/log.txt"
for kind in build dpkg json; do python3 "$here/../gen_texts.py" "$kind" 5 >"$work/$kind.txt"; done
texts=("$work/log.txt" "$work/build.txt" "$work/dpkg.txt" "$work/json.txt")
"$work/keywords" "$work/keywords.tsv" "${texts[@]}"
"$work/superset" "$work/patterns.tsv" "${texts[@]}"
