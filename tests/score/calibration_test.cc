#include "score/calibration.h"

#include <catch2/catch.hpp>

using namespace replylint;

namespace {

ReviewedReply Reply(std::string reviewer, std::string id, double tool, std::optional<double> review,
                    std::vector<std::string> rules = {}, std::vector<Verdict> verdicts = {}) {
  ReviewedReply r;
  r.source = "t.csv:" + id;
  r.reviewer = std::move(reviewer);
  r.conversation = std::move(id);
  r.message = "1";
  r.tool_score = tool;
  r.review_score = review;
  r.rules = std::move(rules);
  r.verdicts = std::move(verdicts);
  return r;
}

const char* kHeader =
    "conversation,message,agent,score,stars,rules,findings,review_score,review_notes,reviewer,finding_verdicts\r\n";

}  // namespace

TEST_CASE("Cohen's kappa of a 2x2 table, computed by hand", "[calibration]") {
  // 50 replies: both pass 20, rater 1 only 5, rater 2 only 10, both fail 15.
  // p_o = 35/50 = 0.7; rater 1 passes 25/50, rater 2 30/50:
  // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
  CHECK(*CohensKappa(20, 5, 10, 15) == Approx(0.4));
  CHECK(*CohensKappa(3, 0, 0, 2) == Approx(1.0));
  // Always disagreeing, half and half: p_o = 0, p_e = 0.5, κ = −1.
  CHECK(*CohensKappa(0, 5, 5, 0) == Approx(-1.0));
  // Both raters pass everything: chance agreement is certain, κ undefined.
  CHECK_FALSE(CohensKappa(7, 0, 0, 0).has_value());
  CHECK_FALSE(CohensKappa(0, 0, 0, 0).has_value());
}

TEST_CASE("Agreement, mean absolute difference and precision from reviewed replies", "[calibration]") {
  using V = Verdict;
  const std::vector<ReviewedReply> replies = {
      Reply("anna", "A", 100, 95, {"stock-phrase", "spelling"}, {V::kWrong, V::kRight}),  // both pass
      Reply("anna", "B", 100, 50, {"stock-phrase"}, {V::kRight}),                         // tool only
      Reply("boris", "C", 60, 90, {"spelling"}),                                          // reviewer only; not judged
      Reply("boris", "D", 40, 30, {"stock-phrase"}, {V::kSkipped}),                       // both fail
      Reply("boris", "E", 90, 100),                                                       // both pass
      Reply("boris", "F", 72, std::nullopt, {"name-form"}, {V::kWrong}),                  // verdicts only
  };
  const Calibration c = Calibrate(replies, CalibrationOptions{88, 2});
  const Agreement& a = c.all.agreement;
  CHECK(a.n() == 5);
  CHECK(a.both_pass == 2);
  CHECK(a.tool_pass_reviewer_fail == 1);
  CHECK(a.tool_fail_reviewer_pass == 1);
  CHECK(a.both_fail == 1);
  CHECK(a.observed() == Approx(0.6));
  // p_e = 0.6·0.6 + 0.4·0.4 = 0.52; κ = 0.08 / 0.48.
  CHECK(*a.kappa() == Approx(0.08 / 0.48));
  // |diff|: 5 + 50 + 30 + 10 + 10 = 105 over 5; signed: −5 −50 +30 −10 +10 = −25.
  CHECK(a.mean_abs_difference == Approx(21));
  CHECK(a.mean_difference == Approx(-5));
  CHECK(c.all.replies == 6);
  CHECK(c.all.scored == 5);

  REQUIRE(c.all.rules.size() == 3);
  const RulePrecision& name = c.all.rules[0];
  const RulePrecision& spelling = c.all.rules[1];
  const RulePrecision& stock = c.all.rules[2];
  CHECK(name.rule == "name-form");
  CHECK(stock.rule == "stock-phrase");
  CHECK(stock.right == 1);
  CHECK(stock.wrong == 1);
  CHECK(stock.not_judged == 1);
  CHECK(stock.precision() == Approx(0.5));
  CHECK(stock.ci95().low == Wilson95(1, 2).low);
  CHECK(spelling.right == 1);
  CHECK(spelling.wrong == 0);
  CHECK(spelling.not_judged == 1);
  CHECK(spelling.precision() == 1);
  CHECK(c.all.all.right == 2);
  CHECK(c.all.all.wrong == 2);
  CHECK(c.all.all.not_judged == 2);

  // Per reviewer: anna's two replies, boris's four.
  REQUIRE(c.reviewers.size() == 2);
  CHECK(c.reviewers[0].reviewer == "anna");
  CHECK(c.reviewers[0].replies == 2);
  CHECK(c.reviewers[0].agreement.both_pass == 1);
  CHECK(c.reviewers[0].agreement.tool_pass_reviewer_fail == 1);
  // The tool passed both, anna one: p_o = 0.5 = p_e, no better than chance.
  CHECK(*c.reviewers[0].agreement.kappa() == Approx(0));
  CHECK(c.reviewers[1].replies == 4);
  CHECK(c.reviewers[1].scored == 3);
  CHECK(c.reviewers[1].agreement.mean_abs_difference == Approx(50.0 / 3));

  // Tuning: stock-phrase has 2 judged (the minimum here) with one wrong;
  // name-form's one wrong finding is too few to rank.
  REQUIRE(c.lowest_precision.size() == 1);
  CHECK(c.lowest_precision[0].rule == "stock-phrase");
  REQUIRE(c.most_wrong.size() == 2);
  CHECK(c.most_wrong[0].rule == "name-form");
  REQUIRE(c.too_few.size() == 2);
  CHECK(c.too_few[0].rule == "name-form");
  CHECK(c.too_few[1].rule == "spelling");
}

TEST_CASE("Tuning ranks the lowest precision first, then the most wrong", "[calibration]") {
  using V = Verdict;
  std::vector<ReviewedReply> replies;
  auto add = [&](const std::string& rule, int right, int wrong) {
    for (int i = 0; i < right + wrong; ++i)
      replies.push_back(
          Reply("", rule + std::to_string(i), 100, std::nullopt, {rule}, {i < right ? V::kRight : V::kWrong}));
  };
  add("a-rule", 8, 2);  // 0.8
  add("b-rule", 3, 2);  // 0.6
  add("c-rule", 6, 4);  // 0.6, more wrong
  add("d-rule", 5, 0);  // never wrong: not to tune
  add("e-rule", 0, 3);  // too few
  const Calibration c = Calibrate(replies, CalibrationOptions{88, 5});
  REQUIRE(c.lowest_precision.size() == 3);
  CHECK(c.lowest_precision[0].rule == "c-rule");
  CHECK(c.lowest_precision[1].rule == "b-rule");
  CHECK(c.lowest_precision[2].rule == "a-rule");
  REQUIRE(c.most_wrong.size() == 4);
  CHECK(c.most_wrong[0].rule == "c-rule");
  CHECK(c.most_wrong[1].rule == "e-rule");
  REQUIRE(c.too_few.size() == 1);
  CHECK(c.too_few[0].rule == "e-rule");
}

TEST_CASE("Verdicts as people type them", "[calibration]") {
  using V = Verdict;
  const std::vector<V> rwr = {V::kRight, V::kWrong, V::kRight};
  CHECK(*ParseVerdicts("right, wrong, right") == rwr);
  CHECK(*ParseVerdicts("+ - +") == rwr);
  CHECK(*ParseVerdicts("+-+") == rwr);
  CHECK(*ParseVerdicts("'+ – +") == rwr);  // a spreadsheet's text mark, an en dash from autocorrect
  CHECK(*ParseVerdicts("Верно; НЕВЕРНО; да") == rwr);
  CHECK(*ParseVerdicts("yes\nno\nok") == rwr);
  CHECK(*ParseVerdicts("right / fp / correct") == rwr);
  CHECK(*ParseVerdicts("?, skip") == std::vector<V>{V::kSkipped, V::kSkipped});
  CHECK(ParseVerdicts("  ")->empty());
  auto bad = ParseVerdicts("right, maybe");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("\"maybe\" is not a verdict") != std::string::npos);
}

TEST_CASE("Review scores from 0 to 100", "[calibration]") {
  CHECK(*ParseScore("72") == 72);
  CHECK(*ParseScore(" 72.5 ") == 72.5);
  CHECK(*ParseScore("72,5") == 72.5);
  CHECK(*ParseScore("0") == 0);
  CHECK(*ParseScore("100") == 100);
  for (const char* bad : {"", "101", "-1", "abc", "1e2", "88.", ".5", "7 2", "хорошо", "nan"})
    CHECK_FALSE(ParseScore(bad).has_value());
}

TEST_CASE("The rules of a findings cell, in order", "[calibration]") {
  const std::string cell =
      "1:15 error [name-form] Клиент представился «Саша», а в ответе — «Александра». «Александра» → Саша\n"
      "3:1 suggestion [stock-phrase] A brush-off [really]\n"
      "not a finding line\n"
      "4:2 warning [missing-signature] No name.";
  CHECK(FindingRules(cell) == std::vector<std::string>{"name-form", "stock-phrase", "missing-signature"});
  CHECK(FindingRules("").empty());
}

TEST_CASE("Reading a filled-in sample: every row counted once", "[calibration]") {
  std::string csv = kHeader;
  csv += "C-1,1,dana,100,5,,,95,,anna,\r\n";  // line 2: reviewed
  csv += "C-2,1,dana,72,4,name-form,\"1:1 error [name-form] x\n2:1 warning [spelling] y\",80,,anna,\"+ -\"\r\n";
  csv += "C-3,1,dana,100,5,,,,,anna,\r\n";                                                   // line 5: not reviewed
  csv += "C-4,1,dana,100,5,,,great,,anna,\r\n";                                              // line 6: not a number
  csv += "C-5,1,dana,72,4,name-form,1:1 error [name-form] x,80,,anna,\"right, right\"\r\n";  // line 7: 2 for 1
  csv += "C-6,1,dana,72,4,name-form,1:1 error [name-form] x,80,,anna,perhaps\r\n";           // line 8: no verdict
  csv += "C-1,1,dana,100,5,,,90,,anna,\r\n";                                                 // line 9: again
  csv += "C-7,1,dana,100,5\r\n";                                                             // line 10: short
  CalibrationInput in;
  ReadReviewedCsv(csv, "r.csv", &in);
  CHECK(in.rows_read == 8);
  CHECK(in.reviewed.size() == 2);
  CHECK(in.not_reviewed == 1);
  CHECK(in.rejected == 5);
  CHECK(in.rows_read == in.reviewed.size() + in.not_reviewed + in.rejected);
  REQUIRE(in.errors.size() == 5);
  CHECK(in.errors[0].source == "r.csv:6");
  CHECK(in.errors[0].error.rfind("review_score: \"great\" is not a number from 0 to 100", 0) == 0);
  CHECK(in.errors[1].source == "r.csv:7");
  CHECK(in.errors[1].error.rfind("finding_verdicts: 2 verdicts for 1 finding", 0) == 0);
  CHECK(in.errors[2].source == "r.csv:8");
  CHECK(in.errors[2].error.rfind("finding_verdicts: \"perhaps\" is not a verdict", 0) == 0);
  CHECK(in.errors[3].source == "r.csv:9");
  CHECK(in.errors[3].error.find("already read at r.csv:2") != std::string::npos);
  CHECK(in.errors[4].source == "r.csv:10");
  const ReviewedReply& r = in.reviewed[1];
  CHECK(r.source == "r.csv:3");
  CHECK(r.reviewer == "anna");
  CHECK(r.tool_score == 72);
  CHECK(*r.review_score == 80);
  CHECK(r.rules == std::vector<std::string>{"name-form", "spelling"});
  CHECK(r.verdicts == std::vector<Verdict>{Verdict::kRight, Verdict::kWrong});
}

TEST_CASE("A sheet without the review columns is named and its rows rejected", "[calibration]") {
  CalibrationInput in;
  ReadReviewedCsv("conversation,message,score,findings,review_score\r\nC-1,1,100,,90\r\nC-2,1,100,,\r\n", "old.csv",
                  &in);
  CHECK(in.rows_read == 2);
  CHECK(in.rejected == 2);
  CHECK(in.reviewed.empty());
  REQUIRE(in.errors.size() == 1);
  CHECK(in.errors[0].source == "old.csv");
  CHECK(in.errors[0].error.rfind("missing columns reviewer, finding_verdicts", 0) == 0);
}

TEST_CASE("A sheet saved by a spreadsheet: BOM, semicolons, a decimal comma", "[calibration]") {
  CalibrationInput in;
  ReadReviewedCsv(
      "\xEF\xBB\xBF"
      "conversation;message;score;findings;review_score;reviewer;finding_verdicts\r\n"
      "C-1;1;75;1:1 error [wrong-name] x;\"80,5\";Анна;неверно\r\n",
      "excel.csv", &in);
  REQUIRE(in.reviewed.size() == 1);
  CHECK(*in.reviewed[0].review_score == 80.5);
  CHECK(in.reviewed[0].verdicts == std::vector<Verdict>{Verdict::kWrong});
  CHECK(in.reviewed[0].reviewer == "Анна");
}

TEST_CASE("Scores given as stars are flagged", "[calibration]") {
  std::vector<ReviewedReply> replies;
  for (int i = 0; i < 3; ++i) replies.push_back(Reply("vera", std::to_string(i), 90, 4));
  replies.push_back(Reply("anna", "x", 90, 4));
  const Calibration c = Calibrate(replies, CalibrationOptions{});
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].find("vera") != std::string::npos);
}
