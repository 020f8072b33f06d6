#include "lint/lint.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

TEST_CASE("lint-templates: placeholders count as filled and findings point into the file", "[lint]") {
  const std::string good = TempFile("good.yaml",
                                    "templates:\n"
                                    "  - id: hello\n"
                                    "    lang: ru\n"
                                    "    channel: email\n"
                                    "    from: support@x.example\n"
                                    "    body: |\n"
                                    "      Здравствуйте, {{ name }}!\n"
                                    "\n"
                                    "      Заказ {{order_id}} в пути.\n"
                                    "\n"
                                    "      С уважением,\n"
                                    "      {{agent.first_name}} {{agent.last_name}}\n");
  const std::string bad = TempFile("bad.md",
                                   "---\nid: bye\nlang: en\nchannel: email\n---\nHi {{name}},\n\nDone. Please do not "
                                   "reply to this email.\n\nSupport Team\n");
  const LintResult r = LintTemplates(DefaultEngine(), {good, bad});
  REQUIRE(r.errors.empty());
  REQUIRE(r.templates.size() == 2);
  std::vector<std::string> rules;
  for (const auto& f : r.findings) {
    CHECK(r.templates[f.template_index].id == "bye");
    rules.push_back(f.finding.rule);
    if (f.finding.rule == "no-reply-sender") {
      CHECK(f.line == 8);
      CHECK(f.column == 7);
      CHECK(f.finding.text == "Please do not reply to this email");
    }
  }
  CHECK(rules == std::vector<std::string>{"no-reply-sender", "missing-signature"});
}

TEST_CASE("lint-templates: a broken file is reported with its position", "[lint]") {
  const std::string broken = TempFile("broken.yaml", "templates:\n  - id: x\n    body: [unclosed\n");
  const std::string unknown = TempFile("unknown.yaml", "id: x\nbodyy: hi\n");
  const LintResult r = LintTemplates(DefaultEngine(), {broken, unknown});
  REQUIRE(r.errors.size() == 2);
  CHECK_THAT(r.errors[0], Catch::Contains("broken.yaml:"));
  CHECK_THAT(r.errors[1], Catch::Contains("unknown.yaml:2:1") && Catch::Contains("bodyy"));
}
