#ifndef JBP_FUZZ_DRIVER_H
#define JBP_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's own driver (flags, corpus, the fuzzing loop) on `test_one_input`.
///
/// SwiftPM on Linux links an executable with `main` defined as `<Module>_main`, so
/// libFuzzer's `main` is never used; each fuzz target's `<Module>_main` calls this instead.
int jbp_fuzz_main(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
