#include "score/filter.h"

#include <catch2/catch.hpp>

using namespace replylint;

namespace {

ReplyFilter::Verdict At(const ReplyFilter& f, const std::string& at) {
  Conversation c;
  c.messages.resize(1);
  c.messages[0].role = Role::kAgent;
  c.messages[0].at = at;
  MessageResult r;
  return f.Judge(c, r);
}

}  // namespace

TEST_CASE("filter: a day is whole, --until includes its day, no at is 'no date'", "[filter]") {
  ReplyFilterSpec spec;
  spec.since = "2026-11-01";
  spec.until = "2026-11-30";
  auto f = ReplyFilter::Parse(spec);
  REQUIRE(f.ok());
  CHECK(At(*f, "2026-11-01T00:00:00Z") == ReplyFilter::Verdict::kKept);
  CHECK(At(*f, "2026-11-30T23:59:59Z") == ReplyFilter::Verdict::kKept);
  CHECK(At(*f, "2026-12-01T00:00:00Z") == ReplyFilter::Verdict::kOutsideDates);
  CHECK(At(*f, "2026-11-01T01:00:00+03:00") == ReplyFilter::Verdict::kOutsideDates);  // 22:00 UTC the day before
  CHECK(At(*f, "") == ReplyFilter::Verdict::kNoDate);
  ReplyFilterSpec bad;
  bad.since = "last week";
  CHECK_FALSE(ReplyFilter::Parse(bad).ok());
  bad.since = "2026-12-02";
  bad.until = "2026-12-01";
  CHECK_FALSE(ReplyFilter::Parse(bad).ok());
  CHECK_FALSE(ReplyFilter::Parse(ReplyFilterSpec()).value().active());
}
