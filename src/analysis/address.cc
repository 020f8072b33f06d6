#include "analysis/address.h"

#include <algorithm>
#include <optional>
#include <set>

#include "base/utf8.h"
#include "lexicon/known_names.h"
#include "lexicon/name_forms.h"
#include "text/chars.h"
#include "text/visible.h"
#include "text/words.h"

namespace replylint {
namespace {

std::vector<std::string> FoldAll(const std::map<Lang, std::vector<std::string>>& by_lang) {
  std::vector<std::string> out;
  for (const auto& [lang, list] : by_lang) {
    for (const auto& s : list) out.push_back(FoldForMatch(s));
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool LetterAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  size_t i = pos;
  return chars::IsAlpha(DecodeUtf8(s, &i));
}

// The code point that ends just before `pos`.
char32_t Before(std::string_view s, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  size_t i = start;
  return DecodeUtf8(s, &i);
}

size_t SkipSpaces(std::string_view s, size_t pos, size_t end) {
  while (pos < end && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  return pos;
}

// The first character at or after pos that is not a space; 0 at the line end.
char32_t NextNonSpace(std::string_view s, size_t pos, size_t end) {
  pos = SkipSpaces(s, pos, end);
  if (pos >= end) return 0;
  size_t i = pos;
  return DecodeUtf8(s, &i);
}

// The last character before pos that is not a space; 0 at the line start.
char32_t PrevNonSpace(std::string_view s, size_t pos, size_t line_start) {
  while (pos > line_start && (s[pos - 1] == ' ' || s[pos - 1] == '\t')) --pos;
  if (pos <= line_start) return 0;
  return Before(s, pos);
}

bool IsSentenceEnd(char32_t c) { return c == '.' || c == '!' || c == '?' || c == U'…'; }
bool EndsAddress(char32_t c) {
  return c == 0 || c == ',' || c == '!' || c == '.' || c == '?' || c == U'…' || c == ')' || c == ';' || c == ':' ||
         c == '\r' || c == U'—' || c == U'–' || c == '-';
}

// Emoji and other pictures, with their variation selectors and keycaps:
// "👋 Hi Dana," greets Dana.
bool IsPicture(char32_t c) {
  if (c < 0x2190) return false;
  if (c == 0xFE0F || c == 0x20E3 || c == 0x200D) return true;
  const auto t = u_charType(static_cast<UChar32>(c));
  return t == U_OTHER_SYMBOL || t == U_MODIFIER_SYMBOL;
}

// Skips leading @handles, #hashtags and emoji: social replies open with the
// customer's @handle(s) ("@ann_b Hi Ann,"), and the address that follows
// counts as if they were not there.
size_t SkipDecorations(std::string_view s, size_t pos, size_t end) {
  for (;;) {
    pos = SkipSpaces(s, pos, end);
    if (pos >= end) return pos;
    if (s[pos] == '@' || s[pos] == '#') {
      while (pos < end && s[pos] != ' ' && s[pos] != '\t') ++pos;
      continue;
    }
    size_t i = pos;
    if (!IsPicture(DecodeUtf8(s, &i))) return pos;
    pos = i;
  }
}

// "2/2", "(1/3)": the part counter of a reply split over several posts.
size_t SkipPartCounter(std::string_view s, size_t pos, size_t end) {
  size_t i = SkipSpaces(s, pos, end);
  const bool paren = i < end && s[i] == '(';
  if (paren) ++i;
  const size_t digits = i;
  while (i < end && chars::IsAsciiDigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == digits || i >= end || s[i] != '/') return pos;
  const size_t more = ++i;
  while (i < end && chars::IsAsciiDigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == more) return pos;
  if (paren) {
    if (i >= end || s[i] != ')') return pos;
    ++i;
  }
  return i;
}

// Words after which a name at a sentence's end is the object of the
// sentence, a third person: "…passed it to Claire.", "…your agent is Claire",
// «…передали Ивану», «…это Анна».
bool TakesThirdPerson(std::string_view folded_word) {
  static const std::set<std::string, std::less<>> kWords = {
      "to", "in", "on", "into", "onto", "through", "over", "under", "using", "for", "from", "with", "by", "at", "of",
      "and", "or", "about", "like", "than", "as", "named", "called", "is", "was", "are", "am", "be", "ask", "contact",
      "call", "email", "tell", "via", "cc", "meet", "thank", "the", "our", "my", "your", "his", "her", "their", "к",
      "от", "с", "со", "для", "у", "о", "об", "и", "или", "через", "зовут", "это", "наш", "наша", "ваш", "ваша", "мой",
      "моя", "по", "при", "про", "на", "в", "во", "за", "позвоните", "напишите", "обратитесь", "передайте", "спросите",
      "попросите",
      // A noun the name stands beside: "my colleague Claire", «курьер Иван».
      "colleague", "coworker", "teammate", "courier", "driver", "friend", "supervisor", "rep", "mate", "коллега",
      "курьер", "водитель", "друг", "подруга", "руководитель"};
  return kWords.count(folded_word) > 0;
}

bool IsPatronymic(std::string_view folded) {
  for (std::string_view suf : {"вич", "вна", "ична", "инична", "ич"}) {
    if (folded.size() > suf.size() + 2 && folded.substr(folded.size() - suf.size()) == suf) return true;
  }
  return false;
}

std::string FirstWordFolded(const std::string& s) {
  const auto words = ScanWords(s, 0, s.size());
  return words.empty() ? std::string()
                       : FoldForMatch(std::string_view(s).substr(words[0].span.start, words[0].span.size()));
}

// The given name in the customer's handle or display name, when all their
// messages carry the same one: the first piece of "@ClareM", "clare_moss",
// "clare1985" or "Clare Moss" that is a known given name of three letters
// or more, capitalised ("clare" -> "Clare").
void NameFromHandle(const Conversation& c, CustomerProfile* p) {
  std::string author;
  for (const Message& m : c.messages) {
    if (m.role != Role::kCustomer || m.author.empty()) continue;
    if (!author.empty() && m.author != author) return;  // several people: a public thread
    author = m.author;
  }
  const std::string shown = VisibleForm(author);
  std::vector<std::u32string> pieces(1);
  char32_t prev = 0;
  for (size_t i = 0; i < shown.size();) {
    const char32_t ch = DecodeUtf8(shown, &i);
    if (!chars::IsAlpha(ch)) {
      if (!pieces.back().empty()) pieces.emplace_back();
    } else {
      // "ClareM": a capital after a small letter starts a piece.
      if (chars::IsUpper(ch) && chars::IsLower(prev) && !pieces.back().empty()) pieces.emplace_back();
      pieces.back().push_back(ch);
    }
    prev = ch;
  }
  for (const std::u32string& piece : pieces) {
    if (piece.size() < 3) continue;
    std::string name;
    for (size_t k = 0; k < piece.size(); ++k)
      AppendUtf8(k == 0 ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(piece[k]))) : piece[k], &name);
    const std::string folded = FoldForMatch(name);
    if (!KnownNames::Instance().Contains(folded) && NameForms::Instance().Readings(folded).empty()) return;
    p->given = name;
    p->source = "handle";
    p->low_confidence = true;
    p->handle = author;
    return;  // only the first piece: "@TeamAnna" is no Anna
  }
}

}  // namespace

AddressFinder::AddressFinder(const AddressLexicon& lex)
    : greetings_(MakeList(FoldAll(lex.greetings))),
      closings_(MakeList(FoldAll(lex.closings))),
      nouns_(MakeList(FoldAll(lex.address_nouns))),
      descriptors_(MakeList(FoldAll(lex.descriptors))),
      roles_(MakeList(FoldAll(lex.roles))) {
  for (const auto& [lang, pairs] : lex.titles) {
    for (const auto& p : pairs) {
      titles_.push_back({FoldForMatch(p.male), Gender::kMale, p.female});
      titles_.push_back({FoldForMatch(p.female), Gender::kFemale, p.male});
    }
  }
  std::stable_sort(titles_.begin(), titles_.end(),
                   [](const Title& a, const Title& b) { return a.folded.size() > b.folded.size(); });
  for (const Title& t : titles_) title_starts_.Add(t.folded);
  for (const auto& [lang, list] : lex.surname_titles) {
    for (const auto& t : list) surname_titles_.insert(FoldForMatch(t));
  }
}

void AddressFinder::Starts::Add(std::string_view phrase) {
  const auto index = static_cast<uint32_t>(all_.size());
  all_.push_back(index);
  if (phrase.empty()) {
    any_ = true;
  } else if (phrase.size() == 1) {
    one_[static_cast<unsigned char>(phrase[0])] = true;
  } else {
    const uint16_t key = Key(phrase, 0);
    two_[key] = true;
    // After the phrases of this key added before: the list's order holds.
    const auto at = std::upper_bound(keys_.begin(), keys_.end(), key) - keys_.begin();
    keys_.insert(keys_.begin() + at, key);
    indexes_.insert(indexes_.begin() + at, index);
  }
}

std::span<const uint32_t> AddressFinder::Starts::At(std::string_view folded, size_t pos) const {
  if (any_ || one_.any() || pos + 1 >= folded.size()) return all_;
  const auto [lo, hi] = std::equal_range(keys_.begin(), keys_.end(), Key(folded, pos));
  return std::span<const uint32_t>(indexes_).subspan(static_cast<size_t>(lo - keys_.begin()),
                                                     static_cast<size_t>(hi - lo));
}

AddressFinder::PhraseList AddressFinder::MakeList(std::vector<std::string> phrases) {
  PhraseList list;
  list.phrases = std::move(phrases);
  for (const std::string& p : list.phrases) list.starts.Add(p);
  return list;
}

size_t AddressFinder::MatchPhrase(const PhraseList& list, std::string_view folded, size_t pos) {
  if (!list.starts.MayStartAt(folded, pos)) return 0;
  if (pos > 0 && LetterAt(folded, pos) && chars::IsAlpha(Before(folded, pos))) return 0;
  for (uint32_t k : list.starts.At(folded, pos)) {
    const std::string& p = list.phrases[k];
    if (folded.substr(pos, p.size()) == p && !LetterAt(folded, pos + p.size())) return p.size();
  }
  return 0;
}

const AddressFinder::Title* AddressFinder::MatchTitle(std::string_view folded, size_t pos, size_t* len) const {
  if (!title_starts_.MayStartAt(folded, pos)) return nullptr;
  if (pos > 0 && chars::IsAlpha(Before(folded, pos))) return nullptr;
  for (uint32_t k : title_starts_.At(folded, pos)) {
    const Title& t = titles_[k];
    if (folded.substr(pos, t.folded.size()) == t.folded && !LetterAt(folded, pos + t.folded.size())) {
      *len = t.folded.size();
      return &t;
    }
  }
  return nullptr;
}

std::vector<AddressTerm> AddressFinder::Find(const MessageText& t, const std::string& agent_name) const {
  const auto visible = VisibleText::Of(t.text());
  if (!visible) return FindVisible(t, agent_name);
  const MessageText v = MessageText::Build(visible->text(), t.lang());
  std::vector<AddressTerm> terms = FindVisible(v, agent_name);
  for (AddressTerm& term : terms) {
    for (Span& n : term.names) n = visible->ToSource(n);
    if (!term.title.empty()) term.title = visible->ToSource(term.title);
    term.after_greeting = visible->ToSourceStart(term.after_greeting);
  }
  return terms;
}

std::vector<AddressTerm> AddressFinder::FindVisible(const MessageText& t, const std::string& agent_name) const {
  const std::string& s = t.text();
  const std::string& f = t.folded();
  const std::string agent_first = FirstWordFolded(VisibleForm(agent_name));
  std::vector<size_t> body;
  for (size_t i = 0; i < t.lines().size(); ++i) {
    const Span l = t.lines()[i];
    if (l.start >= t.body_end() || t.quoted(i) || t.Slice(l).find_first_not_of(" \t\r") == std::string_view::npos) {
      continue;
    }
    body.push_back(i);
  }
  // The last two body lines may be a sign-off: there the agent's own name is
  // no address.
  const size_t signoff_from = body.size() >= 2 ? t.lines()[body[body.size() - 2]].start : 0;
  std::vector<AddressTerm> out;
  std::set<size_t> taken;            // starts of name spans already reported
  std::set<size_t> greeting_titles;  // starts of titles the greeting lines hold

  // Consecutive capitalised words from `pos` (at most three), ending at
  // punctuation or the line end, e.g. "Анна Сергеевна" in "Уважаемая Анна Сергеевна!".
  auto name_run = [&](size_t pos, std::span<const Word> words, size_t line_end) {
    std::vector<Span> names;
    // From the first word at or after `pos` (a binary search: a line of
    // many titles must not rescan its words for each).
    auto from =
        std::lower_bound(words.begin(), words.end(), pos, [](const Word& w, size_t p) { return w.span.start < p; });
    for (auto it = from; it != words.end(); ++it) {
      const Word& w = *it;
      if (w.span.start != pos || !w.capitalized || names.size() == 3) break;
      names.push_back(w.span);
      pos = w.span.end;
      if (pos < line_end && s[pos] == ' ' && LetterAt(s, pos + 1)) {
        ++pos;
        continue;
      }
      break;
    }
    // A name ends at punctuation or the line end ("Hello Support team" is no address).
    if (!names.empty() && !EndsAddress(NextNonSpace(s, names.back().end, line_end))) names.clear();
    return names;
  };

  size_t seen = 0;
  std::vector<Word> scratch;
  for (size_t idx : body) {
    const Span line = t.lines()[idx];
    ++seen;
    const std::span<const Word> words = t.LineWords(idx, &scratch);
    size_t ls = SkipSpaces(s, line.start, line.end);
    while (ls < line.end && (s[ls] == '-' || s.compare(ls, 3, "—") == 0 || s.compare(ls, 3, "–") == 0)) {
      ls = SkipSpaces(s, ls + (s[ls] == '-' ? 1 : 3), line.end);
    }
    ls = SkipDecorations(s, ls, line.end);
    const bool closing_line = MatchPhrase(closings_, f, ls) > 0;
    const bool signoff = line.start >= signoff_from && body.size() >= 2;

    // (1) The greeting line: «Здравствуйте, [уважаемая] Саша!», "Hi Bob,".
    if (seen <= 3) {
      if (const size_t g = MatchPhrase(greetings_, f, ls)) {
        size_t pos = ls + g;
        while (pos < line.end && (s[pos] == ' ' || s[pos] == ',' || s[pos] == '\t')) ++pos;
        pos = SkipDecorations(s, pos, line.end);  // "Hi 👋 Dana,", "Hi @dana_k Dana,"
        AddressTerm term;
        term.kind = AddressTerm::Kind::kGreeting;
        term.after_greeting = pos;
        size_t len = 0;
        if (const Title* title = MatchTitle(f, pos, &len)) {
          term.title = {pos, pos + len};
          term.surname_title = surname_titles_.count(f.substr(pos, len)) > 0;
          greeting_titles.insert(pos);
          term.title_gender = title->gender;
          term.counterpart = title->counterpart;
          pos += len;
          while (pos < line.end && (s[pos] == ' ' || s[pos] == '.')) ++pos;
        }
        term.names = name_run(pos, words, line.end);
        // "Thanks, Robert" closing a short reply is the agent's sign-off.
        if (signoff && !term.names.empty() &&
            FoldForMatch(std::string_view(s).substr(term.names[0].start, term.names[0].size())) == agent_first) {
          term.names.clear();
        }
        for (const Span& n : term.names) taken.insert(n.start);
        out.push_back(std::move(term));  // even without a name: "Hello 12345," is found from it
      }
    }

    for (size_t k = 0; k < words.size(); ++k) {
      const Word& w = words[k];
      // (4) Titles anywhere: «Уважаемый Иван», «Уважаемая клиентка», "Dear Mr. Smith", "Sir,".
      size_t len = 0;
      if (const Title* title = MatchTitle(f, w.span.start, &len)) {
        if (!greeting_titles.count(w.span.start)) {
          size_t pos = w.span.start + len;
          while (pos < line.end && (s[pos] == ' ' || s[pos] == '.')) ++pos;
          AddressTerm term;
          term.kind = AddressTerm::Kind::kTitle;
          term.title = {w.span.start, w.span.start + len};
          term.surname_title = surname_titles_.count(f.substr(w.span.start, len)) > 0;
          term.title_gender = title->gender;
          term.counterpart = title->counterpart;
          term.names = name_run(pos, words, line.end);
          const bool noun = MatchPhrase(nouns_, f, pos) > 0;
          const char32_t prev = PrevNonSpace(s, w.span.start, line.start);
          const char32_t after = NextNonSpace(s, w.span.start + len, line.end);
          // "Sir, …" opening a sentence, or "Sorry to hear this, Sir." set off by a comma.
          const bool standalone =
              w.capitalized && (((prev == 0 || IsSentenceEnd(prev)) && (after == ',' || after == '!')) ||
                                (prev == ',' && (after == 0 || after == ',' || IsSentenceEnd(after))));
          if (!term.names.empty() || noun || standalone) {
            for (const Span& n : term.names) taken.insert(n.start);
            out.push_back(std::move(term));
          }
        }
      }
      if (!w.capitalized || taken.count(w.span.start) || closing_line) continue;
      if (MatchPhrase(greetings_, f, w.span.start) || MatchPhrase(closings_, f, w.span.start) || len > 0) continue;
      const std::string folded_word(f.substr(w.span.start, w.span.size()));
      if (signoff && folded_word == agent_first) continue;
      std::vector<Span> names{w.span};
      if (k + 1 < words.size() && words[k + 1].capitalized && words[k + 1].span.start == w.span.end + 1 &&
          s[w.span.end] == ' ') {
        names.push_back(words[k + 1].span);
      }
      const size_t run_end = names.back().end;
      // After the @handles and emoji a social reply opens with, a word opens
      // the line: «@katya_m Екатерина, здравствуйте!».
      const char32_t prev = w.span.start == ls ? 0 : PrevNonSpace(s, w.span.start, line.start);
      const char32_t next = NextNonSpace(s, run_end, line.end);
      // «Иван, наш специалист, перезвонит»: a description set off by a second
      // comma makes the name a third person; «Катя, ваш заказ готов» stays an address.
      auto described = [&]() {
        size_t after = SkipSpaces(s, run_end, line.end);
        if (after >= line.end || s[after] != ',') return false;
        after = SkipSpaces(s, after + 1, line.end);
        if (MatchPhrase(descriptors_, f, after) == 0) return false;
        for (size_t i = after; i < line.end; ++i) {
          if (s[i] == ',') return true;
          if (s[i] == '.' || s[i] == '!' || s[i] == '?') return false;
        }
        return false;
      };
      // «Анна, специалист службы поддержки», "Anna, Customer Support": a
      // name, a comma and a role filling the rest of a line other than the
      // first is a byline — the agent's, or a colleague's quoted below it
      // (the role words: `roles:`).
      auto role_line = [&]() {
        if (seen == 1 || prev != 0 || next != ',') return false;
        const size_t after = SkipSpaces(s, s.find(',', run_end) + 1, line.end);
        if (MatchPhrase(roles_, f, after) == 0) return false;
        for (size_t i = after; i < line.end; ++i) {
          if (s[i] == ',' || s[i] == '.' || s[i] == '!' || s[i] == '?') return false;
        }
        // «…перезвонит вам», "…will call you": a sentence to the customer.
        for (const Word& o : words) {
          if (o.span.start < after) continue;
          static const std::set<std::string, std::less<>> kYou = {"вам", "вас", "вы", "тебе", "тебя", "ты", "you"};
          if (kYou.count(f.substr(o.span.start, o.span.size()))) return false;
        }
        return true;
      };
      bool vocative = false;
      if ((prev == 0 || IsSentenceEnd(prev)) && (next == ',' || next == '!')) {
        // (2) Sentence-initial: «Саша, подскажите…», «Анна Сергеевна, …» — but
        // a name and surname opening a sentence is a byline or a colleague
        // («Антон Сухарев, основатель …»), not an address.
        const bool byline = names.size() == 2 && !IsPatronymic(f.substr(names[1].start, names[1].size()));
        vocative = !byline && !described() && !role_line();
      } else if (prev == ',' && EndsAddress(next) && !described()) {
        // (3) Set off by commas: «Спасибо, Саша!», "Thanks, Bob." — but not
        // a list of names («Иван, Пётр, Мария»).
        // A capitalised word opening a sentence («…в пути. Спасибо, Катя!»)
        // or a greeting or closing is no name of a list.
        size_t comma = w.span.start;
        while (comma > line.start && s[comma - 1] != ',') --comma;
        const char32_t before =
            k > 0 && words[k - 1].span.start != ls ? PrevNonSpace(s, words[k - 1].span.start, line.start) : 0;
        const bool list = k > 0 && words[k - 1].capitalized && words[k - 1].span.end + 1 >= comma - 1 && before != 0 &&
                          !IsSentenceEnd(before) && !MatchPhrase(closings_, f, words[k - 1].span.start) &&
                          !MatchPhrase(greetings_, f, words[k - 1].span.start);
        vocative = !list;
      }
      // (5) Closing a sentence, no comma: "…more than you think Clare 2/2.",
      // «Спасибо за ожидание Саша!» — one capitalised word after a lower-case
      // one that does not make it an object, then the sentence's end.
      bool trailing = false;
      if (!vocative && names.size() == 1 && k > 0 && !words[k - 1].capitalized && chars::IsAlpha(prev) &&
          words[k - 1].span.end + 1 == w.span.start &&
          !TakesThirdPerson(f.substr(words[k - 1].span.start, words[k - 1].span.size())) &&
          MatchPhrase(roles_, f, words[k - 1].span.start) == 0) {  // "…our agent Claire."
        const size_t after = SkipPartCounter(s, run_end, line.end);
        const char32_t end_char = NextNonSpace(s, after, line.end);
        // Only a known given name: a capitalised word closing a sentence is
        // far more often a product, a place or a language ("…in English.").
        trailing =
            (end_char == 0 || IsSentenceEnd(end_char) || IsPicture(end_char)) &&
            (KnownNames::Instance().Contains(folded_word) || !NameForms::Instance().Readings(folded_word).empty());
      }
      if (!vocative && !trailing) continue;
      AddressTerm term;
      term.kind = trailing ? AddressTerm::Kind::kTrailing : AddressTerm::Kind::kVocative;
      term.names = names;
      for (const Span& n : names) taken.insert(n.start);
      out.push_back(std::move(term));
    }
  }
  return out;
}

namespace {

bool IsNominativeName(const NameForms& forms, std::string_view folded) {
  for (const NameReading& r : forms.Readings(folded)) {
    if (r.grammatical_case == Case::kNom) return true;
  }
  return false;
}

// Whether two names are forms of one dictionary name (Robert and Bob).
bool SameNameEntry(const NameForms& forms, const std::string& a, const std::string& b) {
  for (const NameReading& x : forms.Readings(FoldForMatch(a))) {
    for (const NameReading& y : forms.Readings(FoldForMatch(b))) {
      if (x.entry == y.entry) return true;
    }
  }
  return false;
}

}  // namespace

CustomerProfile AddressFinder::Profile(const Conversation& c, const std::vector<MessageText>& texts) const {
  CustomerProfile p;
  const NameForms& forms = NameForms::Instance();
  std::set<Gender> genders;
  std::vector<std::string> evidence;
  std::string own;  // the name the customer gives in their own text

  auto pick_given = [&](std::string_view text, size_t begin, size_t end) -> std::string {
    const auto words = ScanWords(text, begin, end);
    std::string first;
    for (const Word& w : words) {
      const std::string_view ws = text.substr(w.span.start, w.span.size());
      const std::string folded = FoldForMatch(ws);
      size_t len = 0;
      if (const Title* t = MatchTitle(folded, 0, &len); t && len == folded.size()) {
        genders.insert(t->gender);
        evidence.push_back("title: " + std::string(ws));
        continue;
      }
      if (first.empty()) first = std::string(ws);
      if (IsNominativeName(forms, folded)) return std::string(ws);
    }
    return first;
  };

  if (!c.customer.name.empty()) {
    const std::string name = VisibleForm(c.customer.name);  // "Cla\u200Bre" is Clare, whole
    p.given = pick_given(name, 0, name.size());
    if (!p.given.empty()) p.source = "customer.name";
    // The other capitalised words are the surname ("Grace Kim", "Kim Grace",
    // «Морган Иван»): what a title stands before.
    for (const Word& w : ScanWords(name, 0, name.size())) {
      const std::string ws = name.substr(w.span.start, w.span.size());
      size_t len = 0;
      const std::string folded = FoldForMatch(ws);
      if (ws == p.given || !w.capitalized || (MatchTitle(folded, 0, &len) && len == folded.size())) continue;
      p.surnames.push_back(ws);
    }
  }

  static const std::set<std::string, std::less<>> kFillers = {
      "уже",     "вчера",   "сегодня", "не",         "только",  "еще",   "тоже",   "также",   "давно",
      "недавно", "сразу",   "лично",   "специально", "сначала", "потом", "дважды", "никогда", "всегда",
      "точно",   "правда",  "просто",  "честно",     "ведь",    "же",    "и",      "вот",     "сейчас",
      "ранее",   "заранее", "утром",   "вечером",    "ночью",   "днем",  "опять",  "снова",   "случайно",
      "неделю",  "назад",   "ни",      "разу",       "бы"};
  static const std::set<std::string, std::less<>> kFemaleAdj = {
      "готова",   "уверена",      "согласна",     "рада",      "должна",  "довольна",   "благодарна",
      "сама",     "одна",         "признательна", "вынуждена", "обязана", "расстроена", "возмущена",
      "удивлена", "разочарована", "недовольна",   "счастлива", "замужем"};
  static const std::set<std::string, std::less<>> kMaleAdj = {
      "готов",   "уверен",      "согласен",    "рад",      "должен", "доволен",   "благодарен",
      "сам",     "один",        "признателен", "вынужден", "обязан", "расстроен", "возмущен",
      "удивлен", "разочарован", "недоволен",   "счастлив", "женат"};
  static const std::set<std::string, std::less<>> kFemaleNouns = {
      "mother", "mom", "mum", "wife", "woman", "girl", "grandmother", "grandma", "lady", "daughter", "mommy"};
  static const std::set<std::string, std::less<>> kMaleNouns = {
      "father", "dad", "husband", "man", "guy", "grandfather", "grandpa", "son", "daddy", "gentleman"};

  for (size_t i = 0; i < c.messages.size(); ++i) {
    if (c.messages[i].role != Role::kCustomer) continue;
    std::optional<MessageText> visible;
    if (auto v = VisibleText::Of(texts[i].text())) visible = MessageText::Build(v->text(), texts[i].lang());
    const MessageText& t = visible ? *visible : texts[i];
    const std::string& s = t.text();
    const std::string& f = t.folded();
    const std::vector<Word>& words = t.body_words();
    // (Views into the folded text: a string per word was a tenth of the profile.)
    auto fw = [&](size_t k) { return std::string_view(f).substr(words[k].span.start, words[k].span.size()); };
    for (size_t k = 0; k < words.size(); ++k) {
      if (t.InQuote(words[k].span.start, words[k].span.end)) continue;
      const std::string_view w = fw(k);
      // Russian first person: «я (уже) оформила», «я готова», «я сама».
      if (w == "я") {
        for (size_t j = k + 1; j < words.size() && j <= k + 4; ++j) {
          const std::string_view v = fw(j);
          if (kFillers.count(v)) continue;
          auto ends = [&](std::string_view suf) {
            return v.size() > suf.size() + 2 && v.compare(v.size() - suf.size(), suf.size(), suf) == 0;
          };
          Gender g = Gender::kUnknown;
          if (kFemaleAdj.count(v) || ends("ла") || ends("лась") || ends("лася")) {
            g = Gender::kFemale;
          } else if (kMaleAdj.count(v) || ends("лся")) {
            g = Gender::kMale;
          } else if (ends("л") && v.size() >= 6) {
            // Past tense: a vowel before the final л («оплатил», «получил»).
            const std::string stem(v.substr(0, v.size() - 2));
            const char32_t before = Before(stem + " ", stem.size());
            static const std::u32string kVowels = U"аеиоуыэюя";
            if (kVowels.find(before) != std::u32string::npos) g = Gender::kMale;
          }
          if (g != Gender::kUnknown) {
            genders.insert(g);
            evidence.push_back(
                "«" + std::string(s.substr(words[k].span.start, words[j].span.end - words[k].span.start)) + "»");
          }
          break;
        }
      }
      // English self-description: "I'm a mother of two", "as a dad".
      if ((w == "am" || w == "as" || w == "i'm" || w == "im") && k + 2 < words.size()) {
        size_t j = k + 1;
        if (fw(j) == "a" || fw(j) == "an") ++j;
        // The noun, after up to two adjectives: "a retired woman", "a single mum".
        for (size_t n = j; j > k + 1 && n < words.size() && n < j + 3; ++n) {
          const std::string_view noun = fw(n);
          const Gender g = kFemaleNouns.count(noun) ? Gender::kFemale
                           : kMaleNouns.count(noun) ? Gender::kMale
                                                    : Gender::kUnknown;
          if (g == Gender::kUnknown) continue;
          genders.insert(g);
          evidence.push_back(
              "\"" + std::string(s.substr(words[k].span.start, words[n].span.end - words[k].span.start)) + "\"");
          break;
        }
      }
      // The name from the text: «Меня зовут Саша», "My name is Liz", "This is Liz".
      if (own.empty() && k + 2 < words.size() && words[k + 2].capitalized) {
        const std::string_view next = fw(k + 1);
        if ((w == "меня" && next == "зовут") || (w == "name" && next == "is") ||
            (w == "this" && next == "is" && k < 3)) {
          own = std::string(s.substr(words[k + 2].span.start, words[k + 2].span.size()));
        }
      }
      // "I'm Bob, I bought…", "I am Liz".
      if (own.empty() && (w == "i'm" || w == "im" || (w == "i" && k + 1 < words.size() && fw(k + 1) == "am"))) {
        const size_t n = w == "i" ? k + 2 : k + 1;
        if (n < words.size() && words[n].capitalized && IsNominativeName(forms, fw(n))) {
          own = std::string(s.substr(words[n].span.start, words[n].span.size()));
        }
      }
      // "hey, Bob here", «Саша на связи» opening the message.
      if (own.empty() && k < 3 && k + 1 < words.size() && words[k].capitalized &&
          (fw(k + 1) == "here" || (fw(k + 1) == "на" && k + 2 < words.size() && fw(k + 2) == "связи")) &&
          IsNominativeName(forms, w)) {
        own = std::string(s.substr(words[k].span.start, words[k].span.size()));
      }
    }
    // A title the customer signs with: "Mrs. Jane Doe", "Sam (Ms.)".
    for (size_t li = t.lines().size(), seen = 0; li-- > 0 && seen < 3;) {
      const Span l = t.lines()[li];
      if (l.start >= t.body_end() || t.quoted(li)) continue;
      // The line's words (their spans are the same in the folded text).
      std::vector<Word> scratch;
      const std::span<const Word> lw = t.LineWords(li, &scratch);
      if (lw.empty()) continue;
      ++seen;
      if (lw.size() > 4) continue;                                 // a sentence, not a signature
      if (MatchPhrase(greetings_, f, lw[0].span.start)) continue;  // "Dear Mr Smith": someone else
      for (const Word& w : lw) {
        const std::string v = f.substr(w.span.start, w.span.size());
        const Gender g = v == "mrs" || v == "ms" || v == "miss" ? Gender::kFemale
                         : v == "mr"                            ? Gender::kMale
                                                                : Gender::kUnknown;
        if (g == Gender::kUnknown) continue;
        genders.insert(g);
        evidence.push_back("signed \"" + std::string(t.Slice(l)) + "\"");
      }
    }
    // A signature: the customer's last line is a known given name, alone or
    // after a closing («Спасибо,\nСаша», "Thanks, Liz").
    if (own.empty() && !t.lines().empty()) {
      for (size_t li = t.lines().size(); li-- > 0;) {
        const Span l = t.lines()[li];
        if (l.start >= t.body_end() || t.quoted(li)) continue;
        if (t.Slice(l).find_first_not_of(" \t\r") == std::string_view::npos) continue;
        std::vector<Word> scratch;
        const std::span<const Word> lw = t.LineWords(li, &scratch);
        size_t from = 0;
        if (!lw.empty()) {
          const size_t cl = MatchPhrase(closings_, f, lw[0].span.start);
          const std::string first = f.substr(lw[0].span.start, lw[0].span.size());
          if (cl || first == "спасибо" || first == "thanks" || first == "thank" || first == "cheers") {
            while (from < lw.size() && lw[from].span.start < lw[0].span.start + std::max<size_t>(cl, 1)) ++from;
            if (first == "thank" && from < lw.size()) ++from;  // "thank you"
          }
        }
        if (lw.size() - from >= 1 && lw.size() - from <= 2 && lw[from].capitalized) {
          const std::string cand(s.substr(lw[from].span.start, lw[from].span.size()));
          if (IsNominativeName(forms, FoldForMatch(cand))) own = cand;
        }
        break;
      }
    }
  }

  // The customer's own words beat the account's name when both are forms of
  // one name: Robert Hayes who writes "Bob here" is Bob (seed 002: address
  // people the way they introduce themselves). Another name there is someone
  // else's.
  if (!own.empty() && (p.given.empty() || SameNameEntry(forms, p.given, own))) {
    p.given = own;
    p.source = "text";
  }
  if (p.given.empty()) NameFromHandle(c, &p);
  // The gender of a one-gender name (Анастасия, Вадim); Саша, Женя are both.
  // Not of a handle's: "@AnnaBakes" may be a shop.
  if (!p.given.empty() && !p.low_confidence) {
    std::set<Gender> name_genders;
    for (const NameReading& r : forms.Readings(FoldForMatch(p.given))) {
      if (r.grammatical_case == Case::kNom) name_genders.insert(r.entry->gender);
    }
    if (name_genders.size() == 1 && *name_genders.begin() != Gender::kUnknown) {
      genders.insert(*name_genders.begin());
      evidence.push_back("name: " + p.given);
    }
  }
  if (genders.size() == 1) {
    p.gender = *genders.begin();
    for (const auto& e : evidence) p.gender_evidence += (p.gender_evidence.empty() ? "" : ", ") + e;
  }
  return p;
}

}  // namespace replylint
