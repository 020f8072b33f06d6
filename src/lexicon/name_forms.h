// Every written form of every dictionary given name, mapped back to its
// dictionary entry, the form (full or which short form) and the case:
// "александру" -> {Александр, full, dative}, {Александра, full, accusative};
// "sasha" -> {Александр, Саша}, {Александра, Саша}.
//
// Also the transliteration skeleton that makes Sasha and Саша the same form.
// Thread-safety: immutable after construction; Instance() is thread-safe.
#ifndef REPLYLINT_LEXICON_NAME_FORMS_H_
#define REPLYLINT_LEXICON_NAME_FORMS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/declension.h"
#include "lexicon/given_names.h"

namespace replylint {

// A comparison key that is equal for transliterations of the same name:
// Cyrillic is romanised, then spelling variants are merged
// (Aleksandr/Alexandr, Yevgeny/Evgeniy, Natalya/Natalia, Sasha/Sacha).
std::string NameSkeleton(std::string_view name);

struct NameReading {
  const NameEntry* entry = nullptr;
  std::string form;   // the dictionary form, nominative, as written ("Саша")
  bool full = false;  // the entry's full form
  Case grammatical_case = Case::kNom;
};

class NameForms {
 public:
  explicit NameForms(const GivenNames& names, const Declension& declension);
  static const NameForms& Instance();

  // Readings of a folded word (FoldForMatch); empty when it is no name form.
  const std::vector<NameReading>& Readings(std::string_view folded) const;
  // The case form of `form` (a dictionary form of `entry`) in case `c`.
  std::string Inflect(const NameReading& as, Case c) const;

 private:
  void Add(const std::string& written, const NameReading& r);
  const Declension& declension_;
  std::unordered_map<std::string, std::vector<NameReading>> index_;
};

}  // namespace replylint

#endif  // REPLYLINT_LEXICON_NAME_FORMS_H_
