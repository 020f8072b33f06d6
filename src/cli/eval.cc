// replylint eval: precision and recall per rule on labelled conversations.
#include "eval/eval.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "cli/common.h"
#include "cli/output.h"
#include "report/report.h"
#include "rules/rule_spec.h"

namespace replylint::cli {
namespace {

struct EvalArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string format = "text";
  bool verbose = false;
  bool strict = false;
  double min_precision = 0;
  double min_recall = 0;
};

int RunEval(const EvalArgs& a) {
  // First: a stop during start-up (building the rules takes a while) ends
  // the run as interrupted, like one during the run.
  StopOnSignal signals;
  auto engine = MakeEngine(a.common, a.inputs);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseFormat(a.format, {Format::kText, Format::kJson});
  if (!format.ok()) return Fail(format.status().message());
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  std::map<std::string, bool> rules;
  for (const RuleSpec& r : (*engine)->rules().rules) rules[r.id] = r.enabled;
  Evaluation eval(rules);
  PipelineStats stats;
  const Status run = RunPipeline(**engine, *files, PipelineOptionsOf(a.common), &eval, &stats);
  if (stats.interrupted) return Fail(InterruptedLine(stats) + "; no evaluation written");
  if (*format == Format::kJson) {
    eval.WriteJson(std::cout);
  } else {
    eval.WriteText(std::cout, a.verbose);
  }
  if (!run.ok()) return Fail(run.message());
  if (eval.rejected() > 0) {
    std::cerr << "replylint: " << eval.rejected() << " lines rejected (run audit to see why)\n";
    if (a.strict) return kExitFailed;
  }
  const auto below = eval.Below(a.min_precision, a.min_recall);
  for (const auto& rule : below) std::cerr << "replylint: " << rule << " is below the required precision or recall\n";
  return below.empty() ? kExitClean : kExitFindings;
}

std::function<int()> Setup(CLI::App* eval) {
  auto ea = std::make_shared<EvalArgs>();
  eval->add_option("inputs", ea->inputs, "Labelled JSONL files or directories of them")->required();
  eval->add_option("--format", ea->format, "text or json");
  eval->add_flag("-v,--verbose", ea->verbose, "List every mismatch: missed and unexpected findings");
  eval->add_flag("--strict", ea->strict, "Exit 2 when any input line is rejected");
  eval->add_option("--min-precision", ea->min_precision, "Exit 1 when a rule's precision is below this")
      ->check(CLI::Range(0.0, 1.0));
  eval->add_option("--min-recall", ea->min_recall, "Exit 1 when a rule's recall is below this")
      ->check(CLI::Range(0.0, 1.0));
  AddCommon(eval, &ea->common, true);
  AddTemplates(eval, &ea->common);
  return [ea] { return RunEval(*ea); };
}

}  // namespace

const Command kEvalCommand = {"eval", "Measure precision and recall per rule on labelled conversations (expect)",
                              Setup};

}  // namespace replylint::cli
