#include "analysis/response_clock.h"

#include <string>

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

namespace {

// In a public thread other people write between the customer's messages: the
// wait is that of the person the reply answers — the one it opens by
// @handle, else the author of the last customer message — from their first
// message since the previous agent message. With one author (or none
// given) it is `start`. Starting later never makes a wait longer, so a
// doubt costs a miss, never a false alarm.
size_t FirstOfAnswered(const Conversation& c, size_t from, size_t reply, size_t start) {
  const auto& msgs = c.messages;
  std::string who;
  for (size_t k = reply; k-- > from;) {
    if (msgs[k].role == Role::kCustomer) {
      who = msgs[k].author;
      break;
    }
  }
  bool several = false;
  for (size_t k = from; k < reply; ++k) {
    if (msgs[k].role == Role::kCustomer && msgs[k].author != who) several = true;
  }
  if (!several) return start;
  // The reply's leading @handles, in order; a real reply opens with a few,
  // and a bound keeps a hostile one from making this quadratic.
  const std::string& text = msgs[reply].text;
  size_t p = 0;
  for (int handles = 0; p < text.size() && handles < 8; ++handles) {
    while (p < text.size() && (text[p] == ' ' || text[p] == '\n')) ++p;
    if (p >= text.size() || text[p] != '@') break;
    const size_t e = text.find_first_of(" \n,:", p);
    const std::string handle = text.substr(p + 1, e == std::string::npos ? std::string::npos : e - p - 1);
    for (size_t k = from; k < reply; ++k) {
      if (msgs[k].role == Role::kCustomer && !handle.empty() && msgs[k].author == handle) return k;
    }
    p = e == std::string::npos ? text.size() : e;
  }
  for (size_t k = from; k < reply; ++k) {
    if (msgs[k].role == Role::kCustomer && msgs[k].author == who) return k;
  }
  return start;
}

}  // namespace

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
  start = FirstOfAnswered(c, i, index, start);
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
