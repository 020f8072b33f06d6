// Aggregates of reply scores: per group (conversation, agent, team, channel)
// the count, the mean score and mean stars with 95% intervals, the star
// distribution, the share of good replies and the rules that cost the most
// points; and the audit's totals (findings per rule and severity).
//
// Pipeline position: fed with each scored reply after the engine, read by the
// reports. Adding is order-independent except for floating-point rounding of
// the costs, and the pipeline adds in input order, so results are
// deterministic whatever the number of threads.
// Thread-safety: plain accumulators; one thread at a time.
#ifndef REPLYLINT_SCORE_AGGREGATE_H_
#define REPLYLINT_SCORE_AGGREGATE_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "replylint/model.h"
#include "score/response_stats.h"
#include "score/score.h"
#include "score/stats.h"

namespace replylint {

enum class GroupBy : uint8_t { kConversation, kAgent, kTeam, kChannel };
std::string_view GroupByName(GroupBy g);
std::optional<GroupBy> ParseGroupBy(std::string_view s);

class ScoreStats {
 public:
  void Add(int score, int stars, bool good, const RuleCosts& costs);

  size_t count() const { return n_; }
  int64_t score_sum() const { return score_sum_; }
  int64_t stars_sum() const { return stars_sum_; }
  double mean() const;        // score; 0 when count() == 0
  Interval ci() const;        // of the mean score, within [0, 100]
  double mean_stars() const;  // 0 when count() == 0
  Interval stars_ci() const;  // of the mean stars, within [1, 5]
  size_t good() const { return good_; }
  double good_share() const;  // 0 when count() == 0
  Interval good_ci() const;   // Wilson
  size_t with_stars(int k) const { return k >= 1 && k <= 5 ? stars_[k] : 0; }
  // The points each rule cost per reply on average, most first (ties by
  // rule id), at most `limit`; all of them add up to 100 - mean().
  std::vector<std::pair<std::string, double>> Costs(size_t limit) const;

 private:
  size_t n_ = 0;
  int64_t score_sum_ = 0;
  int64_t stars_sum_ = 0;
  size_t good_ = 0;
  std::array<size_t, 6> stars_{};
  std::map<std::string, double> lost_;
};

// What identifies a reply's groups.
struct ReplyKeys {
  std::string_view conversation;
  std::string_view agent;
  std::string_view team;
  Channel channel = Channel::kEmail;
};

class AuditTotals {
 public:
  // `per_conversation`: keep a ScoreStats per conversation too (memory grows
  // with the number of conversations, so only when a report asks for it).
  AuditTotals(int good_stars, Severity fail_level, bool per_conversation)
      : good_stars_(good_stars), fail_level_(fail_level), per_conversation_(per_conversation) {}

  void AddReply(const ReplyKeys& keys, const ReplyScore& score, const std::vector<Finding>& findings);
  void AddSkipped() { ++skipped_; }
  // Findings accepted without being reported: by a message's `ignore`, by a baseline.
  void AddSuppressed(size_t ignored, size_t baselined) {
    suppressed_ignore_ += ignored;
    suppressed_baseline_ += baselined;
  }
  size_t suppressed_ignore() const { return suppressed_ignore_; }
  size_t suppressed_baseline() const { return suppressed_baseline_; }
  // A reply's wait (analysed or skipped for its language alike).
  void AddResponse(const ReplyKeys& keys, const ResponseTime& r);

  size_t analysed() const { return all_.count(); }
  size_t skipped() const { return skipped_; }
  size_t failing_replies() const { return failing_; }  // a finding at or above the fail level
  Severity fail_level() const { return fail_level_; }
  int good_stars() const { return good_stars_; }
  const ScoreStats& all() const { return all_; }
  const std::map<std::string, size_t>& findings_by_rule() const { return by_rule_; }
  const std::map<std::string, size_t>& replies_by_rule() const { return replies_by_rule_; }
  const std::map<Severity, size_t>& findings_by_severity() const { return by_severity_; }
  // Groups by key, sorted; an empty key is a reply without agent (or team).
  // kConversation is empty unless per_conversation was asked for.
  const std::map<std::string, ScoreStats>& Groups(GroupBy g) const;
  // Response-time figures, for everyone and per group (only the groups with
  // a measured reply; kConversation as Groups()).
  const ResponseStats& all_responses() const { return all_responses_; }
  const std::map<std::string, ResponseStats>& Responses(GroupBy g) const;
  // A group's figures; empty ones for a group without any.
  const ResponseStats& ResponsesOf(GroupBy g, const std::string& key) const;

 private:
  int good_stars_;
  Severity fail_level_;
  bool per_conversation_;
  size_t skipped_ = 0;
  size_t failing_ = 0;
  size_t suppressed_ignore_ = 0, suppressed_baseline_ = 0;
  ScoreStats all_;
  std::map<std::string, size_t> by_rule_;
  std::map<std::string, size_t> replies_by_rule_;
  std::map<Severity, size_t> by_severity_;
  std::map<std::string, ScoreStats> conversations_, agents_, teams_, channels_;
  ResponseStats all_responses_;
  std::map<std::string, ResponseStats> conversation_responses_, agent_responses_, team_responses_, channel_responses_;
};

}  // namespace replylint

#endif  // REPLYLINT_SCORE_AGGREGATE_H_
