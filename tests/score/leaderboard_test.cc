#include "score/leaderboard.h"

#include <catch2/catch.hpp>

using namespace replylint;

namespace {

ScoreStats Scores(size_t n, int score, size_t zeros = 0) {
  ScoreStats s;
  for (size_t i = 0; i < n; ++i) s.Add(score, score >= 90 ? 5 : 3, score >= 90, {});
  for (size_t i = 0; i < zeros; ++i) s.Add(0, 1, false, {});
  return s;
}

}  // namespace

TEST_CASE("Equal means share a rank and the crown", "[leaderboard]") {
  std::map<std::string, ScoreStats> g;
  g["anna"] = Scores(25, 100);
  g["boris"] = Scores(40, 100);
  g["vera"] = Scores(30, 80);
  g["dmitry"] = Scores(5, 100);  // too few replies
  g[""] = Scores(50, 100);       // no agent: never ranked
  const Leaderboard lb = Rank(g, 20);
  REQUIRE(lb.ranked.size() == 3);
  CHECK(lb.ranked[0].key == "boris");  // equal means: more replies first
  CHECK(lb.ranked[1].key == "anna");
  CHECK(lb.ranked[0].rank == 1);
  CHECK(lb.ranked[1].rank == 1);
  CHECK(lb.ranked[2].rank == 3);
  CHECK(lb.ranked[0].tied);
  CHECK(lb.ranked[0].crown);
  CHECK(lb.ranked[1].crown);
  CHECK_FALSE(lb.ranked[2].crown);
  CHECK_FALSE(lb.clear_leader);
  REQUIRE(lb.unranked.size() == 1);
  CHECK(lb.unranked[0].first == "dmitry");
  CHECK(lb.unranked[0].second == 5);
}

TEST_CASE("The crown is clear only when the intervals do not overlap", "[leaderboard]") {
  // 100 × 100: interval from 96.30; 50 × 100 + 50 × 0: up to 59.62.
  std::map<std::string, ScoreStats> g;
  g["anna"] = Scores(100, 100);
  g["boris"] = Scores(50, 100, 50);
  Leaderboard lb = Rank(g, 20);
  CHECK(lb.clear_leader);
  CHECK(lb.ranked[0].above_next);
  CHECK_FALSE(lb.ranked[1].above_next);
  // 20 × 100 (from 83.89) against 19 × 100 + one 0 (up to 99.11): overlap.
  g.clear();
  g["anna"] = Scores(20, 100);
  g["boris"] = Scores(19, 100, 1);
  lb = Rank(g, 20);
  REQUIRE(lb.ranked.size() == 2);
  CHECK(lb.ranked[0].key == "anna");
  CHECK(lb.ranked[0].crown);
  CHECK_FALSE(lb.ranked[0].tied);
  CHECK_FALSE(lb.clear_leader);
  CHECK(lb.ranked[1].rank == 2);
}

TEST_CASE("Means are compared exactly", "[leaderboard]") {
  // 2/3 and 4/6 of the same scores are the same mean, whatever floating point says.
  std::map<std::string, ScoreStats> g;
  g["a"] = Scores(2, 100, 1);
  g["b"] = Scores(4, 100, 2);
  const Leaderboard lb = Rank(g, 1);
  CHECK(lb.ranked[0].rank == lb.ranked[1].rank);
}

TEST_CASE("Means that print the same share a rank; the order stays exact", "[leaderboard]") {
  auto group = [](std::vector<int> scores) {
    ScoreStats s;
    for (int v : scores) s.Add(v, 4, false, {});
    return s;
  };
  std::map<std::string, ScoreStats> g;
  g["x"] = group({100, 100, 66});                                   // 88.667, printed 88.7
  g["y"] = group({100, 100, 100, 100, 100, 100, 100, 62, 62, 63});  // 88.700, printed 88.7
  g["z"] = group({100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 24, 24, 24});
  const Leaderboard lb = Rank(g, 1);
  std::vector<std::pair<std::string, size_t>> ranks;
  for (const auto& r : lb.ranked) ranks.push_back({r.key, r.rank});
  CHECK(ranks == std::vector<std::pair<std::string, size_t>>{{"y", 1}, {"x", 1}, {"z", 3}});
}
