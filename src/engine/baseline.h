// Baselines for audit: a team adopting the tool on old replies records
// today's findings (--write-baseline) and from then on sees only new ones
// (--baseline). A finding's key is its rule, the conversation id, the
// message index and its text with case and spacing normalised — not byte
// offsets — so an edit elsewhere in the reply keeps it accepted.
//
// Pipeline position: a ResultSink between the pipeline and the reports;
// accepted findings leave the reply, which is scored again, and are counted
// in MessageResult::baselined.
// Thread-safety: one pipeline thread calls the sink.
#ifndef REPLYLINT_ENGINE_BASELINE_H_
#define REPLYLINT_ENGINE_BASELINE_H_

#include <ostream>
#include <set>
#include <string>

#include "replylint/engine.h"

namespace replylint {

// The key of a finding of an audited reply (16 hex digits).
std::string ReplyFindingKey(const Conversation& c, size_t message, const Finding& f);

class BaselineSink : public ResultSink {
 public:
  // `accepted`: the baseline read (null: none); `write`: where to record
  // every finding seen, accepted or new, as the next baseline (null: none).
  BaselineSink(ResultSink* next, const Engine& engine, const std::set<std::string>* accepted, std::ostream* write);
  void OnConversation(const Conversation& conversation, const ConversationResult& result) override;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override {
    next_->OnRejected(source, line, error);
  }
  void OnProgress(const PipelineStats& so_far) override { next_->OnProgress(so_far); }
  void OnWarning(const std::string& warning) override { next_->OnWarning(warning); }
  void OnFileError(const std::string& error) override { next_->OnFileError(error); }
  size_t written() const { return written_; }

 private:
  ResultSink* next_;
  const Engine& engine_;
  const std::set<std::string>* accepted_;
  std::ostream* write_;
  std::set<std::string> seen_;  // keys written, once each
  size_t written_ = 0;
};

}  // namespace replylint

#endif  // REPLYLINT_ENGINE_BASELINE_H_
