// replylint serve: the agents' page and the HTTP API (docs/serve.md).
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "cli/common.h"
#include "ingest/csv.h"
#include "serve/server.h"

namespace replylint::cli {
namespace {

struct ServeArgs {
  Common common;
  std::string listen = "127.0.0.1:8080";
  std::string token_file;
  std::vector<std::string> allow_origins;
  size_t max_body = 1 << 20;
  size_t max_requests = 64;
  int timeout = 10;
  bool log_text = false;
  bool quiet = false;
};

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

std::function<int()> Setup(CLI::App* cmd) {
  auto a = std::make_shared<ServeArgs>();
  cmd->add_option("--listen", a->listen,
                  "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free one). Not loopback: needs "
                  "--token-file");
  cmd->add_option("--token-file", a->token_file,
                  "File holding the bearer token clients must send (Authorization: Bearer TOKEN)");
  cmd->add_option("--allow-origin", a->allow_origins,
                  "A web origin whose pages may call the API (CORS), e.g. https://support.example.com; repeatable");
  cmd->add_option("--max-body", a->max_body, "Largest request body, e.g. 1MiB (default); larger gets 413")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  cmd->add_option("--max-requests", a->max_requests,
                  "Requests handled at once (default 64); more are answered 503 with Retry-After")
      ->check(CLI::Range(size_t{1}, size_t{4096}));
  cmd->add_option("--timeout", a->timeout, "Seconds to read a request or write an answer (default 10)")
      ->check(CLI::Range(1, 600));
  cmd->add_option("-j,--jobs", a->common.jobs, "Drafts analysed at once (default: the number of cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_flag("--log-text", a->log_text, "Also write the text of each request to the access log");
  cmd->add_flag("--quiet", a->quiet, "No access log");
  AddCommon(cmd, &a->common, false);
  AddTemplates(cmd, &a->common);
  return [a] { return RunServe(*a); };
}

}  // namespace

const Command kServeCommand = {"serve", "Serve the agents' page and the HTTP API (LanguageTool-compatible)", Setup};

}  // namespace replylint::cli
