// Independent pieces of start-up work run side by side: reading the rule
// files and building the rules' matchers are most of a cold `check`, and
// each file and each rule can be done alone.
//
// Thread-safety: `fn` is called from several threads at once, each index
// once; ParallelFor returns after every call has returned.
#ifndef REPLYLINT_BASE_PARALLEL_H_
#define REPLYLINT_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace replylint {

// Calls fn(0) ... fn(n - 1) on up to `threads` threads, the caller's among
// them, lower indices first. An exception from fn is rethrown here after
// every call has ended (the one of the lowest index, if several).
void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn);

// The threads start-up work may use: the cores this process may run on.
size_t StartupThreads();

}  // namespace replylint

#endif  // REPLYLINT_BASE_PARALLEL_H_
