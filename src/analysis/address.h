// Where a reply addresses the customer, and who the customer is.
//
// Pipeline position: between the text layer and the checks. The engine runs
// it once per conversation and hands the result to every check, so the four
// name rules (name-form, wrong-name, gender-agreement, suspicious-name) share
// one reading of "addressing the customer" (contract §3): a name in the
// greeting line («Здравствуйте, Саша!», "Hi Bob,"), a vocative set off by
// commas («Саша, подскажите…», "Thanks, Bob."), or after an address word
// («Уважаемый …», "Dear …"). Names in other roles — the agent's own name, a
// colleague («Иван, наш специалист, …»), quoted text, the signature — are not
// addressing.
// Thread-safety: AddressFinder is immutable after construction; Find() and
// Profile() are const and thread-safe.
#ifndef REPLYLINT_ANALYSIS_ADDRESS_H_
#define REPLYLINT_ANALYSIS_ADDRESS_H_

#include <bitset>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "lexicon/given_names.h"
#include "replylint/model.h"
#include "rules/address_lexicon.h"
#include "text/message_text.h"

namespace replylint {

struct AddressTerm {
  // kTrailing: a name closing a sentence without a comma ("…than you think
  // Clare.", «Спасибо за ожидание Саша!»), only for a known given name. A
  // third person stands there too
  // ("…passed it on to our Claire."), so the name rules take it for an
  // address only when it is a form or a misspelling of the customer's own
  // name, never for somebody else's.
  enum class Kind { kGreeting, kVocative, kTitle, kTrailing };
  Kind kind = Kind::kVocative;
  std::vector<Span> names;  // capitalised words in address position, in order
  Span title;               // the gendered address word; empty when none
  Gender title_gender = Gender::kUnknown;
  std::string counterpart;  // the title of the other gender ("уважаемая")
  bool surname_title = false;  // the title goes before a surname ("Ms. Kim"; `surname_titles:`)
  // For a greeting: where an address right after it would start ("Hello |Admin,").
  size_t after_greeting = 0;
};

// What the conversation tells about the customer.
struct CustomerProfile {
  std::string given;   // the customer's own form of the given name; may be empty
  std::vector<std::string> surnames;  // the other words of customer.name ("Kim" of "Grace Kim")
  std::string source;                 // where it came from: "customer.name", "text" or "handle"
  // The given name was read from the customer's handle or display name
  // ("@ClareM", "Clare Moss" as the author of their messages) — it may be a
  // nickname or a brand, so findings that rest on it are suggestions, and
  // only a form or misspelling of it is judged (see `handle`).
  bool low_confidence = false;
  std::string handle;  // the handle or display name it came from
  Gender gender = Gender::kUnknown;
  std::string gender_evidence;  // e.g. «я оформила», "name: Анастасия"
};

class AddressFinder {
 public:
  explicit AddressFinder(const AddressLexicon& lexicon);

  // Address terms in an agent message. `agent_name` is the author's display
  // name: in the sign-off area that name is the agent's, not the customer's.
  // The message is read in its visible form (text/visible.h: «Алекс\u200Bандра»
  // is one name); spans are offsets into text.text().
  std::vector<AddressTerm> Find(const MessageText& text, const std::string& agent_name) const;

  // The customer's own name form and gender, from customer.name and the
  // customer's messages (`texts` are the prepared texts of all messages).
  CustomerProfile Profile(const Conversation& c, const std::vector<MessageText>& texts) const;

 private:
  struct Title {
    std::string folded;
    Gender gender;
    std::string counterpart;
  };
  // The first one or two bytes of a list of phrases: most words start none
  // of them and are passed over without comparing any phrase (every word of
  // every message is tried as a title, a greeting and a closing), and the
  // others are compared only with the phrases that begin as they do.
  class Starts {
   public:
    // Phrases are added in the list's order.
    void Add(std::string_view phrase);
    bool MayStartAt(std::string_view folded, size_t pos) const {
      if (any_) return true;
      if (pos >= folded.size()) return false;
      const auto b0 = static_cast<unsigned char>(folded[pos]);
      if (one_[b0]) return true;
      return pos + 1 < folded.size() && two_[Key(folded, pos)];
    }
    // Indexes of the phrases that may start at `pos`, in the list's order:
    // those of its first two bytes, or every one when the list has a phrase
    // shorter than that. REQUIRES: MayStartAt(folded, pos).
    std::span<const uint32_t> At(std::string_view folded, size_t pos) const;

   private:
    static uint16_t Key(std::string_view s, size_t pos) {
      return static_cast<uint16_t>(static_cast<unsigned char>(s[pos]) << 8 | static_cast<unsigned char>(s[pos + 1]));
    }
    bool any_ = false;  // an empty phrase starts anywhere
    std::bitset<256> one_;
    std::bitset<65536> two_;
    std::vector<uint32_t> all_;  // 0, 1, ... : every phrase
    // Phrases of two bytes or more by their first two: sorted by key, and
    // within a key by index (in `indexes_`, parallel).
    std::vector<uint16_t> keys_;
    std::vector<uint32_t> indexes_;
  };
  struct PhraseList {
    std::vector<std::string> phrases;  // folded, longest first (both languages)
    Starts starts;
  };
  static PhraseList MakeList(std::vector<std::string> phrases);
  // Find() on a text with nothing invisible in it (see text/visible.h).
  std::vector<AddressTerm> FindVisible(const MessageText& text, const std::string& agent_name) const;
  // Length of the phrase of `list` that starts `folded` at `pos` and ends at a
  // word edge; 0 when none does.
  static size_t MatchPhrase(const PhraseList& list, std::string_view folded, size_t pos);
  const Title* MatchTitle(std::string_view folded, size_t pos, size_t* len) const;

  PhraseList greetings_;
  PhraseList closings_;
  PhraseList nouns_;
  PhraseList descriptors_;
  PhraseList roles_;
  std::vector<Title> titles_;  // longest first
  std::set<std::string, std::less<>> surname_titles_;  // folded
  Starts title_starts_;
};

}  // namespace replylint

#endif  // REPLYLINT_ANALYSIS_ADDRESS_H_
