// Stable keys for accepted findings (baselines of lint-templates and audit):
// a 64-bit FNV-1a hash over a finding's parts, written as 16 hex digits,
// with its text normalised (case and spacing) so re-indenting or re-wrapping
// keeps the key; and the reader of baseline files.
// Thread-safety: pure functions.
#ifndef REPLYLINT_BASE_FINGERPRINT_H_
#define REPLYLINT_BASE_FINGERPRINT_H_

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

#include "replylint/status.h"

namespace replylint {

// `text` with ASCII letters in lower case and every run of white space one
// space, trimmed.
std::string NormalisedText(std::string_view text);

// 16 hex digits of FNV-1a 64 over the parts (each closed by a separator, so
// ("ab", "c") and ("a", "bc") differ): stable across builds and platforms.
std::string Fingerprint(std::initializer_list<std::string_view> parts);

// The fingerprints of a baseline file: lines starting with one (then a tab
// and notes for a reader); blank lines and `#` comments are skipped. Any
// other line is an error naming file:line.
StatusOr<std::set<std::string>> ReadBaseline(const std::string& path);

}  // namespace replylint

#endif  // REPLYLINT_BASE_FINGERPRINT_H_
