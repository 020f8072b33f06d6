#include "serve/deadlines.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cstdlib>
#include <set>
#include <vector>

namespace replylint::serve {
namespace {

// The port of a socket's address; -1 when it has none.
int PortOf(const sockaddr_storage& a) {
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
  if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
  return -1;
}

// The file descriptors of this process that are sockets.
std::vector<int> Sockets() {
  std::vector<int> out;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return out;
  const int own = dirfd(dir);
  while (const dirent* e = readdir(dir)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    const int fd = std::atoi(e->d_name);
    struct stat st {};
    if (fd != own && fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode)) out.push_back(fd);
  }
  closedir(dir);
  return out;
}

}  // namespace

RequestDeadlines::RequestDeadlines(int port, std::chrono::milliseconds limit)
    : port_(port), limit_(limit), watcher_([this] { Watch(); }) {}

RequestDeadlines::~RequestDeadlines() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  watcher_.join();
}

void RequestDeadlines::HeaderRead(const std::string& peer) {
  std::lock_guard<std::mutex> lock(mu_);
  peers_[peer] = {Clock::now() + limit_, false};
}

void RequestDeadlines::Busy(const std::string& peer) {
  std::lock_guard<std::mutex> lock(mu_);
  peers_[peer].busy = true;
}

void RequestDeadlines::Done(const std::string& peer) {
  std::lock_guard<std::mutex> lock(mu_);
  peers_[peer] = {Clock::now() + limit_, false};
}

void RequestDeadlines::Watch() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::milliseconds(500));
    if (stop_) break;
    lock.unlock();
    const std::vector<int> fds = Sockets();  // outside the lock: it reads /proc
    lock.lock();
    const auto now = Clock::now();
    std::set<std::string> alive;
    std::set<int> open;
    for (int fd : fds) {
      sockaddr_storage local{}, peer{};
      socklen_t n = sizeof local, m = sizeof peer;
      // The server's connections only: the listening socket has no peer.
      if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &n) != 0 || PortOf(local) != port_) continue;
      if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &m) != 0) continue;
      char host[NI_MAXHOST], serv[NI_MAXSERV];
      if (getnameinfo(reinterpret_cast<sockaddr*>(&peer), m, host, sizeof host, serv, sizeof serv,
                      NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        continue;
      }
      const std::string key = std::string(host) + ":" + serv;
      alive.insert(key);
      open.insert(fd);
      bool late = false;
      if (auto it = peers_.find(key); it != peers_.end()) {
        late = !it->second.busy && now > it->second.deadline;
        fresh_.erase(fd);
      } else {
        auto [f, added] = fresh_.try_emplace(fd, key, now);
        if (!added && f->second.first != key) f->second = {key, now};  // the descriptor was reused
        late = now - f->second.second > limit_;
      }
      if (late) {
        shutdown(fd, SHUT_RDWR);  // httplib's read fails and it closes the connection
        peers_.erase(key);
        fresh_.erase(fd);
        ++cut_;
      }
    }
    // Forget connections that are gone.
    for (auto it = peers_.begin(); it != peers_.end();) it = alive.count(it->first) ? std::next(it) : peers_.erase(it);
    for (auto it = fresh_.begin(); it != fresh_.end();) it = open.count(it->first) ? std::next(it) : fresh_.erase(it);
  }
}

}  // namespace replylint::serve
