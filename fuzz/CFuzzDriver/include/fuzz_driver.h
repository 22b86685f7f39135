// libFuzzer's driver, for fuzz targets whose main() is Swift's (SwiftPM names each
// executable's entry point itself, so libFuzzer's own main cannot be used). The targets
// link libclang_rt.fuzzer_no_main (fuzz/run.sh).
#ifndef MASKRUN_FUZZ_DRIVER_H
#define MASKRUN_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// Runs libFuzzer with the command line and calls `callback` for each input.
static inline int maskrun_run_fuzzer(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size)) {
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}
#endif
