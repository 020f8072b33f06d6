#include "report/sample_report.h"

#include "base/utf8.h"
#include "report/report_util.h"

namespace replylint {
namespace {

std::string Source(const Conversation& c) { return c.source + ":" + std::to_string(c.line); }

}  // namespace

void WriteSample(Format format, const SampleResult& sample, std::ostream& out) {
  if (format == Format::kCsv) {
    out << "conversation,message,agent,team,channel,lang,source,at,score,stars,sampling_weight,rules,findings,"
           "customer_text,reply_text,review_score,review_notes,reviewer,finding_verdicts\r\n";
  }
  for (const SampledReply& s : sample.replies) {
    const Conversation& c = s.conversation;
    const MessageResult& r = s.result;
    const Message& m = c.messages[r.message];
    if (format == Format::kCsv) {
      std::string findings;
      LineColumnCursor where(m.text);
      for (const Finding& f : r.findings) {
        const LineColumn lc = where.At(f.start);
        if (!findings.empty()) findings += "\n";
        findings += std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " +
                    std::string(SeverityName(f.severity)) + " [" + f.rule + "] " + f.message_text;
        if (!f.text.empty()) findings += " «" + OneLine(f.text) + "»";
        if (!f.suggestion.empty()) findings += " → " + OneLine(f.suggestion);
      }
      const std::vector<std::string> row = {
          c.id, std::to_string(r.message), m.AgentKey(), c.team, std::string(ChannelName(c.channel)),
          std::string(LangName(r.lang)), Source(c), m.at, std::to_string(r.score), std::to_string(r.stars),
          Fixed(s.weight, 3), RuleList(r.findings), findings, ReplaceInvalidUtf8(CustomerContext(c, r.message)),
          ReplaceInvalidUtf8(m.text), "", "",
          // For `replylint calibrate` (docs/calibration.md): who reviewed,
          // and one verdict per line of `findings`, in its order.
          "", ""};
      for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvField(row[i]);
      out << "\r\n";
    } else {
      Json j = ReplyJson(c, r);
      j["source"] = Source(c);
      j["sampling_weight"] = Round(s.weight, 3);
      j["customer_text"] = ReplaceInvalidUtf8(CustomerContext(c, r.message));
      j["reply_text"] = ReplaceInvalidUtf8(m.text);
      j["review"] = {{"score", nullptr}, {"notes", ""}};
      out << Dump(j) << '\n';
    }
  }
}

void WriteSampleSummary(const SampleResult& s, const SampleOptions& o, std::ostream& out) {
  out << "replylint sample: " << s.sampled << " of " << s.population << " replies from " << s.strata.size()
      << (s.strata.size() == 1 ? " agent" : " agents") << " (seed " << o.seed << "; ";
  if (o.per_agent) {
    out << o.per_agent << " per agent";
  } else {
    out << Percent(o.share, 1) << " of each agent's replies";
  }
  if (o.low_scores) out << "; weighted toward low scores";
  if (!o.focus.empty()) {
    out << "; weighted toward";
    for (size_t i = 0; i < o.focus.size(); ++i) out << (i ? "," : "") << ' ' << o.focus[i];
  }
  out << ")\n";
  if (o.filter && o.filter->active())
    out << "  " << s.filtered << (s.filtered == 1 ? " reply" : " replies")
        << " left out by --since/--until/--agent/--team/--channel/--rule\n";
  size_t width = 5;
  for (const SampleStratum& st : s.strata) width = std::max(width, CountCodePoints(GroupKeyName(st.agent)));
  out << "  " << Pad("agent", width) << "  replies  sampled" << (s.weighted ? "  effective" : "")
      << "  margin of error (95%)\n";
  auto row = [&](const std::string& name, size_t pop, size_t n, double eff, double moe) {
    std::string p = std::to_string(pop), q = std::to_string(n), e = Fixed(eff, 1);
    out << "  " << Pad(name, width) << "  " << std::string(7 - std::min<size_t>(7, p.size()), ' ') << p << "  "
        << std::string(7 - std::min<size_t>(7, q.size()), ' ') << q;
    if (s.weighted) out << "  " << std::string(9 - std::min<size_t>(9, e.size()), ' ') << e;
    out << "  ±" << Fixed(100 * moe, 1) << " pp\n";
  };
  for (const SampleStratum& st : s.strata)
    row(GroupKeyName(st.agent), st.population, st.sampled, st.effective, st.margin);
  double eff = 0;
  for (const SampleStratum& st : s.strata) eff += st.effective;
  row("all", s.population, s.sampled, eff, s.margin);
  out << "  (the margin of error of a share found in the sample, e.g. \"replies with a wrong name\": "
         "z·√(p(1−p)/n)·√((N−n)/(N−1)) at p = 0.5, stratified for \"all\"";
  if (s.weighted)
    out << "; weighted samples use Kish's effective size, and shares must be re-weighted by 1/sampling_weight";
  out << ")\n";
}

}  // namespace replylint
