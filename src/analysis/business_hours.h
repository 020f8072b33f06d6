// Business hours: how much working time lies between two instants under a
// team's schedule (time zone, working hours per weekday, holidays), so that a
// customer who writes on Friday evening is counted as waiting from Monday's
// opening.
//
// Pipeline position: analysis, used by the response-time measurement
// (analysis/response_clock.h). Local dates and times are resolved with ICU's
// time-zone data (the IANA database), so a day of a DST change is 23 or 25
// hours long and working hours keep their wall-clock times.
// Thread-safety: a BusinessHours is immutable after Create(); Seconds() is
// const and works on its own copy of the calendar, so one object serves every
// worker thread.
#ifndef REPLYLINT_ANALYSIS_BUSINESS_HOURS_H_
#define REPLYLINT_ANALYSIS_BUSINESS_HOURS_H_

#include <unicode/uversion.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "base/rfc3339.h"
#include "replylint/status.h"
#include "rules/service_levels.h"

U_NAMESPACE_BEGIN
class Calendar;
U_NAMESPACE_END

namespace replylint {

class BusinessHours {
 public:
  // Around the clock: Seconds() is the plain difference.
  BusinessHours();
  // A schedule; an empty spec.zone means around the clock. Fails, naming
  // spec.zone_where, when ICU does not know the zone.
  static StatusOr<BusinessHours> Create(const ScheduleSpec& spec);
  ~BusinessHours();
  BusinessHours(BusinessHours&&) noexcept;
  BusinessHours& operator=(BusinessHours&&) noexcept;

  bool always() const { return calendar_ == nullptr; }
  // The instant of a wall-clock reading in the schedule's zone (a time the
  // input wrote without a zone offset; see WrittenTime); around the clock,
  // which has no zone, the reading is taken as UTC. A reading a DST change
  // skips or repeats resolves as ICU's TimeZone::getOffset(local) does.
  int64_t Instant(int64_t wall_ms) const;
  // Whole seconds of working time in [from_ms, to_ms); 0 when to_ms <= from_ms.
  // Looks at most 400 days ahead; a longer wait counts its first 400 days.
  int64_t Seconds(int64_t from_ms, int64_t to_ms) const;

 private:
  ScheduleSpec spec_;
  std::unique_ptr<icu::Calendar> calendar_;  // the zone's Gregorian calendar; null: around the clock
};

}  // namespace replylint

#endif  // REPLYLINT_ANALYSIS_BUSINESS_HOURS_H_
