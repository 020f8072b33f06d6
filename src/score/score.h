// Scores: a QA scorecard turns a reply's findings into 0–100 points and 1–5
// stars; aggregates give means with 95% confidence intervals.
//
// Pipeline position: after the checks, before the reports. Scoring reads
// finished findings and never changes them.
// Thread-safety: a Scorecard is immutable after Load(); Aggregate is a plain
// accumulator (one per thread or guarded by the caller).
#ifndef REPLYLINT_SCORE_SCORE_H_
#define REPLYLINT_SCORE_SCORE_H_

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"
#include "rules/rule_spec.h"

namespace replylint {

struct Scorecard {
  std::map<Severity, int> penalties;
  std::vector<std::string> critical;                    // rule ids
  std::vector<std::pair<int, int>> stars;               // (stars, lowest score), most stars first
  std::vector<std::pair<std::string, int>> categories;  // (category, weight), file order

  // Loads rules/scorecard.yaml from `rules_dir` (empty: built-in) and checks
  // it against the rule set: every rule's category must exist.
  static StatusOr<Scorecard> Load(const std::string& rules_dir, const RuleSet& rules);
  int StarsFor(int score) const;
};

struct ReplyScore {
  int score = 100;
  int stars = 5;
  bool critical = false;  // failed by a critical rule
};

// Scores one reply on `channel` from its findings.
ReplyScore ScoreReply(const Scorecard& card, const RuleSet& rules, Channel channel,
                      const std::vector<Finding>& findings);

// Mean, count and a 95% confidence interval (Student's t) of scores.
class Aggregate {
 public:
  void Add(double x);
  size_t count() const { return n_; }
  double mean() const { return mean_; }
  double stddev() const;
  // Half-width of the 95% interval of the mean; 0 when count() < 2.
  double HalfWidth95() const;
  // The 95% interval, clipped to the range the values can take.
  double Low95(double floor) const { return std::max(floor, mean_ - HalfWidth95()); }
  double High95(double ceiling) const { return std::min(ceiling, mean_ + HalfWidth95()); }

 private:
  size_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

// Two-sided 95% quantile of Student's t with `df` degrees of freedom.
double StudentT95(size_t df);

}  // namespace replylint

#endif  // REPLYLINT_SCORE_SCORE_H_
