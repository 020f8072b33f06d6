// replylint-phones.so: phone number candidates from libphonenumber
// (phone_matcher.h).
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include "redact/phone_matcher.h"

namespace replylint {
namespace {

using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

std::vector<PhoneCandidate> Match(const std::string& text, const char* region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::vector<PhoneCandidate> out;
  // At most 1000 tries: the matcher's own bound on a text full of digits.
  PhoneNumberMatcher matcher(util, text, region, PhoneNumberMatcher::POSSIBLE, 1000);
  PhoneNumberMatch m;
  while (matcher.HasNext() && matcher.Next(&m)) {
    PhoneCandidate c;
    c.start = static_cast<size_t>(m.start());
    c.length = static_cast<size_t>(m.length());
    c.valid = util.IsValidNumber(m.number());
    util.Format(m.number(), PhoneNumberUtil::E164, &c.e164);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace
}  // namespace replylint

extern "C" __attribute__((visibility("default"))) const replylint::PhoneModule* replylint_phone_module() {
  static const replylint::PhoneModule kModule{replylint::PhoneModule::kAbi, &replylint::Match};
  return &kModule;
}
