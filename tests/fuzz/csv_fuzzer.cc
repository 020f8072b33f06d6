// Fuzzes the CSV readers over one input: the generic reader with a fixed
// column map (any delimiter it guesses, RFC 4180 quotes, roles and times
// mapped) and the Customer Support on Twitter layout (threads rebuilt from
// reply links). Every record is a conversation with messages or an error
// naming the file, and a fatal error stops a file without records.
#include <string>

#include "fuzz_util.h"
#include "ingest/csv.h"

using namespace replylint;
using replylint::fuzz::Require;

namespace {

void CheckRecords(const std::vector<ConvertedRecord>& records, const Status& fatal, const char* name) {
  Require(fatal.ok() || records.empty(), "a fatal error comes without records");
  for (const ConvertedRecord& r : records) {
    if (r.conversation.ok()) {
      Require(!r.conversation->messages.empty(), "a conversation has a message");
      Require(!r.conversation->id.empty(), "a conversation has an id");
    } else {
      Require(r.conversation.status().message().rfind(name, 0) == 0, "an error names the file");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ColumnMap map = *ParseColumnMap(
      "columns:\n  conversation: Ticket\n  role: Sender type\n  author: Sender\n  text: Message\n"
      "  time: Created\n  channel: Channel\n  customer_name: Requester\nroles:\n  system: [Robot]\n",
      "fuzz-map.yaml");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Status fatal;
  CheckRecords(ConvertCsv(text, "fuzz.csv", map, &fatal), fatal, "fuzz.csv");
  Status twitter_fatal;
  CheckRecords(ConvertTwitterCsv(text, "fuzz-twcs.csv", &twitter_fatal), twitter_fatal, "fuzz-twcs.csv");
  return 0;
}
