// Fuzzes the analysis at scale: very long words and long conversations, grown
// from a short input, so that a per-word or per-message algorithm that is
// super-linear in its input shows as a slow unit (tests/fuzz/run.sh runs it
// with libFuzzer's -timeout and -rss_limit_mb: a slow input is a failure).
//
// Input, like the analyze target's but with repetition:
//   byte 0        channel (bits 0-1), conversation lang (bits 2-3: none, ru, en, another)
//   byte 1        how often the messages repeat: the conversation is the
//                 records' messages, 1 + (byte 1) * 16 times over (capped)
//   then records separated by 0x1E: the first is the customer's name; each
//   other is a message whose first byte picks its role (% 3), author
//   (/ 3 % 4) and lang (/ 12 % 4); the rest is its text, in which
//     0x1F n C    stands for the code point C (one UTF-8 sequence) repeated
//                 1 + n * 4096 times (a word of up to a million letters)
//     0x1D k      repeats all of the text before it 1 + k times.
// Sizes are capped (kMaxMessageBytes, kMaxConversationBytes, kMaxMessages)
// so every unit stays within what one reply or conversation may hold in
// real input, and the linear bounds are what keep it fast.
//
// The engine has the built-in rules; REPLYLINT_FUZZ_CONFIG may name a
// configuration file (say `rules: {spelling: off}`) to tell which rule a
// slow unit is in.
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "fuzz_util.h"

using namespace replylint;
using replylint::fuzz::Require;

namespace {

constexpr size_t kMaxMessageBytes = size_t{2} << 20;
constexpr size_t kMaxConversationBytes = size_t{6} << 20;
constexpr size_t kMaxMessages = 20000;
constexpr size_t kMaxRecords = 16;

const Engine& TheEngine() {
  static const Engine* engine = [] {
    const char* config = std::getenv("REPLYLINT_FUZZ_CONFIG");
    if (config == nullptr || *config == '\0') return &fuzz::DefaultEngine();
    EngineOptions o;
    o.config_path = config;
    o.config_explicit = true;
    auto e = Engine::Create(o);
    Require(e.ok(), "REPLYLINT_FUZZ_CONFIG does not load");
    return static_cast<const Engine*>(e->release());
  }();
  return *engine;
}

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

// The text of a record with its repetitions expanded, at most `cap` bytes.
std::string Expand(std::string_view in, size_t cap) {
  std::string out;
  for (size_t i = 0; i < in.size() && out.size() < cap;) {
    const char c = in[i];
    if (c == '\x1F' && i + 2 < in.size()) {
      const size_t times = 1 + static_cast<unsigned char>(in[i + 1]) * size_t{4096};
      size_t j = i + 2;
      DecodeUtf8(in, &j);
      const std::string_view unit = in.substr(i + 2, j - (i + 2));
      for (size_t k = 0; k < times && out.size() + unit.size() <= cap; ++k) out.append(unit);
      i = j;
    } else if (c == '\x1D' && i + 1 < in.size()) {
      const size_t times = static_cast<unsigned char>(in[i + 1]);
      const size_t len = out.size();
      for (size_t k = 0; k < times && out.size() + len <= cap && len > 0; ++k) out.append(out, 0, len);
      i += 2;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

Conversation Build(std::string_view in) {
  Conversation c;
  c.id = "scale";
  if (in.size() < 2) return c;
  const auto head = static_cast<unsigned char>(in[0]);
  c.channel = static_cast<Channel>(head & 3);
  c.lang = LangOf(head >> 2);
  const size_t repeat = 1 + static_cast<unsigned char>(in[1]) * size_t{16};
  in.remove_prefix(2);
  std::vector<std::string_view> records;
  for (size_t at = 0; records.size() <= kMaxRecords;) {
    const size_t sep = in.find('\x1E', at);
    records.push_back(in.substr(at, sep == std::string_view::npos ? std::string_view::npos : sep - at));
    if (sep == std::string_view::npos) break;
    at = sep + 1;
  }
  c.customer.name = Expand(records[0], 4096);
  static const char* kAuthors[] = {"", "Иван Петров", "Dana Lee", "Марина"};
  std::vector<Message> unit;
  for (size_t k = 1; k < records.size(); ++k) {
    Message m;
    const unsigned b = records[k].empty() ? 0 : static_cast<unsigned char>(records[k][0]);
    m.role = static_cast<Role>(b % 3);
    m.author = kAuthors[(b / 3) % 4];
    m.lang = LangOf(b / 12);
    m.text = Expand(records[k].substr(records[k].empty() ? 0 : 1), kMaxMessageBytes);
    unit.push_back(std::move(m));
  }
  size_t bytes = 0;
  for (size_t r = 0; r < repeat && !unit.empty(); ++r) {
    for (const Message& m : unit) {
      if (c.messages.size() >= kMaxMessages || bytes + m.text.size() > kMaxConversationBytes) return c;
      bytes += m.text.size();
      c.messages.push_back(m);
    }
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Conversation c = Build(std::string_view(reinterpret_cast<const char*>(data), size));
  const Engine& engine = TheEngine();
  static auto worker = engine.NewWorker();
  fuzz::CheckResult(c, engine.Analyze(c, worker.get()));
  return 0;
}
