// Help Scout conversations turned into conversations: the Mailbox API 2.0
// conversation with its threads embedded ("Get Conversation" with
// embed=threads, https://developer.helpscout.com/mailbox-api/endpoints/conversations/get/),
// one a line (NDJSON), in a JSON array, or as the "List Conversations" page
// {"_embedded": {"conversations": [...]}}.
//
// Who wrote a thread: its type says it — "customer" is the customer,
// "reply" and "message" (an outbound message) an agent; "chat" and "phone"
// go by createdBy.type ("customer" or "user"). A "note" is an internal note:
// left out and counted. Drafts were never sent and status changes
// ("lineitem") and forwards are no messages: left out, a draft with a
// warning. The text is the HTML body through html_text.h; the conversation's
// type gives the channel (chat, phone, the rest e-mail). The agent is
// createdBy's first and last name, keyed by their e-mail.
//
// Rejected, each naming file:line and the conversation: one without an id,
// one with no thread that has text.
//
// Pipeline position: ingest (see source.h, ticket_export.h).
// Thread-safety: a format object is used by one source.
#ifndef REPLYLINT_INGEST_HELPSCOUT_H_
#define REPLYLINT_INGEST_HELPSCOUT_H_

#include <memory>
#include <string>

#include "ingest/ticket_export.h"

namespace replylint {

std::unique_ptr<TicketFormat> NewHelpScoutFormat();
StatusOr<std::unique_ptr<ConvertedSource>> OpenHelpScout(const std::string& path);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_HELPSCOUT_H_
