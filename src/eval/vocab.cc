#include "eval/vocab.h"

#include <algorithm>
#include <vector>

#include "base/utf8.h"
#include "text/message_text.h"

namespace replylint {
namespace {

// About `radius` bytes either side of [start, end), cut at spaces, on one line.
std::string Around(const std::string& text, size_t start, size_t end, size_t radius) {
  size_t b = start > radius ? start - radius : 0;
  size_t e = std::min(text.size(), end + radius);
  while (b > 0 && b < start && text[b - 1] != ' ') ++b;
  while (e < text.size() && e > end && text[e] != ' ') --e;
  std::string out = text.substr(b, e - b);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return (b > 0 ? "…" : "") + out + (e < text.size() ? "…" : "");
}

}  // namespace

void VocabMiner::OnConversation(const Conversation& conversation, const ConversationResult& result) {
  for (const MessageResult& reply : result.replies) {
    const Message& m = conversation.messages[reply.message];
    for (const Finding& f : reply.findings) {
      if (f.rule != "spelling" || f.text.empty()) continue;
      Word& w = words_[FoldForMatch(f.text)];
      w.agents.insert(m.AgentKey());
      const std::pair<std::string, size_t> at{conversation.id, reply.message};
      w.replies.insert(at);
      // The example of the smallest reply id: the same for any --jobs.
      if (w.example.empty() || at < w.example_at) {
        w.example_at = at;
        w.example = Around(m.text, f.start, f.end, 40);
      }
    }
  }
}

void VocabMiner::OnRejected(const std::string&, size_t, const std::string&) { ++rejected_; }

void VocabMiner::Write(std::ostream& out, size_t min_agents, size_t min_replies) const {
  std::vector<const std::pair<const std::string, Word>*> kept;
  for (const auto& entry : words_) {
    if (entry.second.agents.size() >= min_agents && entry.second.replies.size() >= min_replies) kept.push_back(&entry);
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto* a, const auto* b) { return a->second.replies.size() > b->second.replies.size(); });
  out << "# Team vocabulary suggested by `replylint vocab`: words the spelling rule flags that\n"
         "# at least "
      << min_agents << " agents use in at least " << min_replies
      << " replies. Review each (a shared typo is still a typo),\n"
         "# delete what is wrong, and pass the file as `vocab:` in replylint.yaml.\n";
  for (const auto* entry : kept) {
    const Word& w = entry->second;
    out << entry->first << "  # " << w.agents.size() << " agents, " << w.replies.size() << " replies; e.g. "
        << EscapeForTerminal(w.example_at.first) << ": " << EscapeForTerminal(w.example) << "\n";
  }
}

}  // namespace replylint
