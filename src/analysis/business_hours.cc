#include "analysis/business_hours.h"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <string>

namespace replylint {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil), so an RFC 3339 time needs no time zone library.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr int kMaxDays = 3700;  // about ten years

}  // namespace

std::optional<int64_t> ParseRfc3339(std::string_view s) {
  auto num = [&](size_t at, size_t n, int lo, int hi, int* out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      v = v * 10 + (s[k] - '0');
    }
    *out = v;
    return v >= lo && v <= hi;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!(num(0, 4, 0, 9999, &y) && s.size() > 19 && s[4] == '-' && num(5, 2, 1, 12, &mo) && s[7] == '-' &&
        num(8, 2, 1, 31, &d) && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && num(11, 2, 0, 23, &h) &&
        s[13] == ':' && num(14, 2, 0, 59, &mi) && s[16] == ':' && num(17, 2, 0, 60, &se))) {
    return std::nullopt;
  }
  size_t i = 19;
  int64_t ms = 0;
  if (s[i] == '.') {
    const size_t digits = ++i;
    int64_t scale = 100;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10) ms += (s[i] - '0') * scale;
    if (i == digits || i >= s.size()) return std::nullopt;
  }
  int64_t offset = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    if (i + 1 != s.size()) return std::nullopt;
  } else {
    int oh = 0, om = 0;
    if (!((s[i] == '+' || s[i] == '-') && i + 6 == s.size() && num(i + 1, 2, 0, 23, &oh) && s[i + 3] == ':' &&
          num(i + 4, 2, 0, 59, &om))) {
      return std::nullopt;
    }
    offset = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  }
  // A leap second (:60) counts as the next second's start.
  const int64_t secs = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
  return secs * 1000 + ms;
}

BusinessHours::BusinessHours() = default;
BusinessHours::~BusinessHours() = default;
BusinessHours::BusinessHours(BusinessHours&&) noexcept = default;
BusinessHours& BusinessHours::operator=(BusinessHours&&) noexcept = default;

StatusOr<BusinessHours> BusinessHours::Create(const ScheduleSpec& spec) {
  BusinessHours out;
  if (spec.zone.empty()) return out;
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(spec.zone);
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
  // ICU answers an unknown name with a zone it calls "Etc/Unknown" (GMT).
  if (tz == nullptr || *tz == icu::TimeZone::getUnknown()) {
    return Status::InvalidArgument(spec.zone_where + ": schedule.zone: \"" + spec.zone +
                                   "\" is not a time zone ICU knows (an IANA name such as Europe/Moscow, "
                                   "America/New_York or UTC)");
  }
  UErrorCode status = U_ZERO_ERROR;
  auto cal = std::make_unique<icu::GregorianCalendar>(tz.release(), status);  // adopts the zone
  if (U_FAILURE(status)) {
    return Status::Internal(spec.zone_where + ": ICU could not make a calendar: " + u_errorName(status));
  }
  // A working hour that a DST change skips (02:30 on a spring-forward night)
  // counts from the moment after the change; a repeated hour, from its first
  // occurrence: the customer waits through whatever the wall clock shows.
  cal->setSkippedWallTimeOption(UCAL_WALLTIME_NEXT_VALID);
  cal->setRepeatedWallTimeOption(UCAL_WALLTIME_FIRST);
  out.spec_ = spec;
  out.calendar_ = std::move(cal);
  return out;
}

int64_t BusinessHours::Seconds(int64_t from_ms, int64_t to_ms) const {
  if (to_ms <= from_ms) return 0;
  if (!calendar_) return (to_ms - from_ms) / 1000;
  std::unique_ptr<icu::Calendar> cal(calendar_->clone());
  UErrorCode st = U_ZERO_ERROR;
  cal->setTime(static_cast<UDate>(from_ms), st);
  int y = cal->get(UCAL_YEAR, st), m = cal->get(UCAL_MONTH, st), d = cal->get(UCAL_DATE, st);
  if (U_FAILURE(st)) return (to_ms - from_ms) / 1000;
  // The instant of a local wall-clock time on the date (y, m, d); minutes may
  // be 1440 (24:00, the next day's midnight).
  // Set as wall-clock fields, never added as minutes: on a DST day 09:00 is
  // not 540 minutes after midnight. The calendar is lenient, so day d + 1
  // rolls over into the next month.
  auto at = [&](int minutes) -> int64_t {
    cal->clear();
    if (minutes >= 1440) {
      cal->set(y, m, d + 1, 0, 0, 0);
    } else {
      cal->set(y, m, d, minutes / 60, minutes % 60, 0);
    }
    return static_cast<int64_t>(cal->getTime(st));
  };
  int64_t total_ms = 0;
  for (int day = 0; day < kMaxDays; ++day) {
    const int64_t midnight = at(0);
    if (U_FAILURE(st) || midnight >= to_ms) break;
    cal->clear();
    cal->set(y, m, d);
    const int weekday = (cal->get(UCAL_DAY_OF_WEEK, st) + 5) % 7;  // ICU: 1 = Sunday; ours: 0 = Monday
    const int32_t date = y * 10000 + (m + 1) * 100 + d;
    const auto& hol = spec_.holidays;
    auto h = std::upper_bound(hol.begin(), hol.end(), std::make_pair(date, INT32_MAX));
    const bool holiday = h != hol.begin() && std::prev(h)->second >= date;
    if (!holiday) {
      for (const auto& [open, close] : spec_.week[weekday]) {
        const int64_t a = std::max(from_ms, at(open));
        const int64_t b = std::min(to_ms, at(close));
        if (b > a) total_ms += b - a;
      }
    }
    // The next local date.
    cal->clear();
    cal->set(y, m, d);
    cal->add(UCAL_DATE, 1, st);
    y = cal->get(UCAL_YEAR, st), m = cal->get(UCAL_MONTH, st), d = cal->get(UCAL_DATE, st);
  }
  return total_ms / 1000;
}

}  // namespace replylint
