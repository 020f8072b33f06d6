#include "sample/sample.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "score/stats.h"
#include "test_util.h"

using namespace replylint;
using replylint::testing::DefaultEngine;

namespace {

class Ignore : public ResultSink {
 public:
  void OnConversation(const Conversation&, const ConversationResult&) override {}
  void OnRejected(const std::string&, size_t, const std::string&) override { ++rejected; }
  size_t rejected = 0;
};

// Agent a: 10 replies (every third with a placeholder), b: 5, c: 1; one bad line.
std::string Input() {
  std::string out;
  auto line = [&](const std::string& id, const std::string& agent, const std::string& text) {
    out += R"({"id": ")" + id + R"(", "channel": "chat", "lang": "ru", "messages": [{"role": "customer", "text": "Где заказ?"}, {"role": "agent", "agent_id": ")" +
           agent + R"(", "text": ")" + text + "\"}]}\n";
  };
  for (int i = 0; i < 10; ++i) line("A-" + std::to_string(i), "a", i % 3 == 0 ? "Здравствуйте, {{name}}!" : "Заказ уже едет.");
  for (int i = 0; i < 5; ++i) line("B-" + std::to_string(i), "b", "Заказ уже едет.");
  line("C-0", "c", "Заказ уже едет.");
  out += "{\"id\": 1}\n";
  return out;
}

SampleResult Draw(const SampleOptions& o, Ignore* ignore) {
  static const std::string path = replylint::testing::TempFile("sample.jsonl", Input());
  auto s = DrawSample(DefaultEngine(), {path}, 2, o, Severity::kError, ignore);
  REQUIRE(s.ok());
  return std::move(*s);
}

std::vector<std::string> Ids(const SampleResult& s) {
  std::vector<std::string> ids;
  for (const SampledReply& r : s.replies) ids.push_back(r.conversation.id);
  return ids;
}

}  // namespace

TEST_CASE("N per agent, reproducible by seed", "[sample]") {
  SampleOptions o;
  o.per_agent = 3;
  o.seed = 7;
  Ignore ignore;
  const SampleResult s = Draw(o, &ignore);
  CHECK(ignore.rejected == 1);
  CHECK(s.population == 16);
  CHECK(s.sampled == 7);
  REQUIRE(s.strata.size() == 3);
  CHECK(s.strata[0].agent == "a");
  CHECK(s.strata[0].sampled == 3);
  CHECK(s.strata[1].sampled == 3);
  CHECK(s.strata[2].sampled == 1);
  // 3 of 10: 1.959964 · √(0.25/3 · 7/9); the whole of c: 0.
  CHECK(s.strata[0].margin == Approx(0.498982).epsilon(1e-5));
  CHECK(s.strata[2].margin == 0);
  CHECK(s.margin == Approx(StratifiedMarginOfError95({{3, 10}, {3, 5}, {1, 1}})));
  CHECK(s.failing_replies == 4);  // the placeholders in the whole input
  // By agent, each agent's replies in input order.
  for (size_t i = 1; i < s.replies.size(); ++i) {
    const auto& p = s.replies[i - 1].conversation;
    const auto& q = s.replies[i].conversation;
    CHECK(p.messages[1].agent_id <= q.messages[1].agent_id);
    if (p.messages[1].agent_id == q.messages[1].agent_id) CHECK(p.line < q.line);
  }
  CHECK(Ids(Draw(o, &ignore)) == Ids(s));
  std::set<std::vector<std::string>> seen;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    o.seed = seed;
    seen.insert(Ids(Draw(o, &ignore)));
  }
  CHECK(seen.size() > 1);
}

TEST_CASE("A share of each agent, rounded up", "[sample]") {
  SampleOptions o;
  o.share = 0.5;
  Ignore ignore;
  const SampleResult s = Draw(o, &ignore);
  CHECK(s.strata[0].sampled == 5);
  CHECK(s.strata[1].sampled == 3);  // ceil(2.5)
  CHECK(s.strata[2].sampled == 1);
  CHECK(s.strata[0].margin == Approx(0.326661).epsilon(1e-5));  // 5 of 10
}

TEST_CASE("Focus and low-score weighting draw the replies that matter", "[sample]") {
  SampleOptions o;
  o.per_agent = 6;
  o.focus = {"placeholder"};
  o.boost = 1e6;
  Ignore ignore;
  const SampleResult s = Draw(o, &ignore);
  CHECK(s.weighted);
  size_t placeholders = 0;
  for (const SampledReply& r : s.replies) {
    if (r.conversation.messages[1].agent_id != "a") continue;
    for (const Finding& f : r.result.findings) placeholders += f.rule == "placeholder";
  }
  CHECK(placeholders == 4);  // all four of agent a's placeholder replies
  // Unequal weights: the effective size is below the sample size.
  CHECK(s.strata[0].sampled == 6);
  CHECK(s.strata[0].effective < 6);
  SampleOptions low;
  low.per_agent = 4;
  low.low_scores = true;
  low.boost = 1e6;
  const SampleResult l = Draw(low, &ignore);
  size_t zeros = 0;
  for (const SampledReply& r : l.replies) zeros += r.result.score == 0;
  CHECK(zeros == 4);
}

TEST_CASE("A reply's chance does not depend on input order", "[sample]") {
  CHECK(SampleUniform(1, "T-1", 1) == SampleUniform(1, "T-1", 1));
  CHECK(SampleUniform(1, "T-1", 1) != SampleUniform(2, "T-1", 1));
  CHECK(SampleUniform(1, "T-1", 1) != SampleUniform(1, "T-1", 3));
  for (int i = 0; i < 100; ++i) {
    const double u = SampleUniform(static_cast<uint64_t>(i), "x", 0);
    CHECK(u > 0);
    CHECK(u < 1);
  }
}
