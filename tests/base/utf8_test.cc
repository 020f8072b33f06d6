#include "base/utf8.h"

#include <catch2/catch.hpp>

using namespace replylint;

TEST_CASE("DecodeUtf8 reads Cyrillic and replaces ill-formed bytes", "[utf8]") {
  const std::string s = "Яa\xFF";
  size_t i = 0;
  CHECK(DecodeUtf8(s, &i) == U'Я');
  CHECK(i == 2);
  CHECK(DecodeUtf8(s, &i) == U'a');
  CHECK(DecodeUtf8(s, &i) == 0xFFFD);
  CHECK(i == 4);
}

TEST_CASE("FindInvalidUtf8 points at the first bad byte", "[utf8]") {
  CHECK(FindInvalidUtf8("привет") == std::string::npos);
  CHECK(FindInvalidUtf8("ok\xC3") == 2);          // truncated sequence
  CHECK(FindInvalidUtf8("ab\xC0\xAF") == 2);      // overlong encoding
  CHECK(FindInvalidUtf8("\xEF\xBF\xBD") == std::string::npos);  // a literal U+FFFD is valid
}

TEST_CASE("LineColumnAt counts lines and code points, not bytes", "[utf8]") {
  const std::string t = "Привет\nмир, Bob";
  CHECK(LineColumnAt(t, 0).line == 1);
  CHECK(LineColumnAt(t, 0).column == 1);
  const size_t bob = t.find("Bob");
  CHECK(LineColumnAt(t, bob).line == 2);
  CHECK(LineColumnAt(t, bob).column == 6);  // "мир, " is five code points
  CHECK(LineColumnAt(t, t.find('\n')).column == 7);
}

TEST_CASE("CountCodePoints and AppendUtf8 round-trip", "[utf8]") {
  std::string s;
  for (char32_t c : {U'ё', U'€', U'😀', U'a'}) AppendUtf8(c, &s);
  CHECK(s == "ё€😀a");
  CHECK(CountCodePoints(s) == 4);
}

TEST_CASE("EscapeForTerminal: controls and bidi overrides become visible escapes", "[utf8]") {
  using replylint::EscapeForTerminal;
  CHECK(EscapeForTerminal("id\n\x1b[31mFAKE") == "id\\n\\e[31mFAKE");
  CHECK(EscapeForTerminal("a\tb\rc") == "a\\tb\\rc");
  CHECK(EscapeForTerminal("x\xE2\x80\xAEy") == "x\\u{202E}y");  // RIGHT-TO-LEFT OVERRIDE
  CHECK(EscapeForTerminal("\xC2\x9B" "2J") == "\\u{9B}2J");     // C1 CSI
  CHECK(EscapeForTerminal("Саша 👋") == "Саша 👋");
  CHECK(EscapeForTerminal("one\ntwo", true) == "one\ntwo");
}
