// Given names of Russian and English speakers, with short forms and gender.
//
// Loaded once (lazily, on first use) from the built-in dictionaries
// dictionaries/names-ru.tsv and dictionaries/names-en.tsv, or from a data
// directory. Lookups are by folded form (FoldForMatch: lower case, ё -> е) of
// the nominative: "саша" -> the entries Александр and Александра.
// Thread-safety: immutable after construction; Instance() is thread-safe.
#ifndef REPLYLINT_LEXICON_GIVEN_NAMES_H_
#define REPLYLINT_LEXICON_GIVEN_NAMES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"

namespace replylint {

enum class Gender : uint8_t { kUnknown, kMale, kFemale };

struct NameEntry {
  std::string full;                      // nominative full form, as written
  Gender gender = Gender::kUnknown;      // kUnknown: used for both (Alex, Sam)
  Lang lang = Lang::kUnknown;            // which dictionary it came from
  std::vector<std::string> short_forms;  // as written
  std::vector<std::string> translit;     // Latin spellings
};

class GivenNames {
 public:
  // Parses the two TSV texts; `where` prefixes errors.
  static StatusOr<GivenNames> Parse(std::string_view ru_tsv, std::string_view en_tsv);
  // The built-in dictionaries; aborts on a broken build (the data is ours).
  static const GivenNames& Instance();

  // Entries in which `folded` is the full form, a short form or a spelling.
  const std::vector<const NameEntry*>& Lookup(std::string_view folded) const;
  bool IsGivenName(std::string_view folded) const { return !Lookup(folded).empty(); }
  size_t size() const { return entries_.size(); }
  const std::vector<NameEntry>& entries() const { return entries_; }

 private:
  std::vector<NameEntry> entries_;
  std::unordered_map<std::string, std::vector<const NameEntry*>> index_;
};

}  // namespace replylint

#endif  // REPLYLINT_LEXICON_GIVEN_NAMES_H_
