// Streams JSONL through the engine on worker threads, in batches: memory is
// bounded by the batch size, and results reach the sink in input order
// whatever the number of threads. The sink gets one batch while the workers
// analyse the next, so its serial work (reports, cross-conversation checks)
// overlaps the analysis.
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
  // Two batches: while the workers analyse one, the calling thread hands the
  // previous one to the sink (reports and cross-conversation checks are
  // serial), then joins the workers.
  std::vector<Slot> batches[2] = {std::vector<Slot>(batch_size), std::vector<Slot>(batch_size)};
  for (const std::string& path : files) {
    auto source = LineSource::Open(path);
    if (!source.ok()) {
      // The run goes on with the other files; the caller reports the error.
      if (first_error.ok()) first_error = source.status();
      continue;
    }
    LineSource& src = **source;
    bool more = true;
    auto read = [&](std::vector<Slot>& batch) {
      size_t n = 0;
      while (more && n < batch_size) {
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
      return n;
    };
    auto emit = [&](std::vector<Slot>& batch, size_t n) {
      if (n == 0) return;
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
    };
    // Analyses `batch` on `jobs` threads; the calling thread first emits
    // `previous` (the batch before), then works on `batch` too.
    auto analyse = [&](std::vector<Slot>& batch, size_t n, std::vector<Slot>& previous, size_t previous_n) {
      std::atomic<size_t> next{0};
      auto work = [&](ThreadState* st) {
        for (size_t i = next++; i < n; i = next++) {
          Slot& slot = batch[i];
          slot.conversation = st->parser.Parse(slot.line, src.name(), slot.line_number);
          if (slot.conversation.ok()) slot.result = engine.Analyze(*slot.conversation, st->worker.get());
        }
      };
      std::vector<std::thread> threads;
      if (jobs > 1 && n > 1) {
        for (unsigned k = 1; k < jobs; ++k) threads.emplace_back(work, states[k].get());
      }
      emit(previous, previous_n);
      work(states[0].get());
      for (auto& t : threads) t.join();
    };
    size_t cur = 0, prev_n = 0;
    while (more) {
      const size_t n = read(batches[cur]);
      analyse(batches[cur], n, batches[1 - cur], prev_n);
      prev_n = n;
      cur = 1 - cur;
    }
    emit(batches[1 - cur], prev_n);
    if (!src.error().ok() && first_error.ok()) first_error = src.error();
  }
  return first_error;
}

}  // namespace replylint
