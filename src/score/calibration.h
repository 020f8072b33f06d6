// Calibration against reviewers (`replylint calibrate`): reads back review
// samples (`replylint sample --format csv`) in which reviewers named
// themselves, marked each finding right or wrong and gave each reply their
// own 0–100 score, and measures the tool against them:
//
//   - per rule: findings judged, right, wrong, and precision as the
//     reviewers judged it (right / judged) with a 95% Wilson interval;
//   - pass/fail agreement: a reply passes when its score is at least the
//     pass score (by default the lowest score that earns the scorecard's
//     good-reply stars, 88: see CalibrationOptions), the tool's score and
//     the reviewer's review_score alike; Cohen's kappa on the 2×2 table and
//     the mean absolute difference between the two scores;
//   - the same per reviewer, and the rules that most need tuning.
//
// Why Cohen's kappa: raw agreement flatters a tool on a team where nearly
// every reply passes (a tool that passes everything agrees 90% with
// reviewers who fail one reply in ten); kappa subtracts the agreement two
// raters with those pass rates would reach by chance, so 0 means "no better
// than chance" and 1 "always agree".
//
// The reading follows the sample CSV's layout by column name, so columns may
// be moved or added in a spreadsheet; a file without a column calibration
// needs is named with the missing columns and its rows are rejected. A row
// that cannot be used (a review_score that is not a number from 0 to 100,
// more or fewer verdicts than findings, a word that is no verdict, a row
// that repeats one already read) is rejected with file:line, the column and
// what is wrong; the rest is read. Every row read is counted once as
// reviewed, not reviewed (no review_score and no verdicts) or rejected.
//
// Thread-safety: pure functions of their arguments.
#ifndef REPLYLINT_SCORE_CALIBRATION_H_
#define REPLYLINT_SCORE_CALIBRATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "replylint/status.h"
#include "score/stats.h"

namespace replylint {

enum class Verdict { kRight, kWrong, kSkipped };

// The verdicts of a finding_verdicts cell, in order. Verdicts are separated
// by commas, semicolons, slashes, spaces or line breaks; case does not
// matter. Right: right, correct, yes, y, ok, true, +, ✓, верно, правильно,
// да. Wrong: wrong, incorrect, no, n, false, fp, -, –, —, −, ✗, ×, неверно,
// неправильно, нет, ошибка. Not judged: ?, skip, пропуск. A leading ' (what
// a spreadsheet keeps of text typed as '+ - +) is dropped. An error names
// the first word that is none of these.
StatusOr<std::vector<Verdict>> ParseVerdicts(std::string_view cell);

// The rule of each finding in a sample CSV's findings cell, in order: one
// finding a line, "LINE:COL SEVERITY [rule] message…"; other lines (none
// today) are not findings.
std::vector<std::string> FindingRules(std::string_view cell);

// A review_score: a number from 0 to 100 ("72", "72.5", "72,5" as a
// Russian spreadsheet writes it); nullopt for anything else.
std::optional<double> ParseScore(std::string_view cell);

// One reviewed row of a sample CSV.
struct ReviewedReply {
  std::string source;  // file:line of the row
  std::string reviewer;
  std::string conversation;
  std::string message;
  double tool_score = 0;
  std::optional<double> review_score;
  std::vector<std::string> rules;  // the rule of each finding
  std::vector<Verdict> verdicts;   // one a finding, or none (the findings not judged)
};

struct RejectedRow {
  std::string source;  // file:line, or the file alone when the whole file is refused
  std::string error;
};

// What the files held; rows_read == reviewed.size() + not_reviewed + rejected.
struct CalibrationInput {
  std::vector<std::string> files;
  std::vector<ReviewedReply> reviewed;
  size_t rows_read = 0;
  size_t not_reviewed = 0;
  size_t rejected = 0;
  std::vector<RejectedRow> errors;  // one a rejected row, or one for a whole file
};

// The columns a reviewed sample must have.
const std::vector<std::string>& CalibrationColumns();

// Reads one sample CSV (RFC 4180; delimiter ',', or ';' or tab when the
// header uses that, as spreadsheets in some locales save; a UTF-8 byte-order
// mark is skipped) and adds its rows to *in. `name` names it in messages.
void ReadReviewedCsv(std::string_view text, const std::string& name, CalibrationInput* in);

// Findings of one rule (or of all rules) as the reviewers judged them.
struct RulePrecision {
  std::string rule;  // empty: all rules
  size_t right = 0;
  size_t wrong = 0;
  size_t not_judged = 0;  // findings of reviewed rows without a verdict (or "?")
  size_t judged() const { return right + wrong; }
  double precision() const { return judged() ? static_cast<double>(right) / static_cast<double>(judged()) : 0; }
  Interval ci95() const { return Wilson95(static_cast<double>(right), static_cast<double>(judged())); }
};

// Pass/fail agreement on the replies that have a review_score.
struct Agreement {
  size_t both_pass = 0;
  size_t both_fail = 0;
  size_t tool_fail_reviewer_pass = 0;  // the tool failed a reply the reviewer passed
  size_t tool_pass_reviewer_fail = 0;  // the tool passed a reply the reviewer failed
  size_t n() const { return both_pass + both_fail + tool_fail_reviewer_pass + tool_pass_reviewer_fail; }
  double observed() const;              // share of replies on which both agree
  std::optional<double> kappa() const;  // CohensKappa of the table
  double mean_abs_difference = 0;       // mean |review_score − score|
  double mean_difference = 0;           // mean (review_score − score): > 0, reviewers are kinder
  Interval mean_abs_difference_ci95() const { return BoundedMean95(mean_abs_difference, n(), 0, 100); }
};

// Cohen's kappa of a 2×2 table (a: both pass, b: rater 1 passes and rater 2
// fails, c: the reverse, d: both fail):
//   p_o = (a + d) / n,  p_e = ((a+b)(a+c) + (c+d)(b+d)) / n²,
//   κ = (p_o − p_e) / (1 − p_e).
// nullopt when n == 0 or p_e == 1 (both raters gave every reply the same
// mark: agreement by chance is certain and κ is undefined).
std::optional<double> CohensKappa(double a, double b, double c, double d);

struct CalibrationGroup {
  std::string reviewer;              // empty for all reviewers together
  size_t replies = 0;                // reviewed rows
  size_t scored = 0;                 // of them with a review_score
  std::vector<RulePrecision> rules;  // by rule id
  RulePrecision all;
  Agreement agreement;
};

struct CalibrationOptions {
  double pass_score = 88;  // a reply passes at or above this score (tool and reviewer)
  size_t min_judged = 5;   // a rule needs this many judged findings to be ranked for tuning
};

// A rule ranked for tuning.
struct TuningAdvice {
  std::string rule;
  size_t right = 0;
  size_t wrong = 0;
  double precision = 0;
  Interval ci95;
};

struct Calibration {
  CalibrationOptions options;
  CalibrationGroup all;
  std::vector<CalibrationGroup> reviewers;  // by name; "" (no name) first
  // Rules with at least min_judged judged findings and a wrong one, lowest
  // precision first (ties: more wrong findings first, then rule id).
  std::vector<TuningAdvice> lowest_precision;
  // Rules with the most wrong findings (ties: rule id), every rule with one.
  std::vector<TuningAdvice> most_wrong;
  // Rules with judged findings, but fewer than min_judged: too few to say.
  std::vector<TuningAdvice> too_few;
  // Signs of a sheet filled in on another scale: a reviewer whose every
  // review_score (three or more) is 5 or less gave stars, not a 0–100 score.
  std::vector<std::string> warnings;
};

Calibration Calibrate(const std::vector<ReviewedReply>& replies, const CalibrationOptions& options);

}  // namespace replylint

#endif  // REPLYLINT_SCORE_CALIBRATION_H_
