// A quick necessary condition for Hunspell dictionaries to accept a word,
// for dictionaries whose forms are a stem less what a suffix rule strips,
// with a prefix and a suffix added: prefix rules that strip nothing, no
// compounds but of entries with digits (en_US's 1st, 22nd), no input
// conversion of letters. Debian's ru_RU, en_US and en_GB are such.
//
// Every word such a dictionary accepts is, in lower case, x + p + y where x
// is empty or what a prefix rule adds, y empty or what a suffix rule adds,
// and p the start of a dictionary stem. MayAccept() tests exactly that (a
// sorted stem list and the sets of affix texts), several times faster than
// Hunspell::spell(); a false answer is final, a true one still goes to
// Hunspell. The spelling rule uses it to skip most of the few hundred
// candidate corrections it tries for each misspelt word, so its suggestions
// and verdicts stay Hunspell's.
//
// Thread-safety: immutable after Create(); MayAccept() is const.
#ifndef REPLYLINT_CHECKS_AFFIX_FORMS_H_
#define REPLYLINT_CHECKS_AFFIX_FORMS_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/string_hash.h"

namespace replylint {

class AffixForms {
 public:
  // The texts of an .aff file and of the .dic files that use its flags (a
  // dictionary and its add-ons).
  struct Dictionary {
    std::string_view aff;
    std::vector<std::string_view> dics;
  };
  // A word any of `dictionaries` accepts passes. Null when an .aff uses what
  // the condition does not model (see above): use Hunspell alone then.
  static std::unique_ptr<AffixForms> Create(const std::vector<Dictionary>& dictionaries);

  // False only when no dictionary can accept `word` in any case form. A
  // word with anything but letters (a hyphen Hunspell splits at, an
  // apostrophe, a digit) is always true.
  bool MayAccept(std::u32string_view word) const;

  // True when a dictionary stem starts with `word` (in lower case) and is
  // at least `more` letters longer: «пикс» starts «пиксель».
  bool StartsLongerStem(std::u32string_view word, size_t more) const;

  size_t stem_count() const { return starts_.size(); }

  // `word` as stems are compared: in lower case, a byte a letter (see Code()
  // in affix_forms.cc).
  static std::string Key(std::u32string_view word);
  // Calls f(key) for every stem, as Key() writes it, in the files' order.
  template <typename F>
  void ForEachStem(F&& f) const {
    for (uint32_t i = 0; i < starts_.size(); ++i) f(Stem(i));
  }

 private:
  using Set = std::unordered_set<std::string, StringHash, std::equal_to<>>;
  // Words are compared in lower case, a byte a letter (see Code()): sorting
  // 150 000 stems then costs a tenth of sorting them as UTF-32.
  static std::string Encode(std::string_view utf8);
  static void EncodeTo(std::string_view utf8, std::string* out);
  size_t LowerBound(std::string_view p) const;  // the place in sorted_ of the first stem not below p
  bool IsStemStart(std::string_view p) const;
  std::string_view Stem(uint32_t i) const { return std::string_view(pool_).substr(starts_[i], lengths_[i]); }
  void Sort() const;

  // The encoded stems, one after the other in pool_, in the files' order.
  std::string pool_;
  std::vector<uint32_t> starts_;
  std::vector<uint8_t> lengths_;
  // The stems by their first byte: by_first_[first_at_[b] .. first_at_[b + 1]).
  std::vector<uint32_t> by_first_;
  std::vector<uint32_t> first_at_;
  // The stems in sorted order, for MayAccept(): sorting them costs several
  // times reading them, so it waits for the first call (StartsLongerStem,
  // all the spelling rule asks when its compiled lexicon answers the rest,
  // needs only by_first_).
  mutable std::once_flag sorted_once_;
  mutable std::vector<uint32_t> sorted_;
  Set prefixes_, suffixes_;  // encoded, "" included
  size_t longest_prefix_ = 0, longest_suffix_ = 0;
};

}  // namespace replylint

#endif  // REPLYLINT_CHECKS_AFFIX_FORMS_H_
