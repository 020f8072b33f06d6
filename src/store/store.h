// The history store: audited replies kept in one SQLite file (`audit --db`),
// so that `replylint report` can build every aggregate again — over months,
// per agent and team, from shards audited on other machines — without
// analysing any text a second time.
//
// What is stored is what the reports were given: each conversation (its
// messages and where it was read), each reply's result (score, stars,
// costs, response time, findings with their spans and messages), the repair
// warnings that came with it, and the run's rejected lines and file errors.
// A conversation's id is its key: importing it again, in a later run or
// later in the same one, replaces its records. Rejected lines and file
// errors belong to the file they came from and are replaced when that file
// is read again.
//
// Durability: WAL; each pipeline batch is one transaction, so a crash or a
// full disk mid-import loses at most the batch in flight and leaves every
// earlier batch whole; a run that did not finish stays marked unfinished.
// The schema is versioned (docs/history.md): a file from a newer, incompatible
// version is refused, an older one is migrated in one transaction.
//
// Thread-safety: NOT thread-safe; one Store per thread (the pipeline's
// calling thread writes; `report` reads).
#ifndef REPLYLINT_STORE_STORE_H_
#define REPLYLINT_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "replylint/engine.h"
#include "replylint/status.h"
#include "score/calibration.h"

struct sqlite3;

namespace replylint {

// The schema this binary writes, and the oldest schema that can still read
// what it writes (an older binary opens a file whose compatible version it
// reaches).
inline constexpr int kStoreVersion = 3;
inline constexpr int kStoreCompatibleVersion = 1;

// How a run's reports were configured, kept with the run so that `report`
// grades the same way without the configuration.
struct StoredSettings {
  Severity fail_level = Severity::kError;
  int good_stars = 5;
  std::vector<std::pair<int, int>> star_thresholds;  // (stars, lowest score)
  std::vector<std::string> rules;                    // the rule ids the run had
};

struct StoredRun {
  int64_t id = 0;
  std::string started, finished;  // RFC 3339, UTC; finished empty: did not finish
  bool interrupted = false;       // stopped by a signal
  std::vector<std::string> inputs;
  StoredSettings settings;
  size_t conversations = 0;  // of its conversations still stored (later runs may have replaced some)
};

// What a replay hands over, in the order the run met it.
struct StoredEvent {
  enum class Kind { kRejected, kWarning, kFileError };
  Kind kind = Kind::kRejected;
  std::string source;  // the input file; empty for a file error that names none of the run's files
  size_t line = 0;
  std::string text;  // the message, as the run reported it
};

class Store {
 public:
  enum class Mode { kWrite, kRead };
  // Opens (kWrite: creates) the store at `path` and brings its schema up to
  // date. Refuses a file that is not a store, one from a newer incompatible
  // version, and (kWrite) one that cannot be written.
  // `busy_ms`: how long to wait for another process's write to end.
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path, Mode mode, int busy_ms = 10000);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  // The schema version of the file (after any migration).
  int version() const { return version_; }

  // ---- writing: BeginRun, then Put*/Commit per batch, then FinishRun ----
  // `files`: the input files the run reads (their earlier rejections go).
  Status BeginRun(const std::vector<std::string>& inputs, const std::vector<std::string>& files,
                  const StoredSettings& settings);
  // `warnings`: what the run reported about the line before it (repairs).
  Status PutConversation(const Conversation& c, const ConversationResult& r, const std::vector<std::string>& warnings);
  Status PutEvent(const StoredEvent& e);
  // Makes what was put since the last commit durable (one transaction).
  Status Commit();
  Status FinishRun(bool interrupted);
  // The conversations the run being written holds: one per id, so a
  // conversation whose id comes again is counted once. Durable: those of
  // the batches already committed.
  size_t RunConversations() const { return held_; }
  size_t DurableRunConversations() const { return committed_held_; }

  // Reviewed sample rows (calibrate --db), in one transaction; a row of the
  // same reviewer, conversation and message replaces the stored one.
  Status PutReviews(const std::vector<ReviewedReply>& reviews);
  // Every stored review, oldest first.
  StatusOr<std::vector<ReviewedReply>> Reviews() const;

  // ---- reading ----
  std::vector<StoredRun> Runs() const;
  struct Visitor {
    std::function<void(const Conversation&, const ConversationResult&, const std::vector<std::string>& warnings)>
        conversation;
    std::function<void(const StoredEvent&)> event;
  };
  // Every stored conversation and event, in the order of the runs that
  // stored them and, within a run, the order they were met.
  Status Replay(const Visitor& visitor) const;

  // For tests: the SQL that creates the schema from nothing, and the
  // schema as SQLite describes it (to compare a migrated file with a new one).
  static std::string SchemaSql(int version);
  std::string DescribeSchema() const;

 private:
  struct Statements;
  Store(sqlite3* db, std::string path);
  Status Exec(const char* sql);
  Status Error(const std::string& what) const;  // what failed + SQLite's message
  Status Migrate(Mode mode);

  sqlite3* db_;
  std::string path_;
  int version_ = 0;
  std::unique_ptr<Statements> st_;
  int64_t run_ = 0;  // the run being written
  int64_t seq_ = 0;  // order within it
  size_t held_ = 0;  // see RunConversations
  size_t committed_held_ = 0;
  bool in_tx_ = false;
};

}  // namespace replylint

#endif  // REPLYLINT_STORE_STORE_H_
