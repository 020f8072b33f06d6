// Snowball stems (Russian and English) for matching words across inflection:
// «неудобства» and «неудобство» share the stem «неудобств».
//
// Pipeline position: the text layer; used by the checks and analyses that
// compare words (questions and answers, stock phrases, templates).
// Thread-safety: thread-safe. Snowball stemmers keep state, so each thread
// gets its own, made on first use, with a small per-thread cache of stems
// (support text repeats its words).
#ifndef REPLYLINT_TEXT_STEM_H_
#define REPLYLINT_TEXT_STEM_H_

#include <string>
#include <string_view>

#include "replylint/model.h"

namespace replylint {

// The stem of a folded word (see FoldForMatch). `lang` picks the stemmer; a
// word in the other script is returned unchanged by Snowball.
std::string Stem(Lang lang, std::string_view folded_word);

// The stem with the stemmer picked by the word's first letter: Cyrillic ->
// Russian, anything else -> English.
std::string StemByScript(std::string_view folded_word);

// True when the word's first letter is Cyrillic.
bool IsCyrillicWord(std::string_view w);

}  // namespace replylint

#endif  // REPLYLINT_TEXT_STEM_H_
