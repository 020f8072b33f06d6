// The text layer: one message's text prepared for the checks.
//
// Pipeline position: built by the engine for every analysed message, before
// any check runs; checks only read it. It holds
//   - the NFC-normalised text, valid UTF-8 (an ill-formed byte of the input
//     becomes U+FFFD), and a map back to byte offsets of the original bytes,
//   - a folded copy (lower case, ё -> е) with the same byte offsets, for
//     case-insensitive matching with plain RE2 patterns,
//   - the lines, which of them are quoted earlier mail, and where the reply's
//     own body ends,
//   - the words of the body (text/words.h), by line,
//   - the language (given, or told from the script).
// Thread-safety: immutable after Build(); safe to share.
#ifndef REPLYLINT_TEXT_MESSAGE_TEXT_H_
#define REPLYLINT_TEXT_MESSAGE_TEXT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "replylint/model.h"
#include "text/span.h"
#include "text/words.h"

namespace replylint {

// Folds for matching: lower case and ё -> е, keeping every code point's byte
// length (a code point whose lower case has another length is kept as is), so
// offsets into the result are offsets into `s`.
std::string FoldForMatch(std::string_view s);

// The language of a text: ru or en, or kUnknown with `other` naming the
// language it is in (an ISO 639 code such as "de" or "uk") when it is told to
// be another, or empty when there is too little text to tell (digits only,
// "OK").
struct LangGuess {
  Lang lang = Lang::kUnknown;
  std::string other;
};
// Tells ru / en from the letters' script, and another language in the same
// script (German, Ukrainian) with CLD2.
LangGuess GuessLang(std::string_view text);
Lang DetectLang(std::string_view text);  // GuessLang(text).lang

class MessageText {
 public:
  // `given`: the language the input states for the message or conversation.
  static MessageText Build(std::string_view raw, std::optional<Lang> given);

  const std::string& text() const { return text_; }      // NFC
  const std::string& folded() const { return folded_; }  // same offsets as text()
  Lang lang() const { return lang_; }
  // When lang() is kUnknown because the text is in another language: which
  // (see LangGuess). Empty when too short to tell, or another was given.
  const std::string& other_lang() const { return other_lang_; }
  // Sets the language when Build() could not tell it (too few letters).
  void OverrideLang(Lang lang) { lang_ = lang; }

  // Maps a byte offset into text() to a byte offset into the original input
  // (the bytes given to Build(), ill-formed ones included).
  size_t ToOriginal(size_t offset) const;

  // Lines of text() without their '\n'.
  const std::vector<Span>& lines() const { return lines_; }
  // True for a line of quoted earlier mail ("> ..." or after an attribution
  // line such as "On Mon, Bob wrote:" / «... писал(а):»).
  bool quoted(size_t line) const { return quoted_[line]; }
  // Offset where the quoted tail begins (text().size() when there is none).
  size_t body_end() const { return body_end_; }
  // True when [start, end) overlaps quoted text.
  bool InQuote(size_t start, size_t end) const;

  // The words of the body, ScanWords(text(), 0, body_end()): scanned once
  // here, for the rules and the address finder, which all read them.
  const std::vector<Word>& body_words() const { return words_; }
  // The words of line i, as ScanWords(text(), line.start, line.end) finds
  // them (no word crosses a line break): a view into body_words(), or, for
  // a line of the quoted tail, scanned into *scratch.
  std::span<const Word> LineWords(size_t i, std::vector<Word>* scratch) const;
  std::string_view Slice(Span s) const { return std::string_view(text_).substr(s.start, s.size()); }

 private:
  std::string text_;
  std::string folded_;
  // From text() back to the original: text() bytes from `out` on come from
  // the original's bytes from `in` on, one for one when `copied`, else all
  // from `in` (a piece that normalisation or repair changed). Sorted by `out`;
  // a run of copied pieces is one anchor, so the map stays small.
  struct Anchor {
    size_t out;
    size_t in;
    bool copied;
  };
  void AddPiece(size_t out, size_t in, bool copied);
  void NormalizeWithMap(std::string_view raw);
  std::vector<Anchor> map_;  // empty: identity (input was valid NFC already)
  std::vector<Span> lines_;
  std::vector<bool> quoted_;
  std::vector<size_t> quoted_before_;  // [i]: quoted lines among lines_[0, i)
  size_t body_end_ = 0;
  std::vector<Word> words_;         // ScanWords(text_, 0, body_end_)
  std::vector<size_t> line_words_;  // [i]: words_ index of line i's first word (lines before body_end_); then the end
  Lang lang_ = Lang::kUnknown;
  std::string other_lang_;
};

}  // namespace replylint

#endif  // REPLYLINT_TEXT_MESSAGE_TEXT_H_
