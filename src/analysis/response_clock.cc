#include "analysis/response_clock.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>
#include <unordered_set>

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

const BusinessHours& ResponseClock::ZoneFor(const std::string& team) const {
  auto it = team_hours_.find(team);
  return it != team_hours_.end() ? it->second : default_hours_;
}

const BusinessHours& ResponseClock::HoursFor(const std::string& team) const {
  const BusinessHours& h = ZoneFor(team);
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

// A customer message that only thanks or closes ("Thanks, all sorted!",
// «Спасибо, всё получилось 👍») asks for nothing: it does not start the
// clock, so a late "glad it helped" is not a late reply. Only short messages
// with a thanks word, no question mark and no word outside a small closing
// vocabulary qualify: "ok" alone, or "thanks, but it still fails", still
// wait for an answer.
bool CourtesyOnly(const std::string& text) {
  static const std::unordered_set<std::string> kThanks = {"thanks", "thank",   "thx",       "ty",
                                                          "cheers", "спасибо", "благодарю", "спс"};
  static const std::unordered_set<std::string> kFiller = {
      "you",      "so",      "much",   "very",   "a",          "lot",         "lots",       "for",
      "the",      "help",    "your",   "all",    "sorted",     "great",       "perfect",    "good",
      "ok",       "okay",    "got",    "it",     "that",       "worked",      "works",      "fixed",
      "now",      "awesome", "many",   "again",  "have",       "nice",        "day",        "bye",
      "resolved", "solved",  "fine",   "is",     "everything", "большое",     "огромное",   "вам",
      "за",       "помощь",  "всё",    "все",    "получилось", "работает",    "заработало", "понятно",
      "ясно",     "отлично", "хорошо", "супер",  "ок",         "теперь",      "уже",        "и",
      "хорошего", "дня",     "понял",  "поняла", "разобрался", "разобралась", "решено",     "вопрос",
      "снят"};
  if (text.size() > 200 || text.find('?') != std::string::npos) return false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.toLower();
  bool thanks = false;
  int words = 0;
  std::string word;
  auto end_word = [&] {
    if (word.empty()) return true;
    ++words;
    const bool is_thanks = kThanks.count(word) > 0;
    thanks = thanks || is_thanks;
    const bool ok = is_thanks || kFiller.count(word) > 0;
    word.clear();
    return ok;
  };
  for (int32_t i = 0; i < u.length();) {
    const UChar32 ch = u.char32At(i);
    i += U16_LENGTH(ch);
    if (u_isalpha(ch)) {
      char buf[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, ch);
      word.append(buf, static_cast<size_t>(n));
    } else if (ch == 0x2019 || ch == '\'') {
      continue;  // "that's" stays one word, and is not in the vocabulary
    } else if (!end_word()) {
      return false;
    }
  }
  return end_word() && thanks && words <= 12;
}

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
      if (msgs[k].role == Role::kCustomer && !handle.empty() && msgs[k].author == handle && k >= start &&
          !CourtesyOnly(msgs[k].text))
        return k;
    }
    p = e == std::string::npos ? text.size() : e;
  }
  for (size_t k = from; k < reply; ++k) {
    if (msgs[k].role == Role::kCustomer && msgs[k].author == who && k >= start && !CourtesyOnly(msgs[k].text)) return k;
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
    if (msgs[i].role == Role::kCustomer && !CourtesyOnly(msgs[i].text)) start = i;
  }
  // Nothing to answer: a follow-up, the agent opened, or the customer only
  // said thanks.
  if (start == index) return std::nullopt;
  start = FirstOfAnswered(c, i, index, start);
  ResponseTime r;
  r.first = i == 0;
  r.answers = start;
  r.target = TargetFor(c.team, c.channel, r.first);
  if (r.target == kNotChecked) return std::nullopt;
  // A time written without a zone offset is read in the team's zone (UTC
  // for a team without a schedule), and the reply is marked so the summary
  // can say how many were read that way.
  const BusinessHours& zone = ZoneFor(c.team);
  auto instant = [&](const std::string& at) -> std::optional<int64_t> {
    const auto t = ParseWrittenTime(at);
    if (!t) return std::nullopt;
    if (t->zoned) return t->ms;
    r.zone_assumed = true;
    return zone.Instant(t->ms);
  };
  const auto from = instant(msgs[start].at);
  const auto to = instant(msgs[index].at);
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
