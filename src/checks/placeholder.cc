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
#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "checks/check.h"

namespace replylint {
namespace {

bool IsWordChar(unsigned char c) { return c >= 0x80 || std::isalnum(c) != 0; }

class PlaceholderCheck : public Check {
 public:
  PlaceholderCheck(const RuleSpec& spec, std::vector<std::unique_ptr<re2::RE2>> always,
                   std::vector<std::unique_ptr<re2::RE2>> bracketed, std::set<std::string> keywords,
                   std::set<std::string> filler, std::set<std::string> name_keywords)
      : Check(spec),
        always_(std::move(always)),
        bracketed_(std::move(bracketed)),
        keywords_(std::move(keywords)),
        filler_(std::move(filler)),
        name_keywords_(std::move(name_keywords)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const MessageText& t = ctx.text();
    std::vector<std::pair<Span, std::string>> hits;  // span, folded content
    for (const auto& re : always_) Collect(*re, t.folded(), false, &hits);
    for (const auto& re : bracketed_) Collect(*re, t.folded(), true, &hits);
    // Keep the longest of overlapping matches ("{{ name }}" also holds "{ name }").
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
      return a.first.start != b.first.start ? a.first.start < b.first.start : a.first.end > b.first.end;
    });
    size_t covered = 0;
    const std::string& customer = ctx.conversation.customer.name;
    for (const auto& [span, content] : hits) {
      if (span.start < covered || t.InQuote(span.start, span.end)) continue;
      covered = span.end;
      const bool is_name = IsNameSlot(content) && !customer.empty();
      out->push_back(Make(ctx, span, "unfilled", is_name ? "name" : "value", {{"name", customer}}));
    }
  }

 private:
  void Collect(const re2::RE2& re, const std::string& folded, bool needs_keyword,
               std::vector<std::pair<Span, std::string>>* hits) const {
    re2::StringPiece input(folded);
    re2::StringPiece groups[2];
    const int n = std::min(2, 1 + re.NumberOfCapturingGroups());
    size_t pos = 0;
    while (pos < folded.size() && re.Match(input, pos, folded.size(), RE2::UNANCHORED, groups, n)) {
      const size_t start = static_cast<size_t>(groups[0].data() - folded.data());
      const size_t end = start + groups[0].size();
      pos = end > start ? end : start + 1;
      const std::string content(n > 1 && groups[1].data() ? groups[1] : groups[0]);
      if (needs_keyword && !LooksLikeSlot(content)) continue;
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
    size_t words = 0;
    bool keyword = false;
    for (size_t i = 0; i < c.size();) {
      const size_t j = std::min(c.find(' ', i), c.size());
      const std::string w = c.substr(i, j - i);
      ++words;
      if (keywords_.count(w)) {
        keyword = true;
      } else if (!filler_.count(w)) {
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
      if (name_keywords_.count(c.substr(i, j - i))) return true;
      i = j + 1;
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

  std::vector<std::unique_ptr<re2::RE2>> always_;
  std::vector<std::unique_ptr<re2::RE2>> bracketed_;
  std::set<std::string> keywords_;
  std::set<std::string> filler_;
  std::set<std::string> name_keywords_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakePlaceholderCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"unfilled"}, {"name", "value"}); !st.ok()) return st;
  ParamReader params(spec);
  auto compile = [&](const std::string& key) -> StatusOr<std::vector<std::unique_ptr<re2::RE2>>> {
    auto list = params.Strings(key);
    if (!list.ok()) return list.status();
    std::vector<std::unique_ptr<re2::RE2>> out;
    for (const auto& p : *list) {
      auto re = CompilePattern(p, params.Where(key));
      if (!re.ok()) return re.status();
      out.push_back(std::move(*re));
    }
    return out;
  };
  auto always = compile("patterns");
  if (!always.ok()) return always.status();
  auto bracketed = compile("bracket_patterns");
  if (!bracketed.ok()) return bracketed.status();
  std::set<std::string> keywords, filler, name_keywords;
  for (auto [key, set] : {std::pair{"keywords", &keywords}, std::pair{"filler_words", &filler},
                          std::pair{"name_keywords", &name_keywords}}) {
    auto list = params.Strings(key);
    if (!list.ok()) return list.status();
    for (const auto& k : *list) set->insert(FoldForMatch(k));
  }
  for (const auto& k : name_keywords) keywords.insert(k);
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new PlaceholderCheck(spec, std::move(*always), std::move(*bracketed),
                                                     std::move(keywords), std::move(filler), std::move(name_keywords)));
}

}  // namespace replylint
