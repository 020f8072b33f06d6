// Phone numbers in free text, for redaction (redact.h): Google's
// libphonenumber (Debian's libphonenumber-dev) finds the candidates with its
// PhoneNumberMatcher (in the module replylint-phones.so, phone_matcher.h), which knows every country's national formats
// (8 (912) 345-67-89, (555) 123-4567, 020 7946 0958); this module decides
// which of them are phone numbers rather than order numbers, amounts, dates
// or times.
//
// The text is normalised for matching (dashes and the minus sign as '-',
// non-breaking and thin spaces as ' ', digits of any script as ASCII,
// fullwidth + ( ) as ASCII, soft hyphens and zero-width characters dropped),
// and every span is a byte range of the original text.
//
// A candidate is a phone number when it has 10 to 15 digits, is not part of
// a word, a longer number, a date or a time, is not grouped in thousands
// like an amount, and is either a valid number of the region or written the
// way people write numbers (with +, brackets or separators between digit
// groups); a number right after «заказ», "order", "№", "#" and the like is
// that thing's number unless it starts with +. So a 6-8 digit order number,
// 12.03.2024, 10:30 and 12 500 руб. stay readable.
//
// Thread-safety: FindPhones is safe to call from any thread.
#ifndef REPLYLINT_REDACT_PHONES_H_
#define REPLYLINT_REDACT_PHONES_H_

#include <string>
#include <string_view>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"

namespace replylint {

struct PhoneSpan {
  size_t start = 0, end = 0;  // byte offsets into the original text
  std::string e164;           // the number in E.164 (+79123456789): one key for every notation
};

// Whether a letter or digit of any script ends just before byte `i` of the
// UTF-8 text `s` / starts at byte `i`: the edges of a token of its own.
bool AlnumBefore(std::string_view s, size_t i);
bool AlnumAt(std::string_view s, size_t i);

// The regions whose national formats are tried, in order: the language's
// own first (RU for Russian; US, then GB for English), then the others, so
// a Russian number in an English reply is still found.
std::vector<const char*> PhoneRegions(Lang lang);

// Loads the matcher's module. Every command that redacts calls this before
// it reads input; errors: the module is missing or from another build.
Status LoadPhoneMatcher();

// The phone numbers in `text`, in order, not overlapping. REQUIRES:
// LoadPhoneMatcher() succeeded (else the program stops with its error:
// redaction never leaves a phone number in).
std::vector<PhoneSpan> FindPhones(std::string_view text, Lang lang);

}  // namespace replylint

#endif  // REPLYLINT_REDACT_PHONES_H_
