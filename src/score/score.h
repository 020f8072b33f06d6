// Scores: a QA scorecard turns a reply's findings into 0–100 points, 1–5
// stars and the points each rule cost.
//
// Pipeline position: after the checks, before the aggregates and reports.
// Scoring reads finished findings and never changes them.
// Thread-safety: a Scorecard is immutable after Load(); ScoreReply is a pure
// function, and ReplyScorer::Score is const.
#ifndef REPLYLINT_SCORE_SCORE_H_
#define REPLYLINT_SCORE_SCORE_H_

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"
#include "rules/rule_spec.h"

namespace replylint {

// Points a reply lost to each rule, sorted by rule id. The points of one
// reply add up to 100 - score.
using RuleCosts = std::vector<std::pair<std::string, double>>;

struct Scorecard {
  std::map<Severity, int> penalties;
  std::vector<std::string> critical;                    // rule ids, sorted
  std::vector<std::pair<int, int>> stars;               // (stars, lowest score), most stars first
  std::vector<std::pair<std::string, int>> categories;  // (category, weight), file order
  std::map<std::string, std::string> rule_category;     // every rule id -> its category
  int good_stars = 5;  // a reply with at least this many stars counts as good

  // Loads rules/scorecard.yaml from `rules_dir` (empty: built-in), then
  // applies the configuration's `scorecard:` (RuleSet::scorecard): each key
  // it gives replaces the built-in key. Validates against the rule set:
  // every rule lands in exactly one known category, critical rules exist,
  // more stars need a higher score. Errors name file:line:col.
  static StatusOr<Scorecard> Load(const std::string& rules_dir, const RuleSet& rules);

  int StarsFor(int score) const;
  bool IsCritical(const std::string& rule) const;
  // The category of a rule; empty for a rule the scorecard does not know.
  const std::string& CategoryOf(const std::string& rule) const;
};

struct ReplyScore {
  int score = 100;
  int stars = 5;
  bool critical = false;  // failed by a critical rule
  RuleCosts costs;
};

// Scores one reply on `channel` from its findings.
//
// A category counts when one of its enabled rules runs on the channel; each
// finding costs its category penalties[severity], never more than the
// category's weight; score = round(100 * kept / possible). A category's loss
// is shared among its rules in proportion to their penalties, and the shares
// are scaled so that they add up to 100 - score exactly (rounding included).
// A critical finding sets the score to 0; the critical rules share whatever
// the other rules did not already cost.
ReplyScore ScoreReply(const Scorecard& card, const RuleSet& rules, Channel channel,
                      const std::vector<Finding>& findings);

// ScoreReply for many replies: which categories count on a channel, and the
// points possible there, depend only on the scorecard and the rules, so they
// are worked out once per channel instead of once per reply. `card` must
// outlive the scorer.
class ReplyScorer {
 public:
  ReplyScorer(const Scorecard& card, const RuleSet& rules);
  ReplyScore Score(Channel channel, const std::vector<Finding>& findings) const;

 private:
  struct Basis {
    int possible = 0;
    std::vector<std::pair<std::string, int>> categories;  // those that count, (category, weight), file order
  };
  const Scorecard* card_;
  std::array<Basis, 4> channels_;  // by Channel
};

}  // namespace replylint

#endif  // REPLYLINT_SCORE_SCORE_H_
