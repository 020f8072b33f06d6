// The options that shape an audit report, shared by `audit` (which analyses
// the inputs) and `report` (which replays stored results): the format, the
// output file, the group tables, rankings, goals and the reply filters.
#ifndef REPLYLINT_CLI_REPORT_OPTIONS_H_
#define REPLYLINT_CLI_REPORT_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "report/report.h"

namespace replylint::cli {

// The reply filters alone (--since, --until, --agent, --team, --channel,
// --rule), as `sample` takes them; `rules` are the known rule ids.
struct FilterArgs {
  ReplyFilterSpec spec;
  std::vector<std::string> channels;
};
void AddFilterArgs(CLI::App* cmd, FilterArgs* f);
StatusOr<ReplyFilter> MakeFilter(const FilterArgs& f, const std::vector<std::string>& rules);

struct ReportArgs {
  std::string format = "text";
  std::string out;
  std::vector<std::string> by;
  size_t min_replies = 20;
  std::string goal;
  size_t worst = 10;
  std::string color = "auto";
  FilterArgs filter;
  std::string period;  // day, week, month; empty: no trends
  size_t drill = 20;
};

void AddReportArgs(CLI::App* cmd, ReportArgs* a);

// What the scorecard and rules of the run decide.
struct Grading {
  Severity fail_level = Severity::kError;
  int good_stars = 5;
  std::vector<std::pair<int, int>> star_thresholds;
  std::vector<std::string> rules;  // the known rule ids, for --rule
};

// The format and the writers' options; fails with the message to print
// (naming the flag) on a bad value.
StatusOr<std::pair<Format, ReportOptions>> MakeReportOptions(const ReportArgs& a, const Grading& g);

}  // namespace replylint::cli

#endif  // REPLYLINT_CLI_REPORT_OPTIONS_H_
