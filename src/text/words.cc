#include "text/words.h"

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace replylint {

std::vector<Word> ScanWords(std::string_view text, size_t begin, size_t end) {
  std::vector<Word> out;
  size_t i = begin;
  while (i < end) {
    const size_t at = i;
    const auto c = static_cast<UChar32>(DecodeUtf8(text, &i));
    if (!u_isalpha(c)) continue;
    Word w;
    w.span.start = at;
    w.capitalized = u_isupper(c) || u_istitle(c);
    w.latin = c < 0x250;
    bool all_caps = w.capitalized;
    size_t letters = 1;
    size_t j = i;
    while (j < end) {
      size_t k = j;
      const auto d = static_cast<UChar32>(DecodeUtf8(text, &k));
      if (u_isalpha(d) || u_getCombiningClass(d) != 0 || u_charType(d) == U_NON_SPACING_MARK) {
        if (u_islower(d)) all_caps = false;
        ++letters;
        j = k;
        continue;
      }
      // An inner hyphen or apostrophe joins two letter runs.
      if ((d == '-' || d == '\'' || d == 0x2019) && k < end) {
        size_t m = k;
        const auto e = static_cast<UChar32>(DecodeUtf8(text, &m));
        if (u_isalpha(e)) {
          j = k;
          continue;
        }
      }
      break;
    }
    w.span.end = j;
    w.all_caps = all_caps && letters > 1;
    out.push_back(w);
    i = j;
  }
  return out;
}

}  // namespace replylint
