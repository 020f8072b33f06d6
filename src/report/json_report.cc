// --format json (one document: replies, rejected lines, summary) and
// --format jsonl (one record per reply, contract §4; with --by one record
// per group instead).
#include "report/report_util.h"

namespace replylint {
namespace {

const char* GroupsKey(GroupBy g) {
  switch (g) {
    case GroupBy::kConversation:
      return "conversations";
    case GroupBy::kAgent:
      return "agents";
    case GroupBy::kTeam:
      return "teams";
    case GroupBy::kChannel:
      break;
  }
  return "channels";
}

// A group's record: its key, its statistics and, for agents and teams, its
// leaderboard rank (null when not ranked).
Json GroupJson(GroupBy g, const std::string& key, const ScoreStats& s, const Leaderboard* lb) {
  Json j;
  j[std::string(GroupByName(g))] = key;
  j.update(StatsJson(s));
  if (lb) {
    j["rank"] = nullptr;
    for (const LeaderboardRow& r : lb->ranked) {
      if (r.key == key) j["rank"] = r.rank;
    }
  }
  return j;
}

class JsonReport : public AuditReport {
 public:
  using AuditReport::AuditReport;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override {
    AuditReport::OnRejected(source, line, error);
    rejected_.push_back({{"source", source}, {"line", line}, {"error", error}});
  }
  void WriteEnd() override {
    Json doc;
    doc["replies"] = std::move(replies_);
    doc["rejected"] = std::move(rejected_);
    doc["summary"] = Summary();
    *out_ << Dump(doc, 2) << '\n';
  }

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override { replies_.push_back(ReplyJson(c, r)); }

 private:
  Json Summary() const {
    const AuditTotals& t = totals_;
    Json j;
    j["lines_read"] = stats_.lines_read;
    j["conversations"] = conversations();
    j["lines_rejected"] = rejected();
    j["agent_messages"] = stats_.agent_messages;
    j["analysed"] = t.analysed();
    j["skipped"] = t.skipped();
    Json skipped = Json::object();
    for (const auto& [lang, n] : skipped_by_lang_) skipped[lang.empty() ? "other" : lang] = n;
    j["skipped_by_lang"] = skipped;
    j["conserved"] = Conserved();
    j["lines_repaired"] = stats_.repaired;
    j["duplicate_ids"] = stats_.duplicate_ids;
    j["files_failed"] = stats_.files_failed;
    j["interrupted"] = stats_.interrupted;
    j["lines_not_read"] = stats_.lines_not_read;
    j["streams_not_read"] = stats_.streams_not_read;
    j["failing_replies"] = t.failing_replies();
    if (options_.filter.active()) {
      j["filtered"] = {{"outside_dates", filtered_dates_}, {"no_date", filtered_no_date_}, {"other", filtered_other_}};
    }
    j["suppressed"] = {{"ignore", t.suppressed_ignore()}, {"baseline", t.suppressed_baseline()}};
    j["score"] = StatsJson(t.all());
    Json stars = Json::object();
    for (int k = 5; k >= 1; --k) stars[std::to_string(k)] = t.all().with_stars(k);
    j["stars"] = stars;
    Json rules = Json::object();
    for (const auto& [rule, n] : t.findings_by_rule()) rules[rule] = n;
    j["findings_by_rule"] = rules;
    Json replies = Json::object();
    for (const auto& [rule, n] : t.replies_by_rule()) replies[rule] = n;
    j["replies_by_rule"] = replies;
    for (GroupBy g : Groups()) {
      Json groups = Json::object();
      for (const auto& [key, s] : t.Groups(g)) groups[key] = StatsJson(s);
      j[GroupsKey(g)] = groups;
    }
    if (!t.all_responses().empty()) {
      Json rt;
      rt["all"] = ResponseJson(t.all_responses());
      for (GroupBy g : Groups()) {
        Json groups = Json::object();
        for (const auto& [key, s] : t.Responses(g)) groups[key] = ResponseJson(s);
        rt[GroupsKey(g)] = groups;
      }
      j["response_times"] = rt;
    }
    const Leaderboard agents = Rank(t.Groups(GroupBy::kAgent), options_.min_replies);
    const Leaderboard teams = Rank(t.Groups(GroupBy::kTeam), options_.min_replies);
    j["leaderboard"] = {{"agents", LeaderboardJson(agents)}, {"teams", LeaderboardJson(teams)}};
    if (options_.goal) {
      const Goal& goal = *options_.goal;
      Json gj;
      gj["measure"] = goal.key();
      gj["target"] = goal.target;
      if (goal.replies) gj["replies"] = goal.replies;
      gj["all"] = GoalJson(goal, Evaluate(goal, t));
      for (GroupBy g : {GroupBy::kTeam, GroupBy::kAgent}) {
        Json rows = Json::object();
        for (const auto& [key, s] : t.Groups(g)) rows[key] = GoalJson(goal, Evaluate(goal, t, g, key));
        gj[GroupsKey(g)] = rows;
      }
      j["goal"] = gj;
    }
    if (trends_) j["trends"] = TrendsJson(*trends_);
    return j;
  }

  Json replies_ = Json::array();
  Json rejected_ = Json::array();
};

class JsonlReport : public AuditReport {
 public:
  using AuditReport::AuditReport;
  void WriteEnd() override {
    if (options_.by.empty()) return;
    const GroupBy g = options_.by[0];
    const auto& groups = totals_.Groups(g);
    std::optional<Leaderboard> lb;
    if (g == GroupBy::kAgent || g == GroupBy::kTeam) lb = Rank(groups, options_.min_replies);
    for (const auto& [key, s] : groups) *out_ << Dump(GroupJson(g, key, s, lb ? &*lb : nullptr)) << '\n';
  }

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override {
    if (!options_.by.empty()) return;
    line_.clear();
    AppendReplyRecord(c, r, &line_);
    line_ += '\n';
    out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }

 private:
  std::string line_;  // one record, its buffer reused
};

}  // namespace

std::unique_ptr<AuditReport> MakeJsonReport(std::ostream* out, std::ostream* err, const ReportOptions& o) {
  return std::unique_ptr<AuditReport>(new JsonReport(out, err, o));
}
std::unique_ptr<AuditReport> MakeJsonlReport(std::ostream* out, std::ostream* err, const ReportOptions& o) {
  return std::unique_ptr<AuditReport>(new JsonlReport(out, err, o));
}

}  // namespace replylint
