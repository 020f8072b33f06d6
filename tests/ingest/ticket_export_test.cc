// Helpdesk exports (Zendesk, Freshdesk): shapes, roles, notes and rejections.
#include "ingest/ticket_export.h"

#include <catch2/catch.hpp>

#include "ingest/freshdesk.h"
#include "ingest/zendesk.h"

using namespace replylint;

TEST_CASE("zendesk: one JSON document of tickets, roles without side-loaded users", "[ingest][zendesk]") {
  const std::string doc = R"([
    {"id": 1, "requester_id": 10, "assignee_id": 20, "via": {"channel": "twitter"},
     "comments": [{"author_id": 10, "body": "Where is my order?"},
                  {"author_id": 30, "body": "A colleague chiming in."},
                  {"author_id": 20, "public": false, "body": "internal"},
                  {"author_id": 20, "body": "It ships today."}]},
    {"id": 2, "requester_id": 10}
  ])";
  auto format = NewZendeskFormat();
  const auto records = ConvertTicketExport(doc, "export.json", format.get());
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].conversation.ok());
  const Conversation& c = *records[0].conversation;
  CHECK(c.id == "zendesk-1");
  CHECK(c.channel == Channel::kSocial);
  REQUIRE(c.messages.size() == 2);  // the unknown author and the note are left out
  CHECK(c.messages[0].role == Role::kCustomer);
  CHECK(c.messages[1].role == Role::kAgent);
  CHECK(records[0].notes == 1);
  REQUIRE(records[0].warnings.size() == 1);
  CHECK_THAT(records[0].warnings[0], Catch::Contains("author 30 is not side-loaded"));
  REQUIRE_FALSE(records[1].conversation.ok());
  CHECK_THAT(records[1].conversation.status().message(), Catch::Contains("export.json: [1] ticket 2: has no comments"));
}

TEST_CASE("zendesk and freshdesk: a line that is not JSON is one rejected record", "[ingest][zendesk]") {
  auto zendesk = NewZendeskFormat();
  const auto z =
      ConvertTicketExport("{\"id\": 1, \"requester_id\": 2, \"comments\": []}\nnot json\n", "t.ndjson", zendesk.get());
  REQUIRE(z.size() == 2);
  CHECK_FALSE(z[0].conversation.ok());  // no public comment with text
  CHECK_FALSE(z[1].conversation.ok());
  CHECK_THAT(z[1].conversation.status().message(), Catch::Contains("t.ndjson:2"));
  auto freshdesk = NewFreshdeskFormat();
  const auto f = ConvertTicketExport(
      R"({"id": 5, "requester_id": 1, "source": 3, "description_text": "My card was charged twice.",
          "conversations": [{"ticket_id": 5, "incoming": false, "private": false, "user_id": 9, "body_text": "Refunded."}]})",
      "f.json", freshdesk.get());
  REQUIRE(f.size() == 1);
  REQUIRE(f[0].conversation.ok());
  CHECK(f[0].conversation->channel == Channel::kPhone);
  REQUIRE(f[0].conversation->messages.size() == 2);
  CHECK(f[0].conversation->messages[1].role == Role::kAgent);  // an outgoing reply by someone not the requester
}
