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
  CHECK(card.StarsFor(90) == 5);
  CHECK(card.StarsFor(75) == 4);
  CHECK(card.StarsFor(74) == 3);
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

TEST_CASE("Aggregate mean and 95% interval match hand-computed values", "[score]") {
  Aggregate a;
  for (double x : {70.0, 80.0, 90.0, 100.0}) a.Add(x);
  CHECK(a.count() == 4);
  CHECK(a.mean() == Approx(85.0));
  // sd = sqrt(((15^2 + 5^2) * 2) / 3) = 12.9099; t(3) = 3.182; hw = 3.182 * 12.9099 / 2 = 20.540
  CHECK(a.stddev() == Approx(12.9099).epsilon(1e-4));
  CHECK(a.HalfWidth95() == Approx(20.540).epsilon(1e-3));
  CHECK(a.High95(100) == Approx(100.0));
  CHECK(a.Low95(0) == Approx(64.46).epsilon(1e-3));
  Aggregate one;
  one.Add(50);
  CHECK(one.HalfWidth95() == 0);
  CHECK(StudentT95(1) == Approx(12.706));
  CHECK(StudentT95(1000) == Approx(1.96));
}
