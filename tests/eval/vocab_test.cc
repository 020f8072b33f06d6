#include "eval/vocab.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "replylint/engine.h"
#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

// 12 replies by three agents that name the team's product "boxly", and one
// reply by a fourth agent with a personal typo, as a JSONL export.
std::string Export() {
  std::string jsonl;
  const char* agents[] = {"shop/ana", "shop/ben", "shop/cleo"};
  for (int i = 0; i < 12; ++i) {
    jsonl += R"({"id": "v-)" + std::to_string(100 + i) +
             R"(", "channel": "chat", "lang": "en", "messages": [{"role": "customer", "text": "Where is my box?"},)"
             R"( {"role": "agent", "agent_id": ")" +
             agents[i % 3] + R"(", "text": "Your boxly order left the warehouse today and arrives on Friday."}]})" +
             "\n";
  }
  jsonl += R"({"id": "v-200", "channel": "chat", "lang": "en", "messages": [{"role": "customer", "text": "Hi"},)"
           R"( {"role": "agent", "agent_id": "shop/dora", "text": "You will recieve your boxly order on Friday."}]})"
           "\n";
  return jsonl;
}

class Spelled : public ResultSink {
 public:
  void OnConversation(const Conversation&, const ConversationResult& r) override {
    for (const MessageResult& m : r.replies) {
      for (const Finding& f : m.findings) {
        if (f.rule == "spelling") words.push_back(f.text);
      }
    }
  }
  void OnRejected(const std::string&, size_t, const std::string&) override {}
  std::vector<std::string> words;
};

std::string Mine(const std::string& path, size_t jobs, size_t min_agents, size_t min_replies) {
  VocabMiner miner;
  PipelineStats stats;
  REQUIRE(RunPipeline(DefaultEngine(), {path}, jobs, &miner, &stats).ok());
  std::ostringstream out;
  miner.Write(out, min_agents, min_replies);
  return out.str();
}

}  // namespace

TEST_CASE("vocab: words many agents use are listed, a personal typo is not", "[vocab]") {
  const std::string path = TempFile("vocab-export.jsonl", Export());
  const std::string list = Mine(path, 1, 3, 10);
  CHECK_THAT(list, Catch::Contains("boxly  # 4 agents, 13 replies; e.g. v-100: "));
  CHECK_THAT(list, !Catch::Contains("recieve"));
  // Any number of jobs gives the same list.
  CHECK(Mine(path, 2, 3, 10) == list);
  // The thresholds decide: with one agent and one reply the typo is listed too.
  CHECK_THAT(Mine(path, 1, 1, 1), Catch::Contains("recieve  # 1 agents, 1 replies"));
  CHECK_THAT(Mine(path, 1, 5, 1), !Catch::Contains("boxly"));
}

TEST_CASE("vocab: the list passed back as vocab removes the team word, not the typo", "[vocab]") {
  const std::string path = TempFile("vocab-export2.jsonl", Export());
  Spelled before;
  PipelineStats stats;
  REQUIRE(RunPipeline(DefaultEngine(), {path}, 1, &before, &stats).ok());
  CHECK(std::count(before.words.begin(), before.words.end(), "boxly") == 13);
  CHECK(std::count(before.words.begin(), before.words.end(), "recieve") == 1);

  TempFile("mined-words.txt", Mine(path, 1, 3, 10));
  EngineOptions o;
  o.config_path = TempFile("mined.yaml", "vocab: mined-words.txt\n");
  o.config_explicit = true;
  auto engine = Engine::Create(o);
  REQUIRE(engine.ok());
  Spelled after;
  REQUIRE(RunPipeline(**engine, {path}, 1, &after, &stats).ok());
  CHECK(after.words == std::vector<std::string>{"recieve"});
}
