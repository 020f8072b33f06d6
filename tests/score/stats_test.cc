#include "score/stats.h"

#include <catch2/catch.hpp>

using namespace replylint;

// Reference values computed by hand from the formulas in stats.h (z = 1.959964),
// and checked against published Wilson tables (8/10: 0.490–0.943; 0/5: 0–0.434).

TEST_CASE("Wilson interval of a share", "[stats]") {
  const Interval a = Wilson95(8, 10);
  CHECK(a.low == Approx(0.490162).epsilon(1e-5));
  CHECK(a.high == Approx(0.943318).epsilon(1e-5));
  const Interval none = Wilson95(0, 5);
  CHECK(none.low == 0);
  CHECK(none.high == Approx(0.434482).epsilon(1e-5));
  // One perfect reply proves little: 1 / (1 + z²) = 0.2065.
  const Interval one = Wilson95(1, 1);
  CHECK(one.low == Approx(0.206549).epsilon(1e-5));
  CHECK(one.high == 1);
  const Interval empty = Wilson95(0, 0);
  CHECK(empty.low == 0);
  CHECK(empty.high == 1);
}

TEST_CASE("Interval of a bounded mean", "[stats]") {
  // Mean 85 of 4 scores: p = 0.85, n = 4.
  const Interval a = BoundedMean95(85, 4, 0, 100);
  CHECK(a.low == Approx(37.5454).epsilon(1e-5));
  CHECK(a.high == Approx(98.1623).epsilon(1e-5));
  // Stars: 1..5, the same share.
  const Interval s = BoundedMean95(1 + 4 * 0.85, 4, 1, 5);
  CHECK(s.low == Approx(1 + 4 * 0.375454).epsilon(1e-5));
  CHECK(s.high == Approx(1 + 4 * 0.981623).epsilon(1e-5));
  // Every reply at 100 never gives a zero-width "certainly 100".
  const Interval top = BoundedMean95(100, 20, 0, 100);
  CHECK(top.high == 100);
  CHECK(top.low == Approx(83.8875).epsilon(1e-5));
}

TEST_CASE("Intervals overlap when they share a point", "[stats]") {
  CHECK(Interval{1, 2}.Overlaps({2, 3}));
  CHECK_FALSE(Interval{1, 2}.Overlaps({2.5, 3}));
}

TEST_CASE("Margin of error with the finite-population correction", "[stats]") {
  // 1.959964 · √(0.25/100 · 900/999) = 0.093016
  CHECK(MarginOfError95(100, 1000) == Approx(0.0930158).epsilon(1e-5));
  // 3 of an agent's 10 replies: 1.959964 · √(0.25/3 · 7/9) = 0.498982
  CHECK(MarginOfError95(3, 10) == Approx(0.498982).epsilon(1e-5));
  CHECK(MarginOfError95(10, 10) == 0);
  CHECK(MarginOfError95(0, 10) == 1);
  // p other than 0.5: 1.959964 · √(0.09/100 · 900/999)
  CHECK(MarginOfError95(100, 1000, 0.1) == Approx(0.0558095).epsilon(1e-5));
}

TEST_CASE("Stratified margin of error", "[stats]") {
  // Strata (10 of 100) and (10 of 300): weights 1/4 and 3/4.
  // 1.959964 · √(1/16 · 0.025 · 90/99 + 9/16 · 0.025 · 290/299) = 0.240523
  CHECK(StratifiedMarginOfError95({{10, 100}, {10, 300}}) == Approx(0.240523).epsilon(1e-5));
  // One stratum: the plain margin.
  CHECK(StratifiedMarginOfError95({{3, 10}}) == Approx(MarginOfError95(3, 10)));
  // Whole strata add nothing; an unsampled stratum leaves the share open.
  CHECK(StratifiedMarginOfError95({{1, 1}, {3, 10}}) == Approx(10.0 / 11 * MarginOfError95(3, 10)));
  CHECK(StratifiedMarginOfError95({{0, 5}, {3, 10}}) == 1);
}

TEST_CASE("Kish's effective sample size", "[stats]") {
  CHECK(KishEffectiveSize({1, 1, 1, 1}) == Approx(4));
  CHECK(KishEffectiveSize({1, 2}) == Approx(1.8));  // 3² / 5
  CHECK(KishEffectiveSize({}) == 0);
}
