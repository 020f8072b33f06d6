#include "store/store_sink.h"

#include "engine/id_index.h"

namespace replylint {

StoreSink::StoreSink(Store* store, ResultSink* next, std::vector<std::string> files)
    : store_(store), next_(next), files_(std::move(files)) {}

void StoreSink::Keep(const Status& st) {
  if (!error_.ok() || st.ok()) return;
  error_ =
      Status::IoError(st.message() + "; the history keeps the " + std::to_string(store_->DurableRunConversations()) +
                      " conversations of the batches before, in a run marked unfinished");
}

void StoreSink::OnConversation(const Conversation& conversation, const ConversationResult& result) {
  if (error_.ok()) {
    Keep(store_->PutConversation(conversation, result, pending_));
  }
  pending_.clear();
  next_->OnConversation(conversation, result);
}

void StoreSink::OnRejected(const std::string& source, size_t line, const std::string& error) {
  if (error_.ok()) Keep(store_->PutEvent({StoredEvent::Kind::kRejected, source, line, error}));
  next_->OnRejected(source, line, error);
}

void StoreSink::OnProgress(const PipelineStats& so_far) {
  // The end of a batch: one transaction.
  if (error_.ok()) Keep(store_->Commit());
  next_->OnProgress(so_far);
}

void StoreSink::OnWarning(const std::string& warning) {
  // The history keeps one conversation per id, so a duplicate is no longer
  // one there; repair warnings go with the conversation they are about.
  if (warning.find(kDuplicateIdMark) == std::string::npos) pending_.push_back(warning);
  next_->OnWarning(warning);
}

void StoreSink::OnFileError(const std::string& error) {
  // The error names its file first ("path: why"); kept under that file so
  // that reading it again replaces it.
  std::string source;
  for (const std::string& f : files_) {
    if (error.size() > f.size() && error.compare(0, f.size(), f) == 0 && error[f.size()] == ':' &&
        f.size() > source.size()) {
      source = f;
    }
  }
  if (error_.ok()) Keep(store_->PutEvent({StoredEvent::Kind::kFileError, source, 0, error}));
  next_->OnFileError(error);
}

Status StoreSink::Finish(bool interrupted) {
  // Warnings after the last conversation (none today) are kept as events.
  for (const std::string& w : pending_) {
    if (error_.ok()) Keep(store_->PutEvent({StoredEvent::Kind::kWarning, "", 0, w}));
  }
  pending_.clear();
  if (error_.ok()) Keep(store_->FinishRun(interrupted));
  return error_;
}

}  // namespace replylint
