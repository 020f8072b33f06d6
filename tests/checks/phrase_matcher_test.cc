#include "checks/phrase_matcher.h"

#include <catch2/catch.hpp>

#include "replylint/engine.h"

using namespace replylint;

namespace {

std::vector<std::string> Found(const PhraseMatcher& m, const std::string& folded) {
  std::vector<std::string> out;
  for (const Span& s : m.Find(folded)) out.push_back(folded.substr(s.start, s.size()));
  return out;
}

}  // namespace

TEST_CASE("PhraseMatcher matches whole words only, at both edges", "[checks]") {
  auto m = PhraseMatcher::Create({"не отвечайте", "do not reply", "ваш"}, "test");
  REQUIRE(m.ok());
  CHECK(Found(*m, "не отвечайте на письмо") == std::vector<std::string>{"не отвечайте"});
  CHECK(Found(*m, "пожалуйста, не  отвечайте.") == std::vector<std::string>{"не  отвечайте"});
  CHECK(Found(*m, "ане отвечайте").empty());   // a letter before
  CHECK(Found(*m, "2не отвечайте").empty());   // a digit before
  CHECK(Found(*m, "²ваш").empty());            // any number before
  CHECK(Found(*m, "не отвечайтеь").empty());   // a letter after
  CHECK(Found(*m, "вашваш ваш").size() == 1);  // the second word is no match, the third is
  CHECK(Found(*m, "ваш ваш") == std::vector<std::string>{"ваш", "ваш"});
  CHECK(Found(*m, "(do not reply)") == std::vector<std::string>{"do not reply"});
}

TEST_CASE("PhraseMatcher takes the leftmost match that has a leading edge", "[checks]") {
  auto m = PhraseMatcher::Create({"ab", "b c"}, "test");
  REQUIRE(m.ok());
  // "ab" inside "xab" has no edge; "b c" does not start at an edge either;
  // then " ab" at the end does.
  CHECK(Found(*m, "xab c ab") == std::vector<std::string>{"ab"});
}

TEST_CASE("PhraseMatcher finds the phrase that ends at a word edge when the first one does not", "[checks]") {
  // What one pattern with the trailing edge written in would find: the
  // first alternative that ends at an edge, at the leftmost start.
  auto m = PhraseMatcher::Create({"по", "почта", "ab", "ab c"}, "test");
  REQUIRE(m.ok());
  CHECK(Found(*m, "почта и по") == std::vector<std::string>{"почта", "по"});
  CHECK(Found(*m, "abc d ab c") == std::vector<std::string>{"ab"});  // "ab c": "ab" is first and ends at an edge
  CHECK(Found(*m, "abx ab") == std::vector<std::string>{"ab"});
  CHECK(Found(*m, "почтальон").empty());
  // The edge is any character of neither script, and no ASCII digit.
  CHECK(Found(*m, "по1 по²") == std::vector<std::string>{"по"});
  CHECK(Found(*m, "поé поα по—") == std::vector<std::string>{"по", "по"});
}

TEST_CASE("PhraseMatcher errors name the phrase at fault", "[checks]") {
  auto bad = PhraseMatcher::Create({"fine", "broken (", "also fine"}, "rules/x.yaml:3:5");
  REQUIRE(!bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("bad pattern \"broken") && Catch::Contains("rules/x.yaml:3:5"));
  auto group = PhraseMatcher::Create({"fine", "(captured) word"}, "rules/x.yaml:4:5");
  REQUIRE(!group.ok());
  CHECK_THAT(group.status().message(), Catch::Contains("(captured) word") && Catch::Contains("capturing groups"));
}

TEST_CASE("A deferred PhraseMatcher compiles on first use and finds what an eager one finds", "[checks]") {
  const std::vector<std::string> phrases = {"по", "почта", "не отвечайте"};
  auto eager = PhraseMatcher::Create(phrases, "test");
  auto deferred = PhraseMatcher::Create(phrases, "test", true);
  REQUIRE(eager.ok());
  REQUIRE(deferred.ok());
  CHECK_FALSE(deferred->empty());
  for (const std::string text : {"почта и по", "пожалуйста, не  отвечайте.", "почтальон", ""}) {
    CHECK(Found(*deferred, text) == Found(*eager, text));
  }
  // A deferred list is not checked by Create(): only built-in lists are
  // deferred, and the next test compiles every one of them.
  CHECK(PhraseMatcher::Create({"broken ("}, "test", true).ok());
  CHECK(PhraseMatcher::Create({}, "test", true)->empty());
}

TEST_CASE("Every built-in phrase list compiles", "[checks]") {
  // Read from the source tree with --rules-dir, the rule files are the
  // user's to the engine: every list is compiled at once and its errors
  // reported. The embedded copies are the same files.
  EngineOptions o;
  o.rules_dir = std::string(REPLYLINT_SOURCE_DIR) + "/rules";
  auto engine = Engine::Create(o);
  INFO((engine.ok() ? std::string() : engine.status().message()));
  CHECK(engine.ok());
}
