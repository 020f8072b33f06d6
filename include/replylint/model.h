// The data model: conversations in, findings and scores out.
//
// Data flows as plain values in one direction:
//   Conversation (ingest) -> MessageResult with Findings (engine/checks)
//   -> Score (score) -> report.
// No stage reaches back into an earlier one. All types are plain values and
// safe to move between threads.
#ifndef REPLYLINT_MODEL_H_
#define REPLYLINT_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replylint {

// The longest input line read by default, in bytes; a longer line is
// rejected without being kept in memory. 16 MiB: a real conversation is far
// smaller, and analysing a line costs about ten times its size in memory.
inline constexpr size_t kDefaultMaxLineBytes = size_t{16} << 20;

// Ordered: a higher value is more severe, so `a >= fail_level` compares.
enum class Severity : uint8_t { kSuggestion = 0, kWarning = 1, kError = 2 };

enum class Channel : uint8_t { kEmail, kChat, kSocial, kPhone };

// kUnknown: neither Russian nor English could be told from the text.
enum class Lang : uint8_t { kUnknown, kRu, kEn };

enum class Role : uint8_t { kCustomer, kAgent, kSystem };

std::string_view SeverityName(Severity s);
std::optional<Severity> ParseSeverity(std::string_view s);
std::string_view ChannelName(Channel c);
std::optional<Channel> ParseChannel(std::string_view s);
std::string_view LangName(Lang l);  // "ru", "en", "" for kUnknown
std::optional<Lang> ParseLang(std::string_view s);
std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view s);

struct Customer {
  std::string name;  // exactly as the customer gave it; may be empty
  std::string email;
};

struct Message {
  Role role = Role::kCustomer;
  std::string text;      // UTF-8; '\n' separates lines
  std::string author;    // agent display name
  std::string agent_id;  // stable agent key; empty -> author
  std::string from;      // email sender address (may be "Name <addr>")
  std::string reply_to;  // email reply-to address
  std::string template_id;
  std::string at;            // RFC 3339, unparsed
  std::optional<Lang> lang;  // explicit language, when the input gave one
  // Evaluation labels: the complete set of rule ids this message must trigger.
  // nullopt: not scored by eval.
  std::optional<std::vector<std::string>> expect;
  // Rules whose findings on this message a reviewer accepted ("ignore" in
  // the input, each with an optional reason): dropped before scoring, and
  // counted as suppressed.
  std::vector<std::string> ignore;

  // The key agent aggregates use: agent_id, else author.
  const std::string& AgentKey() const { return agent_id.empty() ? author : agent_id; }
};

struct Conversation {
  std::string id;
  Channel channel = Channel::kEmail;
  std::optional<Lang> lang;  // conversation-level language, when given
  std::string team;
  Customer customer;
  std::vector<Message> messages;
  // Where it came from, for error messages: file name and 1-based line.
  std::string source;
  size_t line = 0;
};

// One problem found in one agent message.
struct Finding {
  std::string rule;  // stable rule id, e.g. "name-form"
  Severity severity = Severity::kWarning;
  size_t message = 0;  // 0-based index into Conversation::messages
  size_t start = 0;    // UTF-8 byte offsets into the message text; start <= end
  size_t end = 0;
  std::string text;          // the matched text (or the header value the finding is about)
  std::string message_text;  // what is wrong, in the reply's language
  std::string suggestion;    // a concrete fix; may be empty
  // What replaces [start, end) when applying it cannot be wrong given the
  // context (`check --fix`): the customer's name form, the title of their
  // gender, their name for a name placeholder, the author's signature.
  // Unset when a fix needs judgement.
  std::optional<std::string> fix;
  // Non-empty when the finding is about an input field rather than the text
  // (no-reply-sender on "from"): then start == end == 0 and `text` holds the
  // field's value.
  std::string field;
  // The other conversations message_text names by id (template-overuse), so
  // that redaction can mask them wherever they are shown.
  std::vector<std::string> conversations;
};

// How a diagnostic shows a value of the input (a conversation id, an
// unknown role): `kind` says which ("conv", "value"). Empty: quoted as given.
using ShowValue = std::function<std::string(const char* kind, const std::string& value)>;

// Orders findings deterministically: by message, start, end, rule, text.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace replylint

#endif  // REPLYLINT_MODEL_H_
