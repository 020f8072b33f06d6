#include "serve/server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <semaphore>
#include <string>
#include <thread>
#include <utility>

#include "rules/rule_spec.h"
#include "serve/api.h"
#include "serve/deadlines.h"

namespace replylint::serve {

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

namespace {

using Clock = std::chrono::steady_clock;

// Set by Send() when the answer is streamed, for the post-routing handler
// that runs next on the same thread.
thread_local bool answer_streamed = false;

std::string PeerOf(const httplib::Request& req) { return req.remote_addr + ":" + std::to_string(req.remote_port); }

// Equal tokens, in a time that depends only on the length of `given`.
bool TokenEquals(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i] ^ (expected.empty() ? 0 : expected[i % expected.size()]));
  }
  return diff == 0;
}

// The page's own files; nothing else is ever served from disk or memory.
struct Asset {
  const char* route;
  const char* file;
  const char* type;
};
constexpr Asset kAssets[] = {
    {"/", "src/serve/web/index.html", "text/html; charset=utf-8"},
    {"/app.js", "src/serve/web/app.js", "text/javascript; charset=utf-8"},
    {"/app.css", "src/serve/web/app.css", "text/css; charset=utf-8"},
};

constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

std::string UtcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

struct Server::Impl {
  Impl(const Engine& engine, ServeOptions o) : api(engine), options(std::move(o)), slots(std::max(1u, options.slots)) {}

  enum class Access { kOpen, kToken };
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  void Routes();
  void Route(const std::string& method, const std::string& path, Access access, bool analyses, Handler h);
  bool Authorized(const httplib::Request& req) const;
  void Send(HttpResponse out, bool analyses, std::string peer, httplib::Response* res);
  void Log(const httplib::Request& req, int status, size_t bytes, double seconds);

  Api api;
  ServeOptions options;
  httplib::Server http;
  std::counting_semaphore<4096> slots;
  std::atomic<size_t> in_hand{0};
  // Requests routed and not yet answered in full (a streamed answer counts
  // until its last part is written), and whether Stop() is waiting for them.
  std::atomic<size_t> active{0};
  std::atomic<bool> draining{false};
  std::mutex log_mu;
  int port = -1;
  std::unique_ptr<RequestDeadlines> deadlines;  // made by Bind(), once the port is known
};

bool Server::Impl::Authorized(const httplib::Request& req) const {
  if (options.token.empty()) return true;
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0 && TokenEquals(auth.substr(7), options.token)) return true;
  return req.has_param("apiKey") && TokenEquals(req.get_param_value("apiKey"), options.token);
}

void Server::Impl::Log(const httplib::Request& req, int status, size_t bytes, double seconds) {
  if (options.log == nullptr) return;
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.1fms", seconds * 1000);
  std::string line = UtcNow() + " " + req.remote_addr + " " + req.method + " " + req.path + " " +
                     std::to_string(status) + " " + std::to_string(bytes) + "B " + ms;
  if (options.log_text && !req.body.empty()) {
    // As a JSON string: a draft's line breaks and control bytes stay on one log line.
    line += " body=" + nlohmann::json(req.body.substr(0, 4096)).dump(-1, ' ', true,
                                                                     nlohmann::json::error_handler_t::replace);
  }
  std::lock_guard<std::mutex> lock(log_mu);
  *options.log << line << '\n' << std::flush;
}

// One slot of analysis, held while a draft is being checked.
class SlotGuard {
 public:
  explicit SlotGuard(std::counting_semaphore<4096>& s) : s_(s) { s_.acquire(); }
  ~SlotGuard() { s_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  std::counting_semaphore<4096>& s_;
};

void Server::Impl::Send(HttpResponse out, bool analyses, std::string peer, httplib::Response* res) {
  res->status = out.status;
  for (const auto& [k, v] : out.headers) res->set_header(k, v);
  if (!out.stream) {
    res->set_content(out.body, out.content_type);
    return;
  }
  // Streamed: each part is made when the client can take it, in a slot.
  ++active;  // until the last part is written or the client is gone
  answer_streamed = true;
  res->set_chunked_content_provider(
      out.content_type,
      [this, analyses, stream = std::move(out.stream)](size_t, httplib::DataSink& sink) {
        std::string chunk;
        bool more;
        {
          std::optional<SlotGuard> slot;
          if (analyses) slot.emplace(slots);
          more = stream(&chunk);
        }
        if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
        if (!more) sink.done();
        return true;
      },
      [this, peer = std::move(peer)](bool) {
        if (deadlines) deadlines->Done(peer);
        --active;
      });
}

void Server::Impl::Route(const std::string& method, const std::string& path, Access access, bool analyses,
                         Handler h) {
  auto handler = [this, path, access, analyses, h = std::move(h)](const httplib::Request& req,
                                                                   httplib::Response& res) {
    const auto start = Clock::now();
    const std::string peer = PeerOf(req);
    if (deadlines) deadlines->Busy(peer);
    ++active;
    HttpResponse out;
    if (draining) {
      out = ErrorResponse(503, "the server is shutting down; try again in a second");
      out.headers.emplace_back("Retry-After", "1");
      out.headers.emplace_back("Connection", "close");
    } else if (analyses && in_hand.fetch_add(1) >= options.max_requests) {
      in_hand.fetch_sub(1);
      api.metrics().Busy();
      out = ErrorResponse(503, "busy: too many requests at once; try again in a second");
      out.headers.emplace_back("Retry-After", "1");
    } else {
      if (access == Access::kToken && !Authorized(req)) {
        out = ErrorResponse(401, "a token is needed: send the header \"Authorization: Bearer TOKEN\"");
        out.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"replylint\"");
      } else {
        HttpRequest r;
        r.method = req.method;
        r.path = req.path;
        r.content_type = req.get_header_value("Content-Type");
        r.body = req.body;
        for (const auto& [k, v] : req.params) r.params.emplace(k, v);
        for (const auto& [k, f] : req.files) r.params.emplace(k, f.content);  // multipart form fields
        try {
          std::optional<SlotGuard> slot;
          if (analyses) slot.emplace(slots);
          out = h(r);
        } catch (const std::exception& e) {
          if (options.log != nullptr) {
            std::lock_guard<std::mutex> lock(log_mu);
            *options.log << "replylint serve: error on " << req.method << ' ' << req.path << ": " << e.what() << '\n';
          }
          out = ErrorResponse(500, "internal error; the server log has the details");
        }
      }
      if (analyses) in_hand.fetch_sub(1);
    }
    const int status = out.status;
    const size_t bytes = out.body.size();
    Send(std::move(out), analyses, peer, &res);
    --active;
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    api.metrics().Request(path, status, seconds);
    Log(req, status, bytes, seconds);
  };
  if (method == "GET") {
    http.Get(path, handler);
  } else {
    http.Post(path, handler);
  }
}

void Server::Impl::Routes() {
  Route("POST", "/api/v1/check", Access::kToken, true, [this](const HttpRequest& r) { return api.Check(r); });
  Route("POST", "/api/v1/audit", Access::kToken, true, [this](const HttpRequest& r) { return api.Audit(r); });
  Route("GET", "/api/v1/rules", Access::kToken, false, [this](const HttpRequest&) { return api.Rules(); });
  // LanguageTool's server takes /v2/check as GET with a query string too.
  for (const char* method : {"POST", "GET"}) {
    Route(method, "/v2/check", Access::kToken, true, [this](const HttpRequest& r) { return api.LanguageToolCheck(r); });
  }
  Route("GET", "/v2/languages", Access::kToken, false,
        [this](const HttpRequest&) { return api.LanguageToolLanguages(); });
  Route("GET", "/metrics", Access::kToken, false, [this](const HttpRequest&) {
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = api.metrics().Prometheus();
    return r;
  });
  Route("GET", "/healthz", Access::kOpen, false, [](const HttpRequest&) {
    HttpResponse r;
    r.body = "{\"status\":\"ok\"}\n";
    return r;
  });
  for (const Asset& a : kAssets) {
    auto text = ReadDataFile("", a.file);
    const std::string body = text.ok() ? *text : std::string();
    const std::string type = a.type;
    Route("GET", a.route, Access::kOpen, false, [body, type](const HttpRequest&) {
      HttpResponse r;
      if (body.empty()) return ErrorResponse(500, "the page is missing from this build");
      r.content_type = type;
      r.body = body;
      r.headers.emplace_back("Content-Security-Policy", kPagePolicy);
      return r;
    });
  }
  // Browsers ask for an icon; the page has none.
  http.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  // CORS preflight: allowed origins learn what they may send.
  http.Options(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
}

Server::Server(const Engine& engine, ServeOptions options)
    : impl_(std::make_unique<Impl>(engine, std::move(options))) {
  Impl* impl = impl_.get();
  httplib::Server& http = impl->http;
  const ServeOptions& o = impl->options;
  http.set_payload_max_length(o.max_body);
  http.set_read_timeout(o.timeout_seconds, 0);
  http.set_write_timeout(o.timeout_seconds, 0);
  http.set_keep_alive_timeout(o.timeout_seconds);
  http.set_keep_alive_max_count(1000);
  // Answers are small and leave in more than one write (headers, body):
  // without it, Nagle's algorithm holds the second for the client's delayed
  // ACK, 40 ms on Linux.
  http.set_tcp_nodelay(true);
  // Connections are served by a pool larger than max_requests, so a request
  // over the limit still finds a thread to be told 503 on.
  const size_t threads = o.max_requests + 4;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // The header is in: the body must follow within the time limit.
  http.set_pre_routing_handler([impl](const httplib::Request& req, httplib::Response&) {
    if (impl->deadlines) impl->deadlines->HeaderRead(PeerOf(req));
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_post_routing_handler([impl](const httplib::Request& req, httplib::Response& res) {
    // Answered (a streamed answer: once its last part is out): the next
    // request's header must come within the time limit.
    if (impl->deadlines && !answer_streamed) impl->deadlines->Done(PeerOf(req));
    answer_streamed = false;
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty()) return;
    for (const std::string& allowed : impl->options.allow_origins) {
      if (allowed == "*" || allowed == origin) {
        res.set_header("Access-Control-Allow-Origin", allowed == "*" ? "*" : origin);
        res.set_header("Vary", "Origin");
        res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
        break;
      }
    }
  });
  // httplib's own answers (404, 413, 400 for a malformed request) as JSON too.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const char* what = res.status == 404   ? "no such route: see docs/serve.md"
                       : res.status == 413 ? "the body is larger than the server's limit (--max-body)"
                       : res.status == 405 ? "method not allowed on this route"
                                           : "bad request";
    HttpResponse e = ErrorResponse(res.status, what);
    res.set_content(e.body, e.content_type);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([impl](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      if (impl->options.log != nullptr) {
        std::lock_guard<std::mutex> lock(impl->log_mu);
        *impl->options.log << "replylint serve: error: " << e.what() << '\n';
      }
    } catch (...) {
    }
    HttpResponse e = ErrorResponse(500, "internal error; the server log has the details");
    res.status = 500;
    res.set_content(e.body, e.content_type);
  });
  impl->Routes();
}

Server::~Server() = default;

Status Server::Bind() {
  const ServeOptions& o = impl_->options;
  if (!IsLoopback(o.host) && o.token.empty()) {
    return Status::InvalidArgument("listening on " + o.host +
                                   " (not this machine's loopback) needs --token-file: anyone who can reach it "
                                   "could read the drafts sent");
  }
  std::string host = o.host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(host);
  } else {
    impl_->port = impl_->http.bind_to_port(host, o.port) ? o.port : -1;
  }
  if (impl_->port < 0) {
    return Status::IoError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                           ": the port is in use or the address is not this machine's");
  }
  impl_->deadlines = std::make_unique<RequestDeadlines>(impl_->port, std::chrono::seconds(o.timeout_seconds));
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

Status Server::Serve() {
  if (!impl_->http.listen_after_bind()) return Status::IoError("the server stopped on an error");
  return Status::Ok();
}

void Server::Stop() {
  // httplib's stop() cuts a streamed answer short, so first let every
  // request in hand finish (new ones are told 503), for at most a minute.
  impl_->draining = true;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (impl_->active > 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  impl_->http.stop();
}

}  // namespace replylint::serve
