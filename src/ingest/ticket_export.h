// Helpdesk exports in JSON (Zendesk, Freshdesk): the reading they share.
// A vendor's file (zendesk.cc, freshdesk.cc) says what a ticket looks like;
// this module finds the tickets in the file and hands each one over.
//
// An export is either NDJSON (one JSON value a line: a ticket, a page of
// tickets, side-loaded users) or one JSON document (a page of the API, an
// array of tickets). NDJSON is streamed: a first pass reads only the lines
// that may side-load users (a cheap text test), the second converts one
// line at a time, so memory holds one line and the users, not the file. A
// document is parsed whole.
//
// Records: every ticket found is one record (a conversation or a rejected
// record that names file:line and the ticket); a line that is not JSON, or
// a value that holds neither tickets nor side-loaded objects, is one
// rejected record too.
//
// Pipeline position: ingest (see source.h).
// Thread-safety: a source is single-threaded; a TicketFormat is used by one
// source.
#ifndef REPLYLINT_INGEST_TICKET_EXPORT_H_
#define REPLYLINT_INGEST_TICKET_EXPORT_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/source.h"

namespace replylint {

using Json = nlohmann::json;

// Where a value is: "export.ndjson:12" (a line), "export.json" (a document).
struct JsonWhere {
  std::string name;
  size_t line = 0;  // 0: the file is one document
  std::string Str() const { return line == 0 ? name : name + ":" + std::to_string(line); }
};

// One vendor's shape.
class TicketFormat {
 public:
  virtual ~TicketFormat() = default;
  // Whether a line may side-load objects (users, agents, groups); only those
  // lines are parsed in the first pass. A false positive costs a parse.
  virtual bool MaySideload(std::string_view line) const = 0;
  // Remembers the side-loaded objects in `value` (a whole line or document).
  virtual void Sideload(const Json& value) = 0;
  // Converts the tickets in `value`, each into one record appended to *out.
  // False when `value` holds neither tickets nor side-loaded objects.
  virtual bool Convert(const Json& value, const JsonWhere& where, std::vector<ConvertedRecord>* out) = 0;
};

// Opens an export file (NDJSON or one document).
StatusOr<std::unique_ptr<ConvertedSource>> OpenTicketExport(const std::string& path,
                                                            std::unique_ptr<TicketFormat> format);

// The records of an export held in memory (tests, fuzzing).
std::vector<ConvertedRecord> ConvertTicketExport(std::string_view text, const std::string& name, TicketFormat* format);

// ---- helpers the vendors share ----

// The record of one ticket being converted: its line, its id and how every
// message names it ("export.ndjson:3: tickets[2] ticket 41").
struct TicketRecord {
  // `noun`: what the vendor calls a ticket ("ticket", "conversation").
  TicketRecord(const Json& t, const JsonWhere& where, const std::string& index, const char* noun);
  // Why `t` cannot be converted (not an object, no id); empty when it can.
  std::string problem;
  std::string id;
  std::string at;
  ConvertedRecord record;
  // The record, rejected with "<at>: <why>".
  ConvertedRecord Reject(const std::string& why);
};

// An id as a key: a number's digits or a string as given; empty when absent.
std::string IdKey(const Json& v);
// "tickets[3] " (the array's name and an index), to name a ticket's place.
std::string Indexed(std::string_view array, size_t i);
// A member of an object; null when absent or `obj` is no object.
const Json& Member(const Json& obj, const char* key);
// A member that is a string, else "".
std::string Str(const Json& obj, const char* key);
// The text of a message: its HTML through html_text.h when there is some,
// else the plain text; quoted mail cut for an email ticket (a customer's
// signature too).
std::string MessageText(const std::string& html, const std::string& plain, bool email, bool customer);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_TICKET_EXPORT_H_
