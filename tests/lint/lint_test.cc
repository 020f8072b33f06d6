#include "lint/lint.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

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

TEST_CASE("template selection: content or a templates/ folder makes a template; the rest is skipped", "[lint]") {
  CHECK(LooksLikeTemplate("templates:\n  - id: a\n", "x.yaml"));
  CHECK(LooksLikeTemplate("\xEF\xBB\xBFid: a\nbody: |\n  Hi\n", "x.yml"));
  CHECK_FALSE(LooksLikeTemplate("name: ci\non: [push]\njobs: {}\n", "ci.yml"));
  CHECK_FALSE(LooksLikeTemplate("x:\n  body: nested, not top level\n", "x.yaml"));
  CHECK(LooksLikeTemplate("---\nlang: en\nid: hi\n---\nHi\n", "a.md"));
  CHECK_FALSE(LooksLikeTemplate("---\ntitle: Style\n---\nid: not in the front matter\n", "a.md"));
  CHECK_FALSE(LooksLikeTemplate("# README\n", "README.md"));

  namespace fs = std::filesystem;
  const fs::path root = fs::path(TempFile("repo-marker", "")).parent_path() / "repo";
  auto put = [&](const std::string& name, const std::string& text) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << text;
  };
  put("README.md", "# Templates\n");
  put("templates/broken.yaml", "title: no template keys\n");
  put("faq/a.md", "---\nid: faq-a\n---\nHi\n");
  put("ci.yml", "name: ci\n");
  put(".hidden/t.yaml", "body: hidden folders are not walked\n");
  put("old/t.yaml", "body: excluded\n");
  const std::string r = root.string();
  TemplateSelection sel;
  sel.exclude = {"old"};
  auto set = SelectTemplateFiles({r}, sel);
  REQUIRE(set.ok());
  CHECK(set->files == std::vector<std::string>{r + "/faq/a.md", r + "/templates/broken.yaml"});
  CHECK(set->skipped == std::vector<std::string>{r + "/README.md", r + "/ci.yml"});
  // Named files are looked at, hidden or not; include globs replace the test.
  sel = {};
  sel.include = {"*.yml"};
  set = SelectTemplateFiles({r + "/ci.yml", r + "/.hidden/t.yaml"}, sel);
  REQUIRE(set.ok());
  CHECK(set->files == std::vector<std::string>{r + "/ci.yml"});
  CHECK(set->skipped == std::vector<std::string>{r + "/.hidden/t.yaml"});
  CHECK_FALSE(SelectTemplateFiles({r + "/nope.yaml"}, {}).ok());
}

TEST_CASE("lint-templates: a template's findings carry no fix (its customer is a stand-in)", "[lint]") {
  const std::string t = TempFile("named.md",
                                 "---\nid: hi\nlang: ru\nchannel: chat\n---\nДобрый день, Александр! Заказ в пути.\n");
  const LintResult r = LintTemplates(DefaultEngine(), {t});
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].finding.rule == "name-form");
  CHECK_FALSE(r.findings[0].finding.fix.has_value());
}
