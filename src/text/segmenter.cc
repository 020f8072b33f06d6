#include "text/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cassert>

#include "base/utf8.h"
#include "text/chars.h"

namespace replylint {
namespace {

// Points `it` at UTF-8 `text`; native indexes of a UTF-8 UText are byte offsets.
// ICU clones what it needs from the UText, so the local one may close.
void SetText(icu::BreakIterator* it, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  assert(U_SUCCESS(status));
  it->setText(&ut, status);
  assert(U_SUCCESS(status));
  utext_close(&ut);
}

std::unique_ptr<icu::BreakIterator> Make(icu::BreakIterator* (*factory)(const icu::Locale&, UErrorCode&)) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(factory(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !it) {
    // ICU data missing is an installation error, not a user error.
    assert(false && "ICU break iterator data is missing");
    std::abort();
  }
  return it;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// ASCII and Russian letters and digits: line-breaking classes AL and NU.
bool IsPlainAlnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'А' && c <= U'я') ||
         c == U'ё' || c == U'Ё';
}

}  // namespace

Segmenter::Segmenter()
    : word_(Make(&icu::BreakIterator::createWordInstance)),
      sentence_(Make(&icu::BreakIterator::createSentenceInstance)),
      line_(Make(&icu::BreakIterator::createLineInstance)),
      grapheme_(Make(&icu::BreakIterator::createCharacterInstance)) {}

Segmenter::~Segmenter() = default;

size_t Segmenter::SimpleWidth(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++n) {
    if (!chars::IsSingleColumn(DecodeUtf8(text, &i))) return std::string_view::npos;
  }
  return n;
}

// Wrap's greedy filling, at a subset of ICU's break opportunities: after
// spaces (U+0020) that follow a letter, a digit or one of . , ! ? : ; and
// precede a letter or a digit. UAX #14 allows a break there (LB18, "SP ÷");
// the rules before it that forbid one concern other classes (LB13: before
// CL, CP, EX, IS, SY; LB14-17: after OP or an opening quote, CL or CP
// before NS, B2 before B2).
// With more opportunities, greedy filling ends each line no earlier: if
// ICU's line k starts no earlier than the subset's, the subset's end of
// line k is an opportunity of ICU's too, and the text up to it from ICU's
// start is no wider, so ICU's line k reaches at least that far. Hence
// Wrap's count is no larger, as long as no stretch between two of the
// subset's opportunities is wider than a line (Wrap then cuts no segment
// inside one). A wider stretch falls back to the bound that holds anyway:
// any two consecutive visual lines hold more than `columns` together, so
// 2W/columns + 1 for width W.
size_t Segmenter::MaxVisualLines(std::string_view line, size_t columns) {
  size_t width = 0;
  size_t lines = 1;
  size_t used = 0;     // columns on the current visual line
  size_t content = 0;  // columns of the current stretch up to its last non-space
  size_t spaces = 0;   // spaces after that
  size_t longest = 0;  // the widest stretch's content
  char32_t last = 0;   // the stretch's last non-space
  for (size_t i = 0; i < line.size(); ++width) {
    const char32_t c = DecodeUtf8(line, &i);
    if (!chars::IsSingleColumn(c)) return std::string_view::npos;
    if (c == U' ') {
      ++spaces;
      continue;
    }
    if (spaces > 0) {
      const bool after = IsPlainAlnum(last) || last == U'.' || last == U',' || last == U'!' || last == U'?' ||
                         last == U':' || last == U';';
      if (after && IsPlainAlnum(c)) {
        if (used > 0 && used + content > columns) {
          ++lines;
          used = 0;
        }
        used += content + spaces;
        longest = std::max(longest, content);
        content = 0;
      } else {
        content += spaces;
      }
      spaces = 0;
    }
    ++content;
    last = c;
  }
  if (width <= columns) return 1;
  if (std::max(longest, content) > columns) return 2 * width / columns + 1;
  return used > 0 && used + content > columns ? lines + 1 : lines;
}

std::vector<Span> Segmenter::Words(std::string_view text) {
  std::vector<Span> out;
  SetText(word_.get(), text);
  int32_t start = word_->first();
  for (int32_t end = word_->next(); end != icu::BreakIterator::DONE; start = end, end = word_->next()) {
    const int32_t status = word_->getRuleStatus();
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_IDEO_LIMIT) {
      out.push_back({static_cast<size_t>(start), static_cast<size_t>(end)});
    }
  }
  return out;
}

std::vector<Span> Segmenter::Sentences(std::string_view text) {
  std::vector<Span> out;
  SetText(sentence_.get(), text);
  int32_t start = sentence_->first();
  for (int32_t end = sentence_->next(); end != icu::BreakIterator::DONE; start = end, end = sentence_->next()) {
    size_t s = static_cast<size_t>(start);
    size_t e = static_cast<size_t>(end);
    while (s < e && IsSpace(text[s])) ++s;
    while (e > s && IsSpace(text[e - 1])) --e;
    if (s < e) out.push_back({s, e});
  }
  return out;
}

size_t Segmenter::Width(std::string_view text) {
  if (text.empty()) return 0;
  if (const size_t simple = SimpleWidth(text); simple != std::string_view::npos) return simple;
  SetText(grapheme_.get(), text);
  size_t width = 0;
  int32_t start = grapheme_->first();
  for (int32_t end = grapheme_->next(); end != icu::BreakIterator::DONE; start = end, end = grapheme_->next()) {
    size_t i = static_cast<size_t>(start);
    const auto cp = static_cast<UChar32>(DecodeUtf8(text, &i));
    const int ea = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    const bool wide = ea == U_EA_WIDE || ea == U_EA_FULLWIDTH || u_hasBinaryProperty(cp, UCHAR_EMOJI_PRESENTATION);
    width += wide ? 2 : 1;
  }
  return width;
}

std::vector<size_t> Segmenter::LineBreaks(std::string_view line) {
  // ICU walks UTF-16 about twice as fast as UTF-8 behind a UText, so the
  // line is converted, keeping the byte offset of every UTF-16 unit.
  std::u16string utf16;
  std::vector<size_t> byte_at;
  utf16.reserve(line.size());
  byte_at.reserve(line.size() + 1);
  for (size_t i = 0; i < line.size();) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(line, &i);
    if (U_IS_BMP(c)) {
      utf16 += static_cast<char16_t>(c);
    } else {  // a surrogate pair: both units start at the same byte
      utf16 += static_cast<char16_t>(U16_LEAD(c));
      utf16 += static_cast<char16_t>(U16_TRAIL(c));
      byte_at.push_back(at);
    }
    byte_at.push_back(at);
  }
  byte_at.push_back(line.size());
  // A read-only alias of `utf16`, which outlives the iteration.
  const icu::UnicodeString alias(false, utf16.data(), static_cast<int32_t>(utf16.size()));
  line_->setText(alias);
  std::vector<size_t> breaks;
  for (int32_t b = line_->first(); b != icu::BreakIterator::DONE; b = line_->next()) {
    breaks.push_back(byte_at[static_cast<size_t>(b)]);
  }
  return breaks;
}

std::vector<size_t> Segmenter::Wrap(std::string_view line, size_t columns) {
  assert(columns > 0);
  std::vector<size_t> starts{0};
  if (line.empty()) return starts;
  // A simple line that fits never wraps: no segment can overflow it.
  if (SimpleWidth(line) <= columns) return starts;
  // Break opportunities first: Width() reuses another iterator.
  const std::vector<size_t> breaks = LineBreaks(line);
  size_t used = 0;  // columns on the current visual line
  for (size_t k = 0; k + 1 < breaks.size(); ++k) {
    const size_t seg_start = breaks[k];
    const size_t seg_end = breaks[k + 1];
    size_t content_end = seg_end;  // trailing spaces may hang past the edge
    while (content_end > seg_start && IsSpace(line[content_end - 1])) --content_end;
    const size_t content = Width(line.substr(seg_start, content_end - seg_start));
    const size_t spaces = Width(line.substr(content_end, seg_end - content_end));
    if (used > 0 && used + content > columns) {
      starts.push_back(seg_start);
      used = 0;
    }
    if (content > columns) {
      // A segment longer than a whole line (a URL, a long code): cut it at
      // grapheme boundaries, as a phone does.
      SetText(grapheme_.get(), line.substr(seg_start, content_end - seg_start));
      std::vector<size_t> cuts;
      for (int32_t g = grapheme_->first(); g != icu::BreakIterator::DONE; g = grapheme_->next()) {
        cuts.push_back(seg_start + static_cast<size_t>(g));
      }
      for (size_t g = 0; g + 1 < cuts.size(); ++g) {
        const size_t w = Width(line.substr(cuts[g], cuts[g + 1] - cuts[g]));
        if (used + w > columns && used > 0) {
          starts.push_back(cuts[g]);
          used = 0;
        }
        used += w;
      }
      used += spaces;
      continue;
    }
    used += content + spaces;
  }
  return starts;
}

}  // namespace replylint
