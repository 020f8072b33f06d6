#include "score/goal.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <sstream>
#include <utility>

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

// Where a mean of `count` values in [goal.min(), goal.max()] stands against
// a target it must reach (higher is better); `sum` is their total.
GoalProgress Progress(const Goal& goal, size_t count, double mean, const Interval& ci, double sum) {
  GoalProgress p;
  p.count = count;
  p.mean = mean;
  p.ci = ci;
  p.gap = p.mean - goal.target;
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

}  // namespace

StatusOr<Goal> Goal::Parse(const std::string& spec) {
  const std::string usage = "--goal " + spec +
                            ": expected stars=MEAN or score=MEAN, optionally with ,replies=N "
                            "(e.g. stars=4.96,replies=100); or first_within=PERCENT, next_within=PERCENT "
                            "(replies within their target, e.g. first_within=90), first_reply_min=MINUTES or "
                            "next_reply_min=MINUTES (the median wait, e.g. first_reply_min=4.9)";
  static const std::pair<const char*, Measure> kResponse[] = {{"first_within", Measure::kFirstWithin},
                                                              {"next_within", Measure::kNextWithin},
                                                              {"first_reply_min", Measure::kFirstMedian},
                                                              {"next_reply_min", Measure::kNextMedian}};
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
    } else if (auto r = std::find_if(std::begin(kResponse), std::end(kResponse),
                                     [&](const auto& kv) { return key == kv.first; });
               r != std::end(kResponse)) {
      if (have_measure) return Status::InvalidArgument("--goal " + spec + ": give one measure, once");
      have_measure = true;
      g.measure = r->second;
      g.target = v;
      if (v < 0 || v > g.max()) {
        return Status::InvalidArgument("--goal " + spec + ": " + key + " must be " +
                                       (g.lower_is_better() ? "at least 0 minutes" : "a percentage from 0 to 100"));
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
  if (g.replies > 0 && g.lower_is_better()) {
    return Status::InvalidArgument("--goal " + spec +
                                   ": replies goes with stars, score or a share within target, "
                                   "not with a median");
  }
  return g;
}

const char* Goal::key() const {
  switch (measure) {
    case Measure::kScore:
      return "score";
    case Measure::kStars:
      return "stars";
    case Measure::kFirstWithin:
      return "first_within";
    case Measure::kNextWithin:
      return "next_within";
    case Measure::kFirstMedian:
      return "first_reply_min";
    case Measure::kNextMedian:
      break;
  }
  return "next_reply_min";
}

GoalProgress Evaluate(const Goal& goal, const ResponseStats& stats) {
  GoalProgress p;
  const bool first = goal.measure == Goal::Measure::kFirstWithin || goal.measure == Goal::Measure::kFirstMedian;
  const WaitFigures f = first ? stats.first() : stats.next();
  p.count = f.count;
  if (goal.lower_is_better()) {
    p.mean = f.median / 60;
    p.ci = {f.median_ci.low / 60, f.median_ci.high / 60};
    p.gap = p.mean - goal.target;
    const bool met = p.count > 0 && p.gap <= kEps;
    if (met) {
      p.state = p.ci.high <= goal.target + kEps ? GoalProgress::State::kMet : GoalProgress::State::kMetUnsure;
    } else {
      p.state = p.count > 0 && p.ci.low <= goal.target + kEps ? GoalProgress::State::kBelowUnsure
                                                              : GoalProgress::State::kBelow;
    }
    p.perfect_needed = met ? std::optional<size_t>(0) : std::nullopt;
    return p;
  }
  // A share within target is the mean of 100 for a reply within it and 0
  // for a late one: the same arithmetic as a mean score.
  const Interval ci = f.within_ci();
  return Progress(goal, f.count, 100 * f.within_share(), {100 * ci.low, 100 * ci.high},
                  100 * static_cast<double>(f.within));
}

GoalProgress Evaluate(const Goal& goal, const AuditTotals& totals, std::optional<GroupBy> group,
                      const std::string& key) {
  if (goal.about_response()) {
    return Evaluate(goal, group ? totals.ResponsesOf(*group, key) : totals.all_responses());
  }
  if (!group) return Evaluate(goal, totals.all());
  static const ScoreStats kNone;
  const auto& groups = totals.Groups(*group);
  auto it = groups.find(key);
  return Evaluate(goal, it == groups.end() ? kNone : it->second);
}

GoalProgress Evaluate(const Goal& goal, const ScoreStats& stats) {
  const bool stars = goal.measure == Goal::Measure::kStars;
  return Progress(goal, stats.count(), stars ? stats.mean_stars() : stats.mean(), stars ? stats.stars_ci() : stats.ci(),
                  static_cast<double>(stars ? stats.stars_sum() : stats.score_sum()));
}

}  // namespace replylint
