// The serve API as plain functions: offsets in UTF-16, the LanguageTool
// request shapes, the native check's context, errors, and the audit stream's
// counts. tests/serve/serve_test.py covers the same over real sockets.
#include "serve/api.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "test_util.h"

namespace replylint::serve {
namespace {

using Json = nlohmann::json;
using testing::DefaultEngine;

HttpRequest Form(std::initializer_list<std::pair<const std::string, std::string>> fields) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/v2/check";
  r.params = fields;
  return r;
}

HttpRequest Body(const std::string& body) {
  HttpRequest r;
  r.method = "POST";
  r.body = body;
  return r;
}

// The UTF-16 slice [offset, offset + length) of a UTF-8 string, as UTF-8.
std::string Utf16Slice(const std::string& s, size_t offset, size_t length) {
  size_t units = 0, begin = std::string::npos, end = s.size();
  for (size_t i = 0; i <= s.size();) {
    if (units == offset && begin == std::string::npos) begin = i;
    if (units == offset + length) {
      end = i;
      break;
    }
    if (i == s.size()) break;
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return begin == std::string::npos ? "" : s.substr(begin, end - begin);
}

TEST_CASE("Utf16Length counts surrogate pairs as two units") {
  CHECK(Utf16Length("abc", 3) == 3);
  CHECK(Utf16Length("Саша", 8) == 4);
  CHECK(Utf16Length("😀a", 5) == 3);
  CHECK(Utf16Length("😀a", 4) == 2);
  CHECK(Utf16Length("a", 10) == 1);  // clamped to the text
}

TEST_CASE("/v2/check: offsets after emoji are UTF-16 code units") {
  Api api(DefaultEngine());
  const std::string text = "🙂🙂 Dear [NAME], your parcel is on its way.";
  HttpResponse r = api.LanguageToolCheck(Form({{"text", text}, {"language", "en-US"}}));
  REQUIRE(r.status == 200);
  const Json j = Json::parse(r.body);
  bool found = false;
  for (const Json& m : j["matches"]) {
    if (m["rule"]["id"] != "placeholder") continue;
    found = true;
    CHECK(m["offset"] == 10);  // two emoji are four units, then "␣Dear␣"
    CHECK(Utf16Slice(text, m["offset"], m["length"]) == "[NAME]");
    CHECK(m["rule"]["category"]["id"] == "CORRECTNESS");
  }
  CHECK(found);
  CHECK(j["language"]["code"] == "en-US");
}

TEST_CASE("/v2/check: markup in data counts in the offsets and is never reported") {
  Api api(DefaultEngine());
  const Json data = {{"annotation",
                      {{{"markup", "<b data-x=\"[NAME]\">"}},
                       {{"text", "Dear [NAME], thanks."}},
                       {{"markup", "</b>"}, {"interpretAs", "\n\n"}}}}};
  HttpResponse r = api.LanguageToolCheck(Form({{"data", data.dump()}, {"language", "en-GB"}}));
  REQUIRE(r.status == 200);
  const Json j = Json::parse(r.body);
  const std::string client = "<b data-x=\"[NAME]\">Dear [NAME], thanks.</b>";
  size_t placeholders = 0;
  for (const Json& m : j["matches"]) {
    if (m["rule"]["id"] != "placeholder") continue;
    ++placeholders;
    CHECK(Utf16Slice(client, m["offset"], m["length"]) == "[NAME]");
    CHECK(m["offset"] == 24);  // the one in the text, not the one in the markup
  }
  CHECK(placeholders == 1);
  CHECK(j["language"]["code"] == "en-GB");
}

TEST_CASE("/v2/check: rule filters and bad requests") {
  Api api(DefaultEngine());
  const std::string text = "We apologize for any inconvenience. Dear [NAME], it ships today.";
  auto rules = [&](HttpRequest req) {
    std::set<std::string> ids;
    const Json answer = Json::parse(api.LanguageToolCheck(req).body);
    for (const Json& m : answer["matches"]) ids.insert(m["rule"]["id"]);
    return ids;
  };
  CHECK(rules(Form({{"text", text}, {"language", "auto"}})) == std::set<std::string>{"placeholder", "stock-phrase"});
  CHECK(rules(Form({{"text", text}, {"language", "auto"}, {"disabledRules", "stock-phrase"}})) ==
        std::set<std::string>{"placeholder"});
  CHECK(rules(Form({{"text", text}, {"language", "auto"}, {"disabledCategories", "correctness"}})) ==
        std::set<std::string>{"stock-phrase"});
  CHECK(rules(Form({{"text", text}, {"language", "auto"}, {"enabledOnly", "true"}, {"enabledRules", "placeholder"}})) ==
        std::set<std::string>{"placeholder"});
  // With a channel, the text is a whole reply: its signature is judged.
  CHECK(rules(Form({{"text", text}, {"language", "auto"}, {"channel", "email"}})).count("missing-signature") == 1);

  CHECK(api.LanguageToolCheck(Form({{"language", "en-US"}})).status == 400);
  CHECK(api.LanguageToolCheck(Form({{"text", "a"}, {"data", "{}"}, {"language", "en-US"}})).status == 400);
  CHECK(api.LanguageToolCheck(Form({{"text", "a"}})).status == 400);
  HttpResponse bad = api.LanguageToolCheck(Form({{"text", "a"}, {"language", "<img src=x>"}}));
  CHECK(bad.status == 400);
  // The error is JSON: the value it quotes is escaped as a JSON string, and
  // parsing it gives back exactly what was sent, nothing more.
  CHECK(Json::parse(bad.body)["error"]["code"] == 400);
  CHECK(api.LanguageToolCheck(Form({{"data", "{\"annotation\": [{\"text\": 1}]}"}, {"language", "en-US"}})).status ==
        400);
}

TEST_CASE("/api/v1/check: the customer's context, the fix and the fixed draft") {
  Api api(DefaultEngine());
  const Json in = {{"draft", "Добрый день, Александр!\n\nЗаказ уже в пути.\n\nС уважением,\nИрина Петрова"},
                   {"channel", "email"},
                   {"customer", {{"name", "Саша"}, {"text", "Когда придёт заказ?"}}}};
  HttpResponse r = api.Check(Body(in.dump()));
  REQUIRE(r.status == 200);
  const Json j = Json::parse(r.body);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["rule"] == "name-form");
  CHECK(j["findings"][0]["fix"] == "Саша");
  CHECK(j["findings"][0]["utf16"]["offset"] == 13);
  CHECK(j["findings"][0]["utf16"]["length"] == 9);
  CHECK(j["fixable"] == 1);
  CHECK(j["fixed"].get<std::string>().rfind("Добрый день, Саша!", 0) == 0);
  CHECK(j["customer_name"] == "Саша");
  CHECK(j["score"].get<int>() < 100);

  // Without the customer's name, the name rules have nothing to compare with.
  Json alone = in;
  alone.erase("customer");
  CHECK(Json::parse(api.Check(Body(alone.dump())).body)["findings"].empty());
}

TEST_CASE("/api/v1/check: errors name the key") {
  Api api(DefaultEngine());
  auto message = [&](const std::string& body) {
    HttpResponse r = api.Check(Body(body));
    CHECK(r.status == 400);
    return Json::parse(r.body)["error"]["message"].get<std::string>();
  };
  CHECK(message("{") == "the body is not valid JSON (byte 2)");
  CHECK(message("[]").find("JSON object") != std::string::npos);
  CHECK(message("{\"draft\": \"  \"}").find("draft is missing or empty") != std::string::npos);
  CHECK(message("{\"draft\": \"hi\", \"drafts\": 1}").find("unknown key \"drafts\"") != std::string::npos);
  CHECK(message("{\"draft\": \"hi\", \"channel\": \"fax\"}").find("channel") != std::string::npos);
  const std::string role = message("{\"draft\": \"hi\", \"conversation\": [{\"role\": \"boss\", \"text\": \"x\"}]}");
  INFO(role);
  CHECK(role.rfind("conversation[0].role", 0) == 0);
}

TEST_CASE("/api/v1/audit streams one record per reply and counts every line") {
  Api api(DefaultEngine());
  const std::string line =
      R"({"id":"a","channel":"chat","customer":{"name":"Саша"},"messages":[{"role":"customer","text":"Когда заказ?"},{"role":"agent","text":"Александр, заказ завтра."}]})";
  HttpResponse r = api.Audit(Body(line + "\n\n{oops\n" + line + "\n"));
  REQUIRE(r.status == 200);
  REQUIRE(r.stream);
  std::string all, chunk;
  while (r.stream(&chunk)) {
    all += chunk;
    chunk.clear();
  }
  std::vector<Json> out;
  for (size_t b = 0, e; (e = all.find('\n', b)) != std::string::npos; b = e + 1) out.push_back(Json::parse(all.substr(b, e - b)));
  REQUIRE(out.size() == 4);
  CHECK(out[0]["findings"][0]["rule"] == "name-form");
  CHECK(out[1]["rejected"]["line"] == 3);
  CHECK(out[3]["summary"]["lines"] == 3);
  CHECK(out[3]["summary"]["conversations"] == 2);
  CHECK(out[3]["summary"]["rejected"] == 1);
  CHECK(out[3]["summary"]["conserved"] == true);
}

TEST_CASE("/api/v1/rules and /metrics") {
  Api api(DefaultEngine());
  const Json rules = Json::parse(api.Rules().body)["rules"];
  bool chat = false;
  for (const Json& r : rules) {
    if (r["id"] == "chat-length") chat = r["params"].contains("columns") && r["params"].contains("max_lines");
  }
  CHECK(chat);
  api.metrics().Request("/v2/check", 200, 0.003);
  api.metrics().Finding("name-form");
  const std::string text = api.metrics().Prometheus();
  CHECK(text.find("replylint_requests_total{route=\"/v2/check\",status=\"200\"} 1") != std::string::npos);
  CHECK(text.find("replylint_request_duration_seconds_bucket{route=\"/v2/check\",le=\"0.0025\"} 0") !=
        std::string::npos);
  CHECK(text.find("replylint_request_duration_seconds_bucket{route=\"/v2/check\",le=\"0.005\"} 1") !=
        std::string::npos);
  CHECK(text.find("replylint_findings_total{rule=\"name-form\"} 1") != std::string::npos);
}

}  // namespace
}  // namespace replylint::serve
