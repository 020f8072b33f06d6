// The words of every message of one conversation — tokens of its folded
// text up to the quoted tail, and their stems — each made at most once, on
// first use.
//
// Pipeline position: the analysis layer; the engine makes one per analysed
// conversation and every check run on any of its replies reads it through
// the MessageContext. A check that reads earlier messages (the customer's
// words a reply should echo) used to tokenise and stem them again for every
// reply: time grew with the square of the number of messages.
// Thread-safety: NOT thread-safe (the cache fills lazily through const
// methods); a conversation is analysed on one thread.
#ifndef REPLYLINT_ANALYSIS_CONVERSATION_WORDS_H_
#define REPLYLINT_ANALYSIS_CONVERSATION_WORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text/message_text.h"
#include "text/tokens.h"

namespace replylint {

class ConversationWords {
 public:
  // REQUIRES: `texts` outlives this object and does not change.
  explicit ConversationWords(const std::vector<MessageText>& texts);

  // Tokenize(folded, 0, body_end) of message i.
  const std::vector<Token>& Tokens(size_t i) const;
  // TokenStems of Tokens(i), one per token.
  const std::vector<std::string>& Stems(size_t i) const;
  // Tells this conversation's analysis from any other in the process (a
  // check's per-thread memo keys on it); never 0.
  uint64_t id() const { return id_; }

  // How many messages were tokenised / stemmed so far (for tests: each is
  // done once however many replies read it).
  size_t tokenised() const { return tokenised_; }
  size_t stemmed() const { return stemmed_; }

 private:
  struct Entry {
    std::optional<std::vector<Token>> tokens;
    std::optional<std::vector<std::string>> stems;
  };
  const std::vector<MessageText>& texts_;
  mutable std::vector<Entry> entries_;
  mutable size_t tokenised_ = 0;
  mutable size_t stemmed_ = 0;
  uint64_t id_;
};

}  // namespace replylint

#endif  // REPLYLINT_ANALYSIS_CONVERSATION_WORDS_H_
