// Fuzzes the helpdesk export readers (Zendesk, Freshdesk, Help Scout) over one input:
// NDJSON or one document, side-loaded people, tickets of any shape. Every
// record is a conversation with messages or an error naming the file.
#include <string>

#include "fuzz_util.h"
#include "ingest/freshdesk.h"
#include "ingest/helpscout.h"
#include "ingest/ticket_export.h"
#include "ingest/zendesk.h"

using namespace replylint;
using replylint::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<TicketFormat> formats[] = {NewZendeskFormat(), NewFreshdeskFormat(), NewHelpScoutFormat()};
  for (auto& format : formats) {
    for (const ConvertedRecord& r : ConvertTicketExport(text, "fuzz.ndjson", format.get())) {
      if (r.conversation.ok()) {
        Require(!r.conversation->messages.empty(), "a converted ticket has a message");
        Require(!r.conversation->id.empty(), "a converted ticket has an id");
      } else {
        Require(r.conversation.status().message().rfind("fuzz.ndjson", 0) == 0, "an error names the file");
      }
    }
  }
  return 0;
}
