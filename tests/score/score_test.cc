#include "score/score.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;

namespace {

Finding F(const std::string& rule, Severity s) {
  Finding f;
  f.rule = rule;
  f.severity = s;
  return f;
}

}  // namespace

TEST_CASE("The default scorecard loads with weights and stars", "[score]") {
  const Scorecard& card = replylint::testing::DefaultEngine().scorecard();
  CHECK(card.penalties.at(Severity::kError) == 25);
  CHECK(card.StarsFor(100) == 5);
  CHECK(card.StarsFor(88) == 5);
  CHECK(card.StarsFor(87) == 4);
  CHECK(card.StarsFor(70) == 4);
  CHECK(card.StarsFor(69) == 3);
  CHECK(card.good_stars == 5);
  CHECK(card.StarsFor(10) == 1);
}

TEST_CASE("A reply without findings scores 100 and five stars", "[score]") {
  const Engine& e = replylint::testing::DefaultEngine();
  const ReplyScore s = ScoreReply(e.scorecard(), e.rules(), Channel::kEmail, {});
  CHECK(s.score == 100);
  CHECK(s.stars == 5);
  CHECK_FALSE(s.critical);
}

TEST_CASE("Findings cost their category points; a category never loses more than its weight", "[score]") {
  const Engine& e = replylint::testing::DefaultEngine();
  // Points possible on email = sum of the weights of categories with an email rule.
  int possible = 0;
  for (const auto& [cat, w] : e.scorecard().categories) {
    for (const RuleSpec& r : e.rules().rules) {
      if (r.enabled && r.category == cat && r.AppliesTo(Channel::kEmail)) {
        possible += w;
        break;
      }
    }
  }
  REQUIRE(possible > 0);
  const ReplyScore one = ScoreReply(e.scorecard(), e.rules(), Channel::kEmail,
                                    {F("missing-signature", Severity::kWarning)});
  CHECK(one.score == static_cast<int>(std::lround(100.0 * (possible - 10) / possible)));
  // Three errors in accountability (weight 20) cost at most 20 points.
  const ReplyScore capped = ScoreReply(
      e.scorecard(), e.rules(), Channel::kEmail,
      {F("no-reply-sender", Severity::kError), F("no-reply-sender", Severity::kError),
       F("missing-signature", Severity::kError)});
  CHECK(capped.score == static_cast<int>(std::lround(100.0 * (possible - 20) / possible)));
}

TEST_CASE("A critical rule fails the reply", "[score]") {
  const Engine& e = replylint::testing::DefaultEngine();
  const ReplyScore s = ScoreReply(e.scorecard(), e.rules(), Channel::kChat, {F("placeholder", Severity::kError)});
  CHECK(s.critical);
  CHECK(s.score == 0);
  CHECK(s.stars == 1);
}

namespace {

// The default rules with a scorecard given as a configuration's `scorecard:`.
StatusOr<Scorecard> CardFrom(const std::string& name, const std::string& yaml, RuleSet* rules) {
  LoadOptions o;
  o.config_path = replylint::testing::TempFile(name, yaml);
  o.config_explicit = true;
  auto set = LoadRuleSet(o);
  if (!set.ok()) return set.status();
  *rules = std::move(*set);
  return Scorecard::Load("", *rules);
}

// Every category of the built-in rules; on email, personalisation,
// completeness, accountability and correctness have rules that run.
const char* kCard100 = R"(scorecard:
  categories:
    personalisation: 40
    completeness: 30
    accountability: 20
    correctness: 10
    channel-etiquette: 0
    authenticity: 0
)";

double CostOf(const ReplyScore& s, const std::string& rule) {
  for (const auto& [r, p] : s.costs) {
    if (r == rule) return p;
  }
  return 0;
}

}  // namespace

TEST_CASE("Scores and costs match hand-computed values", "[score]") {
  RuleSet rules;
  auto card = CardFrom("card100.yaml", kCard100, &rules);
  REQUIRE(card.ok());
  // Two errors in personalisation (weight 40): 50 points, capped at 40.
  // Kept 60 of 100: score 60, 3 stars; each rule cost half of the 40.
  const ReplyScore a = ScoreReply(*card, rules, Channel::kEmail,
                                  {F("name-form", Severity::kError), F("wrong-name", Severity::kError)});
  CHECK(a.score == 60);
  CHECK(a.stars == 3);
  CHECK(CostOf(a, "name-form") == Approx(20));
  CHECK(CostOf(a, "wrong-name") == Approx(20));
  // A critical rule: placeholder (correctness, 10) and name-form (25): the
  // critical rule gets its 10 and the 65 nobody else cost; the sum is 100.
  const ReplyScore c = ScoreReply(*card, rules, Channel::kEmail,
                                  {F("name-form", Severity::kError), F("placeholder", Severity::kError)});
  CHECK(c.score == 0);
  CHECK(c.critical);
  CHECK(CostOf(c, "name-form") == Approx(25));
  CHECK(CostOf(c, "placeholder") == Approx(75));
}

TEST_CASE("Costs explain the rounded score exactly", "[score]") {
  RuleSet rules;
  auto card = CardFrom("card3.yaml", R"(scorecard:
  penalties: {error: 1, warning: 1, suggestion: 1}
  critical: []
  categories: {personalisation: 1, completeness: 1, accountability: 1, correctness: 0, channel-etiquette: 0, authenticity: 0}
)",
                       &rules);
  REQUIRE(card.ok());
  // 3 points possible on email; one lost: 66.67 rounds to 67, the cost is 33.
  const ReplyScore one = ScoreReply(*card, rules, Channel::kEmail, {F("name-form", Severity::kError)});
  CHECK(one.score == 67);
  CHECK(CostOf(one, "name-form") == Approx(33));
  // Two lost: 33.33 rounds to 33; 67 points shared equally: 33.5 each.
  const ReplyScore two = ScoreReply(*card, rules, Channel::kEmail,
                                    {F("name-form", Severity::kError), F("missing-signature", Severity::kWarning)});
  CHECK(two.score == 33);
  CHECK(CostOf(two, "name-form") == Approx(33.5));
  CHECK(CostOf(two, "missing-signature") == Approx(33.5));
}

TEST_CASE("A category can take rules from another; every rule needs one", "[score]") {
  RuleSet rules;
  auto card = CardFrom("moved.yaml", R"(scorecard:
  categories:
    personalisation: 40
    completeness: 30
    accountability: {weight: 20, rules: [placeholder]}
    correctness: 10
    channel-etiquette: 0
    authenticity: 0
)",
                       &rules);
  REQUIRE(card.ok());
  CHECK(card->CategoryOf("placeholder") == "accountability");
  CHECK(card->CategoryOf("name-form") == "personalisation");
  // Keys the configuration leaves out keep the built-in values.
  CHECK(card->penalties.at(Severity::kWarning) == 10);
  CHECK(card->IsCritical("placeholder"));
}

TEST_CASE("Scorecard errors name file:line:col", "[score]") {
  struct Case {
    const char* yaml;
    const char* where;
    const char* what;
  };
  const Case cases[] = {
      {"scorecard:\n  penalty: {error: 1}\n", ":2:3:", "unknown key \"penalty\""},
      {"scorecard:\n  stars: {5: 90, 4: 95}\n", ":2:10:", "more stars must need a higher score"},
      {"scorecard:\n  critical: [placeholder, nope]\n", ":2:27:", "unknown rule \"nope\""},
      {"scorecard:\n  good: 7\n", ":2:9:", "between 1 and 5"},
      {"scorecard:\n  categories: {personalisation: 40}\n", ":2:15:", "which the scorecard lacks"},
      {"scorecard:\n  categories:\n    a: {weight: 1, rules: [name-form]}\n    b: {weight: 1, rules: [name-form]}\n",
       ":4:28:", "listed in categories a and b"},
      {"scorecard:\n  penalties: {error: x, warning: 1, suggestion: 1}\n", ":2:22:", "expected a whole number"},
      // Read like every other file: a key given twice is an error, not the first one kept.
      {"scorecard:\n  good: 4\n  good: 3\n", ":3:3:", "duplicate key \"good\""},
  };
  for (const Case& c : cases) {
    RuleSet rules;
    auto card = CardFrom("bad-card.yaml", c.yaml, &rules);
    INFO(c.yaml);
    REQUIRE_FALSE(card.ok());
    CHECK_THAT(card.status().message(), Catch::Contains(std::string("bad-card.yaml") + c.where));
    CHECK_THAT(card.status().message(), Catch::Contains(c.what));
  }
}

TEST_CASE("A scorecard file named by the configuration is read relative to it", "[score]") {
  replylint::testing::TempFile("team-card.yaml", "good: 4\n");
  RuleSet rules;
  auto card = CardFrom("with-card-file.yaml", "scorecard: team-card.yaml\n", &rules);
  REQUIRE(card.ok());
  CHECK(card->good_stars == 4);
  auto missing = CardFrom("with-missing-card.yaml", "scorecard: nowhere.yaml\n", &rules);
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.status().message(), Catch::Contains("with-missing-card.yaml:1:12: scorecard: cannot read"));
}
