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
#include "cli/report_options.h"
#include "engine/baseline.h"
#include "redact/phones.h"
#include "redact/redact.h"
#include "report/progress.h"
#include "report/report.h"
#include "rules/rule_spec.h"
#include "score/score.h"
#include "store/store_sink.h"

namespace replylint::cli {
namespace {

namespace fs = std::filesystem;

struct AuditArgs {
  Common common;
  std::vector<std::string> inputs;
  ReportArgs report;
  bool redact = false;
  std::string redact_key;
  bool strict = false;
  std::string baseline;
  std::string write_baseline;
  std::string db;
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
  // First: a stop during start-up (building the rules takes a while) ends
  // the run as interrupted, like one during the run.
  StopOnSignal signals;
  auto engine = MakeEngine(a.common, a.inputs);
  if (!engine.ok()) return Fail(engine.status().message());
  if (a.redact) {
    if (Status st = LoadPhoneMatcher(); !st.ok()) return Fail("--redact: " + st.message());
  }
  const Engine& e = **engine;
  Grading grading{FailLevel(a.common, e), e.scorecard().good_stars, e.scorecard().stars, {}};
  for (const RuleSpec& r : e.rules().rules) grading.rules.push_back(r.id);
  auto made = MakeReportOptions(a.report, grading);
  if (!made.ok()) return Fail(made.status().message());
  auto& [format, ro] = *made;
  ro.inputs = a.inputs;
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  Output out(a.report.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  std::set<std::string> accepted;
  if (!a.baseline.empty()) {
    auto read = ReadBaseline(a.baseline);
    if (!read.ok()) return Fail(read.status().message());
    accepted = std::move(*read);
  }
  std::vector<std::string> written_by_run = *files;
  if (!a.report.out.empty()) written_by_run.push_back(a.report.out);
  if (!a.db.empty()) written_by_run.push_back(a.db);
  std::unique_ptr<Output> next_baseline;
  if (!a.write_baseline.empty()) {
    next_baseline = std::make_unique<Output>(a.write_baseline, written_by_run);
    if (!next_baseline->status().ok()) return Fail(next_baseline->status().message());
  }
  auto report = AuditReport::Make(format, &out.stream(), &std::cerr, ro);
  ResultSink* sink = report.get();
  // Right before the report, so the history holds what the report shows.
  std::unique_ptr<Store> store;
  std::unique_ptr<StoreSink> stored;
  if (!a.db.empty()) {
    auto opened = Store::Open(a.db, Store::Mode::kWrite);
    if (!opened.ok()) return Fail(opened.status().message());
    store = std::move(*opened);
    const StoredSettings settings{grading.fail_level, grading.good_stars, grading.star_thresholds, grading.rules};
    if (Status st = store->BeginRun(a.inputs, *files, settings); !st.ok()) return Fail(st.message());
    sink = (stored = std::make_unique<StoreSink>(store.get(), sink, *files)).get();
  }
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
  if (::isatty(2) && (!a.report.out.empty() || !::isatty(1)))
    sink = (progress = std::make_unique<ProgressSink>(sink, &std::cerr, TotalBytes(*files))).get();
  PipelineStats stats;
  PipelineOptions po = PipelineOptionsOf(a.common);
  if (redact) po.show_value = redact->HashIds();
  const Status run = RunPipeline(**engine, *files, po, sink, &stats);
  if (progress) progress->Clear();
  report->Finish(stats);
  const Status kept = stored ? stored->Finish(stats.interrupted) : Status::Ok();
  const AuditTotals& t = report->totals();
  if (format != Format::kText || stats.interrupted) {
    std::cerr << "replylint: " << report->conversations() << " conversations, " << t.analysed() << " replies analysed, "
              << report->rejected() << " lines rejected\n";
    std::cerr << "replylint: " << report->ConservationLine() << '\n';
  }
  if (stats.interrupted) {
    // A report file is only ever replaced by a complete run.
    std::cerr << "replylint: " << InterruptedLine(stats) << '\n';
    if (!a.report.out.empty()) std::cerr << "replylint: " << a.report.out << " was not written\n";
    if (stored && kept.ok()) {
      std::cerr << "replylint: " << stored->stored() << " conversations stored in " << EscapeForTerminal(a.db)
                << " (the run is marked interrupted)\n";
    } else if (stored) {
      std::cerr << "replylint: " << EscapeForTerminal(kept.message()) << '\n';
    }
    return kExitFailed;
  }
  if (!report->Conserved()) return Fail("internal error: the counts do not add up");
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  // The report is whole; the history may lack the batches after a failure.
  if (!kept.ok()) return Fail(kept.message());
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
  AddReportArgs(audit, &aa->report);
  audit->add_flag("--redact", aa->redact, "Mask personal data in the output (docs/redaction.md)");
  audit->add_option("--redact-key", aa->redact_key,
                    "Key of the hash that masks ids and team names (default: random per run)");
  audit->add_flag("--strict", aa->strict, "Exit 2 when any input line is rejected");
  audit->add_option("--baseline", aa->baseline,
                    "Leave out the findings this baseline accepts (written by --write-baseline); they are counted");
  audit->add_option("--write-baseline", aa->write_baseline,
                    "Record every finding of this run (accepted ones included) as a baseline file");
  audit->add_option("--db", aa->db,
                    "Also store every reply's result in this SQLite history, for `replylint report` "
                    "(docs/history.md)");
  AddCommon(audit, &aa->common, true);
  AddTemplates(audit, &aa->common);
  return [aa] { return RunAudit(*aa); };
}

}  // namespace

const Command kAuditCommand = {"audit", "Review every agent reply in JSONL conversation files and print the QA report",
                               Setup};

}  // namespace replylint::cli
