// Given names known to be names, for telling a name from a misspelt word:
// every name of the project's own name dictionaries (full and short forms,
// Latin spellings) and the English given names of the US Social Security
// Administration's baby-name data (dictionaries/given-names-en.txt, about
// 12 000 names). Only membership is known here: no gender, no forms (see
// GivenNames for those).
//
// Loaded once, on first use, into a hash set; lookups do not allocate.
// Thread-safety: immutable after construction; Instance() is thread-safe.
#ifndef REPLYLINT_LEXICON_KNOWN_NAMES_H_
#define REPLYLINT_LEXICON_KNOWN_NAMES_H_

#include <string>
#include <string_view>
#include <unordered_set>

#include "base/string_hash.h"

namespace replylint {

class KnownNames {
 public:
  // `en_list`: one name a line, `#` comments; the GivenNames entries are added.
  explicit KnownNames(std::string_view en_list);
  static const KnownNames& Instance();

  // `folded`: FoldForMatch'ed (lower case, ё -> е).
  bool Contains(std::string_view folded) const { return names_.find(folded) != names_.end(); }
  size_t size() const { return names_.size(); }

 private:
  std::unordered_set<std::string, StringHash, std::equal_to<>> names_;
};

}  // namespace replylint

#endif  // REPLYLINT_LEXICON_KNOWN_NAMES_H_
