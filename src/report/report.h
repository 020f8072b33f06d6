// Reports: turn finished results into text, CSV, JSON, JSON Lines or one
// self-contained HTML page. Reports format what they are given: findings and
// scores come from the engine, aggregates, rankings and goals from src/score.
// Line and column are computed here, once per finding, from the message text.
//
// Thread-safety: writers are used from the pipeline's calling thread only.
#ifndef REPLYLINT_REPORT_REPORT_H_
#define REPLYLINT_REPORT_REPORT_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "replylint/engine.h"
#include "score/aggregate.h"
#include "score/filter.h"
#include "score/goal.h"
#include "score/score.h"
#include "score/trend.h"

namespace replylint {

enum class Format { kText, kJson, kJsonl, kCsv, kHtml };
StatusOr<Format> ParseFormat(const std::string& name, const std::vector<Format>& allowed);

struct ReportOptions {
  Severity fail_level = Severity::kError;
  // text, json, html: the group tables shown (empty: agent, team, channel).
  // csv, jsonl: one row per group of by[0] instead of one per reply.
  std::vector<GroupBy> by;
  size_t min_replies = 20;                           // to be ranked on a leaderboard
  std::optional<Goal> goal;                          // where each team and agent stands
  size_t worst = 10;                                 // html: the worst replies shown with their text
  int good_stars = 5;                                // the scorecard's good reply
  std::vector<std::pair<int, int>> star_thresholds;  // the scorecard's (stars, lowest score)
  bool color = false;               // text: ANSI colours (the CLI decides: --color, NO_COLOR, a terminal)
  ReplyFilter filter;               // which replies are reported; the others are counted
  std::optional<Period> period;     // trends per day, week or month (text, json, html)
  size_t drill = 20;                // html: each agent's worst replies with findings, shown in full
  std::vector<std::string> inputs;  // html: what the report is about, as given (files, histories)
};

// A sink that writes the audit report in one format and keeps the totals.
class AuditReport : public ResultSink {
 public:
  // `out` receives the report; `err` the rejected-line messages.
  static std::unique_ptr<AuditReport> Make(Format format, std::ostream* out, std::ostream* err,
                                           const ReportOptions& options);
  ~AuditReport() override = default;

  void OnConversation(const Conversation& conversation, const ConversationResult& result) override;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override;
  void OnWarning(const std::string& warning) override;
  void OnFileError(const std::string& error) override;
  // Writes what closes the report (summary, leaderboard, goals). Call once,
  // after the run.
  void Finish(const PipelineStats& stats) {
    stats_ = stats;
    WriteEnd();
  }
  const AuditTotals& totals() const { return totals_; }
  size_t conversations() const { return received_conversations_; }  // received
  size_t rejected() const { return received_rejected_; }            // received

  // After Finish(): whether the counts prove nothing was lost. Every line the
  // reader took (stats) came here as a conversation or a rejection, and every
  // agent message read came back analysed or skipped. False is a bug.
  bool Conserved() const;
  // The summary line that shows those counts and whether they add up.
  std::string ConservationLine() const;

  // For the writers (the class is abstract); use Make().
  AuditReport(std::ostream* out, std::ostream* err, const ReportOptions& options);

 protected:
  virtual void WriteReply(const Conversation& c, const MessageResult& r) = 0;
  virtual void WriteEnd() = 0;
  // The group tables to show (options.by, or the default).
  std::vector<GroupBy> Groups() const;

  std::ostream* out_;
  std::ostream* err_;
  ReportOptions options_;
  PipelineStats stats_;
  AuditTotals totals_;
  size_t received_conversations_ = 0;
  size_t received_rejected_ = 0;
  std::map<std::string, size_t> skipped_by_lang_;  // by the language told ("de"); "" when not told
  // Replies left out by options_.filter, by reason.
  size_t filtered_no_date_ = 0, filtered_dates_ = 0, filtered_other_ = 0;
  size_t filtered() const { return filtered_no_date_ + filtered_dates_ + filtered_other_; }
  std::string FilteredLine() const;  // "filtered out: N replies (…)"; empty when no filter
  std::optional<Trends> trends_;     // with options_.period
  // The first and last reported reply's time (ms, UTC; a time without a
  // zone as if UTC); unset when no reported reply has one.
  std::optional<int64_t> first_at_, last_at_;
};

// What an interrupted run did not read, for its summary.
std::string InterruptedLine(const PipelineStats& stats);

// How `check` writes for a person at a terminal.
struct CheckTextOptions {
  bool color = false;  // ANSI colours (the CLI decides: --color, NO_COLOR, a TTY)
  size_t width = 100;  // a source line wider than this is shown as a window around the span
};

// Human-readable findings of one draft (the `check` command): each finding
// with its line, a caret line under the span (a span over several lines: its
// first and last line with an ellipsis between), the message and the
// suggestion; then how many `--fix` can apply, and the draft's score.
void WriteCheckText(const Conversation& c, const MessageResult& r, const std::string& name, std::ostream& out,
                    const CheckTextOptions& options = {});

// The draft with the findings' safe fixes (Finding::fix) applied, and how
// many were; a fix whose span overlaps an earlier one's is left out (the
// next run finds what remains).
std::pair<std::string, size_t> ApplyFixes(std::string_view text, const std::vector<Finding>& findings);

// A unified diff (one hunk, 3 lines of context) from `before` to `after`,
// for `check --fix-dry-run`; empty when they are equal.
std::string UnifiedDiff(std::string_view before, std::string_view after, const std::string& name);

// The contract's per-reply JSON record (§4), plus analysed, critical and
// costs: as one line of text (appended to *out, or returned), and as a
// value to add keys to (serve, samples), read back from that line.
void AppendReplyRecord(const Conversation& c, const MessageResult& r, std::string* out);
std::string ReplyRecordJson(const Conversation& c, const MessageResult& r);
nlohmann::ordered_json ReplyJson(const Conversation& c, const MessageResult& r);

}  // namespace replylint

#endif  // REPLYLINT_REPORT_REPORT_H_
