// A hash for the sets of words and stems that are looked up for every token
// (stop words, generic words, stem caches, spelling verdicts). std::hash of
// a string (libstdc++'s _Hash_bytes) was a twentieth of an audit's
// instructions, about 60 a lookup; XXH3 from xxHash (libxxhash-dev, used
// header-only here) hashes strings of a few to a few dozen bytes, which is
// what these sets hold, in about half that.
//
// Transparent: a set of std::string answers a std::string_view without a
// copy. Only for containers whose iteration order reaches no output (a new
// hash reorders them).
// Thread-safety: stateless.
#ifndef REPLYLINT_BASE_STRING_HASH_H_
#define REPLYLINT_BASE_STRING_HASH_H_

#include <cstddef>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace replylint {

struct StringHash {
  using is_transparent = void;
  // Not noexcept, on purpose: libstdc++'s unordered containers keep each
  // node's hash beside it only for a hash that may throw (or that it deems
  // slow). Without it, a lookup that passes a node hashes that node's key
  // again to see where its bucket ends, and compares keys where the hashes
  // would have told them apart.
  size_t operator()(std::string_view s) const { return XXH3_64bits(s.data(), s.size()); }
};

}  // namespace replylint

#endif  // REPLYLINT_BASE_STRING_HASH_H_
