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

#include <map>
#include <memory>
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
  std::unique_ptr<re2::RE2> re_;
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
