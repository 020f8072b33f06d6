// stock-phrase: bureaucratic brush-off phrases ("Ваше обращение очень важно
// для нас", "We apologize for any inconvenience") — seeds 001 and 003: a
// reply by script tells the customer nobody read their message.
//
// Minimal configuration (rules/stock-phrase.yaml):
//   params:
//     phrases:
//       ru: ["ваше обращение (?:очень )?важно для нас => Спасибо, что написали: …"]
//       en: ["we apologi[sz]e for any inconvenience => Sorry about …"]
// Each entry is an RE2 pattern on folded text, then " => " and a plainer,
// warmer alternative that becomes the finding's suggestion.
#include <re2/re2.h>

#include "checks/check.h"
#include "checks/phrase_matcher.h"

namespace replylint {
namespace {

struct Stock {
  std::unique_ptr<re2::RE2> pattern;  // anchored, to tell which phrase matched
  std::string suggestion;
};

class StockPhraseCheck : public Check {
 public:
  StockPhraseCheck(const RuleSpec& spec, std::map<Lang, PhraseMatcher> matchers, std::map<Lang, std::vector<Stock>> stock)
      : Check(spec), matchers_(std::move(matchers)), stock_(std::move(stock)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const MessageText& t = ctx.text();
    for (const auto& [lang, matcher] : matchers_) {
      for (const Span& s : matcher.Find(t.folded())) {
        if (t.InQuote(s.start, s.end)) continue;
        const std::string_view found = std::string_view(t.folded()).substr(s.start, s.size());
        std::string suggestion;
        for (const Stock& st : stock_.at(lang)) {
          if (RE2::FullMatch(re2::StringPiece(found.data(), found.size()), *st.pattern)) {
            suggestion = st.suggestion;
            break;
          }
        }
        Finding f = Make(ctx, s, "stock", "", {});
        f.suggestion = suggestion;
        out->push_back(std::move(f));
      }
    }
  }

 private:
  std::map<Lang, PhraseMatcher> matchers_;
  std::map<Lang, std::vector<Stock>> stock_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeStockPhraseCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"stock"}, {}); !st.ok()) return st;
  ParamReader params(spec);
  auto lists = params.StringsByLang("phrases");
  if (!lists.ok()) return lists.status();
  const std::string where = params.Where("phrases");
  std::map<Lang, PhraseMatcher> matchers;
  std::map<Lang, std::vector<Stock>> stock;
  for (const auto& [lang, list] : *lists) {
    std::vector<std::string> patterns;
    for (const std::string& entry : list) {
      const size_t arrow = entry.find(" => ");
      if (arrow == std::string::npos || arrow == 0 || arrow + 4 >= entry.size()) {
        return Status::InvalidArgument(where + ": stock phrase \"" + entry +
                                       "\" must read \"pattern => plainer alternative\"");
      }
      patterns.push_back(entry.substr(0, arrow));
      auto re = CompilePattern(SpacesToWhitespace(patterns.back()), where);
      if (!re.ok()) return re.status();
      stock[lang].push_back({std::move(*re), entry.substr(arrow + 4)});
    }
    auto m = PhraseMatcher::Create(patterns, where);
    if (!m.ok()) return m.status();
    matchers.emplace(lang, std::move(*m));
  }
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new StockPhraseCheck(spec, std::move(matchers), std::move(stock)));
}

}  // namespace replylint
