// replylint sample: a reproducible review sample, stratified by agent.
#include "sample/sample.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "base/suggest.h"
#include "base/utf8.h"
#include "cli/common.h"
#include "cli/output.h"
#include "cli/report_options.h"
#include "report/report.h"
#include "report/sample_report.h"
#include "rules/rule_spec.h"

namespace replylint::cli {
namespace {

struct SampleArgs {
  Common common;
  std::vector<std::string> inputs;
  SampleOptions options;
  std::string format = "jsonl";
  std::string out;
  bool strict = false;
  FilterArgs filter;
};

// Rejected lines of a sample run go to standard error, as in an audit.
class RejectedToStderr : public ResultSink {
 public:
  void OnConversation(const Conversation&, const ConversationResult&) override {}
  void OnRejected(const std::string&, size_t, const std::string& error) override {
    std::cerr << "replylint: rejected: " << EscapeForTerminal(error) << '\n';
  }
  void OnWarning(const std::string& warning) override {
    std::cerr << "replylint: warning: " << EscapeForTerminal(warning) << '\n';
  }
  void OnFileError(const std::string& error) override {
    std::cerr << "replylint: " << EscapeForTerminal(error) << '\n';
  }
};

int RunSample(const SampleArgs& a) {
  auto engine = MakeEngine(a.common, a.inputs);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseFormat(a.format, {Format::kJsonl, Format::kCsv});
  if (!format.ok()) return Fail(format.status().message());
  if ((a.options.per_agent > 0) == (a.options.share > 0)) return Fail("sample: give --per-agent N or --share F");
  std::vector<std::string> ids;
  for (const RuleSpec& spec : (*engine)->rules().rules) ids.push_back(spec.id);
  for (const std::string& rule : a.options.focus) {
    if (!(*engine)->rules().Find(rule))
      return Fail("--focus: unknown rule \"" + rule + "\"" + DidYouMean(rule, ids) + " (see `replylint rules`)");
  }
  auto filter = MakeFilter(a.filter, ids);
  if (!filter.ok()) return Fail(filter.status().message());
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  RejectedToStderr rejected;
  SampleOptions options = a.options;
  options.filter = &*filter;
  options.ingest = &a.common.ingest;
  auto sample = DrawSample(**engine, *files, a.common.jobs, options, FailLevel(a.common, **engine), &rejected);
  if (!sample.ok()) return Fail(sample.status().message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  WriteSample(*format, *sample, out.stream());
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  WriteSampleSummary(*sample, options, std::cerr);
  if (!sample->error.ok()) return Fail(sample->error.message());
  if (a.strict && sample->stats.rejected > 0)
    return Fail(std::to_string(sample->stats.rejected) + " input lines rejected (--strict)");
  // A sample drawn is a success, findings in it or not: they are what the
  // reviewers are to look at.
  return kExitClean;
}

std::function<int()> Setup(CLI::App* sample) {
  auto sa = std::make_shared<SampleArgs>();
  sample->add_option("inputs", sa->inputs, "JSONL files or directories of them (- for standard input)")->required();
  sample->add_option("--per-agent", sa->options.per_agent, "Replies per agent (all of an agent with fewer)")
      ->check(CLI::Range(size_t{1}, size_t{1000000000}));
  sample->add_option("--share", sa->options.share, "This share of each agent's replies, rounded up (0-1)")
      ->check(CLI::Range(0.000001, 1.0));
  sample->add_option("--seed", sa->options.seed,
                     "Random seed: the same seed and input give the same sample (default 1)");
  sample->add_flag("--low-scores", sa->options.low_scores,
                   "Weight toward low scores: a reply scored 0 is 1+boost times as likely as one scored 100");
  sample->add_option("--focus", sa->options.focus, "Weight toward replies with findings of this rule (repeatable)")
      ->delimiter(',');
  sample->add_option("--boost", sa->options.boost, "The weighting factor of --low-scores and --focus (default 4)")
      ->check(CLI::Range(0.0, 1000.0));
  sample->add_option("--format", sa->format, "jsonl (default) or csv");
  sample->add_option("-o,--out", sa->out, "Write the sample to this file (atomically) instead of standard output");
  sample->add_flag("--redact", sa->options.redact, "Mask personal data (docs/redaction.md)");
  sample->add_option("--redact-key", sa->options.redact_key, "Key of the hash that masks ids and team names");
  sample->add_flag("--strict", sa->strict, "Exit 2 when any input line is rejected");
  AddFilterArgs(sample, &sa->filter);
  AddCommon(sample, &sa->common, true);
  return [sa] { return RunSample(*sa); };
}

}  // namespace

const Command kSampleCommand = {
    "sample", "Draw a reproducible review sample, stratified by agent, and print the margin of error it gives", Setup};

}  // namespace replylint::cli
