// replylint report: the audit report again, from histories written by
// `audit --db` — one, or several audited as shards — without analysing any
// text: the stored results are handed to the same report writers, in the
// order they were met, so one history gives the report its audit gave.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "base/utf8.h"
#include "cli/common.h"
#include "cli/output.h"
#include "cli/report_options.h"
#include "engine/id_index.h"
#include "store/store.h"

namespace replylint::cli {
namespace {

struct ReportCommandArgs {
  std::vector<std::string> histories;
  ReportArgs report;
  std::string fail_level;
};

// Hands one history's records to `sink` as the pipeline handed them to the
// audit, keeping the counts the summary proves conservation with.
class Replayer {
 public:
  Replayer(ResultSink* sink, PipelineStats* stats) : sink_(sink), stats_(stats) {}

  Status Replay(const Store& store) {
    Store::Visitor v;
    v.conversation = [&](const Conversation& c, const ConversationResult& r, const std::vector<std::string>& warnings) {
      ++stats_->lines_read;
      ++stats_->conversations;
      if (!warnings.empty()) ++stats_->repaired;
      for (const std::string& w : warnings) sink_->OnWarning(w);
      CountFile(c.source);
      // Shards audited apart can hold the same id; the audit of all their
      // inputs would have warned, and so does the report.
      if (auto first = ids_.Insert(c.id, {FileIndex(c.source), c.line})) {
        ++stats_->duplicate_ids;
        sink_->OnWarning(DuplicateIdWarning(c.source, c.line, QuotedId(c.id), names_[first->file], first->line));
      }
      for (const Message& m : c.messages) stats_->agent_messages += m.role == Role::kAgent;
      sink_->OnConversation(c, r);
    };
    v.event = [&](const StoredEvent& e) {
      switch (e.kind) {
        case StoredEvent::Kind::kRejected:
          ++stats_->lines_read;
          ++stats_->rejected;
          CountFile(e.source);
          sink_->OnRejected(e.source, e.line, e.text);
          break;
        case StoredEvent::Kind::kWarning:
          sink_->OnWarning(e.text);
          break;
        case StoredEvent::Kind::kFileError:
          ++stats_->files_failed;
          sink_->OnFileError(e.text);
          break;
      }
    };
    return store.Replay(v);
  }

 private:
  uint32_t FileIndex(const std::string& source) {
    auto [it, added] = files_.emplace(source, static_cast<uint32_t>(names_.size()));
    if (added) names_.push_back(source);
    return it->second;
  }
  void CountFile(const std::string& source) {
    if (counted_.insert(source).second) ++stats_->files;
  }

  ResultSink* sink_;
  PipelineStats* stats_;
  IdIndex ids_;
  std::map<std::string, uint32_t> files_;
  std::vector<std::string> names_;
  std::set<std::string> counted_;
};

// The grading of the newest run, with a warning when the runs differ: the
// stored scores stay as each run gave them.
Grading GradingOf(const std::vector<StoredRun>& runs, const ReportCommandArgs& a) {
  Grading g;
  if (!runs.empty()) {
    const StoredSettings& s = runs.back().settings;
    g = {s.fail_level, s.good_stars, s.star_thresholds, s.rules};
    for (const StoredRun& r : runs) {
      if (r.settings.fail_level != s.fail_level || r.settings.star_thresholds != s.star_thresholds ||
          r.settings.good_stars != s.good_stars) {
        std::cerr << "replylint: warning: the stored runs were graded with different scorecards or fail levels; "
                     "the newest run's is used for the totals\n";
        break;
      }
    }
  }
  if (!a.fail_level.empty()) g.fail_level = *ParseSeverity(a.fail_level);
  return g;
}

int RunReport(const ReportCommandArgs& a) {
  std::vector<std::unique_ptr<Store>> stores;
  std::vector<StoredRun> runs;
  for (const std::string& path : a.histories) {
    auto store = Store::Open(path, Store::Mode::kRead);
    if (!store.ok()) return Fail(store.status().message());
    for (StoredRun& r : (*store)->Runs()) {
      if (r.finished.empty() || r.interrupted) {
        std::cerr << "replylint: warning: " << EscapeForTerminal(path) << ": run " << r.id << " (started " << r.started
                  << ") " << (r.interrupted ? "was interrupted" : "did not finish") << "; its " << r.conversations
                  << " stored conversations are included\n";
      }
      runs.push_back(std::move(r));
    }
    stores.push_back(std::move(*store));
  }
  auto made = MakeReportOptions(a.report, GradingOf(runs, a));
  if (!made.ok()) return Fail(made.status().message());
  auto& [format, ro] = *made;
  // What the stored runs read, as their audits were given it (a file read
  // again by a later run named once), so the page names the same inputs.
  for (const StoredRun& r : runs) {
    for (const std::string& in : r.inputs) {
      if (std::find(ro.inputs.begin(), ro.inputs.end(), in) == ro.inputs.end()) ro.inputs.push_back(in);
    }
  }
  Output out(a.report.out, a.histories);
  if (!out.status().ok()) return Fail(out.status().message());
  auto report = AuditReport::Make(format, &out.stream(), &std::cerr, ro);
  PipelineStats stats;
  Replayer replayer(report.get(), &stats);
  for (const auto& store : stores) {
    if (Status st = replayer.Replay(*store); !st.ok()) return Fail(st.message());
  }
  report->Finish(stats);
  const AuditTotals& t = report->totals();
  if (format != Format::kText) {
    std::cerr << "replylint: " << report->conversations() << " conversations, " << t.analysed() << " replies analysed, "
              << report->rejected() << " lines rejected\n";
    std::cerr << "replylint: " << report->ConservationLine() << '\n';
  }
  if (!report->Conserved()) return Fail("internal error: the counts do not add up");
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  return t.failing_replies() > 0 ? kExitFindings : kExitClean;
}

std::function<int()> Setup(CLI::App* cmd) {
  auto a = std::make_shared<ReportCommandArgs>();
  cmd->add_option("histories", a->histories, "SQLite histories written by `audit --db` (shards: in input order)")
      ->required();
  AddReportArgs(cmd, &a->report);
  cmd->add_option("--fail-level", a->fail_level, "Lowest severity that fails a reply (default: the stored run's)")
      ->check(CLI::IsMember({"error", "warning", "suggestion"}));
  return [a] { return RunReport(*a); };
}

}  // namespace

const Command kReportCommand = {"report", "Print the QA report again from stored histories, without analysing text",
                                Setup};

}  // namespace replylint::cli
