#include "store/store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "report/report.h"
#include "store/records.h"
#include "test_util.h"

namespace replylint {
namespace {

namespace fs = std::filesystem;

std::string TempDb(const std::string& name) {
  const std::string path =
      (fs::temp_directory_path() / ("replylint-store-" + std::to_string(::getpid()) + "-" + name)).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return path;
}

// Runs SQL on the file directly, as another program would.
void RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

// A conversation with every field the store keeps, and its analysis.
std::pair<Conversation, ConversationResult> Analysed(const std::string& id, const std::string& reply) {
  Conversation c = testing::MakeConversation(Channel::kEmail, "Саша",
                                             {{Role::kCustomer, "Здравствуйте! Где мой заказ?"}, {Role::kAgent, reply}},
                                             "no-reply@shop.example", "Ирина Петрова");
  c.id = id;
  c.team = "L2";
  c.lang = Lang::kRu;
  c.customer.email = "sasha@example.com";
  c.source = "in.jsonl";
  c.line = 7;
  c.messages[1].at = "2026-11-20T09:12:00+03:00";
  c.messages[1].agent_id = "irina";
  c.messages[1].ignore = {"stock-phrase"};
  c.messages[1].expect = std::vector<std::string>{"no-reply-sender"};
  Worker* w = testing::DefaultWorker();
  ConversationResult r = testing::DefaultEngine().Analyze(c, w);
  return {c, r};
}

struct Replayed {
  std::vector<std::pair<Conversation, ConversationResult>> conversations;
  std::vector<std::vector<std::string>> warnings;
  std::vector<StoredEvent> events;
};

Replayed ReplayAll(const Store& s) {
  Replayed out;
  Store::Visitor v;
  v.conversation = [&](const Conversation& c, const ConversationResult& r, const std::vector<std::string>& w) {
    out.conversations.emplace_back(c, r);
    out.warnings.push_back(w);
  };
  v.event = [&](const StoredEvent& e) { out.events.push_back(e); };
  REQUIRE(s.Replay(v).ok());
  return out;
}

TEST_CASE("a stored conversation replays to what the reports were given", "[store]") {
  const std::string path = TempDb("roundtrip.sqlite");
  auto [c, r] = Analysed("T-1", "Уважаемый Александр, заказ у курьера. [ИМЯ] С уважением");
  REQUIRE_FALSE(r.replies.at(0).findings.empty());
  {
    auto s = Store::Open(path, Store::Mode::kWrite);
    REQUIRE(s.ok());
    REQUIRE((*s)->BeginRun({"in.jsonl"}, {"in.jsonl"}, {}).ok());
    REQUIRE((*s)->PutConversation(c, r, {"in.jsonl:7: invalid UTF-8 replaced"}).ok());
    REQUIRE((*s)->FinishRun(false).ok());
  }
  auto s = Store::Open(path, Store::Mode::kRead);
  REQUIRE(s.ok());
  const Replayed got = ReplayAll(**s);
  REQUIRE(got.conversations.size() == 1);
  const auto& [c2, r2] = got.conversations[0];
  CHECK(EncodeConversation(c2) == EncodeConversation(c));
  CHECK(c2.messages[1].expect == c.messages[1].expect);
  REQUIRE(r2.replies.size() == r.replies.size());
  CHECK(r2.customer_name == r.customer_name);
  for (size_t i = 0; i < r.replies.size(); ++i) {
    // The contract's record, costs included, is byte for byte the same.
    CHECK(ReplyRecordJson(c2, r2.replies[i]) == ReplyRecordJson(c, r.replies[i]));
    CHECK(r2.replies[i].costs == r.replies[i].costs);
    CHECK(r2.replies[i].findings.size() == r.replies[i].findings.size());
  }
  CHECK(got.warnings[0] == std::vector<std::string>{"in.jsonl:7: invalid UTF-8 replaced"});
  const auto runs = (*s)->Runs();
  REQUIRE(runs.size() == 1);
  CHECK_FALSE(runs[0].finished.empty());
  CHECK(runs[0].conversations == 1);
}

TEST_CASE("importing a conversation again replaces it, and a file's rejections with it", "[store]") {
  const std::string path = TempDb("replace.sqlite");
  auto [a, ra] = Analysed("A", "Заказ у курьера.");
  auto [b, rb] = Analysed("B", "Заказ на складе.");
  auto s = Store::Open(path, Store::Mode::kWrite);
  REQUIRE(s.ok());
  Store& st = **s;
  REQUIRE(st.BeginRun({"x.jsonl"}, {"x.jsonl"}, {}).ok());
  REQUIRE(st.PutConversation(a, ra, {}).ok());
  REQUIRE(st.PutEvent({StoredEvent::Kind::kRejected, "x.jsonl", 3, "x.jsonl:3: not JSON"}).ok());
  REQUIRE(st.PutConversation(b, rb, {}).ok());
  REQUIRE(st.FinishRun(false).ok());
  CHECK(st.RunConversations() == 2);
  // The second run reads x.jsonl again, fixed, with A changed, and A's id
  // twice: one conversation, the later, counted once.
  REQUIRE(st.BeginRun({"x.jsonl"}, {"x.jsonl"}, {}).ok());
  REQUIRE(st.PutConversation(a, ra, {}).ok());
  REQUIRE(st.Commit().ok());
  a.messages[1].text = "Заказ уже доставлен.";
  REQUIRE(st.PutConversation(a, ra, {}).ok());
  CHECK(st.RunConversations() == 1);  // the first run's A does not count for this one
  CHECK(st.DurableRunConversations() == 1);
  REQUIRE(st.FinishRun(false).ok());
  const Replayed got = ReplayAll(st);
  REQUIRE(got.conversations.size() == 2);
  CHECK(got.conversations[0].first.id == "B");  // the first run's, still there
  CHECK(got.conversations[1].first.id == "A");  // moved to the run that stored it last
  CHECK(got.conversations[1].first.messages[1].text == "Заказ уже доставлен.");
  CHECK(got.events.empty());
  const auto runs = st.Runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].conversations == 1);
  CHECK(runs[1].conversations == 1);
}

TEST_CASE("a batch that fails leaves the batches before it", "[store]") {
  const std::string path = TempDb("batch.sqlite");
  auto [a, ra] = Analysed("A", "Заказ у курьера.");
  auto [b, rb] = Analysed("B", "Заказ на складе.");
  {
    auto s = Store::Open(path, Store::Mode::kWrite);
    REQUIRE(s.ok());
    REQUIRE((*s)->BeginRun({"x.jsonl"}, {"x.jsonl"}, {}).ok());
    REQUIRE((*s)->PutConversation(a, ra, {}).ok());
    REQUIRE((*s)->Commit().ok());
    REQUIRE((*s)->PutConversation(b, rb, {}).ok());
    // Closed mid-batch, as a crash would: B's batch never committed.
  }
  auto s = Store::Open(path, Store::Mode::kRead);
  REQUIRE(s.ok());
  const Replayed got = ReplayAll(**s);
  REQUIRE(got.conversations.size() == 1);
  CHECK(got.conversations[0].first.id == "A");
  const auto runs = (*s)->Runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].finished.empty());  // unfinished, and report says so
}

TEST_CASE("a history of schema 1 is migrated to what a new one is", "[store]") {
  const std::string old_path = TempDb("v1.sqlite");
  RawSql(old_path, Store::SchemaSql(1) +
                       "INSERT INTO meta VALUES ('version', '1'), ('last_compatible_version', '1');"
                       "INSERT INTO runs(id, started, inputs, settings) VALUES (1, '2026-11-01T00:00:00Z', '[]', '{}');"
                       "INSERT INTO conversations VALUES ('A', 1, 1, 'x', 1, 'email', '', '', '[]', '{}');"
                       "INSERT INTO replies VALUES ('A', 1, 'ann', '', 'email', '2026-11-20T09:12:00+03:00', 'ru', 1, "
                       "'', 100, 5, 0, 0, 0, '[]', '');");
  auto migrated = Store::Open(old_path, Store::Mode::kWrite);
  REQUIRE(migrated.ok());
  CHECK((*migrated)->version() == kStoreVersion);
  auto fresh = Store::Open(TempDb("fresh.sqlite"), Store::Mode::kWrite);
  REQUIRE(fresh.ok());
  CHECK((*migrated)->DescribeSchema() == (*fresh)->DescribeSchema());
  migrated->reset();
  // The migration filled the new column from the old rows.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(old_path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT at_unix FROM replies", -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  CHECK(sqlite3_column_int64(q, 0) == 1795155120);  // 2026-11-20T06:12:00Z
  sqlite3_finalize(q);
  sqlite3_close(db);
}

TEST_CASE("a history the store cannot read is refused with a reason", "[store]") {
  SECTION("from a newer, incompatible replylint") {
    const std::string path = TempDb("newer.sqlite");
    REQUIRE(Store::Open(path, Store::Mode::kWrite).ok());
    RawSql(path, "UPDATE meta SET value = '9' WHERE key IN ('version', 'last_compatible_version')");
    for (auto mode : {Store::Mode::kRead, Store::Mode::kWrite}) {
      auto s = Store::Open(path, mode);
      REQUIRE_FALSE(s.ok());
      CHECK_THAT(s.status().message(), Catch::Contains("written by a newer replylint (schema 9"));
    }
  }
  SECTION("newer but compatible: read and written as it is") {
    const std::string path = TempDb("newer-ok.sqlite");
    REQUIRE(Store::Open(path, Store::Mode::kWrite).ok());
    RawSql(path, "UPDATE meta SET value = '7' WHERE key = 'version'");
    auto s = Store::Open(path, Store::Mode::kWrite);
    REQUIRE(s.ok());
    CHECK((*s)->version() == 7);
  }
  SECTION("not SQLite") {
    const std::string path = testing::TempFile("not-a-db.sqlite", "this is a text file, not a database\n");
    auto s = Store::Open(path, Store::Mode::kRead);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("not a replylint history"));
  }
  SECTION("SQLite, but somebody else's") {
    const std::string path = TempDb("other.sqlite");
    RawSql(path, "CREATE TABLE t(x)");
    auto s = Store::Open(path, Store::Mode::kWrite);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("an SQLite file, but not a replylint history"));
  }
  SECTION("missing, for reading") {
    auto s = Store::Open(TempDb("missing.sqlite"), Store::Mode::kRead);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("no such history"));
  }
}

TEST_CASE("a history another process is writing to is reported as locked", "[store]") {
  const std::string path = TempDb("locked.sqlite");
  REQUIRE(Store::Open(path, Store::Mode::kWrite).ok());
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto s = Store::Open(path, Store::Mode::kWrite, 50);
  REQUIRE(s.ok());  // opening needs no write
  const Status st = (*s)->BeginRun({"x.jsonl"}, {"x.jsonl"}, {});
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("another process is writing to it"));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  CHECK((*s)->BeginRun({"x.jsonl"}, {"x.jsonl"}, {}).ok());
}

TEST_CASE("damaged stored records are named, not crashed on", "[store]") {
  const std::string path = TempDb("damaged.sqlite");
  auto [a, ra] = Analysed("A", "Заказ у курьера.");
  {
    auto s = Store::Open(path, Store::Mode::kWrite);
    REQUIRE(s.ok());
    REQUIRE((*s)->BeginRun({}, {}, {}).ok());
    REQUIRE((*s)->PutConversation(a, ra, {}).ok());
    REQUIRE((*s)->FinishRun(false).ok());
  }
  RawSql(path, "UPDATE conversations SET body = '{\"id\": 1}'");
  auto s = Store::Open(path, Store::Mode::kRead);
  REQUIRE(s.ok());
  Store::Visitor v;
  v.conversation = [](const Conversation&, const ConversationResult&, const std::vector<std::string>&) {};
  v.event = [](const StoredEvent&) {};
  const Status st = (*s)->Replay(v);
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.message(), Catch::Contains("conversation A: stored conversation is damaged"));
}

TEST_CASE("a stored number that is no integer in range is damage, not a cast", "[store]") {
  const std::string response = R"({"state": 0, "first": true, "zone_assumed": false, "answers": 0, "seconds": 60,
                                   "target": 3600})";
  REQUIRE(DecodeResponse(response).ok());
  for (const auto& [from, to] :
       {std::pair{"\"seconds\": 60", "\"seconds\": 6.1e31"}, std::pair{"\"seconds\": 60", "\"seconds\": 60.5"},
        std::pair{"\"answers\": 0", "\"answers\": -1"}, std::pair{"\"state\": 0", "\"state\": 4294967296"},
        std::pair{"\"target\": 3600", "\"target\": 18446744073709551615"}}) {
    std::string damaged = response;
    damaged.replace(damaged.find(from), std::string(from).size(), to);
    INFO(damaged);
    const auto got = DecodeResponse(damaged);
    REQUIRE_FALSE(got.ok());
    CHECK_THAT(got.status().message(), Catch::Contains("stored response time is damaged"));
  }

  const std::string body = EncodeConversation(Analysed("A", "Заказ у курьера.").first);
  REQUIRE(DecodeConversation(body).ok());
  std::string far = body;
  const size_t line = far.find("\"line\":");
  REQUIRE(line != std::string::npos);
  far.replace(line, far.find_first_of(",}", line) - line, "\"line\":1e31");
  CHECK_FALSE(DecodeConversation(far).ok());

  const StoredSettings kept = DecodeSettings(R"({"good_stars": 4, "star_thresholds": [[5, 90], [1, 0]]})");
  CHECK(kept.good_stars == 4);
  CHECK(kept.star_thresholds == std::vector<std::pair<int, int>>{{5, 90}, {1, 0}});
  for (const char* damaged : {R"({"good_stars": 1e31})", R"({"good_stars": 4, "star_thresholds": [[5, 1e40]]})",
                              R"({"star_thresholds": [[5, 90, 1]]})", R"({"star_thresholds": [5]})",
                              R"({"star_thresholds": {"a": [5, 90]}})", R"({"star_thresholds": null})"}) {
    INFO(damaged);
    const StoredSettings s = DecodeSettings(damaged);
    CHECK(s.good_stars == StoredSettings{}.good_stars);
    CHECK(s.star_thresholds.empty());
  }
}

}  // namespace
}  // namespace replylint

namespace replylint {
namespace {

TEST_CASE("a reviewer's second verdict on a reply replaces the first", "[store]") {
  const std::string path = TempDb("reviews.sqlite");
  auto s = Store::Open(path, Store::Mode::kWrite);
  REQUIRE(s.ok());
  ReviewedReply r;
  r.source = "anna.csv:2";
  r.reviewer = "anna";
  r.conversation = "T-1";
  r.message = "1";
  r.tool_score = 75;
  r.review_score = 80;
  r.rules = {"name-form", "placeholder"};
  r.verdicts = {Verdict::kRight, Verdict::kWrong};
  ReviewedReply other = r;
  other.reviewer = "boris";
  other.review_score.reset();
  other.verdicts = {Verdict::kSkipped, Verdict::kRight};
  REQUIRE((*s)->PutReviews({r, other}).ok());
  r.review_score = 60;
  r.verdicts = {Verdict::kWrong, Verdict::kWrong};
  REQUIRE((*s)->PutReviews({r}).ok());
  auto all = (*s)->Reviews();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].reviewer == "anna");
  CHECK((*all)[0].review_score == 60);
  CHECK((*all)[0].verdicts == std::vector<Verdict>{Verdict::kWrong, Verdict::kWrong});
  CHECK((*all)[0].rules == r.rules);
  CHECK((*all)[1].reviewer == "boris");
  CHECK_FALSE((*all)[1].review_score.has_value());
  CHECK((*all)[1].verdicts == other.verdicts);
}

}  // namespace
}  // namespace replylint
