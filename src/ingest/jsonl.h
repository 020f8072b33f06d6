// JSON Lines ingest (format version 1 of the contract): one conversation per
// line.
//
// Pipeline position: first data stage. LineSource streams raw lines from a
// file or standard input (memory does not grow with input size);
// ConversationParser turns one line into a Conversation or a per-line error
// that names the file, the line and the key.
// Thread-safety: LineSource is single-threaded; a ConversationParser holds a
// simdjson parser and must be used by one thread at a time (make one per
// worker).
#ifndef REPLYLINT_INGEST_JSONL_H_
#define REPLYLINT_INGEST_JSONL_H_

#include <fstream>
#include <istream>
#include <memory>
#include <string>

#include "replylint/model.h"
#include "replylint/status.h"

namespace simdjson::dom {
class parser;
}

namespace replylint {

class LineSource {
 public:
  // Opens `path`; "-" is standard input. Errors: missing file, a directory,
  // unreadable file.
  static StatusOr<std::unique_ptr<LineSource>> Open(const std::string& path);

  // Reads the next line (without its '\n' or "\r\n"; a UTF-8 BOM on the
  // first line is dropped). Returns false at end of input.
  bool Next(std::string* line);
  size_t line_number() const { return line_; }  // 1-based, of the last line read
  const std::string& name() const { return name_; }
  // A read error that ended the input early, if any.
  const Status& error() const { return error_; }

 private:
  std::string name_;
  std::ifstream file_;
  std::istream* in_ = nullptr;
  size_t line_ = 0;
  Status error_;
};

class ConversationParser {
 public:
  ConversationParser();
  ~ConversationParser();
  ConversationParser(const ConversationParser&) = delete;
  ConversationParser& operator=(const ConversationParser&) = delete;

  // Parses one JSON line. The error message reads
  // "<source>:<line>: <what>" and names the key ("messages[2].text").
  StatusOr<Conversation> Parse(const std::string& line, const std::string& source, size_t line_number);

 private:
  std::unique_ptr<simdjson::dom::parser> parser_;
};

}  // namespace replylint

#endif  // REPLYLINT_INGEST_JSONL_H_
