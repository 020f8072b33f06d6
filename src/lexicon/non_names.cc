#include "lexicon/non_names.h"

#include "rules/rule_spec.h"
#include "text/message_text.h"

namespace replylint {
namespace {

template <typename F>
void ForEachLine(std::string_view text, F f) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') f(line);
    start = nl + 1;
  }
}

}  // namespace

NonNames::NonNames(std::string_view obscene_ru, std::string_view obscene_en, std::string_view non_names_tsv) {
  for (auto text : {obscene_ru, obscene_en}) {
    ForEachLine(text, [&](std::string_view w) { obscene_.insert(FoldForMatch(w)); });
  }
  bool header = true;
  ForEachLine(non_names_tsv, [&](std::string_view line) {
    if (header) {
      header = false;
      return;
    }
    const size_t tab1 = line.find('\t');
    const size_t tab2 = line.rfind('\t');
    if (tab1 == std::string_view::npos || tab2 == tab1) return;
    kinds_[FoldForMatch(line.substr(0, tab1))] = std::string(line.substr(tab2 + 1));
  });
}

const NonNames& NonNames::Instance() {
  static const NonNames* instance = [] {
    auto read = [](const char* f) {
      auto t = ReadDataFile("", f);
      return t.ok() ? *t : std::string();
    };
    return new NonNames(read("dictionaries/obscene-ru.txt"), read("dictionaries/obscene-en.txt"),
                        read("dictionaries/non-names.tsv"));
  }();
  return *instance;
}

std::string NonNames::Kind(std::string_view folded) const {
  auto it = kinds_.find(std::string(folded));
  return it == kinds_.end() ? std::string() : it->second;
}

}  // namespace replylint
