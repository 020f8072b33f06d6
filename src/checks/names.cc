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
#include "lexicon/name_forms.h"
#include "lexicon/non_names.h"
#include "text/visible.h"
#include "text/words.h"

namespace replylint {
namespace {

// One address whose name is not the customer's own form.
struct NameVerdict {
  Span span;
  bool same_name = false;  // another form of the customer's name (name-form), else wrong-name
  std::string suggestion;  // the customer's form in the case the reply needs
};

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
  static const char* const kSuffixes[] = {"енька", "енькой", "еньке", "еньку", "еньки", "ечка", "ечке", "ечку",
                                          "очка",  "очке",   "уля",   "уле",   "уся",   "уша",  "ушка", "юша",
                                          "юшка",  "уленька", "ик",   "ок",    "чик"};
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
  const std::string& s = ctx.text().text();
  for (const AddressTerm& term : ctx.addresses) {
    for (const Span& span : term.names) {
      const std::string word = VisibleForm(s.substr(span.start, span.size()));
      const std::string fold = FoldForMatch(word);
      if (NameSkeleton(word) == c_skel) break;  // the customer's own form (Sasha = Саша)
      const auto& readings = forms.Readings(fold);
      if (readings.empty()) {
        if (IsDiminutiveOf(fold, c_fold)) {  // «Сашенька» for Саша
          out.push_back({span, true, given});
          break;
        }
        // A surname after a title ("Уважаемый господин Петров") or a
        // patronymic: look at the next word. A sentence-initial vocative's
        // first word is the only candidate («Передам Александру, …»).
        if (term.kind == AddressTerm::Kind::kVocative) break;
        continue;
      }
      bool own = false;
      for (const auto& r : readings) {
        if (NameSkeleton(r.form) == c_skel) own = true;  // a case form: Саше, Сашу
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
        const bool family = std::any_of(c_readings.begin(), c_readings.end(),
                                        [&](const NameReading& c) { return c.entry == r.entry; });
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
      out->push_back(Make(ctx, v.span, "address", "",
                          {{"customer", ctx.customer.given}, {"used", used}, {"suggestion", v.suggestion}}));
      out->back().suggestion = v.suggestion;  // the contract: the name form to use
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
    }
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
  if (Status st = RequireTexts(spec, {"address"}, {}); !st.ok()) return st;
  if (Status st = ParamReader(spec).Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new NameCheck(spec, true));
}

StatusOr<std::unique_ptr<Check>> MakeWrongNameCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"address"}, {}); !st.ok()) return st;
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
