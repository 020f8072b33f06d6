// Whole-word phrase matching on folded text with RE2.
//
// RE2's \b is ASCII-only and it has no lookaround, so word edges are made
// explicit: the phrases are wrapped as
// (phrase|...)(?:$|[^\p{Latin}\p{Cyrillic}0-9]) — the scripts replylint
// reads: [^\p{L}\p{N}] compiles to ten times the program at every start-up —
// the span is the inner group, and Find() requires the text's start or a
// character that is no letter or number before it (the leading edge, kept
// out of the pattern because it costs as much to compile as the phrases).
// Phrases are RE2 patterns written for text folded by FoldForMatch (lower
// case, ё -> е); a space in a phrase matches any run of white space.
// Thread-safety: immutable after Create(); Find() is const and thread-safe.
#ifndef REPLYLINT_CHECKS_PHRASE_MATCHER_H_
#define REPLYLINT_CHECKS_PHRASE_MATCHER_H_

#include <re2/set.h>

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

class PhraseMatcher {
 public:
  // `where` names the parameter the phrases came from, for errors.
  static StatusOr<PhraseMatcher> Create(const std::vector<std::string>& phrases, const std::string& where);
  PhraseMatcher() = default;
  PhraseMatcher(PhraseMatcher&&) noexcept;
  PhraseMatcher& operator=(PhraseMatcher&&) noexcept;
  ~PhraseMatcher();

  bool empty() const { return re_ == nullptr; }
  // Non-overlapping matches in `folded`, left to right.
  std::vector<Span> Find(std::string_view folded) const;

 private:
  friend class PhraseMatcherSet;
  std::unique_ptr<re2::RE2> re_;
};

// Which of several matchers can match a text, in one pass over it (an
// RE2::Set of their patterns): a rule that runs a dozen matchers over every
// reply skips the Find() — a scan of its own — of those that cannot. Exact:
// a matcher it rules out has no match there. Built on first use, so that a
// start-up that never needs it does not compile the patterns twice.
// Thread-safety: Matching() is const and thread-safe.
class PhraseMatcherSet {
 public:
  // The matchers must outlive the set, unmoved.
  explicit PhraseMatcherSet(std::vector<const PhraseMatcher*> matchers);
  ~PhraseMatcherSet();

  // matching[i] is false only when matchers[i].Find(folded) is empty.
  std::vector<bool> Matching(std::string_view folded) const;

 private:
  std::vector<const PhraseMatcher*> matchers_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<re2::RE2::Set> set_;  // null: not built (every matcher may match)
  mutable std::vector<int> index_;              // the set's index of each matcher, -1 for an empty one
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
