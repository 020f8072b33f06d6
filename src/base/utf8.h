// Small UTF-8 helpers shared by every layer (no ICU here: ingest uses them too).
// Thread-safety: pure functions.
#ifndef REPLYLINT_BASE_UTF8_H_
#define REPLYLINT_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace replylint {

// Decodes the code point at s[*i] and advances *i past it. An ill-formed
// sequence yields U+FFFD and advances by one byte. REQUIRES: *i < s.size().
char32_t DecodeUtf8(std::string_view s, size_t* i);

// Appends the UTF-8 encoding of cp to *out.
void AppendUtf8(char32_t cp, std::string* out);

// Byte offset of the first ill-formed sequence, or npos when s is valid UTF-8.
size_t FindInvalidUtf8(std::string_view s);

// s with every ill-formed byte (as DecodeUtf8 steps over them) replaced by
// U+FFFD, one per byte: code point counts, and so columns, stay those of s.
std::string ReplaceInvalidUtf8(std::string_view s);

// Number of code points in s (ill-formed bytes count one each).
size_t CountCodePoints(std::string_view s);

// 1-based line and column (in code points) of byte offset `offset` in `text`.
struct LineColumn {
  size_t line = 1;
  size_t column = 1;
};
LineColumn LineColumnAt(std::string_view text, size_t offset);

}  // namespace replylint

#endif  // REPLYLINT_BASE_UTF8_H_
