// response-time: an agent reply that came later than the channel's target
// (seed 001: answer an email within 12 hours; seed 003: the first reply in
// chat within minutes), measured in the team's business hours.
//
// Minimal configuration (rules/response-time.yaml):
//   params:
//     email: {first: 12h, next: 12h}
//     chat: 5m
//     social: 1h
//     phone: off
//     schedule: 24/7
//     teams:
//       L2-Net: {chat: {first: 3m}, schedule: {zone: Europe/Moscow, hours: {mon-fri: "09:00-18:00"}}}
#include "analysis/response_clock.h"
#include "checks/check.h"

namespace replylint {
namespace {

// "2 h 15 min", "4 min 30 s", "3 d 2 h": the two largest units, enough to
// compare with a target.
std::string Duration(int64_t s, Lang lang) {
  const bool ru = lang == Lang::kRu;
  const std::pair<int64_t, const char*> units[] = {
      {86400, ru ? "д" : "d"}, {3600, ru ? "ч" : "h"}, {60, ru ? "мин" : "min"}, {1, ru ? "с" : "s"}};
  std::string out;
  int shown = 0;
  for (const auto& [size, name] : units) {
    const int64_t n = s / size;
    if (n == 0 && !(size == 1 && shown == 0)) {
      if (shown) break;
      continue;
    }
    if (!out.empty()) out += ' ';
    out += std::to_string(n);
    out += ' ';
    out += name;
    s -= n * size;
    if (++shown == 2) break;
  }
  return out;
}

class ResponseTimeCheck : public Check {
 public:
  ResponseTimeCheck(const RuleSpec& spec, ResponseClock clock) : Check(spec), clock_(std::move(clock)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const auto r = clock_.Measure(ctx.conversation, ctx.index);
    if (!r || !r->late()) return;
    const Lang lang = ctx.reply_lang();
    const bool business = clock_.HasSchedule(ctx.conversation.team);
    Finding f = Make(ctx, {0, 0}, r->first ? "late_first" : "late_next", "late",
                     {{"waited", Duration(r->seconds, lang)},
                      {"target", Duration(r->target, lang)},
                      {"channel", std::string(ChannelName(ctx.conversation.channel))},
                      {"hours", business ? (lang == Lang::kRu ? " в рабочие часы" : " of business hours") : ""}});
    f.field = "at";
    f.text = ctx.message().at;
    out->push_back(std::move(f));
  }

  bool measures_response() const override { return true; }
  std::optional<ResponseTime> Response(const Conversation& c, size_t index) const override {
    return clock_.Measure(c, index);
  }

 private:
  ResponseClock clock_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeResponseTimeCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"late_first", "late_next"}, {"late"}); !st.ok()) return st;
  ParamReader params(spec);
  auto levels = ReadServiceLevels(&params, spec.id);
  if (!levels.ok()) return levels.status();
  if (Status st = params.Finish(); !st.ok()) return st;
  auto clock = ResponseClock::Create(std::move(*levels));
  if (!clock.ok()) return clock.status();
  return std::unique_ptr<Check>(new ResponseTimeCheck(spec, std::move(*clock)));
}

}  // namespace replylint
