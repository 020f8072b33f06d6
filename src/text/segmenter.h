// ICU segmentation over UTF-8 with byte offsets: words, sentences, line-break
// opportunities and display width.
//
// ICU break iterators are expensive to create, so a Segmenter is made once per
// worker thread and reused for every message.
// Thread-safety: NOT thread-safe; one instance per thread.
#ifndef REPLYLINT_TEXT_SEGMENTER_H_
#define REPLYLINT_TEXT_SEGMENTER_H_

#include <unicode/uversion.h>

#include <memory>
#include <string_view>
#include <vector>

#include "text/message_text.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace replylint {

class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Word-like segments (letters or digits), as byte spans into `text`.
  std::vector<Span> Words(std::string_view text);
  // Sentences, as byte spans into `text`, trailing white space excluded.
  std::vector<Span> Sentences(std::string_view text);
  // Wraps one line of text (no '\n') greedily at line-break opportunities to
  // `columns` display columns and returns the byte offset where each visual
  // line starts (the first is 0). A segment wider than a whole line is cut at
  // grapheme boundaries. An empty line is one visual line.
  std::vector<size_t> Wrap(std::string_view line, size_t columns);
  // ICU's line-break opportunities in valid UTF-8 `line`, as byte offsets
  // from 0 to line.size().
  std::vector<size_t> LineBreaks(std::string_view line);
  // Display columns of `text`: one per grapheme cluster, two for East Asian
  // wide and emoji-presentation clusters.
  size_t Width(std::string_view text);
  // The width of text in which every code point is a one-column grapheme
  // cluster of its own (Latin and Cyrillic without marks); npos for any
  // other text. Needs no ICU iterator.
  static size_t SimpleWidth(std::string_view text);
  // No fewer visual lines than Wrap(line, columns) returns, found without
  // ICU, for a line SimpleWidth can measure; npos for any other line.
  static size_t MaxVisualLines(std::string_view line, size_t columns);

 private:
  std::unique_ptr<icu::BreakIterator> word_;
  std::unique_ptr<icu::BreakIterator> sentence_;
  std::unique_ptr<icu::BreakIterator> line_;
  std::unique_ptr<icu::BreakIterator> grapheme_;
};

}  // namespace replylint

#endif  // REPLYLINT_TEXT_SEGMENTER_H_
