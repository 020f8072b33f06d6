// Work run side by side: independent pieces of start-up work (reading the
// rule files and building the rules' matchers are most of a cold `check`,
// and each file and each rule can be done alone), and the pipeline's
// batches of conversations.
//
// Thread-safety: `fn` is called from several threads at once, each index
// once; ParallelFor returns after every call has returned. A Crew is driven
// by one thread.
#ifndef REPLYLINT_BASE_PARALLEL_H_
#define REPLYLINT_BASE_PARALLEL_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace replylint {

// Calls fn(0) ... fn(n - 1) on up to `threads` threads, the caller's among
// them, lower indices first. An exception from fn is rethrown here after
// every call has ended (the one of the lowest index, if several).
void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn);

// The threads start-up work may use: the cores this process may run on.
size_t StartupThreads();

// Threads that live as long as the crew and run one job after another. What
// a job leaves in thread_local caches (the stems of words, the readings of
// names) serves the next: the pipeline's threads, made anew for each batch,
// began every batch with cold caches, and two of them stemmed 2.7 times as
// many words as one thread did.
class Crew {
 public:
  explicit Crew(size_t threads);
  // Ends the threads. A job still running then is a bug (it may use what
  // is being destroyed): std::terminate, as for a running std::thread.
  ~Crew();
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;

  size_t size() const { return threads_.size(); }
  // Calls fn(0) ... fn(size() - 1), each on its own thread of the crew, and
  // returns at once. REQUIRES: the previous job was waited for.
  void Start(std::function<void(size_t)> fn);
  // Returns when every call of the job has returned. An exception from one
  // is rethrown here (the one of the lowest index, if several).
  void Wait();

 private:
  void Loop(size_t k);

  std::mutex mu_;
  std::condition_variable started_, finished_;
  std::function<void(size_t)> fn_;
  uint64_t job_ = 0;  // how many jobs were started
  size_t busy_ = 0;   // threads still running the current job
  bool stop_ = false;
  std::vector<std::exception_ptr> errors_;
  std::vector<std::thread> threads_;
};

}  // namespace replylint

#endif  // REPLYLINT_BASE_PARALLEL_H_
