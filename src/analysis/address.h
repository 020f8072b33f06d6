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
#include <string>
#include <vector>

#include "lexicon/given_names.h"
#include "replylint/model.h"
#include "rules/address_lexicon.h"
#include "text/message_text.h"

namespace replylint {

struct AddressTerm {
  enum class Kind { kGreeting, kVocative, kTitle };
  Kind kind = Kind::kVocative;
  std::vector<Span> names;  // capitalised words in address position, in order
  Span title;               // the gendered address word; empty when none
  Gender title_gender = Gender::kUnknown;
  std::string counterpart;  // the title of the other gender ("уважаемая")
  // For a greeting: where an address right after it would start ("Hello |Admin,").
  size_t after_greeting = 0;
};

// What the conversation tells about the customer.
struct CustomerProfile {
  std::string given;   // the customer's own form of the given name; may be empty
  std::string source;  // where it came from: "customer.name" or "text"
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
  // The first one or two bytes of a set of phrases: most words start none of
  // them and are passed over without comparing any phrase (every word of
  // every message is tried as a title, a greeting and a closing).
  class Starts {
   public:
    void Add(std::string_view phrase);
    bool MayStartAt(std::string_view folded, size_t pos) const {
      if (any_) return true;
      if (pos >= folded.size()) return false;
      const auto b0 = static_cast<unsigned char>(folded[pos]);
      if (one_[b0]) return true;
      return pos + 1 < folded.size() && two_[b0 << 8 | static_cast<unsigned char>(folded[pos + 1])];
    }

   private:
    bool any_ = false;  // an empty phrase starts anywhere
    std::bitset<256> one_;
    std::bitset<65536> two_;
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
  Starts title_starts_;
};

}  // namespace replylint

#endif  // REPLYLINT_ANALYSIS_ADDRESS_H_
