// Fuzzes the serve API's request readers with one input used three ways: as
// the JSON body of /api/v1/check, as LanguageTool's `data` field and as its
// `text` (with the first byte choosing the language). Every answer must be
// JSON with a status, an error an object with a code and a message, and
// every LanguageTool match must lie inside the text in UTF-16 units.
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_util.h"
#include "serve/api.h"

using namespace replylint;
using replylint::fuzz::Require;

namespace {

nlohmann::json Answer(const serve::HttpResponse& r) {
  Require(r.status == 200 || r.status == 400, "an answer is 200 or 400");
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  Require(!j.is_discarded(), "an answer is JSON");
  if (r.status == 400) {
    Require(j["error"]["code"] == 400 && j["error"]["message"].is_string(), "an error has a code and a message");
  }
  return j;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const serve::Api api(fuzz::DefaultEngine());
  const std::string input(reinterpret_cast<const char*>(data), size);

  serve::HttpRequest native;
  native.body = input;
  Answer(api.Check(native));

  static const char* kLanguages[] = {"auto", "ru-RU", "en-US", "en-GB"};
  const std::string language = kLanguages[size > 0 ? data[0] % 4 : 0];
  serve::HttpRequest with_data;
  with_data.params = {{"data", input}, {"language", language}};
  Answer(api.LanguageToolCheck(with_data));

  serve::HttpRequest with_text;
  with_text.params = {{"text", input}, {"language", language}};
  const nlohmann::json j = Answer(api.LanguageToolCheck(with_text));
  if (j.contains("matches")) {
    const size_t units = serve::Utf16Length(input, input.size());
    for (const auto& m : j["matches"]) {
      const size_t offset = m["offset"], length = m["length"];
      Require(offset + length <= units, "a match lies inside the text");
    }
  }
  return 0;
}
