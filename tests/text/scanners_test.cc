// The word and token scanners and FoldForMatch step over ASCII and Russian
// letters without decoding them. These tests hold them to the plain reading
// — decode every code point, ask chars:: about it — on random text made of
// the pieces where the two could part: letters of both cases, digits, marks,
// joiners at word edges, other scripts, multi-byte punctuation and
// ill-formed bytes.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "text/chars.h"
#include "text/message_text.h"
#include "text/tokens.h"
#include "text/words.h"

using namespace replylint;

namespace {

// ScanWords, one decoded code point at a time.
std::vector<Word> PlainWords(std::string_view text, size_t begin, size_t end) {
  std::vector<Word> out;
  size_t i = begin;
  while (i < end) {
    const size_t at = i;
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
      size_t k = j;
      const char32_t d = DecodeUtf8(text, &k);
      if (chars::IsAlpha(d) || chars::IsMark(d)) {
        if (all_caps && chars::IsLower(d)) all_caps = false;
        ++letters;
        j = k;
        continue;
      }
      if ((d == '-' || d == '\'' || d == 0x2019) && k < end) {
        size_t m = k;
        if (chars::IsAlpha(DecodeUtf8(text, &m))) {
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

bool WordChar(char32_t c) { return chars::IsAlnum(c) || chars::IsMark(c); }

// Tokenize, one decoded code point at a time.
std::vector<Token> PlainTokens(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> out;
  bool pending_break = false;
  size_t newlines = 0;
  size_t i = begin;
  while (i < end) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(text, &i);
    if (!WordChar(c)) {
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == 0x2026) pending_break = true;
      if (c == '\n') {
        if (++newlines >= 2) pending_break = true;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        newlines = 0;
      }
      continue;
    }
    Token t;
    t.span.start = at;
    t.break_before = pending_break && !out.empty();
    pending_break = false;
    newlines = 0;
    bool prev_digit = chars::IsDigit(c);
    t.has_digit = prev_digit;
    size_t j = i;
    while (j < end) {
      size_t k = j;
      const char32_t d = DecodeUtf8(text, &k);
      if (WordChar(d)) {
        prev_digit = chars::IsDigit(d);
        t.has_digit = t.has_digit || prev_digit;
        j = k;
        continue;
      }
      const bool joiner =
          d == '-' || d == '\'' || d == 0x2019 || (prev_digit && (d == '.' || d == ',' || d == ':' || d == '/'));
      if (joiner && k < end) {
        size_t m = k;
        const char32_t e = DecodeUtf8(text, &m);
        if (d == '-' || d == '\'' || d == 0x2019 ? WordChar(e) : chars::IsDigit(e)) {
          j = k;
          continue;
        }
      }
      break;
    }
    t.span.end = j;
    out.push_back(t);
    i = j;
  }
  return out;
}

std::string RandomText(std::mt19937* rng) {
  // ASCII; Russian letters (а я А Я Ё ё); Cyrillic ones of other alphabets
  // (Ѐ ѐ ђ Є ґ Ә); Latin (é É ß, title-case ǅ); combining marks (acute,
  // breve); Greek (α Ω); numbers that are no ASCII digit (Arabic-Indic three,
  // ², Ⅻ); punctuation (’ … — « »); an emoji; ill-formed bytes.
  // clang-format off
  static const std::vector<std::string> kPieces = {
      "a", "Z", "q", "M", "7", "0", " ", "  ", "\n", "\n\n", "\t", ".", ",", ":", "/", "!", "?", ";", "-", "'",
      "\xD0\xB0", "\xD1\x8F", "\xD0\x90", "\xD0\xAF", "\xD0\x81", "\xD1\x91",
      "\xD0\x80", "\xD1\x90", "\xD1\x92", "\xD0\x84", "\xD2\x91", "\xD3\x98",
      "\xC3\xA9", "\xC3\x89", "\xC3\x9F", "\xC7\x85", "\xCC\x81", "\xCC\x86", "\xCE\xB1", "\xCE\xA9",
      "\xD9\xA3", "\xC2\xB2", "\xE2\x85\xAB",
      "\xE2\x80\x99", "\xE2\x80\xA6", "\xE2\x80\x94", "\xC2\xAB", "\xC2\xBB", "\xF0\x9F\x98\x80",
      "\xD0", "\xD1", "\x80", "\xBF", "\xC2", "\xFF"};
  // clang-format on
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1), length(0, 40);
  std::string s;
  for (size_t n = length(*rng); n > 0; --n) s += kPieces[piece(*rng)];
  return s;
}

// FoldForMatch, one decoded code point at a time: lower case, ё as е,
// where that keeps the code point's length; ill-formed bytes kept.
std::string PlainFold(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(s, &i);
    char32_t lower = chars::ToLower(c);
    if (lower == U'ё') lower = U'е';
    std::string folded;
    AppendUtf8(lower, &folded);
    out.append((c == 0xFFFD && i - at != 3) || folded.size() != i - at ? s.substr(at, i - at) : folded);
  }
  return out;
}

// Runs of ASCII long enough for FoldForMatch's eight-byte steps, with the
// bytes next to A and Z, between pieces of RandomText.
std::string RandomFoldText(std::mt19937* rng) {
  static const std::string kAscii = "@AZ[`az{ Mq7\x7f\x01";
  std::uniform_int_distribution<size_t> byte(0, kAscii.size() - 1), run(0, 20), pieces(1, 4);
  std::string s;
  for (size_t n = pieces(*rng); n > 0; --n) {
    for (size_t k = run(*rng); k > 0; --k) s += kAscii[byte(*rng)];
    s += RandomText(rng);
  }
  return s;
}

}  // namespace

TEST_CASE("FoldForMatch folds what decoding every code point folds", "[text]") {
  std::mt19937 rng(20261207);
  for (int round = 0; round < 20000; ++round) {
    const std::string s = RandomFoldText(&rng);
    INFO("text \"" << s << "\"");
    REQUIRE(FoldForMatch(s) == PlainFold(s));
  }
}

TEST_CASE("RussianLetterBytes reads every byte pair as decoding it would", "[text]") {
  for (int b0 = 0; b0 < 256; ++b0) {
    for (int b1 = 0; b1 < 256; ++b1) {
      const std::string s = {static_cast<char>(b0), static_cast<char>(b1)};
      size_t i = 0;
      const char32_t c = DecodeUtf8(s, &i);
      const int want = i == 2 && chars::IsRussianLetter(c) ? (chars::IsUpper(c) ? 1 : 2) : 0;
      INFO(b0 << " " << b1);
      REQUIRE(chars::RussianLetterBytes(static_cast<unsigned char>(b0), static_cast<unsigned char>(b1)) == want);
    }
  }
}

TEST_CASE("ScanWords and Tokenize find what decoding every code point finds", "[text]") {
  std::mt19937 rng(20261207);
  for (int round = 0; round < 20000; ++round) {
    const std::string s = RandomText(&rng);
    // The whole text, and a range inside it that may cut a sequence in two.
    std::uniform_int_distribution<size_t> cut(0, s.size());
    size_t begin = cut(rng), end = cut(rng);
    if (begin > end) std::swap(begin, end);
    for (auto [b, e] : {std::pair<size_t, size_t>{0, s.size()}, {begin, end}}) {
      INFO("text \"" << s << "\" [" << b << ", " << e << ")");
      const std::vector<Word> words = ScanWords(s, b, e), plain_words = PlainWords(s, b, e);
      REQUIRE(words.size() == plain_words.size());
      for (size_t k = 0; k < words.size(); ++k) {
        CHECK(words[k].span.start == plain_words[k].span.start);
        CHECK(words[k].span.end == plain_words[k].span.end);
        CHECK(words[k].capitalized == plain_words[k].capitalized);
        CHECK(words[k].all_caps == plain_words[k].all_caps);
        CHECK(words[k].latin == plain_words[k].latin);
      }
      const std::vector<Token> tokens = Tokenize(s, b, e), plain_tokens = PlainTokens(s, b, e);
      REQUIRE(tokens.size() == plain_tokens.size());
      for (size_t k = 0; k < tokens.size(); ++k) {
        CHECK(tokens[k].span.start == plain_tokens[k].span.start);
        CHECK(tokens[k].span.end == plain_tokens[k].span.end);
        CHECK(tokens[k].has_digit == plain_tokens[k].has_digit);
        CHECK(tokens[k].break_before == plain_tokens[k].break_before);
      }
    }
  }
}
