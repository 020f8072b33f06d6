// Reports: turn finished results into text, JSON or JSON Lines. Reports
// compute nothing about the replies: they format findings and scores and
// count what they are given. Line and column are computed here, once per
// finding, from the original message text.
//
// Thread-safety: writers are used from the pipeline's calling thread only.
#ifndef REPLYLINT_REPORT_REPORT_H_
#define REPLYLINT_REPORT_REPORT_H_

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "replylint/engine.h"
#include "score/score.h"

namespace replylint {

enum class Format { kText, kJson, kJsonl };
StatusOr<Format> ParseFormat(const std::string& name, const std::vector<Format>& allowed);

// Counts that every audit report ends with.
struct AuditSummary {
  PipelineStats stats;                     // what the reader counted
  size_t conversations = 0;                // conversations this report received
  size_t rejected = 0;                     // rejected lines this report received
  size_t analysed = 0;                     // agent messages analysed
  size_t skipped = 0;                      // agent messages not analysed (language)
  std::map<std::string, size_t> skipped_by_lang;  // by the language told ("de"); "" when not told
  std::map<std::string, size_t> by_rule;   // findings per rule
  std::map<Severity, size_t> by_severity;  // findings per severity
  size_t failing_replies = 0;              // replies with a finding at or above the fail level
  Aggregate score;
  std::map<int, size_t> stars;  // stars -> replies
  std::map<std::string, Aggregate> by_agent;
  std::map<std::string, Aggregate> by_team;
};

// Whether the counts prove nothing was lost: every line the reader took was
// received as a conversation or a rejection, and every agent message read
// came back analysed or skipped. False is a bug in replylint.
bool Conserved(const AuditSummary& s);
// The summary line that shows the counts (and says whether they add up).
std::string ConservationLine(const AuditSummary& s);
// What an interrupted run did not read.
std::string InterruptedLine(const PipelineStats& s);

// A sink that writes the audit report in one format and keeps the summary.
class AuditReport : public ResultSink {
 public:
  // `out` receives the report; `err` the rejected-line messages.
  static std::unique_ptr<AuditReport> Make(Format format, std::ostream* out, std::ostream* err, Severity fail_level);
  ~AuditReport() override = default;

  void OnConversation(const Conversation& conversation, const ConversationResult& result) override;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override;
  void OnWarning(const std::string& warning) override;
  void OnFileError(const std::string& error) override;
  // Writes what closes the report (the summary). Call once, after the run.
  void Finish(const PipelineStats& stats) {
    summary_.stats = stats;
    WriteEnd();
  }
  const AuditSummary& summary() const { return summary_; }

 protected:
  AuditReport(std::ostream* out, std::ostream* err, Severity fail_level)
      : out_(out), err_(err), fail_level_(fail_level) {}
  virtual void WriteReply(const Conversation& c, const MessageResult& r) = 0;
  virtual void WriteEnd() = 0;

  std::ostream* out_;
  std::ostream* err_;
  Severity fail_level_;
  AuditSummary summary_;
};

// Human-readable findings of one draft (the `check` command): each finding
// with its line, a caret line under the span, the message and the suggestion.
void WriteCheckText(const Conversation& c, const MessageResult& r, const std::string& name, std::ostream& out);

// The contract's per-reply JSON record (§4).
std::string ReplyRecordJson(const Conversation& c, const MessageResult& r);

}  // namespace replylint

#endif  // REPLYLINT_REPORT_REPORT_H_
