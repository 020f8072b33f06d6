#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {
std::vector<Finding> Cl(const std::string& text, Channel ch = Channel::kChat) {
  return FindingsOf(MakeConversation(ch, "", {{Role::kAgent, text}}), "chat-length");
}
std::string Lines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "Строка " + std::to_string(i + 1) + (i + 1 < n ? "\n" : "");
  return s;
}
}  // namespace

TEST_CASE("chat-length: 14 short lines fit, 15 do not", "[chat-length]") {
  CHECK(Cl(Lines(14)).empty());
  const auto f = Cl(Lines(15));
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "Строка 15");  // the part below the fold
  CHECK_THAT(f[0].message_text, Catch::Contains("15"));
}

TEST_CASE("chat-length: empty lines count, trailing ones do not", "[chat-length]") {
  std::string spaced;
  for (int i = 0; i < 8; ++i) spaced += "Абзац\n\n";
  CHECK(Cl(spaced).size() == 1);  // 8 paragraphs + 7 blank lines between them = 15
  CHECK(Cl(Lines(14) + "\n\n\n").empty());
}

TEST_CASE("chat-length: long lines wrap at 38 columns", "[chat-length]") {
  const std::string para(37, 'a');
  std::string text;
  for (int i = 0; i < 7; ++i) text += para + " " + para + (i < 6 ? " " : "");  // 14 visual lines
  CHECK(Cl(text).empty());
  CHECK(Cl(text + " " + para).size() == 1);
}

TEST_CASE("chat-length: only chat", "[chat-length]") {
  CHECK(Cl(Lines(40), Channel::kEmail).empty());
}
