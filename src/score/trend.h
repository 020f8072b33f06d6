// Trends: the audit's figures per calendar period (`--period day|week|month`)
// — replies, mean score, mean stars, failing replies — for everyone, per team
// and per agent, so a QA lead sees whether an agent improved since a
// coaching session or which team slipped this month.
//
// Periods are UTC calendar days (2026-11-20), ISO 8601 weeks starting on
// Monday (2026-W47; the week of 2026-12-31 may be 2026-W53 or 2027-W01, as
// ISO assigns it) and months (2026-11); their labels sort in time order. A
// time without a zone offset is read as UTC, as the date filters read it. A
// reply without a usable `at` is counted as "no date", never dropped.
//
// Pipeline position: score, fed by the audit report with each reply it
// reports. Thread-safety: plain accumulator; one thread.
#ifndef REPLYLINT_SCORE_TREND_H_
#define REPLYLINT_SCORE_TREND_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "score/aggregate.h"

namespace replylint {

enum class Period : uint8_t { kDay, kWeek, kMonth };
std::string_view PeriodName(Period p);
std::optional<Period> ParsePeriod(std::string_view s);

// The period a time falls in, as its label; nullopt when `at` is no time.
std::optional<std::string> PeriodOf(std::string_view at, Period p);
// The same for milliseconds since the epoch (UTC).
std::string PeriodOfMs(int64_t ms, Period p);

struct TrendCell {
  size_t replies = 0;
  int64_t score_sum = 0;
  int64_t stars_sum = 0;
  size_t failing = 0;
  double mean() const { return replies ? static_cast<double>(score_sum) / static_cast<double>(replies) : 0; }
  double mean_stars() const { return replies ? static_cast<double>(stars_sum) / static_cast<double>(replies) : 0; }
  double failing_share() const { return replies ? static_cast<double>(failing) / static_cast<double>(replies) : 0; }
};

// A series: period label -> figures, in time order.
using TrendSeries = std::map<std::string, TrendCell>;

class Trends {
 public:
  explicit Trends(Period period) : period_(period) {}
  void Add(const ReplyKeys& keys, std::string_view at, int score, int stars, bool failing);

  Period period() const { return period_; }
  const TrendSeries& all() const { return all_; }
  // kAgent or kTeam: series by key (sorted); other groups are empty.
  const std::map<std::string, TrendSeries>& By(GroupBy g) const;
  size_t no_date() const { return no_date_; }

 private:
  Period period_;
  TrendSeries all_;
  std::map<std::string, TrendSeries> agents_, teams_, none_;
  size_t no_date_ = 0;
};

}  // namespace replylint

#endif  // REPLYLINT_SCORE_TREND_H_
