#include "lint/suppress.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "test_util.h"

using namespace replylint;

TEST_CASE("suppress: fingerprints ignore case, spacing and position, not rule, template or text", "[lint]") {
  ReplyTemplate t;
  t.id = "refund";
  t.file = "templates/a.yaml";
  Finding f;
  f.rule = "no-reply-sender";
  f.text = "Please do not reply";
  f.start = 10;
  const std::string fp = Fingerprint(t, f);
  CHECK(fp.size() == 16);
  Finding moved = f;
  moved.start = 400;
  moved.text = "please  do not\n reply";
  CHECK(Fingerprint(t, moved) == fp);
  Finding other = f;
  other.rule = "stock-phrase";
  CHECK(Fingerprint(t, other) != fp);
  other = f;
  other.text = "Please do not answer";
  CHECK(Fingerprint(t, other) != fp);
  ReplyTemplate t2 = t;
  t2.id = "refund-2";
  CHECK(Fingerprint(t2, f) != fp);
}

TEST_CASE("suppress: directives by line, range and rule; the rest is kept and counted", "[lint]") {
  const std::string file = testing::TempFile("suppress.yaml",
                                             "# replylint-disable stock-phrase\n"  // 1
                                             "a\n"                                 // 2
                                             "# replylint-enable stock-phrase\n"   // 3
                                             "b\n"                                 // 4
                                             "# replylint-disable-next-line\n"     // 5
                                             "c\n"                                 // 6
                                             "d  # replylint-disable-line x, y\n"  // 7
                                             "text replylint-disable-next-line\n"  // 8 not a comment
                                             "e\n");                               // 9
  LintResult r;
  r.templates.resize(1);
  r.templates[0].file = file;
  r.templates[0].id = "refund-template";
  const ReplyTemplate& t = r.templates[0];
  auto add = [&](size_t line, const std::string& rule) {
    TemplateFinding f;
    f.line = line;
    f.finding.rule = rule;
    f.finding.text = rule;
    f.finding.text.append(std::to_string(line));  // not `+`: a false -Wstringop-overflow in GCC 12
    r.findings.push_back(f);
  };
  add(2, "stock-phrase");  // in the range
  add(2, "placeholder");   // another rule
  add(4, "stock-phrase");  // after enable
  add(6, "anything");      // next line, every rule
  add(7, "y");             // this line, named
  add(7, "z");             // this line, not named
  add(9, "w");             // after text that only mentions the word
  std::set<std::string> baseline = {Fingerprint(t, r.findings[6].finding)};
  ApplySuppressions(&baseline, &r);
  std::vector<std::pair<size_t, std::string>> kept;
  for (const auto& f : r.findings) kept.emplace_back(f.line, f.finding.rule);
  CHECK(kept == std::vector<std::pair<size_t, std::string>>{{2, "placeholder"}, {4, "stock-phrase"}, {7, "z"}});
  CHECK(r.suppressed_inline == 3);
  CHECK(r.suppressed_baseline == 1);

  std::ostringstream out;
  WriteBaseline(r, out);
  auto path = testing::TempFile("baseline.txt", out.str());
  auto read = ReadBaseline(path);
  REQUIRE(read.ok());
  CHECK(read->size() == 3);
  CHECK(read->count(Fingerprint(t, r.findings[2].finding)));
}

TEST_CASE("suppress: directive comments are blanked out of a body, offsets kept", "[lint]") {
  std::string body = "Hi,\n<!-- replylint-disable-next-line x -->\nText <!-- a note -->\n  # replylint-disable y\nEnd";
  const size_t size = body.size();
  BlankDirectives(&body);
  CHECK(body.size() == size);
  CHECK(body.find("replylint") == std::string::npos);
  CHECK(body.find("<!-- a note -->") != std::string::npos);
  CHECK(body.substr(body.size() - 3) == "End");
}
