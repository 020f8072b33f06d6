#include "checks/phrase_matcher.h"

#include <re2/re2.h>

#include "rules/rule_spec.h"

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

}  // namespace

StatusOr<PhraseMatcher> PhraseMatcher::Create(const std::vector<std::string>& phrases, const std::string& where) {
  PhraseMatcher m;
  if (phrases.empty()) return m;
  std::string alternation;
  for (const auto& p : phrases) {
    const std::string body = SpacesToWhitespace(p);
    // Compile each alone first so an error names the phrase, not the union.
    auto one = CompilePattern(body, where);
    if (!one.ok()) return one.status();
    if ((*one)->NumberOfCapturingGroups() > 0) {
      return Status::InvalidArgument(where + ": pattern \"" + p + "\" must not use capturing groups; use (?:...)");
    }
    if (!alternation.empty()) alternation += '|';
    alternation += "(?:" + body + ")";
  }
  auto re = CompilePattern("(?:^|[^\\p{L}\\p{N}])(" + alternation + ")(?:$|[^\\p{L}\\p{N}])", where);
  if (!re.ok()) return re.status();
  m.re_ = std::move(*re);
  return m;
}

std::vector<Span> PhraseMatcher::Find(std::string_view folded) const {
  std::vector<Span> out;
  if (!re_) return out;
  re2::StringPiece input(folded.data(), folded.size());
  re2::StringPiece group[2];
  size_t pos = 0;
  while (pos <= folded.size()) {
    // The leading edge may be the character before pos: start at its first byte.
    size_t from = pos == 0 ? 0 : pos - 1;
    while (from > 0 && (static_cast<unsigned char>(folded[from]) & 0xC0) == 0x80) --from;
    if (!re_->Match(input, from, folded.size(), RE2::UNANCHORED, group, 2)) break;
    const size_t start = static_cast<size_t>(group[1].data() - folded.data());
    const size_t end = start + group[1].size();
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
    auto m = PhraseMatcher::Create(list, params.Where(key));
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
