// stock-phrase: bureaucratic brush-off phrases ("Ваше обращение очень важно
// для нас", "We apologize for any inconvenience") — seeds 001 and 003: a
// reply by script tells the customer nobody read their message.
//
// Minimal configuration (replylint.yaml; the built-in list is
// rules/stock-phrases.yaml, see rules/stock_lexicon.h for the syntax):
//   stock_phrases:
//     phrases:
//       ru: ["ваш запрос принят в обработку => Скажите, кто и когда ответит."]
//   rules:
//     stock-phrase: warning
// The engine finds the phrases once per message (analysis/stock_phrases.h);
// this check reports each one with its plainer alternative as the suggestion.
// Context decides for the phrases marked "~" in the list («оставайтесь на
// линии», "a member of our team will"): followed, in their sentence or the
// next, by a concrete step for this customer — a number (ticket, time) or a
// step word from `step_words` (params: {ru: [переключаю], en: [transfer]},
// matched by stem) or a person's name — they are no brush-off.
#include <set>

#include "checks/check.h"
#include "checks/phrase_matcher.h"
#include "lexicon/name_forms.h"
#include "text/stem.h"

namespace replylint {
namespace {

class StockPhraseCheck : public Check {
 public:
  StockPhraseCheck(const RuleSpec& spec, std::set<std::string> steps) : Check(spec), steps_(std::move(steps)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    for (const StockMatch& m : ctx.stock) {
      if (m.courtesy || (m.soft && StepFollows(ctx, m.last))) continue;
      Finding f = Make(ctx, m.span, "stock", "", {});
      f.suggestion = m.entry->suggestion;
      out->push_back(std::move(f));
    }
  }

 private:
  // A number, a step word or a person's name («передал Саше Ким из
  // бухгалтерии») after token `last`, up to the end of the next sentence.
  bool StepFollows(const MessageContext& ctx, size_t last) const {
    const std::string& text = ctx.text().text();
    const std::string& folded = ctx.text().folded();
    int sentences = 0;
    for (size_t k = last + 1; k < ctx.tokens.size(); ++k) {
      if (ctx.tokens[k].break_before && ++sentences > 1) break;
      if (ctx.tokens[k].has_digit) return true;
      const Span sp = ctx.tokens[k].span;
      const std::string_view w = std::string_view(folded).substr(sp.start, sp.size());
      if (steps_.count(StemByScript(w))) return true;
      const bool capital = text.compare(sp.start, sp.size(), w.data(), w.size()) != 0;
      if (capital && !ctx.tokens[k].break_before && !NameForms::Instance().Readings(w).empty()) return true;
    }
    return false;
  }

  std::set<std::string> steps_;  // stems of step_words
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeStockPhraseCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"stock"}, {}); !st.ok()) return st;
  ParamReader params(spec);
  auto words = FoldedWords(params, "step_words");
  if (!words.ok()) return words.status();
  std::set<std::string> steps;
  for (const std::string& w : *words) steps.insert(StemByScript(w));
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new StockPhraseCheck(spec, std::move(steps)));
}

}  // namespace replylint
