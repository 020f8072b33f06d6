#include "store/store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "score/calibration.h"
#include "store/records.h"

namespace replylint {
namespace {

// Version 1: runs, conversations, replies, findings, events.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  interrupted INTEGER NOT NULL DEFAULT 0,
  inputs TEXT NOT NULL,
  settings TEXT NOT NULL);
CREATE TABLE conversations(
  id TEXT PRIMARY KEY,
  run INTEGER NOT NULL REFERENCES runs(id),
  seq INTEGER NOT NULL,
  source TEXT NOT NULL,
  line INTEGER NOT NULL,
  channel TEXT NOT NULL,
  team TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  warnings TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX conversations_order ON conversations(run, seq);
CREATE TABLE replies(
  conversation TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message INTEGER NOT NULL,
  agent TEXT NOT NULL,
  team TEXT NOT NULL,
  channel TEXT NOT NULL,
  at TEXT NOT NULL,
  lang TEXT NOT NULL,
  analysed INTEGER NOT NULL,
  other_lang TEXT NOT NULL,
  score INTEGER NOT NULL,
  stars INTEGER NOT NULL,
  critical INTEGER NOT NULL,
  suppressed INTEGER NOT NULL,
  baselined INTEGER NOT NULL,
  costs TEXT NOT NULL,
  response TEXT NOT NULL,
  PRIMARY KEY(conversation, message)) WITHOUT ROWID;
CREATE INDEX replies_agent ON replies(agent);
CREATE TABLE findings(
  conversation TEXT NOT NULL,
  message INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  field TEXT NOT NULL,
  text TEXT NOT NULL,
  message_text TEXT NOT NULL,
  suggestion TEXT NOT NULL,
  fix TEXT,
  conversations TEXT NOT NULL,
  PRIMARY KEY(conversation, message, ord),
  FOREIGN KEY(conversation, message) REFERENCES replies(conversation, message) ON DELETE CASCADE) WITHOUT ROWID;
CREATE TABLE events(
  run INTEGER NOT NULL REFERENCES runs(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  line INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY(run, seq)) WITHOUT ROWID;
CREATE INDEX events_source ON events(source);
)sql";

// Version 2: replies carry their time as seconds since the epoch (SQLite's
// own reading of `at`; NULL when it has none or SQLite cannot read it), and
// findings are indexed by rule, for questions asked in SQL over months.
constexpr const char* kMigrateV2 = R"sql(
ALTER TABLE replies ADD COLUMN at_unix INTEGER;
UPDATE replies SET at_unix = unixepoch(NULLIF(at, ''));
CREATE INDEX replies_at ON replies(at_unix);
CREATE INDEX findings_rule ON findings(rule);
)sql";

// Version 3: reviewed sample rows (`calibrate --db`), one per reviewer and
// reply, so calibration accumulates over review rounds.
constexpr const char* kMigrateV3 = R"sql(
CREATE TABLE reviews(
  reviewer TEXT NOT NULL,
  conversation TEXT NOT NULL,
  message TEXT NOT NULL,
  source TEXT NOT NULL,
  stored TEXT NOT NULL,
  tool_score REAL NOT NULL,
  review_score REAL,
  rules TEXT NOT NULL,
  verdicts TEXT NOT NULL,
  UNIQUE(reviewer, conversation, message));
)sql";

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const char* KindName(StoredEvent::Kind k) {
  switch (k) {
    case StoredEvent::Kind::kRejected:
      return "rejected";
    case StoredEvent::Kind::kWarning:
      return "warning";
    case StoredEvent::Kind::kFileError:
      return "file-error";
  }
  return "";
}

std::optional<StoredEvent::Kind> ParseKind(std::string_view s) {
  for (auto k : {StoredEvent::Kind::kRejected, StoredEvent::Kind::kWarning, StoredEvent::Kind::kFileError}) {
    if (s == KindName(k)) return k;
  }
  return std::nullopt;
}

// A prepared statement, finalized with it; bind by 1-based position.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return s_ != nullptr; }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // One step: SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }
  // Runs a statement that returns no rows and makes it ready again.
  int Run() {
    const int rc = sqlite3_step(s_);
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    return rc == SQLITE_ROW ? SQLITE_DONE : rc;
  }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  sqlite3_stmt* get() const { return s_; }
  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  bool Null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col))) : std::string();
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

}  // namespace

// The statements an import runs for every conversation, prepared once.
struct Store::Statements {
  explicit Statements(sqlite3* db)
      : drop_conversation(db, "DELETE FROM conversations WHERE id = ?1 RETURNING run"),
        put_conversation(db,
                         "INSERT INTO conversations(id, run, seq, source, line, channel, team, customer_name, "
                         "warnings, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        put_reply(db,
                  "INSERT INTO replies(conversation, message, agent, team, channel, at, lang, analysed, other_lang, "
                  "score, stars, critical, suppressed, baselined, costs, response, at_unix) VALUES (?1, ?2, ?3, ?4, "
                  "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, unixepoch(NULLIF(?6, '')))"),
        put_finding(db,
                    "INSERT INTO findings(conversation, message, ord, rule, severity, start, \"end\", field, text, "
                    "message_text, suggestion, fix, conversations) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                    "?11, ?12, ?13)"),
        put_event(db, "INSERT INTO events(run, seq, kind, source, line, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)") {}
  bool ok() const {
    return drop_conversation.ok() && put_conversation.ok() && put_reply.ok() && put_finding.ok() && put_event.ok();
  }
  Stmt drop_conversation, put_conversation, put_reply, put_finding, put_event;
};

Store::Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

Store::~Store() {
  if (in_tx_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  st_.reset();
  sqlite3_close_v2(db_);
}

Status Store::Error(const std::string& what) const {
  const int code = sqlite3_extended_errcode(db_);
  std::string why = sqlite3_errmsg(db_);
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    why += " (another process is writing to it; try again when it has finished)";
  if ((code & 0xff) == SQLITE_FULL) why += " (free some space and run again)";
  if ((code & 0xff) == SQLITE_IOERR) why += " (the disk may be full, or the file over a size limit)";
  if ((code & 0xff) == SQLITE_READONLY) why += " (the file or its folder cannot be written)";
  return Status::IoError(path_ + ": " + what + ": " + why);
}

Status Store::Exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return Error("cannot update the history");
  return Status::Ok();
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path, Mode mode, int busy_ms) {
  if (mode == Mode::kRead && ::access(path.c_str(), F_OK) != 0)
    return Status::NotFound(path + ": no such history (write one with audit --db)");
  sqlite3* db = nullptr;
  const int flags = mode == Mode::kWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Store> store(new Store(db, path));
  if (rc != SQLITE_OK) {
    if (db == nullptr) return Status::IoError(path + ": cannot open the history: out of memory");
    return store->Error(mode == Mode::kWrite ? "cannot open or create the history" : "cannot open the history");
  }
  sqlite3_extended_result_codes(db, 1);
  // Another process's import holds the write lock for one batch at a time.
  sqlite3_busy_timeout(db, busy_ms);
  if (Status st = store->Migrate(mode); !st.ok()) return st;
  if (mode == Mode::kWrite) {
    store->st_ = std::make_unique<Statements>(db);
    if (!store->st_->ok()) return store->Error("cannot prepare the history's statements");
  }
  return store;
}

std::string Store::SchemaSql(int version) {
  std::string sql = kSchemaV1;
  if (version >= 2) sql += kMigrateV2;
  if (version >= 3) sql += kMigrateV3;
  return sql;
}

Status Store::Migrate(Mode mode) {
  // Reading the header also tells a file that is not SQLite at all.
  Stmt probe(db_, "SELECT count(*) FROM sqlite_schema");
  if (!probe.ok() || probe.Step() != SQLITE_ROW) return Error("not a replylint history (an SQLite file is expected)");
  const bool empty = probe.Int(0) == 0;
  probe.Reset();
  if (empty) {
    if (mode == Mode::kRead)
      return Status::InvalidArgument(path_ + ": the history is empty (write it with audit --db)");
  } else {
    Stmt meta(db_, "SELECT value FROM meta WHERE key = ?1");
    if (!meta.ok()) return Status::InvalidArgument(path_ + ": an SQLite file, but not a replylint history");
    auto read = [&](const char* key) -> int {
      meta.Reset();
      meta.Bind(1, key);
      return meta.Step() == SQLITE_ROW ? static_cast<int>(meta.Int(0)) : 0;
    };
    version_ = read("version");
    const int compatible = read("last_compatible_version");
    if (version_ < 1) return Status::InvalidArgument(path_ + ": an SQLite file, but not a replylint history");
    if (compatible > kStoreVersion) {
      return Status::InvalidArgument(path_ + ": the history was written by a newer replylint (schema " +
                                     std::to_string(version_) + ", this one reads up to " +
                                     std::to_string(kStoreVersion) + "); upgrade replylint to read it");
    }
    if (version_ >= kStoreVersion) return Status::Ok();
    if (mode == Mode::kRead) return Status::Ok();  // older, additive: readable as it is
  }
  // Create or migrate in one transaction: a failure leaves the file as it was.
  if (sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK)
    return Error("cannot open the history for writing");
  if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  auto fail = [&](const std::string& what) {
    Status st = Error(what);
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  };
  if (empty) {
    if (sqlite3_exec(db_, SchemaSql(kStoreVersion).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      return fail("cannot create the history");
  } else {
    // Each step from the file's version up, as the file was left by it.
    const char* steps[] = {kMigrateV2, kMigrateV3};
    for (int v = version_ + 1; v <= kStoreVersion; ++v) {
      if (sqlite3_exec(db_, steps[v - 2], nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot bring the history to schema " + std::to_string(v));
    }
  }
  Stmt set(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
  if (!set.ok() || set.Bind(1, "version").Bind(2, std::to_string(kStoreVersion)).Run() != SQLITE_DONE ||
      set.Bind(1, "last_compatible_version").Bind(2, std::to_string(kStoreCompatibleVersion)).Run() != SQLITE_DONE) {
    return fail("cannot record the history's schema version");
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot create the history");
  version_ = kStoreVersion;
  return Status::Ok();
}

Status Store::BeginRun(const std::vector<std::string>& inputs, const std::vector<std::string>& files,
                       const StoredSettings& settings) {
  if (sqlite3_exec(db_, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr) != SQLITE_OK)
    return Error("cannot open the history for writing");
  if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  in_tx_ = true;
  Stmt run(db_, "INSERT INTO runs(started, inputs, settings) VALUES (?1, ?2, ?3)");
  if (!run.ok() ||
      run.Bind(1, NowUtc()).Bind(2, EncodeStrings(inputs)).Bind(3, EncodeSettings(settings)).Run() != SQLITE_DONE)
    return Error("cannot record the run");
  run_ = sqlite3_last_insert_rowid(db_);
  seq_ = 0;
  held_ = committed_held_ = 0;
  // What an earlier run reported about these files is replaced by this run's.
  Stmt drop(db_, "DELETE FROM events WHERE source = ?1");
  if (!drop.ok()) return Error("cannot record the run");
  for (const std::string& f : files) {
    if (drop.Bind(1, f).Run() != SQLITE_DONE) return Error("cannot record the run");
  }
  return Commit();
}

Status Store::PutConversation(const Conversation& c, const ConversationResult& r,
                              const std::vector<std::string>& warnings) {
  if (!in_tx_) {
    if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
    in_tx_ = true;
  }
  Statements& s = *st_;
  // A conversation of the same id is replaced, wherever it was stored; one
  // this run stored earlier leaves the run one conversation fewer.
  int rc = s.drop_conversation.Bind(1, c.id).Step();
  for (; rc == SQLITE_ROW; rc = s.drop_conversation.Step()) {
    if (s.drop_conversation.Int(0) == run_) --held_;
  }
  s.drop_conversation.Reset();
  if (rc != SQLITE_DONE) return Error("cannot replace a conversation");
  if (s.put_conversation.Bind(1, c.id)
          .Bind(2, run_)
          .Bind(3, ++seq_)
          .Bind(4, c.source)
          .Bind(5, static_cast<int64_t>(c.line))
          .Bind(6, ChannelName(c.channel))
          .Bind(7, c.team)
          .Bind(8, r.customer_name)
          .Bind(9, EncodeStrings(warnings))
          .Bind(10, EncodeConversation(c))
          .Run() != SQLITE_DONE)
    return Error("cannot store a conversation");
  ++held_;
  for (const MessageResult& m : r.replies) {
    const Message& msg = c.messages[m.message];
    if (s.put_reply.Bind(1, c.id)
            .Bind(2, static_cast<int64_t>(m.message))
            .Bind(3, msg.AgentKey())
            .Bind(4, c.team)
            .Bind(5, ChannelName(c.channel))
            .Bind(6, msg.at)
            .Bind(7, LangName(m.lang))
            .Bind(8, int64_t{m.analysed})
            .Bind(9, m.other_lang)
            .Bind(10, int64_t{m.score})
            .Bind(11, int64_t{m.stars})
            .Bind(12, int64_t{m.critical})
            .Bind(13, static_cast<int64_t>(m.suppressed))
            .Bind(14, static_cast<int64_t>(m.baselined))
            .Bind(15, EncodeCosts(m.costs))
            .Bind(16, EncodeResponse(m.response))
            .Run() != SQLITE_DONE)
      return Error("cannot store a reply");
    int64_t ord = 0;
    for (const Finding& f : m.findings) {
      s.put_finding.Bind(1, c.id)
          .Bind(2, static_cast<int64_t>(m.message))
          .Bind(3, ord++)
          .Bind(4, f.rule)
          .Bind(5, SeverityName(f.severity))
          .Bind(6, static_cast<int64_t>(f.start))
          .Bind(7, static_cast<int64_t>(f.end))
          .Bind(8, f.field)
          .Bind(9, f.text)
          .Bind(10, f.message_text)
          .Bind(11, f.suggestion)
          .Bind(13, EncodeStrings(f.conversations));
      if (f.fix) s.put_finding.Bind(12, *f.fix);
      if (s.put_finding.Run() != SQLITE_DONE) return Error("cannot store a finding");
    }
  }
  return Status::Ok();
}

Status Store::PutEvent(const StoredEvent& e) {
  if (!in_tx_) {
    if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
    in_tx_ = true;
  }
  if (st_->put_event.Bind(1, run_)
          .Bind(2, ++seq_)
          .Bind(3, KindName(e.kind))
          .Bind(4, e.source)
          .Bind(5, static_cast<int64_t>(e.line))
          .Bind(6, e.text)
          .Run() != SQLITE_DONE)
    return Error("cannot store a rejected line");
  return Status::Ok();
}

Status Store::Commit() {
  if (!in_tx_) return Status::Ok();
  in_tx_ = false;
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status st = Error("cannot store a batch");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  }
  committed_held_ = held_;
  return Status::Ok();
}

Status Store::FinishRun(bool interrupted) {
  if (Status st = Commit(); !st.ok()) return st;
  Stmt done(db_, "UPDATE runs SET finished = ?1, interrupted = ?2 WHERE id = ?3");
  if (!done.ok() || done.Bind(1, NowUtc()).Bind(2, int64_t{interrupted}).Bind(3, run_).Run() != SQLITE_DONE)
    return Error("cannot record the end of the run");
  return Status::Ok();
}

std::vector<StoredRun> Store::Runs() const {
  std::vector<StoredRun> out;
  Stmt q(db_,
         "SELECT r.id, r.started, r.finished, r.interrupted, r.inputs, r.settings, "
         "(SELECT count(*) FROM conversations c WHERE c.run = r.id) FROM runs r ORDER BY r.id");
  while (q.ok() && q.Step() == SQLITE_ROW) {
    StoredRun run;
    run.id = q.Int(0);
    run.started = q.Text(1);
    run.finished = q.Text(2);
    run.interrupted = q.Int(3) != 0;
    if (auto inputs = DecodeStrings(q.Text(4)); inputs.ok()) run.inputs = std::move(*inputs);
    run.settings = DecodeSettings(q.Text(5));
    run.conversations = static_cast<size_t>(q.Int(6));
    out.push_back(std::move(run));
  }
  return out;
}

Status Store::Replay(const Visitor& visitor) const {
  Stmt convs(db_, "SELECT run, seq, warnings, body, customer_name, id FROM conversations ORDER BY run, seq");
  Stmt events(db_, "SELECT run, seq, kind, source, line, text FROM events ORDER BY run, seq");
  Stmt replies(db_,
               "SELECT message, lang, analysed, other_lang, score, stars, critical, suppressed, baselined, costs, "
               "response FROM replies WHERE conversation = ?1 ORDER BY message");
  Stmt findings(db_,
                "SELECT message, rule, severity, start, \"end\", field, text, message_text, suggestion, fix, "
                "conversations FROM findings WHERE conversation = ?1 ORDER BY message, ord");
  if (!convs.ok() || !events.ok() || !replies.ok() || !findings.ok()) return Error("cannot read the history");
  auto damaged = [&](const std::string& id, const Status& st) {
    return Status::InvalidArgument(path_ + ": conversation " + id + ": " + st.message());
  };
  int crc = convs.Step(), erc = events.Step();
  while (crc == SQLITE_ROW || erc == SQLITE_ROW) {
    const bool event_first = erc == SQLITE_ROW && (crc != SQLITE_ROW || std::pair(events.Int(0), events.Int(1)) <
                                                                            std::pair(convs.Int(0), convs.Int(1)));
    if (event_first) {
      StoredEvent e;
      auto kind = ParseKind(events.Text(2));
      if (!kind) return Status::InvalidArgument(path_ + ": an event of unknown kind \"" + events.Text(2) + "\"");
      e.kind = *kind;
      e.source = events.Text(3);
      e.line = static_cast<size_t>(events.Int(4));
      e.text = events.Text(5);
      visitor.event(e);
      erc = events.Step();
      continue;
    }
    const std::string id = convs.Text(5);
    auto warnings = DecodeStrings(convs.Text(2));
    if (!warnings.ok()) return damaged(id, warnings.status());
    auto c = DecodeConversation(convs.Text(3));
    if (!c.ok()) return damaged(id, c.status());
    ConversationResult r;
    r.customer_name = convs.Text(4);
    replies.Bind(1, id);
    while (replies.Step() == SQLITE_ROW) {
      MessageResult m;
      m.message = static_cast<size_t>(replies.Int(0));
      if (m.message >= c->messages.size() || c->messages[m.message].role != Role::kAgent ||
          (!r.replies.empty() && r.replies.back().message >= m.message))
        return damaged(id, Status::InvalidArgument("a reply that is not one of its agent messages"));
      m.lang = ParseLang(replies.Text(1)).value_or(Lang::kUnknown);
      m.analysed = replies.Int(2) != 0;
      m.other_lang = replies.Text(3);
      m.score = static_cast<int>(replies.Int(4));
      m.stars = static_cast<int>(replies.Int(5));
      m.critical = replies.Int(6) != 0;
      m.suppressed = static_cast<size_t>(replies.Int(7));
      m.baselined = static_cast<size_t>(replies.Int(8));
      auto costs = DecodeCosts(replies.Text(9));
      if (!costs.ok()) return damaged(id, costs.status());
      m.costs = std::move(*costs);
      auto response = DecodeResponse(replies.Text(10));
      if (!response.ok()) return damaged(id, response.status());
      if (*response && (*response)->answers >= m.message)
        return damaged(id, Status::InvalidArgument("a response time that answers no earlier message"));
      m.response = *response;
      r.replies.push_back(std::move(m));
    }
    replies.Reset();
    // One result an agent message, as the engine gives them.
    if (r.replies.size() != static_cast<size_t>(std::count_if(c->messages.begin(), c->messages.end(),
                                                              [](const Message& m) { return m.role == Role::kAgent; })))
      return damaged(id, Status::InvalidArgument("its agent messages and stored replies differ in number"));
    findings.Bind(1, id);
    size_t k = 0;  // replies and findings are both in message order
    while (findings.Step() == SQLITE_ROW) {
      Finding f;
      f.message = static_cast<size_t>(findings.Int(0));
      while (k < r.replies.size() && r.replies[k].message < f.message) ++k;
      if (k == r.replies.size() || r.replies[k].message != f.message)
        return damaged(id, Status::InvalidArgument("a finding without its reply"));
      f.rule = findings.Text(1);
      f.severity = ParseSeverity(findings.Text(2)).value_or(Severity::kWarning);
      f.start = static_cast<size_t>(findings.Int(3));
      f.end = static_cast<size_t>(findings.Int(4));
      f.field = findings.Text(5);
      f.text = findings.Text(6);
      f.message_text = findings.Text(7);
      f.suggestion = findings.Text(8);
      if (!findings.Null(9)) f.fix = findings.Text(9);
      auto convs_named = DecodeStrings(findings.Text(10));
      if (!convs_named.ok()) return damaged(id, convs_named.status());
      f.conversations = std::move(*convs_named);
      const size_t text_size = c->messages[f.message].text.size();
      if (f.start > f.end || f.end > text_size)
        return damaged(id, Status::InvalidArgument("a finding's span lies outside its message"));
      r.replies[k].findings.push_back(std::move(f));
    }
    findings.Reset();
    visitor.conversation(*c, r, *warnings);
    crc = convs.Step();
  }
  if ((crc != SQLITE_DONE && crc != SQLITE_ROW) || (erc != SQLITE_DONE && erc != SQLITE_ROW))
    return Error("cannot read the history");
  return Status::Ok();
}

Status Store::PutReviews(const std::vector<ReviewedReply>& reviews) {
  if (Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  in_tx_ = true;
  Stmt put(db_,
           "INSERT INTO reviews(reviewer, conversation, message, source, stored, tool_score, review_score, rules, "
           "verdicts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(reviewer, conversation, message) DO "
           "UPDATE SET source = excluded.source, stored = excluded.stored, tool_score = excluded.tool_score, "
           "review_score = excluded.review_score, rules = excluded.rules, verdicts = excluded.verdicts");
  if (!put.ok()) return Error("cannot store the reviews");
  const std::string now = NowUtc();
  for (const ReviewedReply& r : reviews) {
    std::vector<std::string> verdicts;
    for (Verdict v : r.verdicts)
      verdicts.push_back(v == Verdict::kRight ? "right" : v == Verdict::kWrong ? "wrong" : "?");
    put.Bind(1, r.reviewer)
        .Bind(2, r.conversation)
        .Bind(3, r.message)
        .Bind(4, r.source)
        .Bind(5, now)
        .Bind(8, EncodeStrings(r.rules))
        .Bind(9, EncodeStrings(verdicts));
    sqlite3_bind_double(put.get(), 6, r.tool_score);
    if (r.review_score) sqlite3_bind_double(put.get(), 7, *r.review_score);
    if (put.Run() != SQLITE_DONE) return Error("cannot store the reviews");
  }
  return Commit();
}

StatusOr<std::vector<ReviewedReply>> Store::Reviews() const {
  std::vector<ReviewedReply> out;
  Stmt q(db_,
         "SELECT reviewer, conversation, message, source, tool_score, review_score, rules, verdicts FROM reviews "
         "ORDER BY rowid");
  if (!q.ok()) return Error("cannot read the reviews");
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    ReviewedReply r;
    r.reviewer = q.Text(0);
    r.conversation = q.Text(1);
    r.message = q.Text(2);
    r.source = q.Text(3);
    r.tool_score = sqlite3_column_double(q.get(), 4);
    if (!q.Null(5)) r.review_score = sqlite3_column_double(q.get(), 5);
    auto rules = DecodeStrings(q.Text(6));
    auto verdicts = DecodeStrings(q.Text(7));
    if (!rules.ok() || !verdicts.ok()) return Status::InvalidArgument(path_ + ": a stored review is damaged");
    r.rules = std::move(*rules);
    for (const std::string& v : *verdicts)
      r.verdicts.push_back(v == "right" ? Verdict::kRight : v == "wrong" ? Verdict::kWrong : Verdict::kSkipped);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Error("cannot read the reviews");
  return out;
}

std::string Store::DescribeSchema() const {
  std::string out;
  Stmt q(db_, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  while (q.ok() && q.Step() == SQLITE_ROW) out += q.Text(0) + ' ' + q.Text(1) + ' ' + q.Text(2) + '\n';
  Stmt cols(db_,
            "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_schema m, pragma_table_info(m.name) p "
            "WHERE m.type = 'table' ORDER BY m.name, p.name");
  while (cols.ok() && cols.Step() == SQLITE_ROW)
    out += cols.Text(0) + '.' + cols.Text(1) + ' ' + cols.Text(2) + ' ' + cols.Text(3) + ' ' + cols.Text(4) + '\n';
  return out;
}

}  // namespace replylint
