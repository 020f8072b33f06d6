#include "ingest/jsonl.h"

#include <simdjson.h>

#include <catch2/catch.hpp>

#include "base/utf8.h"

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

TEST_CASE("Invalid JSON is rejected with where and why", "[ingest]") {
  auto json = Parse(R"({"id": "a", "channel": )");
  REQUIRE_FALSE(json.ok());
  CHECK_THAT(json.status().message(), Catch::StartsWith("in.jsonl:7: invalid JSON"));
  auto array = Parse("[1,2]");
  REQUIRE_FALSE(array.ok());
  CHECK_THAT(array.status().message(), Catch::Contains("expected a JSON object"));
  auto control = Parse("{\"id\":\"a\",\"channel\":\"chat\",\"messages\":[{\"role\":\"agent\",\"text\":\"a\tb\"}]}");
  REQUIRE_FALSE(control.ok());
  CHECK(control.status().message() ==
        "in.jsonl:7: invalid JSON: raw control character U+0009 inside a string at byte 65 of the line "
        "(JSON needs it escaped, as \\u0009)");
  const std::string nul("{\"id\":\"a\",\0\"channel\":\"chat\",\"messages\":[]}", 42);
  auto binary = Parse(nul);
  REQUIRE_FALSE(binary.ok());
  CHECK_THAT(binary.status().message(), Catch::EndsWith("(the line holds NUL bytes: is the file UTF-16 or binary?)"));
  auto deep = Parse("{\"id\":\"a\",\"channel\":\"chat\",\"messages\":[],\"x\":" + std::string(3000, '[') +
                    std::string(3000, ']') + "}");
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.status().message() == "in.jsonl:7: invalid JSON: arrays and objects nested deeper than 1024 levels");
}

TEST_CASE("Invalid UTF-8 is repaired and reported; message text keeps its bytes", "[ingest]") {
  ConversationParser parser;
  auto c = parser.Parse("{\"id\":\"a\xFF\",\"channel\":\"chat\",\"customer\":{\"name\":\"\xD0\"},"
                        "\"messages\":[{\"role\":\"agent\",\"text\":\"Hi \\\"Bob\\\" \xC3\x28 ok \xFF\"}]}",
                        "in.jsonl", 3);
  REQUIRE(c.ok());
  CHECK(c->id == "a\xEF\xBF\xBD");
  CHECK(c->customer.name == "\xEF\xBF\xBD");
  CHECK(c->messages[0].text == "Hi \"Bob\" \xC3\x28 ok \xFF");  // exactly as given, escapes decoded
  REQUIRE(parser.warnings().size() == 3);
  CHECK(parser.warnings()[0] == "in.jsonl:3: id: 1 invalid UTF-8 byte replaced with U+FFFD");
  CHECK(parser.warnings()[2] ==
        "in.jsonl:3: messages[0].text: 2 invalid UTF-8 bytes (the first at offset 9) replaced with U+FFFD for "
        "analysis; finding offsets count the original bytes");
  // The next line starts clean.
  REQUIRE(parser.Parse(R"({"id":"b","channel":"chat","messages":[]})", "in.jsonl", 4).ok());
  CHECK(parser.warnings().empty());
}

TEST_CASE("Repair never mistakes the input's own noncharacters for its marker", "[ingest]") {
  ConversationParser parser;
  // U+FDD0 literally and U+FDD1 as an escape: the marker must be U+FDD2.
  auto c = parser.Parse("{\"id\":\"a\",\"channel\":\"chat\",\"messages\":[{\"role\":\"agent\",\"text\":"
                        "\"\xEF\xB7\x90 \\uFDD1 \x80\xFE\"}]}",
                        "in.jsonl", 1);
  REQUIRE(c.ok());
  CHECK(c->messages[0].text == "\xEF\xB7\x90 \xEF\xB7\x91 \x80\xFE");
}

TEST_CASE("Numbers out of range cost no line; a number where a string goes is named", "[ingest]") {
  auto big = Parse(R"({"id":"a","channel":"chat","ticket":123456789012345678901234567890,"score":1e999,"messages":[]})");
  REQUIRE(big.ok());
  auto id = Parse(R"({"id":-1e99999,"channel":"chat","messages":[]})");
  REQUIRE_FALSE(id.ok());
  CHECK(id.status().message() == "in.jsonl:7: key \"id\" must be a string, not a number");
  auto malformed = Parse(R"({"id":"a","channel":"chat","n":01,"messages":[]})");
  REQUIRE_FALSE(malformed.ok());
  CHECK_THAT(malformed.status().message(), Catch::StartsWith("in.jsonl:7: invalid JSON"));
}

namespace {

std::vector<std::string> Lines(LineSource& src, std::vector<size_t>* overlong = nullptr) {
  std::vector<std::string> out;
  std::string line;
  while (src.Next(&line)) {
    out.push_back(line);
    if (overlong) overlong->push_back(src.overlong());
  }
  return out;
}

}  // namespace

TEST_CASE("LineSource splits CRLF and LF lines and drops a BOM at the start of any line", "[ingest]") {
  auto src = LineSource::FromString("\xEF\xBB\xBFone\r\ntwo\n\n\xEF\xBB\xBFthree", "mem");
  REQUIRE(src.ok());
  CHECK(Lines(**src) == std::vector<std::string>{"one", "two", "", "three"});
  CHECK((*src)->line_number() == 4);
}

TEST_CASE("LineSource skips a line over the limit without keeping it", "[ingest]") {
  const std::string data = "short\n" + std::string(5000, 'x') + "\nafter\n" + std::string(4000, 'y');
  auto src = LineSource::FromString(data, "mem", 1000);
  REQUIRE(src.ok());
  std::vector<size_t> overlong;
  CHECK(Lines(**src, &overlong) == std::vector<std::string>{"short", "", "after", ""});
  CHECK(overlong == std::vector<size_t>{0, 5000, 0, 4000});
}

TEST_CASE("LineSource names UTF-16 and gzip files instead of rejecting every line", "[ingest]") {
  auto utf16 = LineSource::FromString(std::string("\xFF\xFE{\0", 4), "export.jsonl");
  REQUIRE_FALSE(utf16.ok());
  CHECK_THAT(utf16.status().message(), Catch::StartsWith("export.jsonl: the file is UTF-16"));
  auto gz = LineSource::FromString(std::string("\x1F\x8B\x08\0", 4), "export.jsonl.gz");
  REQUIRE_FALSE(gz.ok());
  CHECK_THAT(gz.status().message(), Catch::Contains("gzip-compressed"));
}

TEST_CASE("LineSource counts what is left of an input", "[ingest]") {
  auto src = LineSource::FromString("a\nb\n\n  \nc\nd", "mem");
  REQUIRE(src.ok());
  std::string line;
  REQUIRE((*src)->Next(&line));
  CHECK((*src)->CountRemaining() == 3);  // b, c, d; blank lines are no records
}

TEST_CASE("LineSource reports a missing file and a directory", "[ingest]") {
  auto missing = LineSource::Open("/nonexistent/x.jsonl");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message() == "/nonexistent/x.jsonl: no such file");
  auto dir = LineSource::Open("/");
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.status().message() == "/: is a directory, not a JSONL file");
}

TEST_CASE("An unknown language value is kept as not analysable", "[ingest]") {
  auto c = Parse(R"({"id":"a","channel":"chat","lang":"de","messages":[{"role":"agent","text":"Hallo"}]})");
  REQUIRE(c.ok());
  CHECK(c->lang == Lang::kUnknown);
}

TEST_CASE("A lone surrogate escape is repaired like invalid UTF-8, with the key named", "[ingest]") {
  ConversationParser parser;
  auto c = parser.Parse(R"({"id":"s","channel":"chat","messages":[{"role":"agent","author":"B\ud800b",)"
                        R"("text":"Hi \udc00, \ud83d\ude00 and \\ud800"}]})",
                        "in.jsonl", 2);
  REQUIRE(c.ok());
  CHECK(c->messages[0].author ==
        "B\xEF\xBF\xBD"
        "b");
  // The pair is a real character; an escaped backslash is text, not an escape.
  CHECK(c->messages[0].text == "Hi \xEF\xBF\xBD, \xF0\x9F\x98\x80 and \\ud800");
  REQUIRE(parser.warnings().size() == 2);
  CHECK(parser.warnings()[1] ==
        "in.jsonl:2: messages[0].author: 1 lone UTF-16 surrogate escape (\\uD800-\\uDFFF without its pair) replaced "
        "with U+FFFD");
  CHECK_THAT(parser.warnings()[0], Catch::StartsWith("in.jsonl:2: messages[0].text: 1 lone UTF-16 surrogate"));
}

TEST_CASE("Repeated keys and an empty id are rejected; lang is case-insensitive; a bad `at` is dropped", "[ingest]") {
  auto twice = Parse(R"({"id":"a","id":"b","channel":"chat","messages":[]})");
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.status().message() == "in.jsonl:7: key \"id\": given twice");
  auto inner = Parse(R"({"id":"a","channel":"chat","messages":[{"role":"agent","text":"x","text":"y"}]})");
  REQUIRE_FALSE(inner.ok());
  CHECK(inner.status().message() == "in.jsonl:7: key \"messages[0].text\": given twice");
  auto customer = Parse(R"({"id":"a","channel":"chat","customer":{"name":"A","name":"B"},"messages":[]})");
  REQUIRE_FALSE(customer.ok());
  CHECK_THAT(customer.status().message(), Catch::Contains("customer.name"));

  auto empty = Parse(R"({"id":" ","channel":"chat","messages":[]})");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().message() == "in.jsonl:7: key \"id\": empty");

  auto upper = Parse(R"({"id":"a","channel":"chat","lang":"RU","messages":[{"role":"agent","lang":"En","text":"x"}]})");
  REQUIRE(upper.ok());
  CHECK(upper->lang == Lang::kRu);
  CHECK(upper->messages[0].lang == Lang::kEn);

  ConversationParser parser;
  auto at = parser.Parse(R"({"id":"a","channel":"chat","messages":[{"role":"agent","text":"x","at":"yesterday"},)"
                         R"({"role":"agent","text":"y","at":"2026-13-01T09:00:00Z"},)"
                         R"({"role":"agent","text":"z","at":"2026-11-20T09:12:00.5+03:00"}]})",
                         "in.jsonl", 1);
  REQUIRE(at.ok());
  CHECK(at->messages[0].at.empty());
  CHECK(at->messages[1].at.empty());
  CHECK(at->messages[2].at == "2026-11-20T09:12:00.5+03:00");
  REQUIRE(parser.warnings().size() == 2);
  CHECK(parser.warnings()[0] ==
        "in.jsonl:1: messages[0].at: \"yesterday\" is not an RFC 3339 time (e.g. 2026-11-20T09:12:00Z); ignored");
}

TEST_CASE("LineSource reads a lone CR as a line end", "[ingest]") {
  auto src = LineSource::FromString("one\rtwo\r\nthree\r\rfour\r", "mem");
  REQUIRE(src.ok());
  CHECK(Lines(**src) == std::vector<std::string>{"one", "two", "three", "", "four"});
  auto rest = LineSource::FromString("a\rb\r\rc", "mem");
  REQUIRE(rest.ok());
  CHECK((*rest)->CountRemaining() == 3);
}

TEST_CASE("With show_value set, errors and warnings do not echo input values", "[ingest]") {
  ConversationParser parser;
  parser.set_show_value([](const char* kind, const std::string&) { return std::string("[") + kind + "]"; });
  auto bad = parser.Parse(R"({"id":"A-1","channel":"fax-Ivanov","messages":[]})", "in.jsonl", 1);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "in.jsonl:1: key \"channel\": unknown channel [value] (expected email, chat, social or phone)");
  auto role = parser.Parse(R"({"id":"A-1","channel":"chat","messages":[{"role":"Ivanov","text":"x"}]})", "in.jsonl", 2);
  REQUIRE_FALSE(role.ok());
  CHECK(role.status().message().find("Ivanov") == std::string::npos);
  auto at = parser.Parse(R"({"id":"A-1","channel":"chat","messages":[{"role":"agent","text":"x","at":"Ivanov"}]})",
                         "in.jsonl", 3);
  REQUIRE(at.ok());
  REQUIRE(parser.warnings().size() == 1);
  CHECK(parser.warnings()[0].find("Ivanov") == std::string::npos);
  CHECK(parser.warnings()[0].find("[value]") != std::string::npos);
}

TEST_CASE("simdjson's UTF-8 validator and FindInvalidUtf8 agree on what is valid", "[ingest]") {
  // The parser asks simdjson first and FindInvalidUtf8 only for a line it
  // refuses: they must draw the line in the same place.
  const std::vector<std::string> cases = {
      "",
      "plain",
      "Привет, мир",
      "\xEF\xBF\xBD literal U+FFFD",
      "\xEF\xB7\x90 U+FDD0 and \xEF\xBF\xBE U+FFFE (noncharacters, valid)",
      "\xF0\x9F\x98\x80 four bytes",
      "\xF4\x8F\xBF\xBF U+10FFFF",
      "\xF4\x90\x80\x80 past U+10FFFF",
      "\xC0\xAF overlong two",
      "\xE0\x80\xAF overlong three",
      "\xF0\x80\x80\xAF overlong four",
      "\xED\xA0\x80 surrogate",
      "\xED\x9F\xBF last before the surrogates",
      "\x80 lone continuation",
      "\xFF",
      "cut \xD0",
      "cut \xE2\x80",
      "cut \xF0\x9F\x98",
      "\xC2\xA0 no-break space",
  };
  for (const std::string& s : cases) {
    INFO(s);
    CHECK(simdjson::validate_utf8(s) == (FindInvalidUtf8(s) == std::string_view::npos));
  }
}
