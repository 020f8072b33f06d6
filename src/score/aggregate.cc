#include "score/aggregate.h"

#include <algorithm>
#include <set>

namespace replylint {

std::string_view GroupByName(GroupBy g) {
  switch (g) {
    case GroupBy::kConversation:
      return "conversation";
    case GroupBy::kAgent:
      return "agent";
    case GroupBy::kTeam:
      return "team";
    case GroupBy::kChannel:
      return "channel";
  }
  return "";
}

std::optional<GroupBy> ParseGroupBy(std::string_view s) {
  for (GroupBy g : {GroupBy::kConversation, GroupBy::kAgent, GroupBy::kTeam, GroupBy::kChannel}) {
    if (s == GroupByName(g)) return g;
  }
  return std::nullopt;
}

void ScoreStats::Add(int score, int stars, bool good, const RuleCosts& costs) {
  ++n_;
  score_sum_ += score;
  stars_sum_ += stars;
  if (good) ++good_;
  if (stars >= 1 && stars <= 5) ++stars_[stars];
  for (const auto& [rule, points] : costs) lost_[rule] += points;
}

double ScoreStats::mean() const { return n_ ? static_cast<double>(score_sum_) / static_cast<double>(n_) : 0; }
double ScoreStats::mean_stars() const { return n_ ? static_cast<double>(stars_sum_) / static_cast<double>(n_) : 0; }
double ScoreStats::good_share() const { return n_ ? static_cast<double>(good_) / static_cast<double>(n_) : 0; }
Interval ScoreStats::ci() const { return n_ ? BoundedMean95(mean(), n_, 0, 100) : Interval{0, 100}; }
Interval ScoreStats::stars_ci() const { return n_ ? BoundedMean95(mean_stars(), n_, 1, 5) : Interval{1, 5}; }
Interval ScoreStats::good_ci() const { return Wilson95(static_cast<double>(good_), static_cast<double>(n_)); }

std::vector<std::pair<std::string, double>> ScoreStats::Costs(size_t limit) const {
  std::vector<std::pair<std::string, double>> out;
  if (n_ == 0) return out;
  for (const auto& [rule, points] : lost_) out.emplace_back(rule, points / static_cast<double>(n_));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

void AuditTotals::AddReply(const ReplyKeys& keys, const ReplyScore& s, const std::vector<Finding>& findings) {
  bool failing = false;
  std::set<std::string_view> rules;
  for (const Finding& f : findings) {
    ++by_rule_[f.rule];
    ++by_severity_[f.severity];
    rules.insert(f.rule);
    if (f.severity >= fail_level_) failing = true;
  }
  for (std::string_view r : rules) ++replies_by_rule_[std::string(r)];
  if (failing) ++failing_;
  const bool good = s.stars >= good_stars_;
  all_.Add(s.score, s.stars, good, s.costs);
  if (per_conversation_) conversations_[std::string(keys.conversation)].Add(s.score, s.stars, good, s.costs);
  agents_[std::string(keys.agent)].Add(s.score, s.stars, good, s.costs);
  teams_[std::string(keys.team)].Add(s.score, s.stars, good, s.costs);
  channels_[std::string(ChannelName(keys.channel))].Add(s.score, s.stars, good, s.costs);
}

void AuditTotals::AddResponse(const ReplyKeys& keys, const ResponseTime& r) {
  all_responses_.Add(r);
  if (per_conversation_) conversation_responses_[std::string(keys.conversation)].Add(r);
  agent_responses_[std::string(keys.agent)].Add(r);
  team_responses_[std::string(keys.team)].Add(r);
  channel_responses_[std::string(ChannelName(keys.channel))].Add(r);
}

const std::map<std::string, ResponseStats>& AuditTotals::Responses(GroupBy g) const {
  switch (g) {
    case GroupBy::kConversation:
      return conversation_responses_;
    case GroupBy::kAgent:
      return agent_responses_;
    case GroupBy::kTeam:
      return team_responses_;
    case GroupBy::kChannel:
      break;
  }
  return channel_responses_;
}

const ResponseStats& AuditTotals::ResponsesOf(GroupBy g, const std::string& key) const {
  static const ResponseStats kNone;
  const auto& m = Responses(g);
  auto it = m.find(key);
  return it == m.end() ? kNone : it->second;
}

const std::map<std::string, ScoreStats>& AuditTotals::Groups(GroupBy g) const {
  switch (g) {
    case GroupBy::kConversation:
      return conversations_;
    case GroupBy::kAgent:
      return agents_;
    case GroupBy::kTeam:
      return teams_;
    case GroupBy::kChannel:
      break;
  }
  return channels_;
}

}  // namespace replylint
