#include "text/message_text.h"

// clang-format off
#include <cstdio>  // before CLD2's header, which uses FILE without including it
#include <cld2/public/compact_lang_det.h>
// clang-format on
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cassert>

#include "base/swar.h"
#include "base/utf8.h"
#include "text/chars.h"

namespace replylint {
namespace {

size_t Utf8Len(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// NFC quick check over UTF-8 without converting to UTF-16: almost every
// message is already NFC (and valid UTF-8), and then the text and offsets stay
// as they are. Ill-formed bytes fail the check: they must be replaced.
bool IsNfc(std::string_view s) {
  uint8_t last_ccc = 0;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      last_ccc = 0;
      continue;
    }
    const size_t at = i;
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i - at != 3) return false;
    if (chars::IsStableNfc(cp)) {
      last_ccc = 0;
      continue;
    }
    const auto ccc = static_cast<uint8_t>(u_getCombiningClass(static_cast<UChar32>(cp)));
    if (ccc != 0 && last_ccc > ccc) return false;
    if (u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_NFC_QUICK_CHECK) != UNORM_YES) {
      return false;
    }
    last_ccc = ccc;
  }
  return true;
}

// A starter that NFC leaves alone whatever follows it in its chunk.
bool StableAlone(char32_t cp) {
  return cp < 0x80 || (u_getCombiningClass(static_cast<UChar32>(cp)) == 0 &&
                       u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_NFC_QUICK_CHECK) == UNORM_YES);
}

}  // namespace

void MessageText::AddPiece(size_t out, size_t in, bool copied) {
  if (copied && !map_.empty()) {
    const Anchor& last = map_.back();
    if (last.copied && last.in + (out - last.out) == in) return;  // continues the previous copy
  }
  map_.push_back({out, in, copied});
}

// Replaces ill-formed bytes with U+FFFD (one per byte) and normalises chunk
// by chunk between NFC boundaries. A chunk that comes out as it went in maps
// byte for byte; any other chunk maps all its bytes to the chunk's start.
void MessageText::NormalizeWithMap(std::string_view raw) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  assert(U_SUCCESS(status));
  size_t chunk = 0;
  size_t chunk_cps = 0;
  bool chunk_valid = true;
  char32_t chunk_first = 0;
  auto flush = [&](size_t end) {
    if (end <= chunk) return;
    const std::string_view piece = raw.substr(chunk, end - chunk);
    if (chunk_valid && chunk_cps == 1 && StableAlone(chunk_first)) {
      AddPiece(text_.size(), chunk, true);
      text_.append(piece);
    } else {
      std::string valid;
      for (size_t i = 0; i < piece.size();) AppendUtf8(DecodeUtf8(piece, &i), &valid);
      icu::UnicodeString u =
          icu::UnicodeString::fromUTF8(icu::StringPiece(valid.data(), static_cast<int32_t>(valid.size())));
      UErrorCode st = U_ZERO_ERROR;
      icu::UnicodeString n = nfc->normalize(u, st);
      std::string bytes;
      if (U_SUCCESS(st)) {
        n.toUTF8String(bytes);
      } else {
        bytes = std::move(valid);
      }
      AddPiece(text_.size(), chunk, bytes == piece);
      text_.append(bytes);
    }
    chunk = end;
    chunk_cps = 0;
    chunk_valid = true;
  };
  for (size_t i = 0; i < raw.size();) {
    const size_t at = i;
    const char32_t cp = DecodeUtf8(raw, &i);
    const bool ill_formed = cp == 0xFFFD && i - at != 3;
    if (at > chunk && (ill_formed || !chunk_valid || nfc->hasBoundaryBefore(static_cast<UChar32>(cp)))) flush(at);
    if (chunk_cps++ == 0) chunk_first = cp;
    if (ill_formed) chunk_valid = false;
  }
  flush(raw.size());
  AddPiece(text_.size(), raw.size(), true);
}

namespace {

bool StartsWithAt(std::string_view s, size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

// An attribution line that introduces quoted earlier mail.
bool IsAttribution(std::string_view folded_line) {
  std::string_view l = folded_line;
  while (!l.empty() && (l.back() == ' ' || l.back() == '\r' || l.back() == '\t')) l.remove_suffix(1);
  while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
  if (l.empty()) return false;
  auto ends = [&](std::string_view suffix) {
    return l.size() >= suffix.size() && l.substr(l.size() - suffix.size()) == suffix;
  };
  if (StartsWithAt(l, 0, "on ") && (ends("wrote:") || ends("wrote :"))) return true;
  if (ends("писал(а):") || ends("писал:") || ends("писала:") || ends("пишет:") || ends("написал(а):") ||
      ends("написал:") || ends("написала:")) {
    return true;
  }
  for (std::string_view marker :
       {"-----original message-----", "----- original message -----", "---------- forwarded message",
        "-------- пересылаемое сообщение", "-------- исходное сообщение", "-----исходное сообщение-----",
        "begin forwarded message:"}) {
    if (StartsWithAt(l, 0, marker)) return true;
  }
  return false;
}

}  // namespace

std::string FoldForMatch(std::string_view s) {
  // Folding keeps every code point's length, so it works in place on a copy:
  // ASCII (eight bytes at once where eight are) and Russian letters by their
  // bytes, small ones (the most common) tested first; the rest through ICU.
  std::string out(s);
  char* p = out.data();
  for (size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      if (const uint64_t eight = swar::Load(s.data() + i); swar::AllAscii(eight)) {
        swar::Store(p + i, swar::LowerAscii(eight));
        i += 8;
        continue;
      }
    }
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') p[i] = static_cast<char>(b + 32);
      ++i;
      continue;
    }
    if ((b == 0xD0 || b == 0xD1) && i + 1 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      if (b == 0xD0 ? b1 >= 0xB0 && b1 <= 0xBF : b1 >= 0x80 && b1 <= 0x8F) {  // а–п, р–я
        i += 2;
        continue;
      }
      if (b == 0xD0 && b1 >= 0x90 && b1 <= 0x9F) {  // А–П -> а–п
        p[i + 1] = static_cast<char>(b1 + 0x20);
        i += 2;
        continue;
      }
      if (b == 0xD0 && b1 >= 0xA0 && b1 <= 0xAF) {  // Р–Я -> р–я
        p[i] = static_cast<char>(0xD1);
        p[i + 1] = static_cast<char>(b1 - 0x20);
        i += 2;
        continue;
      }
      if ((b == 0xD0 && b1 == 0x81) || (b == 0xD1 && b1 == 0x91)) {  // Ё, ё -> е
        p[i] = static_cast<char>(0xD0);
        p[i + 1] = static_cast<char>(0xB5);
        i += 2;
        continue;
      }
    }
    const size_t at = i;
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i - at != 3) continue;  // ill-formed byte: keep it
    char32_t lower = chars::ToLower(cp);
    if (lower == U'ё') lower = U'е';
    if (lower == cp || Utf8Len(lower) != i - at) continue;
    std::string bytes;
    AppendUtf8(lower, &bytes);
    std::copy(bytes.begin(), bytes.end(), p + at);
  }
  return out;
}

namespace {

// CLD2's verdict on `text` (valid UTF-8): its top language's ISO 639 code,
// that language's share of the text in percent, and whether CLD2 calls the
// verdict reliable. The first 16 KiB are plenty to tell.
struct Cld2Verdict {
  std::string code;
  int percent = 0;
  bool reliable = false;
};

Cld2Verdict AskCld2(std::string_view text) {
  constexpr size_t kSample = 16 << 10;
  if (text.size() > kSample) {
    size_t cut = kSample;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  CLD2::Language top3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, top3, percent3,
                                 &text_bytes, &reliable);
  Cld2Verdict v;
  v.code = CLD2::LanguageCode(top3[0]);
  v.percent = percent3[0];
  v.reliable = reliable && top3[0] != CLD2::UNKNOWN_LANGUAGE;
  return v;
}

// Cyrillic letters Russian does not use: Ukrainian і ї є ґ, Belarusian ў,
// Serbian and Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ, and the letters of the Turkic
// and other alphabets (ә ғ қ ң ө ұ ү һ …).
bool NonRussianCyrillic(char32_t cp) {
  return cp >= 0x400 && cp <= 0x4FF && cp != 0x401 && cp != 0x451 && (cp < 0x410 || cp > 0x44F);
}

bool RussianOnly(char32_t cp) {  // ы э ё, which the other Cyrillic alphabets lack
  return cp == U'ы' || cp == U'Ы' || cp == U'э' || cp == U'Э' || cp == U'ё' || cp == U'Ё';
}

}  // namespace

LangGuess GuessLang(std::string_view text) {
  std::string repaired;
  if (FindInvalidUtf8(text) != std::string_view::npos) {  // CLD2 wants valid UTF-8
    repaired = ReplaceInvalidUtf8(text);
    text = repaired;
  }
  size_t cyr = 0, cyr_foreign = 0, cyr_russian = 0, lat = 0, other = 0;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = DecodeUtf8(text, &i);
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F)) {
      ++lat;
    } else if (cp >= 0x400 && cp <= 0x4FF) {
      ++cyr;
      cyr_foreign += NonRussianCyrillic(cp) ? 1 : 0;
      cyr_russian += RussianOnly(cp) ? 1 : 0;
    } else if (cp >= 0x80 && u_isalpha(static_cast<UChar32>(cp))) {
      ++other;
    }
  }
  if (cyr + lat + other < 2) return {};
  if (other > cyr + lat) {  // another script: name its language when CLD2 can
    const Cld2Verdict v = AskCld2(text);
    return {Lang::kUnknown, v.reliable ? v.code : ""};
  }
  // Russian replies carry Latin brand names, URLs and codes; English replies
  // rarely carry Cyrillic. Cyrillic therefore wins at a lower share.
  const Lang script = cyr * 2 >= lat ? Lang::kRu : Lang::kEn;
  // The script says Russian or English; CLD2 may say it is another language
  // in the same script. On short Russian texts it often says Bulgarian or
  // Serbian, reliably and wrongly, so Cyrillic is another language only with
  // letters Russian lacks, or when long and free of ы, э, ё. English is
  // asked about once there are a few words.
  const bool ask = script == Lang::kRu ? cyr_foreign > 0 || (cyr >= 200 && cyr_russian == 0) : lat >= 12;
  if (!ask) return {script, ""};
  const Cld2Verdict v = AskCld2(text);
  if (!v.reliable || v.code == "ru" || v.code == "en") return {script, ""};
  if (script == Lang::kRu && (cyr_foreign > 0 || v.percent >= 90)) return {Lang::kUnknown, v.code};
  if (script == Lang::kEn && v.percent >= 80) return {Lang::kUnknown, v.code};
  return {script, ""};
}

Lang DetectLang(std::string_view text) { return GuessLang(text).lang; }

MessageText MessageText::Build(std::string_view raw, std::optional<Lang> given) {
  MessageText m;
  if (IsNfc(raw)) {
    m.text_.assign(raw);
  } else {
    m.NormalizeWithMap(raw);
  }
  m.folded_ = FoldForMatch(m.text_);

  size_t start = 0;
  for (;;) {
    const size_t nl = m.text_.find('\n', start);
    const size_t end = nl == std::string::npos ? m.text_.size() : nl;
    m.lines_.push_back({start, end});
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  m.quoted_.assign(m.lines_.size(), false);
  m.body_end_ = m.text_.size();
  bool tail = false;
  for (size_t i = 0; i < m.lines_.size(); ++i) {
    const std::string_view fl = std::string_view(m.folded_).substr(m.lines_[i].start, m.lines_[i].size());
    if (!tail && IsAttribution(fl)) {
      tail = true;
      m.body_end_ = m.lines_[i].start;
    }
    const size_t first = fl.find_first_not_of(" \t");
    m.quoted_[i] = tail || (first != std::string_view::npos && fl[first] == '>');
  }
  // A run of "> " lines that closes the message is a quoted tail too.
  if (!tail) {
    size_t i = m.lines_.size();
    while (i > 0 &&
           (m.quoted_[i - 1] || m.Slice(m.lines_[i - 1]).find_first_not_of(" \t\r") == std::string_view::npos)) {
      --i;
    }
    if (i < m.lines_.size() &&
        std::any_of(m.quoted_.begin() + static_cast<long>(i), m.quoted_.end(), [](bool q) { return q; })) {
      m.body_end_ = m.lines_[i].start;
    }
  }
  m.quoted_before_.assign(m.lines_.size() + 1, 0);
  for (size_t i = 0; i < m.lines_.size(); ++i) m.quoted_before_[i + 1] = m.quoted_before_[i] + (m.quoted_[i] ? 1 : 0);
  m.words_ = ScanWords(m.text_, 0, m.body_end_);
  for (size_t i = 0, w = 0; i < m.lines_.size() && m.lines_[i].start < m.body_end_; ++i) {
    while (w < m.words_.size() && m.words_[w].span.start < m.lines_[i].start) ++w;
    m.line_words_.push_back(w);
  }
  m.line_words_.push_back(m.words_.size());

  if (given && *given != Lang::kUnknown) {
    m.lang_ = *given;
  } else if (given) {
    m.lang_ = Lang::kUnknown;  // explicitly another language: not analysed
  } else {
    LangGuess guess = GuessLang(std::string_view(m.text_).substr(0, m.body_end_));
    m.lang_ = guess.lang;
    m.other_lang_ = std::move(guess.other);
  }
  return m;
}

size_t MessageText::ToOriginal(size_t offset) const {
  if (map_.empty()) return offset;
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(map_.begin(), map_.end(), offset, [](size_t o, const Anchor& a) { return o < a.out; });
  const Anchor& a = *std::prev(it);  // map_[0].out == 0 <= offset
  return a.copied ? a.in + (offset - a.out) : a.in;
}

std::span<const Word> MessageText::LineWords(size_t i, std::vector<Word>* scratch) const {
  if (i + 1 < line_words_.size())
    return std::span<const Word>(words_).subspan(line_words_[i], line_words_[i + 1] - line_words_[i]);
  *scratch = ScanWords(text_, lines_[i].start, lines_[i].end);
  return *scratch;
}

bool MessageText::InQuote(size_t start, size_t end) const {
  if (end > body_end_) return true;
  if (quoted_before_.back() == 0) return false;  // no quoted line at all
  // The lines the span touches (a line's '\n' counts as its own, an empty
  // span touches the line it is on) are a contiguous run: two binary
  // searches and the quoted-line count before each end, so the checks that
  // ask this of every word stay linear in a message of many lines.
  const auto lo =
      std::lower_bound(lines_.begin(), lines_.end(), start, [](const Span& l, size_t s) { return l.end < s; });
  const size_t limit = std::min(std::max(end, start + 1), end + 1);
  const auto hi = std::lower_bound(lo, lines_.end(), limit, [](const Span& l, size_t s) { return l.start < s; });
  return quoted_before_[static_cast<size_t>(hi - lines_.begin())] >
         quoted_before_[static_cast<size_t>(lo - lines_.begin())];
}

}  // namespace replylint
