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
#include "checks/check.h"

namespace replylint {
namespace {

class StockPhraseCheck : public Check {
 public:
  explicit StockPhraseCheck(const RuleSpec& spec) : Check(spec) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    for (const StockMatch& m : ctx.stock) {
      if (m.courtesy) continue;
      Finding f = Make(ctx, m.span, "stock", "", {});
      f.suggestion = m.entry->suggestion;
      out->push_back(std::move(f));
    }
  }
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeStockPhraseCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"stock"}, {}); !st.ok()) return st;
  if (Status st = ParamReader(spec).Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new StockPhraseCheck(spec));
}

}  // namespace replylint
