#include "text/words.h"

#include <algorithm>

#include "base/utf8.h"
#include "text/chars.h"

namespace replylint {

namespace {

// Calls take(word) for each word of text[begin, end) in order, while it
// returns true.
template <typename Take>
void EachWord(std::string_view text, size_t begin, size_t end, Take take) {
  size_t i = begin;
  while (i < end) {
    const size_t at = i;
    if (const auto b = static_cast<unsigned char>(text[i]); b < 0x80 && !chars::IsAsciiLetter(b)) {
      ++i;  // space, digit, punctuation
      continue;
    }
    const char32_t c = DecodeUtf8(text, &i);
    if (!chars::IsAlpha(c)) continue;
    Word w;
    w.span.start = at;
    w.capitalized = chars::IsUpper(c) || chars::IsTitle(c);
    w.latin = c < 0x250;
    bool all_caps = w.capitalized;
    size_t letters = 1;
    size_t j = i;
    while (j < end) {
      // ASCII and Russian letters, the bulk of most words, without decoding
      // (the general case below answers the same for them).
      const auto b = static_cast<unsigned char>(text[j]);
      if (b < 0x80 && chars::IsAsciiLetter(b)) {
        all_caps = all_caps && b <= 'Z';
        ++letters;
        ++j;
        continue;
      }
      if (j + 1 < text.size()) {
        if (const int russian = chars::RussianLetterBytes(b, static_cast<unsigned char>(text[j + 1]))) {
          all_caps = all_caps && russian == 1;
          ++letters;
          j += 2;
          continue;
        }
      }
      size_t k = j;
      const char32_t d = DecodeUtf8(text, &k);
      if (chars::IsAlpha(d) || chars::IsMark(d)) {
        if (all_caps && chars::IsLower(d)) all_caps = false;
        ++letters;
        j = k;
        continue;
      }
      // An inner hyphen or apostrophe joins two letter runs.
      if ((d == '-' || d == '\'' || d == 0x2019) && k < end) {
        size_t m = k;
        const char32_t e = DecodeUtf8(text, &m);
        if (chars::IsAlpha(e)) {
          j = k;
          continue;
        }
      }
      break;
    }
    w.span.end = j;
    w.all_caps = all_caps && letters > 1;
    if (!take(w)) return;
    i = j;
  }
}

}  // namespace

std::vector<Word> ScanWords(std::string_view text, size_t begin, size_t end) {
  std::vector<Word> out;
  // About one word in six bytes of English, in ten of Russian: one
  // allocation for most texts, where growing by doubling took eight (a
  // cap, so that one long word does not reserve room for thousands).
  out.reserve(end > begin ? std::min<size_t>((end - begin) / 6 + 1, 4096) : 0);
  EachWord(text, begin, end, [&](const Word& w) {
    out.push_back(w);
    return true;
  });
  return out;
}

bool HasWords(std::string_view text, size_t begin, size_t end, size_t n) {
  if (n == 0) return true;
  size_t seen = 0;
  EachWord(text, begin, end, [&](const Word&) { return ++seen < n; });
  return seen >= n;
}

}  // namespace replylint
