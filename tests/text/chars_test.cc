// The fast paths of text/chars.h must answer exactly as ICU does, for every
// code point; and the fast paths built on them (DecodeUtf8, FoldForMatch,
// display width) as the general code does.
#include "text/chars.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <catch2/catch.hpp>
#include <memory>
#include <random>

#include "base/utf8.h"
#include "text/message_text.h"
#include "text/segmenter.h"

using namespace replylint;

namespace {

std::string Utf8(char32_t c) {
  std::string s;
  AppendUtf8(c, &s);
  return s;
}

size_t IcuGraphemes(const std::string& s) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), st));
  REQUIRE(U_SUCCESS(st));
  it->setText(icu::UnicodeString::fromUTF8(s));
  size_t n = 0;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) ++n;
  return n;
}

}  // namespace

TEST_CASE("chars: every property agrees with ICU for all of Unicode", "[text]") {
  size_t mismatches = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    const auto u = static_cast<UChar32>(c);
    const bool ok = chars::IsAlpha(c) == (u_isalpha(u) != 0) && chars::IsDigit(c) == (u_isdigit(u) != 0) &&
                    chars::IsAlnum(c) == (u_isalnum(u) != 0) &&
                    chars::IsLetterOrNumber(c) == ((U_GET_GC_MASK(u) & (U_GC_L_MASK | U_GC_N_MASK)) != 0) &&
                    chars::IsUpper(c) == (u_isupper(u) != 0) && chars::IsLower(c) == (u_islower(u) != 0) &&
                    chars::IsTitle(c) == (u_istitle(u) != 0) &&
                    chars::IsMark(c) == (u_getCombiningClass(u) != 0 || u_charType(u) == U_NON_SPACING_MARK) &&
                    chars::ToLower(c) == static_cast<char32_t>(u_tolower(u)) &&
                    chars::ToUpper(c) == static_cast<char32_t>(u_toupper(u));
    if (!ok && ++mismatches < 10) FAIL_CHECK("code point U+" << std::hex << static_cast<uint32_t>(c));
  }
  CHECK(mismatches == 0);
}

TEST_CASE("chars: stable NFC code points are NFC and never combine", "[text]") {
  for (char32_t c = 0; c < 0x600; ++c) {
    if (!chars::IsStableNfc(c)) continue;
    const auto u = static_cast<UChar32>(c);
    INFO("U+" << std::hex << static_cast<uint32_t>(c));
    CHECK(u_getCombiningClass(u) == 0);
    CHECK(u_getIntPropertyValue(u, UCHAR_NFC_QUICK_CHECK) == UNORM_YES);
  }
}

TEST_CASE("chars: single-column code points are one-column grapheme clusters whatever their neighbours", "[text]") {
  // Letters and what may sit before a cluster (a mark or a joiner only ever
  // joins what comes before it, so they may only stand first here).
  const char32_t neighbours[] = {'a', U'я', 0x1F600, 0x0E31, 0x0301, 0x200D, 0xFE0F};
  for (char32_t c = 0; c < 0x2200; ++c) {
    if (!chars::IsSingleColumn(c)) continue;
    const auto u = static_cast<UChar32>(c);
    INFO("U+" << std::hex << static_cast<uint32_t>(c));
    const int ea = u_getIntPropertyValue(u, UCHAR_EAST_ASIAN_WIDTH);
    CHECK(ea != U_EA_WIDE);
    CHECK(ea != U_EA_FULLWIDTH);
    CHECK(!u_hasBinaryProperty(u, UCHAR_EMOJI_PRESENTATION));
    // Two of them side by side are two clusters; one never joins a plain
    // letter before or after it.
    const std::string one = Utf8(c);
    std::string twice = one;
    twice += one;
    CHECK(IcuGraphemes(twice) == 2);
    std::string between = "a";
    between += one;
    between += 'a';
    CHECK(IcuGraphemes(between) == 3);
    for (char32_t n : neighbours) {
      std::string after = Utf8(n);
      after += one;
      CHECK(IcuGraphemes(after) == 2);
    }
  }
}

TEST_CASE("DecodeUtf8's inline path agrees with the general one", "[text]") {
  for (char32_t c : {U'a', U'я', U'Ё', U'é', U'\u07FF', U'\u0800', U'€', U'\U0001F600'}) {
    const std::string s = Utf8(c);
    size_t i = 0;
    CHECK(DecodeUtf8(s, &i) == c);
    CHECK(i == s.size());
  }
  // Overlong, truncated and stray bytes: U+FFFD, one byte at a time.
  for (const std::string& bad : {std::string("\xC0\x80"), std::string("\xC1\xBF"), std::string("\xD0"),
                                 std::string("\xD0\x41"), std::string("\x80")}) {
    size_t i = 0;
    CHECK(DecodeUtf8(bad, &i) == 0xFFFD);
    CHECK(i == 1);
  }
}

TEST_CASE("FoldForMatch's Russian path folds like the general one", "[text]") {
  std::string all, expected;
  for (char32_t c = 0x400; c <= 0x45F; ++c) {
    all += Utf8(c);
    char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    if (lower == U'ё') lower = U'е';
    expected += Utf8(Utf8(lower).size() == Utf8(c).size() ? lower : c);
  }
  CHECK(FoldForMatch(all) == expected);
}

TEST_CASE("Segmenter width: the simple path and the grapheme path agree", "[text]") {
  Segmenter seg;
  CHECK(seg.Width("Здравствуйте, Bob! — «ок» №5 €") == 30);
  CHECK(seg.Width("е\xCC\x88ж") == 2);           // e + combining diaeresis is one column
  CHECK(seg.Width("ok \xF0\x9F\x98\x80") == 5);  // an emoji is two
  CHECK(seg.Width("中文") == 4);
  // A line that fits is one visual line; one that does not wraps at a space.
  CHECK(seg.Wrap("Привет, как дела?", 38) == std::vector<size_t>{0});
  const std::string line = "Здравствуйте! Ваш заказ приедет завтра до обеда, курьер позвонит.";
  const std::vector<size_t> starts = seg.Wrap(line, 38);
  REQUIRE(starts.size() == 2);
  CHECK(line.substr(starts[1]).rfind("до обеда", 0) == 0);
}

TEST_CASE("Segmenter: MaxVisualLines is never below ICU's wrapping, and equal on plain prose", "[text]") {
  // chat-length skips the line-break iterator for messages under this bound.
  Segmenter seg;
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {
      "а",     "слово", "Подключение", "ok", "Order", "42", "—", ",",     ".",   "!",
      "?",     ":",     ";",           " ",  " ",     "  ", "-", "(",     ")",   "«",
      "»",     "\"",    "'",           "/",  "%",     "№",  "…", "12:00", "3.5", "https://example.com/a/b",
      "\u00a0"};
  for (int round = 0; round < 20000; ++round) {
    std::string line;
    const size_t n = 1 + rng() % 60;
    for (size_t k = 0; k < n; ++k) {
      line += pieces[rng() % pieces.size()];
      if (rng() % 40 == 0) line += std::string(1 + rng() % 50, 'x');  // maybe longer than a line
    }
    const size_t columns = 10 + rng() % 40;
    const size_t w = Segmenter::SimpleWidth(line);
    REQUIRE(w != std::string_view::npos);
    const size_t bound = Segmenter::MaxVisualLines(line, columns);
    INFO(line << " / " << columns);
    CHECK(seg.Wrap(line, columns).size() <= bound);
    CHECK(bound <= (w <= columns ? 1 : 2 * w / columns + 1));
  }

  // Words of letters and digits with single spaces and ordinary punctuation:
  // ICU breaks exactly there, so the bound is the count.
  const std::vector<std::string> words = {"Здравствуйте,", "заказ", "ok.", "курьер", "Bob!", "12", "завтра?"};
  for (int round = 0; round < 2000; ++round) {
    std::string line = "слово";
    const size_t n = rng() % 40;
    for (size_t k = 0; k < n; ++k) line += " " + words[rng() % words.size()];
    const size_t columns = 15 + rng() % 30;
    INFO(line << " / " << columns);
    CHECK(Segmenter::MaxVisualLines(line, columns) == seg.Wrap(line, columns).size());
  }
  CHECK(Segmenter::MaxVisualLines("ok \xF0\x9F\x98\x80", 38) == std::string_view::npos);
}

TEST_CASE("Segmenter: line breaks over UTF-16 are ICU's over the UTF-8 text", "[text]") {
  // LineBreaks converts the line to UTF-16 for speed; ICU's own UTF-8 UText
  // is the reference, on lines of every width of character.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> reference(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
  REQUIRE(U_SUCCESS(status));
  Segmenter seg;
  std::mt19937 rng(11);
  const std::vector<std::string> pieces = {"а",
                                           "Подключение",
                                           "ok",
                                           "—",
                                           ",",
                                           " ",
                                           "  ",
                                           "-",
                                           "(",
                                           ")",
                                           "«",
                                           "»",
                                           "12:00",
                                           "3.5",
                                           "№5",
                                           "€100",
                                           "?",
                                           "!",
                                           "中文",
                                           "ご注文",
                                           "\xF0\x9F\x98\x80",
                                           "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",
                                           "е\xCC\x88",
                                           "\xF0\x9D\x90\x9A",
                                           "https://example.com/a?b=c",
                                           "x/y",
                                           "\t"};
  for (int round = 0; round < 2000; ++round) {
    std::string line;
    const size_t n = 1 + rng() % 30;
    for (size_t k = 0; k < n; ++k) line += pieces[rng() % pieces.size()];
    UText ut = UTEXT_INITIALIZER;
    status = U_ZERO_ERROR;
    utext_openUTF8(&ut, line.data(), static_cast<int64_t>(line.size()), &status);
    reference->setText(&ut, status);
    REQUIRE(U_SUCCESS(status));
    std::vector<size_t> expected;
    for (int32_t b = reference->first(); b != icu::BreakIterator::DONE; b = reference->next()) {
      expected.push_back(static_cast<size_t>(b));
    }
    utext_close(&ut);
    INFO(line);
    CHECK(seg.LineBreaks(line) == expected);
  }
}
