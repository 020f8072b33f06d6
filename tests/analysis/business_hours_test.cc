#include "analysis/business_hours.h"

#include <catch2/catch.hpp>

#include "rules/service_levels.h"

using namespace replylint;

namespace {

int64_t T(const char* rfc3339) {
  const auto t = ParseRfc3339(rfc3339);
  REQUIRE(t.has_value());
  return *t;
}

BusinessHours Hours(const std::string& yaml) {
  auto spec = ParseScheduleText(yaml, "team.yaml");
  INFO((spec.ok() ? std::string() : spec.status().message()));
  REQUIRE(spec.ok());
  auto h = BusinessHours::Create(*spec);
  INFO((h.ok() ? std::string() : h.status().message()));
  REQUIRE(h.ok());
  return std::move(*h);
}

std::string ScheduleError(const std::string& yaml) {
  auto spec = ParseScheduleText(yaml, "team.yaml");
  if (!spec.ok()) return spec.status().message();
  auto h = BusinessHours::Create(*spec);
  return h.ok() ? "" : h.status().message();
}

const char* const kMoscowOffice = "zone: Europe/Moscow\nhours: {mon-fri: \"09:00-18:00\"}\n";

}  // namespace

TEST_CASE("RFC 3339 times: zone offsets, fractions, no zone", "[business-hours]") {
  CHECK(T("1970-01-01T00:00:00Z") == 0);
  CHECK(T("2026-12-04T20:00:00+03:00") == T("2026-12-04T17:00:00Z"));
  CHECK(T("2026-12-04T17:00:00.250Z") - T("2026-12-04T17:00:00Z") == 250);
  CHECK(T("2024-03-01T00:00:00Z") - T("2024-02-28T00:00:00Z") == 2 * 86400 * 1000);  // a leap year
  CHECK_FALSE(ParseRfc3339("2026-12-04T17:00:00").has_value());                      // no zone: never guessed
  CHECK_FALSE(ParseRfc3339("yesterday").has_value());
  CHECK_FALSE(ParseRfc3339("").has_value());
  // As written: without a zone, the wall-clock reading, marked as such.
  const auto wall = ParseWrittenTime("2026-12-04T17:00:00");
  REQUIRE(wall.has_value());
  CHECK_FALSE(wall->zoned);
  CHECK(wall->ms == T("2026-12-04T17:00:00Z"));
  const auto zoned = ParseWrittenTime("2026-12-04T20:00:00+03:00");
  REQUIRE(zoned.has_value());
  CHECK(zoned->zoned);
  CHECK(zoned->ms == T("2026-12-04T17:00:00Z"));
  CHECK(ParseWrittenTime("2026-12-04 17:00:00.5")->ms == T("2026-12-04T17:00:00.500Z"));
  for (const char* bad : {"2026-12-04T17:00", "2026-12-04T17:00:00.", "2026-12-04T17:00:00+3", "2026-13-04T17:00:00"}) {
    CHECK_FALSE(ParseWrittenTime(bad).has_value());
  }
}

TEST_CASE("business hours: a wall-clock time is placed in the schedule's zone", "[business-hours]") {
  const BusinessHours berlin = Hours("zone: Europe/Berlin\nhours: {mon-sun: \"00:00-24:00\"}\n");
  auto wall = [](const char* s) { return ParseWrittenTime(s)->ms; };
  CHECK(berlin.Instant(wall("2026-01-15T09:00:00")) == T("2026-01-15T09:00:00+01:00"));  // winter
  CHECK(berlin.Instant(wall("2026-07-15T09:00:00")) == T("2026-07-15T09:00:00+02:00"));  // summer
  // Around the clock there is no zone: the reading is UTC.
  CHECK(BusinessHours().Instant(wall("2026-07-15T09:00:00")) == T("2026-07-15T09:00:00Z"));
}

TEST_CASE("business hours: around the clock is the plain difference", "[business-hours]") {
  const BusinessHours always;
  CHECK(always.always());
  CHECK(always.Seconds(T("2026-12-04T20:00:00Z"), T("2026-12-07T09:30:00Z")) == (2 * 86400 + 13 * 3600 + 1800));
  CHECK(always.Seconds(T("2026-12-04T20:00:00Z"), T("2026-12-04T19:00:00Z")) == 0);
}

TEST_CASE("business hours: Friday evening waits from Monday's opening", "[business-hours]") {
  const BusinessHours h = Hours(kMoscowOffice);
  // 2026-12-04 is a Friday; Moscow is UTC+3 all year.
  CHECK(h.Seconds(T("2026-12-04T20:00:00+03:00"), T("2026-12-07T09:30:00+03:00")) == 1800);
  // Within one working day; and from before the opening.
  CHECK(h.Seconds(T("2026-12-07T10:00:00+03:00"), T("2026-12-07T11:15:00+03:00")) == 4500);
  CHECK(h.Seconds(T("2026-12-08T02:00:00+03:00"), T("2026-12-08T09:10:00+03:00")) == 600);
  // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
  CHECK(h.Seconds(T("2026-12-04T17:00:00+03:00"), T("2026-12-07T10:00:00+03:00")) == 7200);
  // The same instants written in UTC.
  CHECK(h.Seconds(T("2026-12-04T17:00:00Z"), T("2026-12-07T06:30:00Z")) == 1800);
}

TEST_CASE("business hours: holidays and a lunch break", "[business-hours]") {
  const BusinessHours h = Hours(
      "zone: Europe/Moscow\n"
      "hours: {mon-thu: \"09:00-13:00, 14:00-18:00\", fri: \"09:00-16:00\"}\n"
      "holidays: [\"2026-12-07\", \"2026-12-30..2027-01-04\"]\n");
  // Monday the 7th is a holiday: Friday evening waits until Tuesday.
  CHECK(h.Seconds(T("2026-12-04T20:00:00+03:00"), T("2026-12-08T09:30:00+03:00")) == 1800);
  // The lunch hour does not count.
  CHECK(h.Seconds(T("2026-12-08T12:30:00+03:00"), T("2026-12-08T14:30:00+03:00")) == 3600);
  // A range of holidays across the new year: from Tuesday the 29th 17:00 to
  // Tuesday the 5th 10:00 only one hour on the 29th and one on the 5th.
  CHECK(h.Seconds(T("2026-12-29T17:00:00+03:00"), T("2027-01-05T10:00:00+03:00")) == 7200);
  // Friday closes at 16:00.
  CHECK(h.Seconds(T("2026-12-11T15:00:00+03:00"), T("2026-12-11T18:00:00+03:00")) == 3600);
}

TEST_CASE("business hours: a DST change keeps working hours on the wall clock", "[business-hours]") {
  const BusinessHours h = Hours("zone: Europe/Berlin\nhours: {mon-sun: \"09:00-18:00\"}\n");
  // Berlin moves to summer time on Sunday 2026-03-29 at 02:00. Saturday 20:00
  // (CET) to Sunday 09:30 (CEST) is half an hour of work: the opening is
  // 09:00 on the wall clock, 07:00 UTC, not nine hours after midnight.
  CHECK(h.Seconds(T("2026-03-28T20:00:00+01:00"), T("2026-03-29T09:30:00+02:00")) == 1800);
  CHECK(h.Seconds(T("2026-03-28T19:00:00Z"), T("2026-03-29T07:30:00Z")) == 1800);
  // A full working Sunday is still nine hours.
  CHECK(h.Seconds(T("2026-03-29T00:00:00+01:00"), T("2026-03-30T00:00:00+02:00")) == 9 * 3600);
  // Back to winter time on Sunday 2026-10-25.
  CHECK(h.Seconds(T("2026-10-24T20:00:00+02:00"), T("2026-10-25T09:30:00+01:00")) == 1800);

  const BusinessHours all_day = Hours("zone: Europe/Berlin\nhours: {mon-sun: \"00:00-24:00\"}\n");
  // Noon Saturday to noon Monday across each change: 47 and 49 real hours.
  CHECK(all_day.Seconds(T("2026-03-28T12:00:00+01:00"), T("2026-03-30T12:00:00+02:00")) == 47 * 3600);
  CHECK(all_day.Seconds(T("2026-10-24T12:00:00+02:00"), T("2026-10-26T12:00:00+01:00")) == 49 * 3600);
}

TEST_CASE("business hours: a wait longer than the look-ahead is bounded", "[business-hours]") {
  const BusinessHours h = Hours(kMoscowOffice);
  const int64_t s = h.Seconds(T("2000-01-03T09:00:00+03:00"), T("2026-01-05T09:00:00+03:00"));
  CHECK(s > 0);
  CHECK(s <= int64_t{400} * 9 * 3600);  // 400 days at most
}

TEST_CASE("schedule errors name file:line:col", "[business-hours]") {
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: \"09:00-25:00\"}\n"),
             Catch::StartsWith("team.yaml:2:18: ") && Catch::Contains("\"09:00-25:00\" is not a range of hours"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: \"09:60-18:00\"}\n"),
             Catch::Contains("is not a range of hours"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: \"18:00-09:00\"}\n"),
             Catch::Contains("ends before it starts"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon: \"09:00-13:00, 12:00-18:00\"}\n"),
             Catch::Contains("09:00-13:00 and 12:00-18:00 overlap"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: \"09:00-18:00\", wed: \"10:00-12:00\"}\n"),
             Catch::StartsWith("team.yaml:2:33: ") && Catch::Contains("wed is given twice (also at team.yaml:2:9)"));
  CHECK_THAT(
      ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: \"09:00-18:00\"}\n"
                    "holidays:\n  - 2026-12-30..2027-01-08\n  - 2027-01-07\n"),
      Catch::StartsWith("team.yaml:5:5: ") && Catch::Contains("holidays overlap") && Catch::Contains("team.yaml:4:5"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: \"09:00-18:00\"}\nholidays: [2026-02-30]\n"),
             Catch::StartsWith("team.yaml:3:12: ") && Catch::Contains("not a calendar date"));
  CHECK_THAT(ScheduleError("zone: Mars/Olympus_Mons\nhours: {mon-fri: \"09:00-18:00\"}\n"),
             Catch::StartsWith("team.yaml:1:7: ") && Catch::Contains("not a time zone ICU knows"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {someday: \"09:00-18:00\"}\n"),
             Catch::Contains("\"someday\" is not a day"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: off}\n"), Catch::Contains("no working hours"));
  CHECK_THAT(ScheduleError("hours: {mon-fri: \"09:00-18:00\"}\n"), Catch::Contains("needs zone"));
  CHECK_THAT(ScheduleError("zone: Europe/Moscow\nhours: {mon-fri: \"09:00-18:00\"}\nopen: always\n"),
             Catch::StartsWith("team.yaml:3:1: ") && Catch::Contains("unknown key \"open\""));
}

TEST_CASE("durations", "[business-hours]") {
  CHECK(ParseDuration("5m") == 300);
  CHECK(ParseDuration("1h30m") == 5400);
  CHECK(ParseDuration("2d") == 172800);
  CHECK_FALSE(ParseDuration("5").has_value());
  CHECK_FALSE(ParseDuration("0m").has_value());
  CHECK_FALSE(ParseDuration("5 minutes").has_value());
  CHECK_FALSE(ParseDuration("9999999999999h").has_value());
}
