// Shared by the fuzz targets: the engine with the built-in rules, and checks
// of invariants that abort (so libFuzzer records the input) when broken.
//
// Every target is a LLVMFuzzerTestOneInput fed from memory. Built with
// -DREPLYLINT_FUZZ=ON (clang) it links libFuzzer; in every build it is also
// linked with replay_main.cc into a test that replays tests/fuzz/seeds/ and
// tests/fuzz/regressions/ (every crash found is kept there).
#ifndef REPLYLINT_TESTS_FUZZ_FUZZ_UTIL_H_
#define REPLYLINT_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "replylint/engine.h"

namespace replylint::fuzz {

// The built-in rules with no user configuration (a replylint.yaml in the
// working directory is not read). Made once.
const Engine& DefaultEngine();

// Aborts with `what` when `ok` is false.
void Require(bool ok, const char* what);

// Checks a finished analysis of `c`: one result per agent message, spans
// inside the original text on code point boundaries, matched text as
// analysed, scores in range, and a JSON record that serialises.
void CheckResult(const Conversation& c, const ConversationResult& r);

}  // namespace replylint::fuzz

#endif  // REPLYLINT_TESTS_FUZZ_FUZZ_UTIL_H_
