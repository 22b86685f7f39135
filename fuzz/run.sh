#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/README.md) with AddressSanitizer and runs each for
# SECONDS seconds (default 60) from the seed corpus in fuzz/corpus, keeping what libFuzzer
# learns in .build-asan/corpus. Prints the inputs fuzzed per target; a crash or a leak
# fails the run, its input saved under .build-asan/crashes.
#   fuzz/run.sh [SECONDS] [TARGET...]       e.g. fuzz/run.sh 3600 FuzzEngine
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(FuzzEngine FuzzPolicy FuzzReplay)
# One build folder for the fuzzers and the AddressSanitizer tests (.ci/run): every Swift
# module instrumented for ASan and coverage; the fuzz targets alone link libFuzzer (without
# its main(), since SwiftPM gives each executable its own entry point).
build=${MASKRUN_ASAN_BUILD:-.build-asan}
libfuzzer=$(ls "$(dirname "$(readlink -f "$(command -v swiftc)")")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)
export MASKRUN_FUZZ=1 MASKRUN_LIBFUZZER="$libfuzzer"
flags=(--build-path "$build" -Xswiftc -sanitize=address
       -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
for target in "${targets[@]}"; do
    swift build "${flags[@]}" --product "$target" >&2
done
bin=$(swift build "${flags[@]}" --show-bin-path)
mkdir -p "$build/crashes"
status=0
for target in "${targets[@]}"; do
    case $target in
        FuzzEngine) seeds=fuzz/corpus/engine dict=fuzz/engine.dict ;;
        FuzzPolicy) seeds=fuzz/corpus/policy dict=fuzz/policy.dict ;;
        FuzzReplay) seeds=fuzz/corpus/replay dict= ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    work="$build/corpus/$target"
    mkdir -p "$work"
    log="$build/$target.log"
    options=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=8192
             -artifact_prefix="$build/crashes/$target-" -print_final_stats=1)
    [ -n "$dict" ] && options+=(-dict="$dict")
    # ASan: leaks are reported too (detect_leaks is on by default on Linux).
    if ! "$bin/$target" "${options[@]}" "$work" "$seeds" >"$log" 2>&1; then
        status=1
        echo "$target: FAILED, see $log and $build/crashes/" >&2
        grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer)|Fatal error' "$log" >&2 || true
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "$target: ${runs:-0} inputs in ${seconds}s, corpus $(ls "$work" | wc -l) files"
done
exit $status
