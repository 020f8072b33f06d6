// `replylint serve`: the API of serve/api.h and the agents' page behind HTTP
// (Debian's cpp-httplib, hidden here). The engine is built once by the
// caller; requests are answered by a pool of threads while at most `slots`
// drafts are analysed at once (the machine's cores).
//
// Limits, all in one place (ServeOptions): a body over max_body is refused
// with 413; a client that sends its request or reads its answer slower than
// the timeouts is dropped; more than max_requests requests in hand at once
// are answered 503 with Retry-After. Only a loopback address may be used
// without a token; with one, every route but /healthz and the page's files
// needs "Authorization: Bearer TOKEN" (LanguageTool clients may send it as
// the apiKey form field instead), compared in constant time. CORS headers go
// only to the origins allowed. The access log has method, path, status, size
// and time, never a draft's text unless log_text is set.
// Stop() is graceful: requests in hand (a streamed audit too) are finished,
// new ones are answered 503, then the server closes.
// Thread-safety: Stop() may be called from any thread; the rest from one.
#ifndef REPLYLINT_SERVE_SERVER_H_
#define REPLYLINT_SERVE_SERVER_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "replylint/engine.h"
#include "replylint/status.h"

namespace replylint::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  std::string token;
  std::vector<std::string> allow_origins;  // exact origins ("https://support.example.com"), or "*"
  size_t max_body = 1 << 20;
  size_t max_requests = 64;  // in hand at once (reading, waiting, analysing); more are answered 503
  unsigned slots = 1;        // drafts analysed at once
  int timeout_seconds = 10;  // to read a request, to write an answer; idle keep-alive
  bool log_text = false;     // the access log also shows the text checked
  std::ostream* log = nullptr;  // the access log; null: none
};

// Whether `host` names this machine's loopback interface.
bool IsLoopback(const std::string& host);

class Server {
 public:
  // REQUIRES: engine outlives the server.
  Server(const Engine& engine, ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address. Errors: a non-loopback address without a token, an
  // address that cannot be bound (in use, not this machine's).
  Status Bind();
  int port() const;  // after Bind(): the port bound
  // Answers requests until Stop(); requests in hand are finished first.
  Status Serve();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace replylint::serve

#endif  // REPLYLINT_SERVE_SERVER_H_
