// The leaderboard: agents (or teams) ranked by mean score, with the rule that
// a ranking never rests on a handful of replies and never pretends two
// agents differ when their intervals say they may not.
//
//   - Groups with fewer than `min_replies` replies are not ranked (listed
//     apart), nor is the empty key (replies without an agent or team).
//   - Order: mean score, highest first (compared exactly, as fractions), then
//     more replies, then the key. Means equal to one decimal (as printed) share a rank ("1, 2=, 2=, 4").
//   - The crown goes to every group of rank 1; the leader is "clear" only
//     when there is one, and its 95% interval lies wholly above the
//     runner-up's. Otherwise a report must say the crown is not clear.
//   - Each row says whether its interval lies wholly above the next row's
//     (so a lead sees where the real steps in the ranking are).
//
// Thread-safety: pure function; the rows point into `groups`, which must
// outlive the Leaderboard.
#ifndef REPLYLINT_SCORE_LEADERBOARD_H_
#define REPLYLINT_SCORE_LEADERBOARD_H_

#include <map>
#include <string>
#include <vector>

#include "score/aggregate.h"

namespace replylint {

struct LeaderboardRow {
  std::string key;
  const ScoreStats* stats = nullptr;
  size_t rank = 0;           // 1-based, shared by equal means
  bool tied = false;         // another row has the same rank
  bool crown = false;        // rank 1
  bool above_next = false;   // interval wholly above the next row's (false for the last row)
};

struct Leaderboard {
  size_t min_replies = 0;
  std::vector<LeaderboardRow> ranked;                    // best first
  std::vector<std::pair<std::string, size_t>> unranked;  // (key, replies), by key; the empty key excluded
  // One leader whose interval lies wholly above the runner-up's (true when
  // it is the only ranked group).
  bool clear_leader = false;
};

Leaderboard Rank(const std::map<std::string, ScoreStats>& groups, size_t min_replies);

}  // namespace replylint

#endif  // REPLYLINT_SCORE_LEADERBOARD_H_
