#include "analysis/response_clock.h"

namespace replylint {

StatusOr<ResponseClock> ResponseClock::Create(ServiceLevels levels) {
  ResponseClock out;
  if (levels.schedule) {
    auto h = BusinessHours::Create(*levels.schedule);
    if (!h.ok()) return h.status();
    out.default_hours_ = std::move(*h);
  }
  for (const auto& [name, team] : levels.teams) {
    if (!team.schedule) continue;
    auto h = BusinessHours::Create(*team.schedule);
    if (!h.ok()) return h.status();
    out.team_hours_.emplace(name, std::move(*h));
  }
  out.levels_ = std::move(levels);
  return out;
}

const BusinessHours& ResponseClock::HoursFor(const std::string& team) const {
  auto it = team_hours_.find(team);
  const BusinessHours& h = it != team_hours_.end() ? it->second : default_hours_;
  return h.always() ? always_ : h;
}

int64_t ResponseClock::TargetFor(const std::string& team, Channel channel, bool first) const {
  if (auto t = levels_.teams.find(team); t != levels_.teams.end()) {
    if (auto c = t->second.targets.find(channel); c != t->second.targets.end()) {
      const auto& v = first ? c->second.first : c->second.next;
      if (v) return *v;
    }
  }
  const ReplyTargets& d = levels_.targets.at(channel);
  return *(first ? d.first : d.next);
}

std::optional<ResponseTime> ResponseClock::Measure(const Conversation& c, size_t index) const {
  const auto& msgs = c.messages;
  // Back to the previous agent message; the earliest customer message on
  // the way is where the clock started.
  size_t start = index;
  size_t i = index;
  while (i > 0 && msgs[i - 1].role != Role::kAgent) {
    --i;
    if (msgs[i].role == Role::kCustomer) start = i;
  }
  if (start == index) return std::nullopt;  // nothing to answer: a follow-up, or the agent opened
  ResponseTime r;
  r.first = i == 0;
  r.answers = start;
  r.target = TargetFor(c.team, c.channel, r.first);
  if (r.target == kNotChecked) return std::nullopt;
  const auto from = ParseRfc3339(msgs[start].at);
  const auto to = ParseRfc3339(msgs[index].at);
  if (!from || !to) {
    r.state = ResponseTime::State::kNoTime;
  } else if (*to < *from) {
    r.state = ResponseTime::State::kBackwards;
  } else {
    r.seconds = HoursFor(c.team).Seconds(*from, *to);
  }
  return r;
}

}  // namespace replylint
