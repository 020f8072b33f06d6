// replylint's engine: build once from the configuration, analyse many
// conversations.
//
// Usage:
//   EngineOptions opts;                      // built-in rules, replylint.yaml found up the tree
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
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"

namespace replylint {

struct RuleSet;
struct RuleSpec;
struct Scorecard;
class ReplyScorer;
class Check;
class CheckScratch;
class AddressFinder;
class StockPhraseIndex;
class TemplateIndex;
class CrossRun;
class Segmenter;

struct EngineOptions {
  std::string rules_dir;    // empty: the rules built into the binary
  std::string config_path;  // empty: found from `inputs` up the tree (FindConfig in rules/rule_spec.h)
  bool config_explicit = false;
  std::vector<std::string> inputs;  // the files and folders the run reads
  // Template files or folders (--templates), added to the configuration's
  // `templates:` library.
  std::vector<std::string> template_paths;
  // The text about to be analysed, when known (`check`'s draft): rules start
  // loading what it needs (spelling: the dictionaries of its scripts) while
  // the engine is built. Changes no result, only how soon it comes.
  std::string_view sample_text;
};

// How long the customer waited for an agent reply (the response-time rule's
// measurement), counted in the team's business hours.
struct ResponseTime {
  enum class State : uint8_t {
    kTimed,      // both times known and in order
    kNoTime,     // the reply or the message it answers has no usable `at`
    kBackwards,  // the reply's `at` is earlier than the message it answers
  };
  State state = State::kTimed;
  bool first = true;          // the conversation's first reply; else a next reply
  bool zone_assumed = false;  // a time without a zone offset was read in the team's zone
  size_t answers = 0;         // index of the customer message the clock started at
  int64_t seconds = 0;        // kTimed: working seconds waited
  int64_t target = 0;         // seconds allowed on the channel
  bool late() const { return state == State::kTimed && seconds > target; }
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
  size_t suppressed = 0;  // findings dropped by the message's `ignore`
  size_t baselined = 0;   // findings dropped as accepted by a baseline (audit --baseline)
  // Internal: what each cross-conversation check took of the reply (see
  // CrossAnalysis), by check; empty when there is nothing to compare.
  std::vector<std::vector<uint32_t>> fingerprints;
  // Points lost to each rule, sorted by rule id; they add up to 100 - score.
  std::vector<std::pair<std::string, double>> costs;
  // Set when the response-time rule is on, the channel has a target and the
  // message answers a customer message (also for a reply not analysed for
  // its language: a wait does not depend on it).
  std::optional<ResponseTime> response;
};

struct ConversationResult {
  std::vector<MessageResult> replies;  // one per agent message, in order
  // The customer's own form of their given name, from customer.name or their
  // text («Меня зовут Саша»); empty when unknown. Redaction masks it.
  std::string customer_name;
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

class Engine;

// The cross-conversation part of one run (audit, eval): fed every result in
// input order, on one thread, it lets checks compare replies across
// conversations (one agent sending the same text to different customers)
// and rescores a reply that gains a finding. Memory is bounded by the checks.
class CrossAnalysis {
 public:
  explicit CrossAnalysis(const Engine& engine);
  ~CrossAnalysis();
  void Add(const Conversation& conversation, ConversationResult* result);

 private:
  const Engine& engine_;
  std::vector<std::unique_ptr<CrossRun>> runs_;  // one per cross check, in the engine's order
};

class Engine {
 public:
  static StatusOr<std::unique_ptr<Engine>> Create(const EngineOptions& options);
  // From rules already loaded (LoadRuleSet, ApplyConfig: configurations built
  // in memory); `rules_dir` and `template_paths` as in EngineOptions.
  static StatusOr<std::unique_ptr<Engine>> Create(RuleSet rules, const std::string& rules_dir,
                                                  const std::vector<std::string>& template_paths = {},
                                                  std::string_view sample_text = {});
  ~Engine();

  std::unique_ptr<Worker> NewWorker() const { return std::make_unique<Worker>(); }
  ConversationResult Analyze(const Conversation& conversation, Worker* worker) const;

  std::unique_ptr<CrossAnalysis> StartCrossAnalysis() const { return std::make_unique<CrossAnalysis>(*this); }

  const RuleSet& rules() const { return *rules_; }
  const Scorecard& scorecard() const { return *scorecard_; }
  Severity fail_level() const;
  // Sorts a reply's findings and scores it (again, after findings were
  // added or taken away).
  void Score(Channel channel, MessageResult* r) const;

 private:
  friend class CrossAnalysis;
  Engine() = default;
  Status LoadTemplates(const std::vector<std::string>& paths);
  std::unique_ptr<RuleSet> rules_;
  std::unique_ptr<Scorecard> scorecard_;
  std::unique_ptr<ReplyScorer> scorer_;  // of scorecard_ and rules_
  std::unique_ptr<AddressFinder> address_;
  std::unique_ptr<StockPhraseIndex> stock_;
  std::unique_ptr<TemplateIndex> templates_;      // null: no library configured
  std::vector<std::unique_ptr<Check>> checks_;    // enabled rules, sorted by id
  std::vector<std::unique_ptr<Check>> measures_;  // rules switched off that still measure (response-time)
  std::vector<const Check*> cross_;               // the checks of checks_ with a cross-conversation part
};

struct PipelineStats;

// Receives pipeline results in input order, on the calling thread.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void OnConversation(const Conversation& conversation, const ConversationResult& result) = 0;
  // A rejected input line: `error` already names the file and line.
  virtual void OnRejected(const std::string& source, size_t line, const std::string& error) = 0;
  // After each batch, with the counts so far (for a progress display).
  virtual void OnProgress(const PipelineStats& so_far) { (void)so_far; }
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
  uint64_t bytes_read = 0;    // input bytes consumed so far
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

struct IngestOptions;

struct PipelineOptions {
  unsigned jobs = 1;  // worker threads
  size_t max_line_bytes = kDefaultMaxLineBytes;
  // Input formats other than JSONL (ingest/source.h): null reads every file
  // as JSONL; else each file in its --input-format, or the format told from
  // its name and content. A converted file's records (conversations built,
  // input records rejected) count as lines.
  const IngestOptions* ingest = nullptr;
  // When set (from a signal handler, say), the pipeline stops reading input.
  const std::atomic<bool>* stop = nullptr;
  // Readable once *stop is set (a pipe the handler writes to): a read of a
  // pipe or terminal waits on it with the input, since the signal may reach
  // another thread, or come just before the read, and then interrupts
  // nothing. -1: none.
  int stop_fd = -1;
  // How warnings and rejections show ids and other input values (model.h);
  // --redact passes the keyed hash of its reports.
  ShowValue show_value;
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
