// Progress of a long audit on standard error: conversations and replies so
// far, the rate, the share of the input done and the time left. The caller
// installs it only when standard error is a terminal (isatty), so logs,
// pipes and tests never see it.
//
// A sink decorator: forwards everything to `next`, draws one line that it
// rewrites in place (carriage return), at most five times a second and only
// once the run has taken a second, and clears it before a rejected-line,
// warning or file-error message and at the end.
// Thread-safety: the pipeline's calling thread only.
#ifndef REPLYLINT_REPORT_PROGRESS_H_
#define REPLYLINT_REPORT_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "replylint/engine.h"

namespace replylint {

class ProgressSink : public ResultSink {
 public:
  // `total_bytes`: the size of the inputs; 0 when unknown (standard input),
  // then no share and no time left are shown.
  ProgressSink(ResultSink* next, std::ostream* err, uint64_t total_bytes);
  ~ProgressSink() override { Clear(); }

  void OnConversation(const Conversation& c, const ConversationResult& r) override { next_->OnConversation(c, r); }
  void OnRejected(const std::string& source, size_t line, const std::string& error) override;
  void OnProgress(const PipelineStats& so_far) override;
  void OnWarning(const std::string& warning) override {
    Clear();
    next_->OnWarning(warning);
  }
  void OnFileError(const std::string& error) override {
    Clear();
    next_->OnFileError(error);
  }
  // Removes the progress line (also done by the destructor).
  void Clear();

  // The line for `s` after `seconds`; exposed for tests.
  static std::string Line(const PipelineStats& s, uint64_t total_bytes, double seconds);

 private:
  ResultSink* next_;
  std::ostream* err_;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

}  // namespace replylint

#endif  // REPLYLINT_REPORT_PROGRESS_H_
