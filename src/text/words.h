// A light word scanner for the checks that look at names and phrases: runs of
// letters (with inner hyphens and apostrophes: Анна-Мария, O'Brien), with
// their byte spans and capitalisation. Cheaper than ICU word segmentation and
// enough where only letter words matter.
// Thread-safety: pure functions.
#ifndef REPLYLINT_TEXT_WORDS_H_
#define REPLYLINT_TEXT_WORDS_H_

#include <string_view>
#include <vector>

#include "text/span.h"

namespace replylint {

struct Word {
  Span span;
  bool capitalized = false;  // first letter upper case
  bool all_caps = false;     // every letter upper case (and more than one)
  bool latin = false;        // first letter Latin
};

// Words of text[begin, end).
std::vector<Word> ScanWords(std::string_view text, size_t begin, size_t end);

// Whether text[begin, end) holds at least n words (ScanWords' words): the
// scan stops at the n-th.
bool HasWords(std::string_view text, size_t begin, size_t end, size_t n);

}  // namespace replylint

#endif  // REPLYLINT_TEXT_WORDS_H_
