#include "report/json_line.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace replylint {
namespace {

using Json = nlohmann::ordered_json;

std::string NlohmannDump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string WriteString(std::string_view s) {
  std::string out;
  JsonLine(&out).String(s);
  return out;
}

std::string WriteDouble(double v) {
  std::string out;
  JsonLine(&out).Double(v);
  return out;
}

TEST_CASE("JsonLine escapes strings exactly as nlohmann's dump does") {
  std::vector<std::string> cases = {
      "",
      "plain ascii",
      "quote \" backslash \\ slash /",
      "Здравствуйте, Саша! Ёлка — «кавычки» …",
      "tab\tnewline\ncr\rbackspace\bformfeed\f",
      std::string("nul\0byte", 8),
      "\x01\x1f\x7f",  // control characters by number; DEL as is
      "emoji \xF0\x9F\x98\x80 and U+FFFD \xEF\xBF\xBD",
      "bad lead \xFF in the middle",  // ill-formed: nlohmann's U+FFFD
      "cut short \xD0",               // a sequence the string ends inside
      "overlong \xC0\xAF slash",
      "surrogate \xED\xA0\x80 half",
      "\xE2\x80",  // nothing but a broken sequence
  };
  for (int c = 0; c < 0x20; ++c) cases.push_back(std::string("x") + static_cast<char>(c) + "y");
  for (const std::string& s : cases) {
    INFO("string bytes: " << s.size());
    CHECK(WriteString(s) == NlohmannDump(Json(s)));
  }
}

// Escaped() passes eight bytes at a time while none is to be escaped: every
// byte value at every place of such a block, and random strings of the bytes
// near the edges of what is escaped, read as nlohmann reads them.
TEST_CASE("JsonLine escapes a byte wherever it falls in a block of eight") {
  for (int b = 0; b < 256; ++b) {
    for (size_t at = 0; at < 19; ++at) {
      std::string s(19, 'a');
      s[at] = static_cast<char>(b);
      INFO("byte " << b << " at " << at);
      REQUIRE(WriteString(s) == NlohmannDump(Json(s)));
    }
  }
  const std::string bytes = std::string("\0\x01\x1f !\"#[\\]\x7f\x80\xa2\xdc\xbf", 15) + "\xd0\x90\xd1\x8f";
  std::mt19937 random(7);
  for (int n = 0; n < 5000; ++n) {
    std::string s(random() % 40, ' ');
    for (char& c : s) c = bytes[random() % bytes.size()];
    INFO("string " << n);
    REQUIRE(WriteString(s) == NlohmannDump(Json(s)));
  }
}

TEST_CASE("JsonLine writes numbers as nlohmann's dump does") {
  for (double v : {0.0, -0.0, 5.0, 0.33, 2.5, 10.0, 1e-7, 123456789.125, 1e300, -4.75,
                   std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    INFO(v);
    CHECK(WriteDouble(v) == NlohmannDump(Json(v)));
  }
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{100}, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max()}) {
    std::string out;
    JsonLine(&out).Int(v);
    CHECK(out == NlohmannDump(Json(v)));
  }
  std::string out;
  JsonLine(&out).UInt(std::numeric_limits<uint64_t>::max());
  CHECK(out == NlohmannDump(Json(std::numeric_limits<uint64_t>::max())));
}

TEST_CASE("JsonLine puts commas between members and elements, none after a key or an opening") {
  std::string out;
  JsonLine w(&out);
  w.BeginObject();
  w.Key("a").UInt(1);
  w.Key("empty").BeginArray().EndArray();
  w.Key("list").BeginArray();
  w.BeginObject().Key("x").Null().EndObject();
  w.BeginObject().EndObject();
  w.String("s").Bool(true).Bool(false);
  w.EndArray();
  w.Key("obj").BeginObject().Key("k").Double(5.0).Key("k\"2").Int(-3).EndObject();
  w.Key("last").String("");
  w.EndObject();
  const Json expected = {{"a", 1},
                         {"empty", Json::array()},
                         {"list", {{{"x", nullptr}}, Json::object(), "s", true, false}},
                         {"obj", {{"k", 5.0}, {"k\"2", -3}}},
                         {"last", ""}};
  CHECK(out == NlohmannDump(expected));
  CHECK(Json::parse(out) == expected);
}

}  // namespace
}  // namespace replylint
