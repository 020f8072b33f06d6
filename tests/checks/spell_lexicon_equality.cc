// The equality test of the compiled spelling lexicon (src/checks/
// spell_lexicon.h): on every word Hunspell could accept and many it must
// not, the lexicon's verdict is Hunspell's — zero differences — or it
// leaves the word to Hunspell (kAsk).
//
// Words tried, per dictionary (ru_RU, en_US, en_GB with the support
// vocabulary):
//   - every head word with every affix its flags name, the prefix and the
//     suffix together where both allow it, whatever the affix conditions
//     say (tools/spell-lexicon/expand.h): a superset of what these
//     dictionaries (no compounds but of digits, no affixes on affixes)
//     accept — every accepted one, a seventh of the rejected ones;
//   - each accepted one in lower case, with an initial capital and in
//     capitals;
//   - edits of every seventh (a letter dropped, doubled, swapped with its
//     neighbour, replaced, added, a hyphen put in): misspellings;
//   - the words of the repository's corpus/ and, when the directory exists,
//     of REPLYLINT_REALDATA (real replies, read here and never kept).
// The head-word test AcceptsRussianForm relies on (spell() and stem()
// giving the word back) is compared on the head words and their variants,
// and the starts of head words (the abbreviation test) with AffixForms'.
// The filter of the beginnings of forms (MayBegin, which lets the
// correction search stop early) must take every beginning of every
// accepted form for one, and at most one in 50 of the other words'
// beginnings.
//
//   spell_lexicon_equality HUNSPELL_DIR SUPPORT_DIR CORPUS_DIR [REALDATA_DIR]
//
// REPLYLINT_LEXICON_SAMPLE=N tries only every Nth head word (the sanitizer
// build's run, which looks for memory errors; the Release run proves
// equality on all of them).
#include <unicode/uchar.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <hunspell/hunspell.hxx>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/utf8.h"
#include "checks/affix_forms.h"
#include "checks/spell_lexicon.h"
#include "spell-lexicon/expand.h"

namespace {

using replylint::SpellLexicon;
namespace lb = replylint::lexicon_build;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::u32string U32(const std::string& s) { return replylint::ToU32(s); }
std::string U8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) replylint::AppendUtf8(c, &out);
  return out;
}

// Lower case, initial capital, capitals.
std::vector<std::string> CaseVariants(const std::string& w) {
  std::u32string lo = U32(w), up = lo;
  for (char32_t& c : lo) c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  for (char32_t& c : up) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
  std::u32string init = lo;
  if (!init.empty()) init[0] = up[0];
  return {U8(lo), U8(init), U8(up)};
}

std::vector<std::string> Edits(const std::string& w, std::mt19937* rng, const std::u32string& alphabet) {
  const std::u32string u = U32(w);
  std::vector<std::string> out;
  if (u.size() < 2) return out;
  std::uniform_int_distribution<size_t> at(0, u.size() - 1), letter(0, alphabet.size() - 1);
  const size_t i = at(*rng), j = at(*rng);
  std::u32string e = u;
  e.erase(i, 1);
  out.push_back(U8(e));
  e = u;
  e.insert(i, 1, u[i]);
  out.push_back(U8(e));
  e = u;
  if (i + 1 < u.size()) std::swap(e[i], e[i + 1]);
  out.push_back(U8(e));
  e = u;
  e[j] = alphabet[letter(*rng)];
  out.push_back(U8(e));
  e = u;
  e.insert(j, 1, alphabet[letter(*rng)]);
  out.push_back(U8(e));
  e = u;
  e.insert(i, 1, U'-');
  out.push_back(U8(e));
  return out;
}

// The words of a JSON Lines or text file: runs of letters, hyphens and
// apostrophes (JSON escapes are rare in these words and only add noise).
void Tokens(const std::string& text, std::unordered_set<std::string>* out) {
  std::u32string cur;
  for (size_t i = 0; i <= text.size();) {
    const char32_t c = i < text.size() ? replylint::DecodeUtf8(text, &i) : (++i, U' ');
    if (u_isalpha(static_cast<UChar32>(c)) || ((c == '-' || c == '\'') && !cur.empty())) {
      cur.push_back(c);
      continue;
    }
    while (!cur.empty() && (cur.back() == '-' || cur.back() == '\'')) cur.pop_back();
    if (cur.size() >= 2 && cur.size() < 40) out->insert(U8(cur));
    cur.clear();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: spell_lexicon_equality HUNSPELL_DIR SUPPORT_DIR CORPUS_DIR [REALDATA_DIR]\n";
    return 2;
  }
  const std::string dir = argv[1], support = argv[2], corpus = argv[3];
  const std::string realdata = argc > 4 ? argv[4] : "";
  const char* sample_env = std::getenv("REPLYLINT_LEXICON_SAMPLE");
  const size_t sample =
      sample_env != nullptr && std::atoi(sample_env) > 1 ? static_cast<size_t>(std::atoi(sample_env)) : 1;
  std::unordered_set<std::string> texts;
  for (const std::string& d : {corpus, realdata}) {
    if (d.empty() || !std::filesystem::is_directory(d)) continue;
    for (const auto& f : std::filesystem::recursive_directory_iterator(d)) {
      if (f.is_regular_file()) Tokens(ReadAll(f.path().string()), &texts);
    }
  }
  size_t differences = 0;
  for (int d = 0; d < replylint::kLexiconDicts; ++d) {
    const std::string name = replylint::kLexiconDictNames[d];
    const std::string base = dir + "/" + name, add_on_path = support + "/support-" + name + ".dic";
    const std::string add_on = ReadAll(add_on_path);
    const SpellLexicon* lex = SpellLexicon::ForDictionary(static_cast<replylint::LexiconDict>(d), dir, add_on);
    if (lex == nullptr) {
      std::cerr << name << ": no compiled lexicon for these dictionary files\n";
      return 1;
    }
    Hunspell h((base + ".aff").c_str(), (base + ".dic").c_str());
    h.add_dic(add_on_path.c_str());
    const lb::Affixes affixes = lb::ParseAff(ReadAll(base + ".aff"));
    std::vector<lb::Entry> entries = lb::ParseDic(ReadAll(base + ".dic"));
    for (lb::Entry& e : lb::ParseDic(add_on)) entries.push_back(std::move(e));

    size_t checked = 0, asked = 0, shown = 0, dict_differences = 0;
    std::unordered_set<std::string> seen;
    auto compare = [&](const std::string& w) {
      if (!seen.insert(w).second) return;
      ++checked;
      const SpellLexicon::Verdict v = lex->Spell(w);
      if (v == SpellLexicon::Verdict::kAsk) {
        ++asked;
        return;
      }
      const bool want = h.spell(w);
      if ((v == SpellLexicon::Verdict::kYes) != want) {
        ++dict_differences;
        if (shown++ < 20) std::cerr << name << ": \"" << w << "\": Hunspell " << want << ", lexicon " << !want << "\n";
      }
    };
    const std::u32string alphabet = d == 0 ? U"оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъё" : U"etaoinshrdlcumwfgypbvkjxqz'";
    std::mt19937 rng(20261205 + d);
    // Every beginning of an accepted form (the form too) may begin one
    // (MayBegin); the beginnings are kept (as their walks: 64-bit hashes)
    // to count the filter's false "may"s on the other words' beginnings
    // below.
    std::unordered_set<uint64_t> beginnings;
    size_t walked = 0;
    auto walk_form = [&](const std::string& w) {
      uint64_t walk = replylint::LexiconFilter::kWalkStart;
      for (size_t i = 0; i < w.size();) {
        walk = replylint::LexiconFilter::Walk(walk, replylint::DecodeUtf8(w, &i));
        ++walked;
        beginnings.insert(walk);
        if (!lex->MayBegin(walk)) {
          ++dict_differences;
          if (shown++ < 40) std::cerr << name << ": \"" << w.substr(0, i) << "\" begins a form; the filter says not\n";
        }
      }
    };
    size_t forms = 0;
    // A generated form Hunspell accepts is tried in every case and, one in
    // seven, misspelt; one it rejects is tried one in seven (the builder
    // asked Hunspell about each already).
    auto with_variants = [&](const std::string& w) {
      if (seen.count(w) != 0) return;
      ++forms;
      const bool accepted = h.spell(w);
      if (accepted) walk_form(w);
      if (!accepted && forms % 7 != 0) return;
      compare(w);
      for (const std::string& v : CaseVariants(w)) compare(v);
      if (forms % 7 == 0) {
        for (const std::string& e : Edits(w, &rng, alphabet)) compare(e);
      }
    };
    for (size_t k = 0; k < entries.size(); k += sample) lb::Expand(entries[k], affixes, with_variants);
    for (const std::string& w : texts) compare(w);
    // The beginnings of every other word tried (case variants, misspellings,
    // the corpus words) that begin no form: how often the filter says "may".
    size_t other_beginnings = 0, false_may = 0;
    for (const std::string& w : seen) {
      uint64_t walk = replylint::LexiconFilter::kWalkStart;
      for (size_t i = 0; i < w.size();) {
        walk = replylint::LexiconFilter::Walk(walk, replylint::DecodeUtf8(w, &i));
        if (beginnings.count(walk) != 0) continue;
        ++other_beginnings;
        false_may += lex->MayBegin(walk) ? 1 : 0;
      }
    }
    beginnings.clear();
    // Under one in 100 is expected; with a sample, the beginnings of the
    // forms left out would count as false.
    if (sample == 1 && false_may * 50 > other_beginnings) {
      ++dict_differences;
      std::cerr << name << ": the filter says a form may begin with " << false_may << " of " << other_beginnings
                << " beginnings of none\n";
    }
    // The head-word test (spell() and stem() give the word back), for the
    // Russian forms rule.
    size_t roots_checked = 0;
    if (d == 0) {
      for (size_t k = 0; k < entries.size(); k += 3 * sample) {
        for (const std::string& w : CaseVariants(entries[k].word)) {
          for (const std::string& x : {w, w + "а", w.substr(0, w.size() > 2 ? w.size() - 2 : 0)}) {
            const SpellLexicon::Verdict v = lex->IsRoot(x);
            if (v == SpellLexicon::Verdict::kAsk) continue;
            ++roots_checked;
            bool want = false;
            if (h.spell(x)) {
              for (const std::string& s : h.stem(x)) want = want || s == x;
            }
            if ((v == SpellLexicon::Verdict::kYes) != want) {
              ++dict_differences;
              if (shown++ < 40) std::cerr << name << ": head word \"" << x << "\": Hunspell " << want << "\n";
            }
          }
        }
      }
    }
    // The starts of head words the abbreviation test asks for, against
    // AffixForms reading the files: the first 1 to 7 letters of every 11th
    // head word (7 is beyond the lexicon: it must say kAsk), each with a
    // letter replaced, and the corpus words.
    size_t starts_checked = 0;
    const auto affix_forms =
        replylint::AffixForms::Create({{ReadAll(base + ".aff"), {ReadAll(base + ".dic"), add_on}}});
    if (affix_forms == nullptr) {
      std::cerr << name << ": AffixForms cannot model these files\n";
      return 1;
    }
    std::unordered_set<std::u32string> starts_seen;
    auto compare_start = [&](const std::u32string& w) {
      if (w.empty() || !starts_seen.insert(w).second) return;
      const SpellLexicon::Verdict v = lex->StartsLongerStem(w);
      if (v == SpellLexicon::Verdict::kAsk) {
        if (w.size() <= replylint::kLexiconStemStart) {
          ++dict_differences;
          if (shown++ < 40) std::cerr << name << ": start \"" << U8(w) << "\" left to AffixForms\n";
        }
        return;
      }
      ++starts_checked;
      const bool want = affix_forms->StartsLongerStem(w, 2);
      if ((v == SpellLexicon::Verdict::kYes) != want) {
        ++dict_differences;
        if (shown++ < 40) std::cerr << name << ": start \"" << U8(w) << "\": AffixForms " << want << "\n";
      }
    };
    for (size_t k = 0; k < entries.size(); k += 11 * sample) {
      const std::u32string head = U32(CaseVariants(entries[k].word)[0]);
      for (size_t n = 1; n <= replylint::kLexiconStemStart + 1 && n <= head.size(); ++n) {
        std::u32string start = head.substr(0, n);
        compare_start(start);
        start[n - 1] = alphabet[(k + n) % alphabet.size()];
        compare_start(start);
      }
    }
    for (const std::string& w : texts) {
      if (U32(w).size() <= replylint::kLexiconStemStart + 1) compare_start(U32(CaseVariants(w)[0]));
    }
    std::cout << name << ": " << checked << " words compared (" << asked << " left to Hunspell), " << roots_checked
              << " head-word tests, " << starts_checked << " starts of head words, " << walked
              << " beginnings of forms walked (" << false_may << " of " << other_beginnings
              << " other beginnings taken for one), " << dict_differences << " differences\n";
    differences += dict_differences;
  }
  std::cout << (differences == 0 ? "equal\n" : "DIFFERENT\n");
  return differences == 0 ? 0 : 1;
}
