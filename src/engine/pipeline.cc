// Streams JSONL through the engine on worker threads, in batches: memory is
// bounded by the batch size, and results reach the sink in input order
// whatever the number of threads.
#include <atomic>
#include <thread>

#include "ingest/jsonl.h"
#include "replylint/engine.h"

namespace replylint {
namespace {

struct Slot {
  std::string line;
  size_t line_number = 0;
  StatusOr<Conversation> conversation = Status::Internal("not parsed");
  ConversationResult result;
};

struct ThreadState {
  std::unique_ptr<Worker> worker;
  ConversationParser parser;
};

}  // namespace

Status RunPipeline(const Engine& engine, const std::vector<std::string>& files, unsigned jobs, ResultSink* sink,
                   PipelineStats* stats) {
  jobs = std::max(1u, jobs);
  const size_t batch_size = 256 * jobs;
  std::vector<std::unique_ptr<ThreadState>> states;
  for (unsigned k = 0; k < jobs; ++k) {
    auto st = std::make_unique<ThreadState>();
    st->worker = engine.NewWorker();
    states.push_back(std::move(st));
  }
  Status first_error;
  const std::unique_ptr<CrossAnalysis> cross = engine.StartCrossAnalysis();
  std::vector<Slot> batch(batch_size);
  for (const std::string& path : files) {
    auto source = LineSource::Open(path);
    if (!source.ok()) {
      // The run goes on with the other files; the caller reports the error.
      if (first_error.ok()) first_error = source.status();
      continue;
    }
    LineSource& src = **source;
    bool more = true;
    while (more) {
      size_t n = 0;
      while (n < batch_size) {
        Slot& slot = batch[n];
        if (!src.Next(&slot.line)) {
          more = false;
          break;
        }
        stats->bytes_read += slot.line.size() + 1;
        if (slot.line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank: no record
        slot.line_number = src.line_number();
        ++n;
      }
      std::atomic<size_t> next{0};
      auto work = [&](ThreadState* st) {
        for (size_t i = next++; i < n; i = next++) {
          Slot& slot = batch[i];
          slot.conversation = st->parser.Parse(slot.line, src.name(), slot.line_number);
          if (slot.conversation.ok()) slot.result = engine.Analyze(*slot.conversation, st->worker.get());
        }
      };
      if (jobs == 1 || n < 2) {
        work(states[0].get());
      } else {
        std::vector<std::thread> threads;
        for (unsigned k = 1; k < jobs; ++k) threads.emplace_back(work, states[k].get());
        work(states[0].get());
        for (auto& t : threads) t.join();
      }
      for (size_t i = 0; i < n; ++i) {
        Slot& slot = batch[i];
        ++stats->lines_read;
        if (slot.conversation.ok()) {
          ++stats->conversations;
          stats->agent_messages += slot.result.replies.size();
          cross->Add(*slot.conversation, &slot.result);
          sink->OnConversation(*slot.conversation, slot.result);
        } else {
          ++stats->rejected;
          sink->OnRejected(src.name(), slot.line_number, slot.conversation.status().message());
        }
        slot.conversation = Status::Internal("not parsed");
        slot.result = {};
      }
      sink->OnProgress(*stats);
    }
    if (!src.error().ok() && first_error.ok()) first_error = src.error();
  }
  return first_error;
}

}  // namespace replylint
