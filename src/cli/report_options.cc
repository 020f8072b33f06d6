#include "cli/report_options.h"

#include <unistd.h>

#include <algorithm>

#include "base/suggest.h"
#include "cli/common.h"

namespace replylint::cli {

void AddReportArgs(CLI::App* cmd, ReportArgs* a) {
  cmd->add_option("--format", a->format,
                  "text (report), csv (one row per reply), json (one document), jsonl (one record per reply) "
                  "or html (one self-contained page)");
  cmd->add_option("-o,--out", a->out, "Write the report to this file (atomically) instead of standard output");
  cmd->add_option("--by", a->by,
                  "Groups: conversation, agent, team, channel (text, json, html: the tables shown; "
                  "csv, jsonl: one row per group instead of per reply)")
      ->delimiter(',')
      ->check(CLI::IsMember({"conversation", "agent", "team", "channel"}));
  cmd->add_option("--min-replies", a->min_replies, "Replies an agent or team needs to be ranked (default 20)")
      ->check(CLI::Range(size_t{1}, size_t{1000000000}));
  cmd->add_option("--goal", a->goal,
                  "A target: stars=MEAN or score=MEAN, optionally ,replies=N (e.g. stars=4.96,replies=100); "
                  "first_within=PERCENT or first_reply_min=MINUTES (docs/response-time.md)");
  cmd->add_option("--worst", a->worst, "html: how many of the worst replies to show with their text (default 10)");
  cmd->add_option("--period", a->period,
                  "Trends per day, week (ISO, from Monday) or month, in UTC: text, json and html (docs/history.md)")
      ->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_option("--drill", a->drill,
                  "html: each agent's worst replies with findings shown in full under the agent (default 20, 0: none)");
  AddFilterArgs(cmd, &a->filter);
  cmd->add_option("--color", a->color, "text: colours auto (on a terminal, unless NO_COLOR is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void AddFilterArgs(CLI::App* cmd, FilterArgs* f) {
  cmd->add_option("--since", f->spec.since, "Only replies sent on or after this day (2026-11-01, UTC) or time");
  cmd->add_option("--until", f->spec.until, "Only replies sent on or before this day (UTC) or time");
  cmd->add_option("--agent", f->spec.agents, "Only this agent's replies (repeatable)");
  cmd->add_option("--team", f->spec.teams, "Only this team's replies (repeatable)");
  cmd->add_option("--channel", f->channels, "Only replies on this channel (repeatable)")
      ->check(CLI::IsMember({"email", "chat", "social", "phone"}));
  cmd->add_option("--rule", f->spec.rules, "Only replies with a finding of this rule (repeatable)");
}

StatusOr<ReplyFilter> MakeFilter(const FilterArgs& f, const std::vector<std::string>& rules) {
  ReplyFilterSpec spec = f.spec;
  for (const std::string& ch : f.channels) spec.channels.insert(*ParseChannel(ch));
  for (const std::string& rule : spec.rules) {
    if (std::find(rules.begin(), rules.end(), rule) == rules.end()) {
      return Status::InvalidArgument("--rule: unknown rule \"" + rule + "\"" + DidYouMean(rule, rules) +
                                     " (see `replylint rules`)");
    }
  }
  return ReplyFilter::Parse(spec);
}

StatusOr<std::pair<Format, ReportOptions>> MakeReportOptions(const ReportArgs& a, const Grading& g) {
  auto format = ParseFormat(a.format, {Format::kText, Format::kCsv, Format::kJson, Format::kJsonl, Format::kHtml});
  if (!format.ok()) return format.status();
  ReportOptions ro;
  ro.fail_level = g.fail_level;
  ro.min_replies = a.min_replies;
  ro.worst = a.worst;
  ro.drill = a.drill;
  if (!a.period.empty()) ro.period = ParsePeriod(a.period);
  ro.good_stars = g.good_stars;
  ro.star_thresholds = g.star_thresholds;
  ro.color = a.out.empty() ? UseColor(a.color, STDOUT_FILENO) : a.color == "always";
  auto filter = MakeFilter(a.filter, g.rules);
  if (!filter.ok()) return filter.status();
  ro.filter = std::move(*filter);
  for (const std::string& b : a.by) ro.by.push_back(*ParseGroupBy(b));
  if ((*format == Format::kCsv || *format == Format::kJsonl) && ro.by.size() > 1)
    return Status::InvalidArgument("--by: " + a.format +
                                   " has one row per group: give one of conversation, agent, team, channel");
  if (!a.goal.empty()) {
    auto goal = Goal::Parse(a.goal);
    if (!goal.ok()) return goal.status();
    ro.goal = *goal;
  }
  return std::pair{*format, std::move(ro)};
}

}  // namespace replylint::cli
