// The response clock: for an agent message, which customer message it
// answers and how long that customer waited, in the team's business hours,
// against the target of the channel (first reply or next reply).
//
// The clock starts at the first customer message since the previous agent
// message (several customer messages in a row wait from the first one);
// system messages (automatic acknowledgements) neither start nor stop it; in
// a thread where several people write, it starts at the first message of
// the person answered (the reply's leading @handle, else the last writer). An
// agent message with no customer message since the previous agent message
// answers nothing and is not measured. The first reply is the first agent
// message of the conversation; the replies after it are next replies.
//
// Pipeline position: analysis, read by the response-time check and, through
// MessageResult::response, by the aggregates.
// Thread-safety: immutable after Create(); Measure() is const.
#ifndef REPLYLINT_ANALYSIS_RESPONSE_CLOCK_H_
#define REPLYLINT_ANALYSIS_RESPONSE_CLOCK_H_

#include <map>
#include <optional>
#include <string>

#include "analysis/business_hours.h"
#include "replylint/engine.h"
#include "replylint/model.h"
#include "rules/service_levels.h"

namespace replylint {

class ResponseClock {
 public:
  // Builds each schedule (an unknown time zone is an error naming where it
  // was written).
  static StatusOr<ResponseClock> Create(ServiceLevels levels);

  // nullopt when message `index` (an agent's) answers no customer message,
  // or its channel is not checked for that kind of reply.
  std::optional<ResponseTime> Measure(const Conversation& c, size_t index) const;

  // Whether the team counts business hours (a schedule), for messages.
  bool HasSchedule(const std::string& team) const { return &HoursFor(team) != &always_; }

 private:
  const BusinessHours& HoursFor(const std::string& team) const;
  // The team's schedule as configured, even a 24/7 one: its zone places
  // times written without an offset.
  const BusinessHours& ZoneFor(const std::string& team) const;
  int64_t TargetFor(const std::string& team, Channel channel, bool first) const;

  ServiceLevels levels_;
  BusinessHours always_;
  BusinessHours default_hours_;
  std::map<std::string, BusinessHours> team_hours_;  // teams with a schedule of their own
};

}  // namespace replylint

#endif  // REPLYLINT_ANALYSIS_RESPONSE_CLOCK_H_
