// HTML bodies (mail without a text part) turned into
// the plain text the checks read, with Gumbo (an HTML5 parser): paragraphs,
// <br> and list items become line breaks ("- " before an item), a link
// keeps its address after its text when the two differ, scripts, styles
// and the head are dropped. Quoted earlier mail (<blockquote>, Gmail's
// gmail_quote, Outlook's divRplyFwdMsg and what follows it) is dropped too
// and counted, so a reply is judged on what its writer wrote.
//
// Hostile input: elements nested deeper than 128 levels are flattened before
// parsing (Gumbo's time grows with the square of the nesting), their text
// kept and the tags counted; the tree is walked without recursion, and the
// text never exceeds the size of the input.
//
// Pipeline position: ingest (used by mail.cc).
// Thread-safety: a pure function.
#ifndef REPLYLINT_INGEST_HTML_TEXT_H_
#define REPLYLINT_INGEST_HTML_TEXT_H_

#include <string>
#include <string_view>

namespace replylint {

struct HtmlText {
  std::string text;
  size_t quotes_dropped = 0;  // quoted-mail blocks left out
  size_t tags_dropped = 0;    // start tags nested deeper than the limit, left out (their text kept)
};

HtmlText HtmlToText(std::string_view html);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_HTML_TEXT_H_
