// Service levels of the response-time rule, read from its parameters: a
// target per channel for the first reply and for the next replies, and per
// team overrides of those targets and a business-hours schedule (time zone,
// working hours per weekday, holidays).
//
// Pipeline position: with the rule files (src/rules is the only yaml-cpp
// user). This module validates the shapes and values it can check without
// ICU — hours such as 25:00, overlapping hours or holidays, unknown keys —
// and names file:line:col; the time zone name is checked where the schedule
// is built (src/analysis/business_hours.h), with the place kept here.
// Thread-safety: plain values.
#ifndef REPLYLINT_RULES_SERVICE_LEVELS_H_
#define REPLYLINT_RULES_SERVICE_LEVELS_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"
#include "rules/rule_spec.h"

namespace replylint {

// A target in seconds; kNotChecked: replies on the channel are not judged.
inline constexpr int64_t kNotChecked = -1;

struct ReplyTargets {
  std::optional<int64_t> first;  // unset: inherited (team overrides only)
  std::optional<int64_t> next;
};

// Working hours as written: minutes from local midnight, [start, end).
struct ScheduleSpec {
  std::string zone;        // IANA name, e.g. Europe/Moscow
  std::string zone_where;  // file:line:col of the name, for the zone error
  // Index 0 is Monday; ranges sorted, not overlapping; an empty day is closed.
  std::array<std::vector<std::pair<int, int>>, 7> week;
  // Holidays as inclusive ranges of local dates written yyyymmdd, sorted,
  // not overlapping.
  std::vector<std::pair<int32_t, int32_t>> holidays;
};

struct TeamLevels {
  std::map<Channel, ReplyTargets> targets;  // only the channels the team overrides
  std::optional<ScheduleSpec> schedule;     // unset: the rule's schedule
};

struct ServiceLevels {
  std::map<Channel, ReplyTargets> targets;  // every channel, both targets set
  std::optional<ScheduleSpec> schedule;     // unset: around the clock (24/7)
  std::map<std::string, TeamLevels> teams;  // by team name as in the input's `team`
};

// Reads the parameters email, chat, social, phone (each "off", one duration
// for both targets, or {first: D, next: D}), schedule and teams. Durations
// are "90s", "5m", "12h", "2d" or combinations ("1h30m").
StatusOr<ServiceLevels> ReadServiceLevels(ParamReader* params, const std::string& rule_id);

// For tests and the check: one schedule mapping read from YAML text.
StatusOr<ScheduleSpec> ParseScheduleText(const std::string& yaml, const std::string& file);

// Parses a duration ("1h30m") into seconds; nullopt when malformed or 0.
std::optional<int64_t> ParseDuration(const std::string& s);

}  // namespace replylint

#endif  // REPLYLINT_RULES_SERVICE_LEVELS_H_
