// Glob patterns over relative paths, as .gitignore and pre-commit users write
// them: `*` and `?` stay inside one path segment, `**` spans any number of
// segments (`**/` also none), `[abc]` is a character class. A pattern with no
// '/' matches a name at any depth (`*.md` matches docs/a.md).
//
// Paths are compared as written with '/' separators, after dropping leading
// "./" (from `lint-templates .`).
// Thread-safety: pure functions.
#ifndef REPLYLINT_BASE_GLOB_H_
#define REPLYLINT_BASE_GLOB_H_

#include <string>
#include <string_view>

namespace replylint {

// Whether `path` matches `pattern`.
bool GlobMatch(std::string_view pattern, std::string_view path);

// Whether `path` or a folder it is in matches `pattern`: `vendor` or
// `vendor/` excludes everything below vendor/.
bool GlobMatchesPathOrParent(std::string_view pattern, std::string_view path);

// `path` without leading "./" segments.
std::string_view TrimDotSlash(std::string_view path);

}  // namespace replylint

#endif  // REPLYLINT_BASE_GLOB_H_
