#include <catch2/catch.hpp>

#include "engine/id_index.h"
#include "replylint/engine.h"
#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

struct Collect : ResultSink {
  std::vector<std::string> ids, rejected, warnings;
  size_t replies = 0;
  void OnConversation(const Conversation& c, const ConversationResult& r) override {
    ids.push_back(c.id);
    replies += r.replies.size();
  }
  void OnRejected(const std::string&, size_t, const std::string& error) override { rejected.push_back(error); }
  void OnWarning(const std::string& w) override { warnings.push_back(w); }
};

std::string Line(const std::string& id) {
  return R"({"id":")" + id + R"(","channel":"chat","messages":[{"role":"agent","text":"Добрый день!"}]})";
}

}  // namespace

TEST_CASE("IdIndex finds every duplicate and where it was first seen", "[engine]") {
  IdIndex index;
  size_t seen = 0;
  for (uint64_t i = 0; i < 100000; ++i) seen += index.Insert("T-" + std::to_string(i), {1, i + 1}).has_value();
  CHECK(seen == 0);
  CHECK(index.size() == 100000);
  auto dup = index.Insert("T-4242", {2, 7});
  REQUIRE(dup);
  CHECK(dup->file == 1);
  CHECK(dup->line == 4243);
  CHECK_FALSE(index.Insert("", {0, 1}));
  CHECK(index.Insert("", {0, 2}));
}

TEST_CASE("The pipeline accounts for every line: analysed, rejected, repaired, duplicated", "[engine]") {
  const std::string path =
      TempFile("pipeline.jsonl", Line("A") + "\n\n" + Line("B") + "\r\n" + "{broken\n" + std::string(3000, ' ') + "x\n" +
                                     Line("A") + "\n" + Line("C\xFF") + "\n");
  Collect sink;
  PipelineStats stats;
  PipelineOptions o;
  o.jobs = 2;
  o.max_line_bytes = 2000;
  const Status st = RunPipeline(DefaultEngine(), {path}, o, &sink, &stats);
  REQUIRE(st.ok());
  CHECK(stats.lines_read == 6);
  CHECK(stats.conversations == 4);
  CHECK(stats.rejected == 2);
  CHECK(stats.lines_read == stats.conversations + stats.rejected);
  CHECK(stats.agent_messages == 4);
  CHECK(sink.replies == 4);
  CHECK(stats.duplicate_ids == 1);
  CHECK(stats.repaired == 1);
  CHECK(sink.ids == std::vector<std::string>{"A", "B", "A", "C\xEF\xBF\xBD"});
  REQUIRE(sink.rejected.size() == 2);
  CHECK_THAT(sink.rejected[1], Catch::EndsWith(":5: the line is 3001 bytes (2.9 KiB) long, more than the limit of "
                                               "2000 bytes (2.0 KiB) (--max-line-bytes)"));
  REQUIRE(sink.warnings.size() == 2);
  CHECK_THAT(sink.warnings[0], Catch::EndsWith(":6: duplicate conversation id \"A\" (first at " + path +
                                               ":1); both are analysed"));
}

TEST_CASE("Warnings show ids and rejections show values through show_value (--redact)", "[engine]") {
  const std::string path =
      TempFile("pipeline-show.jsonl", Line("SECRET-A") + "\n" + Line("SECRET-A") + "\n" +
                                          R"({"id":"SECRET-B","channel":"SECRET-C","messages":[]})" + "\n");
  Collect sink;
  PipelineStats stats;
  PipelineOptions o;
  o.show_value = [](const char* kind, const std::string& v) {
    return std::string("<") + kind + ":" + v.substr(7) + ">";
  };
  REQUIRE(RunPipeline(DefaultEngine(), {path}, o, &sink, &stats).ok());
  REQUIRE(sink.warnings.size() == 1);
  CHECK_THAT(sink.warnings[0], Catch::Contains("duplicate conversation id <conv:A> (first at"));
  REQUIRE(sink.rejected.size() == 1);
  CHECK_THAT(sink.rejected[0], Catch::Contains("unknown channel <value:C>"));
}

TEST_CASE("A stop request ends the run and counts what was not read", "[engine]") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += Line("S-" + std::to_string(i)) + "\n";
  const std::string a = TempFile("stop-a.jsonl", text);
  const std::string b = TempFile("stop-b.jsonl", Line("x") + "\n\n" + Line("y") + "\n");
  std::atomic<bool> stop{true};
  PipelineOptions o;
  o.stop = &stop;
  Collect sink;
  PipelineStats stats;
  REQUIRE(RunPipeline(DefaultEngine(), {a, b}, o, &sink, &stats).ok());
  CHECK(stats.interrupted);
  CHECK(stats.lines_read == 0);
  CHECK(stats.lines_not_read == 5002);
}

TEST_CASE("A file that cannot be opened is counted and the run goes on", "[engine]") {
  const std::string good = TempFile("good.jsonl", Line("G") + "\n");
  Collect sink;
  PipelineStats stats;
  const Status st = RunPipeline(DefaultEngine(), {"/nonexistent.jsonl", good}, 1, &sink, &stats);
  CHECK_FALSE(st.ok());
  CHECK(stats.files_failed == 1);
  CHECK(stats.files == 1);
  CHECK(sink.ids == std::vector<std::string>{"G"});
}
