#include "lexicon/name_forms.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_map>

#include "base/string_hash.h"
#include "base/utf8.h"
#include "text/message_text.h"

namespace replylint {
namespace {

const char* Romanise(char32_t c) {
  switch (c) {
    case U'а':
      return "a";
    case U'б':
      return "b";
    case U'в':
      return "v";
    case U'г':
      return "g";
    case U'д':
      return "d";
    case U'е':
      return "e";
    case U'ё':
      return "e";
    case U'ж':
      return "zh";
    case U'з':
      return "z";
    case U'и':
      return "i";
    case U'й':
      return "y";
    case U'к':
      return "k";
    case U'л':
      return "l";
    case U'м':
      return "m";
    case U'н':
      return "n";
    case U'о':
      return "o";
    case U'п':
      return "p";
    case U'р':
      return "r";
    case U'с':
      return "s";
    case U'т':
      return "t";
    case U'у':
      return "u";
    case U'ф':
      return "f";
    case U'х':
      return "h";
    case U'ц':
      return "ts";
    case U'ч':
      return "ch";
    case U'ш':
      return "sh";
    case U'щ':
      return "sh";
    case U'ъ':
      return "";
    case U'ы':
      return "y";
    case U'ь':
      return "";
    case U'э':
      return "e";
    case U'ю':
      return "yu";
    case U'я':
      return "ya";
    default:
      return nullptr;
  }
}

// Left to right, without rescanning a replacement. Into a new string: a
// replace in place moves the whole tail each time, quadratic in a long word.
void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  size_t p = s->find(from);
  if (p == std::string::npos) return;
  std::string out;
  out.reserve(s->size());
  size_t done = 0;
  for (; p != std::string::npos; p = s->find(from, done)) {
    out.append(*s, done, p - done);
    out.append(to);
    done = p + from.size();
  }
  out.append(*s, done, std::string::npos);
  s->swap(out);
}

std::string MakeSkeleton(std::string_view name) {
  std::string s;
  for (size_t i = 0; i < name.size();) {
    const char32_t c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(DecodeUtf8(name, &i))));
    if (const char* r = Romanise(c)) {
      s += r;
    } else if (c < 0x80 && std::isalpha(static_cast<int>(c))) {
      s += static_cast<char>(c);
    } else if (c >= 0xC0 && c < 0x250) {
      // Latin letters with diacritics: keep the base letter when ICU knows it.
      AppendUtf8(c, &s);
    }
  }
  // Spelling variants of one romanised name.
  ReplaceAll(&s, "x", "ks");
  ReplaceAll(&s, "kh", "h");
  ReplaceAll(&s, "tch", "ch");
  ReplaceAll(&s, "sch", "sh");
  ReplaceAll(&s, "shch", "sh");
  ReplaceAll(&s, "tz", "ts");
  ReplaceAll(&s, "j", "y");
  ReplaceAll(&s, "w", "v");
  ReplaceAll(&s, "ph", "f");
  ReplaceAll(&s, "iy", "i");
  ReplaceAll(&s, "yi", "i");
  ReplaceAll(&s, "ii", "i");
  ReplaceAll(&s, "ia", "ya");
  ReplaceAll(&s, "iu", "yu");
  ReplaceAll(&s, "ie", "e");
  ReplaceAll(&s, "ye", "e");
  ReplaceAll(&s, "yo", "e");
  ReplaceAll(&s, "ch", "\x01");  // keep ч while a lone c becomes k (Nicolai/Nikolay)
  ReplaceAll(&s, "c", "k");
  ReplaceAll(&s, "\x01", "ch");
  // Collapse doubled letters (Anna/Ana in romanisations, Filipp/Filip).
  std::string out;
  for (char ch : s) {
    if (out.empty() || out.back() != ch) out += ch;
  }
  // A final y/i after a vowel-less ending: Dmitriy/Dmitri/Dmitry.
  if (out.size() > 2 && (out.back() == 'y' || out.back() == 'i')) out.back() = 'i';
  return out;
}

}  // namespace

std::string NameSkeleton(std::string_view name) {
  // The same names come back in every reply of a conversation (the
  // customer's, the agent's): each thread keeps the skeletons it made, up
  // to a bound.
  constexpr size_t kMemo = 4096;
  thread_local std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> memo;
  if (auto it = memo.find(name); it != memo.end()) return it->second;
  std::string skeleton = MakeSkeleton(name);
  if (memo.size() >= kMemo) memo.clear();
  memo.emplace(name, skeleton);
  return skeleton;
}

NameForms::NameForms(const GivenNames& names, const Declension& declension) : declension_(declension) {
  for (const NameEntry& e : names.entries()) {
    std::vector<std::pair<std::string, bool>> forms{{e.full, true}};
    for (const auto& s : e.short_forms) forms.emplace_back(s, false);
    for (const auto& [form, full] : forms) {
      if (e.lang == Lang::kRu) {
        const auto cases = declension.Decline(form, e.gender);
        for (size_t k = 0; k < kCaseCount; ++k) {
          if (!cases[k].empty()) Add(cases[k], {&e, form, full, static_cast<Case>(k)});
        }
      } else {
        Add(form, {&e, form, full, Case::kNom});
      }
    }
    // Latin spellings of Russian names stand for the form they romanise.
    for (const auto& t : e.translit) {
      const std::string sk = NameSkeleton(t);
      const std::string* best = &e.full;
      bool full = true;
      for (const auto& [form, is_full] : forms) {
        if (NameSkeleton(form) == sk) {
          best = &form;
          full = is_full;
          break;
        }
      }
      // No exact romanisation (Alexander for Александр): the full form.
      Add(t, {&e, *best, full, Case::kNom});
    }
  }
}

void NameForms::Add(const std::string& written, const NameReading& r) {
  auto& list = index_[FoldForMatch(written)];
  for (const auto& x : list) {
    if (x.entry == r.entry && x.form == r.form && x.grammatical_case == r.grammatical_case) return;
  }
  list.push_back(r);
}

const NameForms& NameForms::Instance() {
  static const NameForms* instance = new NameForms(GivenNames::Instance(), Declension::Instance());
  return *instance;
}

const std::vector<NameReading>& NameForms::Readings(std::string_view folded) const {
  static const std::vector<NameReading> kNone;
  auto it = index_.find(std::string(folded));
  return it == index_.end() ? kNone : it->second;
}

std::string NameForms::Inflect(const NameReading& as, Case c) const {
  if (as.entry->lang != Lang::kRu || c == Case::kNom) return as.form;
  const auto cases = declension_.Decline(as.form, as.entry->gender);
  const std::string& v = cases[static_cast<size_t>(c)];
  return v.empty() ? as.form : v;
}

}  // namespace replylint
