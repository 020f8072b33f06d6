// Small UTF-8 helpers shared by every layer (no ICU here: ingest uses them too).
// Thread-safety: pure functions.
#ifndef REPLYLINT_BASE_UTF8_H_
#define REPLYLINT_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace replylint {

// The general case of DecodeUtf8 (sequences of three and four bytes, and
// ill-formed input).
char32_t DecodeUtf8Slow(std::string_view s, size_t* i);

// Decodes the code point at s[*i] and advances *i past it. An ill-formed
// sequence yields U+FFFD and advances by one byte. REQUIRES: *i < s.size().
// Inline for ASCII and two-byte sequences (Cyrillic, Latin-1): every scanner
// calls it once per character.
inline char32_t DecodeUtf8(std::string_view s, size_t* i) {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && *i + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[*i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      *i += 2;
      return (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  return DecodeUtf8Slow(s, i);
}

// The general case of AppendUtf8 (three and four bytes).
void AppendUtf8Slow(char32_t cp, std::string* out);

// Writes the UTF-8 encoding of cp at out, which has room for four bytes,
// and returns the end: for loops that encode many code points into one
// buffer sized beforehand.
inline char* WriteUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Appends the UTF-8 encoding of cp to *out. Inline for one and two bytes.
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char two[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(two, 2);
  } else {
    AppendUtf8Slow(cp, out);
  }
}

// The code points of s (ill-formed bytes as DecodeUtf8 reads them), and back.
inline std::u32string ToU32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(DecodeUtf8(s, &i));
  return out;
}
inline std::string ToUtf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

// Byte offset of the first ill-formed sequence, or npos when s is valid UTF-8.
size_t FindInvalidUtf8(std::string_view s);

// s with every ill-formed byte (as DecodeUtf8 steps over them) replaced by
// U+FFFD, one per byte: code point counts, and so columns, stay those of s.
std::string ReplaceInvalidUtf8(std::string_view s);

// s made safe to print on a terminal or in a log line: control characters
// (C0, DEL, C1) and the bidirectional controls that reorder what follows
// are written as escapes (\n, \t, \e, \u{202E}), so an input can neither
// forge a line nor colour or rewrite the terminal. Everything else is kept;
// `keep_newlines` keeps \n for messages of several lines made by the program.
std::string EscapeForTerminal(std::string_view s, bool keep_newlines = false);

// Number of code points in s (ill-formed bytes count one each).
size_t CountCodePoints(std::string_view s);

// 1-based line and column (in code points) of byte offset `offset` in `text`.
struct LineColumn {
  size_t line = 1;
  size_t column = 1;
};
LineColumn LineColumnAt(std::string_view text, size_t offset);

// LineColumnAt for many offsets into one text, in increasing order (the
// findings of a message, sorted): each call goes on from the last one, so all
// of a message's findings cost one pass over it instead of one each (a long
// message with thousands of findings was quadratic). An offset below the
// previous one starts over from the beginning. REQUIRES: `text` outlives the
// cursor; offsets on code point boundaries (as finding spans are).
class LineColumnCursor {
 public:
  explicit LineColumnCursor(std::string_view text) : text_(text) {}
  LineColumn At(size_t offset);

 private:
  std::string_view text_;
  size_t pos_ = 0;         // the offset reached
  size_t line_start_ = 0;  // of the line holding pos_
  LineColumn at_;          // of pos_
};

}  // namespace replylint

#endif  // REPLYLINT_BASE_UTF8_H_
