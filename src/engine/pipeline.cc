// Streams JSONL through the engine on worker threads, in batches: memory is
// bounded by two batches (each a number of lines and a number of bytes), and
// results reach the sink in input order whatever the number of threads.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>

#include "base/parallel.h"
#include "engine/id_index.h"
#include "ingest/jsonl.h"
#include "ingest/source.h"
#include "replylint/engine.h"

namespace replylint {
namespace {

// A batch stops taking lines at this many bytes (it may then hold one line
// more, of at most max_line_bytes).
constexpr size_t kBatchBytes = size_t{32} << 20;
// A slot keeps the buffer of its last line for the next one, unless it grew
// past this (one huge line must not pin its memory for the rest of the run).
constexpr size_t kKeepLineCapacity = size_t{1} << 20;

struct Slot {
  std::string line;
  size_t line_number = 0;
  size_t overlong = 0;     // > 0: the line was longer than the limit and not kept
  bool converted = false;  // `conversation` was built by a converter (not JSONL): nothing to parse
  StatusOr<Conversation> conversation = Status::Internal("not parsed");
  std::vector<std::string> warnings;
  ConversationResult result;
};

struct ThreadState {
  std::unique_ptr<Worker> worker;
  ConversationParser parser;
};

std::string Size(size_t bytes) {
  char buf[64];
  if (bytes >= (1 << 20)) {
    std::snprintf(buf, sizeof buf, "%zu bytes (%.1f MiB)", bytes, static_cast<double>(bytes) / (1 << 20));
  } else if (bytes >= (1 << 10)) {
    std::snprintf(buf, sizeof buf, "%zu bytes (%.1f KiB)", bytes, static_cast<double>(bytes) / (1 << 10));
  } else {
    std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
  }
  return buf;
}

bool Stopped(const PipelineOptions& o) { return o.stop != nullptr && o.stop->load(std::memory_order_relaxed); }

}  // namespace

Status RunPipeline(const Engine& engine, const std::vector<std::string>& files, unsigned jobs, ResultSink* sink,
                   PipelineStats* stats) {
  PipelineOptions o;
  o.jobs = jobs;
  return RunPipeline(engine, files, o, sink, stats);
}

Status RunPipeline(const Engine& engine, const std::vector<std::string>& files, const PipelineOptions& options,
                   ResultSink* sink, PipelineStats* stats) {
  const unsigned jobs = std::max(1u, options.jobs);
  const size_t batch_size = 256 * jobs;
  std::vector<std::unique_ptr<ThreadState>> states;
  for (unsigned k = 0; k < jobs; ++k) {
    auto st = std::make_unique<ThreadState>();
    st->worker = engine.NewWorker();
    st->parser.set_show_value(options.show_value);
    states.push_back(std::move(st));
  }
  Status first_error;
  const std::unique_ptr<CrossAnalysis> cross = engine.StartCrossAnalysis();
  auto fail = [&](const Status& st) {
    ++stats->files_failed;
    sink->OnFileError(st.message());
    if (first_error.ok()) first_error = st;
  };
  // Two batches: with several jobs, the workers analyse one while this
  // thread reads the next and hands the previous one's results to the sink,
  // so the serial part — reading, cross-conversation checks, reports — no
  // longer leaves the other cores idle. With one job all is done in turn.
  struct Batch {
    std::vector<Slot> slots;
    size_t n = 0;
    std::atomic<size_t> next{0};
  };
  Batch batches[2];
  for (Batch& b : batches) b.slots.resize(batch_size);
  // The workers, for the whole run: a thread keeps its caches from batch to batch.
  std::unique_ptr<Crew> crew = jobs > 1 ? std::make_unique<Crew>(jobs) : nullptr;
  std::vector<std::string> names(files.size());  // as sources call themselves, for duplicate reports
  IdIndex ids;
  size_t f = 0;
  for (; f < files.size() && !Stopped(options); ++f) {
    // Other formats than JSONL come converted (conversations or rejected
    // records), each counted as one line is.
    const InputFormat format = FormatOf(files[f], options.ingest);
    std::unique_ptr<ConvertedSource> converted;
    std::unique_ptr<LineSource> lines;
    if (format != InputFormat::kJsonl) {
      auto opened = OpenConverted(files[f], format, *options.ingest);
      if (!opened.ok()) {
        fail(opened.status());
        continue;
      }
      converted = std::move(*opened);
      lines = std::move(LineSource::FromString("", converted->name()).value());  // no lines: name, counts, errors
    } else {
      auto source = LineSource::Open(files[f], options.max_line_bytes, options.stop, options.stop_fd);
      if (!source.ok()) {
        fail(source.status());  // the run goes on with the other files
        continue;
      }
      lines = std::move(*source);
    }
    ++stats->files;
    LineSource& src = *lines;
    names[f] = src.name();
    bool more = true;
    bool cut = false;  // stopped before the end of this source
    ConvertedRecord record;
    auto read = [&](Batch& batch) {
      batch.n = 0;
      size_t bytes = 0;
      while (more && batch.n < batch_size && bytes < kBatchBytes) {
        if (Stopped(options)) {
          more = false;
          cut = true;
          break;
        }
        Slot& slot = batch.slots[batch.n];
        slot.converted = converted != nullptr;
        if (converted != nullptr) {
          if (!converted->Next(&record)) {
            more = false;
            stats->bytes_read += converted->bytes();
            break;
          }
          slot.line_number = record.line;
          slot.conversation = std::move(record.conversation);
          slot.warnings = std::move(record.warnings);
          ++stats->lines_read;
          ++batch.n;
          continue;
        }
        if (!src.Next(&slot.line)) {
          more = false;
          break;
        }
        slot.overlong = src.overlong();
        stats->bytes_read += (slot.overlong > 0 ? slot.overlong : slot.line.size()) + 1;
        if (slot.overlong == 0 && slot.line.find_first_not_of(" \t\r") == std::string::npos) continue;  // no record
        slot.line_number = src.line_number();
        bytes += slot.line.size();
        ++stats->lines_read;
        ++batch.n;
      }
    };
    // A worker takes no more lines once the run is asked to stop: a batch of
    // slow conversations would otherwise hold the stop up for its whole
    // length. The lines taken are always a prefix of the batch.
    auto work = [&](Batch* batch, ThreadState* st) {
      for (;;) {
        if (Stopped(options)) break;
        const size_t i = batch->next++;
        if (i >= batch->n) break;
        Slot& slot = batch->slots[i];
        if (slot.converted) {
          if (slot.conversation.ok()) slot.result = engine.Analyze(*slot.conversation, st->worker.get());
          continue;
        }
        if (slot.overlong > 0) {
          slot.conversation = Status::InvalidArgument(
              src.name() + ":" + std::to_string(slot.line_number) + ": the line is " + Size(slot.overlong) +
              " long, more than the limit of " + Size(options.max_line_bytes) + " (--max-line-bytes)");
          continue;
        }
        slot.conversation = st->parser.Parse(slot.line, src.name(), slot.line_number);
        slot.warnings = st->parser.warnings();
        if (slot.conversation.ok()) slot.result = engine.Analyze(*slot.conversation, st->worker.get());
      }
    };
    // Starts the analysis of `batch` (one job: does it).
    auto start = [&](Batch& batch) {
      batch.next = 0;
      if (crew == nullptr) {
        work(&batch, states[0].get());
        return;
      }
      crew->Start([&work, &states, b = &batch](size_t k) { work(b, states[k].get()); });
    };
    // Waits for the analysis of the batch started last.
    auto finish = [&] {
      if (crew != nullptr) crew->Wait();
    };
    auto deliver = [&](Batch& batch) {
      // Lines read but never analysed (the run was stopped) count as not read.
      const size_t done = std::min(batch.next.load(), batch.n);
      if (done < batch.n) {
        cut = true;
        stats->lines_read -= batch.n - done;
        stats->lines_not_read += batch.n - done;
        batch.n = done;
      }
      for (size_t i = 0; i < batch.n; ++i) {
        Slot& slot = batch.slots[i];
        if (slot.conversation.ok()) {
          const Conversation& c = *slot.conversation;
          if (!slot.warnings.empty()) ++stats->repaired;
          for (const std::string& w : slot.warnings) sink->OnWarning(w);
          if (auto first = ids.Insert(c.id, {static_cast<uint32_t>(f), slot.line_number})) {
            ++stats->duplicate_ids;
            sink->OnWarning(DuplicateIdWarning(src.name(), slot.line_number,
                                               options.show_value ? options.show_value("conv", c.id) : QuotedId(c.id),
                                               names[first->file], first->line));
          }
          ++stats->conversations;
          stats->agent_messages += static_cast<size_t>(std::count_if(
              c.messages.begin(), c.messages.end(), [](const Message& m) { return m.role == Role::kAgent; }));
          cross->Add(c, &slot.result);
          sink->OnConversation(c, slot.result);
        } else {
          ++stats->rejected;
          sink->OnRejected(src.name(), slot.line_number, slot.conversation.status().message());
        }
        slot.conversation = Status::Internal("not parsed");
        slot.warnings.clear();
        slot.result = {};
        if (slot.line.capacity() > kKeepLineCapacity) std::string().swap(slot.line);
      }
      batch.n = 0;
      sink->OnProgress(*stats);
    };
    // Batch k is read while k-1 is analysed, then delivered while k is.
    Batch* running = nullptr;
    int cur = 0;
    do {  // `more` is cleared by read()
      Batch& batch = batches[cur];
      read(batch);
      if (running != nullptr) finish();
      start(batch);
      if (running != nullptr) deliver(*running);
      running = &batch;
      cur ^= 1;
    } while (more);
    if (running != nullptr) {
      finish();
      deliver(*running);
    }
    if (!src.error().ok()) fail(src.error());
    if (cut || src.interrupted()) {
      stats->interrupted = true;
      if (converted != nullptr) {
        while (converted->Next(&record)) ++stats->lines_not_read;  // records built but not analysed
      } else if (!src.countable()) {
        stats->streams_not_read.push_back(src.name());
      } else if (src.error().ok()) {
        stats->lines_not_read += src.CountRemaining();
      }
      ++f;
      break;
    }
  }
  if (Stopped(options) && f < files.size()) {
    stats->interrupted = true;
    for (; f < files.size(); ++f) {
      // Not opened unless a regular file: opening a pipe waits for a writer.
      std::error_code ec;
      if (files[f] == "-") {
        stats->streams_not_read.push_back("<stdin>");
      } else if (!std::filesystem::is_regular_file(files[f], ec)) {
        if (std::filesystem::exists(files[f], ec) && !std::filesystem::is_directory(files[f], ec)) {
          stats->streams_not_read.push_back(files[f]);
        }
      } else if (auto rest = LineSource::Open(files[f], options.max_line_bytes); rest.ok()) {
        stats->lines_not_read += (*rest)->CountRemaining();
      }
    }
  }
  return first_error;
}

}  // namespace replylint
