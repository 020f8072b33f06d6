// Whole-word phrase matching on folded text with RE2.
//
// RE2's \b is ASCII-only and it has no lookaround, so Find() checks the word
// edges itself: the text's start or a character that is no letter or number
// before a match, and the text's end or no letter or digit of the scripts
// replylint reads after it. The edges are kept out of the pattern that
// searches, because a character class of whole scripts costs more to compile
// than a dozen phrases, and every matcher is compiled at every start-up.
// Where a match has no trailing edge, another phrase (or a longer reading of
// the same one) may still end at one: a second pattern, with the trailing
// edge written in, (phrase|...)(?:$|[^\p{Latin}\p{Cyrillic}0-9]), is
// compiled the first time that happens and tried anchored at that start, so
// that the match is the one that pattern alone would find.
// Phrases are RE2 patterns written for text folded by FoldForMatch (lower
// case, ё -> е); a space in a phrase matches any run of white space.
// A list as built into the binary (`deferred`) is compiled the first time
// Find() needs it: the tests have compiled every one (from the rule files
// read with --rules-dir), and a `check` of one draft needs few of them —
// compiling them all was a quarter of its start-up. A list the user wrote
// is compiled by Create(), which reports its errors.
// Thread-safety: Find() is const and thread-safe (the first compile is
// guarded by a once_flag).
#ifndef REPLYLINT_CHECKS_PHRASE_MATCHER_H_
#define REPLYLINT_CHECKS_PHRASE_MATCHER_H_

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"
#include "text/message_text.h"

namespace re2 {
class RE2;
}

namespace replylint {

class LazyPattern;

class PhraseMatcher {
 public:
  // `where` names the parameter the phrases came from, for errors.
  static StatusOr<PhraseMatcher> Create(const std::vector<std::string>& phrases, const std::string& where,
                                        bool deferred = false);
  PhraseMatcher() = default;
  PhraseMatcher(PhraseMatcher&&) noexcept;
  PhraseMatcher& operator=(PhraseMatcher&&) noexcept;
  ~PhraseMatcher();

  bool empty() const { return plain_ == nullptr; }
  // Non-overlapping matches in `folded`, left to right.
  std::vector<Span> Find(std::string_view folded) const;

 private:
  std::unique_ptr<LazyPattern> plain_;  // the phrases, without edges
  // With the trailing edge, compiled on first need. Null from Get() if a
  // list within a few instructions of kMaxProgramSize grows past it with the
  // edge: a match without its trailing edge then counts as none.
  std::unique_ptr<LazyPattern> edged_;
};

class ParamReader;

// Reads a parameter that maps languages to phrase lists ({ru: [...], en: [...]})
// and compiles one matcher per language.
StatusOr<std::map<Lang, PhraseMatcher>> PhraseMatchersByLang(ParamReader& params, const std::string& key);

// Reads a parameter that maps languages to word lists and returns the words
// of all languages, folded (FoldForMatch).
StatusOr<std::set<std::string>> FoldedWords(ParamReader& params, const std::string& key);

}  // namespace replylint

#endif  // REPLYLINT_CHECKS_PHRASE_MATCHER_H_
