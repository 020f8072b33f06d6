#include "ingest/jsonl.h"

#include <catch2/catch.hpp>

using namespace replylint;

namespace {

StatusOr<Conversation> Parse(const std::string& line) {
  static ConversationParser parser;
  return parser.Parse(line, "in.jsonl", 7);
}

}  // namespace

TEST_CASE("A full conversation line is read with every field", "[ingest]") {
  auto c = Parse(
      R"({"id":"T-1","channel":"email","lang":"ru","team":"L2","customer":{"name":"Саша","email":"s@x.example"},)"
      R"("messages":[{"role":"customer","text":"Привет"},{"role":"agent","author":"Иван Петров","agent_id":"ivan",)"
      R"("from":"support@x.example","reply_to":null,"template":"t1","text":"Здравствуйте","at":"2026-11-20T09:40:00Z",)"
      R"("expect":["name-form"]}],"unknown_key":{"ignored":true}})");
  REQUIRE(c.ok());
  CHECK(c->id == "T-1");
  CHECK(c->channel == Channel::kEmail);
  CHECK(c->lang == Lang::kRu);
  CHECK(c->customer.name == "Саша");
  REQUIRE(c->messages.size() == 2);
  CHECK(c->messages[1].role == Role::kAgent);
  CHECK(c->messages[1].AgentKey() == "ivan");
  CHECK(c->messages[1].reply_to.empty());
  REQUIRE(c->messages[1].expect.has_value());
  CHECK(c->messages[1].expect->at(0) == "name-form");
  CHECK_FALSE(c->messages[0].expect.has_value());
  CHECK(c->line == 7);
}

TEST_CASE("Per-line errors name the line and the key", "[ingest]") {
  auto missing = Parse(R"({"channel":"chat","messages":[]})");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message() == "in.jsonl:7: missing required key \"id\"");

  auto type = Parse(R"({"id":"a","channel":"chat","messages":[{"role":"agent","text":"ok"},{"role":"agent","text":5}]})");
  REQUIRE_FALSE(type.ok());
  CHECK(type.status().message() == "in.jsonl:7: key \"messages[1].text\" must be a string, not a number");

  auto channel = Parse(R"({"id":"a","channel":"fax","messages":[]})");
  REQUIRE_FALSE(channel.ok());
  CHECK_THAT(channel.status().message(), Catch::Contains("unknown channel \"fax\""));

  auto role = Parse(R"({"id":"a","channel":"chat","messages":[{"role":"bot","text":"x"}]})");
  REQUIRE_FALSE(role.ok());
  CHECK_THAT(role.status().message(), Catch::Contains("messages[0].role"));

  auto expect = Parse(R"({"id":"a","channel":"chat","messages":[{"role":"agent","text":"x","expect":"placeholder"}]})");
  REQUIRE_FALSE(expect.ok());
  CHECK_THAT(expect.status().message(), Catch::Contains("messages[0].expect"));
}

TEST_CASE("Invalid JSON and invalid UTF-8 are rejected with where", "[ingest]") {
  auto json = Parse(R"({"id": "a", "channel": )");
  REQUIRE_FALSE(json.ok());
  CHECK_THAT(json.status().message(), Catch::StartsWith("in.jsonl:7: invalid JSON"));
  auto utf = Parse("{\"id\":\"a\xFF\",\"channel\":\"chat\",\"messages\":[]}");
  REQUIRE_FALSE(utf.ok());
  CHECK(utf.status().message() == "in.jsonl:7: invalid UTF-8 at byte 9 of the line");
  auto array = Parse("[1,2]");
  REQUIRE_FALSE(array.ok());
  CHECK_THAT(array.status().message(), Catch::Contains("expected a JSON object"));
}

TEST_CASE("An unknown language value is kept as not analysable", "[ingest]") {
  auto c = Parse(R"({"id":"a","channel":"chat","lang":"de","messages":[{"role":"agent","text":"Hallo"}]})");
  REQUIRE(c.ok());
  CHECK(c->lang == Lang::kUnknown);
}
