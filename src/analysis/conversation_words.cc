#include "analysis/conversation_words.h"

#include <atomic>

#include "analysis/template_index.h"

namespace replylint {

namespace {
std::atomic<uint64_t> next_id{1};
}  // namespace

ConversationWords::ConversationWords(const std::vector<MessageText>& texts)
    : texts_(texts), entries_(texts.size()), id_(next_id.fetch_add(1, std::memory_order_relaxed)) {}

const std::vector<Token>& ConversationWords::Tokens(size_t i) const {
  Entry& e = entries_.at(i);
  if (!e.tokens) {
    e.tokens = Tokenize(texts_[i].folded(), 0, texts_[i].body_end());
    ++tokenised_;
  }
  return *e.tokens;
}

const std::vector<std::string>& ConversationWords::Stems(size_t i) const {
  Entry& e = entries_.at(i);
  if (!e.stems) {
    e.stems = TokenStems(texts_[i].folded(), Tokens(i));
    ++stemmed_;
  }
  return *e.stems;
}

}  // namespace replylint
