// The name rules: name-form, wrong-name, gender-agreement, suspicious-name
// (seeds 000 and 002: «Саша» written as «Александр», Вадим called Александр,
// «уважаемый» to a woman, «Мой господин» in the name field).
//
// All four read the shared analysis (analysis/address.h): where the reply
// addresses the customer and what the customer's own name form and gender
// are. Minimal configuration:
//   rules/name-form.yaml, rules/wrong-name.yaml, rules/gender-agreement.yaml: no params
//   rules/suspicious-name.yaml:
//     params:
//       ask_phrases: {ru: ["как к вам обращаться"], en: ["how should we address you"]}
//       keyboard_rows: [qwertyuiop, йцукенгшщзхъ]
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <optional>
#include <set>

#include "base/utf8.h"
#include "checks/check.h"
#include "checks/phrase_matcher.h"
#include "lexicon/known_names.h"
#include "lexicon/name_forms.h"
#include "lexicon/non_names.h"
#include "text/chars.h"
#include "text/visible.h"
#include "text/words.h"

namespace replylint {
namespace {

// One address whose name is not the customer's own form.
struct NameVerdict {
  Span span;
  bool same_name = false;  // another form of the customer's name (name-form), else wrong-name
  bool misspelt = false;   // wrong-name: a misspelling of the customer's name ("Claire" for Clare)
  std::string suggestion;  // the customer's form in the case the reply needs
};

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(DecodeUtf8(s, &i));
  return out;
}

// Slips between two words: letters added, dropped, changed or two neighbours
// swapped (optimal string alignment); any number past `limit` is limit + 1.
size_t Slips(const std::u32string& a, const std::u32string& b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return std::min(d[a.size()][b.size()], limit + 1);
}

// Whether `word` reads as a misspelling of `name` (both folded): the same
// first letter and one slip (two from eight letters on; names under four
// letters have too many neighbours). A word that is a given name itself is a
// misspelling only by a letter added or dropped (Claire for Clare, Sara for
// Sarah): one changed letter makes another name (Dina for Dana).
bool LooksMisspelt(const std::string& word, const std::string& name, bool known_name) {
  static constexpr size_t kLongest = 40;  // longer is no name anybody types (and the table is quadratic)
  const std::u32string w = CodePoints(word), n = CodePoints(name);
  if (n.size() < 4 || n.size() > kLongest || w.size() > kLongest || w.empty() || w[0] != n[0] || w == n) {
    return false;
  }
  const size_t limit = n.size() >= 8 ? 2 : 1;
  const size_t slips = Slips(w, n, limit);
  if (slips > limit) return false;
  if (known_name) return slips == 1 && w.size() != n.size();
  return true;
}

// Whether `folded` is somebody's name in the conversation other than in the
// reply's own address: a word of a customer's message ("my sister Claire")
// or of any author's name. Only the nearest kWindow messages are read, so a
// long conversation costs no more per reply.
bool NamedElsewhere(const MessageContext& ctx, const std::string& folded) {
  static constexpr size_t kWindow = 200;
  auto whole_word_in = [&](std::string_view text) {
    for (size_t pos = text.find(folded); pos != std::string_view::npos; pos = text.find(folded, pos + 1)) {
      size_t b = pos, e = pos + folded.size();
      bool letter_before = false;
      if (b > 0) {
        --b;
        while (b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;
        letter_before = chars::IsAlpha(DecodeUtf8(text, &b));
      }
      const bool letter_after = e < text.size() && chars::IsAlpha(DecodeUtf8(text, &e));
      if (!letter_before && !letter_after) return true;
    }
    return false;
  };
  const auto& msgs = ctx.conversation.messages;
  const size_t from = ctx.index > kWindow ? ctx.index - kWindow : 0;
  for (size_t i = from; i < msgs.size() && i < ctx.index + kWindow; ++i) {
    if (!msgs[i].author.empty() && whole_word_in(FoldForMatch(VisibleForm(msgs[i].author)))) return true;
    if (msgs[i].role == Role::kCustomer && whole_word_in(ctx.texts[i].folded())) return true;
  }
  return false;
}

bool SameForm(const std::vector<NameReading>& a, const std::vector<NameReading>& b) {
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (x.entry == y.entry && x.form == y.form) return true;
    }
  }
  return false;
}

// Keeps the capitalisation style of `like` ("АЛЕКСАНДР" -> upper case).
std::string StyleLike(const std::string& word, std::string_view like) {
  const auto ws = ScanWords(like, 0, like.size());
  if (ws.empty() || !ws[0].all_caps) return word;
  std::string out;
  for (size_t i = 0; i < word.size();)
    AppendUtf8(static_cast<char32_t>(u_toupper(static_cast<UChar32>(DecodeUtf8(word, &i)))), &out);
  return out;
}

// «Сашенька», «Настюша», «Катенька»: an affectionate diminutive built on the
// stem of the customer's form (Саша -> саш-), which no dictionary lists whole.
bool IsDiminutiveOf(const std::string& word, const std::string& customer) {
  static const char* const kSuffixes[] = {"енька", "енькой", "еньке", "еньку",   "еньки", "ечка", "ечке",
                                          "ечку",  "очка",   "очке",  "уля",     "уле",   "уся",  "уша",
                                          "ушка",  "юша",    "юшка",  "уленька", "ик",    "ок",   "чик"};
  std::u32string c;
  for (size_t i = 0; i < customer.size();) c.push_back(DecodeUtf8(customer, &i));
  if (c.size() < 3) return false;
  const char32_t last = c.back();
  if (last == U'а' || last == U'я' || last == U'й' || last == U'ь') c.pop_back();
  std::string stem;
  for (char32_t ch : c) AppendUtf8(ch, &stem);
  if (word.size() <= stem.size() || word.compare(0, stem.size(), stem) != 0) return false;
  const std::string rest = word.substr(stem.size());
  for (const char* s : kSuffixes) {
    if (rest == s) return true;
  }
  return false;
}

// Whether `word` is one of the customer's surnames, in any case («господину
// Моргану», «госпожой Ивановой» for Иванова).
bool IsSurnameOf(const std::string& word, const std::vector<std::string>& surnames) {
  const std::string w = FoldForMatch(word);
  for (const std::string& surname : surnames) {
    std::string stem = FoldForMatch(VisibleForm(surname));
    if (w == stem || NameSkeleton(w) == NameSkeleton(stem)) return true;
    for (std::string_view end : {"а", "я"}) {  // Иванова -> иванов-
      if (stem.size() > end.size() + 4 && stem.compare(stem.size() - end.size(), end.size(), end) == 0) {
        stem.resize(stem.size() - end.size());
      }
    }
    // A case ending of up to two Cyrillic letters.
    if (w.size() > stem.size() && w.size() <= stem.size() + 4 && w.compare(0, stem.size(), stem) == 0 &&
        (static_cast<unsigned char>(stem[0]) & 0x80)) {
      return true;
    }
  }
  return false;
}

std::vector<NameVerdict> JudgeNames(const MessageContext& ctx) {
  std::vector<NameVerdict> out;
  const std::string& given = ctx.customer.given;
  if (given.empty()) return out;
  const auto gw = ScanWords(given, 0, given.size());
  if (gw.size() != 1 || gw[0].span.size() != given.size() || !gw[0].capitalized) return out;  // not a plain name
  const NameForms& forms = NameForms::Instance();
  const std::string c_fold = FoldForMatch(given);
  const std::string c_skel = NameSkeleton(given);
  std::vector<NameReading> c_readings;
  for (const auto& r : forms.Readings(c_fold)) {
    if (r.grammatical_case == Case::kNom) c_readings.push_back(r);
  }
  // Whether `fold` misspells the customer's form. Not their case forms:
  // surnames grow from given names one letter off them (Петров, Петром).
  // Compared as written and as romanised: a handle gives "Kristina", the
  // reply misspells it in Cyrillic («Кристна»).
  auto misspelt = [&](const std::string& fold, bool known) {
    return (LooksMisspelt(fold, c_fold, known) || LooksMisspelt(NameSkeleton(fold), c_skel, known)) &&
           !NamedElsewhere(ctx, fold);
  };
  const std::string& s = ctx.text().text();
  // A reply that calls the customer by their name elsewhere speaks of
  // somebody else with a name closing a sentence ("Hi Clare! … my colleague
  // Claire.").
  bool named_right = false;
  for (const AddressTerm& term : ctx.addresses) {
    for (const Span& span : term.names) {
      if (term.kind != AddressTerm::Kind::kTrailing &&
          NameSkeleton(VisibleForm(s.substr(span.start, span.size()))) == c_skel) {
        named_right = true;
      }
    }
  }
  for (const AddressTerm& term : ctx.addresses) {
    const bool trailing = term.kind == AddressTerm::Kind::kTrailing;
    if (trailing && named_right) continue;
    // After "Ms." or «господин» stands a surname: the customer's is correct
    // formal address ("Dear Ms. Kim" to Grace Kim), and another word there is
    // judged only as a form of their given name ("Mr Robert" to Bob).
    if (term.surname_title && !term.names.empty() &&
        IsSurnameOf(VisibleForm(ctx.text().Slice(term.names[0])), ctx.customer.surnames)) {
      continue;
    }
    // A name from a handle may be a nickname or a brand: another name in the
    // reply says nothing against it.
    const bool own_only = trailing || term.surname_title || ctx.customer.low_confidence;
    for (const Span& span : term.names) {
      const std::string word = VisibleForm(s.substr(span.start, span.size()));
      const std::string fold = FoldForMatch(word);
      const auto& readings = forms.Readings(fold);
      // Юлия and Юля romanise alike, but one is the full form and the other
      // the short one of the same name: two forms, not two spellings.
      const bool full_and_short = std::any_of(readings.begin(), readings.end(), [&](const NameReading& r) {
        return r.grammatical_case == Case::kNom &&
               std::any_of(c_readings.begin(), c_readings.end(),
                           [&](const NameReading& c) { return c.entry == r.entry && c.full != r.full; });
      });
      if (NameSkeleton(word) == c_skel && !full_and_short) {
        // The customer's own form (Sasha = Саша, Наталия = Наталья) — unless
        // it is no name at all, only spelt with a letter doubled ("Looreen").
        if (readings.empty() && !KnownNames::Instance().Contains(fold) && misspelt(fold, false)) {
          out.push_back({span, false, true, StyleLike(given, word)});
        }
        break;
      }
      if (readings.empty()) {
        if (IsDiminutiveOf(fold, c_fold)) {  // «Сашенька» for Саша
          out.push_back({span, true, false, given});
          break;
        }
        if (misspelt(fold, KnownNames::Instance().Contains(fold))) {
          out.push_back({span, false, true, StyleLike(given, word)});  // "Pazcal" for Pascal
          break;
        }
        // A surname after a title ("Уважаемый господин Петров") or a
        // patronymic: look at the next word. A sentence-initial vocative's
        // first word is the only candidate («Передам Александру, …»).
        if (term.kind == AddressTerm::Kind::kVocative || trailing) break;
        continue;
      }
      bool own = false;
      for (const auto& r : readings) {
        if (NameSkeleton(r.form) == c_skel && !full_and_short) own = true;  // a case form: Саше, Сашу
      }
      if (own || SameForm(readings, c_readings)) break;
      NameVerdict v;
      v.span = span;
      // Prefer a reading of the customer's own name; an address is in the
      // nominative or vocative, so prefer those cases when a form is ambiguous
      // (Александра: Александр genitive, or Александра nominative).
      const NameReading* chosen = nullptr;
      int best = -1;
      for (const auto& r : readings) {
        const bool family =
            std::any_of(c_readings.begin(), c_readings.end(), [&](const NameReading& c) { return c.entry == r.entry; });
        const bool address_case = r.grammatical_case == Case::kNom || r.grammatical_case == Case::kVoc;
        const bool gender = ctx.customer.gender == Gender::kUnknown || r.entry->gender == ctx.customer.gender;
        const int rank = (family ? 4 : 0) + (address_case ? 2 : 0) + (gender ? 1 : 0);
        if (rank > best) best = rank, chosen = &r;
      }
      v.same_name = best >= 4;
      if (!v.same_name && c_readings.empty()) {
        // The customer's form is in no dictionary: Johnny / John, Alexey / Alex
        // are still one name.
        const std::string ws = NameSkeleton(word);
        const std::string base = NameSkeleton(chosen->form);
        for (const std::string& k : {ws, base}) {
          if (k.size() >= 3 && (c_skel.rfind(k, 0) == 0 || k.rfind(c_skel, 0) == 0)) v.same_name = true;
        }
      }
      // The customer's own form, in the case the reply used.
      std::string suggestion = given;
      for (const auto& c : c_readings) {
        if (!v.same_name || c.entry == chosen->entry) {
          suggestion = forms.Inflect(c, chosen->grammatical_case);
          break;
        }
      }
      if (!v.same_name) {
        if (misspelt(fold, true)) v.misspelt = true, suggestion = given;
      }
      // At a sentence's end and after a surname title only the customer's
      // own name is judged, and only in the case one addresses with.
      if (own_only && (!(v.same_name || v.misspelt) ||
                       (chosen->grammatical_case != Case::kNom && chosen->grammatical_case != Case::kVoc))) {
        break;
      }
      v.suggestion = StyleLike(suggestion, word);
      out.push_back(std::move(v));
      break;
    }
  }
  return out;
}

class NameCheck : public Check {
 public:
  NameCheck(const RuleSpec& spec, bool same_name) : Check(spec), same_name_(same_name) {}
  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    for (const NameVerdict& v : JudgeNames(ctx)) {
      if (v.same_name != same_name_) continue;
      const std::string used(ctx.text().Slice(v.span));
      const bool handle = ctx.customer.low_confidence;
      const std::string key = std::string(v.misspelt ? "misspelt" : "address") + (handle ? "_handle" : "");
      out->push_back(Make(ctx, v.span, key, "",
                          {{"customer", ctx.customer.given},
                           {"used", used},
                           {"suggestion", v.suggestion},
                           {"handle", ctx.customer.handle}}));
      out->back().suggestion = v.suggestion;  // the contract: the name form to use
      if (handle) {
        out->back().severity = Severity::kSuggestion;  // it rests on a handle: no fix without judgement
      } else {
        out->back().fix = v.suggestion;
      }
    }
  }

 private:
  bool same_name_;
};

class GenderAgreementCheck : public Check {
 public:
  using Check::Check;
  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const Gender g = ctx.customer.gender;
    if (g == Gender::kUnknown) return;
    for (const AddressTerm& term : ctx.addresses) {
      if (term.title.empty() || term.title_gender == Gender::kUnknown || term.title_gender == g) continue;
      if (SomeoneElse(ctx, term) || BothGenders(ctx, term)) continue;
      const std::string used(ctx.text().Slice(term.title));
      std::string fix = term.counterpart;
      // Keep a capital letter: «Уважаемый» -> «Уважаемая».
      if (!used.empty() && !fix.empty()) {
        size_t i = 0;
        const auto first = static_cast<UChar32>(DecodeUtf8(used, &i));
        if (u_isupper(first)) {
          size_t j = 0;
          const auto c = static_cast<UChar32>(DecodeUtf8(fix, &j));
          std::string cap;
          AppendUtf8(static_cast<char32_t>(u_toupper(c)), &cap);
          fix = cap + fix.substr(j);
        }
      }
      out->push_back(Make(ctx, term.title, g == Gender::kFemale ? "female" : "male", "",
                          {{"used", used}, {"evidence", ctx.customer.gender_evidence}, {"suggestion", fix}}));
      out->back().suggestion = fix;
      out->back().fix = fix;
    }
  }

 private:
  // "Dear Sir/Madam", «Уважаемый(ая)», "Sir or Madam": a title paired with
  // another by "/", "(" or "or" names no gender.
  static bool BothGenders(const MessageContext& ctx, const AddressTerm& term) {
    const std::string& f = ctx.text().folded();
    size_t a = term.title.end;
    while (a < f.size() && f[a] == ' ') ++a;
    if (a < f.size() && (f[a] == '/' || f[a] == '(')) return true;
    if (f.compare(a, 3, "or ") == 0 || f.compare(a, 4, "или ") == 0) return true;
    size_t b = term.title.start;
    while (b > 0 && f[b - 1] == ' ') --b;
    if (b > 0 && f[b - 1] == '/') return true;
    return (b >= 3 && f.compare(b - 3, 3, " or") == 0) || (b >= 4 && f.compare(b - 4, 4, " или") == 0);
  }

  // "Our engineer, Mr. Davies, will call" to Helen Park: a title with a name
  // that is neither the customer's given name nor their surname (compared by
  // the first four letters, so that «госпоже Морозовой» is Морозова) is
  // about a third person. Only when the customer's surname is known.
  static bool SomeoneElse(const MessageContext& ctx, const AddressTerm& term) {
    if (term.names.empty() || ctx.customer.surnames.empty()) return false;
    auto head = [](std::string_view w) {
      const std::string f = FoldForMatch(w);
      size_t i = 0;
      for (int k = 0; k < 4 && i < f.size(); ++k) DecodeUtf8(f, &i);
      return f.substr(0, i);
    };
    std::set<std::string> own = {head(ctx.customer.given)};
    for (const std::string& s : ctx.customer.surnames) own.insert(head(s));
    for (const Span& n : term.names) {
      if (own.count(head(ctx.text().Slice(n)))) return false;
    }
    return true;
  }
};

class SuspiciousNameCheck : public Check {
 public:
  SuspiciousNameCheck(const RuleSpec& spec, std::map<Lang, PhraseMatcher> ask, std::vector<std::string> rows)
      : Check(spec), ask_(std::move(ask)), rows_(std::move(rows)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    if (ctx.conversation.customer.name.empty()) return;
    const std::string name = Trimmed(VisibleForm(ctx.conversation.customer.name));
    const std::string kind = Classify(name);
    if (kind.empty()) return;
    const Span where = FindAddressed(ctx, FoldForMatch(name));
    if (where.empty()) return;
    const bool obscene = kind == "obscene";
    if (!obscene) {
      for (const auto& [lang, m] : ask_) {
        if (!m.Find(ctx.text().folded()).empty()) return;  // the reply asks how to address them
      }
    }
    Finding f = Make(ctx, where, obscene ? "obscene" : "suspicious", obscene ? "obscene" : "ask",
                     {{"name", name}, {"kind", kind}});
    if (obscene) f.severity = Severity::kError;
    out->push_back(std::move(f));
  }

 private:
  static std::string Trimmed(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t");
    const size_t e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  }

  // Why the name field is no personal name, or empty when it may be one.
  std::string Classify(const std::string& raw) const {
    const std::string name = Trimmed(raw);
    const std::string folded = FoldForMatch(name);
    const auto words = ScanWords(name, 0, name.size());
    const NonNames& nn = NonNames::Instance();
    for (const Word& w : words) {
      if (nn.IsObscene(FoldForMatch(std::string_view(name).substr(w.span.start, w.span.size())))) return "obscene";
    }
    if (nn.IsObscene(folded)) return "obscene";
    if (const std::string k = nn.Kind(folded); !k.empty()) return k;
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < name.size();) {
      const auto c = static_cast<UChar32>(DecodeUtf8(name, &i));
      if (u_isdigit(c)) ++digits;
      if (u_isalpha(c)) ++letters;
    }
    if (digits > 0) return "digits";
    if (letters == 0) return "placeholder";
    // A known given name is a name, whatever else it looks like.
    for (const Word& w : words) {
      if (!NameForms::Instance()
               .Readings(FoldForMatch(std::string_view(name).substr(w.span.start, w.span.size())))
               .empty()) {
        return "";
      }
    }
    if (IsKeyboardMash(folded)) return "keyboard";
    return "";
  }

  // qwerty, йцукен, asdf, фыва, ааааа, jjjj; a long run with no vowel.
  // A name may be in any script, and the vowel tests know only Latin and
  // Cyrillic vowels: a name with letters of another script (Γιώργος) is
  // judged by the keyboard rows and repeated letters alone. Two letters, a
  // vowel and a consonant, make a reduplicated name (Ñoño, Lala), no mash.
  bool IsKeyboardMash(const std::string& folded) const {
    std::u32string w;
    bool other_script = false;
    for (size_t i = 0; i < folded.size();) {
      const char32_t c = DecodeUtf8(folded, &i);
      if (!u_isalpha(static_cast<UChar32>(c))) continue;
      w.push_back(c);
      UErrorCode err = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &err);
      other_script = other_script || (script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC);
    }
    if (w.size() < 3) return false;
    for (const auto& row : rows_) {
      std::u32string r;
      for (size_t i = 0; i < row.size();) r.push_back(DecodeUtf8(row, &i));
      if (w.size() >= 4 && r.find(w.substr(0, 4)) != std::u32string::npos) return true;
    }
    std::set<char32_t> distinct(w.begin(), w.end());
    if (distinct.size() == 1 && w.size() >= 4) return true;
    if (other_script) return false;
    static const std::u32string kVowels = U"aeiouyаеиоуыэюяё";
    const auto vowels = std::count_if(distinct.begin(), distinct.end(),
                                      [](char32_t c) { return kVowels.find(c) != std::u32string::npos; });
    if (distinct.size() == 2 && w.size() >= 4 && vowels != 1) return true;
    size_t run = 0, longest = 0;
    for (char32_t c : w) {
      run = kVowels.find(c) == std::u32string::npos ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    return longest >= 5;
  }

  // Where the reply addresses the customer with `folded_name`: in the greeting
  // line, set off by commas, or as an address term's name.
  // A name field longer than kMaxSearchedName bytes is looked for in no
  // reply: nobody is addressed by 200 bytes of it, and each occurrence of a
  // long repetitive one («Аааа…») would cost its length (quadratic).
  static constexpr size_t kMaxSearchedName = 200;
  Span FindAddressed(const MessageContext& ctx, const std::string& folded_name) const {
    if (folded_name.empty() || folded_name.size() > kMaxSearchedName) return {};
    // Looked for in the reply's visible form ("Ad\u200Bmin" is Admin), and
    // reported at the bytes it came from; the address terms hold those.
    const auto visible = VisibleText::Of(ctx.text().text());
    std::optional<MessageText> shown;
    if (visible) shown = MessageText::Build(visible->text(), ctx.text().lang());
    const MessageText& t = shown ? *shown : ctx.text();
    const std::string& f = t.folded();
    for (size_t pos = f.find(folded_name); pos != std::string::npos; pos = f.find(folded_name, pos + 1)) {
      const size_t end = pos + folded_name.size();
      if (t.InQuote(pos, end)) continue;
      const Span source = visible ? visible->ToSource({pos, end}) : Span{pos, end};
      auto letter = [&](size_t at, bool before) {
        if (before ? at == 0 : at >= f.size()) return false;
        size_t i = before ? at - 1 : at;
        while (before && i > 0 && (static_cast<unsigned char>(f[i]) & 0xC0) == 0x80) --i;
        return u_isalpha(static_cast<UChar32>(DecodeUtf8(f, &i))) != 0;
      };
      if (letter(pos, true) || letter(end, false)) continue;
      for (const AddressTerm& a : ctx.addresses) {
        if (a.kind == AddressTerm::Kind::kGreeting && a.after_greeting == source.start) return source;
        for (const Span& n : a.names) {
          if (n.start >= source.start && n.start < source.end) return source;
        }
      }
      // A phrase the address finder does not see as names («мой господин»):
      // after a greeting or a comma, before punctuation.
      size_t b = pos;
      while (b > 0 && (f[b - 1] == ' ' || f[b - 1] == '\t')) --b;
      const char prev = b == 0 ? '\n' : f[b - 1];
      size_t e = end;
      while (e < f.size() && (f[e] == ' ' || f[e] == '\t')) ++e;
      const char next = e >= f.size() ? '\n' : f[e];
      const bool after = prev == ',' || prev == '\n' || prev == '!' || prev == '.';
      const bool before_punct =
          next == ',' || next == '!' || next == '.' || next == '\n' || next == '?' || next == '\r';
      if (after && before_punct) return source;
    }
    return {};
  }

  std::map<Lang, PhraseMatcher> ask_;
  std::vector<std::string> rows_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeNameFormCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"address", "address_handle"}, {}); !st.ok()) return st;
  if (Status st = ParamReader(spec).Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new NameCheck(spec, true));
}

StatusOr<std::unique_ptr<Check>> MakeWrongNameCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"address", "misspelt", "misspelt_handle"}, {}); !st.ok()) return st;
  if (Status st = ParamReader(spec).Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new NameCheck(spec, false));
}

StatusOr<std::unique_ptr<Check>> MakeGenderAgreementCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"female", "male"}, {}); !st.ok()) return st;
  if (Status st = ParamReader(spec).Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new GenderAgreementCheck(spec));
}

StatusOr<std::unique_ptr<Check>> MakeSuspiciousNameCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"suspicious", "obscene"}, {"ask", "obscene"}); !st.ok()) return st;
  ParamReader params(spec);
  auto ask = PhraseMatchersByLang(params, "ask_phrases");
  if (!ask.ok()) return ask.status();
  auto rows = params.Strings("keyboard_rows");
  if (!rows.ok()) return rows.status();
  for (auto& r : *rows) r = FoldForMatch(r);
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new SuspiciousNameCheck(spec, std::move(*ask), std::move(*rows)));
}

}  // namespace replylint
