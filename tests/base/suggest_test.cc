#include "base/suggest.h"

#include <catch2/catch.hpp>

using replylint::DidYouMean;
using replylint::Nearest;

TEST_CASE("did you mean: near typos are matched, far words and ties are not", "[suggest]") {
  const std::vector<std::string> commands = {"check", "audit", "sample", "eval", "vocab", "lint-templates", "rules"};
  CHECK(Nearest("chekc", commands) == "check");
  CHECK(Nearest("audti", commands) == "audit");
  CHECK(Nearest("lint-template", commands) == "lint-templates");
  CHECK(Nearest("rule", commands) == "rules");
  CHECK(Nearest("deploy", commands).empty());
  CHECK(Nearest("ab", {"ac", "ad"}).empty());  // a tie names neither
  CHECK(DidYouMean("--fial-level", {"--fail-level", "--format"}) == " (did you mean \"--fail-level\"?)");
  CHECK(DidYouMean("--zzz", {"--fail-level"}).empty());
}
