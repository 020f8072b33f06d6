#include "checks/phrase_matcher.h"

#include <re2/re2.h>
#include <unicode/uscript.h>

#include "base/utf8.h"
#include "rules/rule_spec.h"
#include "text/chars.h"

namespace replylint {

PhraseMatcher::PhraseMatcher(PhraseMatcher&&) noexcept = default;
PhraseMatcher& PhraseMatcher::operator=(PhraseMatcher&&) noexcept = default;
PhraseMatcher::~PhraseMatcher() = default;

namespace {

// A literal space in a phrase stands for any run of white space.
std::string SpacesToWhitespace(const std::string& phrase) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < phrase.size(); ++i) {
    const char c = phrase[i];
    if (c == '\\' && i + 1 < phrase.size()) {
      out += c;
      out += phrase[++i];
      continue;
    }
    if (c == '[') in_class = true;
    if (c == ']') in_class = false;
    if (c == ' ' && !in_class) {
      while (i + 1 < phrase.size() && phrase[i + 1] == ' ') ++i;
      out += "\\s+";
      continue;
    }
    out += c;
  }
  return out;
}

// Whether `c` may follow a phrase: what [^\p{Latin}\p{Cyrillic}0-9] matches.
bool EndsWord(char32_t c) {
  if (c < 0x80) return !chars::IsAsciiLetter(c) && !chars::IsAsciiDigit(c);
  if (chars::IsRussianLetter(c)) return false;
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &err);
  return script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC;
}

}  // namespace

StatusOr<PhraseMatcher> PhraseMatcher::Create(const std::vector<std::string>& phrases, const std::string& where,
                                              bool deferred) {
  PhraseMatcher m;
  if (phrases.empty()) return m;
  std::vector<std::string> bodies;
  std::string alternation;
  for (const auto& p : phrases) {
    bodies.push_back(SpacesToWhitespace(p));
    if (!alternation.empty()) alternation += '|';
    alternation += "(?:" + bodies.back() + ")";
  }
  const std::string plain = "(" + alternation + ")";
  m.edged_ = std::make_unique<LazyPattern>(plain + "(?:$|[^\\p{Latin}\\p{Cyrillic}0-9])", where);
  if (deferred) {
    m.plain_ = std::make_unique<LazyPattern>(plain, where);
    return m;
  }
  auto re = CompilePattern(plain, where);
  if (re.ok() && (*re)->NumberOfCapturingGroups() == 1) {
    m.plain_ = std::make_unique<LazyPattern>(plain, where, std::move(*re));
    return m;
  }
  // Name the phrase at fault: compile each alone (only on this error path,
  // as it would double the start-up time).
  for (size_t i = 0; i < phrases.size(); ++i) {
    auto one = CompilePattern(bodies[i], where);
    if (!one.ok()) return one.status();
    if ((*one)->NumberOfCapturingGroups() > 0) {
      return Status::InvalidArgument(where + ": pattern \"" + phrases[i] +
                                     "\" must not use capturing groups; use (?:...)");
    }
  }
  return re.status();
}

std::vector<Span> PhraseMatcher::Find(std::string_view folded) const {
  std::vector<Span> out;
  const re2::RE2* re = plain_ ? plain_->Get() : nullptr;
  if (re == nullptr) return out;
  const re2::StringPiece input(folded.data(), folded.size());
  re2::StringPiece group[2];
  size_t pos = 0;
  while (pos <= folded.size()) {
    // The group is the whole match: asking for the match alone lets RE2
    // answer from its DFAs, without a submatch engine over the match.
    if (!re->Match(input, pos, folded.size(), RE2::UNANCHORED, group, 1)) break;
    const size_t start = static_cast<size_t>(group[0].data() - folded.data());
    size_t end = start + group[0].size();
    // The leading edge: the start of the text, or no letter or digit before.
    bool edges = true;
    if (start > 0) {
      size_t before = start - 1;
      while (before > 0 && (static_cast<unsigned char>(folded[before]) & 0xC0) == 0x80) --before;
      edges = !chars::IsLetterOrNumber(DecodeUtf8(folded, &before));
    }
    // The trailing edge: the end of the text, or no Latin or Cyrillic
    // character or ASCII digit after; else whatever the edged pattern
    // matches here.
    if (edges && end < folded.size()) {
      size_t after = end;
      if (!EndsWord(DecodeUtf8(folded, &after))) {
        const re2::RE2* edged = edged_->Get();
        edges = edged != nullptr && edged->Match(input, start, folded.size(), RE2::ANCHOR_START, group, 2);
        end = start + group[1].size();
      }
    }
    // No edges here: the leftmost match with edges starts further on.
    if (!edges) {
      pos = start;
      DecodeUtf8(folded, &pos);
      continue;
    }
    out.push_back({start, end});
    pos = end > start ? end : end + 1;
  }
  return out;
}

StatusOr<std::map<Lang, PhraseMatcher>> PhraseMatchersByLang(ParamReader& params, const std::string& key) {
  auto lists = params.StringsByLang(key);
  if (!lists.ok()) return lists.status();
  std::map<Lang, PhraseMatcher> out;
  for (const auto& [lang, list] : *lists) {
    auto m = PhraseMatcher::Create(list, params.Where(key), params.BuiltIn(key));
    if (!m.ok()) return m.status();
    out.emplace(lang, std::move(*m));
  }
  return out;
}

StatusOr<std::set<std::string>> FoldedWords(ParamReader& params, const std::string& key) {
  auto lists = params.StringsByLang(key);
  if (!lists.ok()) return lists.status();
  std::set<std::string> out;
  for (const auto& [lang, list] : *lists) {
    for (const auto& w : list) out.insert(FoldForMatch(w));
  }
  return out;
}

}  // namespace replylint
