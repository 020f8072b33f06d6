// Evaluation against labelled conversations: every agent message with an
// `expect` list is compared with the rules that fired on it; the result is
// TP / FP / FN, precision and recall per rule.
//
// Pipeline position: a ResultSink, like a report; it reads finished results.
// Thread-safety: used from the pipeline's calling thread only.
#ifndef REPLYLINT_EVAL_EVAL_H_
#define REPLYLINT_EVAL_EVAL_H_

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "replylint/engine.h"

namespace replylint {

struct RuleCounts {
  size_t tp = 0, fp = 0, fn = 0;
  // nullopt-like: -1 when undefined (no firings / no labels).
  double precision() const { return tp + fp == 0 ? -1 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  double recall() const { return tp + fn == 0 ? -1 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
};

struct Mismatch {
  std::string source;
  size_t line = 0;
  std::string conversation;
  size_t message = 0;
  std::string rule;
  bool expected = false;  // true: expected but not found (FN); false: unexpected (FP)
  std::string text;       // the finding's text (FP) or the message's start (FN)
};

class Evaluation : public ResultSink {
 public:
  // `rules`: the rule ids of this build and whether each is enabled.
  explicit Evaluation(std::map<std::string, bool> rules);

  void OnConversation(const Conversation& conversation, const ConversationResult& result) override;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override;

  const std::map<std::string, RuleCounts>& counts() const { return counts_; }
  const std::vector<Mismatch>& mismatches() const { return mismatches_; }
  size_t scored() const { return scored_; }
  size_t rejected() const { return rejected_.size(); }
  // Labels naming rules this build does not have.
  const std::set<std::string>& unknown_labels() const { return unknown_; }

  void WriteText(std::ostream& out, bool verbose) const;
  void WriteJson(std::ostream& out) const;
  // False findings per 100 scored messages (-1 when nothing was scored): the
  // rate a reader of the reports sees, whatever the rule's number of positives.
  double FalseAlarmsPer100(const RuleCounts& k) const;
  // Rules (implemented and enabled, with data) below the thresholds.
  std::vector<std::string> Below(double min_precision, double min_recall) const;

 private:
  std::map<std::string, bool> rules_;
  std::map<std::string, RuleCounts> counts_;
  std::vector<Mismatch> mismatches_;
  std::vector<std::string> rejected_;
  std::set<std::string> unknown_;
  size_t scored_ = 0;
};

}  // namespace replylint

#endif  // REPLYLINT_EVAL_EVAL_H_
