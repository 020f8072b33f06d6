// Helpdesk exports (Zendesk, Freshdesk): shapes, roles, notes and rejections.
#include "ingest/ticket_export.h"

#include <catch2/catch.hpp>

#include "ingest/freshdesk.h"
#include "ingest/helpscout.h"
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

TEST_CASE("helpscout: threads oldest first, notes and drafts never scored, chat roles by their writer",
          "[ingest][helpscout]") {
  auto helpscout = NewHelpScoutFormat();
  // A "List Conversations" page, threads newest first as the API gives them.
  const auto r = ConvertTicketExport(
      R"({"_embedded": {"conversations": [
          {"id": 7, "type": "chat", "primaryCustomer": {"first": "Liz", "email": "liz@example.com"},
           "_embedded": {"threads": [
             {"id": 4, "type": "note", "body": "she is a VIP", "createdBy": {"type": "user", "id": 9}},
             {"id": 3, "type": "chat", "state": "draft", "body": "unsent", "createdBy": {"type": "user", "id": 9}},
             {"id": 2, "type": "chat", "body": "<p>Hi Liz, done.</p>",
              "createdBy": {"type": "user", "id": 9, "first": "Dana", "last": "Whitfield", "email": "dana@kettle.example"}},
             {"id": 1, "type": "chat", "body": "Reset my password?", "createdBy": {"type": "customer", "id": 70}}]}},
          {"id": 8, "type": "email", "_embedded": {"threads": [{"id": 5, "type": "lineitem"}]}},
          {"type": "email", "_embedded": {"threads": []}}]}})",
      "hs.json", helpscout.get());
  REQUIRE(r.size() == 3);
  REQUIRE(r[0].conversation.ok());
  const Conversation& c = *r[0].conversation;
  CHECK(c.id == "helpscout-7");
  CHECK(c.channel == Channel::kChat);
  CHECK(c.customer.name == "Liz");
  REQUIRE(c.messages.size() == 2);  // the note and the draft are left out
  CHECK(c.messages[0].role == Role::kCustomer);
  CHECK(c.messages[0].text == "Reset my password?");
  CHECK(c.messages[1].role == Role::kAgent);
  CHECK(c.messages[1].author == "Dana Whitfield");
  CHECK(c.messages[1].agent_id == "dana@kettle.example");
  CHECK(c.messages[1].text == "Hi Liz, done.");
  CHECK(r[0].notes == 1);
  REQUIRE(r[0].warnings.size() == 1);
  CHECK_THAT(r[0].warnings[0], Catch::Contains("hs.json: conversations[0] conversation 7: thread 2 (id 3): a draft"));
  REQUIRE_FALSE(r[1].conversation.ok());  // only a status change
  CHECK_THAT(r[1].conversation.status().message(), Catch::Contains("conversation 8: has no customer or reply thread"));
  REQUIRE_FALSE(r[2].conversation.ok());
  CHECK_THAT(r[2].conversation.status().message(), Catch::Contains("conversations[2] conversation: has no id"));
}
