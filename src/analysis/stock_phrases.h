// Finds stock phrases (rules/stock_lexicon.h) in a reply, tolerant to
// inflection and small wording changes: words are compared by Snowball stem,
// and up to `max_gap` extra words may stand between two words of a phrase.
//
// Pipeline position: between the text layer and the checks. The engine runs it
// once per agent message; stock-phrase reports the matches and
// template-overuse counts how much of the reply they cover.
// Build once, match many: Create() parses and indexes every phrase (an error
// names the phrase's file:line:col); Find() is const.
// Thread-safety: immutable after Create(); Find() is thread-safe.
#ifndef REPLYLINT_ANALYSIS_STOCK_PHRASES_H_
#define REPLYLINT_ANALYSIS_STOCK_PHRASES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/string_hash.h"
#include "replylint/model.h"
#include "replylint/status.h"
#include "rules/stock_lexicon.h"
#include "text/message_text.h"
#include "text/tokens.h"

namespace replylint {

struct StockMatch {
  Span span;         // in the folded text, from the first word to the last
  size_t first = 0;  // token range [first, last] the phrase covers
  size_t last = 0;
  Lang lang = Lang::kUnknown;
  bool courtesy = false;                    // a courtesy formula, not a brush-off
  bool soft = false;                        // "~phrase": a brush-off only when no concrete step follows it
  size_t phrase = 0;                        // position in the lexicon: brush-offs first, then courtesy, in file order
  const StockPhraseEntry* entry = nullptr;  // owned by the index, which outlives the match
};

class StockPhraseIndex {
 public:
  static StatusOr<StockPhraseIndex> Create(const StockLexicon& lexicon);

  // Non-overlapping matches in `folded` (the tokens are Tokenize() of it),
  // left to right; a longer match wins over one starting at the same word.
  // Matches that touch quoted mail are left out. `token_stems`, when given,
  // is TokenStems() of the tokens (ConversationWords has them for the
  // checks): a word's stem is then not made twice.
  std::vector<StockMatch> Find(const MessageText& text, const std::vector<Token>& tokens,
                               const std::vector<std::string>* token_stems = nullptr) const;

  bool empty() const { return phrases_.empty(); }

 private:
  struct Element {
    enum class Kind { kWord, kNumber, kAny };
    Kind kind = Kind::kWord;
    std::vector<uint32_t> stems;     // kWord: the alternatives, by stem id (stem_ids_)
    std::vector<std::string> exact;  // kWord: alternatives that match only as written (=word)
    bool optional = false;
  };
  struct Phrase {
    Lang lang;
    bool courtesy;
    bool soft;
    StockPhraseEntry entry;
    std::vector<Element> elements;
  };

  // The stem ids of one message's tokens (kNoStem: a stem no phrase has),
  // each looked up on first use; a stem is made unless the caller gave it.
  class Stems {
   public:
    Stems(const StockPhraseIndex& index, const std::string& folded, const std::vector<Token>& tokens,
          const std::vector<std::string>* given)
        : index_(index), folded_(folded), tokens_(tokens), given_(given), ids_(tokens.size(), kUnset) {}
    uint32_t operator[](size_t j) { return ids_[j] != kUnset ? ids_[j] : Lookup(j); }

   private:
    static constexpr uint32_t kUnset = static_cast<uint32_t>(-2);
    uint32_t Lookup(size_t j);
    const StockPhraseIndex& index_;
    const std::string& folded_;
    const std::vector<Token>& tokens_;
    const std::vector<std::string>* given_;
    std::vector<uint32_t> ids_;
  };
  static constexpr uint32_t kNoStem = static_cast<uint32_t>(-1);

  // End token of the longest match of phrase `p` from element `k` on, given
  // that element k-1 matched token `prev` (npos before the first); npos if none.
  size_t MatchFrom(const Phrase& p, size_t k, size_t prev, size_t start, const std::string& folded,
                   const std::vector<Token>& tokens, Stems* stems) const;
  static bool ElementMatches(const Element& e, const std::string& folded, const Token& t, size_t j, Stems* stems);

  std::vector<Phrase> phrases_;  // matches point at their entries
  int max_gap_ = 1;
  // Every stem of the phrases, numbered: a token's stem is looked up once
  // and then compared with the elements' as a number, not as a string.
  std::unordered_map<std::string, uint32_t, StringHash> stem_ids_;
  // Stem id of a possible first word -> phrases it may start.
  std::vector<std::vector<size_t>> by_first_;
};

}  // namespace replylint

#endif  // REPLYLINT_ANALYSIS_STOCK_PHRASES_H_
