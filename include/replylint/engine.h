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

#include <atomic>
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
  std::string other_lang;         // skipped: the language it is in ("de", "uk"), when told
  std::vector<Finding> findings;  // sorted by FindingLess; spans in the original text
  int score = 100;
  int stars = 5;
  bool critical = false;
};

struct ConversationResult {
  std::vector<MessageResult> replies;  // one per agent message, in order
};

// Per-thread state: ICU iterators and other costly objects, made once.
class Worker {
 public:
  Worker();
  ~Worker();
  Segmenter& segmenter() { return *segmenter_; }

 private:
  std::unique_ptr<Segmenter> segmenter_;
};

class Engine {
 public:
  static StatusOr<std::unique_ptr<Engine>> Create(const EngineOptions& options);
  // From rules already loaded (LoadRuleSet, ApplyConfig: configurations built
  // in memory); `rules_dir` as in EngineOptions, for the scorecard.
  static StatusOr<std::unique_ptr<Engine>> Create(RuleSet rules, const std::string& rules_dir);
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
  // Something about an accepted line the user should know (invalid UTF-8
  // repaired, a duplicate conversation id); it names the file and line and
  // comes before the line's OnConversation().
  virtual void OnWarning(const std::string& warning) { (void)warning; }
  // An input file that could not be opened or read to its end; the run goes
  // on with the next file. `error` names the file.
  virtual void OnFileError(const std::string& error) { (void)error; }
};

// What a run read and what became of it. The counts are kept apart so that a
// summary can prove nothing was lost: every line read was analysed or
// rejected (lines_read == conversations + rejected), and the engine returned
// a result for every agent message read.
struct PipelineStats {
  size_t lines_read = 0;      // non-blank lines taken from the input
  size_t conversations = 0;   // lines analysed
  size_t rejected = 0;        // lines rejected, each reported
  size_t agent_messages = 0;  // agent messages in the conversations read
  size_t repaired = 0;        // analysed lines that needed a repair (reported)
  size_t duplicate_ids = 0;   // conversations whose id came earlier in the run (reported; all are analysed)
  size_t files = 0;           // input files opened
  size_t files_failed = 0;    // input files that could not be opened or read to their end
  // Stopped early by PipelineOptions::stop: the batch in flight was finished,
  // nothing after it was read.
  bool interrupted = false;
  size_t lines_not_read = 0;  // when interrupted: non-blank lines left in the files
  // When interrupted: inputs left unread that are streams (standard input, a
  // pipe), whose rest cannot be counted without waiting for it.
  std::vector<std::string> streams_not_read;
};

struct PipelineOptions {
  unsigned jobs = 1;  // worker threads
  size_t max_line_bytes = kDefaultMaxLineBytes;
  // When set (from a signal handler, say), the pipeline stops reading input.
  const std::atomic<bool>* stop = nullptr;
};

// Streams every file ("-" = standard input) through the engine. A file that
// cannot be opened or read goes to the sink as it happens, and the first is
// returned as the error after processing the rest; per-line problems go to
// the sink too.
Status RunPipeline(const Engine& engine, const std::vector<std::string>& files, const PipelineOptions& options,
                   ResultSink* sink, PipelineStats* stats);
Status RunPipeline(const Engine& engine, const std::vector<std::string>& files, unsigned jobs, ResultSink* sink,
                   PipelineStats* stats);

}  // namespace replylint

#endif  // REPLYLINT_ENGINE_H_
