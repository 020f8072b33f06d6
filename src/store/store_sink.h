// The pipeline's results into the history (`audit --db`): a ResultSink that
// stores what it is given and passes it on unchanged to the report, so the
// report and the history hold the same replies (after baseline and
// redaction, which run before it). Each pipeline batch is committed as one
// transaction when the pipeline reports progress.
//
// A store that fails (a full disk, a lock held too long) stops being
// written; the report goes on, and error() says what was not stored.
// Thread-safety: one pipeline thread calls the sink.
#ifndef REPLYLINT_STORE_STORE_SINK_H_
#define REPLYLINT_STORE_STORE_SINK_H_

#include <string>
#include <vector>

#include "store/store.h"

namespace replylint {

class StoreSink : public ResultSink {
 public:
  // `files`: the run's input files, to tell which one a file error is about.
  StoreSink(Store* store, ResultSink* next, std::vector<std::string> files);
  void OnConversation(const Conversation& conversation, const ConversationResult& result) override;
  void OnRejected(const std::string& source, size_t line, const std::string& error) override;
  void OnProgress(const PipelineStats& so_far) override;
  void OnWarning(const std::string& warning) override;
  void OnFileError(const std::string& error) override;
  // After the run: commits the last batch and marks the run finished.
  Status Finish(bool interrupted);
  const Status& error() const { return error_; }
  // The conversations the history holds of this run (one per id).
  size_t stored() const { return store_->RunConversations(); }

 private:
  void Keep(const Status& st);
  Store* store_;
  ResultSink* next_;
  std::vector<std::string> files_;
  std::vector<std::string> pending_;  // warnings about the next conversation's line
  Status error_;
};

}  // namespace replylint

#endif  // REPLYLINT_STORE_STORE_SINK_H_
