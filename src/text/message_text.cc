#include "text/message_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cassert>

#include "base/utf8.h"
#include "text/chars.h"

namespace replylint {
namespace {

size_t Utf8Len(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// NFC quick check over UTF-8 without converting to UTF-16: almost every
// message is already NFC, and then the text and offsets stay as they are.
bool IsNfc(std::string_view s) {
  uint8_t last_ccc = 0;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      last_ccc = 0;
      continue;
    }
    const char32_t cp = DecodeUtf8(s, &i);
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

// Normalises chunk by chunk between NFC boundaries, so each output byte maps
// back to the start of the input chunk it came from.
void NormalizeWithMap(std::string_view raw, std::string* out, std::vector<size_t>* map) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  assert(U_SUCCESS(status));
  size_t chunk = 0;
  auto flush = [&](size_t end) {
    if (end <= chunk) return;
    const std::string_view piece = raw.substr(chunk, end - chunk);
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString n = nfc->normalize(u, st);
    std::string bytes;
    if (U_SUCCESS(st)) {
      n.toUTF8String(bytes);
    } else {
      bytes.assign(piece);
    }
    if (bytes == piece) {
      for (size_t k = 0; k < bytes.size(); ++k) map->push_back(chunk + k);
    } else {
      for (size_t k = 0; k < bytes.size(); ++k) map->push_back(chunk);
    }
    out->append(bytes);
    chunk = end;
  };
  for (size_t i = 0; i < raw.size();) {
    const size_t at = i;
    const char32_t cp = DecodeUtf8(raw, &i);
    if (at > chunk && nfc->hasBoundaryBefore(static_cast<UChar32>(cp))) flush(at);
  }
  flush(raw.size());
  map->push_back(raw.size());
}

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
  // ASCII and Russian letters by their bytes, the rest through ICU.
  std::string out(s);
  char* p = out.data();
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') p[i] = static_cast<char>(b + 32);
      ++i;
      continue;
    }
    if ((b == 0xD0 || b == 0xD1) && i + 1 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
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
      if ((b == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) || (b == 0xD1 && b1 >= 0x80 && b1 <= 0x8F)) {  // а–я
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

Lang DetectLang(std::string_view text) {
  size_t cyr = 0;
  size_t lat = 0;
  size_t other = 0;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = DecodeUtf8(text, &i);
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F)) {
      ++lat;
    } else if (cp >= 0x400 && cp <= 0x4FF) {
      ++cyr;
    } else if (cp >= 0x80 && u_isalpha(static_cast<UChar32>(cp))) {
      ++other;
    }
  }
  if (cyr + lat < 2 || other > cyr + lat) return Lang::kUnknown;
  // Russian replies carry Latin brand names, URLs and codes; English replies
  // rarely carry Cyrillic. Cyrillic therefore wins at a lower share.
  return cyr * 2 >= lat ? Lang::kRu : Lang::kEn;
}

MessageText MessageText::Build(std::string_view raw, std::optional<Lang> given) {
  MessageText m;
  if (IsNfc(raw)) {
    m.text_.assign(raw);
  } else {
    NormalizeWithMap(raw, &m.text_, &m.to_original_);
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

  if (given && *given != Lang::kUnknown) {
    m.lang_ = *given;
  } else if (given) {
    m.lang_ = Lang::kUnknown;  // explicitly another language: not analysed
  } else {
    m.lang_ = DetectLang(std::string_view(m.text_).substr(0, m.body_end_));
  }
  return m;
}

size_t MessageText::ToOriginal(size_t offset) const {
  if (to_original_.empty()) return offset;
  return to_original_[std::min(offset, to_original_.size() - 1)];
}

bool MessageText::InQuote(size_t start, size_t end) const {
  if (end > body_end_) return true;
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (lines_[i].start > end) break;
    if (quoted_[i] && lines_[i].end >= start && lines_[i].start < std::max(end, start + 1)) return true;
  }
  return false;
}

}  // namespace replylint
