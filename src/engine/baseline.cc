#include "engine/baseline.h"

#include <algorithm>

#include "base/fingerprint.h"
#include "base/utf8.h"

namespace replylint {

std::string ReplyFindingKey(const Conversation& c, size_t message, const Finding& f) {
  return Fingerprint({f.rule, c.id, std::to_string(message), f.field, NormalisedText(f.text)});
}

BaselineSink::BaselineSink(ResultSink* next, const Engine& engine, const std::set<std::string>* accepted,
                           std::ostream* write)
    : next_(next), engine_(engine), accepted_(accepted), write_(write) {
  if (write_) {
    *write_ << "# replylint baseline: findings accepted when it was written; audit --baseline reports only\n"
               "# the others. Fingerprint, rule, conversation, message, text. Delete a line to report its finding "
               "again.\n";
  }
}

void BaselineSink::OnConversation(const Conversation& conversation, const ConversationResult& result) {
  ConversationResult out;
  out.customer_name = result.customer_name;
  for (const MessageResult& reply : result.replies) {
    MessageResult r = reply;
    const size_t before = r.findings.size();
    r.findings.erase(
        std::remove_if(r.findings.begin(), r.findings.end(),
                       [&](const Finding& f) {
                         const std::string key = ReplyFindingKey(conversation, r.message, f);
                         if (write_ && seen_.insert(key).second) {
                           std::string text = NormalisedText(f.text);
                           size_t cut = std::min<size_t>(text.size(), 80);
                           while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                             --cut;  // not inside a character
                           text.resize(cut);
                           *write_ << key << '\t' << f.rule << '\t' << EscapeForTerminal(conversation.id) << '\t'
                                   << r.message << '\t' << EscapeForTerminal(text) << '\n';
                           ++written_;
                         }
                         return accepted_ && accepted_->count(key) > 0;
                       }),
        r.findings.end());
    if (r.findings.size() != before) {
      r.baselined += before - r.findings.size();
      engine_.Score(conversation.channel, &r);
    }
    out.replies.push_back(std::move(r));
  }
  next_->OnConversation(conversation, out);
}

}  // namespace replylint
