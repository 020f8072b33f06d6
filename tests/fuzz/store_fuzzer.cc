// Fuzzes the reading of a damaged or hand-edited history (`replylint
// report`): the input's fields, split at NUL bytes, become the stored rows
// of one conversation — its JSON body, warnings, a reply's index, costs and
// response time, a finding's message, span and named conversations, the
// run's settings — written with plain SQL as another program could. The
// replay either refuses the history naming the conversation, or hands the
// report writers what they can trust: replies that are agent messages in
// order, one per agent message, findings inside their message's text, a
// response time that answers an earlier message. The writers then run on it.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "report/report.h"
#include "store/store.h"

using namespace replylint;
using replylint::fuzz::Require;

namespace {

std::vector<std::string> Fields(const uint8_t* data, size_t size, size_t n) {
  std::vector<std::string> out(n);
  size_t k = 0;
  for (size_t i = 0; i < size && k < n; ++i) {
    if (data[i] == 0) {
      ++k;
    } else {
      out[k] += static_cast<char>(data[i]);
    }
  }
  return out;
}

int64_t Number(const std::string& s) {
  int64_t v = 0;
  for (char ch : s.substr(0, 18)) v = v * 10 + (ch >= '0' && ch <= '9' ? ch - '0' : 0);
  return s.rfind('-', 0) == 0 ? -v : v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/replylint-fuzz-store-" + std::to_string(::getpid()) + ".sqlite";
  static bool made = [] {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
    return Store::Open(path, Store::Mode::kWrite).ok();
  }();
  Require(made, "a history can be made");
  const std::vector<std::string> f = Fields(data, size, 11);
  sqlite3* db = nullptr;
  Require(sqlite3_open(path.c_str(), &db) == SQLITE_OK, "the history opens");
  sqlite3_exec(db, "DELETE FROM findings; DELETE FROM replies; DELETE FROM conversations; DELETE FROM runs;", nullptr,
               nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  auto put = [&](const char* sql, const std::vector<std::pair<bool, std::string>>& values) {
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return;
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i].first) {
        sqlite3_bind_int64(st, static_cast<int>(i + 1), Number(values[i].second));
      } else {
        sqlite3_bind_text(st, static_cast<int>(i + 1), values[i].second.data(),
                          static_cast<int>(values[i].second.size()), SQLITE_TRANSIENT);
      }
    }
    sqlite3_step(st);
    sqlite3_finalize(st);
  };
  put("INSERT INTO runs(id, started, inputs, settings) VALUES (1, 'x', '[]', ?1)", {{false, f[10]}});
  put("INSERT INTO conversations VALUES ('C', 1, 1, 's', 1, 'email', '', '', ?1, ?2)", {{false, f[1]}, {false, f[0]}});
  put("INSERT INTO replies(conversation, message, agent, team, channel, at, lang, analysed, other_lang, score, stars, "
      "critical, suppressed, baselined, costs, response) VALUES ('C', ?1, '', '', 'email', '', 'ru', 1, '', 50, 3, "
      "0, 0, 0, ?2, ?3)",
      {{true, f[2]}, {false, f[3]}, {false, f[4]}});
  put("INSERT INTO findings VALUES ('C', ?1, 0, 'placeholder', 'error', ?2, ?3, '', 'x', 'm', '', NULL, ?4)",
      {{true, f[5]}, {true, f[6]}, {true, f[7]}, {false, f[8]}});
  sqlite3_close(db);

  auto store = Store::Open(path, Store::Mode::kRead);
  Require(store.ok(), "the history reopens");
  (void)(*store)->Runs();
  std::vector<std::pair<Conversation, ConversationResult>> got;
  Store::Visitor v;
  v.conversation = [&](const Conversation& c, const ConversationResult& r, const std::vector<std::string>&) {
    got.emplace_back(c, r);
  };
  v.event = [](const StoredEvent&) {};
  const Status replayed = (*store)->Replay(v);
  if (!replayed.ok()) {
    Require(replayed.message().find("conversation C") != std::string::npos ||
                replayed.message().find(path) != std::string::npos,
            "a refusal names the history or the conversation");
    return 0;
  }
  for (const auto& [c, r] : got) {
    size_t agents = 0;
    for (const Message& m : c.messages) agents += m.role == Role::kAgent;
    Require(r.replies.size() == agents, "one reply an agent message");
    for (const MessageResult& m : r.replies) {
      Require(m.message < c.messages.size() && c.messages[m.message].role == Role::kAgent, "a reply is an agent's");
      Require(!m.response || m.response->answers < m.message, "a response answers an earlier message");
      for (const Finding& fd : m.findings) {
        Require(fd.message == m.message, "a finding is on its reply");
        Require(fd.start <= fd.end && fd.end <= c.messages[m.message].text.size(), "a span lies in its text");
      }
    }
    // What the writers do with it must hold too.
    for (Format format : {Format::kText, Format::kJson, Format::kHtml}) {
      std::ostringstream out, err;
      auto report = AuditReport::Make(format, &out, &err, ReportOptions{});
      report->OnConversation(c, r);
      PipelineStats stats;
      stats.lines_read = stats.conversations = 1;
      stats.agent_messages = agents;
      report->Finish(stats);
    }
  }
  return 0;
}
