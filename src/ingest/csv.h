// CSV and TSV exports (one message per row) turned into conversations, with
// a column map in YAML that names which column holds what; and the public
// "Customer Support on Twitter" layout as a built-in map that rebuilds the
// threads from the reply links.
//
// The reader follows RFC 4180: fields in double quotes may hold the
// delimiter, line breaks and doubled quotes; a header row names the
// columns; the delimiter is any one character. Rows are grouped by the
// conversation column in the order each conversation first appears; within
// one, messages keep the row order unless every row has a time, when they
// are ordered by it (exports often list the newest first).
//
// A row that cannot be read (fewer or more fields than the header, an
// unclosed quote, no conversation id, no text, a role or channel the map
// does not know) is a rejected record that names file:line; the rest of the
// file is read. The whole file's rows are held until it ends (grouping
// needs them): memory is about the size of the text in the file.
//
// Pipeline position: ingest (see source.h).
// Thread-safety: pure functions of their input.
#ifndef REPLYLINT_INGEST_CSV_H_
#define REPLYLINT_INGEST_CSV_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ingest/source.h"

namespace replylint {

// Which column holds what. Empty: not in the file.
struct ColumnMap {
  char delimiter = '\0';  // '\0': ',' (tab for a .tsv file)
  std::string conversation = "conversation_id", role = "role", author = "author", agent_id, text = "text", time = "at",
              channel = "channel", customer_name = "customer_name", customer_email, team, lang, from;
  // Values of the role and channel columns (lower case) beyond the
  // contract's own names.
  std::map<std::string, Role> roles;
  std::map<std::string, Channel> channels;
  Channel default_channel = Channel::kEmail;  // when there is no channel column
};

// Reads a column map from YAML (docs/sources.md). Errors name the file,
// line and key.
StatusOr<ColumnMap> LoadColumnMap(const std::string& path);
StatusOr<ColumnMap> ParseColumnMap(const std::string& yaml, const std::string& name);

// RFC 4180 records from a text, one at a time. `line` is the 1-based line
// a record starts on.
class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}
  // The next record; false at the end. A record that cannot be read (an
  // unclosed quote) gives *error and the fields read so far.
  bool Next(std::vector<std::string>* fields, size_t* line, std::string* error);

 private:
  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

// Converts a whole CSV text; `name` names it in messages.
std::vector<ConvertedRecord> ConvertCsv(std::string_view text, const std::string& name, const ColumnMap& map,
                                        Status* fatal);
std::vector<ConvertedRecord> ConvertTwitterCsv(std::string_view text, const std::string& name, Status* fatal);

StatusOr<std::unique_ptr<ConvertedSource>> OpenCsv(const std::string& path, const std::string& column_map);
StatusOr<std::unique_ptr<ConvertedSource>> OpenTwitterCsv(const std::string& path);

// The whole of a file (shared by the converters that need it all).
StatusOr<std::string> ReadWholeFile(const std::string& path);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_CSV_H_
