#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {
Message AgentMsg(const std::string& text, const std::string& id, const std::string& author, const std::string& at = "") {
  Message m;
  m.role = Role::kAgent;
  m.text = text;
  m.agent_id = id;
  m.author = author;
  m.at = at;
  return m;
}
Message CustomerMsg(const std::string& text) {
  Message m;
  m.role = Role::kCustomer;
  m.text = text;
  return m;
}
std::vector<std::string> RulesAt(const Conversation& c, size_t index) {
  auto worker = DefaultEngine().NewWorker();
  const ConversationResult r = DefaultEngine().Analyze(c, worker.get());
  std::vector<std::string> out;
  for (const auto& m : r.replies) {
    if (m.message != index) continue;
    for (const auto& f : m.findings) out.push_back(f.rule);
  }
  return out;
}
Conversation Chat(std::vector<Message> msgs) {
  Conversation c = MakeConversation(Channel::kChat, "", {});
  c.messages = std::move(msgs);
  return c;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("handoff-intro: a new agent without an introduction", "[handoff-intro]") {
  const auto c = Chat({CustomerMsg("Где заказ?"), AgentMsg("Проверяю, минуту.", "ivan", "Иван Петров"), CustomerMsg("Ну?"),
                       AgentMsg("Заказ уже в пути.", "marina", "Марина Орлова")});
  CHECK(RulesAt(c, 3) == V{"handoff-intro"});
  CHECK(RulesAt(c, 1).empty());
}

TEST_CASE("handoff-intro: introductions in common wordings pass", "[handoff-intro]") {
  for (const char* intro : {"Меня зовут Марина, я подключилась к вашему обращению. Заказ в пути.",
                            "Это Марина, продолжу вместо коллеги. Заказ в пути.", "С вами Марина. Заказ в пути.",
                            "Hi, I'm Marina and I'll be taking over. The order is on its way.",
                            "Marina here. The order is on its way."}) {
    const auto c = Chat({CustomerMsg("Где заказ?"), AgentMsg("Проверяю.", "ivan", "Иван Петров"), CustomerMsg("Ну?"),
                         AgentMsg(intro, "marina", "Марина Орлова")});
    INFO(intro);
    CHECK(RulesAt(c, 3).empty());
  }
}

TEST_CASE("split-notice: consecutive agent messages need a notice on the first", "[split-notice]") {
  const auto bad = Chat({CustomerMsg("Как вернуть?"), AgentMsg("Возврат в личном кабинете.", "ivan", "Иван Петров"),
                         AgentMsg("Курьер заберёт бесплатно.", "ivan", "Иван Петров")});
  CHECK(RulesAt(bad, 1) == V{"split-notice"});
  CHECK(RulesAt(bad, 2).empty());
  const auto good = Chat({CustomerMsg("Как вернуть?"), AgentMsg("Возврат в личном кабинете, сейчас допишу.", "ivan", ""),
                          AgentMsg("Курьер заберёт бесплатно.", "ivan", "")});
  CHECK(RulesAt(good, 1).empty());
  const auto numbered = Chat({CustomerMsg("?"), AgentMsg("Шаги (1/2)", "ivan", ""), AgentMsg("(2/2) Готово.", "ivan", "")});
  CHECK(RulesAt(numbered, 1).empty());
}

TEST_CASE("split-notice: messages far apart are separate answers; email is out of scope", "[split-notice]") {
  const auto apart = Chat({CustomerMsg("Как вернуть?"), AgentMsg("Возврат оформлен.", "ivan", "", "2026-11-20T09:40:00Z"),
                           AgentMsg("Кстати, распродажа в пятницу.", "ivan", "", "2026-11-20T11:00:00Z")});
  CHECK(RulesAt(apart, 1).empty());
  auto email = apart;
  email.channel = Channel::kEmail;
  email.messages[1].at = email.messages[2].at = "";
  for (const auto& r : RulesAt(email, 1)) CHECK(r != "split-notice");
}
