// Fuzzes JSONL ingest: line splitting (with a small line limit, so that the
// overlong-line path runs too) and the conversation parser with its repairs
// (invalid UTF-8, numbers out of range).
#include <string>

#include "base/utf8.h"
#include "fuzz_util.h"
#include "ingest/jsonl.h"

using namespace replylint;
using replylint::fuzz::Require;

namespace {

constexpr size_t kMaxLine = 4096;

bool Valid(const std::string& s) { return FindInvalidUtf8(s) == std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ConversationParser parser;  // reused, as a worker thread does
  auto src = LineSource::FromString(std::string(reinterpret_cast<const char*>(data), size), "fuzz.jsonl", kMaxLine);
  if (!src.ok()) return 0;
  std::string line;
  size_t previous = 0;
  while ((*src)->Next(&line)) {
    const size_t number = (*src)->line_number();
    Require(number == previous + 1, "line numbers count every line");
    previous = number;
    if ((*src)->overlong() > 0) {
      Require(line.empty() && (*src)->overlong() > kMaxLine, "an overlong line is not kept");
      continue;
    }
    Require(line.size() <= kMaxLine, "a kept line is within the limit");
    auto c = parser.Parse(line, "fuzz.jsonl", number);
    const std::string where = "fuzz.jsonl:" + std::to_string(number) + ": ";
    if (!c.ok()) {
      Require(c.status().message().rfind(where, 0) == 0, "an error names the file and line");
      continue;
    }
    for (const std::string& w : parser.warnings()) Require(w.rfind(where, 0) == 0, "a warning names the file and line");
    Require(c->line == number && c->source == "fuzz.jsonl", "a conversation knows where it came from");
    // Only message text keeps ill-formed bytes; it has them only when the line had.
    Require(Valid(c->id) && Valid(c->team) && Valid(c->customer.name) && Valid(c->customer.email), "fields repaired");
    const bool line_valid = Valid(line);
    for (const Message& m : c->messages) {
      Require(Valid(m.author) && Valid(m.agent_id) && Valid(m.from) && Valid(m.reply_to) && Valid(m.at),
              "message fields repaired");
      Require(!line_valid || Valid(m.text), "no ill-formed bytes made up");
    }
    const std::vector<std::string> warnings = parser.warnings();
    auto again = parser.Parse(line, "fuzz.jsonl", number);
    Require(again.ok() && again->id == c->id && again->messages.size() == c->messages.size() &&
                parser.warnings() == warnings,
            "parsing is deterministic");
  }
  Require((*src)->error().ok(), "memory never fails to read");
  return 0;
}
