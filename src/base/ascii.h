// ASCII-only text helpers for formats whose keywords are ASCII (file
// extensions, MIME charsets, CSV role names, language codes). Header-only:
// the modules (base/module.h) use them without linking the rest of base.
#ifndef REPLYLINT_BASE_ASCII_H_
#define REPLYLINT_BASE_ASCII_H_

#include <string>
#include <string_view>

namespace replylint {

// `s` with A-Z as a-z; every other byte as it was.
inline std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

// `s` without spaces, tabs, CRs and LFs at either end.
inline std::string_view TrimAsciiSpace(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace replylint

#endif  // REPLYLINT_BASE_ASCII_H_
