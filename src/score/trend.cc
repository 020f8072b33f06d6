#include "score/trend.h"

#include <cstdio>

#include "base/rfc3339.h"

namespace replylint {
namespace {

struct Civil {
  int64_t year;
  unsigned month, day;
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
// civil_from_days, public domain).
Civil FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

// Days since 1970-01-01 of a date (days_from_civil).
int64_t ToDays(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

}  // namespace

std::string_view PeriodName(Period p) {
  switch (p) {
    case Period::kDay:
      return "day";
    case Period::kWeek:
      return "week";
    case Period::kMonth:
      return "month";
  }
  return "";
}

std::optional<Period> ParsePeriod(std::string_view s) {
  for (Period p : {Period::kDay, Period::kWeek, Period::kMonth}) {
    if (s == PeriodName(p)) return p;
  }
  return std::nullopt;
}

std::string PeriodOfMs(int64_t ms, Period p) {
  const int64_t days = FloorDiv(ms, 86400000);
  char buf[48];  // room for two 64-bit numbers, so no output is cut short
  if (p == Period::kWeek) {
    // ISO 8601: the week belongs to the year of its Thursday.
    const int64_t monday_based = FloorDiv(days + 3, 7) * 7 - 3;  // the Monday on or before `days`
    const int64_t thursday = monday_based + 3;
    const Civil t = FromDays(thursday);
    const int64_t week = (thursday - ToDays(t.year, 1, 1)) / 7 + 1;
    std::snprintf(buf, sizeof buf, "%04lld-W%02lld", static_cast<long long>(t.year), static_cast<long long>(week));
    return buf;
  }
  const Civil c = FromDays(days);
  if (p == Period::kMonth) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u", static_cast<long long>(c.year), c.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
  }
  return buf;
}

std::optional<std::string> PeriodOf(std::string_view at, Period p) {
  const auto t = ParseWrittenTime(at);
  if (!t) return std::nullopt;
  return PeriodOfMs(t->ms, p);
}

void Trends::Add(const ReplyKeys& keys, std::string_view at, int score, int stars, bool failing) {
  const auto label = PeriodOf(at, period_);
  if (!label) {
    ++no_date_;
    return;
  }
  for (TrendSeries* s : {&all_, &agents_[std::string(keys.agent)], &teams_[std::string(keys.team)]}) {
    TrendCell& c = (*s)[*label];
    ++c.replies;
    c.score_sum += score;
    c.stars_sum += stars;
    c.failing += failing;
  }
}

const std::map<std::string, TrendSeries>& Trends::By(GroupBy g) const {
  return g == GroupBy::kAgent ? agents_ : g == GroupBy::kTeam ? teams_ : none_;
}

}  // namespace replylint
