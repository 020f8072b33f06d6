// Freshdesk tickets with their conversations turned into conversations: the
// API v2 ticket ("View a Ticket" with include=conversations,requester: the
// ticket's description is the first message, then its "conversations"), one
// a line (NDJSON), in a JSON array (as "List all tickets" returns them) or
// in {"tickets": [...]}; agents side-loaded as the "List all agents" objects
// ({"id", "contact": {"name", "email"}}), in an "agents" array or one a line.
//
// Who wrote a conversation: a side-loaded agent is an agent; the requester,
// or an incoming conversation (one that came from outside: the customer's
// mail), is the customer; any other outgoing reply is an agent's. A private
// conversation is an internal note: left out and counted. The text is the
// HTML body through html_text.h, else body_text; the ticket's source gives
// the channel (3 phone, 7 chat, 5 and 6 social, the rest e-mail; 10,
// outbound e-mail, means the agent wrote the description).
//
// Rejected, each naming file:line and the ticket: a ticket without an id or
// with no message that has text.
//
// Pipeline position: ingest (see source.h, ticket_export.h).
// Thread-safety: a format object is used by one source.
#ifndef REPLYLINT_INGEST_FRESHDESK_H_
#define REPLYLINT_INGEST_FRESHDESK_H_

#include <memory>
#include <string>

#include "ingest/ticket_export.h"

namespace replylint {

std::unique_ptr<TicketFormat> NewFreshdeskFormat();
StatusOr<std::unique_ptr<ConvertedSource>> OpenFreshdesk(const std::string& path);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_FRESHDESK_H_
