// JSON Lines ingest (format version 1 of the contract): one conversation per
// line.
//
// Pipeline position: first data stage. LineSource streams raw lines from a
// file, standard input or memory (memory does not grow with input size: a
// line longer than the limit is skipped without being kept);
// ConversationParser turns one line into a Conversation or a per-line error
// that names the file, the line and the key.
//
// Rejected besides malformed JSON: a key given twice in one object, an empty
// id. What is repaired rather than rejected, each with a warning:
//   - invalid UTF-8 inside a string: Message::text keeps the bytes exactly as
//     given (finding offsets count them), other fields get U+FFFD;
//   - a lone UTF-16 surrogate escape (\uD800 without its pair): U+FFFD;
//   - an `at` that is not an RFC 3339 time: dropped;
//   - numbers too large for a double or a 64-bit integer: no key of format 1
//     is a number, so they never cost a line (a known key still gets "must be
//     a string, not a number").
// Thread-safety: a LineSource is single-threaded; a ConversationParser holds a
// simdjson parser and must be used by one thread at a time (make one per
// worker).
#ifndef REPLYLINT_INGEST_JSONL_H_
#define REPLYLINT_INGEST_JSONL_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"

namespace simdjson::dom {
class parser;
}

namespace replylint {

class LineSource {
 public:
  // Opens `path`; "-" is standard input. Errors: missing file, a directory,
  // unreadable file, a file in UTF-16 or gzip (named as such). A read ends
  // the input once *stop is set (PipelineOptions::stop, stop_fd), the first
  // one too, which Open does itself: a stop that came before it must not
  // leave it blocked.
  static StatusOr<std::unique_ptr<LineSource>> Open(const std::string& path,
                                                    size_t max_line_bytes = kDefaultMaxLineBytes,
                                                    const std::atomic<bool>* stop = nullptr, int stop_fd = -1);
  // A source over `data` (tests and fuzzing), with the same checks as Open.
  static StatusOr<std::unique_ptr<LineSource>> FromString(std::string data, std::string name,
                                                          size_t max_line_bytes = kDefaultMaxLineBytes);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Reads the next line without its '\n', "\r\n" or lone '\r'; a UTF-8 BOM at the start
  // of a line is dropped (files concatenated with cat keep theirs). Returns
  // false at end of input or on a read error (see error()). A line longer
  // than the limit is skipped: *line is left empty and overlong() gives its
  // length.
  bool Next(std::string* line);
  size_t overlong() const { return overlong_; }
  size_t line_number() const { return line_; }  // 1-based, of the last line read
  const std::string& name() const { return name_; }
  // A regular file (or memory), whose rest can be counted; false for
  // standard input, a pipe or a device, which may never end.
  bool countable() const { return countable_; }
  // A read error that ended the input early, if any.
  const Status& error() const { return error_; }
  bool interrupted() const { return interrupted_; }
  // Reads the rest of the input only to count its non-blank lines (for the
  // summary of an interrupted run). REQUIRES: countable().
  size_t CountRemaining();

 private:
  LineSource(int fd, std::string name, size_t max_line_bytes);
  Status CheckEncoding();
  // Reads more input after buf_[pos_..]; false at end of input or on error.
  // Reads the next chunk; false at the end, on an error, or (when
  // `stoppable`) once *stop is set.
  bool Fill(bool stoppable = true);

  int fd_ = -1;  // -1: memory only
  bool countable_ = true;
  std::string name_;
  size_t max_line_bytes_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  size_t line_ = 0;
  size_t overlong_ = 0;
  Status error_;
  // A read blocked on a pipe or terminal returns when a signal arrives, or
  // when stop_fd_ turns readable; it then ends the input if *stop_ is set
  // (and is retried if not).
  const std::atomic<bool>* stop_ = nullptr;
  int stop_fd_ = -1;
  bool interrupted_ = false;
};

class ConversationParser {
 public:
  ConversationParser();
  ~ConversationParser();
  ConversationParser(const ConversationParser&) = delete;
  ConversationParser& operator=(const ConversationParser&) = delete;

  // Parses one JSON line. The error message reads
  // "<source>:<line>: <what>" and names the key ("messages[2].text").
  // Repairs made to an accepted line are in warnings() until the next call.
  StatusOr<Conversation> Parse(const std::string& line, const std::string& source, size_t line_number);
  const std::vector<std::string>& warnings() const { return warnings_; }
  // How errors and warnings show a value of the input (an unknown role, a
  // malformed time); unset: quoted as given. --redact sets a keyed hash.
  void set_show_value(ShowValue show) { show_ = std::move(show); }

 private:
  ShowValue show_;
  std::unique_ptr<simdjson::dom::parser> parser_;
  std::vector<std::string> warnings_;
};

}  // namespace replylint

#endif  // REPLYLINT_INGEST_JSONL_H_
