// What customers type into a name field that is not a name: obscene and
// provocative words (dictionaries/obscene-ru.txt, obscene-en.txt) and titles,
// roles, placeholders and pet names (dictionaries/non-names.tsv).
// Thread-safety: immutable after construction; Instance() is thread-safe.
#ifndef REPLYLINT_LEXICON_NON_NAMES_H_
#define REPLYLINT_LEXICON_NON_NAMES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace replylint {

class NonNames {
 public:
  // Each argument is a file's text; `non_names_tsv` has a header line.
  NonNames(std::string_view obscene_ru, std::string_view obscene_en, std::string_view non_names_tsv);
  static const NonNames& Instance();

  // `folded` is FoldForMatch'ed.
  bool IsObscene(std::string_view folded_word) const { return obscene_.count(std::string(folded_word)) > 0; }
  // The kind ("title", "role", "placeholder", "nickname") of a whole folded
  // name, or empty.
  std::string Kind(std::string_view folded) const;

 private:
  std::unordered_set<std::string> obscene_;
  std::unordered_map<std::string, std::string> kinds_;
};

}  // namespace replylint

#endif  // REPLYLINT_LEXICON_NON_NAMES_H_
