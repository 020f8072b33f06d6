// Response-time figures of a group of replies (an agent, a team, a channel,
// everyone): for first replies and for next replies separately, the median
// and 90th percentile wait and the share within the target with its 95%
// Wilson interval; and how many replies could not be judged (no `at`, or an
// `at` earlier than the message it answers).
//
// Percentiles are the nearest-rank kind: the 90th percentile is the wait
// that 90% of the replies did not exceed, always a wait that happened; the
// median of an even count is the mean of the two middle waits. The median's
// 95% interval is the distribution-free one from order statistics (ranks
// n/2 ∓ 0.98·√n), so it assumes no shape for the waits, which are skewed.
//
// Pipeline position: fed with MessageResult::response after the engine, read
// by the reports and goals. Keeps every wait (4 bytes a reply and group).
// Thread-safety: plain accumulators; one thread at a time.
#ifndef REPLYLINT_SCORE_RESPONSE_STATS_H_
#define REPLYLINT_SCORE_RESPONSE_STATS_H_

#include <cstdint>
#include <vector>

#include "replylint/engine.h"
#include "score/stats.h"

namespace replylint {

// The figures of one kind of reply (first or next), in seconds.
struct WaitFigures {
  size_t count = 0;   // replies timed
  size_t within = 0;  // of them, within their target
  double median = 0;  // 0 when count == 0
  Interval median_ci;
  double p90 = 0;
  double within_share() const { return count ? static_cast<double>(within) / static_cast<double>(count) : 0; }
  Interval within_ci() const { return Wilson95(static_cast<double>(within), static_cast<double>(count)); }
};

class ResponseStats {
 public:
  void Add(const ResponseTime& r);

  WaitFigures first() const { return Figures(first_, first_within_); }
  WaitFigures next() const { return Figures(next_, next_within_); }
  size_t late() const { return late_; }
  size_t no_time() const { return no_time_; }            // not judged: no usable `at`
  size_t backwards() const { return backwards_; }        // not judged: `at` before the message answered
  size_t zone_assumed() const { return zone_assumed_; }  // judged with a time read in the team's zone
  size_t judged() const { return first_.size() + next_.size(); }
  bool empty() const { return judged() == 0 && no_time_ == 0 && backwards_ == 0; }

 private:
  static WaitFigures Figures(std::vector<uint32_t> waits, size_t within);
  std::vector<uint32_t> first_, next_;  // seconds, in arrival order
  size_t first_within_ = 0, next_within_ = 0, late_ = 0, no_time_ = 0, backwards_ = 0, zone_assumed_ = 0;
};

// A wait for people: "4.9 min", "3.2 h", "45 s", "1.5 d".
std::string WaitText(double seconds);

}  // namespace replylint

#endif  // REPLYLINT_SCORE_RESPONSE_STATS_H_
