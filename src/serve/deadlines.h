// A deadline for each request's arrival, which Debian's cpp-httplib 0.11
// lacks: it times out each read, so a client sending a header byte every few
// seconds holds a connection thread for ever, and enough of them take every
// thread.
//
// A watcher thread looks at the server's connections twice a second (the
// process's sockets whose local port is the server's) and shuts down the
// ones that are too slow: a connection must bring a whole request header
// within `limit` of opening or of its last answer, and its body within
// `limit` of its header. While a handler runs or a streamed answer is being
// written there is no deadline (the write timeout covers a slow reader).
// Connections are known by their peer address ("127.0.0.1:50312"), as
// httplib's Request gives it.
//
// Thread-safety: every method may be called from any thread.
#ifndef REPLYLINT_SERVE_DEADLINES_H_
#define REPLYLINT_SERVE_DEADLINES_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace replylint::serve {

class RequestDeadlines {
 public:
  using Clock = std::chrono::steady_clock;
  RequestDeadlines(int port, std::chrono::milliseconds limit);
  ~RequestDeadlines();  // stops the watcher
  RequestDeadlines(const RequestDeadlines&) = delete;
  RequestDeadlines& operator=(const RequestDeadlines&) = delete;

  void HeaderRead(const std::string& peer);  // the body must follow within the limit
  void Busy(const std::string& peer);        // a handler or a streamed answer: no deadline
  void Done(const std::string& peer);        // answered: the next header within the limit
  uint64_t cut() const { return cut_; }      // connections shut down as too slow

 private:
  void Watch();

  struct Known {
    Clock::time_point deadline;
    bool busy = false;
  };
  const int port_;
  const std::chrono::milliseconds limit_;
  std::mutex mu_;
  std::map<std::string, Known> peers_;  // connections that have sent a request
  // Connections not yet heard from, by file descriptor: the peer seen there
  // and when it was first seen.
  std::map<int, std::pair<std::string, Clock::time_point>> fresh_;
  std::atomic<uint64_t> cut_{0};
  bool stop_ = false;
  std::condition_variable wake_;
  std::thread watcher_;
};

}  // namespace replylint::serve

#endif  // REPLYLINT_SERVE_DEADLINES_H_
