// Text as a reader sees it, for comparing names (issue 13.10).
//
// A name can hide from the name rules behind characters nobody sees or that
// look like ordinary letters: zero-width joiners and spaces, bidi controls,
// soft hyphens (all Unicode format characters, gc=Cf), stress marks over
// Cyrillic vowels («Алекса́ндра»), fullwidth or other compatibility letters
// ("Ｃｌａｒｅ"). The visible form drops the format characters and the
// combining marks that follow a Cyrillic letter, then applies NFKC; the
// case of letters is kept (capitals mark names).
//
// Pipeline position: text layer; the address finder reads a message in its
// visible form and maps what it finds back to MessageText::text() offsets, so
// findings still point at the bytes the customer saw (invisible ones
// included).
// Thread-safety: pure functions.
#ifndef REPLYLINT_TEXT_VISIBLE_H_
#define REPLYLINT_TEXT_VISIBLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/message_text.h"

namespace replylint {

// The visible form of `s` (valid UTF-8).
std::string VisibleForm(std::string_view s);

// The visible form of a text with a map back to the source's byte offsets.
class VisibleText {
 public:
  // Empty when `source` is its own visible form (the common case: nothing is
  // copied then).
  static std::optional<VisibleText> Of(std::string_view source);

  const std::string& text() const { return text_; }
  // A span of text() as a span of the source: from the start of the source
  // character that gave its first byte to the end of the one that gave its
  // last (format characters inside are included, those around are not).
  Span ToSource(Span s) const;
  size_t ToSourceStart(size_t offset) const;

 private:
  std::string text_;
  // Per byte of text_ (and one past the end): the source offset of the
  // character it came from, and the source end of the character that ends
  // at that offset.
  std::vector<uint32_t> start_;
  std::vector<uint32_t> end_;
};

}  // namespace replylint

#endif  // REPLYLINT_TEXT_VISIBLE_H_
