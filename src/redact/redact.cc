#include "redact/redact.h"

#include <re2/re2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "base/utf8.h"
#include "lexicon/declension.h"
#include "lexicon/name_forms.h"
#include "redact/phones.h"
#include "text/message_text.h"
#include "text/words.h"

namespace replylint {
namespace {

// Rules whose finding text is a name the reply used for the customer.
bool NameRule(const std::string& rule) {
  return rule == "name-form" || rule == "wrong-name" || rule == "suspicious-name";
}

const RE2& EmailPattern() {
  // Any script (иван@почта.рф), and the shapes people type to dodge
  // scrapers: ivan(at)mail.ru, ivan [at] mail [dot] ru, ivan.petrov @ gmail.com.
  static const RE2 re(
      "([\\pL\\pN][\\pL\\pN._%+\\-]*"
      "(?:@| ?@ ?| ?[\\(\\[\\{] ?(?i:at|собака) ?[\\)\\]\\}] ?)"
      "[\\pL\\pN](?:[\\pL\\pN\\-]*[\\pL\\pN])?"
      "(?:(?:\\.| ?[\\(\\[\\{] ?(?i:dot|точка) ?[\\)\\]\\}] ?)[\\pL\\pN](?:[\\pL\\pN\\-]*[\\pL\\pN])?)+)");
  return re;
}

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return s;
}

bool IsCyrillic(std::string_view s) {
  size_t i = 0;
  if (s.empty()) return false;
  const char32_t c = DecodeUtf8(s, &i);
  return c >= 0x400 && c <= 0x4ff;
}

size_t LetterCount(std::string_view s) { return CountCodePoints(s); }

// Where a person states or signs a name: «Меня зовут Александра
// Кузнецова», "My name is Bob Stone", a signature line after «С уважением,».
// One or two capitalised words; the surname is the part no dictionary knows.
const RE2& StatedNamePattern() {
  static const RE2 re(
      "(?i:(меня зовут|my name is)|с уважением,?|regards,?|best wishes,?|sincerely,?|thanks,?|спасибо,?)"
      "[ \\t\\n]+(\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?)(?:[ \\t]+(\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?))?");
  return re;
}

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char ch : s)
    if (ch >= '0' && ch <= '9') d += ch;
  return d;
}

bool Luhn(const std::string& d) {
  int sum = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    int x = d[d.size() - 1 - i] - '0';
    if (i % 2 == 1 && (x *= 2) > 9) x -= 9;
    sum += x;
  }
  return sum % 10 == 0;
}

}  // namespace

bool CardChecksum(std::string_view text) {
  const std::string d = DigitsOf(text);
  return d.size() >= 13 && d.size() <= 19 && Luhn(d);
}

bool IbanChecksum(std::string_view text) {
  std::string s;
  for (char ch : text)
    if (ch != ' ') s += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  if (s.size() < 15 || s.size() > 34) return false;
  s = s.substr(4) + s.substr(0, 4);
  int rem = 0;
  for (char ch : s) {
    if (ch >= '0' && ch <= '9') {
      rem = (rem * 10 + (ch - '0')) % 97;
    } else if (ch >= 'A' && ch <= 'Z') {
      rem = (rem * 100 + (ch - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rem == 1;
}

bool SnilsChecksum(std::string_view text) {
  const std::string d = DigitsOf(text);
  if (d.size() != 11) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[i] - '0') * (9 - i);
  int control = sum < 100 ? sum : (sum % 101 == 100 ? 0 : sum % 101);
  return control == std::stoi(d.substr(9));
}

bool Ipv4Address(std::string_view text) {
  int parts = 0;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('.', i);
    if (j == std::string_view::npos) j = text.size();
    const std::string_view part = text.substr(i, j - i);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    if (std::stoi(std::string(part)) > 255) return false;
    ++parts;
    i = j + 1;
  }
  return parts == 4;
}

// Eight groups, or fewer with one "::"; a time (10:30:00) has no letters
// and no "::", so it is not taken for an address.
bool Ipv6Address(std::string_view text) {
  const size_t colons = static_cast<size_t>(std::count(text.begin(), text.end(), ':'));
  const size_t gap = text.find("::");
  if (gap != std::string_view::npos) return text.find("::", gap + 1) == std::string_view::npos && colons >= 3;
  return colons == 7;
}

namespace {

// Numbers and places that identify a person, each with a validator that
// keeps look-alikes (an order number failing Luhn) readable. Context words
// come first where the shape alone is too common (a passport number, a date).
struct Detector {
  const char* kind;
  RE2 re;  // group 1: the text to mask
  bool (*valid)(std::string_view);
  // A text with fewer digits, or without this character, has no match: the
  // pattern is not run (most replies hold few digits).
  int min_digits;
  char needs;
};

bool Always(std::string_view) { return true; }

const std::vector<std::unique_ptr<Detector>>& Detectors() {
  static const auto* list = [] {
    auto* v = new std::vector<std::unique_ptr<Detector>>();
    auto add = [&](const char* kind, const char* re, bool (*valid)(std::string_view), int min_digits = 1,
                   char needs = '\0') {
      v->push_back(std::unique_ptr<Detector>(new Detector{kind, RE2(re), valid, min_digits, needs}));
    };
    add("iban", "\\b([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\\b", IbanChecksum, 2);
    add("card", "(?:^|[^0-9])([0-9](?:[ \\-]?[0-9]){12,18})(?:$|[^0-9])", CardChecksum, 13);
    add("snils", "(?:^|[^0-9])([0-9]{3}[ \\-]?[0-9]{3}[ \\-]?[0-9]{3}[ \\-]?[0-9]{2})(?:$|[^0-9])", SnilsChecksum, 11);
    // A full stop may end the sentence after the address (10.20.30.40.).
    add("ip", "(?:^|[^0-9.])((?:[0-9]{1,3}\\.){3}[0-9]{1,3})(?:$|[^0-9.]|\\.(?:$|[^0-9]))", Ipv4Address, 4, '.');
    add("ip", "(?:^|[^0-9A-Za-z:])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?:$|[^0-9A-Za-z:])", Ipv6Address, 0,
        ':');
    add("passport",
        "(?i:паспорт[а-яё]*|серия)[^0-9\\n]{0,20}([0-9]{2} ?[0-9]{2}(?: ?(?:№|N|номер)?) ?[0-9]{6})(?:$|[^0-9])",
        Always, 10);
    add("dob",
        "(?i:дата рождения|д\\.р\\.|родил(?:ся|ась)|DOB|date of birth|born(?: on)?)[^0-9\\n]{0,12}"
        "([0-9]{1,4}[./\\-][0-9]{1,2}[./\\-][0-9]{2,4}|[0-9]{1,2} (?:\\p{L}+) [0-9]{4})",
        Always, 4);
    add("address",
        "((?i:ул\\.|улица|пр-т|проспект|пер\\.|переулок|ш\\.|шоссе|бульвар) ?\\p{Lu}[\\p{L}\\-]*"
        "(?: \\p{L}+)?,? ?(?i:д\\.|дом)? ?[0-9]+[\\p{L}/0-9]*(?:,? ?(?i:кв\\.|квартира) ?[0-9]+)?)",
        Always);
    add("address",
        "([0-9]+[A-Za-z]? (?:\\p{Lu}\\p{L}* ){1,3}(?:Street|St\\.|St\\b|Avenue|Ave\\.?|Road|Rd\\.|Lane|Ln\\.|"
        "Boulevard|Blvd\\.?|Drive|Dr\\.)(?:,? (?:Apt\\.?|Suite) ?[0-9]+)?)",
        Always);
    return v;
  }();
  return *list;
}

}  // namespace

struct Redactor::Names {
  struct Form {
    std::string key;
    bool any_case;  // false: only a capitalised word (a non-dictionary token)
  };
  std::unordered_map<std::string, Form> forms;             // folded form -> key
  std::unordered_map<std::string, Form> skeletons;         // NameSkeleton -> key: Sasha for Саша
  std::vector<std::pair<std::string, std::string>> stems;  // (folded stem, key): Russian endings
  std::vector<std::string> keep;                           // the team's own e-mail addresses
  std::vector<std::pair<std::string, std::string>> ids;    // (id or team name, its keyed hash)

  void Add(std::string_view token) {
    const std::string folded = FoldForMatch(token);
    if (LetterCount(folded) < 2) return;
    AddForms(folded);
    const auto it = forms.find(folded);
    skeletons.emplace(NameSkeleton(folded), it->second);
  }

  void AddForms(const std::string& folded) {
    const auto& readings = NameForms::Instance().Readings(folded);
    if (!readings.empty()) {
      const NameReading* chosen = &readings.front();
      for (const NameReading& r : readings) {
        if (r.grammatical_case == Case::kNom) {
          chosen = &r;
          break;
        }
      }
      const std::string key = FoldForMatch(chosen->form);
      forms.emplace(folded, Form{key, true});
      for (const NameReading& r : readings) {
        if (FoldForMatch(r.form) != key) continue;
        for (size_t c = 0; c < kCaseCount; ++c) {
          const std::string f = FoldForMatch(NameForms::Instance().Inflect(r, static_cast<Case>(c)));
          if (!f.empty()) forms.emplace(f, Form{key, true});
        }
      }
      // The person's other names: a customer called Bob may be written
      // Bobby, Rob or Robert. They get masks of their own, so a finding
      // about another form of the name still reads as one.
      for (const NameReading& r : readings) {
        if (!r.entry) continue;
        std::vector<std::string> other = r.entry->short_forms;
        other.push_back(r.entry->full);
        other.insert(other.end(), r.entry->translit.begin(), r.entry->translit.end());
        for (const std::string& o : other) {
          const std::string of = FoldForMatch(o);
          if (of.empty() || of == key || forms.count(of)) continue;
          forms.emplace(of, Form{of, true});
          for (const NameReading& orr : NameForms::Instance().Readings(of)) {
            if (orr.entry != r.entry || FoldForMatch(orr.form) != of) continue;
            for (size_t c = 0; c < kCaseCount; ++c) {
              const std::string f = FoldForMatch(NameForms::Instance().Inflect(orr, static_cast<Case>(c)));
              if (!f.empty()) forms.emplace(f, Form{of, true});
            }
          }
        }
      }
      return;
    }
    // Not a dictionary name: a surname, a rare name, a nickname. Its case
    // forms by the first-name rules, and any word of its stem plus a short
    // Russian ending (Иванова: Ивановой, Иванову).
    const std::string key = folded;
    forms.emplace(folded, Form{key, false});
    for (Gender g : {Gender::kMale, Gender::kFemale, Gender::kUnknown}) {
      for (const std::string& f : Declension::Instance().Decline(folded, g)) {
        if (!f.empty()) forms.emplace(FoldForMatch(f), Form{key, false});
      }
    }
    if (IsCyrillic(folded) && LetterCount(folded) >= 4) {
      std::string stem = folded;
      size_t i = 0, last = 0;
      while (i < stem.size()) {
        last = i;
        DecodeUtf8(stem, &i);
      }
      size_t k = last;
      const char32_t end = DecodeUtf8(stem, &k);
      if (std::u32string_view(U"аяоеьйыиу").find(end) != std::u32string_view::npos) stem.resize(last);
      stems.emplace_back(stem, key);
    }
  }

  // The key of a word of a text, or nullptr. *tail: bytes at the end of the
  // word that are not the name (an English possessive: Bob's).
  const std::string* Find(std::string_view word, bool capitalised, size_t* tail) const {
    std::string folded = FoldForMatch(word);
    *tail = 0;
    for (const char* suffix : {"'s", "\xe2\x80\x99s"}) {
      const std::string_view sx(suffix);
      if (folded.size() > sx.size() + 1 && folded.compare(folded.size() - sx.size(), sx.size(), sx) == 0) {
        folded.resize(folded.size() - sx.size());
        *tail = sx.size();
        break;
      }
    }
    auto it = forms.find(folded);
    if (it != forms.end()) return (it->second.any_case || capitalised) ? &it->second.key : nullptr;
    if (!capitalised) return nullptr;
    if (auto sk = skeletons.find(NameSkeleton(folded)); sk != skeletons.end()) return &sk->second.key;
    for (const auto& [stem, key] : stems) {
      if (folded.size() > stem.size() && folded.compare(0, stem.size(), stem) == 0 &&
          LetterCount(std::string_view(folded).substr(stem.size())) <= 3) {
        return &key;
      }
    }
    return nullptr;
  }
};

Redactor::Redactor(std::string key) : key_(std::move(key)) {
  if (key_.empty()) {
    std::random_device rd;
    for (int i = 0; i < 4; ++i) key_ += std::to_string(rd()) + ":";
  }
}

std::string Redactor::HashId(const char* kind, const std::string& value) const {
  if (value.empty()) return value;
  // FNV-1a over key, value, key (two lanes): not a cryptographic MAC, but the
  // 128-bit random key makes a short id impractical to guess back from the
  // report; it needs no new dependency.
  uint64_t h1 = 1469598103934665603ull, h2 = 1099511628211ull * 31;
  for (const std::string* part : {&key_, &value, &key_}) {
    for (unsigned char ch : *part) {
      h1 = (h1 ^ ch) * 1099511628211ull;
      h2 = (h2 ^ ch) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    }
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>((h1 ^ (h2 >> 7)) & 0xffffffffull));
  return std::string("[") + kind + "-" + buf + "]";
}
Redactor::~Redactor() = default;

std::string Redactor::Mask(std::map<std::string, int>* table, const char* kind, const std::string& key) {
  auto [it, added] = table->emplace(key, static_cast<int>(table->size()) + 1);
  (void)added;
  return std::string("[") + kind + "-" + std::to_string(it->second) + "]";
}

std::vector<Redactor::Edit> Redactor::FindEdits(std::string_view text, Lang lang, const Names& names, size_t min_id) {
  const std::vector<std::string>& keep = names.keep;
  std::vector<Edit> edits;
  auto overlaps = [&](size_t s, size_t e) {
    return std::any_of(edits.begin(), edits.end(), [&](const Edit& x) { return s < x.end && x.start < e; });
  };
  // E-mail addresses first: a name inside one (sasha@…) belongs to the address.
  std::vector<std::pair<size_t, size_t>> kept;  // the team's addresses
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  while (RE2::FindAndConsume(&input, EmailPattern(), &match)) {
    const size_t s = static_cast<size_t>(match.data() - text.data());
    const std::string addr = Lower(std::string(match));
    if (std::find(keep.begin(), keep.end(), addr) != keep.end()) {
      kept.emplace_back(s, s + match.size());
      continue;
    }
    edits.push_back({s, s + match.size(), Mask(&emails_, "email", addr)});
  }
  // Ids and team names, as whole tokens: a finding's message names the
  // previous agent or the other conversations by id. Not inside the team's
  // address (agent "support" in support@shop.example).
  auto in_kept = [&](size_t s, size_t e) {
    return std::any_of(kept.begin(), kept.end(), [&](const auto& k) { return s < k.second && k.first < e; });
  };
  for (const auto& [id, mask] : names.ids) {
    if (id.size() < min_id) continue;
    for (size_t at = text.find(id); at != std::string_view::npos; at = text.find(id, at + 1)) {
      const size_t end = at + id.size();
      if (AlnumBefore(text, at) || AlnumAt(text, end) || overlaps(at, end) || in_kept(at, end)) continue;
      edits.push_back({at, end, mask});
    }
  }
  // Cards, IBANs, СНИЛС, IP addresses, passports, dates of birth, addresses.
  const int digits =
      static_cast<int>(std::count_if(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; }));
  for (const auto& d : Detectors()) {
    if (digits < d->min_digits || (d->needs && text.find(d->needs) == std::string_view::npos)) continue;
    re2::StringPiece in(text.data(), text.size());
    re2::StringPiece m;
    while (RE2::FindAndConsume(&in, d->re, &m)) {
      const size_t s = static_cast<size_t>(m.data() - text.data());
      if (!d->valid(std::string_view(m.data(), m.size())) || overlaps(s, s + m.size())) continue;
      std::string key(m);
      if (key.size() > 1 && in.data() > m.data() + m.size()) {
        // The trailing context char was consumed; step back so an adjacent
        // match is not lost.
        in = re2::StringPiece(m.data() + m.size(), text.data() + text.size() - (m.data() + m.size()));
      }
      edits.push_back({s, s + m.size(), Mask(&others_, d->kind, std::string(d->kind) + ":" + DigitsOf(key) + key)});
    }
  }
  // Phone numbers (libphonenumber), after the numbers with checksums: a
  // card is not a phone.
  for (const PhoneSpan& p : FindPhones(text, lang)) {
    if (!overlaps(p.start, p.end)) edits.push_back({p.start, p.end, Mask(&phones_, "phone", p.e164)});
  }
  // Names.
  for (const Word& w : ScanWords(text, 0, text.size())) {
    const std::string_view word = text.substr(w.span.start, w.span.size());
    size_t tail = 0;
    const std::string* key = names.Find(word, w.capitalized, &tail);
    const size_t end = w.span.end - tail;
    if (key && !overlaps(w.span.start, end)) edits.push_back({w.span.start, end, Mask(&names_, "name", *key)});
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.start < b.start; });
  return edits;
}

std::string Redactor::Apply(std::string_view text, const std::vector<Edit>& edits) const {
  std::string out;
  size_t at = 0;
  for (const Edit& e : edits) {
    out.append(text.substr(at, e.start - at));
    out += e.mask;
    at = e.end;
  }
  out.append(text.substr(at));
  return out;
}

std::string Redactor::RedactString(std::string_view text, Lang lang, const Names& names, size_t min_id) {
  return Apply(text, FindEdits(text, lang, names, min_id));
}

void Redactor::Redact(Conversation* c, ConversationResult* result) {
  Names names;
  for (const Word& w : ScanWords(c->customer.name, 0, c->customer.name.size()))
    names.Add(std::string_view(c->customer.name).substr(w.span.start, w.span.size()));
  for (const Word& w : ScanWords(result->customer_name, 0, result->customer_name.size()))
    names.Add(std::string_view(result->customer_name).substr(w.span.start, w.span.size()));
  for (const MessageResult& r : result->replies) {
    for (const Finding& f : r.findings) {
      if (!NameRule(f.rule) || !f.field.empty()) continue;
      for (const Word& w : ScanWords(f.text, 0, f.text.size()))
        names.Add(std::string_view(f.text).substr(w.span.start, w.span.size()));
    }
  }
  // Names people state or sign in the conversation, and the agents' names
  // (author): a surname is no less personal than a given name.
  for (const Message& m : c->messages) {
    re2::StringPiece input(m.text);
    std::string intro, first, second;
    while (RE2::FindAndConsume(&input, StatedNamePattern(), &intro, &first, &second)) {
      // After a closing phrase only a known given name starts a person's
      // signature («С уважением, Служба поддержки» is a team).
      if (intro.empty() && NameForms::Instance().Readings(FoldForMatch(first)).empty()) continue;
      names.Add(first);
      if (!second.empty()) names.Add(second);
    }
    for (const Word& w : ScanWords(m.author, 0, m.author.size()))
      names.Add(std::string_view(m.author).substr(w.span.start, w.span.size()));
  }
  // The team's own addresses stay readable.
  for (const Message& m : c->messages) {
    if (m.role != Role::kAgent) continue;
    for (const std::string* field : {&m.from, &m.reply_to}) {
      re2::StringPiece input(*field);
      re2::StringPiece match;
      while (RE2::FindAndConsume(&input, EmailPattern(), &match)) names.keep.push_back(Lower(std::string(match)));
    }
  }
  // Ids and team names, wherever they are shown. Longest first: an id that
  // contains another is masked whole.
  auto add_id = [&](const char* kind, const std::string& id) {
    if (id.find_first_not_of(" \t") != std::string::npos) names.ids.emplace_back(id, HashId(kind, id));
  };
  add_id("conv", c->id);
  add_id("team", c->team);
  for (const Message& m : c->messages) add_id("agent", m.agent_id);
  for (const MessageResult& r : result->replies) {
    for (const Finding& f : r.findings) {
      for (const std::string& other : f.conversations) add_id("conv", other);
    }
  }
  std::sort(names.ids.begin(), names.ids.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });

  auto lang_of = [&](const Message& m) { return m.lang ? *m.lang : c->lang ? *c->lang : Lang::kUnknown; };
  // In message text an id shorter than this is more likely a word or a
  // number of the text than the id (agent "7"); finding texts, which the
  // engine writes, have every id masked.
  constexpr size_t kMinIdInText = 3;
  std::vector<std::vector<Edit>> edits(c->messages.size());
  for (size_t i = 0; i < c->messages.size(); ++i)
    edits[i] = FindEdits(c->messages[i].text, lang_of(c->messages[i]), names, kMinIdInText);
  for (MessageResult& r : result->replies) {
    const std::vector<Edit>& ed = edits[r.message];
    const Lang lang = r.lang != Lang::kUnknown ? r.lang : lang_of(c->messages[r.message]);
    // New offset of an old one; an offset inside a masked run moves to the
    // mask's start (a span's start) or end (a span's end).
    auto map = [&](size_t o, bool is_end) {
      long delta = 0;
      for (const Edit& e : ed) {
        if (e.end <= o) {
          delta += static_cast<long>(e.mask.size()) - static_cast<long>(e.end - e.start);
        } else if (e.start < o) {
          return static_cast<size_t>(static_cast<long>(e.start) + delta) + (is_end ? e.mask.size() : 0);
        } else {
          break;
        }
      }
      return static_cast<size_t>(static_cast<long>(o) + delta);
    };
    const std::string redacted = Apply(c->messages[r.message].text, ed);
    for (Finding& f : r.findings) {
      if (f.field.empty()) {
        f.start = map(f.start, false);
        f.end = std::max(f.start, map(f.end, true));
        // As the engine gives it: ill-formed bytes replaced (the text keeps them).
        f.text = ReplaceInvalidUtf8(std::string_view(redacted).substr(f.start, f.end - f.start));
      } else {
        f.text = RedactString(f.text, lang, names, 1);
      }
      f.message_text = RedactString(f.message_text, lang, names, 1);
      f.suggestion = RedactString(f.suggestion, lang, names, 1);
      if (f.fix) f.fix = RedactString(*f.fix, lang, names, 1);
      for (std::string& other : f.conversations) other = HashId("conv", other);
    }
  }
  for (size_t i = 0; i < c->messages.size(); ++i) c->messages[i].text = Apply(c->messages[i].text, edits[i]);
  const Lang lang = c->lang ? *c->lang : Lang::kUnknown;
  c->customer.name = RedactString(c->customer.name, lang, names, kMinIdInText);
  c->customer.email = RedactString(c->customer.email, lang, names, kMinIdInText);
  for (Message& m : c->messages) {
    m.author = RedactString(m.author, lang_of(m), names, kMinIdInText);
    m.from = RedactString(m.from, lang_of(m), names, kMinIdInText);
    m.reply_to = RedactString(m.reply_to, lang_of(m), names, kMinIdInText);
    m.agent_id = HashId("agent", m.agent_id);
  }
  result->customer_name = RedactString(result->customer_name, lang, names, kMinIdInText);
  c->id = HashId("conv", c->id);
  c->team = HashId("team", c->team);
}

void RedactingSink::OnConversation(const Conversation& conversation, const ConversationResult& result) {
  Conversation c = conversation;
  ConversationResult r = result;
  redactor_.Redact(&c, &r);
  next_->OnConversation(c, r);
}

}  // namespace replylint
