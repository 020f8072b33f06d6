#include "score/response_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace replylint {

void ResponseStats::Add(const ResponseTime& r) {
  switch (r.state) {
    case ResponseTime::State::kNoTime:
      ++no_time_;
      return;
    case ResponseTime::State::kBackwards:
      ++backwards_;
      return;
    case ResponseTime::State::kTimed:
      break;
  }
  if (r.zone_assumed) ++zone_assumed_;
  const uint32_t s = static_cast<uint32_t>(std::min<int64_t>(r.seconds, std::numeric_limits<uint32_t>::max()));
  (r.first ? first_ : next_).push_back(s);
  if (r.late()) {
    ++late_;
  } else {
    ++(r.first ? first_within_ : next_within_);
  }
}

WaitFigures ResponseStats::Figures(std::vector<uint32_t> w, size_t within) {
  WaitFigures f;
  f.count = w.size();
  f.within = within;
  if (w.empty()) return f;
  std::sort(w.begin(), w.end());
  const size_t n = w.size();
  f.median = n % 2 ? w[n / 2] : (static_cast<double>(w[n / 2 - 1]) + w[n / 2]) / 2;
  const size_t rank90 = static_cast<size_t>(std::ceil(0.9 * static_cast<double>(n) - 1e-9));
  f.p90 = w[std::max<size_t>(rank90, 1) - 1];
  // Ranks (1-based) of the median's interval: n/2 ∓ z·√n/2, rounded outwards.
  const double half = kZ95 * std::sqrt(static_cast<double>(n)) / 2;
  const double lo = std::floor(static_cast<double>(n) / 2 - half);
  const double hi = std::ceil(static_cast<double>(n) / 2 + 1 + half);
  f.median_ci.low = w[static_cast<size_t>(std::clamp(lo, 1.0, static_cast<double>(n))) - 1];
  f.median_ci.high = w[static_cast<size_t>(std::clamp(hi, 1.0, static_cast<double>(n))) - 1];
  return f;
}

std::string WaitText(double s) {
  char buf[64];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.0f s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%.1f min", s / 60);
  } else if (s < 86400) {
    std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f d", s / 86400);
  }
  return buf;
}

}  // namespace replylint
