#include "text/tokens.h"

#include <algorithm>

#include "base/utf8.h"
#include "text/chars.h"

namespace replylint {
namespace {

// (Inline: it is asked of every character of every message, and IsAlnum
// answers ASCII and Russian letters without ICU.)
inline bool IsWordChar(char32_t c) { return chars::IsAlnum(c) || chars::IsMark(c); }

}  // namespace

std::vector<Token> Tokenize(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> out;
  out.reserve(end > begin ? std::min<size_t>((end - begin) / 6 + 1, 4096) : 0);  // as ScanWords
  bool pending_break = false;
  size_t newlines = 0;
  size_t i = begin;
  while (i < end) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(text, &i);
    if (!IsWordChar(c)) {
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == 0x2026) pending_break = true;
      if (c == '\n') {
        if (++newlines >= 2) pending_break = true;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        newlines = 0;
      }
      continue;
    }
    Token t;
    t.span.start = at;
    t.break_before = pending_break && !out.empty();
    pending_break = false;
    newlines = 0;
    bool prev_digit = chars::IsDigit(c);
    t.has_digit = prev_digit;
    size_t j = i;
    while (j < end) {
      // ASCII letters and digits and Russian letters without decoding (the
      // general case below answers the same for them).
      const auto b = static_cast<unsigned char>(text[j]);
      if (b < 0x80 && (chars::IsAsciiLetter(b) || chars::IsAsciiDigit(b))) {
        prev_digit = chars::IsAsciiDigit(b);
        t.has_digit = t.has_digit || prev_digit;
        ++j;
        continue;
      }
      if (j + 1 < text.size() && chars::RussianLetterBytes(b, static_cast<unsigned char>(text[j + 1])) != 0) {
        prev_digit = false;
        j += 2;
        continue;
      }
      size_t k = j;
      const char32_t d = DecodeUtf8(text, &k);
      if (IsWordChar(d)) {
        prev_digit = chars::IsDigit(d);
        t.has_digit = t.has_digit || prev_digit;
        j = k;
        continue;
      }
      // Inner joiners: a hyphen or apostrophe between word characters; a
      // dot, comma, colon or slash between digits.
      const bool joiner =
          d == '-' || d == '\'' || d == 0x2019 || (prev_digit && (d == '.' || d == ',' || d == ':' || d == '/'));
      if (joiner && k < end) {
        size_t m = k;
        const char32_t e = DecodeUtf8(text, &m);
        if (d == '-' || d == '\'' || d == 0x2019 ? IsWordChar(e) : chars::IsDigit(e)) {
          j = k;
          continue;
        }
      }
      break;
    }
    t.span.end = j;
    out.push_back(t);
    i = j;
  }
  return out;
}

}  // namespace replylint
