#include "score/goal.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace replylint {
namespace {

// Values a mean is compared with carry decimal rounding (4.96 is not exact in
// binary): a mean within this of the target counts as on it.
constexpr double kEps = 1e-9;

bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(*out);
}

}  // namespace

StatusOr<Goal> Goal::Parse(const std::string& spec) {
  const std::string usage = "--goal " + spec +
                            ": expected stars=MEAN or score=MEAN, optionally with ,replies=N "
                            "(e.g. stars=4.96,replies=100)";
  Goal g;
  bool have_measure = false;
  std::stringstream ss(spec);
  std::string part;
  while (std::getline(ss, part, ',')) {
    const size_t eq = part.find('=');
    if (eq == std::string::npos) return Status::InvalidArgument(usage);
    const std::string key = part.substr(0, eq);
    const std::string value = part.substr(eq + 1);
    double v = 0;
    if (!ParseNumber(value, &v)) return Status::InvalidArgument(usage);
    if (key == "stars" || key == "score") {
      if (have_measure) return Status::InvalidArgument("--goal " + spec + ": give stars or score, once");
      have_measure = true;
      g.measure = key == "stars" ? Measure::kStars : Measure::kScore;
      g.target = v;
      if (v < g.min() || v > g.max()) {
        return Status::InvalidArgument("--goal " + spec + ": a " + key + " target must be between " +
                                       (key == "stars" ? "1 and 5" : "0 and 100"));
      }
    } else if (key == "replies") {
      if (v < 1 || v != std::floor(v) || v > 1e9)
        return Status::InvalidArgument("--goal " + spec + ": replies must be a whole number from 1");
      g.replies = static_cast<size_t>(v);
    } else {
      return Status::InvalidArgument(usage);
    }
  }
  if (!have_measure) return Status::InvalidArgument(usage);
  return g;
}

GoalProgress Evaluate(const Goal& goal, const ScoreStats& stats) {
  GoalProgress p;
  const bool stars = goal.measure == Goal::Measure::kStars;
  p.count = stats.count();
  p.mean = stars ? stats.mean_stars() : stats.mean();
  p.ci = stars ? stats.stars_ci() : stats.ci();
  p.gap = p.mean - goal.target;
  const double sum = static_cast<double>(stars ? stats.stars_sum() : stats.score_sum());
  const double n = static_cast<double>(p.count);
  const bool met = p.count > 0 && p.gap >= -kEps;
  if (met) {
    p.state = p.ci.low >= goal.target - kEps ? GoalProgress::State::kMet : GoalProgress::State::kMetUnsure;
  } else {
    p.state = p.ci.high >= goal.target - kEps ? GoalProgress::State::kBelowUnsure : GoalProgress::State::kBelow;
  }
  if (met) {
    p.perfect_needed = 0;
  } else if (goal.target < goal.max() - kEps) {
    // (sum + k·max) / (n + k) >= target  <=>  k >= (target·n - sum) / (max - target)
    p.perfect_needed = static_cast<size_t>(std::ceil((goal.target * n - sum) / (goal.max() - goal.target) - kEps));
  }
  if (goal.replies > 0 && p.count < goal.replies) {
    p.remaining = goal.replies - p.count;
    p.needed_mean = (goal.target * static_cast<double>(goal.replies) - sum) / static_cast<double>(p.remaining);
    p.reachable = p.needed_mean <= goal.max() + kEps;
  } else if (goal.replies > 0) {
    p.reachable = met;
  }
  return p;
}

}  // namespace replylint
