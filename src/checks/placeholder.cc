// placeholder: an unfilled template placeholder left in a reply
// ("Здравствуйте, {{ name }}!", "Dear [NAME],", "%NAME%").
//
// Minimal configuration (rules/placeholder.yaml):
//   params:
//     patterns: ['\{\{[^{}\n]{1,80}\}\}']        # always placeholders
//     bracket_patterns: ['\[([^\[\]\n]{1,40})\]']  # placeholders when the
//                                                  # captured content is a
//     keywords: [name, имя]                        # keyword or an identifier
//     filler_words: [your, ваш]
//     name_keywords: [name, имя]                   # keywords that stand for the customer's name
//     lead_words: [insert, вставьте]               # [insert the date here]: a slot whatever follows
//     word_patterns: ['\[\s*([^\[\]\n]{1,40}?)\s*\]']  # [месяц]: lower-case words are a slot
//     not_slots: [image, фото]                     # ... except chat-export markers
//     prose_openers: [the, a]                      # ... and prose: [the gear icon]
//     case_patterns: ['\$[A-Z][A-Z0-9_]+']         # on the original text: $AMOUNT, $ORDER_ID
//     mask_patterns: ['[XХ]{4,}', '_{3,}']         # a run standing for a value: XXXX, ____
//     ellipsis_patterns: ['\((?:[^()\n]*\s)?(?:\.\.\.|…)\s[^()\n]+\)']  # (версия ... и выше)
//     code_words: [введите, type]                  # text after these on its line is to be typed
//     example_words: [формат, format]              # XXXX right after these shows a format
//
// Never inside code: `backticks`, ``` blocks, or the rest of a line after a
// code word («Выполните команду: …»); one finding per span.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <set>

#include "base/utf8.h"
#include "checks/check.h"
#include "text/chars.h"

namespace replylint {
namespace {

// How far before a masked run "format" or "e.g." may stand (bytes).
constexpr size_t kFormatReach = 40;

bool IsWordChar(unsigned char c) { return c >= 0x80 || std::isalnum(c) != 0; }

// The byte every match of `pattern` starts with, when it opens with one
// literal ASCII punctuation character (\{, <, %) that must be there (no ?,
// * or {0 after it) and has no alternative outside a group: the built-in
// patterns mostly do. tests/checks/placeholder_test.cc holds the findings of
// the patterns deferred on it to those of the same patterns compiled at once
// (and filtered by RE2's PossibleMatchRange).
std::optional<char> LiteralFirstByte(std::string_view p) {
  auto punct = [](char c) { return c > 0 && c < 0x7F && std::ispunct(static_cast<unsigned char>(c)) != 0; };
  size_t next = 0;
  char first = 0;
  if (p.size() >= 2 && p[0] == '\\' && punct(p[1])) {
    first = p[1];
    next = 2;
  } else if (!p.empty() && punct(p[0]) && std::string_view(".[](){}*+?|^$\\").find(p[0]) == std::string_view::npos) {
    first = p[0];
    next = 1;
  } else {
    return std::nullopt;
  }
  if (next < p.size() && (p[next] == '?' || p[next] == '*' ||
                          (p[next] == '{' && (next + 1 >= p.size() || p[next + 1] < '1' || p[next + 1] > '9')))) {
    return std::nullopt;
  }
  int depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {
      // A class: to its closing bracket (one right after [ or [^ is a member).
      size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      while (j < p.size() && p[j] != ']') j += p[j] == '\\' ? 2 : 1;
      i = j;
    } else if (p[i] == '(') {
      ++depth;
    } else if (p[i] == ')') {
      --depth;
    } else if (p[i] == '|' && depth == 0) {
      return std::nullopt;
    }
  }
  return first;
}

// A pattern, and the bytes every match of it starts with when they are few:
// a text without any of them is not searched. Most replies have no brace,
// bracket or percent sign, and a dozen searches of each reply were a
// twentieth of an audit. A built-in pattern with a literal first byte is
// compiled the first time a text has that byte (a `check` of one draft
// rarely needs any; the tests compile them all, from the rule files read
// with --rules-dir); any other is compiled by Create(), which reports its
// errors, and its first bytes come from RE2's PossibleMatchRange.
class Pattern {
 public:
  static StatusOr<Pattern> Create(const std::string& source, const std::string& where, bool built_in) {
    Pattern p;
    if (const std::optional<char> first = LiteralFirstByte(source); built_in && first) {
      p.first_.assign(1, *first);
      p.re_ = std::make_unique<LazyPattern>(source, where);
      return p;
    }
    auto re = CompilePattern(source, where);
    if (!re.ok()) return re.status();
    std::string min, max;
    if ((*re)->PossibleMatchRange(&min, &max, 1) && !min.empty() && !max.empty() &&
        static_cast<unsigned char>(max[0]) - static_cast<unsigned char>(min[0]) < 4) {
      for (int b = static_cast<unsigned char>(min[0]); b <= static_cast<unsigned char>(max[0]); ++b) {
        p.first_.push_back(static_cast<char>(b));
      }
    }
    p.re_ = std::make_unique<LazyPattern>(source, where, std::move(*re));
    return p;
  }

  // Whether a match may start in `text`.
  bool MayMatch(std::string_view text) const {
    if (first_.empty()) return true;
    for (char b : first_) {
      if (std::memchr(text.data(), b, text.size()) != nullptr) return true;
    }
    return false;
  }
  // The compiled pattern; null if a deferred one does not compile (the
  // tests see that none does).
  const re2::RE2* re() const { return re_->Get(); }

 private:
  std::unique_ptr<LazyPattern> re_;
  std::string first_;  // empty: any byte
};

class PlaceholderCheck : public Check {
 public:
  struct Params {
    std::vector<Pattern> always, bracketed, words, cased, masks, ellipses;
    std::set<std::string> keywords, filler, name_keywords, lead, not_slots, prose_openers, code_words, example_words;
  };

  PlaceholderCheck(const RuleSpec& spec, Params p) : Check(spec), p_(std::move(p)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const MessageText& t = ctx.text();
    std::vector<std::pair<Span, std::string>> hits;  // span, folded content
    for (const Pattern& re : p_.always) Collect(re, t.folded(), Need::kNothing, &hits);
    for (const Pattern& re : p_.bracketed) Collect(re, t.folded(), Need::kKeyword, &hits);
    for (const Pattern& re : p_.words) {
      std::vector<std::pair<Span, std::string>> found;
      Collect(re, t.folded(), Need::kWords, &found);
      for (auto& h : found) {
        if (LowerCaseWords(t.text(), h.first) && !LinkText(t.text(), h.first)) hits.push_back(std::move(h));
      }
    }
    for (const Pattern& re : p_.cased) Collect(re, t.text(), Need::kKeywordOrIdentifier, &hits);
    for (const Pattern& re : p_.masks) {
      std::vector<std::pair<Span, std::string>> found;
      Collect(re, t.text(), Need::kNothing, &found);
      for (auto& h : found) {
        if (StandsAlone(t.text(), h.first) && !ShowsFormat(t.folded(), h.first) && !WholeLine(t.text(), h.first)) {
          hits.push_back(std::move(h));
        }
      }
    }
    for (const Pattern& re : p_.ellipses) Collect(re, t.folded(), Need::kNothing, &hits);
    if (hits.empty()) return;
    const std::vector<Span> code = CodeSpans(t.folded());
    // Keep the longest of overlapping matches ("{{ name }}" also holds "{ name }").
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
      return a.first.start != b.first.start ? a.first.start < b.first.start : a.first.end > b.first.end;
    });
    size_t covered = 0;
    const std::string& customer = ctx.conversation.customer.name;
    for (const auto& [span, content] : hits) {
      if (span.start < covered || t.InQuote(span.start, span.end)) continue;
      covered = span.end;
      if (Inside(code, span)) continue;
      const bool is_name = IsNameSlot(content) && !customer.empty();
      out->push_back(Make(ctx, span, "unfilled", is_name ? "name" : "value", {{"name", customer}}));
      const std::string& given = ctx.customer.given;
      if (is_name && !given.empty() && !ctx.customer.low_confidence &&
          (ctx.reply_lang() == Lang::kEn || AddressSlot(t.folded(), span))) {
        out->back().fix = given;
      }
    }
  }

 private:
  // Whether a name placeholder stands alone as the address: first on its
  // line or after a greeting, and followed by a comma, "!", "." or the line's
  // end («Добрый день, {{name}}!»). There the customer's own form of the
  // name is right; elsewhere a Russian sentence may need another case.
  static bool AddressSlot(const std::string& folded, Span span) {
    static const char* const kGreetings[] = {"здравствуйте", "добрый день", "доброе утро", "добрый вечер",
                                             "привет",       "приветствую", "спасибо"};
    const size_t line = folded.rfind('\n', span.start);
    std::string_view before(folded.data() + (line == std::string::npos ? 0 : line + 1),
                            span.start - (line == std::string::npos ? 0 : line + 1));
    while (!before.empty() && (before.back() == ' ' || before.back() == ',')) before.remove_suffix(1);
    bool greeting = before.empty();
    for (const char* g : kGreetings) greeting = greeting || before == g;
    size_t after = span.end;
    while (after < folded.size() && folded[after] == ' ') ++after;
    return greeting &&
           (after == folded.size() || std::string_view(",!.\n\r").find(folded[after]) != std::string_view::npos);
  }

  // What a pattern's match needs to count: nothing more, keywords or an
  // identifier inside ([номер заказа], <first_name>), words only ([месяц]),
  // or keywords or an identifier in a bare name ($AMOUNT, $ORDER_ID; not a
  // cashtag such as $ACME).
  enum class Need { kNothing, kKeyword, kWords, kKeywordOrIdentifier };

  void Collect(const Pattern& pattern, const std::string& folded, Need need,
               std::vector<std::pair<Span, std::string>>* hits) const {
    if (!pattern.MayMatch(folded) || pattern.re() == nullptr) return;
    const re2::RE2& re = *pattern.re();
    re2::StringPiece input(folded);
    re2::StringPiece groups[2];
    const int n = std::min(2, 1 + re.NumberOfCapturingGroups());
    size_t pos = 0;
    while (pos < folded.size() && re.Match(input, pos, folded.size(), RE2::UNANCHORED, groups, n)) {
      const size_t start = static_cast<size_t>(groups[0].data() - folded.data());
      const size_t end = start + groups[0].size();
      pos = end > start ? end : start + 1;
      std::string content(n > 1 && groups[1].data() ? groups[1] : groups[0]);
      if (need == Need::kKeywordOrIdentifier) {
        content = FoldForMatch(content);
        if (content.find('_') == std::string::npos && !LooksLikeSlot(Squash(content))) continue;
      }
      if (need == Need::kKeyword && !LooksLikeSlot(content)) continue;
      if (need == Need::kWords && !WordsOnly(content)) continue;
      hits->push_back({{start, end}, content});
    }
  }

  // Content of [...] or <...> that names a value to fill in: an identifier
  // (first_name, ticket.id) or keywords only ("имя клиента", "order number"),
  // so that UI labels such as [Отправить код] are not taken for placeholders.
  bool LooksLikeSlot(const std::string& content) const {
    if (content.find('@') != std::string::npos || content.find("://") != std::string::npos) return false;
    const std::string c = Squash(content);
    if (c.empty()) return false;
    const bool identifier =
        content.find_first_of(" \t") == std::string::npos &&
        (content.find('_') != std::string::npos || content.find('.') != std::string::npos) &&
        std::all_of(content.begin(), content.end(),
                    [](char ch) { return IsWordChar(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.'; }) &&
        content.front() != '.' && content.back() != '.';
    if (identifier) return true;
    if (const size_t sp = c.find(' '); p_.lead.count(c.substr(0, sp)) && sp != std::string::npos) return true;
    size_t words = 0;
    bool keyword = false;
    for (size_t i = 0; i < c.size();) {
      const size_t j = std::min(c.find(' ', i), c.size());
      const std::string w = c.substr(i, j - i);
      ++words;
      if (p_.keywords.count(w)) {
        keyword = true;
      } else if (!p_.filler.count(w)) {
        return false;
      }
      i = j + 1;
    }
    return keyword && words <= 4;
  }

  bool IsNameSlot(const std::string& content) const {
    const std::string c = Squash(content);
    for (size_t i = 0; i < c.size();) {
      const size_t j = std::min(c.find(' ', i), c.size());
      if (p_.name_keywords.count(c.substr(i, j - i))) return true;
      i = j + 1;
    }
    return false;
  }

  // One to three words of letters ([месяц], [amount], [дата оплаты]), not a
  // chat export's marker ([фото], [image]), not a checkbox ([x]) and not
  // prose that opens with an article ([the gear icon]).
  bool WordsOnly(const std::string& content) const {
    const std::string c = Squash(content);
    if (c.empty() || p_.not_slots.count(c) || p_.prose_openers.count(c.substr(0, c.find(' ')))) return false;
    size_t words = 1, letters = 0;
    for (size_t i = 0; i < c.size();) {
      const char32_t ch = DecodeUtf8(c, &i);
      if (ch == ' ') {
        ++words;
      } else if (chars::IsAlpha(ch)) {
        ++letters;
      } else {
        return false;
      }
    }
    return words <= 3 && letters >= 2;
  }

  // The bracket holds lower-case words as written: [Отправить код] and
  // [PDF] are labels; [NAME] and [Customer Name] are caught by keyword.
  static bool LowerCaseWords(const std::string& text, Span s) {
    for (size_t i = s.start; i < s.end;) {
      const char32_t ch = DecodeUtf8(text, &i);
      if (chars::IsUpper(ch)) return false;
    }
    return true;
  }

  // A Markdown link's text: [the guide](https://…).
  static bool LinkText(const std::string& text, Span s) { return s.end < text.size() && text[s.end] == '('; }

  // A run with no letter or digit touching it (not inside "XXXL" or a
  // word), and not a masked card or phone number whose last group is
  // digits ("XXXX XXXX XXXX 4417", "XXXX-1234").
  static bool StandsAlone(const std::string& text, Span s) {
    auto word_char = [&](size_t at) {
      size_t i = at;
      const char32_t ch = DecodeUtf8(text, &i);
      return chars::IsAlnum(ch);
    };
    if (s.start > 0) {
      size_t b = s.start - 1;
      while (b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;
      if (word_char(b)) return false;
    }
    if (s.end < text.size() && word_char(s.end)) return false;
    // What follows through separators and further masked groups.
    size_t i = s.end;
    while (i < text.size()) {
      const char c = text[i];
      if (c == ' ' || c == '-' || c == '.' || c == 'X' || c == '*' || c == '_') {
        ++i;
        continue;
      }
      if (text.compare(i, 2, "\xD0\xA5") == 0) {  // Cyrillic Х
        i += 2;
        continue;
      }
      break;
    }
    return !(i < text.size() && i > s.end && std::isdigit(static_cast<unsigned char>(text[i])));
  }

  // A line of nothing but the run: a separator ("________" above a signature).
  static bool WholeLine(const std::string& text, Span s) {
    const size_t begin = text.rfind('\n', s.start) == std::string::npos ? 0 : text.rfind('\n', s.start) + 1;
    const size_t end = std::min(text.find('\n', s.end), text.size());
    return text.find_first_not_of(" \t\r", begin) == s.start &&
           (s.end == end || text.find_first_not_of(" \t\r", s.end) >= end);
  }

  // "в формате XXXX-XXXX", "e.g. XXXX": the run shows a format.
  bool ShowsFormat(const std::string& folded, Span s) const {
    const size_t from = s.start > kFormatReach ? s.start - kFormatReach : 0;
    const std::string_view before = std::string_view(folded).substr(from, s.start - from);
    for (const std::string& w : p_.example_words) {
      if (before.find(w) != std::string_view::npos) return true;
    }
    return false;
  }

  // Code shown as code (`…`, ``` blocks) and the rest of a line after a
  // code word («Выполните команду: …», "type the following"), with the next
  // line when that one ends in a colon.
  std::vector<Span> CodeSpans(const std::string& folded) const {
    std::vector<Span> out;
    for (size_t i = folded.find('`'); i != std::string::npos;) {
      const bool fence = folded.compare(i, 3, "```") == 0;
      const size_t open_len = fence ? 3 : 1;
      const size_t close = folded.find(fence ? "```" : "`", i + open_len);
      if (close == std::string::npos) break;
      out.push_back({i, close + open_len});
      i = folded.find('`', close + open_len);
    }
    // The code words the text holds at all, found with memmem: a string
    // search that steps by the first byte stops at every other byte of
    // Russian text (0xD0, 0xD1).
    std::vector<const std::string*> present;
    for (const std::string& w : p_.code_words) {
      if (memmem(folded.data(), folded.size(), w.data(), w.size()) != nullptr) present.push_back(&w);
    }
    if (present.empty()) return out;
    size_t line = 0;
    bool carry = false;  // the previous line ended in a code word and a colon
    while (line < folded.size()) {
      const size_t eol = std::min(folded.find('\n', line), folded.size());
      const std::string_view l = std::string_view(folded).substr(line, eol - line);
      size_t from = carry ? 0 : std::string_view::npos;
      for (const std::string* word : present) {
        const std::string& w = *word;
        for (size_t at = l.find(w); at != std::string_view::npos; at = l.find(w, at + 1)) {
          if (WordAt(l, at, w.size()) && at < from) from = at;
        }
      }
      if (from != std::string_view::npos) out.push_back({line + from, eol});
      size_t last = l.find_last_not_of(" \t\r");
      carry = from != std::string_view::npos && last != std::string_view::npos && l[last] == ':';
      line = eol + 1;
    }
    return out;
  }

  // `s[at, at + n)` is a whole word: no letter or digit on either side.
  static bool WordAt(std::string_view s, size_t at, size_t n) {
    if (at + n < s.size()) {
      size_t i = at + n;
      if (chars::IsAlnum(DecodeUtf8(s, &i))) return false;
    }
    if (at == 0) return true;
    size_t b = at - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    return !chars::IsAlnum(DecodeUtf8(s, &b));
  }

  static bool Inside(const std::vector<Span>& spans, Span s) {
    for (const Span& x : spans) {
      if (s.start >= x.start && s.end <= x.end) return true;
    }
    return false;
  }

  // "ticket.requester.first_name" -> "ticket requester first name".
  static std::string Squash(const std::string& s) {
    std::string out;
    for (char ch : s) {
      const bool sep = ch == '_' || ch == '.' || ch == '-' || ch == ' ' || ch == '\t' || ch == '{' || ch == '}' ||
                       ch == '%' || ch == '|' || ch == '*' || ch == '#' || ch == '$';
      if (sep) {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += ch;
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

  Params p_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakePlaceholderCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"unfilled"}, {"name", "value"}); !st.ok()) return st;
  ParamReader params(spec);
  auto compile = [&](const std::string& key) -> StatusOr<std::vector<Pattern>> {
    auto list = params.Strings(key);
    if (!list.ok()) return list.status();
    std::vector<Pattern> out;
    for (const auto& p : *list) {
      auto pattern = Pattern::Create(p, params.Where(key), params.BuiltIn(key));
      if (!pattern.ok()) return pattern.status();
      out.push_back(std::move(*pattern));
    }
    return out;
  };
  PlaceholderCheck::Params p;
  for (auto [key, list] : {std::pair{"patterns", &p.always}, std::pair{"bracket_patterns", &p.bracketed},
                           std::pair{"word_patterns", &p.words}, std::pair{"case_patterns", &p.cased},
                           std::pair{"mask_patterns", &p.masks}, std::pair{"ellipsis_patterns", &p.ellipses}}) {
    auto compiled = compile(key);
    if (!compiled.ok()) return compiled.status();
    *list = std::move(*compiled);
  }
  for (auto [key, set] : {std::pair{"keywords", &p.keywords}, std::pair{"filler_words", &p.filler},
                          std::pair{"name_keywords", &p.name_keywords}, std::pair{"lead_words", &p.lead},
                          std::pair{"not_slots", &p.not_slots}, std::pair{"prose_openers", &p.prose_openers},
                          std::pair{"code_words", &p.code_words}, std::pair{"example_words", &p.example_words}}) {
    auto list = params.Strings(key);
    if (!list.ok()) return list.status();
    for (const auto& k : *list) set->insert(FoldForMatch(k));
  }
  for (const auto& k : p.name_keywords) p.keywords.insert(k);
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new PlaceholderCheck(spec, std::move(p)));
}

}  // namespace replylint
