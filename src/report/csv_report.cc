// --format csv: one row per reply, or with --by one row per group. RFC 4180:
// a header row, CRLF line ends, quoted fields where needed.
#include "report/report_util.h"

namespace replylint {
namespace {

class CsvReport : public AuditReport {
 public:
  CsvReport(std::ostream* out, std::ostream* err, const ReportOptions& o) : AuditReport(out, err, o) {
    if (options_.by.empty()) {
      Row({"conversation", "message", "agent",    "team",         "channel",        "lang",        "analysed",
           "score",        "stars",   "critical", "errors",       "warnings",       "suggestions", "rules",
           "points_lost",  "reply",   "wait",     "wait_seconds", "target_seconds", "at"});
    }
  }

  void WriteEnd() override {
    if (options_.by.empty()) return;
    const GroupBy g = options_.by[0];
    const auto& groups = totals_.Groups(g);
    const bool ranked = g == GroupBy::kAgent || g == GroupBy::kTeam;
    std::vector<std::string> header = {std::string(GroupByName(g)),
                                       "replies",
                                       "mean_score",
                                       "score_ci_low",
                                       "score_ci_high",
                                       "mean_stars",
                                       "stars_ci_low",
                                       "stars_ci_high",
                                       "good",
                                       "good_share",
                                       "good_ci_low",
                                       "good_ci_high",
                                       "stars_5",
                                       "stars_4",
                                       "stars_3",
                                       "stars_2",
                                       "stars_1",
                                       "costliest_rules"};
    for (const char* kind : {"first", "next"}) {
      for (const char* col : {"_replies", "_median_seconds", "_p90_seconds", "_within", "_within_share",
                              "_within_ci_low", "_within_ci_high"}) {
        header.push_back(std::string(kind) + col);
      }
    }
    header.insert(header.end(), {"late", "not_judged_no_time", "not_judged_backwards"});
    if (ranked) header.insert(header.begin() + 1, "rank");
    Row(header);
    Leaderboard lb;
    if (ranked) lb = Rank(groups, options_.min_replies);
    for (const auto& [key, s] : groups) {
      std::vector<std::string> row = {key,
                                      std::to_string(s.count()),
                                      Fixed(s.mean(), 2),
                                      Fixed(s.ci().low, 2),
                                      Fixed(s.ci().high, 2),
                                      Fixed(s.mean_stars(), 3),
                                      Fixed(s.stars_ci().low, 3),
                                      Fixed(s.stars_ci().high, 3),
                                      std::to_string(s.good()),
                                      Fixed(s.good_share(), 4),
                                      Fixed(s.good_ci().low, 4),
                                      Fixed(s.good_ci().high, 4)};
      for (int k = 5; k >= 1; --k) row.push_back(std::to_string(s.with_stars(k)));
      row.push_back(CostList(s.Costs(3), "=", ";", 2));
      const ResponseStats& rs = totals_.ResponsesOf(g, key);
      for (const WaitFigures& f : {rs.first(), rs.next()}) {
        const bool any = f.count > 0;
        row.insert(row.end(), {std::to_string(f.count), any ? Fixed(f.median, 1) : "", any ? Fixed(f.p90, 1) : "",
                               std::to_string(f.within), any ? Fixed(f.within_share(), 4) : "",
                               any ? Fixed(f.within_ci().low, 4) : "", any ? Fixed(f.within_ci().high, 4) : ""});
      }
      row.insert(row.end(), {std::to_string(rs.late()), std::to_string(rs.no_time()), std::to_string(rs.backwards())});
      if (ranked) {
        std::string rank;
        for (const LeaderboardRow& r : lb.ranked) {
          if (r.key == key) rank = std::to_string(r.rank);
        }
        row.insert(row.begin() + 1, rank);
      }
      Row(row);
    }
  }

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override {
    if (!options_.by.empty()) return;
    size_t counts[3] = {0, 0, 0};
    for (const Finding& f : r.findings) ++counts[static_cast<int>(f.severity)];
    Row({c.id,
         std::to_string(r.message),
         c.messages[r.message].AgentKey(),
         c.team,
         std::string(ChannelName(c.channel)),
         std::string(LangName(r.lang)),
         r.analysed ? "true" : "false",
         r.analysed ? std::to_string(r.score) : "",
         r.analysed ? std::to_string(r.stars) : "",
         r.critical ? "true" : "false",
         std::to_string(counts[static_cast<int>(Severity::kError)]),
         std::to_string(counts[static_cast<int>(Severity::kWarning)]),
         std::to_string(counts[static_cast<int>(Severity::kSuggestion)]),
         RuleList(r.findings),
         CostList(r.costs, "=", ";", 2),
         !r.response         ? ""
         : r.response->first ? "first"
                             : "next",
         !r.response                                            ? ""
         : r.response->state == ResponseTime::State::kNoTime    ? "no_time"
         : r.response->state == ResponseTime::State::kBackwards ? "backwards"
         : r.response->late()                                   ? "late"
                                                                : "within",
         r.response && r.response->state == ResponseTime::State::kTimed ? std::to_string(r.response->seconds) : "",
         r.response ? std::to_string(r.response->target) : "",
         c.messages[r.message].at});
  }

 private:
  void Row(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) *out_ << (i ? "," : "") << CsvField(fields[i]);
    *out_ << "\r\n";
  }
};

}  // namespace

std::unique_ptr<AuditReport> MakeCsvReport(std::ostream* out, std::ostream* err, const ReportOptions& o) {
  return std::unique_ptr<AuditReport>(new CsvReport(out, err, o));
}

}  // namespace replylint
