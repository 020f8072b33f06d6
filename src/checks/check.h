// The check interface: one class per rule family, constructed once from its
// RuleSpec (which validates and compiles its parameters) and then run on
// every agent message.
//
// Pipeline position: after the text layer, before scoring. A check reads the
// conversation and the prepared texts and appends Findings with spans in
// MessageText::text() offsets; the engine maps them back to the original
// bytes and sorts them.
// Thread-safety: a Check is immutable after construction and Run() is const,
// so one check serves every worker thread. Per-thread state comes in through
// the MessageContext: the ICU iterators (segmenter), and the check's own
// scratch object — a check that needs costly per-thread objects (Hunspell
// handles, caches) overrides NewScratch(); each Worker makes one per check on
// the check's first message in that thread and hands it back as
// MessageContext::scratch on every later message.
#ifndef REPLYLINT_CHECKS_CHECK_H_
#define REPLYLINT_CHECKS_CHECK_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/address.h"
#include "analysis/conversation_words.h"
#include "analysis/stock_phrases.h"
#include "analysis/template_index.h"
#include "replylint/engine.h"
#include "replylint/model.h"
#include "replylint/status.h"
#include "rules/rule_spec.h"
#include "text/message_text.h"
#include "text/segmenter.h"

namespace replylint {

// Per-thread mutable state of one check (see Check::NewScratch()).
class CheckScratch {
 public:
  virtual ~CheckScratch() = default;
};

// Everything a check may read about the agent message under review.
struct MessageContext {
  const Conversation& conversation;
  // Prepared text of every message of the conversation, by index.
  const std::vector<MessageText>& texts;
  size_t index;  // the agent message under review
  Segmenter& segmenter;
  const CustomerProfile& customer;            // who the customer is
  const std::vector<AddressTerm>& addresses;  // where this message addresses them
  const std::vector<Token>& tokens;           // of the message's folded text, up to the quoted tail
  const std::vector<StockMatch>& stock;       // stock phrases in the message (see StockPhraseIndex)
  const TemplateIndex* templates;             // the team's template library; null when none is configured
  // Tokens and stems of every message, each made once per conversation:
  // read earlier messages' words here, never by tokenising them again (that
  // made a conversation's time grow with the square of its length).
  const ConversationWords& words;
  // The running check's per-thread state (Check::NewScratch()), or null when
  // the check has none. Owned by the Worker; only this thread touches it.
  CheckScratch* scratch = nullptr;

  const Message& message() const { return conversation.messages[index]; }
  const MessageText& text() const { return texts[index]; }
  // The language findings are written in: the reply's, English when unknown.
  Lang reply_lang() const { return texts[index].lang() == Lang::kRu ? Lang::kRu : Lang::kEn; }
};

// Replaces {key} in `tmpl` with the matching value, and a plural group
// {key, plural, one {# строка} few {# строки} many {# строк} other {# строки}}
// with the case ICU's plural rules of `lang` pick for the value.
std::string FormatMessage(const std::string& tmpl, const std::vector<std::pair<std::string, std::string>>& vars,
                          Lang lang = Lang::kEn);

class CrossCheck;

class Check {
 public:
  explicit Check(const RuleSpec& spec) : spec_(spec) {}
  virtual ~Check() = default;
  Check(const Check&) = delete;
  Check& operator=(const Check&) = delete;

  const RuleSpec& spec() const { return spec_; }
  // Appends findings for ctx's message. REQUIRES: the message is an agent's
  // and spec().AppliesTo(conversation channel).
  virtual void Run(const MessageContext& ctx, std::vector<Finding>* out) const = 0;
  // The check's cross-conversation part, when it has one (see CrossCheck).
  virtual const CrossCheck* cross() const { return nullptr; }
  // The check's per-thread state, made once per worker thread, lazily (so a
  // run that never reaches the check never pays for it); null: none needed.
  virtual std::unique_ptr<CheckScratch> NewScratch() const { return nullptr; }
  // A sample of the text to come (a draft to check): a check may start
  // loading what that text will need, on a thread of its own, while the
  // engine builds the other rules. Optional; Run never depends on it.
  virtual void Prepare(std::string_view /*sample*/) const {}
  // How long the customer waited for agent message `index`, for the check
  // that measures it (response-time); the engine keeps it in
  // MessageResult::response for the figures. nullopt: not measured.
  virtual std::optional<ResponseTime> Response(const Conversation& /*c*/, size_t /*index*/) const {
    return std::nullopt;
  }
  // True for a check whose Response() measures: the engine keeps measuring
  // with it while its rule is off, so the figures do not need the findings.
  virtual bool measures_response() const { return false; }

 protected:
  // A finding of this rule with its message (and suggestion, when the key is
  // not empty) in the reply's language, {placeholders} filled from `vars`.
  Finding Make(const MessageContext& ctx, Span span, const std::string& message_key, const std::string& suggestion_key,
               const std::vector<std::pair<std::string, std::string>>& vars) const;

 private:
  RuleSpec spec_;
};

// One run of a cross-conversation check: fed every analysed agent reply of
// the run in input order, on one thread, with the fingerprint the check took
// of it; may append findings of its rule to the reply.
class CrossRun {
 public:
  virtual ~CrossRun() = default;
  virtual void Add(const Conversation& c, const std::vector<uint32_t>& fingerprint, MessageResult* r) = 0;
};

// A check that also compares replies across conversations (audit and eval):
// Fingerprint() runs with the message on the worker thread, so the costly
// part stays parallel; Start() begins one run. Immutable, like Check.
class CrossCheck {
 public:
  virtual ~CrossCheck() = default;
  // What the run needs to remember of the reply; empty: nothing to compare.
  virtual std::vector<uint32_t> Fingerprint(const MessageContext& ctx) const = 0;
  virtual std::unique_ptr<CrossRun> Start() const = 0;
};

// The index of the first message after the reply that is not a system
// message, or the number of messages when there is none.
size_t NextSpoken(const MessageContext& ctx);
// Whether that message is another agent's: the reply hands the customer over
// («Передаю ваш вопрос коллеге»), and the answer is theirs to give.
bool HandsOver(const MessageContext& ctx);

// Fails when the rule file lacks a message or suggestion text the check uses.
Status RequireTexts(const RuleSpec& spec, const std::vector<std::string>& messages,
                    const std::vector<std::string>& suggestions);

using CheckFactory = std::function<StatusOr<std::unique_ptr<Check>>(const RuleSpec&)>;

// The factory of every implemented rule, by rule id.
const std::map<std::string, CheckFactory>& CheckRegistry();

// Factories, one per rule family file.
StatusOr<std::unique_ptr<Check>> MakeNoReplySenderCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeMissingSignatureCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakePlaceholderCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeChatLengthCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeNameFormCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeWrongNameCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeGenderAgreementCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeSuspiciousNameCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeUnansweredQuestionCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeHandoffIntroCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeSplitNoticeCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeStockPhraseCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeTemplateOveruseCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeSpellingCheck(const RuleSpec& spec);
StatusOr<std::unique_ptr<Check>> MakeResponseTimeCheck(const RuleSpec& spec);

// Where Debian puts the Hunspell dictionaries: spelling.dictionary_dir in
// rules/spelling.yaml (a test keeps the two the same).
inline constexpr const char* kDefaultDictionaryDir = "/usr/share/hunspell";
// Starts loading, on a thread of its own, the dictionaries from
// kDefaultDictionaryDir that `sample` needs (by its main script) and the
// compiled lexicon does not stand for, before the rules are even read; the
// spelling rule takes them when it needs them, if its configuration names
// the same directory. Telling which those are reads the dictionaries' files
// (a few ms), so Engine::Create calls this beside reading the rules.
// Changes no result. Thread-safety: may run beside the rules being built.
void PreloadSpellingDictionaries(std::string_view sample);
// Hunspell takes about as long to free a dictionary as to load most of it
// (100 ms for ru_RU): a process about to end keeps them, and the system
// frees the memory at exit. For the command-line tool, not for a library.
void KeepSpellingDictionariesUntilExit();

}  // namespace replylint

#endif  // REPLYLINT_CHECKS_CHECK_H_
