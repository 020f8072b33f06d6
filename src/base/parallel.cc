#include "base/parallel.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace replylint {

void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn) {
  std::vector<std::exception_ptr> errors(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
      try {
        fn(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < std::min(threads, n); ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

Crew::Crew(size_t threads) : errors_(std::max<size_t>(1, threads)) {
  for (size_t k = 0; k < errors_.size(); ++k) threads_.emplace_back([this, k] { Loop(k); });
}

Crew::~Crew() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    // As a std::thread left running: the job may use what is being unwound.
    if (busy_ != 0) std::terminate();
    stop_ = true;
  }
  started_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void Crew::Start(std::function<void(size_t)> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    fn_ = std::move(fn);
    busy_ = threads_.size();
    ++job_;
  }
  started_.notify_all();
}

void Crew::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  finished_.wait(lock, [&] { return busy_ == 0; });
  std::exception_ptr first;
  for (std::exception_ptr& e : errors_) {
    if (e && !first) first = e;
    e = nullptr;
  }
  if (first) std::rethrow_exception(first);
}

void Crew::Loop(size_t k) {
  uint64_t done = 0;  // the last job this thread ran
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      started_.wait(lock, [&] { return stop_ || job_ != done; });
      if (stop_) return;
      done = job_;
    }
    // fn_ stays as it is until every thread has reported back.
    try {
      fn_(k);
    } catch (...) {
      errors_[k] = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (--busy_ == 0) finished_.notify_all();
  }
}

size_t StartupThreads() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace replylint
