#!/usr/bin/env bash
# Where `maskrun filter`'s time goes, by difference between policies on the same ~100 MB of
# log text (median of RUNS runs each):
#   pipeline      builtin: none (read, escape splitting, bookkeeping, write)
#   keyword rules default policy without the keyword-less detectors, less the pipeline
#                 (the Vectorscan keyword pass and the PCRE2 tries near keywords)
#   keyword-less  card, IBAN and SSN: the default policy less the one above
#   opt-in        builtin: all less the default policy (email, phone, IPv4, IPv6, ...)
# Usage: bench/stages.sh [SIZE_MB] [RUNS]. SCRATCH_PATH, MASKRUN_BIN: as in filter.sh.
set -euo pipefail
size=${1:-100}
runs=${2:-5}
. "$(dirname "$0")/common.sh"
python3 bench/gen_log.py "$size" >"$work/log.txt"
bytes=$(stat -c %s "$work/log.txt")
printf 'version: 1\nbuiltin: none\n' >"$work/none.yml"
printf 'version: 1\nbuiltin: default\ndisable: [payment-card-number, iban, us-ssn]\n' >"$work/keyworded.yml"
printf 'version: 1\nbuiltin: default\n' >"$work/default.yml"
printf 'version: 1\nbuiltin: all\n' >"$work/all.yml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() {  # policy file: median wall time of `maskrun filter`
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s.%N)
        "$bin" filter --policy "$1" <"$work/log.txt" >/dev/null
        end=$(date +%s.%N)
        awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
    done | median
}
none=$(seconds "$work/none.yml")
keyworded=$(seconds "$work/keyworded.yml")
default=$(seconds "$work/default.yml")
all=$(seconds "$work/all.yml")
echo "input: $((bytes / 1048576)) MB of log text, median of $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$bytes" -v none="$none" -v kw="$keyworded" -v def="$default" -v all="$all" 'BEGIN {
    mb = n / 1048576
    printf "  %-30s %7.3f s  %8.1f MB/s\n", "builtin: none", none, mb / none
    printf "  %-30s %7.3f s  %8.1f MB/s\n", "default less keyword-less", kw, mb / kw
    printf "  %-30s %7.3f s  %8.1f MB/s\n", "default policy", def, mb / def
    printf "  %-30s %7.3f s  %8.1f MB/s\n", "builtin: all", all, mb / all
    print "stages of the default policy (share of its time):"
    printf "  %-30s %7.3f s  %5.1f%%\n", "pipeline", none, 100 * none / def
    printf "  %-30s %7.3f s  %5.1f%%\n", "keyword rules", kw - none, 100 * (kw - none) / def
    printf "  %-30s %7.3f s  %5.1f%%\n", "keyword-less rules", def - kw, 100 * (def - kw) / def
    printf "  %-30s %7.3f s  (on top of the default)\n", "builtin: all opt-ins", all - def
}'
