// Helpers shared by the report writers (private to src/report): number
// formatting, JSON builders for replies and aggregates, CSV fields, text
// padding. Thread-safety: pure functions.
#ifndef REPLYLINT_REPORT_REPORT_UTIL_H_
#define REPLYLINT_REPORT_REPORT_UTIL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "replylint/engine.h"
#include "report/report.h"
#include "score/aggregate.h"
#include "score/goal.h"
#include "score/leaderboard.h"

namespace replylint {

using Json = nlohmann::ordered_json;

// j.dump(indent), with a stray ill-formed UTF-8 byte written as U+FFFD
// instead of thrown (message text keeps the bytes it was given).
std::string Dump(const Json& j, int indent = -1);

// Fixed-point text: Fixed(61.75, 1) == "61.8".
std::string Fixed(double v, int digits);
// A share as a percentage: Percent(0.25, 1) == "25.0%".
std::string Percent(double share, int digits);
// Rounded for JSON output, so the same numbers always print the same.
double Round(double v, int digits);

// count, mean, ci95, stars (mean, ci95), good (count, share, ci95),
// distribution (5..1) and costs (the costliest rules, points per reply).
Json StatsJson(const ScoreStats& s);
// The groups (kAgent, kTeam) whose trend a report shows: those with at least
// `min_replies` dated replies in all; *left_out counts the others.
std::vector<std::string> TrendKeysShown(const Trends& t, GroupBy g, size_t min_replies, size_t* left_out);
// {"period", "no_date", "all": [{period, replies, score, stars, failing}],
//  "teams": {key: [...]}, "agents": {key: [...]}} — every group, so data
// users choose their own minimum.
Json TrendsJson(const Trends& t);
Json LeaderboardJson(const Leaderboard& lb);
Json GoalJson(const Goal& goal, const GoalProgress& p);
// Response-time figures: judged, late, not judged (no_time, backwards), and
// for first and next replies count, median, p90 (seconds), median_ci95,
// within (count, share, ci95).
Json ResponseJson(const ResponseStats& s);
// "judged 12 (first 5, next 7), late 3; not judged: 2 without a usable at, …"
std::string ResponseCounts(const ResponseStats& s);
// A goal's "perfect replies" in words: "perfect" or "within-target".
const char* GoalPerfectWord(const Goal& goal);

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
// break, quotes doubled. Text that a spreadsheet would run as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading ' (the
// OWASP advice), because reply text is written by outsiders.
std::string CsvField(std::string_view s);

// The stars of a reply as ★★★☆☆.
std::string StarsBar(int stars);
// Pads a UTF-8 string to `width` code points.
std::string Pad(std::string_view s, size_t width);
// Line breaks shown as " / ".
std::string OneLine(std::string_view s);
// At most `max` code points, with … when cut.
std::string Clip(std::string_view s, size_t max);
// `s` in an ANSI colour (SGR `code`, e.g. "1;31") when `on`; else as is.
std::string Paint(const char* code, std::string_view s, bool on);
// The colour of a severity: errors red, warnings yellow, suggestions cyan.
const char* SeverityColor(Severity s);
// Word-wraps `s` (one line) to `width` code points: the first line continues
// a line that already has `used` code points, the others start with
// `indent`. A word longer than a line stays whole. Ends without a newline.
std::string Wrap(std::string_view s, size_t width, size_t used, const std::string& indent);
// The items joined with `sep`.
std::string Join(const std::vector<std::string>& items, std::string_view sep);
// A group's star counts, 5 stars first: "3/1/0/0/1".
std::string StarCounts(const ScoreStats& s);
// Rule costs as "rule<between>points" joined with `sep`: "placeholder 25.0, name-form 7.0".
std::string CostList(const std::vector<std::pair<std::string, double>>& costs, std::string_view between,
                     std::string_view sep, int digits);
// The distinct rules of findings, sorted, joined with ';'.
std::string RuleList(const std::vector<Finding>& findings);

// The text as HTML with each finding's span in a <mark>; overlapping spans
// are cut into segments, each marked with the most severe finding over it.
std::string HighlightSpans(const std::string& text, const std::vector<Finding>& findings);
// The customer's messages a reply answers (since the previous agent message),
// separated by blank lines.
std::string CustomerContext(const Conversation& c, size_t message);
// The name of a group key: the key, or "(none)" for replies without one.
std::string GroupKeyName(const std::string& key);

// A goal in words: "mean stars ≥ 4.96 over 100 replies".
std::string GoalText(const Goal& goal);
// Where a group stands, in words: "met", "below, not yet clear"...
const char* GoalStateText(GoalProgress::State s);
// The number a goal measures, formatted (stars 2 digits, score 1).
std::string GoalNumber(const Goal& goal, double v);

// The writers, one per file.
std::unique_ptr<AuditReport> MakeTextReport(std::ostream* out, std::ostream* err, const ReportOptions& o);
std::unique_ptr<AuditReport> MakeJsonReport(std::ostream* out, std::ostream* err, const ReportOptions& o);
std::unique_ptr<AuditReport> MakeJsonlReport(std::ostream* out, std::ostream* err, const ReportOptions& o);
std::unique_ptr<AuditReport> MakeCsvReport(std::ostream* out, std::ostream* err, const ReportOptions& o);
std::unique_ptr<AuditReport> MakeHtmlReport(std::ostream* out, std::ostream* err, const ReportOptions& o);

}  // namespace replylint

#endif  // REPLYLINT_REPORT_REPORT_UTIL_H_
