#include "base/rfc3339.h"

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

}  // namespace

std::optional<int64_t> ParseRfc3339(std::string_view s) {
  const auto t = ParseWrittenTime(s);
  if (!t || !t->zoned) return std::nullopt;
  return t->ms;
}

std::optional<WrittenTime> ParseWrittenTime(std::string_view s) {
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
  if (!(num(0, 4, 0, 9999, &y) && s.size() >= 19 && s[4] == '-' && num(5, 2, 1, 12, &mo) && s[7] == '-' &&
        num(8, 2, 1, 31, &d) && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && num(11, 2, 0, 23, &h) &&
        s[13] == ':' && num(14, 2, 0, 59, &mi) && s[16] == ':' && num(17, 2, 0, 60, &se))) {
    return std::nullopt;
  }
  size_t i = 19;
  int64_t ms = 0;
  if (i < s.size() && s[i] == '.') {
    const size_t digits = ++i;
    int64_t scale = 100;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10) ms += (s[i] - '0') * scale;
    if (i == digits) return std::nullopt;
  }
  int64_t offset = 0;
  bool zoned = true;
  if (i == s.size()) {
    zoned = false;
  } else if (s[i] == 'Z' || s[i] == 'z') {
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
  return WrittenTime{secs * 1000 + ms, zoned};
}

}  // namespace replylint
