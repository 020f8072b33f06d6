// Team vocabulary learned from history (`replylint vocab`): the words the
// spelling rule flags that several agents use in many replies. Vocabulary is
// shared — a product name, a team's jargon — while typos are rare and
// personal, so a word flagged for three agents in ten replies is far more
// likely a term the dictionaries lack. The result is a word list in the
// format of the per-team `vocab:` setting, each word with its counts and one
// example, for a lead to review before passing it back.
//
// Pipeline position: a ResultSink, like a report; it reads finished results.
// Output does not depend on the order conversations arrive in (--jobs).
// Thread-safety: used from the pipeline's calling thread only.
#ifndef REPLYLINT_EVAL_VOCAB_H_
#define REPLYLINT_EVAL_VOCAB_H_

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>

#include "replylint/engine.h"

namespace replylint {

class VocabMiner : public ResultSink {
 public:
  struct Word {
    std::set<std::string> agents;                      // agent keys
    std::set<std::pair<std::string, size_t>> replies;  // (conversation id, message)
    std::pair<std::string, size_t> example_at;         // the first reply, by id
    std::string example;                               // the words around it there
  };

  void OnConversation(const Conversation& conversation, const ConversationResult& result) override;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override;

  // The words used by at least `min_agents` agents in at least `min_replies`
  // replies, most replies first, as a vocab file.
  void Write(std::ostream& out, size_t min_agents, size_t min_replies) const;
  const std::map<std::string, Word>& words() const { return words_; }
  size_t rejected() const { return rejected_; }

 private:
  std::map<std::string, Word> words_;  // by folded word
  size_t rejected_ = 0;
};

}  // namespace replylint

#endif  // REPLYLINT_EVAL_VOCAB_H_
