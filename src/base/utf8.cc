#include "base/utf8.h"

#include <algorithm>
#include <cstdio>

namespace replylint {

char32_t DecodeUtf8Slow(std::string_view s, size_t* i) {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++*i;
    return 0xFFFD;
  }
  if (*i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return 0xFFFD;
  }
  *i += len;
  return cp;
}

void AppendUtf8Slow(char32_t cp, std::string* out) {
  char bytes[4];
  out->append(bytes, static_cast<size_t>(WriteUtf8(cp, bytes) - bytes));
}

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t at = i;
    const char32_t cp = DecodeUtf8(s, &i);
    // A literal U+FFFD in the input is valid and takes three bytes.
    if (cp == 0xFFFD && i - at != 3) return at;
  }
  return std::string_view::npos;
}

std::string ReplaceInvalidUtf8(std::string_view s) {
  size_t bad = FindInvalidUtf8(s);
  if (bad == std::string_view::npos) return std::string(s);
  std::string out(s.substr(0, bad));
  out.reserve(s.size() + 16);
  for (size_t i = bad; i < s.size();) {
    const size_t at = i;
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i - at != 3) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(at, i - at));
    }
  }
  return out;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    DecodeUtf8(s, &i);
    ++n;
  }
  return n;
}

LineColumn LineColumnAt(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  LineColumn lc;
  const size_t nl = text.rfind('\n', offset == 0 ? std::string_view::npos : offset - 1);
  size_t line_start = 0;
  if (offset > 0 && nl != std::string_view::npos) {
    line_start = nl + 1;
    lc.line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + line_start, '\n'));
  }
  lc.column = 1 + CountCodePoints(text.substr(line_start, offset - line_start));
  return lc;
}

LineColumn LineColumnCursor::At(size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < pos_) *this = LineColumnCursor(text_);
  const std::string_view gap = text_.substr(pos_, offset - pos_);
  const size_t nl = gap.rfind('\n');
  if (nl != std::string_view::npos) {
    at_.line += static_cast<size_t>(std::count(gap.begin(), gap.end(), '\n'));
    line_start_ = pos_ + nl + 1;
    at_.column = 1 + CountCodePoints(text_.substr(line_start_, offset - line_start_));
  } else {
    at_.column += CountCodePoints(gap);
  }
  pos_ = offset;
  return at_;
}

std::string EscapeForTerminal(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(s, &i);
    const bool bidi =
        (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    if ((c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F) && !bidi) || (c == '\n' && keep_newlines)) {
      out.append(s, at, i - at);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == 0x1B) {
      out += "\\e";
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%X}", static_cast<unsigned>(c));
      out += buf;
    }
  }
  return out;
}

}  // namespace replylint
