// Character properties with inline fast paths for the text replylint reads
// most: ASCII and the basic Russian alphabet (А–я, Ё, ё). Every other code
// point goes to ICU, so each function returns exactly what the ICU call named
// beside it returns (tests/text/chars_test.cc compares all of Unicode).
//
// Why: the scanners (tokens, words, folding, NFC check, display width) ask
// these questions of every character of every message, and an ICU property
// lookup costs tens of instructions where a range test costs two.
// Thread-safety: pure functions.
#ifndef REPLYLINT_TEXT_CHARS_H_
#define REPLYLINT_TEXT_CHARS_H_

#include <unicode/uchar.h>

namespace replylint::chars {

// А–Я, а–я, Ё, ё.
inline bool IsRussianLetter(char32_t c) { return (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451; }
inline bool IsAsciiLetter(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Whether b0 b1 are the UTF-8 bytes of a Russian letter: 0 if not, 1 for a
// capital (А–Я, Ё), 2 for a small letter (а–я, ё). For the scanners, which
// step over the letters of a word without decoding them.
inline int RussianLetterBytes(unsigned char b0, unsigned char b1) {
  if (b0 == 0xD0) {
    if (b1 >= 0xB0 && b1 <= 0xBF) return 2;
    return (b1 >= 0x90 && b1 <= 0xAF) || b1 == 0x81 ? 1 : 0;
  }
  return b0 == 0xD1 && ((b1 >= 0x80 && b1 <= 0x8F) || b1 == 0x91) ? 2 : 0;
}

// u_isalpha
inline bool IsAlpha(char32_t c) {
  if (c < 0x80) return IsAsciiLetter(c);
  if (IsRussianLetter(c)) return true;
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

// u_isdigit
inline bool IsDigit(char32_t c) {
  if (c < 0x80) return IsAsciiDigit(c);
  if (IsRussianLetter(c)) return false;
  return u_isdigit(static_cast<UChar32>(c)) != 0;
}

// u_isalnum
inline bool IsAlnum(char32_t c) {
  if (c < 0x80) return IsAsciiLetter(c) || IsAsciiDigit(c);
  if (IsRussianLetter(c)) return true;
  return u_isalnum(static_cast<UChar32>(c)) != 0;
}

// \p{L} or \p{N} (letters and numbers of every kind: ², Ⅻ).
inline bool IsLetterOrNumber(char32_t c) {
  if (c < 0x80) return IsAsciiLetter(c) || IsAsciiDigit(c);
  if (IsRussianLetter(c)) return true;
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

// u_isupper
inline bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (IsRussianLetter(c)) return c <= 0x42F;
  return u_isupper(static_cast<UChar32>(c)) != 0;
}

// u_islower
inline bool IsLower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (IsRussianLetter(c)) return c >= 0x430;
  return u_islower(static_cast<UChar32>(c)) != 0;
}

// u_istitle
inline bool IsTitle(char32_t c) {
  if (c < 0x80 || IsRussianLetter(c)) return false;
  return u_istitle(static_cast<UChar32>(c)) != 0;
}

// u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK: a
// mark that continues the letter before it.
inline bool IsMark(char32_t c) {
  if (c < 0x300 || IsRussianLetter(c)) return false;
  const auto u = static_cast<UChar32>(c);
  return u_getCombiningClass(u) != 0 || u_charType(u) == U_NON_SPACING_MARK;
}

// u_tolower
inline char32_t ToLower(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  if (IsRussianLetter(c)) return c == 0x401 ? 0x451 : c <= 0x42F ? c + 32 : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

// u_toupper
inline char32_t ToUpper(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  if (IsRussianLetter(c)) return c == 0x451 ? 0x401 : c >= 0x430 && c <= 0x44F ? c - 32 : c;
  return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}

// A code point that is NFC on its own and cannot combine with a neighbour:
// combining class 0 and NFC_Quick_Check = Yes. False means "ask ICU", not "no".
inline bool IsStableNfc(char32_t c) { return c < 0x300 || (c >= 0x400 && c <= 0x482) || (c >= 0x48A && c <= 0x4FF); }

// A code point that is a grapheme cluster of its own, one display column
// wide, whatever stands around it (except CR before LF, which lines never
// hold). False means "ask ICU", not "no".
inline bool IsSingleColumn(char32_t c) {
  return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0x300 && c != 0xAD) || (c >= 0x400 && c <= 0x482) ||
         (c >= 0x48A && c <= 0x4FF) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
         (c >= 0x20A0 && c <= 0x20C0) || c == 0x2116 || c == 0x2122;
}

}  // namespace replylint::chars

#endif  // REPLYLINT_TEXT_CHARS_H_
