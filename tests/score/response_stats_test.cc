#include "score/response_stats.h"

#include <catch2/catch.hpp>

#include "score/goal.h"

using namespace replylint;

namespace {

ResponseTime Wait(bool first, int64_t seconds, int64_t target = 300) {
  ResponseTime r;
  r.first = first;
  r.seconds = seconds;
  r.target = target;
  return r;
}

// First replies 60, 120, 180, 600, 1200 s against 5 min; next 30 and 90 s;
// one reply without `at` and one backwards.
ResponseStats Sample() {
  ResponseStats s;
  for (int64_t w : {600, 60, 1200, 180, 120}) s.Add(Wait(true, w));
  for (int64_t w : {90, 30}) s.Add(Wait(false, w));
  ResponseTime none;
  none.state = ResponseTime::State::kNoTime;
  s.Add(none);
  ResponseTime back;
  back.state = ResponseTime::State::kBackwards;
  s.Add(back);
  return s;
}

}  // namespace

TEST_CASE("response figures match a hand calculation", "[response-stats]") {
  const ResponseStats s = Sample();
  CHECK(s.judged() == 7);
  CHECK(s.late() == 2);
  CHECK(s.no_time() == 1);
  CHECK(s.backwards() == 1);
  const WaitFigures f = s.first();
  CHECK(f.count == 5);
  CHECK(f.median == 180);  // sorted 60 120 180 600 1200
  CHECK(f.p90 == 1200);    // nearest rank ⌈0.9·5⌉ = 5
  CHECK(f.within == 3);
  // Wilson 3/5: centre (0.6 + 1.9208/5) / 1.76829 = 0.55655, half 0.32583.
  CHECK(f.within_ci().low == Approx(0.2307).margin(5e-4));
  CHECK(f.within_ci().high == Approx(0.8824).margin(5e-4));
  // Median ranks 5/2 ∓ 1.96·√5/2 = 0.31 and 5.69 (+1): clamped to 1 and 5.
  CHECK(f.median_ci.low == 60);
  CHECK(f.median_ci.high == 1200);
  const WaitFigures n = s.next();
  CHECK(n.median == 60);  // (30 + 90) / 2
  CHECK(n.p90 == 90);     // ⌈1.8⌉ = 2
  CHECK(n.within == 2);
  CHECK(WaitText(180) == "3.0 min");
  CHECK(WaitText(45) == "45 s");
  CHECK(WaitText(5400) == "1.5 h");
}

TEST_CASE("response goals: share within target and median wait", "[response-stats][goal]") {
  const ResponseStats s = Sample();
  auto eval = [&](const std::string& spec) {
    auto g = Goal::Parse(spec);
    REQUIRE(g.ok());
    return Evaluate(*g, s);
  };
  const GoalProgress half = eval("first_within=50");
  CHECK(half.mean == Approx(60));
  CHECK(half.state == GoalProgress::State::kMetUnsure);  // the interval reaches 23%
  const GoalProgress most = eval("first_within=80");
  CHECK(most.state == GoalProgress::State::kBelowUnsure);
  REQUIRE(most.perfect_needed.has_value());
  CHECK(*most.perfect_needed == 5);  // (3 + 5) / (5 + 5) = 80%
  const GoalProgress quarter = eval("first_within=80,replies=10");
  CHECK(quarter.remaining == 5);
  CHECK(quarter.needed_mean == Approx(100));  // all five to come on time
  CHECK(quarter.reachable);
  const GoalProgress fast = eval("first_reply_min=4");
  CHECK(fast.mean == Approx(3));
  CHECK(fast.state == GoalProgress::State::kMetUnsure);  // the interval reaches 20 min
  const GoalProgress faster = eval("first_reply_min=2");
  CHECK(faster.state == GoalProgress::State::kBelowUnsure);                // its low end, 1 min, is under 2
  CHECK(eval("next_reply_min=0.4").state == GoalProgress::State::kBelow);  // 30 s is the fastest
  CHECK_FALSE(Goal::Parse("first_within=120").ok());
  CHECK_FALSE(Goal::Parse("first_reply_min=4,replies=10").ok());
  CHECK_FALSE(Goal::Parse("first_within=90,stars=4").ok());
}
