// The stock-phrase lexicon: bureaucratic brush-off phrases per language, each
// with a plainer alternative, and courtesy formulas that are template text
// without being brush-offs. Loaded from rules/stock-phrases.yaml and
// extended by `stock_phrases:` in the user configuration; read by the
// stock-phrase rule (which reports them) and by template-overuse (which
// counts how much of a reply they make up).
//
// A phrase is a sequence of words matched by their Snowball stems, so every
// case and number of a word matches («неудобства», «неудобство»):
//   a|b|c    alternatives for one word
//   (a|b)    an optional word; (a few words): each of them optional
//   =word    this form only, not every word of its stem
//   #        any number; *  any one word
//   ~phrase  (leading) a brush-off only when no concrete step for this
//            customer follows it (stay on the line while being transferred)
// Between two words of a phrase up to `max_gap` other words may stand
// («приносим свои извинения»), never across the end of a sentence.
// Thread-safety: plain data, immutable after loading.
#ifndef REPLYLINT_RULES_STOCK_LEXICON_H_
#define REPLYLINT_RULES_STOCK_LEXICON_H_

#include <map>
#include <string>
#include <vector>

#include "replylint/model.h"

namespace replylint {

struct StockPhraseEntry {
  std::string phrase;      // as written, before " => "
  std::string suggestion;  // after " => "
  std::string where;       // file:line:col, for errors
};

struct StockLexicon {
  int max_gap = 1;
  std::map<Lang, std::vector<StockPhraseEntry>> phrases;
  // Courtesy formulas ("thanks for reaching out", «если остались вопросы,
  // пишите»): template text, but no brush-off. template-overuse counts them
  // as stock text; stock-phrase does not report them. No suggestion.
  std::map<Lang, std::vector<StockPhraseEntry>> courtesy;
};

}  // namespace replylint

#endif  // REPLYLINT_RULES_STOCK_LEXICON_H_
