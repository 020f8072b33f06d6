// Samples for manual review (`replylint sample`): a reproducible random
// sample of analysed replies, stratified by agent so that every agent is
// reviewed, optionally weighted toward low scores or toward replies with
// given rules' findings, with the margin of error the sample sizes give.
//
// How a reply is drawn: each reply gets a uniform number u from a hash of
// the seed, its conversation id and its message index (so its chance does
// not depend on input order, the number of threads, or what else is in the
// input), and a weight w (1, or more for a low score or a focus rule's
// finding). Within each agent the replies with the largest u^(1/w) are taken
// (Efraimidis & Spirakis' weighted sampling without replacement: with equal
// weights, a simple random sample). Quotas: N per agent (all of an agent
// with fewer), or ceil(share · replies) per agent.
//
// The inputs are read twice: once to score every reply and choose, once to
// fetch the chosen conversations (only those are analysed again). Standard
// input is first copied to a temporary file for that.
//
// Thread-safety: DrawSample is a pure function of its inputs.
#ifndef REPLYLINT_SAMPLE_SAMPLE_H_
#define REPLYLINT_SAMPLE_SAMPLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "replylint/engine.h"
#include "replylint/status.h"
#include "score/filter.h"

namespace replylint {

struct IngestOptions;

struct SampleOptions {
  size_t per_agent = 0;  // replies per agent; or
  double share = 0;      // this share of each agent's replies (0 < share <= 1)
  uint64_t seed = 1;
  const IngestOptions* ingest = nullptr;  // input formats besides JSONL (ingest/source.h); null: JSONL only
  bool low_scores = false;                // weight w = 1 + boost · (100 - score) / 100
  std::vector<std::string> focus;         // a finding of one of these rules: w *= 1 + boost
  double boost = 4;
  bool redact = false;
  std::string redact_key;  // empty: random per run  // mask names, e-mail addresses and phones (redact/redact.h)
  // Which replies may be drawn (--since, --agent, ...); the others are
  // counted in SampleResult::filtered. Null: all.
  const ReplyFilter* filter = nullptr;
};

struct SampledReply {
  Conversation conversation;  // the whole conversation, for the reviewer's context
  MessageResult result;
  double weight = 1;          // the sampling weight w
  std::string customer_name;  // as ConversationResult::customer_name
};

struct SampleStratum {
  std::string agent;
  size_t population = 0;  // analysed replies of the agent
  size_t sampled = 0;
  double effective = 0;  // Kish's effective size of the sample (== sampled when unweighted)
  double margin = 0;     // 95% margin of error of a share, as a share (MarginOfError95)
};

struct SampleResult {
  std::vector<SampledReply> replies;  // by agent, then input order
  std::vector<SampleStratum> strata;  // by agent
  size_t population = 0;
  size_t sampled = 0;
  double margin = 0;  // of the whole population's share (StratifiedMarginOfError95)
  bool weighted = false;
  size_t failing_replies = 0;  // among the replies the filter keeps, at or above `fail_level`
  size_t filtered = 0;         // analysed replies left out by SampleOptions::filter
  PipelineStats stats;
  // An input that could not be opened or read (the others were sampled).
  Status error;
};

// Draws the sample. Rejected input lines go to `rejected` (its OnRejected);
// an input that cannot be read is SampleResult::error, the others are
// sampled. An error status: standard input could not be copied, or a file
// changed between the two reads. REQUIRES: exactly one of per_agent and
// share is set.
StatusOr<SampleResult> DrawSample(const Engine& engine, const std::vector<std::string>& files, unsigned jobs,
                                  const SampleOptions& options, Severity fail_level, ResultSink* rejected);

// The uniform number in (0, 1) a reply gets; exposed for tests.
double SampleUniform(uint64_t seed, const std::string& conversation, size_t message);

}  // namespace replylint

#endif  // REPLYLINT_SAMPLE_SAMPLE_H_
