// Word tokens for comparing texts: runs of letters and digits (with inner
// hyphens and apostrophes, and inner . , : / between digits: «14:00», "1.5"),
// each with its span and whether a sentence ends before it.
//
// Pipeline position: the text layer; stock-phrase matching and the template
// measures read tokens of the folded text (see FoldForMatch).
// Thread-safety: pure functions.
#ifndef REPLYLINT_TEXT_TOKENS_H_
#define REPLYLINT_TEXT_TOKENS_H_

#include <string_view>
#include <vector>

#include "text/message_text.h"

namespace replylint {

struct Token {
  Span span;
  bool has_digit = false;     // a number or a code: «48213», "zk-48213", "14:00"
  bool break_before = false;  // . ! ? ; … or a blank line stands between it and the previous token
};

// Tokens of text[begin, end).
std::vector<Token> Tokenize(std::string_view text, size_t begin, size_t end);

}  // namespace replylint

#endif  // REPLYLINT_TEXT_TOKENS_H_
