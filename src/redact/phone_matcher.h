// libphonenumber's PhoneNumberMatcher behind a plain interface: the module
// replylint-phones.so (phone_matcher_libphonenumber.cc, loaded by
// base/module.h), so only the commands that redact load libphonenumber,
// protobuf and Abseil. phones.h judges the candidates.
//
// Thread-safety: match() may be called from any thread.
#ifndef REPLYLINT_REDACT_PHONE_MATCHER_H_
#define REPLYLINT_REDACT_PHONE_MATCHER_H_

#include <cstddef>
#include <string>
#include <vector>

namespace replylint {

// A candidate the matcher found.
struct PhoneCandidate {
  size_t start = 0, length = 0;  // bytes of the text
  bool valid = false;            // a valid number of its region (PhoneNumberUtil::IsValidNumber)
  std::string e164;              // the number in E.164 (+79123456789)
};

// The module's table (base/module.h).
struct PhoneModule {
  static constexpr int kAbi = 1;  // bump when anything in this header changes
  int abi;
  // The candidates in `text` in the national formats of `region` ("RU"),
  // with the leniency POSSIBLE (numbers the metadata does not call valid
  // are found too), in order.
  std::vector<PhoneCandidate> (*match)(const std::string& text, const char* region);
};

}  // namespace replylint

// The module's entry: weak, so it is null in a program that does not link
// phone_matcher_libphonenumber.cc and the module is loaded instead.
extern "C" const replylint::PhoneModule* replylint_phone_module() __attribute__((weak));

#endif  // REPLYLINT_REDACT_PHONE_MATCHER_H_
