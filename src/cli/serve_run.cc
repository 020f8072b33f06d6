// replylint-serve: runs the server for `serve` (see serve.h).
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "cli/serve.h"
#include "ingest/csv.h"
#include "serve/server.h"

namespace replylint::cli {
namespace {

// "127.0.0.1:8080", "[::1]:8080", "localhost:0".
bool SplitListen(const std::string& s, std::string* host, int* port) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size()) return false;
  *host = s.substr(0, colon);
  const std::string p = s.substr(colon + 1);
  if (p.find_first_not_of("0123456789") != std::string::npos || p.size() > 5) return false;
  *port = std::stoi(p);
  return *port <= 65535;
}

StatusOr<std::string> ReadToken(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  std::string token = *text;
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 16 || token.find_first_of(" \t\r\n") != std::string::npos) {
    return Status::InvalidArgument(path + ": the token must be one line of at least 16 characters without spaces");
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    std::cerr << "replylint: warning: " << path << " can be read by other users; chmod 600 it\n";
  }
  return token;
}

}  // namespace

int RunServe(ServeArgs& a) {
  serve::ServeOptions o;
  if (!SplitListen(a.listen, &o.host, &o.port)) {
    return Fail("--listen " + a.listen + ": give HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:0");
  }
  if (!a.token_file.empty()) {
    auto token = ReadToken(a.token_file);
    if (!token.ok()) return Fail(token.status().message());
    o.token = *token;
  }
  o.allow_origins = a.allow_origins;
  o.max_body = a.max_body;
  o.max_requests = a.max_requests;
  o.slots = a.common.jobs;
  o.timeout_seconds = a.timeout;
  o.log_text = a.log_text;
  o.log = a.quiet ? nullptr : &std::cerr;

  // SIGINT and SIGTERM are taken by one thread, which stops the server;
  // blocked here, before any other thread starts, so no thread of the pool
  // is interrupted by them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const auto start = std::chrono::steady_clock::now();
  auto engine = MakeEngine(a.common, {});
  if (!engine.ok()) return Fail(engine.status().message());
  serve::Server server(**engine, o);
  if (Status st = server.Bind(); !st.ok()) return Fail(st.message());
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  const std::string host = o.host.find(':') != std::string::npos && o.host.front() != '[' ? "[" + o.host + "]" : o.host;
  std::cerr << "replylint serve: listening on http://" << host << ':' << server.port() << "/ (" << o.slots
            << (o.slots == 1 ? " draft" : " drafts") << " at once; ready in " << ms << " ms; Ctrl-C stops)"
            << std::endl;

  std::thread waiter([&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.Stop();
  });
  const Status served = server.Serve();
  // Stopped otherwise than by a signal: wake the waiter with one.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!served.ok()) return Fail(served.message());
  std::cerr << "replylint serve: stopped\n";
  return kExitClean;
}

}  // namespace replylint::cli
