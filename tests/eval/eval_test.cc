#include "eval/eval.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace replylint;

TEST_CASE("Evaluation counts TP, FP and FN per rule from complete labels", "[eval]") {
  Evaluation eval({{"placeholder", true}, {"chat-length", true}, {"spelling", false}});
  Conversation c;
  c.id = "c1";
  Message agent;
  agent.role = Role::kAgent;
  agent.text = "Hi {{name}}";
  agent.expect = std::vector<std::string>{"placeholder", "name-form"};
  c.messages = {agent, agent};
  c.messages[1].expect.reset();  // unlabelled: not scored
  ConversationResult r;
  MessageResult m0;
  m0.message = 0;
  Finding p;
  p.rule = "placeholder";
  Finding extra;
  extra.rule = "chat-length";
  m0.findings = {p, extra};
  MessageResult m1 = m0;
  m1.message = 1;
  r.replies = {m0, m1};
  eval.OnConversation(c, r);
  CHECK(eval.scored() == 1);
  CHECK(eval.counts().at("placeholder").tp == 1);
  CHECK(eval.counts().at("chat-length").fp == 1);
  CHECK(eval.counts().at("name-form").fn == 1);
  CHECK(eval.unknown_labels().count("name-form") == 1);
  CHECK(eval.counts().at("chat-length").precision() == 0.0);
  CHECK(eval.counts().at("placeholder").recall() == 1.0);
  // Thresholds apply to rules this build has and runs, not to unknown labels.
  const auto below = eval.Below(0.9, 0.9);
  CHECK(below == std::vector<std::string>{"chat-length"});
  std::ostringstream out;
  eval.WriteText(out, true);
  CHECK_THAT(out.str(), Catch::Contains("(not implemented)") && Catch::Contains("unexpected"));
}
