// --format text: a readable report for a terminal. Each reply with findings,
// then the summary, the findings by rule, a table per group, the
// leaderboards and, with --goal, where each team and agent stands.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "base/utf8.h"
#include "report/report_util.h"

namespace replylint {
namespace {

// Text reports fit a terminal of this many columns.
constexpr size_t kTextWidth = 100;

// A table with aligned columns; `right[i]` aligns column i to the right.
class Table {
 public:
  // `clip_last`: the last column is a list that may be cut short (the
  // costliest rules) so a row fits the width.
  Table(std::vector<std::string> header, std::vector<bool> right, bool clip_last = false)
      : right_(std::move(right)), clip_last_(clip_last) {
    rows_.push_back(std::move(header));
  }
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Write(std::ostream& o) const {
    std::vector<size_t> width(right_.size(), 0);
    for (const auto& row : rows_) {
      for (size_t i = 0; i < row.size() && i < width.size(); ++i)
        width[i] = std::max(width[i], CountCodePoints(row[i]));
    }
    size_t before_last = 1;
    for (size_t i = 0; i + 1 < width.size(); ++i) before_last += width[i] + 2;
    const bool clip = clip_last_ && before_last + 12 < kTextWidth;
    for (const auto& full : rows_) {
      std::vector<std::string> row = full;
      if (clip && row.size() == width.size()) row.back() = Clip(row.back(), kTextWidth - before_last - 1);
      std::string line = " ";
      for (size_t i = 0; i < row.size(); ++i) {
        const size_t n = CountCodePoints(row[i]);
        const size_t pad = i < width.size() && width[i] > n ? width[i] - n : 0;
        line += ' ';
        if (i < right_.size() && right_[i]) line.append(pad, ' ');
        line += row[i];
        if (i + 1 < row.size() && !(i < right_.size() && right_[i])) line.append(pad, ' ');
        if (i + 1 < row.size()) line += ' ';
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      o << line << '\n';
    }
  }

 private:
  std::vector<bool> right_;
  bool clip_last_;
  std::vector<std::vector<std::string>> rows_;
};

std::string Range(const Interval& i, int digits) { return Fixed(i.low, digits) + "–" + Fixed(i.high, digits); }

std::string Title(GroupBy g) {
  switch (g) {
    case GroupBy::kConversation:
      return "Conversations";
    case GroupBy::kAgent:
      return "Agents";
    case GroupBy::kTeam:
      return "Teams";
    case GroupBy::kChannel:
      break;
  }
  return "Channels";
}

class TextReport : public AuditReport {
 public:
  using AuditReport::AuditReport;

  void WriteEnd() override {
    const AuditTotals& t = totals_;
    const ScoreStats& all = t.all();
    std::ostream& o = *out_;
    if (t.analysed() > 0) o << '\n';
    o << "Summary\n";
    o << "  lines read: " << stats_.lines_read << ", conversations: " << received_conversations_
      << ", lines rejected: " << received_rejected_ << '\n';
    o << "  agent replies: " << stats_.agent_messages << ", analysed: " << t.analysed();
    if (t.skipped()) {
      o << ", skipped (language neither ru nor en): " << t.skipped() << " (";
      const char* sep = "";
      for (const auto& [lang, n] : skipped_by_lang_) {
        if (!lang.empty()) o << sep << lang << ' ' << n, sep = ", ";
      }
      if (skipped_by_lang_.count("")) o << sep << "other " << skipped_by_lang_.at("");
      o << ')';
    }
    o << '\n';
    if (const std::string f = FilteredLine(); !f.empty()) o << "  " << f << '\n';
    o << "  " << ConservationLine() << '\n';  // one line, however long: scripts grep for it
    if (stats_.repaired)
      o << "  lines repaired (invalid UTF-8 replaced, see the warnings): " << stats_.repaired << '\n';
    if (stats_.duplicate_ids) {
      o << "  duplicate conversation ids: " << stats_.duplicate_ids << " (every copy analysed, see the warnings)\n";
    }
    if (stats_.files_failed) o << "  input files that could not be read: " << stats_.files_failed << '\n';
    if (stats_.interrupted) o << "  " << InterruptedLine(stats_) << '\n';
    o << "  replies with findings at or above " << SeverityName(t.fail_level()) << ": " << t.failing_replies() << '\n';
    if (t.suppressed_ignore() + t.suppressed_baseline() > 0) {
      o << "  findings suppressed: " << t.suppressed_ignore() + t.suppressed_baseline() << " (" << t.suppressed_ignore()
        << " by a message's ignore, " << t.suppressed_baseline() << " by the baseline)\n";
    }
    if (!t.all_responses().empty()) {
      o << "  response times: " << Wrap(ResponseCounts(t.all_responses()), kTextWidth, 18, "    ") << '\n';
    }
    if (all.count() > 0) {
      o << "  mean score: " << Fixed(all.mean(), 1) << " (95% CI " << Range(all.ci(), 1) << ", n=" << all.count()
        << ")\n";
      o << "  mean stars: " << Fixed(all.mean_stars(), 2) << " (95% CI " << Range(all.stars_ci(), 2) << ")\n";
      o << "  good replies (" << t.good_stars() << (t.good_stars() < 5 ? "★ and up): " : "★): ") << all.good() << " of "
        << all.count() << ", " << Percent(all.good_share(), 1) << " (95% CI " << Percent(all.good_ci().low, 1) << "–"
        << Percent(all.good_ci().high, 1) << ")\n";
      o << "  stars:";
      for (int k = 5; k >= 1; --k) o << "  " << k << "★ " << all.with_stars(k);
      o << '\n';
      const auto costs = all.Costs(3);
      if (!costs.empty()) {
        o << "  points lost per reply, most to:";
        for (size_t i = 0; i < costs.size(); ++i)
          o << (i ? "," : "") << ' ' << costs[i].first << ' ' << Fixed(costs[i].second, 1);
        o << '\n';
      }
      o << "  (intervals are 95% Wilson intervals: they stay inside the scale and stay wide on few replies)\n";
    }
    if (!t.findings_by_rule().empty()) {
      o << "\nFindings by rule\n";
      Table table({"rule", "findings", "replies", "share", "points/reply"}, {false, true, true, true, true});
      std::map<std::string, double> cost;
      for (const auto& [rule, points] : all.Costs(SIZE_MAX)) cost[rule] = points;
      for (const auto& [rule, n] : t.findings_by_rule()) {
        const size_t replies = t.replies_by_rule().count(rule) ? t.replies_by_rule().at(rule) : 0;
        table.Add({rule, std::to_string(n), std::to_string(replies),
                   Percent(static_cast<double>(replies) / static_cast<double>(std::max<size_t>(1, all.count())), 1),
                   Fixed(cost[rule], 1)});
      }
      table.Write(o);
    }
    for (GroupBy g : Groups()) GroupTable(g);
    if (t.all_responses().judged() > 0) ResponseTable();
    if (all.count() > 0) {
      Board("agents", Rank(t.Groups(GroupBy::kAgent), options_.min_replies));
      Board("teams", Rank(t.Groups(GroupBy::kTeam), options_.min_replies));
    }
    if (options_.goal) Goals(*options_.goal);
    if (trends_ && all.count() > 0) TrendTable(*trends_);
  }

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override {
    if (r.findings.empty()) return;
    const Message& m = c.messages[r.message];
    std::ostream& o = *out_;
    o << EscapeForTerminal(c.id) << " #" << r.message;
    if (!m.AgentKey().empty()) o << " (" << EscapeForTerminal(m.AgentKey()) << ")";
    o << "  score " << r.score << "  " << StarsBar(r.stars) << (r.critical ? "  critical" : "") << '\n';
    LineColumnCursor where(m.text);
    // Within 100 columns: the message and the suggestion wrap under their
    // first word; the span's text gets a line of its own.
    for (const Finding& f : r.findings) {
      const LineColumn lc = where.At(f.start);
      std::string head = "  " + std::to_string(lc.line) + ':' + std::to_string(lc.column) + "  ";
      head.append(SeverityName(f.severity));
      head += "  [" + f.rule + "]  ";
      // Wrapped on the plain text; the colour goes round the severity after.
      const std::string shown_head = "  " + std::to_string(lc.line) + ':' + std::to_string(lc.column) + "  " +
                                     Paint(SeverityColor(f.severity), SeverityName(f.severity), options_.color) + "  " +
                                     Paint("2", "[" + f.rule + "]", options_.color) + "  ";
      o << shown_head << Wrap(EscapeForTerminal(OneLine(f.message_text)), kTextWidth, CountCodePoints(head), "      ")
        << '\n';
      if (!f.text.empty()) o << "      «" << EscapeForTerminal(Clip(OneLine(f.text), 80)) << "»\n";
      if (!f.suggestion.empty()) {
        o << "      → " << Wrap(EscapeForTerminal(OneLine(f.suggestion)), kTextWidth, 8, "        ") << '\n';
      }
    }
  }

 private:
  // Everyone per period, then each team and each agent with enough dated
  // replies (the leaderboard's minimum), one row a period.
  void TrendTable(const Trends& tr) {
    std::ostream& o = *out_;
    o << "\nTrends by " << PeriodName(tr.period()) << " (UTC";
    if (tr.no_date()) o << "; left out without a date: " << tr.no_date() << (tr.no_date() == 1 ? " reply" : " replies");
    o << ")\n";
    Table table({"who", std::string(PeriodName(tr.period())), "replies", "score", "stars", "failing"},
                {false, false, true, true, true, true});
    auto rows = [&](const std::string& who, const TrendSeries& series) {
      for (const auto& [period, c] : series) {
        table.Add({who, period, std::to_string(c.replies), Fixed(c.mean(), 1), Fixed(c.mean_stars(), 2),
                   Percent(c.failing_share(), 0)});
      }
    };
    rows("all", tr.all());
    std::string left;
    for (GroupBy g : {GroupBy::kTeam, GroupBy::kAgent}) {
      size_t out = 0;
      for (const std::string& key : TrendKeysShown(tr, g, options_.min_replies, &out))
        rows(std::string(GroupByName(g)) + " " + GroupKeyName(key), tr.By(g).at(key));
      if (out) {
        left += left.empty() ? "" : ", ";
        left += std::to_string(out);
        left += ' ';
        left += GroupByName(g);
        if (out > 1) left += 's';
      }
    }
    table.Write(o);
    if (!left.empty())
      o << "  (left out, with fewer than " << options_.min_replies << " dated replies: " << left << ")\n";
  }

  void GroupTable(GroupBy g) {
    const auto& groups = totals_.Groups(g);
    if (groups.empty()) return;
    std::ostream& o = *out_;
    o << '\n' << Title(g) << " (mean score and stars with 95% intervals; the costliest rules in points per reply)\n";
    Table table({std::string(GroupByName(g)), "replies", "score", "95% CI", "stars", "good", "5★/4★/3★/2★/1★",
                 "costliest rules"},
                {false, true, true, true, true, true, true, false}, /*clip_last=*/true);
    for (const auto& [key, s] : groups) {
      table.Add({GroupKeyName(key), std::to_string(s.count()), Fixed(s.mean(), 1), Range(s.ci(), 1),
                 Fixed(s.mean_stars(), 2), Percent(s.good_share(), 0), StarCounts(s),
                 CostList(s.Costs(2), " ", ", ", 1)});
    }
    table.Write(o);
  }

  // Waits per group: count, median, 90th percentile, share within target.
  void ResponseTable() {
    std::ostream& o = *out_;
    o << '\n'
      << Wrap(
             "Response times (business hours where a team has a schedule; median, 90th percentile, share within "
             "target with its 95% interval)",
             kTextWidth, 0, "")
      << '\n';
    Table table({"", "first", "median", "p90", "within", "95% CI", "next", "median", "p90", "within", "95% CI"},
                {false, true, true, true, true, true, true, true, true, true, true});
    auto add = [&](const std::string& name, const ResponseStats& s) {
      std::vector<std::string> row = {name};
      for (const WaitFigures& f : {s.first(), s.next()}) {
        row.push_back(std::to_string(f.count));
        if (f.count == 0) {
          row.insert(row.end(), {"—", "—", "—", "—"});
          continue;
        }
        row.insert(row.end(), {WaitText(f.median), WaitText(f.p90), Percent(f.within_share(), 0),
                               Percent(f.within_ci().low, 0) + "–" + Percent(f.within_ci().high, 0)});
      }
      table.Add(row);
    };
    add("all", totals_.all_responses());
    for (GroupBy g : Groups()) {
      for (const auto& [key, s] : totals_.Responses(g)) {
        if (s.judged() > 0) add(std::string(GroupByName(g)) + " " + GroupKeyName(key), s);
      }
    }
    table.Write(o);
  }

  void Board(const char* what, const Leaderboard& lb) {
    std::ostream& o = *out_;
    o << "\nLeaderboard: " << what << " (ranked from " << lb.min_replies
      << (lb.min_replies == 1 ? " reply" : " replies") << "; by mean score)\n";
    if (lb.ranked.empty()) {
      o << "  nobody has " << lb.min_replies << " replies yet\n";
    } else {
      Table table({"rank", what[0] == 'a' ? "agent" : "team", "replies", "score", "95% CI", ""},
                  {false, false, true, true, true, false});
      for (size_t i = 0; i < lb.ranked.size(); ++i) {
        const LeaderboardRow& r = lb.ranked[i];
        std::string note;
        if (r.crown) {
          note = "👑";
          if (r.tied) {
            note += " shared: equal means";
          } else if (!lb.clear_leader) {
            note += " not clearly ahead of " + GroupKeyName(lb.ranked[i + 1].key) + " (intervals overlap)";
          }
        } else if (i + 1 < lb.ranked.size()) {
          note = r.above_next ? "clearly ahead of the next" : "";
        }
        table.Add({std::to_string(r.rank) + (r.tied ? "=" : ""), GroupKeyName(r.key), std::to_string(r.stats->count()),
                   Fixed(r.stats->mean(), 1), Range(r.stats->ci(), 1), note});
      }
      table.Write(o);
      if (lb.ranked.size() > 1) {
        o << "  rows whose intervals overlap are not clearly different, whatever their order\n";
      }
    }
    if (!lb.unranked.empty()) {
      o << "  not ranked (fewer than " << lb.min_replies << " replies):";
      for (size_t i = 0; i < lb.unranked.size(); ++i)
        o << (i ? "," : "") << ' ' << GroupKeyName(lb.unranked[i].first) << " (" << lb.unranked[i].second << ")";
      o << '\n';
    }
  }

  void Goals(const Goal& goal) {
    std::ostream& o = *out_;
    const bool stars = goal.measure == Goal::Measure::kStars;
    o << "\nGoal: " << GoalText(goal) << '\n';
    Table table({"", "replies",
                 goal.about_response() ? goal.key()
                 : stars               ? "stars"
                                       : "score",
                 "95% CI", "gap", "state", "to go"},
                {false, true, true, true, true, false, false});
    auto add = [&](const std::string& name, const GoalProgress& p) {
      std::string gap = (p.gap >= 0 ? "+" : "−") + GoalNumber(goal, std::fabs(p.gap));
      std::string togo;
      if (p.perfect_needed && *p.perfect_needed > 0) {
        togo = std::to_string(*p.perfect_needed) + " more " + GoalPerfectWord(goal) + " " +
               (*p.perfect_needed == 1 ? "reply" : "replies") + " would reach it";
      } else if (!p.perfect_needed && !goal.lower_is_better()) {
        togo = "cannot reach " + GoalNumber(goal, goal.target) + " any more";
      }
      if (goal.replies > 0) {
        if (!togo.empty()) togo += "; ";
        if (p.remaining == 0) {
          togo += std::to_string(goal.replies) + " replies reached";
        } else if (!p.reachable) {
          togo += "out of reach in " + std::to_string(goal.replies) + " replies";
        } else {
          togo +=
              "the " + std::to_string(p.remaining) + " replies to go need " +
              (p.needed_mean <= goal.min() ? std::string("any mean") : "a mean of " + GoalNumber(goal, p.needed_mean));
        }
      }
      table.Add({name, std::to_string(p.count), GoalNumber(goal, p.mean), stars ? Range(p.ci, 2) : Range(p.ci, 1), gap,
                 GoalStateText(p.state), togo});
    };
    add("all", Evaluate(goal, totals_));
    for (GroupBy g : {GroupBy::kTeam, GroupBy::kAgent}) {
      for (const auto& [key, s] : totals_.Groups(g)) {
        if (!key.empty()) add(std::string(GroupByName(g)) + " " + GroupKeyName(key), Evaluate(goal, totals_, g, key));
      }
    }
    table.Write(o);
  }
};

}  // namespace

std::unique_ptr<AuditReport> MakeTextReport(std::ostream* out, std::ostream* err, const ReportOptions& o) {
  return std::unique_ptr<AuditReport>(new TextReport(out, err, o));
}

}  // namespace replylint
