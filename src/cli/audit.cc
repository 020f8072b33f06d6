// replylint audit: every agent reply of JSONL conversation files, as a QA report.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "base/fingerprint.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "cli/common.h"
#include "cli/output.h"
#include "engine/baseline.h"
#include "redact/redact.h"
#include "report/progress.h"
#include "report/report.h"
#include "rules/rule_spec.h"
#include "score/score.h"

namespace replylint::cli {
namespace {

namespace fs = std::filesystem;

struct AuditArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string out;
  std::vector<std::string> by;
  size_t min_replies = 20;
  std::string goal;
  size_t worst = 10;
  bool redact = false;
  std::string redact_key;
  bool strict = false;
  std::string baseline;
  std::string write_baseline;
  std::string color = "auto";
  ReplyFilterSpec filter;
  std::vector<std::string> channels;
};

// The size of the inputs for the progress line; 0 when one is standard input.
uint64_t TotalBytes(const std::vector<std::string>& files) {
  uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    const auto n = f == "-" ? 0 : fs::file_size(f, ec);
    if (f == "-" || ec) return 0;
    total += n;
  }
  return total;
}

int RunAudit(const AuditArgs& a) {
  auto engine = MakeEngine(a.common, a.inputs);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseFormat(a.format, {Format::kText, Format::kCsv, Format::kJson, Format::kJsonl, Format::kHtml});
  if (!format.ok()) return Fail(format.status().message());
  ReportOptions ro;
  ro.fail_level = FailLevel(a.common, **engine);
  ro.min_replies = a.min_replies;
  ro.worst = a.worst;
  ro.good_stars = (*engine)->scorecard().good_stars;
  ro.star_thresholds = (*engine)->scorecard().stars;
  ro.color = a.out.empty() ? UseColor(a.color, STDOUT_FILENO) : a.color == "always";
  ReplyFilterSpec spec = a.filter;
  for (const std::string& ch : a.channels) spec.channels.insert(*ParseChannel(ch));
  std::vector<std::string> ids;
  for (const RuleSpec& r : (*engine)->rules().rules) ids.push_back(r.id);
  for (const std::string& rule : spec.rules) {
    if (std::find(ids.begin(), ids.end(), rule) == ids.end()) {
      return Fail("--rule: unknown rule \"" + rule + "\"" + DidYouMean(rule, ids) + " (see `replylint rules`)");
    }
  }
  auto filter = ReplyFilter::Parse(spec);
  if (!filter.ok()) return Fail(filter.status().message());
  ro.filter = std::move(*filter);
  for (const std::string& b : a.by) ro.by.push_back(*ParseGroupBy(b));
  if ((*format == Format::kCsv || *format == Format::kJsonl) && ro.by.size() > 1)
    return Fail("--by: " + a.format + " has one row per group: give one of conversation, agent, team, channel");
  if (!a.goal.empty()) {
    auto goal = Goal::Parse(a.goal);
    if (!goal.ok()) return Fail(goal.status().message());
    ro.goal = *goal;
  }
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  std::set<std::string> accepted;
  if (!a.baseline.empty()) {
    auto read = ReadBaseline(a.baseline);
    if (!read.ok()) return Fail(read.status().message());
    accepted = std::move(*read);
  }
  std::vector<std::string> written_by_run = *files;
  if (!a.out.empty()) written_by_run.push_back(a.out);
  std::unique_ptr<Output> next_baseline;
  if (!a.write_baseline.empty()) {
    next_baseline = std::make_unique<Output>(a.write_baseline, written_by_run);
    if (!next_baseline->status().ok()) return Fail(next_baseline->status().message());
  }
  auto report = AuditReport::Make(*format, &out.stream(), &std::cerr, ro);
  ResultSink* sink = report.get();
  std::unique_ptr<RedactingSink> redact;
  if (a.redact) sink = (redact = std::make_unique<RedactingSink>(sink, a.redact_key)).get();
  // Before redaction: a baseline keys findings by the real conversation ids.
  std::unique_ptr<BaselineSink> baseline;
  if (!a.baseline.empty() || next_baseline) {
    sink = (baseline = std::make_unique<BaselineSink>(sink, **engine, a.baseline.empty() ? nullptr : &accepted,
                                                      next_baseline ? &next_baseline->stream() : nullptr))
               .get();
  }
  // Progress only to a terminal, and not into a report that goes to the same one.
  std::unique_ptr<ProgressSink> progress;
  if (::isatty(2) && (!a.out.empty() || !::isatty(1)))
    sink = (progress = std::make_unique<ProgressSink>(sink, &std::cerr, TotalBytes(*files))).get();
  PipelineStats stats;
  StopOnSignal signals;
  PipelineOptions po = PipelineOptionsOf(a.common);
  if (redact) po.show_value = redact->HashIds();
  const Status run = RunPipeline(**engine, *files, po, sink, &stats);
  if (progress) progress->Clear();
  report->Finish(stats);
  const AuditTotals& t = report->totals();
  if (*format != Format::kText || stats.interrupted) {
    std::cerr << "replylint: " << report->conversations() << " conversations, " << t.analysed() << " replies analysed, "
              << report->rejected() << " lines rejected\n";
    std::cerr << "replylint: " << report->ConservationLine() << '\n';
  }
  if (stats.interrupted) {
    // A report file is only ever replaced by a complete run.
    std::cerr << "replylint: " << InterruptedLine(stats) << '\n';
    if (!a.out.empty()) std::cerr << "replylint: " << a.out << " was not written\n";
    return kExitFailed;
  }
  if (!report->Conserved()) return Fail("internal error: the counts do not add up");
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  if (next_baseline) {
    if (Status st = next_baseline->Commit(); !st.ok()) return Fail(st.message());
    std::cerr << "replylint: " << baseline->written() << " findings written to " << EscapeForTerminal(a.write_baseline)
              << '\n';
  }
  if (!run.ok()) return kExitFailed;  // every file that failed is reported already
  if (a.strict && stats.rejected > 0) return Fail(std::to_string(stats.rejected) + " input lines rejected (--strict)");
  if (next_baseline) return kExitClean;  // today's findings are accepted
  return t.failing_replies() > 0 ? kExitFindings : kExitClean;
}

std::function<int()> Setup(CLI::App* audit) {
  auto aa = std::make_shared<AuditArgs>();
  audit->add_option("inputs", aa->inputs, "JSONL files or directories of them (- for standard input)")->required();
  audit->add_option("--format", aa->format,
                    "text (report), csv (one row per reply), json (one document), jsonl (one record per reply) "
                    "or html (one self-contained page)");
  audit->add_option("-o,--out", aa->out, "Write the report to this file (atomically) instead of standard output");
  audit
      ->add_option("--by", aa->by,
                   "Groups: conversation, agent, team, channel (text, json, html: the tables shown; "
                   "csv, jsonl: one row per group instead of per reply)")
      ->delimiter(',')
      ->check(CLI::IsMember({"conversation", "agent", "team", "channel"}));
  audit->add_option("--min-replies", aa->min_replies, "Replies an agent or team needs to be ranked (default 20)")
      ->check(CLI::Range(size_t{1}, size_t{1000000000}));
  audit->add_option("--goal", aa->goal,
                    "A target: stars=MEAN or score=MEAN, optionally ,replies=N (e.g. stars=4.96,replies=100); "
                    "first_within=PERCENT or first_reply_min=MINUTES (docs/response-time.md)");
  audit->add_option("--worst", aa->worst, "html: how many of the worst replies to show with their text (default 10)");
  audit->add_flag("--redact", aa->redact, "Mask personal data in the output (docs/redaction.md)");
  audit->add_option("--redact-key", aa->redact_key,
                    "Key of the hash that masks ids and team names (default: random per run)");
  audit->add_flag("--strict", aa->strict, "Exit 2 when any input line is rejected");
  audit->add_option("--since", aa->filter.since, "Only replies sent on or after this day (2026-11-01, UTC) or time");
  audit->add_option("--until", aa->filter.until, "Only replies sent on or before this day (UTC) or time");
  audit->add_option("--agent", aa->filter.agents, "Only this agent's replies (repeatable)");
  audit->add_option("--team", aa->filter.teams, "Only this team's replies (repeatable)");
  audit->add_option("--channel", aa->channels, "Only replies on this channel (repeatable)")
      ->check(CLI::IsMember({"email", "chat", "social", "phone"}));
  audit->add_option("--rule", aa->filter.rules, "Only replies with a finding of this rule (repeatable)");
  audit->add_option("--color", aa->color, "text: colours auto (on a terminal, unless NO_COLOR is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  audit->add_option("--baseline", aa->baseline,
                    "Leave out the findings this baseline accepts (written by --write-baseline); they are counted");
  audit->add_option("--write-baseline", aa->write_baseline,
                    "Record every finding of this run (accepted ones included) as a baseline file");
  AddCommon(audit, &aa->common, true);
  AddTemplates(audit, &aa->common);
  return [aa] { return RunAudit(*aa); };
}

}  // namespace

const Command kAuditCommand = {"audit", "Review every agent reply in JSONL conversation files and print the QA report",
                               Setup};

}  // namespace replylint::cli
