// replylint's engine: build once from the configuration, analyse many
// conversations.
//
// Usage:
//   EngineOptions opts;                      // built-in rules, ./replylint.yaml
//   auto engine = Engine::Create(opts);      // loads, validates, compiles rules
//   if (!engine.ok()) { report engine.status().message(); exit 2; }
//   auto worker = (*engine)->NewWorker();    // one per thread
//   ConversationResult r = (*engine)->Analyze(conversation, worker.get());
//
// or stream JSONL files through RunPipeline(), which parses and analyses on
// `jobs` threads and hands results to a ResultSink in input order.
//
// Thread-safety: an Engine is immutable after Create(); Analyze() is const and
// may run on many threads at once, each with its own Worker.
#ifndef REPLYLINT_ENGINE_H_
#define REPLYLINT_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"

namespace replylint {

struct RuleSet;
struct RuleSpec;
struct Scorecard;
class Check;
class CheckScratch;
class AddressFinder;
class Segmenter;

struct EngineOptions {
  std::string rules_dir;    // empty: the rules built into the binary
  std::string config_path;  // empty: ./replylint.yaml when present
  bool config_explicit = false;
};

struct MessageResult {
  size_t message = 0;  // index into Conversation::messages
  Lang lang = Lang::kUnknown;
  bool analysed = true;           // false: skipped (language neither ru nor en)
  std::vector<Finding> findings;  // sorted by FindingLess; spans in the original text
  int score = 100;
  int stars = 5;
  bool critical = false;
};

struct ConversationResult {
  std::vector<MessageResult> replies;  // one per agent message, in order
};

// Per-thread state: ICU iterators, and each check's own scratch object
// (Hunspell handles, caches: see Check::NewScratch()), made lazily the first
// time the check runs in this worker and kept for the worker's life.
// A Worker serves one Engine (its scratch slots follow that engine's checks).
// Thread-safety: NOT thread-safe; one per thread.
class Worker {
 public:
  Worker();
  ~Worker();
  Segmenter& segmenter() { return *segmenter_; }
  // The scratch of the engine's check number `index`, made on first use.
  CheckScratch* Scratch(size_t index, const Check& check);

 private:
  std::unique_ptr<Segmenter> segmenter_;
  std::vector<std::unique_ptr<CheckScratch>> scratch_;
  std::vector<bool> made_;  // NewScratch() was called for the slot
};

class Engine {
 public:
  static StatusOr<std::unique_ptr<Engine>> Create(const EngineOptions& options);
  ~Engine();

  std::unique_ptr<Worker> NewWorker() const { return std::make_unique<Worker>(); }
  ConversationResult Analyze(const Conversation& conversation, Worker* worker) const;

  const RuleSet& rules() const { return *rules_; }
  const Scorecard& scorecard() const { return *scorecard_; }
  Severity fail_level() const;

 private:
  Engine() = default;
  std::unique_ptr<RuleSet> rules_;
  std::unique_ptr<Scorecard> scorecard_;
  std::unique_ptr<AddressFinder> address_;
  std::vector<std::unique_ptr<Check>> checks_;  // enabled rules, sorted by id
};

// Receives pipeline results in input order, on the calling thread.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void OnConversation(const Conversation& conversation, const ConversationResult& result) = 0;
  // A rejected input line: `error` already names the file and line.
  virtual void OnRejected(const std::string& source, size_t line, const std::string& error) = 0;
};

struct PipelineStats {
  size_t lines_read = 0;     // non-blank lines
  size_t conversations = 0;  // analysed
  size_t rejected = 0;       // lines rejected
  size_t agent_messages = 0;
};

// Streams every file ("-" = standard input) through the engine on `jobs`
// threads. Returns the first file that could not be opened or read as an
// error after processing the rest; per-line problems go to the sink.
Status RunPipeline(const Engine& engine, const std::vector<std::string>& files, unsigned jobs, ResultSink* sink,
                   PipelineStats* stats);

}  // namespace replylint

#endif  // REPLYLINT_ENGINE_H_
