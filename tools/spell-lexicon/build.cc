// Builds the compiled spelling lexicon (src/checks/spell_lexicon.h) at build
// time: Debian's ru_RU, en_US and en_GB with the support vocabulary,
// expanded into their forms, kept where Hunspell itself accepts them
// exactly as written, and put into one MARISA trie
// (one tag byte per dictionary before each word) after a header with a
// hash of the source texts, and a filter of its keys and of the
// beginnings of forms.
//
//   spell-lexicon-build HUNSPELL_DIR SUPPORT_DIR OUT
//
// The forms come from expand.h: a superset of what these dictionaries
// accept (every affix a head word's flags name, conditions untested), of
// which Hunspell keeps what it accepts as written. (Hunspell's unmunch was
// tried first: it both invents forms, ignoring some conditions, and misses
// accepted ones — «загребу», "abbreviatory".) The equality test proves the
// rest.
#include <marisa.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <hunspell/hunspell.hxx>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/utf8.h"
#include "checks/affix_forms.h"
#include "checks/spell_lexicon.h"
#include "expand.h"

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "spell-lexicon-build: cannot read " << path << "\n";
    std::exit(1);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  using replylint::kLexiconDictNames;
  using replylint::kLexiconDicts;
  namespace lb = replylint::lexicon_build;
  if (argc != 4) {
    std::cerr << "usage: spell-lexicon-build HUNSPELL_DIR SUPPORT_DIR OUT\n";
    return 2;
  }
  const std::string dir = argv[1], support = argv[2], out_path = argv[3];
  replylint::LexiconHeader header{};
  std::memcpy(header.magic, replylint::kLexiconMagic, sizeof(header.magic));
  marisa::Keyset keys;
  using Filter = replylint::LexiconFilter;
  std::vector<uint64_t> filter_only;  // hashes of the filter's keys that the trie lacks
  size_t total = 0;
  for (int d = 0; d < kLexiconDicts; ++d) {
    const std::string base = dir + "/" + kLexiconDictNames[d];
    const std::string add_on_path = support + "/support-" + kLexiconDictNames[d] + ".dic";
    const std::string aff = ReadAll(base + ".aff"), dic = ReadAll(base + ".dic"), add_on = ReadAll(add_on_path);
    replylint::LexiconSourceHash hash;
    for (const std::string* text : {&aff, &dic, &add_on}) hash.AddText(*text);
    header.hashes[d] = hash.value();
    header.add_on_hashes[d] = replylint::LexiconSourceHash::Of(add_on);
    for (int f = 0; f < 2; ++f) {
      const std::string path = base + (f == 0 ? ".aff" : ".dic");
      const auto stamp = replylint::StampOf(path);
      if (!stamp) {
        std::cerr << "spell-lexicon-build: cannot stat " << path << "\n";
        return 1;
      }
      header.stamps[d][f] = *stamp;
    }
    Hunspell h((base + ".aff").c_str(), (base + ".dic").c_str());
    if (h.add_dic(add_on_path.c_str()) != 0) {
      std::cerr << "spell-lexicon-build: cannot add " << add_on_path << "\n";
      return 1;
    }
    std::unordered_set<std::string> seen;
    // The beginnings of forms, the forms themselves too, for the filter
    // alone (SpellLexicon::MayBegin).
    const char begin_tag = static_cast<char>(replylint::kLexiconBeginTag + d);
    std::unordered_set<uint64_t> begins;
    auto add_beginnings = [&](const std::string& form) {
      uint64_t walk = Filter::kWalkStart;
      for (size_t i = 0; i < form.size();) {
        walk = Filter::Walk(walk, replylint::DecodeUtf8(form, &i));
        if (const uint64_t hash = Filter::WalkHash(begin_tag, walk); begins.insert(hash).second) {
          filter_only.push_back(hash);
        }
      }
    };
    // Whether the key was new.
    auto add = [&](char tag, const std::string& w) {
      std::string key(1, static_cast<char>(tag + d));
      key += w;
      if (!seen.insert(key).second) return false;
      keys.push_back(key.data(), key.size());
      return true;
    };
    const lb::Affixes affixes = lb::ParseAff(aff);
    size_t kept = 0, dropped = 0, roots = 0;
    for (const std::string* text : {&dic, &add_on}) {
      for (const lb::Entry& e : lb::ParseDic(*text)) {
        lb::Expand(e, affixes, [&](const std::string& form) {
          if (seen.count(std::string(1, static_cast<char>(replylint::kLexiconFormTag + d)) + form) != 0) return;
          if (h.spell(form)) {
            add(replylint::kLexiconFormTag, form);
            add_beginnings(form);
            ++kept;
          } else {
            ++dropped;
          }
        });
        // A head word that stem() gives back as itself (AcceptsRussianForm's lemma).
        if (!h.spell(e.word)) continue;
        for (const std::string& s : h.stem(e.word)) {
          if (s == e.word) {
            add(replylint::kLexiconRootTag, e.word);
            ++roots;
            break;
          }
        }
      }
    }
    // The starts of head words, for the spelling rule's abbreviations
    // (SpellLexicon::StartsLongerStem), where AffixForms models the files.
    size_t starts = 0;
    if (const auto forms = replylint::AffixForms::Create({{aff, {dic, add_on}}}); forms != nullptr) {
      add(replylint::kLexiconStemStartTag, "");
      forms->ForEachStem([&](std::string_view stem) {
        for (size_t k = 1; k <= replylint::kLexiconStemStart && k + 2 <= stem.size(); ++k) {
          starts += add(replylint::kLexiconStemStartTag, std::string(stem.substr(0, k))) ? 1 : 0;
        }
      });
    }
    total += kept;
    std::cerr << "spell-lexicon-build: " << kLexiconDictNames[d] << ": " << kept << " forms (of " << kept + dropped
              << " generated), " << roots << " head words, " << starts << " starts of head words, " << begins.size()
              << " beginnings of forms\n";
  }
  marisa::Trie trie;
  trie.build(keys, static_cast<int>(MARISA_DEFAULT_NUM_TRIES) | static_cast<int>(MARISA_BINARY_TAIL) |
                       static_cast<int>(MARISA_LABEL_ORDER));
  std::ostringstream body;
  body << trie;
  const std::string trie_bytes = body.str();
  // The filter of every key (LexiconFilter), after the trie.
  const uint64_t blocks = std::max<uint64_t>(1, ((keys.size() + filter_only.size()) * Filter::kBitsPerKey + 511) / 512);
  std::vector<Filter::Block> filter(blocks, Filter::Block{});
  auto add_to_filter = [&](uint64_t hash) { Filter::Add(hash, &filter[Filter::BlockOf(hash, blocks)]); };
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string_view key(keys[i].ptr(), keys[i].length());
    add_to_filter(Filter::Hash(key[0], key.substr(1)));
  }
  for (const uint64_t hash : filter_only) add_to_filter(hash);
  header.trie_offset = (sizeof(header) + 7) / 8 * 8;
  header.trie_size = trie_bytes.size();
  header.filter_offset = (header.trie_offset + header.trie_size + sizeof(Filter::Block) - 1) / sizeof(Filter::Block) *
                         sizeof(Filter::Block);
  header.filter_blocks = blocks;
  const std::string zeros(sizeof(Filter::Block), '\0');
  std::ofstream out(out_path + ".tmp", std::ios::binary);
  out.write(reinterpret_cast<const char*>(&header), sizeof(header));
  out.write(zeros.data(), static_cast<std::streamsize>(header.trie_offset - sizeof(header)));
  out << trie_bytes;
  out.write(zeros.data(), static_cast<std::streamsize>(header.filter_offset - header.trie_offset - header.trie_size));
  out.write(reinterpret_cast<const char*>(filter.data()), static_cast<std::streamsize>(blocks * sizeof(Filter::Block)));
  out.close();
  if (!out || std::rename((out_path + ".tmp").c_str(), out_path.c_str()) != 0) {
    std::cerr << "spell-lexicon-build: cannot write " << out_path << "\n";
    return 1;
  }
  std::cerr << "spell-lexicon-build: " << total << " forms, " << header.trie_size << " bytes of trie, "
            << blocks * sizeof(Filter::Block) << " of filter\n";
  return 0;
}
