#include "lexicon/known_names.h"

#include "lexicon/given_names.h"
#include "rules/rule_spec.h"
#include "text/message_text.h"

namespace replylint {

KnownNames::KnownNames(std::string_view en_list) {
  size_t start = 0;
  while (start < en_list.size()) {
    size_t nl = en_list.find('\n', start);
    if (nl == std::string_view::npos) nl = en_list.size();
    std::string_view line = en_list.substr(start, nl - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') names_.insert(FoldForMatch(line));
    start = nl + 1;
  }
  for (const NameEntry& e : GivenNames::Instance().entries()) {
    names_.insert(FoldForMatch(e.full));
    for (const std::string& s : e.short_forms) names_.insert(FoldForMatch(s));
    for (const std::string& s : e.translit) names_.insert(FoldForMatch(s));
  }
}

const KnownNames& KnownNames::Instance() {
  static const KnownNames* instance = [] {
    auto text = ReadDataFile("", "dictionaries/given-names-en.txt");
    return new KnownNames(text.ok() ? *text : std::string());
  }();
  return *instance;
}

}  // namespace replylint
