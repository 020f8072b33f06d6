#include "score/goal.h"

#include <catch2/catch.hpp>

using namespace replylint;

namespace {

ScoreStats Stars(std::initializer_list<std::pair<int, size_t>> counts) {
  ScoreStats s;
  for (const auto& [stars, n] : counts) {
    for (size_t i = 0; i < n; ++i) s.Add(stars * 20, stars, stars == 5, {});
  }
  return s;
}

}  // namespace

TEST_CASE("Goals parse and reject bad specs", "[goal]") {
  auto g = Goal::Parse("stars=4.96,replies=100");
  REQUIRE(g.ok());
  CHECK(g->measure == Goal::Measure::kStars);
  CHECK(g->target == Approx(4.96));
  CHECK(g->replies == 100);
  auto s = Goal::Parse("score=90");
  REQUIRE(s.ok());
  CHECK(s->measure == Goal::Measure::kScore);
  CHECK(s->replies == 0);
  for (const char* bad : {"", "4.96", "stars=6", "score=101", "stars=4.9,score=90", "stars=4.9,replies=0",
                          "stars=4.9,replies=2.5", "stars=abc", "mood=5"}) {
    INFO(bad);
    CHECK_FALSE(Goal::Parse(bad).ok());
  }
}

TEST_CASE("Seed 000's quarter: 85 fives and one four against 4.96 over 100", "[goal]") {
  const Goal goal = *Goal::Parse("stars=4.96,replies=100");
  const GoalProgress p = Evaluate(goal, Stars({{5, 85}, {4, 1}}));
  CHECK(p.count == 86);
  CHECK(p.mean == Approx(429.0 / 86));  // 4.988
  CHECK(p.gap == Approx(429.0 / 86 - 4.96));
  // The interval (4.807–4.999) reaches below the target: met, not yet sure.
  CHECK(p.state == GoalProgress::State::kMetUnsure);
  CHECK(p.ci.low == Approx(4.80738).epsilon(1e-5));
  REQUIRE(p.perfect_needed);
  CHECK(*p.perfect_needed == 0);
  // The 14 replies to go need (4.96 · 100 - 429) / 14 = 4.786.
  CHECK(p.remaining == 14);
  CHECK(p.needed_mean == Approx(67.0 / 14));
  CHECK(p.reachable);
}

TEST_CASE("Below a goal: how many perfect replies lift the mean", "[goal]") {
  const Goal goal = *Goal::Parse("stars=4.96");
  // 9 fives and a three: 48 / 10 = 4.8; (4.96 · 10 - 48) / (5 - 4.96) = 40.
  const GoalProgress p = Evaluate(goal, Stars({{5, 9}, {3, 1}}));
  CHECK(p.state == GoalProgress::State::kBelowUnsure);
  REQUIRE(p.perfect_needed);
  CHECK(*p.perfect_needed == 40);
  // A target at the maximum cannot be reached once a reply fell short.
  const GoalProgress top = Evaluate(*Goal::Parse("stars=5,replies=12"), Stars({{5, 9}, {3, 1}}));
  CHECK_FALSE(top.perfect_needed);
  CHECK(top.remaining == 2);
  CHECK(top.needed_mean == Approx(6));  // (5 · 12 - 48) / 2
  CHECK_FALSE(top.reachable);
  // Clearly below: every score 40 (2 stars), goal score 90.
  const GoalProgress low = Evaluate(*Goal::Parse("score=90"), Stars({{2, 30}}));
  CHECK(low.state == GoalProgress::State::kBelow);
  // (90 · 30 - 1200) / (100 - 90) = 150
  CHECK(*low.perfect_needed == 150);
  // Clearly met.
  const GoalProgress met = Evaluate(*Goal::Parse("stars=4"), Stars({{5, 200}}));
  CHECK(met.state == GoalProgress::State::kMet);
}
