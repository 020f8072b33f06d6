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
