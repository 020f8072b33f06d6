#include "redact/phones.h"

#include <re2/re2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/module.h"
#include "base/utf8.h"
#include "redact/phone_matcher.h"

namespace replylint {
namespace {

// Fewer digits is a local number, an order or a date; more is no E.164
// number (a card, an account).
constexpr int kMinDigits = 10;
constexpr int kMaxDigits = 15;

// The text the matcher reads, and for each of its bytes the original
// character's range, so a match maps back onto the original bytes.
struct Normalised {
  std::string text;
  std::vector<uint32_t> from, to;
  int digits = 0;
};

Normalised Normalise(std::string_view s) {
  Normalised n;
  n.text.reserve(s.size());
  n.from.reserve(s.size());
  n.to.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(s, &i);
    auto put = [&](char ch) {
      n.text += ch;
      n.from.push_back(static_cast<uint32_t>(at));
      n.to.push_back(static_cast<uint32_t>(i));
    };
    if (c < 0x80) {
      if (c >= '0' && c <= '9') ++n.digits;
      put(static_cast<char>(c));
      continue;
    }
    const auto u = static_cast<UChar32>(c);
    if (c == 0xFFFD) {
      put('?');                                            // ill-formed bytes never reach the matcher
    } else if (u_charType(u) == U_DECIMAL_DIGIT_NUMBER) {  // fullwidth ８, Arabic-Indic ٨
      ++n.digits;
      put(static_cast<char>('0' + u_charDigitValue(u)));
    } else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D) {
      put('-');  // hyphens, en and em dashes, the minus sign
    } else if (c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000) {
      put(' ');  // non-breaking, thin and other fixed-width spaces
    } else if (c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) {
      // soft hyphen, zero-width characters: nothing
    } else if (c == 0xFF0B) {
      put('+');
    } else if (c == 0xFF08) {
      put('(');
    } else if (c == 0xFF09) {
      put(')');
    } else if (c == 0xFF0E) {
      put('.');
    } else {
      for (size_t k = at; k < i; ++k) {
        n.text += s[k];
        n.from.push_back(static_cast<uint32_t>(at));
        n.to.push_back(static_cast<uint32_t>(i));
      }
    }
  }
  return n;
}

bool Digit(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }
bool Separator(char ch) { return ch == ' ' || ch == '-' || ch == '.'; }

int CountDigits(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; }));
}

// 12.03.2024, 2024-03-12, 03/12/24: a date the matcher may take for a number.
const RE2& DatePattern() {
  static const RE2 re(
      "(?:^|[^0-9])(?:[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}|[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2})(?:$|[^0-9])");
  return re;
}
// 1 234 567 890, 1,234,567,890: an amount.
const RE2& ThousandsPattern() {
  static const RE2 re("[0-9]{1,3}(?:[ ,.][0-9]{3}){3,}");
  return re;
}
// The number of something else: «заказ», "order", № and # before it.
const RE2& OtherNumberBefore() {
  static const RE2 re(
      "(?i:№|#|(?:заказ\\pL*|order|invoice|ticket|тикет\\pL*|трек\\pL*|tracking|booking|reference|ref|"
      "сч[её]т\\pL*|account|инн|договор\\pL*|contract|накладн\\pL*)"
      "(?:[^\\pL\\pN]{0,3}(?:id|number|no|num|номер|№|#))?)[^\\pL\\pN]{0,4}$");
  return re;
}

// Why a candidate of the matcher is, or is not, a phone number (header).
bool IsPhone(const PhoneCandidate& c, std::string_view text, size_t start, size_t end) {
  const std::string_view raw = text.substr(start, end - start);
  const int digits = CountDigits(raw);
  if (digits < kMinDigits || digits > kMaxDigits) return false;
  if (AlnumBefore(text, start) || AlnumAt(text, end)) return false;
  // Part of a longer number: a digit one separator away.
  if (start >= 2 && Separator(text[start - 1]) && Digit(text, start - 2)) return false;
  if (end + 1 < text.size() && Separator(text[end]) && Digit(text, end + 1)) return false;
  // A time: 12.03.2024 10:30 is read as far as "10".
  if (end + 1 < text.size() && text[end] == ':' && Digit(text, end + 1)) return false;
  if (start >= 2 && text[start - 1] == ':' && Digit(text, start - 2)) return false;
  if (RE2::PartialMatch(re2::StringPiece(raw.data(), raw.size()), DatePattern())) return false;
  if (raw[0] != '+') {
    const size_t from = start > 40 ? start - 40 : 0;
    size_t b = from;
    while (b < start && (static_cast<unsigned char>(text[b]) & 0xc0) == 0x80) ++b;  // a whole character
    const std::string_view before = text.substr(b, start - b);
    if (RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), OtherNumberBefore())) return false;
  }
  // Grouped in thousands: an amount, even where it also reads as a valid
  // number (1 234 567 890 is a Bedford number in Britain).
  if (raw[0] != '+' && RE2::FullMatch(re2::StringPiece(raw.data(), raw.size()), ThousandsPattern())) return false;
  if (c.valid) return true;
  // Not a number of the region: only a written-out phone number counts.
  bool grouped = raw[0] == '+' || raw.find('(') != std::string_view::npos;
  for (size_t i = 1; i + 1 < raw.size() && !grouped; ++i) {
    grouped = Digit(raw, i - 1) && Separator(raw[i]) && Digit(raw, i + 1);
  }
  return grouped;
}

// Whether kMinDigits digits come together with only what numbers are
// written with between them (the matcher is slow, and most texts with
// digits hold only dates, times, amounts and short order numbers).
bool DigitRun(std::string_view s) {
  static constexpr std::string_view kBetween = " -.()/+";
  int digits = 0, gap = 0;
  for (char ch : s) {
    if (ch >= '0' && ch <= '9') {
      if (++digits >= kMinDigits) return true;
      gap = 0;
    } else if (kBetween.find(ch) == std::string_view::npos || ++gap > 3) {
      digits = gap = 0;
    }
  }
  return false;
}

const StatusOr<const PhoneModule*>& Module() {
  static const StatusOr<const PhoneModule*> module =
      LoadModule<PhoneModule>("phones", "replylint_phone_module", replylint_phone_module);
  return module;
}

}  // namespace

Status LoadPhoneMatcher() { return Module().status(); }

bool AlnumBefore(std::string_view s, size_t i) {
  if (i == 0) return false;
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xc0) == 0x80) --j;
  return u_isalnum(static_cast<UChar32>(DecodeUtf8(s, &j)));
}
bool AlnumAt(std::string_view s, size_t i) {
  return i < s.size() && u_isalnum(static_cast<UChar32>(DecodeUtf8(s, &i)));
}

std::vector<const char*> PhoneRegions(Lang lang) {
  if (lang == Lang::kEn) return {"US", "GB", "RU"};
  return {"RU", "US", "GB"};
}

std::vector<PhoneSpan> FindPhones(std::string_view text, Lang lang) {
  std::vector<PhoneSpan> out;
  Normalised n = Normalise(text);
  if (n.digits < kMinDigits || !DigitRun(n.text)) return out;  // most texts: no matcher at all
  n.from.push_back(static_cast<uint32_t>(text.size()));
  if (!Module().ok()) {
    // Redaction that silently left phone numbers in would leak them; every
    // command that redacts calls LoadPhoneMatcher() first.
    std::fprintf(stderr, "replylint: %s\n", Module().status().message().c_str());
    std::abort();
  }
  std::vector<std::pair<size_t, size_t>> taken;  // normalised spans
  for (const char* region : PhoneRegions(lang)) {
    // POSSIBLE: the national formats of numbers the metadata does not call
    // valid ((555) 123-4567) are found too; IsPhone() does the judging.
    for (const PhoneCandidate& c : (*Module())->match(n.text, region)) {
      size_t start = c.start;
      size_t end = start + c.length;
      // Another region's matcher may leave out the trunk prefix or country
      // code ("8 " of 8 912 345 67 89 read as a US number): keep it in.
      size_t b = start;
      if (b >= 2 && Separator(n.text[b - 1]) && Digit(n.text, b - 2)) {
        size_t k = b - 1;
        while (k > 0 && Digit(n.text, k - 1) && b - k <= 3) --k;
        if (k > 0 && n.text[k - 1] == '+') --k;
        if (!AlnumBefore(n.text, k)) start = k;
      }
      if (!IsPhone(c, n.text, start, end)) continue;
      if (std::any_of(taken.begin(), taken.end(), [&](auto& t) { return start < t.second && t.first < end; })) continue;
      taken.emplace_back(start, end);
      out.push_back({n.from[start], n.to[end - 1], c.e164});
    }
  }
  std::sort(out.begin(), out.end(), [](const PhoneSpan& a, const PhoneSpan& b) { return a.start < b.start; });
  return out;
}

}  // namespace replylint
