#include "cli/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <ext/stdio_filebuf.h>
#include <filesystem>
#include <iostream>

namespace replylint::cli {

namespace fs = std::filesystem;

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

namespace {

// The temporary files being written (a command writes at most two: a
// report and a baseline), for the signal handlers, which may only call
// async-signal-safe functions (unlink, signal, raise). A slot is in use
// while its first byte is not NUL; that byte is written last.
constexpr int kTmpSlots = 4;
char g_tmp_paths[kTmpSlots][PATH_MAX + 1] = {};

int HoldTmpPath(const std::string& path) {
  if (path.empty() || path.size() > PATH_MAX) return -1;
  for (int i = 0; i < kTmpSlots; ++i) {
    if (g_tmp_paths[i][0] != '\0') continue;
    std::memcpy(g_tmp_paths[i] + 1, path.c_str() + 1, path.size());  // with the NUL
    std::atomic_signal_fence(std::memory_order_release);
    g_tmp_paths[i][0] = path[0];
    return i;
  }
  return -1;
}

void ReleaseTmpPath(int slot) {
  if (slot >= 0) g_tmp_paths[slot][0] = '\0';
}

void UnlinkTmpFiles() {
  for (const char* p : g_tmp_paths) {
    if (p[0] != '\0') unlink(p);
  }
}

// The stop pipe's ends (StopFd): the handler writes to [1].
int g_stop_pipe[2] = {-1, -1};

extern "C" void OnStopSignal(int sig) {
  if (!g_stop.exchange(true)) {  // the first: stop reading, report what was done
    if (g_stop_pipe[1] >= 0) {
      const int saved = errno;
      const char byte = 1;
      [[maybe_unused]] const ssize_t n = write(g_stop_pipe[1], &byte, 1);
      errno = saved;
    }
    return;
  }
  UnlinkTmpFiles();
  signal(sig, SIG_DFL);
  raise(sig);
}

// A command without StopOnSignal ends at the signal, as by default, but
// without leaving its temporary files behind.
extern "C" void OnEndSignal(int sig) {
  UnlinkTmpFiles();
  signal(sig, SIG_DFL);
  raise(sig);
}

void RemoveTmpOnSignal() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;  // StopOnSignal's, or ignored
    struct sigaction sa {};
    sa.sa_handler = OnEndSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

}  // namespace

int StopFd() {
  static const int fd = [] {
    if (pipe2(g_stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) g_stop_pipe[0] = g_stop_pipe[1] = -1;
    return g_stop_pipe[0];
  }();
  return fd;
}

// Without SA_RESTART a read blocked on a pipe returns when the signal comes
// to its thread; the stop pipe wakes it when the signal comes to another
// (StopFd), so standard input cannot hold the stop up.
StopOnSignal::StopOnSignal() {
  StopFd();  // before the handler may write to it
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

StopOnSignal::~StopOnSignal() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

Output::Output(std::string path, const std::vector<std::string>& inputs) : path_(std::move(path)) {
  if (path_.empty()) return;
  struct stat out {};
  const bool exists = ::stat(path_.c_str(), &out) == 0;
  if (exists) {
    for (const std::string& in : inputs) {
      struct stat st {};
      if (in != "-" && ::stat(in.c_str(), &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino) {
        status_ = Status::InvalidArgument(path_ + ": is also an input (" + in +
                                          "); writing the report there would replace it");
        return;
      }
    }
    if (!S_ISREG(out.st_mode)) {  // a device or a FIFO: write straight to it
      auto* fb = new std::filebuf();
      buf_.reset(fb);
      if (!fb->open(path_, std::ios::out | std::ios::binary)) {
        status_ = Status::IoError(path_ + ": cannot open for writing: " + std::strerror(errno));
      }
      file_ = std::make_unique<std::ostream>(buf_.get());
      return;
    }
  }
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path_, ec))) {
    const fs::path target = fs::weakly_canonical(path_, ec);
    if (!ec) target_ = target.string();
  }
  if (target_.empty()) target_ = path_;
  const fs::path target(target_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string leaf(1, '.');
  leaf.append(target.filename().string()).append(".replylint-XXXXXX");
  std::string name = (dir / leaf).string();
  const int fd = ::mkstemp(name.data());  // O_CREAT | O_EXCL, mode 0600
  if (fd < 0) {
    status_ =
        Status::IoError(path_ + ": cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
    return;
  }
  // The report keeps the permissions of the file it replaces; a new one
  // gets the usual 0666 less the umask.
  mode_t mode = 0;
  if (exists) {
    mode = out.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, mode);
  tmp_ = name;
  tmp_slot_ = HoldTmpPath(tmp_);
  RemoveTmpOnSignal();
  buf_ = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(fd, std::ios::out | std::ios::binary);
  file_ = std::make_unique<std::ostream>(buf_.get());
}

Output::~Output() {
  if (!committed_ && !tmp_.empty()) {
    ReleaseTmpPath(tmp_slot_);
    ::unlink(tmp_.c_str());
  }
}

std::ostream& Output::stream() { return file_ ? *file_ : std::cout; }

Status Output::Commit() {
  if (!status_.ok()) return status_;
  if (!file_) return FlushStdout();
  file_->flush();
  const bool written = static_cast<bool>(*file_);
  if (!tmp_.empty()) {
    auto* fb = static_cast<__gnu_cxx::stdio_filebuf<char>*>(buf_.get());
    const bool synced = written && ::fsync(fb->fd()) == 0;
    if (!synced || fb->close() == nullptr) return Status::IoError(path_ + ": cannot write: " + std::strerror(errno));
    std::error_code ec;
    fs::rename(tmp_, target_, ec);
    if (ec) return Status::IoError(path_ + ": cannot write: " + ec.message());
    ReleaseTmpPath(tmp_slot_);
    committed_ = true;
    return Status::Ok();
  }
  auto* fb = static_cast<std::filebuf*>(buf_.get());
  if (!written || fb->close() == nullptr) return Status::IoError(path_ + ": cannot write");
  return Status::Ok();
}

Status FlushStdout() {
  std::cout.flush();
  if (!std::cout) return Status::IoError(std::string("cannot write to standard output: ") + std::strerror(errno));
  return Status::Ok();
}

}  // namespace replylint::cli
