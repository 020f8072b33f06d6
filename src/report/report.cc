#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

#include "base/rfc3339.h"
#include "base/utf8.h"
#include "report/json_line.h"
#include "report/report_util.h"

namespace replylint {
namespace {

Json IntervalJson(const Interval& i, int digits) { return Json::array({Round(i.low, digits), Round(i.high, digits)}); }

}  // namespace

// ---- shared helpers -------------------------------------------------------

std::string Fixed(double v, int digits) {
  std::ostringstream os;
  // -0.0 prints as "-0.0"; a mean is never negative, a rounding artefact is.
  if (std::fabs(v) < 0.5 * std::pow(10.0, -digits)) v = 0;
  os << std::fixed << std::setprecision(digits) << v;
  return os.str();
}

std::string Percent(double share, int digits) { return Fixed(100 * share, digits) + "%"; }

double Round(double v, int digits) {
  const double k = std::pow(10.0, digits);
  const double r = std::round(v * k) / k;
  return r == 0 ? 0.0 : r;
}

void AppendReplyRecord(const Conversation& c, const MessageResult& r, std::string* out) {
  const Message& m = c.messages[r.message];
  JsonLine j(out);
  j.BeginObject();
  j.Key("conversation").String(c.id);
  j.Key("message").UInt(r.message);
  j.Key("agent").String(m.AgentKey());
  j.Key("team").String(c.team);
  j.Key("channel").String(ChannelName(c.channel));
  // When the reply was sent, as the input gave it (null: not given).
  j.Key("at");
  m.at.empty() ? j.Null() : j.String(m.at);
  j.Key("lang").String(LangName(r.lang));
  j.Key("analysed").Bool(r.analysed);
  if (r.analysed) {
    j.Key("score").Int(r.score);
    j.Key("stars").Int(r.stars);
  } else {
    j.Key("score").Null();
    j.Key("stars").Null();
    j.Key("note").String(r.other_lang.empty() ? "not analysed: the language is neither Russian nor English"
                                              : "not analysed: the text is in another language (" + r.other_lang +
                                                    "), neither Russian nor English");
  }
  j.Key("critical").Bool(r.critical);
  if (r.suppressed + r.baselined > 0) j.Key("suppressed").UInt(r.suppressed + r.baselined);
  j.Key("findings").BeginArray();
  LineColumnCursor where(m.text);
  for (const Finding& f : r.findings) {
    const LineColumn lc = where.At(f.start);
    j.BeginObject();
    j.Key("rule").String(f.rule);
    j.Key("severity").String(SeverityName(f.severity));
    j.Key("start").UInt(f.start);
    j.Key("end").UInt(f.end);
    j.Key("line").UInt(lc.line);
    j.Key("column").UInt(lc.column);
    j.Key("text").String(f.text);
    j.Key("message").String(f.message_text);
    j.Key("suggestion").String(f.suggestion);
    if (!f.field.empty()) j.Key("field").String(f.field);
    if (f.fix) j.Key("fix").String(*f.fix);
    j.EndObject();
  }
  j.EndArray();
  j.Key("costs").BeginObject();
  for (const auto& [rule, points] : r.costs) j.Key(rule).Double(Round(points, 2));
  j.EndObject();
  j.EndObject();
}

std::string ReplyRecordJson(const Conversation& c, const MessageResult& r) {
  std::string out;
  AppendReplyRecord(c, r, &out);
  return out;
}

Json ReplyJson(const Conversation& c, const MessageResult& r) { return Json::parse(ReplyRecordJson(c, r)); }

std::vector<std::string> TrendKeysShown(const Trends& t, GroupBy g, size_t min_replies, size_t* left_out) {
  std::vector<std::string> keys;
  *left_out = 0;
  for (const auto& [key, series] : t.By(g)) {
    size_t n = 0;
    for (const auto& [period, cell] : series) n += cell.replies;
    if (n >= min_replies) {
      keys.push_back(key);
    } else {
      ++*left_out;
    }
  }
  return keys;
}

Json TrendsJson(const Trends& t) {
  auto series = [](const TrendSeries& s) {
    Json a = Json::array();
    for (const auto& [period, c] : s) {
      a.push_back({{"period", period},
                   {"replies", c.replies},
                   {"score", Round(c.mean(), 2)},
                   {"stars", Round(c.mean_stars(), 3)},
                   {"failing", c.failing}});
    }
    return a;
  };
  Json j;
  j["period"] = std::string(PeriodName(t.period()));
  j["no_date"] = t.no_date();
  j["all"] = series(t.all());
  for (const auto& [name, g] : {std::pair{"teams", GroupBy::kTeam}, std::pair{"agents", GroupBy::kAgent}}) {
    Json by = Json::object();
    for (const auto& [key, s] : t.By(g)) by[key] = series(s);
    j[name] = std::move(by);
  }
  return j;
}

Json StatsJson(const ScoreStats& s) {
  Json j;
  j["count"] = s.count();
  j["mean"] = Round(s.mean(), 2);
  j["ci95"] = IntervalJson(s.ci(), 2);
  j["stars"] = {{"mean", Round(s.mean_stars(), 3)}, {"ci95", IntervalJson(s.stars_ci(), 3)}};
  j["good"] = {{"count", s.good()}, {"share", Round(s.good_share(), 4)}, {"ci95", IntervalJson(s.good_ci(), 4)}};
  Json dist = Json::object();
  for (int k = 5; k >= 1; --k) dist[std::to_string(k)] = s.with_stars(k);
  j["distribution"] = dist;
  Json costs = Json::array();
  for (const auto& [rule, points] : s.Costs(5)) costs.push_back({{"rule", rule}, {"points", Round(points, 2)}});
  j["costs"] = costs;
  return j;
}

Json LeaderboardJson(const Leaderboard& lb) {
  Json j;
  j["min_replies"] = lb.min_replies;
  j["clear_leader"] = lb.clear_leader;
  Json rows = Json::array();
  for (const LeaderboardRow& r : lb.ranked) {
    rows.push_back({{"rank", r.rank},
                    {"key", r.key},
                    {"tied", r.tied},
                    {"crown", r.crown},
                    {"above_next", r.above_next},
                    {"count", r.stats->count()},
                    {"mean", Round(r.stats->mean(), 2)},
                    {"ci95", IntervalJson(r.stats->ci(), 2)}});
  }
  j["ranked"] = rows;
  Json unranked = Json::array();
  for (const auto& [key, n] : lb.unranked) unranked.push_back({{"key", key}, {"count", n}});
  j["unranked"] = unranked;
  return j;
}

const char* GoalStateText(GoalProgress::State s) {
  switch (s) {
    case GoalProgress::State::kMet:
      return "met";
    case GoalProgress::State::kMetUnsure:
      return "met, not yet sure";
    case GoalProgress::State::kBelowUnsure:
      return "below, within the margin";
    case GoalProgress::State::kBelow:
      return "below";
  }
  return "";
}

Json GoalJson(const Goal& goal, const GoalProgress& p) {
  const int digits = goal.measure == Goal::Measure::kStars ? 3 : 2;
  Json j;
  j["state"] = GoalStateText(p.state);
  j["count"] = p.count;
  j["mean"] = Round(p.mean, digits);
  j["ci95"] = IntervalJson(p.ci, digits);
  j["gap"] = Round(p.gap, digits);
  if (p.perfect_needed) {
    j["perfect_needed"] = *p.perfect_needed;
  } else {
    j["perfect_needed"] = nullptr;
  }
  if (goal.replies > 0) {
    j["remaining"] = p.remaining;
    if (p.remaining > 0) {
      j["needed_mean"] = Round(p.needed_mean, digits);
    } else {
      j["needed_mean"] = nullptr;
    }
    j["reachable"] = p.reachable;
  }
  return j;
}

std::string GoalNumber(const Goal& goal, double v) { return Fixed(v, goal.measure == Goal::Measure::kStars ? 2 : 1); }

std::string GoalText(const Goal& goal) {
  std::string s;
  switch (goal.measure) {
    case Goal::Measure::kStars:
    case Goal::Measure::kScore:
      s = std::string("mean ") + goal.key() + " ≥ " + GoalNumber(goal, goal.target);
      break;
    case Goal::Measure::kFirstWithin:
    case Goal::Measure::kNextWithin:
      s = std::string(goal.measure == Goal::Measure::kFirstWithin ? "first" : "next") + " replies within target ≥ " +
          GoalNumber(goal, goal.target) + "%";
      break;
    case Goal::Measure::kFirstMedian:
    case Goal::Measure::kNextMedian:
      s = std::string("median ") + (goal.measure == Goal::Measure::kFirstMedian ? "first" : "next") + " reply ≤ " +
          GoalNumber(goal, goal.target) + " min";
      break;
  }
  if (goal.replies) s += " over " + std::to_string(goal.replies) + " replies";
  return s;
}

const char* GoalPerfectWord(const Goal& goal) { return goal.about_response() ? "within-target" : "perfect"; }

namespace {

Json WaitJson(const WaitFigures& f) {
  Json j;
  j["count"] = f.count;
  j["median_seconds"] = Round(f.median, 1);
  j["median_ci95"] = IntervalJson(f.median_ci, 1);
  j["p90_seconds"] = Round(f.p90, 1);
  j["within"] = {{"count", f.within}, {"share", Round(f.within_share(), 4)}, {"ci95", IntervalJson(f.within_ci(), 4)}};
  return j;
}

}  // namespace

Json ResponseJson(const ResponseStats& s) {
  Json j;
  j["judged"] = s.judged();
  j["late"] = s.late();
  j["not_judged"] = {{"no_time", s.no_time()}, {"backwards", s.backwards()}};
  j["zone_assumed"] = s.zone_assumed();
  j["first"] = WaitJson(s.first());
  j["next"] = WaitJson(s.next());
  return j;
}

std::string ResponseCounts(const ResponseStats& s) {
  std::string out = "judged " + std::to_string(s.judged()) + " (first " + std::to_string(s.first().count) + ", next " +
                    std::to_string(s.next().count) + "), late " + std::to_string(s.late());
  std::vector<std::string> not_judged;
  if (s.no_time()) {
    not_judged.push_back(std::to_string(s.no_time()) + " without a usable `at` on the reply or the message it answers");
  }
  if (s.backwards()) {
    not_judged.push_back(std::to_string(s.backwards()) + " with an `at` earlier than the message it answers");
  }
  if (!not_judged.empty()) out += "; not judged: " + Join(not_judged, ", ");
  if (s.zone_assumed()) {
    out += "; " + std::to_string(s.zone_assumed()) +
           " judged with a time written without a zone offset, read in the team's schedule zone (UTC without one)";
  }
  return out;
}

std::string CsvField(std::string_view s) {
  // NUL ends a field early in many CSV readers: it never reaches the file.
  std::string v;
  v.reserve(s.size());
  for (char ch : s) {
    if (ch != '\0') v += ch;
  }
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string StarsBar(int stars) {
  std::string s;
  for (int k = 1; k <= 5; ++k) s += k <= stars ? "★" : "☆";
  return s;
}

std::string Pad(std::string_view s, size_t width) {
  const size_t n = CountCodePoints(s);
  std::string out(s);
  if (n < width) out.append(width - n, ' ');
  return out;
}

std::string OneLine(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\n') {
      out += " / ";
    } else if (ch != '\r') {
      out += ch;
    }
  }
  return out;
}

std::string Clip(std::string_view s, size_t max) {
  if (CountCodePoints(s) <= max) return std::string(s);
  size_t i = 0;
  for (size_t n = 0; n + 1 < max && i < s.size(); ++n) DecodeUtf8(s, &i);
  return std::string(s.substr(0, i)) + "…";
}

// An ANSI colour around `s` when colours are on.
std::string Paint(const char* code, std::string_view s, bool on) {
  if (!on) return std::string(s);
  return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
}

const char* SeverityColor(Severity s) {
  switch (s) {
    case Severity::kError:
      return "1;31";
    case Severity::kWarning:
      return "1;33";
    case Severity::kSuggestion:
      break;
  }
  return "1;36";
}

std::string Wrap(std::string_view s, size_t width, size_t used, const std::string& indent) {
  std::string out;
  size_t col = used;
  bool line_start = true;  // nothing written on this line yet (after `used`/indent)
  for (size_t p = 0; p < s.size();) {
    while (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size()) break;
    const size_t e = std::min(s.size(), s.find(' ', p));
    const std::string_view word = s.substr(p, e - p);
    const size_t n = CountCodePoints(word);
    if (!line_start && col + 1 + n > width) {
      out += '\n';
      out += indent;
      col = CountCodePoints(indent);
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++col;
    }
    out.append(word);
    col += n;
    line_start = false;
    p = e;
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.append(sep);
    out += items[i];
  }
  return out;
}

std::string StarCounts(const ScoreStats& s) {
  std::vector<std::string> counts;
  for (int k = 5; k >= 1; --k) counts.push_back(std::to_string(s.with_stars(k)));
  return Join(counts, "/");
}

std::string CostList(const std::vector<std::pair<std::string, double>>& costs, std::string_view between,
                     std::string_view sep, int digits) {
  std::vector<std::string> items;
  for (const auto& [rule, points] : costs) items.push_back(rule + std::string(between) + Fixed(points, digits));
  return Join(items, sep);
}

std::string RuleList(const std::vector<Finding>& findings) {
  std::set<std::string> rules;
  for (const Finding& f : findings) rules.insert(f.rule);
  return Join(std::vector<std::string>(rules.begin(), rules.end()), ";");
}

std::string CustomerContext(const Conversation& c, size_t message) {
  std::vector<std::string> texts;
  for (size_t i = message; i-- > 0;) {
    if (c.messages[i].role == Role::kAgent) break;
    if (c.messages[i].role == Role::kCustomer) texts.insert(texts.begin(), c.messages[i].text);
  }
  return Join(texts, "\n\n");
}

// Keys come from the input (agent ids, team names): escaped for any report,
// so none can forge a line or colour a terminal.
std::string GroupKeyName(const std::string& key) { return key.empty() ? "(none)" : EscapeForTerminal(key); }

// ---- the report base ------------------------------------------------------

StatusOr<Format> ParseFormat(const std::string& name, const std::vector<Format>& allowed) {
  static const std::pair<const char*, Format> kNames[] = {{"text", Format::kText},
                                                          {"csv", Format::kCsv},
                                                          {"json", Format::kJson},
                                                          {"jsonl", Format::kJsonl},
                                                          {"html", Format::kHtml}};
  std::string list;
  for (const auto& [n, f] : kNames) {
    if (std::find(allowed.begin(), allowed.end(), f) == allowed.end()) continue;
    if (name == n) return f;
    list += list.empty() ? n : std::string(", ") + n;
  }
  return Status::InvalidArgument("unknown format \"" + name + "\" (expected " + list + ")");
}

AuditReport::AuditReport(std::ostream* out, std::ostream* err, const ReportOptions& options)
    : out_(out),
      err_(err),
      options_(options),
      totals_(options.good_stars, options.fail_level,
              std::find(options.by.begin(), options.by.end(), GroupBy::kConversation) != options.by.end()) {
  if (options.period) trends_.emplace(*options.period);
}

std::unique_ptr<AuditReport> AuditReport::Make(Format format, std::ostream* out, std::ostream* err,
                                               const ReportOptions& options) {
  switch (format) {
    case Format::kJsonl:
      return MakeJsonlReport(out, err, options);
    case Format::kJson:
      return MakeJsonReport(out, err, options);
    case Format::kCsv:
      return MakeCsvReport(out, err, options);
    case Format::kHtml:
      return MakeHtmlReport(out, err, options);
    case Format::kText:
      break;
  }
  return MakeTextReport(out, err, options);
}

std::vector<GroupBy> AuditReport::Groups() const {
  if (!options_.by.empty()) return options_.by;
  return {GroupBy::kAgent, GroupBy::kTeam, GroupBy::kChannel};
}

void AuditReport::OnConversation(const Conversation& c, const ConversationResult& result) {
  ++received_conversations_;
  for (const MessageResult& r : result.replies) {
    switch (options_.filter.Judge(c, r)) {
      case ReplyFilter::Verdict::kKept:
        break;
      case ReplyFilter::Verdict::kNoDate:
        ++filtered_no_date_;
        continue;
      case ReplyFilter::Verdict::kOutsideDates:
        ++filtered_dates_;
        continue;
      case ReplyFilter::Verdict::kOther:
        ++filtered_other_;
        continue;
    }
    if (r.response) {
      totals_.AddResponse({c.id, c.messages[r.message].AgentKey(), c.team, c.channel}, *r.response);
      // Times going backwards are an export's error the team should see
      // where it is, not only as a count.
      if (r.response->state == ResponseTime::State::kBackwards) {
        OnWarning(c.source + ":" + std::to_string(c.line) + ": messages[" + std::to_string(r.message) + "].at " +
                  c.messages[r.message].at + " is earlier than messages[" + std::to_string(r.response->answers) +
                  "].at " + c.messages[r.response->answers].at + ", the message it answers; its wait is not judged");
      }
    }
    totals_.AddSuppressed(r.suppressed, r.baselined);
    if (!r.analysed) {
      totals_.AddSkipped();
      ++skipped_by_lang_[r.other_lang];
    } else {
      const ReplyKeys keys{c.id, c.messages[r.message].AgentKey(), c.team, c.channel};
      totals_.AddReply(keys, ReplyScore{r.score, r.stars, r.critical, r.costs}, r.findings);
      const std::string& at = c.messages[r.message].at;
      if (const auto t = ParseWrittenTime(at)) {
        first_at_ = std::min(first_at_.value_or(t->ms), t->ms);
        last_at_ = std::max(last_at_.value_or(t->ms), t->ms);
      }
      if (trends_) {
        const bool failing = std::any_of(r.findings.begin(), r.findings.end(),
                                         [&](const Finding& f) { return f.severity >= options_.fail_level; });
        trends_->Add(keys, at, r.score, r.stars, failing);
      }
    }
    WriteReply(c, r);
  }
}

void AuditReport::OnRejected(const std::string& source, size_t line, const std::string& error) {
  (void)source;
  (void)line;
  ++received_rejected_;
  *err_ << "replylint: rejected: " << EscapeForTerminal(error) << '\n';
}

void AuditReport::OnWarning(const std::string& warning) {
  *err_ << "replylint: warning: " << EscapeForTerminal(warning) << '\n';
}

void AuditReport::OnFileError(const std::string& error) { *err_ << "replylint: " << EscapeForTerminal(error) << '\n'; }

bool AuditReport::Conserved() const {
  return stats_.lines_read == received_conversations_ + received_rejected_ &&
         stats_.agent_messages == totals_.analysed() + totals_.skipped() + filtered();
}

std::string AuditReport::FilteredLine() const {
  if (!options_.filter.active()) return {};
  return "filtered out: " + std::to_string(filtered()) + " replies (" + std::to_string(filtered_dates_) +
         " outside --since/--until, " + std::to_string(filtered_no_date_) + " without a date, " +
         std::to_string(filtered_other_) + " by --agent/--team/--channel/--rule)";
}

std::string AuditReport::ConservationLine() const {
  const std::string lines = "lines read " + std::to_string(stats_.lines_read) + " = conversations " +
                            std::to_string(received_conversations_) + " + rejected " +
                            std::to_string(received_rejected_);
  std::string replies = "agent replies " + std::to_string(stats_.agent_messages) + " = analysed " +
                        std::to_string(totals_.analysed()) + " + skipped " + std::to_string(totals_.skipped());
  if (options_.filter.active()) replies += " + filtered " + std::to_string(filtered());
  if (Conserved()) return "conservation: " + lines + "; " + replies + ": nothing lost";
  return "conservation FAILED (a replylint bug, please report it): " + lines + "; " + replies;
}

std::string InterruptedLine(const PipelineStats& s) {
  std::string out = "INTERRUPTED: the run was stopped before the end of its input; ";
  out += std::to_string(s.lines_not_read) + (s.lines_not_read == 1 ? " line" : " lines") + " not read";
  for (size_t i = 0; i < s.streams_not_read.size(); ++i) {
    out += (i == 0 ? ", and the rest of " : ", ") + s.streams_not_read[i];
  }
  return out + " (the counts above cover only what was read)";
}

std::string Dump(const Json& j, int indent) { return j.dump(indent, ' ', false, Json::error_handler_t::replace); }

namespace {

// One source line with carets under [a, b) (byte offsets into `text`, on
// the line [line_start, line_end)). A line wider than `width` code points is
// shown as a window around the carets, cut with an ellipsis on either side.
void WriteCaretLine(std::string_view text, size_t line_start, size_t line_end, size_t a, size_t b,
                    const std::string& gutter, size_t width, const char* color, bool paint, std::ostream& out) {
  auto escaped = [&](size_t x, size_t y) { return EscapeForTerminal(ReplaceInvalidUtf8(text.substr(x, y - x))); };
  std::string before = escaped(line_start, a);
  std::string marked = escaped(a, b);
  std::string after = escaped(b, line_end);
  size_t n_before = CountCodePoints(before), n_marked = CountCodePoints(marked), n_after = CountCodePoints(after);
  const size_t room = width > gutter.size() + 5 ? width - gutter.size() - 5 : 40;
  // Keep at most `keep` code points of `s`, from its end (`tail`) or start.
  auto keep = [](std::string* s, size_t* n, size_t k, bool tail) {
    if (*n <= k) return;
    size_t cut = 0, seen = 0;
    const size_t skip = tail ? *n - k : k;
    while (cut < s->size() && seen < skip) {
      ++cut;
      while (cut < s->size() && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) ++cut;
      ++seen;
    }
    *s = tail ? "…" + s->substr(cut) : s->substr(0, cut) + "…";
    *n = k + 1;
  };
  if (n_before + n_marked + n_after > room) {
    keep(&marked, &n_marked, std::max<size_t>(room / 2, 8), false);
    keep(&before, &n_before, std::min<size_t>(n_before, 20), true);
    keep(&after, &n_after, room > n_before + n_marked ? room - n_before - n_marked : 0, false);
    if (n_after == 1 && after == "…") after.clear(), n_after = 0;
  }
  out << "  " << gutter << " | " << before << marked << after << '\n';
  out << "  " << std::string(gutter.size(), ' ') << " | " << std::string(n_before, ' ')
      << Paint(color, std::string(std::max<size_t>(1, n_marked), '^'), paint) << '\n';
}

}  // namespace

void WriteCheckText(const Conversation& c, const MessageResult& r, const std::string& name, std::ostream& out,
                    const CheckTextOptions& options) {
  const Message& m = c.messages[r.message];
  LineColumnCursor where(m.text);
  const bool ru = r.lang == Lang::kRu;
  const bool paint = options.color;
  // The draft, its file name and the fields may hold control characters
  // (a pasted escape sequence): escaped, so they cannot drive the terminal.
  const std::string shown = EscapeForTerminal(name);
  const std::string_view text(m.text);
  if (r.findings.empty()) out << shown << ": " << (ru ? "замечаний нет" : "no findings") << '\n';
  size_t fixable = 0;
  for (const Finding& f : r.findings) {
    const char* color = SeverityColor(f.severity);
    const std::string head = Paint(color, SeverityName(f.severity), paint) + " " +
                             Paint("2", "[" + f.rule + "]", paint) + " " + EscapeForTerminal(f.message_text) + '\n';
    if (!f.field.empty()) {
      out << Paint("1", shown, paint) << ": " << head;
      out << "  " << f.field << ": " << EscapeForTerminal(f.text) << '\n';
    } else {
      const LineColumn lc = where.At(f.start);
      out << Paint("1", shown + ':' + std::to_string(lc.line) + ':' + std::to_string(lc.column), paint) << ": " << head;
      const size_t ls = text.rfind('\n', f.start == 0 ? std::string::npos : f.start - 1);
      const size_t line_start = (f.start == 0 || ls == std::string::npos) ? 0 : ls + 1;
      const size_t line_end = std::min(text.size(), text.find('\n', f.start));
      WriteCaretLine(text, line_start, line_end, f.start, std::min(f.end, line_end), std::to_string(lc.line),
                     options.width, color, paint, out);
      if (f.end > line_end + 1) {
        // A span over several lines: its last line too, after an ellipsis.
        const size_t last_start = text.rfind('\n', f.end - 1) + 1;
        const size_t last_end = std::min(text.size(), text.find('\n', last_start));
        const std::string gutter = std::to_string(where.At(last_start).line);
        if (last_start > line_end + 1) out << "  " << std::string(gutter.size(), ' ') << " | …\n";
        WriteCaretLine(text, last_start, last_end, last_start, std::min(f.end, last_end), gutter, options.width, color,
                       paint, out);
      }
    }
    if (!f.suggestion.empty()) {
      std::string s = EscapeForTerminal(f.suggestion, /*keep_newlines=*/true);
      for (size_t p = s.find('\n'); p != std::string::npos; p = s.find('\n', p + 1)) s.replace(p, 1, "\n      ");
      out << "  = " << Paint("32", ru ? "исправление: " : "fix: ", paint) << s << '\n';
    }
    fixable += f.fix.has_value();
  }
  if (fixable > 0) {
    out << (ru ? "исправимо автоматически (replylint check --fix): " : "fixable with replylint check --fix: ")
        << fixable << '\n';
  }
  out << (ru ? "оценка: " : "score: ") << r.score << "/100  " << StarsBar(r.stars) << (r.critical ? "  critical" : "")
      << '\n';
}

std::pair<std::string, size_t> ApplyFixes(std::string_view text, const std::vector<Finding>& findings) {
  std::vector<const Finding*> fixes;
  for (const Finding& f : findings) {
    if (f.fix && f.field.empty() && f.start <= f.end && f.end <= text.size()) fixes.push_back(&f);
  }
  std::stable_sort(fixes.begin(), fixes.end(), [](const Finding* a, const Finding* b) { return a->start < b->start; });
  std::string out;
  size_t at = 0, applied = 0;
  for (const Finding* f : fixes) {
    if (f->start < at) continue;  // overlaps the previous fix
    out.append(text.substr(at, f->start - at));
    out += *f->fix;
    at = f->end;
    ++applied;
  }
  out.append(text.substr(at));
  return {out, applied};
}

std::string UnifiedDiff(std::string_view before, std::string_view after, const std::string& name) {
  if (before == after) return {};
  auto lines = [](std::string_view s) {
    std::vector<std::string_view> v;
    for (size_t p = 0; p < s.size();) {  // a final newline ends the last line, it opens none
      const size_t e = std::min(s.size(), s.find('\n', p));
      v.push_back(s.substr(p, e - p));
      p = e + 1;
    }
    return v;
  };
  const auto a = lines(before), b = lines(after);
  // Fixes are local: the changed block lies between the common first and last lines.
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const size_t from = head > 3 ? head - 3 : 0;
  const size_t a_end = std::min(a.size(), a.size() - tail + 3), b_end = std::min(b.size(), b.size() - tail + 3);
  std::string out = "--- " + name + "\n+++ " + name + " (fixed)\n";
  out += "@@ -" + std::to_string(from + 1) + "," + std::to_string(a_end - from) + " +" + std::to_string(from + 1) +
         "," + std::to_string(b_end - from) + " @@\n";
  // Appended piece by piece: GCC 12 warns falsely on `"-" + std::string(...)`.
  auto put = [&out](char mark, std::string_view line) {
    out += mark;
    out.append(line);
    out += '\n';
  };
  for (size_t i = from; i < head; ++i) put(' ', a[i]);
  for (size_t i = head; i < a.size() - tail; ++i) put('-', a[i]);
  for (size_t i = head; i < b.size() - tail; ++i) put('+', b[i]);
  for (size_t i = a.size() - tail; i < a_end; ++i) put(' ', a[i]);
  return out;
}

}  // namespace replylint
