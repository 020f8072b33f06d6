// "Did you mean": the known name nearest to a mistyped one, for commands,
// flags and rule ids. Near means an edit distance (insert, delete, replace,
// swap two neighbours) of at most a third of the word's length, at least 1,
// and the candidate must be unique at that distance.
// Thread-safety: a pure function.
#ifndef REPLYLINT_BASE_SUGGEST_H_
#define REPLYLINT_BASE_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

namespace replylint {

// The nearest candidate, or "" when none is near enough or two tie.
std::string Nearest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" for the nearest candidate, else "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace replylint

#endif  // REPLYLINT_BASE_SUGGEST_H_
