#include "text/visible.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "base/utf8.h"
#include "text/chars.h"

namespace replylint {
namespace {

bool IsFormat(char32_t c) {
  if (c < 0xAD || chars::IsRussianLetter(c)) return false;
  return u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR;
}

bool IsCyrillic(char32_t c) {
  if (chars::IsRussianLetter(c)) return true;
  if (c < 0x400) return false;
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &err) == USCRIPT_CYRILLIC;
}

// Stage 1: the format characters and the marks over Cyrillic letters
// dropped; `from[i]` is the source offset of byte i of the result (kept
// characters are copied whole, so bytes map one for one).
std::string DropInvisible(std::string_view s, std::vector<uint32_t>* from) {
  std::string out;
  out.reserve(s.size());
  bool after_cyrillic = false;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(s, &i);
    if (IsFormat(c)) continue;
    if (chars::IsMark(c)) {
      if (after_cyrillic) continue;  // «Алекса́ндра»: a stress mark
    } else {
      after_cyrillic = IsCyrillic(c);
    }
    out.append(s, at, i - at);
    if (from) {
      for (size_t k = at; k < i; ++k) from->push_back(static_cast<uint32_t>(k));
    }
  }
  return out;
}

bool NeedsWork(std::string_view s) {
  bool after_cyrillic = false;
  // Whether every character is a starter NFKC keeps whatever stands beside
  // it (quick check YES, combining class 0): then the text is in NFKC, as
  // ICU's own check would find, without asking it. ASCII and the Russian
  // letters are such characters.
  bool starters = true;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      after_cyrillic = false;
      continue;
    }
    // A Russian letter (а–я, А–Я, ё, Ё; two bytes), most of what is not
    // ASCII here: a starter, and Cyrillic, without decoding it.
    if (i + 1 < s.size() && chars::RussianLetterBytes(b, static_cast<unsigned char>(s[i + 1])) != 0) {
      i += 2;
      after_cyrillic = true;
      continue;
    }
    const char32_t c = DecodeUtf8(s, &i);
    if (IsFormat(c)) return true;
    if (chars::IsMark(c)) {
      if (after_cyrillic) return true;
    } else {
      after_cyrillic = IsCyrillic(c);
    }
    starters = starters && (chars::IsRussianLetter(c) ||
                            (u_getCombiningClass(static_cast<UChar32>(c)) == 0 &&
                             u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFKC_QUICK_CHECK) == UNORM_YES));
  }
  if (starters) return false;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) return false;
  const bool normal = nfkc->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), err);
  return U_SUCCESS(err) && !normal;
}

}  // namespace

std::string VisibleForm(std::string_view s) {
  // Composed first: a breve typed apart from its и is й, not a mark to drop.
  UErrorCode err = U_ZERO_ERROR;
  std::string nfc;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_SUCCESS(err)) {
    icu::StringByteSink<std::string> sink(&nfc);
    n->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, err);
  }
  if (U_FAILURE(err)) nfc.assign(s);
  auto v = VisibleText::Of(nfc);
  return v ? v->text() : nfc;
}

std::optional<VisibleText> VisibleText::Of(std::string_view source) {
  if (!NeedsWork(source)) return std::nullopt;
  std::vector<uint32_t> from;
  from.reserve(source.size());
  const std::string kept = DropInvisible(source, &from);
  // Stage 2: NFKC, with ICU's record of which bytes it changed.
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  std::string out;
  icu::Edits edits;
  if (U_SUCCESS(err)) {
    icu::StringByteSink<std::string> sink(&out);
    nfkc->normalizeUTF8(0, icu::StringPiece(kept.data(), static_cast<int32_t>(kept.size())), sink, &edits, err);
  }
  VisibleText v;
  // Source offsets of a byte of `kept` (its start) and of the end of the
  // byte before offset k.
  auto src_start = [&](size_t k) -> uint32_t {
    return k < from.size() ? from[k] : static_cast<uint32_t>(source.size());
  };
  auto src_end = [&](size_t k) -> uint32_t { return k == 0 ? 0 : from[k - 1] + 1; };
  if (U_FAILURE(err)) {
    // No NFKC: the characters dropped are still dropped.
    v.text_ = kept;
    for (size_t k = 0; k <= kept.size(); ++k) {
      v.start_.push_back(src_start(k));
      v.end_.push_back(src_end(k));
    }
    return v;
  }
  v.text_ = std::move(out);
  v.start_.assign(v.text_.size() + 1, static_cast<uint32_t>(source.size()));
  v.end_.assign(v.text_.size() + 1, 0);
  auto it = edits.getFineIterator();
  while (it.next(err)) {
    const auto src = static_cast<size_t>(it.sourceIndex());
    const auto dst = static_cast<size_t>(it.destinationIndex());
    const auto n_old = static_cast<size_t>(it.oldLength());
    const auto n_new = static_cast<size_t>(it.newLength());
    for (size_t k = 0; k < n_new; ++k) {
      // An unchanged piece maps byte for byte; a changed one as a whole.
      v.start_[dst + k] = it.hasChange() ? src_start(src) : src_start(src + k);
      v.end_[dst + k + 1] = it.hasChange() ? src_end(src + n_old) : src_end(src + k + 1);
    }
  }
  return v;
}

Span VisibleText::ToSource(Span s) const { return {start_[s.start], std::max(end_[s.end], start_[s.start])}; }

size_t VisibleText::ToSourceStart(size_t offset) const { return start_[offset]; }

}  // namespace replylint
