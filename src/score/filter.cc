#include "score/filter.h"

#include <algorithm>

#include "base/rfc3339.h"

namespace replylint {
namespace {

// A day (whole, in UTC) or an RFC 3339 time: the instant it starts, and for
// --until the instant after it ends.
std::optional<int64_t> ParseBound(const std::string& s, bool end) {
  if (s.size() == 10) {
    const auto t = ParseWrittenTime(s + "T00:00:00Z");
    if (!t) return std::nullopt;
    return end ? t->ms + 86400000 : t->ms;
  }
  const auto t = ParseWrittenTime(s);
  if (!t) return std::nullopt;
  return end ? t->ms + 1 : t->ms;
}

}  // namespace

StatusOr<ReplyFilter> ReplyFilter::Parse(const ReplyFilterSpec& spec) {
  ReplyFilter f;
  f.spec_ = spec;
  for (auto [text, end, flag] : {std::tuple{&spec.since, false, "--since"}, std::tuple{&spec.until, true, "--until"}}) {
    if (text->empty()) continue;
    const auto ms = ParseBound(*text, end);
    if (!ms) {
      return Status::InvalidArgument(std::string(flag) + ": \"" + *text +
                                     "\" is neither a day (2026-11-01) nor an RFC 3339 time (2026-11-01T09:00:00Z)");
    }
    (end ? f.until_ms_ : f.since_ms_) = *ms;
  }
  if (f.since_ms_ && f.until_ms_ && *f.until_ms_ <= *f.since_ms_) {
    return Status::InvalidArgument("--until " + spec.until + " is before --since " + spec.since);
  }
  f.active_ = f.since_ms_ || f.until_ms_ || !spec.agents.empty() || !spec.teams.empty() || !spec.rules.empty() ||
              !spec.channels.empty();
  return f;
}

ReplyFilter::Verdict ReplyFilter::Judge(const Conversation& c, const MessageResult& r) const {
  if (!active_) return Verdict::kKept;
  const Message& m = c.messages[r.message];
  if (since_ms_ || until_ms_) {
    const auto t = ParseWrittenTime(m.at);
    if (!t) return Verdict::kNoDate;
    if ((since_ms_ && t->ms < *since_ms_) || (until_ms_ && t->ms >= *until_ms_)) return Verdict::kOutsideDates;
  }
  if (!spec_.agents.empty() && !spec_.agents.count(m.AgentKey())) return Verdict::kOther;
  if (!spec_.teams.empty() && !spec_.teams.count(c.team)) return Verdict::kOther;
  if (!spec_.channels.empty() && !spec_.channels.count(c.channel)) return Verdict::kOther;
  if (!spec_.rules.empty() && std::none_of(r.findings.begin(), r.findings.end(),
                                           [&](const Finding& f) { return spec_.rules.count(f.rule) > 0; })) {
    return Verdict::kOther;
  }
  return Verdict::kKept;
}

}  // namespace replylint
