// The address lexicon: greetings, closings, gendered address words (titles),
// address nouns and third-person descriptors, per language. Loaded from
// rules/address.yaml and extended by `address:` in the user configuration.
// Thread-safety: plain data, immutable after loading.
#ifndef REPLYLINT_RULES_ADDRESS_LEXICON_H_
#define REPLYLINT_RULES_ADDRESS_LEXICON_H_

#include <map>
#include <string>
#include <vector>

#include "replylint/model.h"

namespace replylint {

struct TitlePair {
  std::string male;
  std::string female;
};

struct AddressLexicon {
  // As written in the files; consumers fold them for matching.
  std::map<Lang, std::vector<std::string>> greetings;
  std::map<Lang, std::vector<std::string>> closings;
  std::map<Lang, std::vector<TitlePair>> titles;
  std::map<Lang, std::vector<std::string>> address_nouns;
  std::map<Lang, std::vector<std::string>> descriptors;
  std::map<Lang, std::vector<std::string>> roles;
  // Titles that stand before a surname ("Ms. Kim", «господин Морган»).
  std::map<Lang, std::vector<std::string>> surname_titles;
};

}  // namespace replylint

#endif  // REPLYLINT_RULES_ADDRESS_LEXICON_H_
