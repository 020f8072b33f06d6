#include "rules/rule_spec.h"

#include <catch2/catch.hpp>

#include "replylint/engine.h"
#include "test_util.h"

using namespace replylint;
using replylint::testing::TempFile;

namespace {

Status LoadWith(const std::string& name, const std::string& yaml) {
  EngineOptions o;
  o.config_path = TempFile(name, yaml);
  o.config_explicit = true;
  auto e = Engine::Create(o);
  return e.ok() ? Status::Ok() : e.status();
}

}  // namespace

TEST_CASE("The built-in rules load and are sorted by id", "[rules]") {
  const RuleSet& rules = replylint::testing::DefaultEngine().rules();
  REQUIRE(rules.rules.size() >= 8);
  for (size_t i = 1; i < rules.rules.size(); ++i) CHECK(rules.rules[i - 1].id < rules.rules[i].id);
  REQUIRE(rules.Find("no-reply-sender") != nullptr);
  CHECK(rules.Find("no-reply-sender")->severity == Severity::kError);
  CHECK(rules.Find("nonexistent") == nullptr);
}

TEST_CASE("An unknown top-level key names file:line:col", "[rules]") {
  const Status st = LoadWith("unknown-key.yaml", "fail_level: error\nrulez: {}\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("unknown-key.yaml:2:1") && Catch::Contains("rulez"));
}

TEST_CASE("An unknown rule id is an error that lists the known rules", "[rules]") {
  const Status st = LoadWith("unknown-rule.yaml", "rules:\n  no-such-rule: off\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("unknown-rule.yaml:2:3") && Catch::Contains("no-reply-sender"));
}

TEST_CASE("A wrong parameter type and an out-of-range value are errors", "[rules]") {
  Status st = LoadWith("bad-type.yaml", "rules:\n  chat-length:\n    params:\n      max_lines: many\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("bad-type.yaml:4:18") && Catch::Contains("whole number"));
  st = LoadWith("bad-range.yaml", "rules:\n  chat-length:\n    params: {columns: 2}\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("between"));
}

TEST_CASE("An unknown parameter and an unknown severity are errors", "[rules]") {
  Status st = LoadWith("bad-param.yaml", "rules:\n  chat-length:\n    params: {max_line: 3}\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("no parameter \"max_line\""));
  st = LoadWith("bad-sev.yaml", "rules:\n  chat-length: {severity: fatal}\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("bad-sev.yaml:2:27") && Catch::Contains("fatal"));
}

TEST_CASE("A bad RE2 pattern in a user phrase list is an error", "[rules]") {
  const Status st =
      LoadWith("bad-re.yaml", "rules:\n  no-reply-sender:\n    extend:\n      phrases: {en: ['do not (reply']}\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("bad pattern") && Catch::Contains("bad-re.yaml"));
}

TEST_CASE("Invalid YAML is reported with its position", "[rules]") {
  const Status st = LoadWith("broken.yaml", "rules: [\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("broken.yaml:") && Catch::Contains("invalid YAML"));
}

TEST_CASE("A configuration can switch rules off, change severity, extend lists", "[rules]") {
  EngineOptions o;
  o.config_path = TempFile("good.yaml",
                           "fail_level: warning\n"
                           "rules:\n"
                           "  chat-length: off\n"
                           "  placeholder: warning\n"
                           "  missing-signature:\n"
                           "    channels: [email, social]\n"
                           "    extend:\n"
                           "      team_words: {en: [concierge]}\n");
  o.config_explicit = true;
  auto e = Engine::Create(o);
  REQUIRE(e.ok());
  const RuleSet& r = (*e)->rules();
  CHECK((*e)->fail_level() == Severity::kWarning);
  CHECK_FALSE(r.Find("chat-length")->enabled);
  CHECK(r.Find("placeholder")->severity == Severity::kWarning);
  CHECK(r.Find("missing-signature")->AppliesTo(Channel::kSocial));
  CHECK_FALSE(r.Find("missing-signature")->AppliesTo(Channel::kChat));
}

TEST_CASE("A missing explicit configuration file is an error", "[rules]") {
  EngineOptions o;
  o.config_path = "/nonexistent/replylint.yaml";
  o.config_explicit = true;
  auto e = Engine::Create(o);
  REQUIRE_FALSE(e.ok());
  CHECK_THAT(e.status().message(), Catch::Contains("not found"));
}

TEST_CASE("A configuration cannot ask for more than the limits allow", "[rules]") {
  std::string many = "rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en:\n";
  for (size_t i = 0; i <= kMaxListItems; ++i) many += "          - phrase number " + std::to_string(i) + "\n";
  const Status items = LoadWith("many.yaml", many);
  REQUIRE_FALSE(items.ok());
  CHECK_THAT(items.message(), Catch::Contains("many.yaml:5:9") && Catch::Contains("items with the built-in ones, more than the limit of 5000"));

  const Status longer = LoadWith("long.yaml", "rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en: [" +
                                                 std::string(kMaxItemBytes + 1, 'a') + "]\n");
  REQUIRE_FALSE(longer.ok());
  CHECK_THAT(longer.message(), Catch::Contains("long.yaml:5:14") && Catch::Contains("more than the limit of 1000"));

  // Small to write, huge to compile: nested counted repetitions.
  const Status program = LoadWith(
      "program.yaml", "rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en: ['(?:\\p{L}\\p{N}){1000}']\n");
  REQUIRE_FALSE(program.ok());
  CHECK_THAT(program.message(), Catch::Contains("too large") || Catch::Contains("RE2 instructions"));
}

TEST_CASE("Rule and configuration files must be UTF-8 and not nested without end", "[rules]") {
  const Status utf = LoadWith("latin1.yaml", "fail_level: error\nrules:\n  # caf\xE9\n");
  REQUIRE_FALSE(utf.ok());
  CHECK(utf.message() == replylint::testing::TempFile("latin1.yaml", "fail_level: error\nrules:\n  # caf\xE9\n") +
                             ":3:8: invalid UTF-8 (the file must be UTF-8 text)");
  const Status deep = LoadWith("deep.yaml", "rules: " + std::string(5000, '[') + std::string(5000, ']') + "\n");
  REQUIRE_FALSE(deep.ok());
  CHECK_THAT(deep.message(), Catch::Contains("nested too deeply"));
}

TEST_CASE("A configuration given as text merges like a file", "[rules]") {
  RuleSet set = replylint::testing::DefaultEngine().rules();
  REQUIRE(ApplyConfig("fail_level: warning\nrules:\n  chat-length: off\n", "mem.yaml", &set).ok());
  CHECK(set.fail_level == Severity::kWarning);
  CHECK_FALSE(set.Find("chat-length")->enabled);
  const Status bad = ApplyConfig("rules: [1, 2]\n", "mem.yaml", &set);
  CHECK(bad.message() == "mem.yaml:1:8: rules: expected a mapping from rule id to settings");
}
