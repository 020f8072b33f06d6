// The HTTP API of `replylint serve`, as plain request-to-response functions
// (testable without sockets; src/serve/server.cc puts them behind HTTP):
//
//   POST /api/v1/check   one draft with its context (JSON) -> the reply record
//                        of `check --format json`, with UTF-16 offsets added
//   POST /api/v1/audit   conversations (JSON Lines) -> reply records, streamed
//   GET  /api/v1/rules   the rules, their summaries and parameters
//   POST /v2/check       LanguageTool's check API (form fields), its answer shape
//   GET  /v2/languages   LanguageTool's language list
//   GET  /metrics        Prometheus text
//
// Errors are JSON, {"error": {"code": 400, "message": "..."}}; a message
// quotes nothing of the request but key names and sizes, so nothing a client
// sent comes back unescaped. docs/serve.md describes every field.
// Thread-safety: every handler is const and may run on many threads at once
// (each thread keeps its own engine Worker and JSON parser).
#ifndef REPLYLINT_SERVE_API_H_
#define REPLYLINT_SERVE_API_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "replylint/engine.h"

namespace replylint::serve {

struct HttpRequest {
  std::string method;
  std::string path;
  std::string content_type;
  std::string body;
  std::multimap<std::string, std::string> params;  // query string and form fields
  const std::string* Param(const std::string& key) const {
    auto it = params.find(key);
    return it == params.end() ? nullptr : &it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A streamed body (audit): called until it returns false, each call
  // appending the next part to *chunk. Unset: `body` is the whole answer.
  std::function<bool(std::string* chunk)> stream;
};

// {"error": {"code": status, "message": message}}.
HttpResponse ErrorResponse(int status, std::string_view message);

// Requests, latency and findings, for GET /metrics (Prometheus text format).
class Metrics {
 public:
  void Request(const std::string& route, int status, double seconds);
  void Finding(const std::string& rule);
  void Busy() {
    std::lock_guard<std::mutex> lock(mu_);
    ++busy_;
  }
  std::string Prometheus() const;

 private:
  static constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  static constexpr size_t kBucketCount = sizeof(kBuckets) / sizeof(kBuckets[0]);
  struct Latency {
    uint64_t le[kBucketCount] = {};  // cumulative, as Prometheus wants them
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // (route, status)
  std::map<std::string, Latency> latency_;                     // by route
  std::map<std::string, uint64_t> findings_;                   // by rule
  uint64_t busy_ = 0;                                          // answered 503: too many requests at once
};

class Api {
 public:
  explicit Api(const Engine& engine);

  HttpResponse Check(const HttpRequest& request) const;
  HttpResponse Audit(const HttpRequest& request) const;
  HttpResponse Rules() const;
  HttpResponse LanguageToolCheck(const HttpRequest& request) const;
  HttpResponse LanguageToolLanguages() const;

  Metrics& metrics() const { return metrics_; }

 private:
  Worker* ThreadWorker() const;
  void CountFindings(const MessageResult& r) const;

  const Engine& engine_;
  uint64_t id_;  // tells this Api's thread-local Workers from another's
  mutable Metrics metrics_;
};

// UTF-16 code units in text[0, bytes): the offsets LanguageTool clients
// count in (Java and JavaScript string indexes). Ill-formed bytes count as
// one unit each, as U+FFFD.
size_t Utf16Length(std::string_view text, size_t bytes);

}  // namespace replylint::serve

#endif  // REPLYLINT_SERVE_API_H_
