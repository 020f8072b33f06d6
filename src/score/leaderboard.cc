#include "score/leaderboard.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace replylint {
namespace {

// -1, 0, 1 as a's mean is below, equal to, above b's: sum_a / n_a vs sum_b / n_b
// in integers, so equal means are equal however they were reached.
int CompareMeans(const ScoreStats& a, const ScoreStats& b) {
  const int64_t l = a.score_sum() * static_cast<int64_t>(b.count());
  const int64_t r = b.score_sum() * static_cast<int64_t>(a.count());
  return l < r ? -1 : l > r ? 1 : 0;
}

// A mean as the reports print it (printf's rounding, as std::fixed uses).
std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

Leaderboard Rank(const std::map<std::string, ScoreStats>& groups, size_t min_replies) {
  Leaderboard lb;
  lb.min_replies = min_replies;
  for (const auto& [key, stats] : groups) {
    if (key.empty()) continue;
    if (stats.count() < std::max<size_t>(min_replies, 1)) {
      lb.unranked.emplace_back(key, stats.count());
    } else {
      lb.ranked.push_back({key, &stats});
    }
  }
  std::stable_sort(lb.ranked.begin(), lb.ranked.end(), [](const LeaderboardRow& a, const LeaderboardRow& b) {
    const int c = CompareMeans(*a.stats, *b.stats);
    if (c != 0) return c > 0;
    if (a.stats->count() != b.stats->count()) return a.stats->count() > b.stats->count();
    return a.key < b.key;  // groups come sorted by key; kept for clarity
  });
  for (size_t i = 0; i < lb.ranked.size(); ++i) {
    LeaderboardRow& row = lb.ranked[i];
    // Means that read the same as printed (one decimal) share a rank: a
    // reader cannot tell 88.84 from 88.76, and neither should the ranks.
    const bool same = i > 0 && OneDecimal(row.stats->mean()) == OneDecimal(lb.ranked[i - 1].stats->mean());
    row.rank = same ? lb.ranked[i - 1].rank : i + 1;
    row.crown = row.rank == 1;
  }
  for (size_t i = 0; i < lb.ranked.size(); ++i) {
    LeaderboardRow& row = lb.ranked[i];
    row.tied =
        (i > 0 && lb.ranked[i - 1].rank == row.rank) || (i + 1 < lb.ranked.size() && lb.ranked[i + 1].rank == row.rank);
    row.above_next = i + 1 < lb.ranked.size() && row.stats->ci().low > lb.ranked[i + 1].stats->ci().high;
  }
  lb.clear_leader = !lb.ranked.empty() && !lb.ranked[0].tied && (lb.ranked.size() == 1 || lb.ranked[0].above_next);
  return lb;
}

}  // namespace replylint
