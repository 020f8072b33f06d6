#include "test_util.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace replylint::testing {

const Engine& DefaultEngine() {
  static const Engine* engine = [] {
    // Keep a replylint.yaml in the working directory from leaking in.
    EngineOptions o;
    o.config_path = TempFile("empty-config.yaml", "");
    o.config_explicit = true;
    auto e = Engine::Create(o);
    if (!e.ok()) std::abort();
    return e->release();
  }();
  return *engine;
}

Conversation MakeConversation(Channel channel, const std::string& customer_name, const std::vector<Turn>& turns,
                              const std::string& from, const std::string& author) {
  Conversation c;
  c.id = "test";
  c.channel = channel;
  c.customer.name = customer_name;
  for (const Turn& t : turns) {
    Message m;
    m.role = t.role;
    m.text = t.text;
    if (t.role == Role::kAgent) {
      m.from = from;
      m.author = author;
    }
    c.messages.push_back(m);
  }
  return c;
}

// One worker for every test, as a thread would keep it: costly per-thread
// objects (Hunspell dictionaries) are made once, not per test.
Worker* DefaultWorker() {
  static const std::unique_ptr<Worker> worker = DefaultEngine().NewWorker();
  return worker.get();
}

std::vector<std::string> RulesOnLastReply(const Conversation& c) {
  Worker* worker = DefaultWorker();
  const ConversationResult r = DefaultEngine().Analyze(c, worker);
  std::vector<std::string> out;
  if (r.replies.empty()) return out;
  for (const Finding& f : r.replies.back().findings) out.push_back(f.rule);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Finding> FindingsOf(const Conversation& c, const std::string& rule) {
  const ConversationResult r = DefaultEngine().Analyze(c, DefaultWorker());
  std::vector<Finding> out;
  if (r.replies.empty()) return out;
  for (const Finding& f : r.replies.back().findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

std::string TempFile(const std::string& name, const std::string& text) {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "replylint-test-XXXXXX").string();
    const char* made = mkdtemp(tmpl.data());
    return std::filesystem::path(made ? made : "/tmp");
  }();
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace replylint::testing
