#include "analysis/business_hours.h"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <string>

namespace replylint {
namespace {

// A wait longer than this is late against any service level; the bound
// keeps a hostile timestamp (years apart) from costing thousands of days of
// calendar arithmetic per reply.
constexpr int kMaxDays = 400;

}  // namespace

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

int64_t BusinessHours::Instant(int64_t wall_ms) const {
  if (!calendar_) return wall_ms;
  int32_t raw = 0, dst = 0;
  UErrorCode st = U_ZERO_ERROR;
  calendar_->getTimeZone().getOffset(static_cast<UDate>(wall_ms), true, raw, dst, st);
  return U_FAILURE(st) ? wall_ms : wall_ms - raw - dst;
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
