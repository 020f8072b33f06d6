// Goals: "a mean of 4.96 stars over 100 replies this quarter" (seed 000).
// For a team or an agent: where they stand, whether the interval says the
// goal is met, and how far they are: how many perfect replies would lift the
// mean to the target and, with a number of replies as part of the goal, the
// mean the remaining replies need.
//
// Thread-safety: values and pure functions.
#ifndef REPLYLINT_SCORE_GOAL_H_
#define REPLYLINT_SCORE_GOAL_H_

#include <optional>
#include <string>

#include "replylint/status.h"
#include "score/aggregate.h"

namespace replylint {

struct Goal {
  enum class Measure {
    kScore,
    kStars,
    kFirstWithin,  // first replies within their target, percent: at least the target
    kNextWithin,   // next replies within their target, percent
    kFirstMedian,  // median first reply, minutes: at most the target
    kNextMedian,   // median next reply, minutes
  };
  Measure measure = Measure::kStars;
  double target = 0;
  size_t replies = 0;  // 0: no number of replies in the goal

  // "stars=4.96", "score=90", "stars=4.96,replies=100", "first_within=90"
  // (percent), "first_reply_min=4.9" (median minutes), next_within,
  // next_reply_min.
  static StatusOr<Goal> Parse(const std::string& spec);
  // The --goal key of the measure ("stars", "first_within", …).
  const char* key() const;
  bool about_response() const { return measure != Measure::kScore && measure != Measure::kStars; }
  // A median goal is met from below: lower is better.
  bool lower_is_better() const { return measure == Measure::kFirstMedian || measure == Measure::kNextMedian; }
  double max() const { return measure == Measure::kStars ? 5 : lower_is_better() ? 1e9 : 100; }
  double min() const { return measure == Measure::kStars ? 1 : 0; }
};

struct GoalProgress {
  enum class State {
    kMet,           // the whole 95% interval is at or above the target
    kMetUnsure,     // the mean is, the interval reaches below
    kBelowUnsure,   // the mean is below, the interval reaches the target
    kBelow,         // the whole interval is below the target
  };
  State state = State::kBelow;
  size_t count = 0;
  double mean = 0;
  Interval ci;
  double gap = 0;  // mean - target
  // Perfect replies (5 stars / score 100) that would lift the mean to the
  // target: 0 when it is there; nullopt when no number of them can (the
  // target is the maximum and one reply fell short).
  std::optional<size_t> perfect_needed;
  // With Goal::replies: the replies still to come (0 when the count is
  // reached) and the mean they need (meaningless when remaining == 0);
  // reachable is false when that mean is above the maximum.
  size_t remaining = 0;
  double needed_mean = 0;
  bool reachable = true;
};

GoalProgress Evaluate(const Goal& goal, const ScoreStats& stats);
// A response goal: the share within target (perfect_needed counts replies
// within target that would lift it) or the median wait in minutes (met when
// at most the target; nothing to count).
GoalProgress Evaluate(const Goal& goal, const ResponseStats& stats);
// Everyone's progress (no group) or one group's, from the scores or the
// response figures, whichever the goal measures.
GoalProgress Evaluate(const Goal& goal, const AuditTotals& totals, std::optional<GroupBy> group = std::nullopt,
                      const std::string& key = "");

}  // namespace replylint

#endif  // REPLYLINT_SCORE_GOAL_H_
