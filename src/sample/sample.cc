#include "sample/sample.h"

#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "ingest/jsonl.h"
#include "ingest/source.h"
#include "redact/phones.h"
#include "redact/redact.h"
#include "score/stats.h"

namespace replylint {
namespace {

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Candidate {
  size_t file = 0;
  size_t line = 0;
  size_t message = 0;
  size_t ordinal = 0;  // input order of the reply
  double weight = 1;
  double key = 0;  // log(u) / w: larger is drawn first
};

// Pass 1: score every reply and remember what choosing needs.
class Collector : public ResultSink {
 public:
  Collector(const SampleOptions& o, Severity fail_level, const std::map<std::string, size_t>& file_index,
            ResultSink* rejected, const std::string& stdin_copy)
      : o_(o), fail_level_(fail_level), files_(file_index), rejected_(rejected), stdin_copy_(stdin_copy) {}

  void OnConversation(const Conversation& c, const ConversationResult& result) override {
    for (const MessageResult& r : result.replies) {
      if (!r.analysed) continue;
      if (o_.filter && o_.filter->Judge(c, r) != ReplyFilter::Verdict::kKept) {
        ++filtered_;
        continue;
      }
      Candidate k;
      k.file = files_.at(c.source);
      k.line = c.line;
      k.message = r.message;
      k.ordinal = ordinal_++;
      bool focus = false, failing = false;
      for (const Finding& f : r.findings) {
        if (std::find(o_.focus.begin(), o_.focus.end(), f.rule) != o_.focus.end()) focus = true;
        if (f.severity >= fail_level_) failing = true;
      }
      if (failing) ++failing_;
      if (o_.low_scores) k.weight = 1 + o_.boost * (100 - r.score) / 100.0;
      if (focus) k.weight *= 1 + o_.boost;
      k.key = std::log(SampleUniform(o_.seed, c.id, r.message)) / k.weight;
      by_agent_[c.messages[r.message].AgentKey()].push_back(k);
    }
  }
  void OnRejected(const std::string& source, size_t line, const std::string& error) override {
    rejected_->OnRejected(source == stdin_copy_ ? "<stdin>" : source, line, AsGiven(error));
  }
  void OnWarning(const std::string& warning) override { rejected_->OnWarning(AsGiven(warning)); }
  void OnFileError(const std::string& error) override { rejected_->OnFileError(AsGiven(error)); }

  std::map<std::string, std::vector<Candidate>> by_agent_;
  size_t failing_ = 0;
  size_t filtered_ = 0;

 private:
  // A message that names the copy of standard input names <stdin> instead.
  std::string AsGiven(const std::string& message) const {
    if (stdin_copy_.empty() || message.rfind(stdin_copy_, 0) != 0) return message;
    return "<stdin>" + message.substr(stdin_copy_.size());
  }

  const SampleOptions& o_;
  Severity fail_level_;
  const std::map<std::string, size_t>& files_;
  ResultSink* rejected_;
  std::string stdin_copy_;
  size_t ordinal_ = 0;
};

// Copies standard input to a temporary file, removed when this goes away.
class StdinCopy {
 public:
  ~StdinCopy() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  Status Make() {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/replylint-sample-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return Status::IoError("cannot create a temporary file for standard input in " + tmpl);
    ::close(fd);
    path_ = tmpl;
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << std::cin.rdbuf();
    out.close();
    if (!out) return Status::IoError(path_ + ": cannot copy standard input");
    return Status::Ok();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

double SampleUniform(uint64_t seed, const std::string& conversation, size_t message) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the id, then the index
  for (unsigned char ch : conversation) h = (h ^ ch) * 0x100000001b3ULL;
  h = Mix(h ^ Mix(seed) ^ Mix(static_cast<uint64_t>(message) + 0x51ed2701ULL));
  return (static_cast<double>(h >> 11) + 0.5) / 9007199254740992.0;  // (0, 1)
}

StatusOr<SampleResult> DrawSample(const Engine& engine, const std::vector<std::string>& inputs, unsigned jobs,
                                  const SampleOptions& o, Severity fail_level, ResultSink* rejected) {
  assert((o.per_agent > 0) != (o.share > 0));
  StdinCopy stdin_copy;
  std::vector<std::string> files = inputs;
  for (std::string& f : files) {
    if (f != "-") continue;
    if (stdin_copy.path().empty()) {
      if (Status st = stdin_copy.Make(); !st.ok()) return st;
    }
    f = stdin_copy.path();
  }
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < files.size(); ++i) index.emplace(files[i], i);

  SampleResult out;
  Collector collect(o, fail_level, index, rejected, stdin_copy.path());
  // One redactor for the whole run: the ids warnings show are the hashes the
  // sample shows.
  std::optional<Redactor> redactor;
  PipelineOptions options;
  options.jobs = jobs;
  options.ingest = o.ingest;
  if (o.redact) {
    if (Status st = LoadPhoneMatcher(); !st.ok()) return Status::Internal("--redact: " + st.message());
    redactor.emplace(o.redact_key);
    options.show_value = [&redactor](const char* kind, const std::string& value) {
      return redactor->HashId(kind, value);
    };
  }
  Status first_error = RunPipeline(engine, files, options, &collect, &out.stats);
  out.failing_replies = collect.failing_;
  out.filtered = collect.filtered_;
  out.weighted = o.low_scores || !o.focus.empty();

  // Choose per agent; remember the chosen (file, line) -> messages.
  std::map<std::pair<size_t, size_t>, std::map<size_t, double>> chosen;  // (file, line) -> message -> weight
  std::vector<std::pair<double, double>> strata;
  for (auto& [agent, cands] : collect.by_agent_) {
    SampleStratum s;
    s.agent = agent;
    s.population = cands.size();
    const size_t quota =
        o.per_agent > 0 ? std::min(o.per_agent, cands.size())
                        : std::min(cands.size(),
                                   static_cast<size_t>(std::ceil(o.share * static_cast<double>(cands.size()) - 1e-9)));
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      return a.key != b.key ? a.key > b.key : a.ordinal < b.ordinal;
    });
    std::vector<double> inverse;
    for (size_t i = 0; i < quota; ++i) {
      chosen[{cands[i].file, cands[i].line}][cands[i].message] = cands[i].weight;
      inverse.push_back(1 / cands[i].weight);
    }
    s.sampled = quota;
    s.effective = out.weighted ? KishEffectiveSize(inverse) : static_cast<double>(quota);
    s.margin = MarginOfError95(s.effective, static_cast<double>(s.population));
    strata.emplace_back(s.effective, static_cast<double>(s.population));
    out.population += s.population;
    out.sampled += s.sampled;
    out.strata.push_back(std::move(s));
  }
  out.margin = StratifiedMarginOfError95(strata);

  // Pass 2: fetch and analyse the chosen conversations again.
  ConversationParser parser;
  parser.set_show_value(options.show_value);
  auto worker = engine.NewWorker();
  for (size_t fi = 0; fi < files.size(); ++fi) {
    auto first = chosen.lower_bound({fi, 0});
    if (first == chosen.end() || first->first.first != fi) continue;
    // Other formats are converted again; their records carry the same
    // numbers as in pass 1.
    const InputFormat format = FormatOf(files[fi], o.ingest);
    std::unique_ptr<ConvertedSource> converted;
    std::unique_ptr<LineSource> lines;
    if (format != InputFormat::kJsonl) {
      auto opened = OpenConverted(files[fi], format, *o.ingest);
      if (!opened.ok()) {
        if (first_error.ok()) first_error = opened.status();
        continue;
      }
      converted = std::move(*opened);
    } else {
      auto src = LineSource::Open(files[fi]);
      if (!src.ok()) {
        if (first_error.ok()) first_error = src.status();
        continue;
      }
      lines = std::move(*src);
    }
    std::string line;
    ConvertedRecord record;
    for (;;) {
      size_t number = 0;
      if (converted != nullptr) {
        if (!converted->Next(&record)) break;
        number = record.line;
      } else {
        if (!lines->Next(&line)) break;
        number = lines->line_number();
      }
      auto it = chosen.find({fi, number});
      if (it == chosen.end()) continue;
      auto c = converted != nullptr ? std::move(record.conversation) : parser.Parse(line, lines->name(), number);
      if (!c.ok()) return Status::IoError(files[fi] + " changed while it was sampled: " + c.status().message());
      if (files[fi] == stdin_copy.path()) c->source = "<stdin>";
      const ConversationResult result = engine.Analyze(*c, worker.get());
      for (const MessageResult& r : result.replies) {
        auto w = it->second.find(r.message);
        if (w == it->second.end()) continue;
        SampledReply s;
        s.conversation = *c;
        s.result = r;
        s.weight = w->second;
        s.customer_name = result.customer_name;
        out.replies.push_back(std::move(s));
      }
    }
  }
  // By agent; the stable sort keeps input order (file, line, message) within one.
  std::stable_sort(out.replies.begin(), out.replies.end(), [](const SampledReply& x, const SampledReply& y) {
    return x.conversation.messages[x.result.message].AgentKey() < y.conversation.messages[y.result.message].AgentKey();
  });
  if (redactor) {
    // After sorting: masks are numbered in the order the reviewer reads.
    std::map<std::string, std::string> agents;  // agent key -> as redacted
    for (SampledReply& s : out.replies) {
      const std::string agent = s.conversation.messages[s.result.message].AgentKey();
      ConversationResult one;
      one.replies.push_back(std::move(s.result));
      one.customer_name = std::move(s.customer_name);
      redactor->Redact(&s.conversation, &one);
      s.result = std::move(one.replies[0]);
      agents.emplace(agent, s.conversation.messages[s.result.message].AgentKey());
    }
    // Every stratum has a sampled reply; the hash is for safety's sake.
    for (SampleStratum& st : out.strata) {
      const auto it = agents.find(st.agent);
      st.agent = it != agents.end() ? it->second : redactor->HashId("agent", st.agent);
    }
  }
  out.error = first_error;
  return out;
}

}  // namespace replylint
