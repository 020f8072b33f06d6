#include "text/tokens.h"

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace replylint {
namespace {

bool IsWordChar(UChar32 c) {
  return u_isalnum(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> out;
  bool pending_break = false;
  size_t newlines = 0;
  size_t i = begin;
  while (i < end) {
    const size_t at = i;
    const auto c = static_cast<UChar32>(DecodeUtf8(text, &i));
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
    bool prev_digit = u_isdigit(c);
    t.has_digit = prev_digit;
    size_t j = i;
    while (j < end) {
      size_t k = j;
      const auto d = static_cast<UChar32>(DecodeUtf8(text, &k));
      if (IsWordChar(d)) {
        prev_digit = u_isdigit(d);
        t.has_digit = t.has_digit || prev_digit;
        j = k;
        continue;
      }
      // Inner joiners: a hyphen or apostrophe between word characters; a
      // dot, comma, colon or slash between digits.
      const bool joiner = d == '-' || d == '\'' || d == 0x2019 ||
                          (prev_digit && (d == '.' || d == ',' || d == ':' || d == '/'));
      if (joiner && k < end) {
        size_t m = k;
        const auto e = static_cast<UChar32>(DecodeUtf8(text, &m));
        if (d == '-' || d == '\'' || d == 0x2019 ? IsWordChar(e) : u_isdigit(e)) {
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
