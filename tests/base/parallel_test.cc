#include "base/parallel.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace replylint;

TEST_CASE("ParallelFor calls every index once, on several threads", "[base]") {
  for (size_t threads : {1, 2, 8}) {
    std::vector<std::atomic<int>> calls(100);
    std::vector<std::thread::id> by(100);
    ParallelFor(calls.size(), threads, [&](size_t i) {
      calls[i]++;
      by[i] = std::this_thread::get_id();
    });
    for (const auto& c : calls) CHECK(c == 1);
    if (threads == 1) {
      for (const auto& id : by) CHECK(id == std::this_thread::get_id());
    }
  }
  ParallelFor(0, 2, [](size_t) { FAIL("no index to call"); });
}

TEST_CASE("ParallelFor rethrows the exception of the lowest index after every call", "[base]") {
  std::atomic<int> calls{0};
  try {
    ParallelFor(50, 2, [&](size_t i) {
      calls++;
      if (i == 7 || i == 30) throw std::runtime_error("failed at " + std::to_string(i));
    });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "failed at 7");
  }
  CHECK(calls == 50);
}

TEST_CASE("A crew runs every job on the same threads, which keep their thread_local state", "[base]") {
  constexpr size_t kThreads = 3, kJobs = 20;
  Crew crew(kThreads);
  REQUIRE(crew.size() == kThreads);
  std::vector<std::vector<std::thread::id>> by(kJobs, std::vector<std::thread::id>(kThreads));
  std::vector<std::vector<int>> seen(kJobs, std::vector<int>(kThreads));
  for (size_t job = 0; job < kJobs; ++job) {
    crew.Start([&, job](size_t k) {
      thread_local int jobs_here = 0;  // what a thread made for one job would lose
      seen[job][k] = ++jobs_here;
      by[job][k] = std::this_thread::get_id();
    });
    crew.Wait();  // every call has returned: their writes are all visible
    for (size_t k = 0; k < kThreads; ++k) {
      CHECK(seen[job][k] == static_cast<int>(job + 1));
      CHECK(by[job][k] == by[0][k]);
      CHECK(by[job][k] != std::this_thread::get_id());
      for (size_t other = 0; other < k; ++other) CHECK(by[job][k] != by[job][other]);
    }
  }
}

TEST_CASE("A crew rethrows the exception of the lowest index, and goes on with the next job", "[base]") {
  Crew crew(4);
  std::atomic<int> calls{0};
  crew.Start([&](size_t k) {
    calls++;
    if (k == 1 || k == 3) throw std::runtime_error("failed at " + std::to_string(k));
  });
  try {
    crew.Wait();
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "failed at 1");
  }
  CHECK(calls == 4);
  // The exceptions were the last job's: the next one ends cleanly.
  crew.Start([&](size_t) { calls++; });
  crew.Wait();
  CHECK(calls == 8);
}

TEST_CASE("StartupThreads counts the cores this process may use", "[base]") { CHECK(StartupThreads() >= 1); }
