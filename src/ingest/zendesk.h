// Zendesk tickets with their comments turned into conversations: the
// Support API's shapes (a ticket with "comments", a page {"tickets": [...],
// "users": [...]}, a ticket with its comments {"ticket", "comments",
// "users"}) and NDJSON with one of them a line, as export tools and the
// incremental export write them (docs/sources.md names the fields read).
//
// Who wrote a comment: the side-loaded user's role ("end-user" is the
// customer, "agent" and "admin" agents); without a side-loaded user, the
// ticket's requester is the customer and its assignee an agent; any other
// author is not known, and the comment is left out with a warning that
// names ticket and comment. A private comment (public: false) is an
// internal note, never a reply to the customer: left out and counted
// (ConvertedRecord::notes). The text is html_body through html_text.h, else
// plain_body, else body; via.channel gives the channel.
//
// Rejected, each naming file:line and the ticket: a ticket without an id,
// without comments (the incremental ticket export holds none), or with no
// public comment that has text.
//
// Pipeline position: ingest (see source.h, ticket_export.h).
// Thread-safety: a format object is used by one source.
#ifndef REPLYLINT_INGEST_ZENDESK_H_
#define REPLYLINT_INGEST_ZENDESK_H_

#include <memory>
#include <string>

#include "ingest/ticket_export.h"

namespace replylint {

std::unique_ptr<TicketFormat> NewZendeskFormat();
StatusOr<std::unique_ptr<ConvertedSource>> OpenZendesk(const std::string& path);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_ZENDESK_H_
