# Sourced by the bench scripts: moves to the repository's top, sets $bin to the maskrun to
# measure (MASKRUN_BIN, else a release build in SCRATCH_PATH, default .build) and $work to a
# scratch folder removed at exit.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scratch=${SCRATCH_PATH:-.build}
if [ -n "${MASKRUN_BIN:-}" ]; then
    bin=$MASKRUN_BIN
else
    swift build -c release --scratch-path "$scratch" --product maskrun >/dev/null
    bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/maskrun
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
