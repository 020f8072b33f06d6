#include "rules/service_levels.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "rules/yaml_strict.h"

namespace replylint {
namespace {

Status Error(const Sourced& s, const std::string& what) { return Status::InvalidArgument(Where(s) + ": " + what); }

Status Keys(const Sourced& map, const std::vector<std::string>& allowed, const std::string& what) {
  if (!map.node.IsMap()) return Error(map, what + ": expected a mapping");
  for (const auto& kv : map.node) {
    if (std::find(allowed.begin(), allowed.end(), kv.first.Scalar()) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return Error({kv.first, map.file}, what + ": unknown key \"" + kv.first.Scalar() + "\" (expected " + list + ")");
    }
  }
  return Status::Ok();
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") + 1 - b);
}

// "off", "5m" (both targets) or {first: 12h, next: 4h}.
Status ReadTargets(const Sourced& s, const std::string& what, bool require_both, ReplyTargets* out) {
  auto one = [&](const Sourced& v, const std::string& key, std::optional<int64_t>* t) -> Status {
    if (!v.node.IsScalar()) return Error(v, what + key + ": expected a duration such as 5m, 12h or off");
    const std::string text = Trim(v.node.Scalar());
    if (text == "off") {
      *t = kNotChecked;
      return Status::Ok();
    }
    const auto d = ParseDuration(text);
    if (!d) {
      return Error(v, what + key + ": \"" + text +
                          "\" is not a duration (a whole number with s, m, h or d, e.g. 90s, 5m, 1h30m, 2d; or off)");
    }
    *t = *d;
    return Status::Ok();
  };
  if (s.node.IsScalar()) {
    if (Status st = one(s, "", &out->first); !st.ok()) return st;
    out->next = out->first;
    return Status::Ok();
  }
  if (Status st = Keys(s, {"first", "next"}, what); !st.ok()) return st;
  if (s.node["first"]) {
    if (Status st = one({s.node["first"], s.file}, ".first", &out->first); !st.ok()) return st;
  }
  if (s.node["next"]) {
    if (Status st = one({s.node["next"], s.file}, ".next", &out->next); !st.ok()) return st;
  }
  if (require_both && (!out->first || !out->next)) return Error(s, what + ": give both first and next");
  return Status::Ok();
}

// "09:30" → 570; "24:00" → 1440 (an end only). -1 when malformed.
int ParseClock(const std::string& s, bool end) {
  if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) ||
      !std::isdigit(static_cast<unsigned char>(s[1])) || !std::isdigit(static_cast<unsigned char>(s[3])) ||
      !std::isdigit(static_cast<unsigned char>(s[4]))) {
    return -1;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end))) return -1;
  return h * 60 + m;
}

const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int DayIndex(const std::string& s) {
  for (int i = 0; i < 7; ++i) {
    if (s == kDays[i]) return i;
  }
  return -1;
}

std::string ClockText(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

// hours: {mon-fri: "09:00-18:00", sat: "10:00-14:00, 15:00-17:00", sun: off}
Status ReadHours(const Sourced& s, ScheduleSpec* spec) {
  if (!s.node.IsMap()) return Error(s, "schedule.hours: expected a mapping such as {mon-fri: \"09:00-18:00\"}");
  std::array<std::string, 7> given_at;  // where each day was given, to name a repeat
  for (const auto& kv : s.node) {
    const Sourced key{kv.first, s.file};
    const std::string days = Trim(kv.first.Scalar());
    const size_t dash = days.find('-');
    const int a = DayIndex(dash == std::string::npos ? days : days.substr(0, dash));
    const int b = dash == std::string::npos ? a : DayIndex(days.substr(dash + 1));
    if (a < 0 || b < 0 || b < a) {
      return Error(key, "schedule.hours: \"" + days +
                            "\" is not a day or a range of days (mon, tue, wed, thu, fri, sat, sun; mon-fri)");
    }
    const Sourced value{kv.second, s.file};
    if (!kv.second.IsScalar()) return Error(value, "schedule.hours." + days + ": expected \"HH:MM-HH:MM\" or off");
    std::vector<std::pair<int, int>> ranges;
    const std::string text = Trim(kv.second.Scalar());
    if (text != "off" && text != "closed") {
      size_t pos = 0;
      while (pos <= text.size()) {
        size_t comma = text.find(',', pos);
        if (comma == std::string::npos) comma = text.size();
        const std::string part = Trim(text.substr(pos, comma - pos));
        const size_t d = part.find('-');
        const int start = d == std::string::npos ? -1 : ParseClock(Trim(part.substr(0, d)), false);
        const int end = d == std::string::npos ? -1 : ParseClock(Trim(part.substr(d + 1)), true);
        if (start < 0 || end < 0) {
          return Error(value, "schedule.hours." + days + ": \"" + part +
                                  "\" is not a range of hours HH:MM-HH:MM from 00:00 to 24:00 (e.g. 09:00-18:00)");
        }
        if (end <= start) {
          return Error(value, "schedule.hours." + days + ": \"" + part +
                                  "\" ends before it starts (a night shift is two ranges: 22:00-24:00 and, the "
                                  "next day, 00:00-06:00)");
        }
        ranges.emplace_back(start, end);
        pos = comma + 1;
      }
      std::sort(ranges.begin(), ranges.end());
      for (size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i].first < ranges[i - 1].second) {
          return Error(value, "schedule.hours." + days + ": " + ClockText(ranges[i - 1].first) + "-" +
                                  ClockText(ranges[i - 1].second) + " and " + ClockText(ranges[i].first) + "-" +
                                  ClockText(ranges[i].second) + " overlap");
        }
      }
    }
    for (int d = a; d <= b; ++d) {
      if (!given_at[d].empty()) {
        return Error(key, std::string("schedule.hours: ") + kDays[d] + " is given twice (also at " + given_at[d] + ")");
      }
      given_at[d] = Where(key);
      spec->week[d] = ranges;
    }
  }
  return Status::Ok();
}

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "2026-12-31" → 20261231; -1 when it is no calendar date.
int32_t ParseDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return -1;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
  }
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > kLen[m - 1] + (m == 2 && Leap(y) ? 1 : 0)) return -1;
  return y * 10000 + m * 100 + d;
}

std::string DateText(int32_t d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return buf;
}

// holidays: ["2026-12-31", "2027-01-01..2027-01-08"]
Status ReadHolidays(const Sourced& s, ScheduleSpec* spec) {
  if (!s.node.IsSequence()) return Error(s, "schedule.holidays: expected a list of dates (YYYY-MM-DD or A..B)");
  if (s.node.size() > kMaxListItems) {
    return Error(s, "schedule.holidays: more than " + std::to_string(kMaxListItems) + " items");
  }
  std::vector<std::pair<std::pair<int32_t, int32_t>, std::string>> days;  // range, where
  for (const auto& item : s.node) {
    const Sourced it{item, s.file};
    if (!item.IsScalar()) return Error(it, "schedule.holidays: expected a date YYYY-MM-DD or a range A..B");
    const std::string text = Trim(item.Scalar());
    const size_t dots = text.find("..");
    const int32_t a = ParseDate(Trim(text.substr(0, dots)));
    const int32_t b = dots == std::string::npos ? a : ParseDate(Trim(text.substr(dots + 2)));
    if (a < 0 || b < 0) {
      return Error(it, "schedule.holidays: \"" + text +
                           "\" is not a calendar date YYYY-MM-DD or a range of them (2027-01-01..2027-01-08)");
    }
    if (b < a) return Error(it, "schedule.holidays: \"" + text + "\" ends before it starts");
    days.push_back({{a, b}, Where(it)});
  }
  std::sort(days.begin(), days.end());
  for (size_t i = 1; i < days.size(); ++i) {
    if (days[i].first.first <= days[i - 1].first.second) {
      return Status::InvalidArgument(days[i].second + ": schedule.holidays: " + DateText(days[i].first.first) +
                                     " is already a holiday of the entry at " + days[i - 1].second +
                                     " (holidays overlap)");
    }
  }
  for (const auto& d : days) spec->holidays.push_back(d.first);
  return Status::Ok();
}

// schedule: 24/7, or {zone: Europe/Moscow, hours: {...}, holidays: [...]}.
StatusOr<std::optional<ScheduleSpec>> ReadSchedule(const Sourced& s) {
  if (s.node.IsScalar() && Trim(s.node.Scalar()) == "24/7") return std::optional<ScheduleSpec>();
  if (Status st = Keys(s, {"zone", "hours", "holidays"}, "schedule"); !st.ok()) return st;
  ScheduleSpec spec;
  const YAML::Node zone = s.node["zone"];
  if (!zone || !zone.IsScalar() || Trim(zone.Scalar()).empty()) {
    return Error(zone ? Sourced{zone, s.file} : s,
                 "schedule: needs zone, an IANA time zone name such as Europe/Moscow");
  }
  spec.zone = Trim(zone.Scalar());
  spec.zone_where = Where({zone, s.file});
  const YAML::Node hours = s.node["hours"];
  if (!hours) return Error(s, "schedule: needs hours, e.g. {mon-fri: \"09:00-18:00\"}");
  if (Status st = ReadHours({hours, s.file}, &spec); !st.ok()) return st;
  if (std::all_of(spec.week.begin(), spec.week.end(), [](const auto& d) { return d.empty(); })) {
    return Error({hours, s.file}, "schedule.hours: no working hours on any day (for no schedule, write 24/7)");
  }
  if (const YAML::Node h = s.node["holidays"]; h && !h.IsNull()) {
    if (Status st = ReadHolidays({h, s.file}, &spec); !st.ok()) return st;
  }
  return std::optional<ScheduleSpec>(std::move(spec));
}

}  // namespace

std::optional<int64_t> ParseDuration(const std::string& s) {
  int64_t total = 0;
  size_t i = 0;
  if (s.empty()) return std::nullopt;
  while (i < s.size()) {
    int64_t n = 0;
    const size_t digits = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - digits < 9)
      n = n * 10 + (s[i++] - '0');
    if (i == digits || i >= s.size()) return std::nullopt;
    const char unit = s[i++];
    const int64_t k = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    if (k == 0) return std::nullopt;
    total += n * k;
    if (total > int64_t{366} * 86400) return std::nullopt;  // a target of over a year is a typo
  }
  if (total <= 0) return std::nullopt;
  return total;
}

StatusOr<ScheduleSpec> ParseScheduleText(const std::string& yaml, const std::string& file) {
  YAML::Node node;
  try {
    node = LoadStrictYaml(yaml);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(file + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  auto s = ReadSchedule({node, file});
  if (!s.ok()) return s.status();
  if (!*s) return Status::InvalidArgument(file + ": 24/7 has no schedule to read");
  return **s;
}

StatusOr<ServiceLevels> ReadServiceLevels(ParamReader* params, const std::string& rule_id) {
  ServiceLevels out;
  for (Channel c : {Channel::kEmail, Channel::kChat, Channel::kSocial, Channel::kPhone}) {
    const std::string key(ChannelName(c));
    auto node = params->Node(key);
    if (!node.ok()) return node.status();
    if (Status st = ReadTargets(*node, rule_id + "." + key, true, &out.targets[c]); !st.ok()) return st;
  }
  auto schedule = params->Node("schedule");
  if (!schedule.ok()) return schedule.status();
  auto sched = ReadSchedule(*schedule);
  if (!sched.ok()) return sched.status();
  out.schedule = std::move(*sched);
  auto teams = params->Node("teams");
  if (!teams.ok()) return teams.status();
  if (!teams->node.IsNull()) {
    if (!teams->node.IsMap()) return Error(*teams, rule_id + ".teams: expected a mapping from team name to settings");
    for (const auto& kv : teams->node) {
      const std::string name = kv.first.Scalar();
      const Sourced body{kv.second, teams->file};
      const std::string what = rule_id + ".teams." + name;
      if (Status st = Keys(body, {"email", "chat", "social", "phone", "schedule"}, what); !st.ok()) return st;
      TeamLevels team;
      for (const auto& field : kv.second) {
        const std::string key = field.first.Scalar();
        const Sourced value{field.second, teams->file};
        if (key == "schedule") {
          auto s = ReadSchedule(value);
          if (!s.ok()) return s.status();
          // 24/7 for this team even when the rule has a schedule.
          team.schedule = *s ? std::move(**s) : ScheduleSpec{};
        } else {
          if (Status st = ReadTargets(value, what + "." + key, false, &team.targets[*ParseChannel(key)]); !st.ok())
            return st;
        }
      }
      out.teams[name] = std::move(team);
    }
  }
  return out;
}

}  // namespace replylint
