#include "score/aggregate.h"

#include <catch2/catch.hpp>

using namespace replylint;

TEST_CASE("Group statistics match hand-computed values", "[aggregate]") {
  ScoreStats s;
  s.Add(100, 5, true, {});
  s.Add(100, 5, true, {});
  s.Add(75, 4, false, {{"name-form", 25}});
  s.Add(0, 1, false, {{"name-form", 25}, {"placeholder", 75}});
  CHECK(s.count() == 4);
  CHECK(s.mean() == Approx(68.75));
  // Wilson on p = 0.6875, n = 4.
  CHECK(s.ci().low == Approx(25.8470).epsilon(1e-5));
  CHECK(s.ci().high == Approx(93.2821).epsilon(1e-5));
  CHECK(s.mean_stars() == Approx(3.75));  // (3.75 - 1) / 4 = 0.6875 again
  CHECK(s.stars_ci().low == Approx(2.03388).epsilon(1e-5));
  CHECK(s.stars_ci().high == Approx(4.73128).epsilon(1e-5));
  CHECK(s.good() == 2);
  CHECK(s.good_share() == Approx(0.5));
  CHECK(s.good_ci().low == Approx(0.150039).epsilon(1e-5));
  CHECK(s.good_ci().high == Approx(0.849961).epsilon(1e-5));
  CHECK(s.with_stars(5) == 2);
  CHECK(s.with_stars(4) == 1);
  CHECK(s.with_stars(3) == 0);
  CHECK(s.with_stars(1) == 1);
  // Points per reply: placeholder 75/4, name-form 50/4; they add up to 100 - mean.
  const auto costs = s.Costs(5);
  REQUIRE(costs.size() == 2);
  CHECK(costs[0].first == "placeholder");
  CHECK(costs[0].second == Approx(18.75));
  CHECK(costs[1].first == "name-form");
  CHECK(costs[1].second == Approx(12.5));
  CHECK(costs[0].second + costs[1].second == Approx(100 - s.mean()));
  CHECK(s.Costs(1).size() == 1);
}

TEST_CASE("Audit totals group replies and count findings", "[aggregate]") {
  AuditTotals t(5, Severity::kError, true);
  Finding err;
  err.rule = "wrong-name";
  err.severity = Severity::kError;
  Finding warn;
  warn.rule = "missing-signature";
  warn.severity = Severity::kWarning;
  t.AddReply({"T-1", "olga", "L1", Channel::kChat}, {75, 4, false, {{"wrong-name", 25}}}, {err});
  t.AddReply({"T-1", "olga", "L1", Channel::kChat}, {100, 5, false, {}}, {});
  t.AddReply({"T-2", "ivan", "L2", Channel::kEmail}, {90, 5, false, {{"missing-signature", 10}}}, {warn, warn});
  t.AddSkipped();
  CHECK(t.analysed() == 3);
  CHECK(t.skipped() == 1);
  CHECK(t.failing_replies() == 1);
  CHECK(t.findings_by_rule().at("missing-signature") == 2);
  CHECK(t.replies_by_rule().at("missing-signature") == 1);
  CHECK(t.Groups(GroupBy::kAgent).at("olga").mean() == Approx(87.5));
  CHECK(t.Groups(GroupBy::kTeam).at("L2").count() == 1);
  CHECK(t.Groups(GroupBy::kChannel).at("chat").count() == 2);
  CHECK(t.Groups(GroupBy::kConversation).at("T-1").count() == 2);
  CHECK(t.all().good() == 2);
  AuditTotals lean(5, Severity::kError, false);
  lean.AddReply({"T-1", "olga", "L1", Channel::kChat}, {100, 5, false, {}}, {});
  CHECK(lean.Groups(GroupBy::kConversation).empty());
}
