// RFC 3339 times (the input's `at`) read into instants: the grammar the
// reader accepts (ingest) and the milliseconds the response clock measures
// with (analysis), defined once so the two never disagree.
// Thread-safety: pure functions.
#ifndef REPLYLINT_BASE_RFC3339_H_
#define REPLYLINT_BASE_RFC3339_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace replylint {

// Milliseconds since the Unix epoch (UTC) of an RFC 3339 time
// ("2026-11-20T09:12:00Z", "2026-11-20T12:12:00.250+03:00"; 't' or a space
// may separate date and time); nullopt when the text is no such time, or has
// no zone offset. A leap second (:60) counts as the next second's start.
std::optional<int64_t> ParseRfc3339(std::string_view s);

// A time as written in the input: with a zone offset, its instant; without
// one ("2026-11-20T09:12:00"), the wall-clock reading as milliseconds as if
// it were UTC, for the reader to place in a zone (the response clock reads
// it in the team's). nullopt when the text is no RFC 3339 date-time.
struct WrittenTime {
  int64_t ms = 0;
  bool zoned = true;
};
std::optional<WrittenTime> ParseWrittenTime(std::string_view s);

}  // namespace replylint

#endif  // REPLYLINT_BASE_RFC3339_H_
