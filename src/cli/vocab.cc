// replylint vocab: words the spelling check flags that many agents use, as a list to review.
#include "eval/vocab.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "cli/common.h"
#include "cli/output.h"
#include "report/report.h"

namespace replylint::cli {
namespace {

struct VocabArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string out;
  size_t min_agents = 3;
  size_t min_replies = 10;
};

int RunVocab(const VocabArgs& a) {
  // First: a stop during start-up (building the rules takes a while) ends
  // the run as interrupted, like one during the run.
  StopOnSignal signals;
  auto engine = MakeEngine(a.common, a.inputs);
  if (!engine.ok()) return Fail(engine.status().message());
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  VocabMiner miner;
  PipelineStats stats;
  const Status run = RunPipeline(**engine, *files, PipelineOptionsOf(a.common), &miner, &stats);
  if (stats.interrupted) return Fail(InterruptedLine(stats) + "; no word list written");
  if (!run.ok()) return Fail(run.message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  miner.Write(out.stream(), a.min_agents, a.min_replies);
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  if (miner.rejected() > 0)
    std::cerr << "replylint: " << miner.rejected() << " lines rejected (run audit to see why)\n";
  return kExitClean;
}

std::function<int()> Setup(CLI::App* vocab) {
  auto va = std::make_shared<VocabArgs>();
  vocab->add_option("inputs", va->inputs, "JSONL files or directories of them (- for standard input)")->required();
  vocab->add_option("--min-agents", va->min_agents, "Agents who must use a word (default 3)")
      ->check(CLI::Range(size_t{1}, size_t{1000000}));
  vocab->add_option("--min-replies", va->min_replies, "Replies a word must be in (default 10)")
      ->check(CLI::Range(size_t{1}, size_t{1000000000}));
  vocab->add_option("-o,--out", va->out, "Write the word list to this file (atomically) instead of standard output");
  AddCommon(vocab, &va->common, true);
  return [va] { return RunVocab(*va); };
}

}  // namespace

const Command kVocabCommand = {
    "vocab", "List the words spelling flags that several agents use in many replies, as a vocab file to review", Setup};

}  // namespace replylint::cli
