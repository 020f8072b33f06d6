// Redaction for reports that leave the QA team: personal data becomes
// masks such as [name-1], [email-2], [phone-3], [card-4] in every text a
// report shows (messages, the matched text of a finding, its message and
// its suggestion, the customer and sender fields), and conversation ids,
// agent ids and team names become keyed hashes ([conv-1a2b3c4d]).
// docs/redaction.md lists exactly what is masked, how, and what is not.
//
// Masks are consistent over a whole run: the same name, address or number
// always gets the same mask (a reader can still follow a conversation and
// see that two tickets came from one address), and numbering follows input
// order, so redacted output is as deterministic as the plain one.
//
// What counts:
//   - names: every word of customer.name and the customer's own name form
//     the engine found in their text, the agents' authors, names stated or
//     signed in the text; with all their case forms (Саша, Саше, Сашу: one
//     mask), other forms (Bob: Bobby, Rob) and transliterations; the names
//     a finding says the reply used for the customer (name-form,
//     wrong-name, suspicious-name) get masks of their own.
//   - e-mail addresses anywhere and in other shapes (ivan(at)mail.ru),
//     except the team's own: the from and reply_to of agent messages.
//   - phone numbers (phones.h: libphonenumber), cards (Luhn), IBANs (mod
//     97), СНИЛС (control number), IP addresses; passports, dates of birth
//     after their context words; street addresses.
//   - ids: the conversation id, agent ids, the team, and the conversations
//     a finding names (Finding::conversations), wherever they appear.
// Spans of findings are moved onto the redacted text, so line, column and
// highlighting stay right.
//
// Pipeline position: between the engine and a report (RedactingSink), or on
// the replies a sample writes. Thread-safety: a Redactor is stateful (the
// mask table); use it from one thread, in input order. HashId() is const and
// may be called from any thread (PipelineOptions::show_value).
#ifndef REPLYLINT_REDACT_REDACT_H_
#define REPLYLINT_REDACT_REDACT_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "replylint/engine.h"

namespace replylint {

// Checksums of the numbers redaction masks (exposed for tests).
bool CardChecksum(std::string_view text);   // Luhn over 13-19 digits
bool IbanChecksum(std::string_view text);   // ISO 13616 mod 97
bool SnilsChecksum(std::string_view text);  // СНИЛС control number
bool Ipv4Address(std::string_view text);    // four parts 0-255

class Redactor {
 public:
  // `key` keys the hash that replaces conversation ids and team names; empty:
  // a random key for this run (ids cannot be guessed back, and a second run
  // does not link its reports to this one's).
  explicit Redactor(std::string key = "");
  ~Redactor();
  // The masked form of an id or team name: stable within the Redactor.
  std::string HashId(const char* kind, const std::string& value) const;

  // Redacts the conversation and the results of its replies in place.
  void Redact(Conversation* c, ConversationResult* result);

 private:
  struct Names;
  struct Edit {
    size_t start, end;
    std::string mask;
  };
  // `min_id`: ids shorter than this are left in the text.
  std::vector<Edit> FindEdits(std::string_view text, Lang lang, const Names& names, size_t min_id);
  std::string Apply(std::string_view text, const std::vector<Edit>& edits) const;
  std::string RedactString(std::string_view text, Lang lang, const Names& names, size_t min_id);
  std::string Mask(std::map<std::string, int>* table, const char* kind, const std::string& key);

  std::map<std::string, int> names_, emails_, phones_, others_;
  std::string key_;
};

// A sink that redacts every conversation before handing it to `next`.
class RedactingSink : public ResultSink {
 public:
  RedactingSink(ResultSink* next, std::string key) : next_(next), redactor_(std::move(key)) {}
  // For PipelineOptions::show_value: the ids warnings show are the hashes
  // the report shows. Valid while the sink lives.
  ShowValue HashIds() const {
    return [this](const char* kind, const std::string& value) { return redactor_.HashId(kind, value); };
  }
  void OnConversation(const Conversation& conversation, const ConversationResult& result) override;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override {
    next_->OnRejected(source, line, error);
  }
  void OnProgress(const PipelineStats& so_far) override { next_->OnProgress(so_far); }
  void OnWarning(const std::string& warning) override { next_->OnWarning(warning); }
  void OnFileError(const std::string& error) override { next_->OnFileError(error); }

 private:
  ResultSink* next_;
  Redactor redactor_;
};

}  // namespace replylint

#endif  // REPLYLINT_REDACT_REDACT_H_
