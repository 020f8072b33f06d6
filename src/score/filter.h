// Which replies an audit reports: by date (--since, --until), agent, team,
// channel and rule (--agent, --team, --channel, --rule). A reply left out
// is counted, by reason, never silently dropped: the conservation line adds
// the filtered replies to the analysed and skipped ones.
//
// Dates are days (2026-11-01, a whole day in UTC) or RFC 3339 times; a
// reply's `at` without a zone offset is compared as if it were UTC. A reply
// without `at` is left out ("no date") whenever --since or --until is set.
//
// Pipeline position: score, applied by the audit report to each reply.
// Thread-safety: immutable after Parse; Keep() is const.
#ifndef REPLYLINT_SCORE_FILTER_H_
#define REPLYLINT_SCORE_FILTER_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "replylint/engine.h"
#include "replylint/status.h"

namespace replylint {

struct ReplyFilterSpec {
  std::string since, until;                    // as given on the command line
  std::set<std::string> agents, teams, rules;  // empty: any
  std::set<Channel> channels;                  // empty: any
};

class ReplyFilter {
 public:
  enum class Verdict { kKept, kNoDate, kOutsideDates, kOther };
  // Fails naming the flag when a date does not parse.
  static StatusOr<ReplyFilter> Parse(const ReplyFilterSpec& spec);
  bool active() const { return active_; }
  Verdict Judge(const Conversation& c, const MessageResult& r) const;

 private:
  bool active_ = false;
  std::optional<int64_t> since_ms_, until_ms_;  // [since, until)
  ReplyFilterSpec spec_;
};

}  // namespace replylint

#endif  // REPLYLINT_SCORE_FILTER_H_
