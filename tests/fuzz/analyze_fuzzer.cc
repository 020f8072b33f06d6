// Fuzzes the whole analysis of a message in its conversation.
//
// An input that starts with '{' is JSON Lines: every line that parses is a
// conversation (so corpus/*.jsonl are seeds as they are). Any other input
// builds one conversation:
//   byte 0        channel (bits 0-1), conversation lang (bits 2-3: none, ru, en, another)
//   then records separated by 0x1E: the first is the customer's name; each
//   other is a message whose first byte picks its role (% 3), author (/ 3 % 4),
//   lang (/ 12 % 4) and sender (/ 48 % 4); the rest of the record is its text.
// Either way every result is checked (fuzz_util.h) and analysed twice: the
// same input must give the same findings. The result is then redacted
// (--redact), and the redacted conversation and result must pass the same
// checks: spans moved onto the masks, on code point boundaries, texts UTF-8.
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "ingest/jsonl.h"
#include "redact/redact.h"

using namespace replylint;
using replylint::fuzz::Require;

namespace {

constexpr size_t kMaxMessages = 16;

std::optional<Lang> LangOf(unsigned v) {
  switch (v % 4) {
    case 1:
      return Lang::kRu;
    case 2:
      return Lang::kEn;
    case 3:
      return Lang::kUnknown;
    default:
      return std::nullopt;
  }
}

Conversation Build(std::string_view in) {
  Conversation c;
  c.id = "fuzz";
  if (in.empty()) return c;
  const auto head = static_cast<unsigned char>(in[0]);
  c.channel = static_cast<Channel>(head & 3);
  c.lang = LangOf(head >> 2);
  in.remove_prefix(1);
  std::vector<std::string_view> records;
  for (size_t at = 0; records.size() <= kMaxMessages;) {
    const size_t sep = in.find('\x1E', at);
    records.push_back(in.substr(at, sep == std::string_view::npos ? std::string_view::npos : sep - at));
    if (sep == std::string_view::npos) break;
    at = sep + 1;
  }
  c.customer.name = std::string(records[0]);
  static const char* kAuthors[] = {"", "Иван Петров", "Dana Lee", "Марина"};
  static const char* kSenders[] = {"", "no-reply@shop.example", "Support <support@shop.example>", "noreply@x.example"};
  for (size_t k = 1; k < records.size(); ++k) {
    Message m;
    const unsigned b = records[k].empty() ? 0 : static_cast<unsigned char>(records[k][0]);
    m.role = static_cast<Role>(b % 3);
    m.author = kAuthors[(b / 3) % 4];
    m.lang = LangOf(b / 12);
    m.from = kSenders[(b / 48) % 4];
    if (b / 48 == 3) m.reply_to = "help@shop.example";
    m.text = std::string(records[k].substr(records[k].empty() ? 0 : 1));
    c.messages.push_back(std::move(m));
  }
  return c;
}

void Analyze(const Conversation& c) {
  const Engine& engine = fuzz::DefaultEngine();
  static auto worker = engine.NewWorker();
  const ConversationResult first = engine.Analyze(c, worker.get());
  fuzz::CheckResult(c, first);
  const ConversationResult second = engine.Analyze(c, worker.get());
  Require(first.replies.size() == second.replies.size(), "deterministic: replies");
  for (size_t i = 0; i < first.replies.size(); ++i) {
    const auto& a = first.replies[i].findings;
    const auto& b = second.replies[i].findings;
    Require(a.size() == b.size(), "deterministic: findings");
    for (size_t k = 0; k < a.size(); ++k) {
      Require(a[k].rule == b[k].rule && a[k].start == b[k].start && a[k].end == b[k].end &&
                  a[k].message_text == b[k].message_text && a[k].suggestion == b[k].suggestion,
              "deterministic: the same finding");
    }
  }
  static Redactor redactor("fuzz");
  Conversation rc = c;
  ConversationResult rr = first;
  redactor.Redact(&rc, &rr);
  fuzz::CheckResult(rc, rr);
  Require(c.id.empty() || rc.id != c.id, "redacted: the id is hashed");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (in.empty() || in[0] != '{') {
    Analyze(Build(in));
    return 0;
  }
  static ConversationParser parser;
  auto src = LineSource::FromString(std::string(in), "fuzz.jsonl");
  if (!src.ok()) return 0;
  std::string line;
  while ((*src)->Next(&line)) {
    auto c = parser.Parse(line, "fuzz.jsonl", (*src)->line_number());
    if (!c.ok()) continue;
    if (c->messages.size() > kMaxMessages) c->messages.resize(kMaxMessages);
    Analyze(*c);
  }
  return 0;
}
