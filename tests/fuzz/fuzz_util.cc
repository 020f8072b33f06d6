#include "fuzz_util.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "base/utf8.h"
#include "report/report.h"

namespace replylint::fuzz {

void Require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

const Engine& DefaultEngine() {
  static const Engine* engine = [] {
    char path[] = "/tmp/replylint-fuzz-config-XXXXXX";
    const int fd = mkstemp(path);
    Require(fd >= 0, "cannot make an empty configuration file");
    EngineOptions o;
    o.config_path = path;
    o.config_explicit = true;
    auto e = Engine::Create(o);
    std::remove(path);
    Require(e.ok(), "the built-in rules do not load");
    return e->release();
  }();
  return *engine;
}

void CheckResult(const Conversation& c, const ConversationResult& r) {
  size_t agents = 0;
  for (const Message& m : c.messages) agents += m.role == Role::kAgent ? 1 : 0;
  Require(r.replies.size() == agents, "one result per agent message");
  for (const MessageResult& mr : r.replies) {
    Require(mr.message < c.messages.size() && c.messages[mr.message].role == Role::kAgent, "result of an agent message");
    const std::string& text = c.messages[mr.message].text;
    std::vector<bool> boundary(text.size() + 1, false);
    for (size_t i = 0; i < text.size();) {
      boundary[i] = true;
      DecodeUtf8(text, &i);
    }
    boundary[text.size()] = true;
    Require(mr.score >= 0 && mr.score <= 100 && mr.stars >= 1 && mr.stars <= 5, "score and stars in range");
    Require(mr.analysed || mr.findings.empty(), "no findings on a message not analysed");
    for (size_t k = 0; k < mr.findings.size(); ++k) {
      const Finding& f = mr.findings[k];
      Require(f.message == mr.message, "finding on its message");
      Require(f.start <= f.end && f.end <= text.size(), "span inside the text");
      Require(boundary[f.start] && boundary[f.end], "span on code point boundaries");
      if (f.field.empty()) {
        Require(f.text == ReplaceInvalidUtf8(std::string_view(text).substr(f.start, f.end - f.start)),
                "matched text is the span");
      }
      Require(FindInvalidUtf8(f.message_text) == std::string::npos, "message is UTF-8");
      if (k > 0) Require(!FindingLess(f, mr.findings[k - 1]), "findings sorted");
    }
    const std::string json = ReplyRecordJson(c, mr);
    Require(!json.empty() && json.front() == '{', "record serialises");
  }
}

}  // namespace replylint::fuzz
