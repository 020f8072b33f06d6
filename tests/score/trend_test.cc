#include "score/trend.h"

#include <catch2/catch.hpp>

namespace replylint {
namespace {

TEST_CASE("periods are UTC days, ISO weeks and months", "[trend]") {
  // ISO weeks belong to the year of their Thursday.
  CHECK(PeriodOf("2027-01-01T09:00:00Z", Period::kWeek) == "2026-W53");  // a Friday of 2026's last week
  CHECK(PeriodOf("2027-01-03T23:59:59Z", Period::kWeek) == "2026-W53");  // its Sunday
  CHECK(PeriodOf("2027-01-04T00:00:00Z", Period::kWeek) == "2027-W01");  // the next Monday
  CHECK(PeriodOf("2024-12-30T12:00:00Z", Period::kWeek) == "2025-W01");  // a Monday in 2025's first week
  CHECK(PeriodOf("2021-01-03T12:00:00Z", Period::kWeek) == "2020-W53");
  CHECK(PeriodOf("2026-11-20T09:12:00Z", Period::kWeek) == "2026-W47");
  CHECK(PeriodOf("1969-12-31T23:00:00Z", Period::kWeek) == "1970-W01");  // before the epoch
  // The zone moves the instant, and the period is the UTC one.
  CHECK(PeriodOf("2026-12-01T01:30:00+03:00", Period::kDay) == "2026-11-30");
  CHECK(PeriodOf("2026-12-01T01:30:00+03:00", Period::kMonth) == "2026-11");
  CHECK(PeriodOf("2028-02-29T10:00:00Z", Period::kDay) == "2028-02-29");
  // A time without a zone is read as UTC, as the date filters read it.
  CHECK(PeriodOf("2026-12-01T01:30:00", Period::kDay) == "2026-12-01");
  CHECK_FALSE(PeriodOf("", Period::kDay).has_value());
  CHECK_FALSE(PeriodOf("yesterday", Period::kWeek).has_value());
  CHECK(ParsePeriod("week") == Period::kWeek);
  CHECK_FALSE(ParsePeriod("fortnight").has_value());
}

TEST_CASE("trends add up per period, team and agent, and count undated replies", "[trend]") {
  Trends t(Period::kWeek);
  t.Add({"c1", "ann", "L1", Channel::kEmail}, "2026-12-31T10:00:00Z", 80, 4, false);
  t.Add({"c2", "ann", "L1", Channel::kEmail}, "2027-01-02T10:00:00Z", 100, 5, false);
  t.Add({"c3", "bob", "L2", Channel::kChat}, "2027-01-05T10:00:00Z", 40, 2, true);
  t.Add({"c4", "bob", "L2", Channel::kChat}, "", 90, 5, false);
  REQUIRE(t.all().size() == 2);
  const TrendCell& w53 = t.all().at("2026-W53");
  CHECK(w53.replies == 2);
  CHECK(w53.mean() == 90);
  CHECK(w53.mean_stars() == 4.5);
  CHECK(w53.failing == 0);
  CHECK(t.all().at("2027-W01").failing_share() == 1);
  CHECK(t.By(GroupBy::kAgent).at("ann").size() == 1);
  CHECK(t.By(GroupBy::kTeam).at("L2").at("2027-W01").replies == 1);
  CHECK(t.By(GroupBy::kChannel).empty());
  CHECK(t.no_date() == 1);
  // Labels sort in time order.
  CHECK(t.all().begin()->first == "2026-W53");
}

}  // namespace
}  // namespace replylint
