#include "report/report.h"

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/utf8.h"

namespace replylint {
namespace {

using Json = nlohmann::ordered_json;

// Input text is repaired before analysis, so output is valid UTF-8; should a
// stray byte slip through anyway, it is written as U+FFFD, not thrown.
std::string Dump(const Json& j, int indent = -1) { return j.dump(indent, ' ', false, Json::error_handler_t::replace); }

Json FindingJson(const Message& m, const Finding& f) {
  const LineColumn lc = LineColumnAt(m.text, f.start);
  Json j;
  j["rule"] = f.rule;
  j["severity"] = SeverityName(f.severity);
  j["start"] = f.start;
  j["end"] = f.end;
  j["line"] = lc.line;
  j["column"] = lc.column;
  j["text"] = f.text;
  j["message"] = f.message_text;
  j["suggestion"] = f.suggestion;
  if (!f.field.empty()) j["field"] = f.field;
  return j;
}

Json ReplyJson(const Conversation& c, const MessageResult& r) {
  const Message& m = c.messages[r.message];
  Json j;
  j["conversation"] = c.id;
  j["message"] = r.message;
  j["agent"] = m.AgentKey();
  j["team"] = c.team;
  j["channel"] = ChannelName(c.channel);
  j["lang"] = LangName(r.lang);
  j["analysed"] = r.analysed;
  if (r.analysed) {
    j["score"] = r.score;
    j["stars"] = r.stars;
  } else {
    j["score"] = nullptr;
    j["stars"] = nullptr;
    j["note"] = r.other_lang.empty() ? "not analysed: the language is neither Russian nor English"
                                     : "not analysed: the text is in another language (" + r.other_lang +
                                           "), neither Russian nor English";
  }
  j["critical"] = r.critical;
  j["findings"] = Json::array();
  for (const Finding& f : r.findings) j["findings"].push_back(FindingJson(m, f));
  return j;
}

std::string Fixed(double v, int digits) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(digits) << v;
  return os.str();
}

Json AggregateJson(const Aggregate& a) {
  Json j;
  j["count"] = a.count();
  j["mean"] = std::round(a.mean() * 100) / 100;
  j["ci95"] = {std::round(a.Low95(0) * 100) / 100, std::round(a.High95(100) * 100) / 100};
  return j;
}

Json SummaryJson(const AuditSummary& s) {
  Json j;
  j["lines_read"] = s.stats.lines_read;
  j["conversations"] = s.conversations;
  j["lines_rejected"] = s.rejected;
  j["agent_messages"] = s.stats.agent_messages;
  j["analysed"] = s.analysed;
  j["skipped"] = s.skipped;
  Json skipped = Json::object();
  for (const auto& [lang, n] : s.skipped_by_lang) skipped[lang.empty() ? "other" : lang] = n;
  j["skipped_by_lang"] = skipped;
  j["conserved"] = Conserved(s);
  j["lines_repaired"] = s.stats.repaired;
  j["duplicate_ids"] = s.stats.duplicate_ids;
  j["files_failed"] = s.stats.files_failed;
  j["interrupted"] = s.stats.interrupted;
  j["lines_not_read"] = s.stats.lines_not_read;
  j["streams_not_read"] = s.stats.streams_not_read;
  j["failing_replies"] = s.failing_replies;
  j["score"] = AggregateJson(s.score);
  Json stars = Json::object();
  for (int k = 5; k >= 1; --k) stars[std::to_string(k)] = s.stars.count(k) ? s.stars.at(k) : 0;
  j["stars"] = stars;
  Json rules = Json::object();
  for (const auto& [rule, n] : s.by_rule) rules[rule] = n;
  j["findings_by_rule"] = rules;
  Json agents = Json::object();
  for (const auto& [a, agg] : s.by_agent) agents[a] = AggregateJson(agg);
  j["agents"] = agents;
  Json teams = Json::object();
  for (const auto& [t, agg] : s.by_team) teams[t] = AggregateJson(agg);
  j["teams"] = teams;
  return j;
}

class JsonlReport : public AuditReport {
 public:
  using AuditReport::AuditReport;
  void WriteEnd() override {}

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override { *out_ << Dump(ReplyJson(c, r)) << '\n'; }
};

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
    doc["summary"] = SummaryJson(summary_);
    *out_ << Dump(doc, 2) << '\n';
  }

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override { replies_.push_back(ReplyJson(c, r)); }

 private:
  Json replies_ = Json::array();
  Json rejected_ = Json::array();
};

std::string StarsBar(int stars) {
  std::string s;
  for (int k = 1; k <= 5; ++k) s += k <= stars ? "★" : "☆";
  return s;
}

// Pads a UTF-8 string to `width` code points.
std::string Pad(const std::string& s, size_t width) {
  const size_t n = CountCodePoints(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

}  // namespace

std::string ConservationLine(const AuditSummary& s) {
  const std::string lines = "lines read " + std::to_string(s.stats.lines_read) + " = conversations " +
                            std::to_string(s.conversations) + " + rejected " + std::to_string(s.rejected);
  const std::string replies = "agent replies " + std::to_string(s.stats.agent_messages) + " = analysed " +
                              std::to_string(s.analysed) + " + skipped " + std::to_string(s.skipped);
  if (Conserved(s)) return "conservation: " + lines + "; " + replies + ": nothing lost";
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

namespace {

class TextReport : public AuditReport {
 public:
  using AuditReport::AuditReport;

  void WriteEnd() override {
    const AuditSummary& s = summary_;
    std::ostream& o = *out_;
    if (s.analysed > 0) o << '\n';
    o << "Summary\n";
    o << "  lines read: " << s.stats.lines_read << ", conversations: " << s.conversations
      << ", lines rejected: " << s.rejected << '\n';
    o << "  agent replies: " << s.stats.agent_messages << ", analysed: " << s.analysed;
    if (s.skipped) {
      o << ", skipped (language neither ru nor en): " << s.skipped << " (";
      const char* sep = "";
      for (const auto& [lang, n] : s.skipped_by_lang) {
        if (!lang.empty()) o << sep << lang << ' ' << n, sep = ", ";
      }
      if (s.skipped_by_lang.count("")) o << sep << "other " << s.skipped_by_lang.at("");
      o << ')';
    }
    o << '\n';
    o << "  " << ConservationLine(s) << '\n';
    if (s.stats.repaired) o << "  lines repaired (invalid UTF-8 replaced, see the warnings): " << s.stats.repaired << '\n';
    if (s.stats.duplicate_ids) {
      o << "  duplicate conversation ids: " << s.stats.duplicate_ids << " (every copy analysed, see the warnings)\n";
    }
    if (s.stats.files_failed) o << "  input files that could not be read: " << s.stats.files_failed << '\n';
    if (s.stats.interrupted) o << "  " << InterruptedLine(s.stats) << '\n';
    o << "  replies with findings at or above " << SeverityName(fail_level_) << ": " << s.failing_replies << '\n';
    if (s.score.count() > 0) {
      o << "  mean score: " << Fixed(s.score.mean(), 1) << " (95% CI " << Fixed(s.score.Low95(0), 1) << "–"
        << Fixed(s.score.High95(100), 1) << ", n=" << s.score.count() << ")\n";
      o << "  stars:";
      for (int k = 5; k >= 1; --k) o << "  " << k << "★ " << (s.stars.count(k) ? s.stars.at(k) : 0);
      o << '\n';
    }
    if (!s.by_rule.empty()) {
      o << "\nFindings by rule\n";
      for (const auto& [rule, n] : s.by_rule) o << "  " << Pad(rule, 22) << std::setw(6) << n << '\n';
    }
    Table("Agents", s.by_agent);
    Table("Teams", s.by_team);
  }

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override {
    if (r.findings.empty()) return;
    const Message& m = c.messages[r.message];
    std::ostream& o = *out_;
    o << c.id << " #" << r.message;
    if (!m.AgentKey().empty()) o << " (" << m.AgentKey() << ")";
    o << "  score " << r.score << "  " << StarsBar(r.stars) << (r.critical ? "  critical" : "") << '\n';
    for (const Finding& f : r.findings) {
      const LineColumn lc = LineColumnAt(m.text, f.start);
      o << "  " << lc.line << ':' << lc.column << "  " << SeverityName(f.severity) << "  [" << f.rule << "]  "
        << f.message_text;
      if (!f.text.empty()) o << "  «" << Snippet(f.text) << "»";
      o << '\n';
      if (!f.suggestion.empty()) o << "      → " << OneLine(f.suggestion) << '\n';
    }
  }

 private:
  static std::string OneLine(const std::string& s) {
    std::string out;
    for (char ch : s) out += ch == '\n' ? std::string(" / ") : std::string(1, ch);
    return out;
  }
  static std::string Snippet(const std::string& s) {
    std::string one = OneLine(s);
    if (CountCodePoints(one) <= 60) return one;
    size_t i = 0;
    for (size_t n = 0; n < 57 && i < one.size(); ++n) DecodeUtf8(one, &i);
    return one.substr(0, i) + "…";
  }
  void Table(const char* title, const std::map<std::string, Aggregate>& rows) {
    if (rows.empty()) return;
    std::ostream& o = *out_;
    o << '\n' << title << " (mean score, 95% CI, replies)\n";
    for (const auto& [key, a] : rows) {
      o << "  " << Pad(key.empty() ? "(none)" : key, 24) << std::setw(6) << Fixed(a.mean(), 1) << "  ";
      if (a.count() >= 2) {
        o << Pad(Fixed(a.Low95(0), 1) + "–" + Fixed(a.High95(100), 1), 12);
      } else {
        o << Pad("—", 12);
      }
      o << std::setw(6) << a.count() << '\n';
    }
  }
};

}  // namespace

StatusOr<Format> ParseFormat(const std::string& name, const std::vector<Format>& allowed) {
  static const std::pair<const char*, Format> kNames[] = {
      {"text", Format::kText}, {"json", Format::kJson}, {"jsonl", Format::kJsonl}};
  std::string list;
  for (const auto& [n, f] : kNames) {
    if (std::find(allowed.begin(), allowed.end(), f) == allowed.end()) continue;
    if (name == n) return f;
    list += list.empty() ? n : std::string(", ") + n;
  }
  return Status::InvalidArgument("unknown format \"" + name + "\" (expected " + list + ")");
}

std::unique_ptr<AuditReport> AuditReport::Make(Format format, std::ostream* out, std::ostream* err,
                                               Severity fail_level) {
  switch (format) {
    case Format::kJsonl:
      return std::unique_ptr<AuditReport>(new JsonlReport(out, err, fail_level));
    case Format::kJson:
      return std::unique_ptr<AuditReport>(new JsonReport(out, err, fail_level));
    case Format::kText:
      break;
  }
  return std::unique_ptr<AuditReport>(new TextReport(out, err, fail_level));
}

bool Conserved(const AuditSummary& s) {
  return s.stats.lines_read == s.conversations + s.rejected && s.stats.agent_messages == s.analysed + s.skipped;
}

void AuditReport::OnConversation(const Conversation& c, const ConversationResult& result) {
  ++summary_.conversations;
  for (const MessageResult& r : result.replies) {
    if (!r.analysed) {
      ++summary_.skipped;
      ++summary_.skipped_by_lang[r.other_lang];
    } else {
      ++summary_.analysed;
      bool failing = false;
      for (const Finding& f : r.findings) {
        ++summary_.by_rule[f.rule];
        ++summary_.by_severity[f.severity];
        if (f.severity >= fail_level_) failing = true;
      }
      if (failing) ++summary_.failing_replies;
      summary_.score.Add(r.score);
      ++summary_.stars[r.stars];
      summary_.by_agent[c.messages[r.message].AgentKey()].Add(r.score);
      summary_.by_team[c.team].Add(r.score);
    }
    WriteReply(c, r);
  }
}

void AuditReport::OnRejected(const std::string& source, size_t line, const std::string& error) {
  (void)source;
  (void)line;
  ++summary_.rejected;
  *err_ << "replylint: rejected: " << error << '\n';
}

void AuditReport::OnWarning(const std::string& warning) { *err_ << "replylint: warning: " << warning << '\n'; }

void AuditReport::OnFileError(const std::string& error) { *err_ << "replylint: " << error << '\n'; }

std::string ReplyRecordJson(const Conversation& c, const MessageResult& r) { return Dump(ReplyJson(c, r)); }

void WriteCheckText(const Conversation& c, const MessageResult& r, const std::string& name, std::ostream& out) {
  const Message& m = c.messages[r.message];
  for (const Finding& f : r.findings) {
    if (!f.field.empty()) {
      out << name << ": " << SeverityName(f.severity) << " [" << f.rule << "] " << f.message_text << '\n';
      out << "  " << f.field << ": " << f.text << '\n';
    } else {
      const LineColumn lc = LineColumnAt(m.text, f.start);
      out << name << ':' << lc.line << ':' << lc.column << ": " << SeverityName(f.severity) << " [" << f.rule << "] "
          << f.message_text << '\n';
      // The source line and a caret line under the span (first line of it).
      const size_t ls = m.text.rfind('\n', f.start == 0 ? std::string::npos : f.start - 1);
      const size_t line_start = (f.start == 0 || ls == std::string::npos) ? 0 : ls + 1;
      size_t line_end = m.text.find('\n', f.start);
      if (line_end == std::string::npos) line_end = m.text.size();
      const std::string gutter = std::to_string(lc.line);
      out << "  " << gutter << " | "
          << ReplaceInvalidUtf8(std::string_view(m.text).substr(line_start, line_end - line_start)) << '\n';
      const size_t caret_end = std::min(f.end, line_end);
      const size_t width =
          std::max<size_t>(1, CountCodePoints(std::string_view(m.text).substr(f.start, caret_end - f.start)));
      out << "  " << std::string(gutter.size(), ' ') << " | " << std::string(lc.column - 1, ' ')
          << std::string(width, '^') << '\n';
    }
    if (!f.suggestion.empty()) {
      std::string s = f.suggestion;
      for (size_t p = s.find('\n'); p != std::string::npos; p = s.find('\n', p + 1)) s.replace(p, 1, "\n      ");
      out << "  = " << (r.lang == Lang::kRu ? "исправление: " : "fix: ") << s << '\n';
    }
  }
}

}  // namespace replylint
