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

TEST_CASE("StartupThreads counts the cores this process may use", "[base]") { CHECK(StartupThreads() >= 1); }
