// Russian given-name declension by the petrovich rules (MIT; data file
// dictionaries/petrovich-rules.yml), used to map a declined form in a reply
// (Саше, Александру, Анастасии, Сашей) back to its nominative and case.
//
// Thread-safety: immutable after Parse(); Instance() is thread-safe.
#ifndef REPLYLINT_LEXICON_DECLENSION_H_
#define REPLYLINT_LEXICON_DECLENSION_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/given_names.h"
#include "replylint/status.h"

namespace replylint {

// Nominative, the five oblique cases of petrovich, and the informal vocative
// of short forms («Саш, привет»).
enum class Case : uint8_t { kNom, kGen, kDat, kAcc, kIns, kPre, kVoc };
constexpr size_t kCaseCount = 7;
std::string_view CaseName(Case c);

class Declension {
 public:
  // Parses petrovich's rules.yml (only the firstname group is used).
  static StatusOr<Declension> Parse(const std::string& yaml, const std::string& file);
  static const Declension& Instance();  // the built-in rules

  // Every case form of a first name (nominative as given, lower case or
  // not: the result keeps the capitalisation of `name`). kVoc is empty when
  // the name has no informal vocative. `gender` kUnknown tries the
  // androgynous rules only.
  std::array<std::string, kCaseCount> Decline(std::string_view name, Gender gender) const;

 private:
  struct Rule {
    Gender gender = Gender::kUnknown;  // kUnknown: androgynous
    std::vector<std::u32string> tests;
    std::array<std::u32string, 5> mods;
  };
  const Rule* Find(const std::u32string& lower, Gender gender) const;
  std::vector<Rule> exceptions_;
  std::vector<Rule> suffixes_;
};

}  // namespace replylint

#endif  // REPLYLINT_LEXICON_DECLENSION_H_
