// Every word a Hunspell dictionary of simple affixes can accept, and more:
// each head word with each prefix and suffix its flags name (both together
// where both allow cross products), where the text the affix strips is
// there — the affix conditions are not tested, so the list is a superset of
// the accepted forms for dictionaries with no compounds (but of digits), no
// affixes on affixes and no circumfixes, such as Debian's ru_RU, en_US and
// en_GB. The lexicon builder keeps the ones Hunspell accepts; the equality
// test tries them all.
//
// Single-character flags (these .aff files declare no FLAG type).
#ifndef REPLYLINT_TOOLS_SPELL_LEXICON_EXPAND_H_
#define REPLYLINT_TOOLS_SPELL_LEXICON_EXPAND_H_

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace replylint::lexicon_build {

struct Affix {
  bool cross;
  std::string strip, add;
};

struct Affixes {
  std::map<char, std::vector<Affix>> prefixes, suffixes;
};

// The PFX and SFX entries of an .aff text, by flag.
inline Affixes ParseAff(const std::string& aff) {
  Affixes out;
  std::istringstream in(aff);
  std::string line;
  std::map<std::string, bool> cross;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string kind, flag, a, b, c;
    f >> kind >> flag >> a >> b;
    if ((kind != "PFX" && kind != "SFX") || flag.size() != 1 || b.empty()) continue;
    if (!(f >> c)) {  // the header: PFX flag cross-product count
      cross[kind + flag] = a == "Y";
      continue;
    }
    Affix x{cross[kind + flag], a == "0" ? "" : a, b == "0" ? "" : b.substr(0, b.find('/'))};
    (kind == "PFX" ? out.prefixes : out.suffixes)[flag[0]].push_back(std::move(x));
  }
  return out;
}

struct Entry {
  std::string word, flags;
};

// The entries of a .dic text (the first line is their count).
inline std::vector<Entry> ParseDic(const std::string& dic) {
  std::vector<Entry> out;
  std::istringstream in(dic);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t end = line.find_first_of("\t ");
    if (end != std::string::npos) line.resize(end);
    const size_t slash = line.find('/');
    Entry e{line.substr(0, slash), slash == std::string::npos ? "" : line.substr(slash + 1)};
    if (!e.word.empty()) out.push_back(std::move(e));
  }
  return out;
}

// Calls `emit` with the head word and every affixed form of `e` (a form may
// come more than once).
template <typename Emit>
void Expand(const Entry& e, const Affixes& affixes, Emit&& emit) {
  emit(e.word);
  std::vector<std::string> crossable{e.word};
  for (char f : e.flags) {
    auto it = affixes.suffixes.find(f);
    if (it == affixes.suffixes.end()) continue;
    for (const Affix& a : it->second) {
      const std::string& w = e.word;
      if (w.size() < a.strip.size() || w.compare(w.size() - a.strip.size(), a.strip.size(), a.strip) != 0) continue;
      std::string form = w.substr(0, w.size() - a.strip.size()) + a.add;
      emit(form);
      if (a.cross) crossable.push_back(std::move(form));
    }
  }
  for (char f : e.flags) {
    auto it = affixes.prefixes.find(f);
    if (it == affixes.prefixes.end()) continue;
    for (const Affix& a : it->second) {
      for (size_t k = 0; k < crossable.size() && (k == 0 || a.cross); ++k) {
        const std::string& s = crossable[k];
        if (s.compare(0, a.strip.size(), a.strip) == 0) emit(a.add + s.substr(a.strip.size()));
      }
    }
  }
}

}  // namespace replylint::lexicon_build

#endif  // REPLYLINT_TOOLS_SPELL_LEXICON_EXPAND_H_
