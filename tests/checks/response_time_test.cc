#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

struct Timed {
  Role role;
  std::string text;
  std::string at;
};

Conversation Conv(Channel ch, const std::string& team, const std::vector<Timed>& turns,
                  const std::string& lang = "ru") {
  Conversation c;
  c.id = "T-rt";
  c.channel = ch;
  c.team = team;
  c.lang = ParseLang(lang);
  for (const Timed& t : turns) {
    Message m;
    m.role = t.role;
    m.text = t.text;
    m.at = t.at;
    if (t.role == Role::kAgent) m.author = m.agent_id = "olga";
    c.messages.push_back(m);
  }
  return c;
}

std::unique_ptr<Engine> EngineWith(const std::string& yaml) {
  EngineOptions o;
  o.config_path = TempFile("response-time.yaml", yaml);
  o.config_explicit = true;
  auto e = Engine::Create(o);
  INFO((e.ok() ? std::string() : e.status().message()));
  REQUIRE(e.ok());
  return std::move(*e);
}

// The rule is off by default (a team switches it on): the engine the tests use.
const Engine& OnEngine() {
  static const std::unique_ptr<Engine> engine = EngineWith("rules:\n  response-time: on\n");
  return *engine;
}

std::vector<Finding> FindingsOn(const Conversation& c, const std::string& rule) {
  Worker w;
  std::vector<Finding> out;
  for (const MessageResult& r : OnEngine().Analyze(c, &w).replies) {
    for (const Finding& f : r.findings) {
      if (f.rule == rule) out.push_back(f);
    }
  }
  return out;
}

std::string CreateError(const std::string& yaml) {
  EngineOptions o;
  o.config_path = TempFile("response-time.yaml", yaml);
  o.config_explicit = true;
  auto e = Engine::Create(o);
  REQUIRE_FALSE(e.ok());
  return e.status().message();
}

std::vector<std::string> LateOn(const Engine& e, const Conversation& c) {
  Worker w;
  std::vector<std::string> out;
  for (const MessageResult& r : e.Analyze(c, &w).replies) {
    for (const Finding& f : r.findings) {
      if (f.rule == "response-time") out.push_back(std::to_string(r.message) + ": " + f.message_text);
    }
  }
  return out;
}

const MessageResult& ReplyAt(const ConversationResult& r, size_t message) {
  for (const MessageResult& m : r.replies) {
    if (m.message == message) return m;
  }
  FAIL("no reply at " << message);
  return r.replies.front();
}

const char* const kOffice =
    "rules:\n"
    "  response-time:\n"
    "    enabled: true\n"
    "    params:\n"
    "      teams:\n"
    "        Office:\n"
    "          schedule:\n"
    "            zone: Europe/Moscow\n"
    "            hours: {mon-fri: \"09:00-18:00\"}\n"
    "            holidays: [\"2026-12-07\"]\n"
    "        Slow:\n"
    "          chat: {first: 15m}\n";

}  // namespace

TEST_CASE("response-time: a late first chat reply, with the wait and the target", "[response-time]") {
  const Conversation c = Conv(Channel::kChat, "",
                              {{Role::kCustomer, "Не приходит код.", "2026-11-02T10:00:00+03:00"},
                               {Role::kAgent, "Отправила код ещё раз.", "2026-11-02T10:12:30+03:00"}});
  const auto f = FindingsOn(c, "response-time");
  REQUIRE(f.size() == 1);
  CHECK(f[0].field == "at");
  CHECK(f[0].text == "2026-11-02T10:12:30+03:00");
  CHECK(f[0].severity == Severity::kWarning);
  CHECK_THAT(f[0].message_text, Catch::Contains("первого ответа 12 мин 30 с") && Catch::Contains("chat — 5 мин"));
  // On time: no finding, and no points lost (the category weighs 0).
  const Conversation ok = Conv(Channel::kChat, "",
                               {{Role::kCustomer, "Не приходит код.", "2026-11-02T10:00:00Z"},
                                {Role::kAgent, "Отправила код ещё раз.", "2026-11-02T10:05:00Z"}});
  CHECK(FindingsOn(ok, "response-time").empty());
  Worker w;
  const ConversationResult late = OnEngine().Analyze(c, &w);
  CHECK(late.replies[0].score == 100);
}

TEST_CASE("response-time: what is measured, and what is not judged", "[response-time]") {
  const Engine& e = OnEngine();
  Worker w;
  // Three customer messages in a row: the wait runs from the first; a
  // system acknowledgement does not stop it; then a next reply, then a
  // follow-up that answers nothing new.
  const Conversation c = Conv(Channel::kChat, "",
                              {{Role::kCustomer, "Здравствуйте.", "2026-11-03T12:00:00Z"},
                               {Role::kSystem, "Оператор скоро подключится.", "2026-11-03T12:00:01Z"},
                               {Role::kCustomer, "Курьер не позвонил.", "2026-11-03T12:03:00Z"},
                               {Role::kAgent, "Курьер будет через час.", "2026-11-03T12:04:00Z"},
                               {Role::kCustomer, "Спасибо, а можно к вечеру?", "2026-11-03T12:10:00Z"},
                               {Role::kAgent, "Перенесла доставку на вечер.", "2026-11-03T12:30:00Z"},
                               {Role::kAgent, "Курьер позвонит заранее.", "2026-11-03T13:30:00Z"}});
  const ConversationResult r = e.Analyze(c, &w);
  const auto& first = ReplyAt(r, 3).response;
  REQUIRE(first.has_value());
  CHECK(first->first);
  CHECK(first->answers == 0);
  CHECK(first->seconds == 240);
  CHECK(first->target == 300);
  const auto& next = ReplyAt(r, 5).response;
  REQUIRE(next.has_value());
  CHECK_FALSE(next->first);
  CHECK(next->seconds == 1200);
  CHECK(next->late());
  CHECK_FALSE(ReplyAt(r, 6).response.has_value());
  CHECK(LateOn(e, c) ==
        std::vector<std::string>{"5: Клиент ждал этого ответа 20 мин; срок следующего ответа для канала "
                                 "chat — 5 мин."});

  // No `at` on either side, or an `at` before the message answered: counted, not judged.
  for (const auto& [customer_at, agent_at, state] :
       {std::tuple{"", "2026-11-03T12:04:00Z", ResponseTime::State::kNoTime},
        std::tuple{"2026-11-03T12:00:00Z", "", ResponseTime::State::kNoTime},
        std::tuple{"2026-11-03T12:00:00Z", "2026-11-03T11:00:00Z", ResponseTime::State::kBackwards}}) {
    const Conversation bad = Conv(
        Channel::kChat, "", {{Role::kCustomer, "Где заказ?", customer_at}, {Role::kAgent, "Заказ в пути.", agent_at}});
    const ConversationResult br = e.Analyze(bad, &w);
    REQUIRE(br.replies[0].response.has_value());
    CHECK(br.replies[0].response->state == state);
    CHECK(LateOn(e, bad).empty());
  }
  // A phone call is not checked by default; an agent who opens gives no first reply.
  const Conversation phone =
      Conv(Channel::kPhone, "",
           {{Role::kCustomer, "Алло.", "2026-11-03T12:00:00Z"}, {Role::kAgent, "Слушаю вас.", "2026-11-03T14:00:00Z"}});
  CHECK_FALSE(e.Analyze(phone, &w).replies[0].response.has_value());
  const Conversation outbound = Conv(Channel::kEmail, "",
                                     {{Role::kAgent, "Заказ готов к выдаче.", "2026-11-03T09:00:00Z"},
                                      {Role::kCustomer, "До скольких вы работаете?", "2026-11-03T10:00:00Z"},
                                      {Role::kAgent, "До девяти вечера.", "2026-11-03T11:00:00Z"}});
  const ConversationResult o = e.Analyze(outbound, &w);
  CHECK_FALSE(ReplyAt(o, 0).response.has_value());
  REQUIRE(ReplyAt(o, 2).response.has_value());
  CHECK_FALSE(ReplyAt(o, 2).response->first);
}

TEST_CASE("response-time: a customer's bare thanks starts no clock", "[response-time]") {
  const Engine& e = OnEngine();
  Worker w;
  auto answered_at = [&](const char* customer_text) {
    const Conversation c = Conv(Channel::kChat, "",
                                {{Role::kCustomer, "Не приходит код.", "2026-11-03T12:00:00Z"},
                                 {Role::kAgent, "Отправила новый код.", "2026-11-03T12:02:00Z"},
                                 {Role::kCustomer, customer_text, "2026-11-03T12:05:00Z"},
                                 {Role::kAgent, "Рада помочь!", "2026-11-03T14:00:00Z"}});
    return e.Analyze(c, &w).replies[1].response;
  };
  for (const char* thanks :
       {"Спасибо, всё получилось 👍", "Спасибо большое!", "Thanks, all sorted!", "thank you so much, that worked"}) {
    INFO(thanks);
    CHECK_FALSE(answered_at(thanks).has_value());
  }
  // Thanks with a request, a question, or an "ok" alone wait for an answer.
  for (const char* asks :
       {"Спасибо, но код снова не пришёл", "Спасибо! А когда придёт посылка?", "ok", "Thanks, but it still fails"}) {
    INFO(asks);
    const auto r = answered_at(asks);
    REQUIRE(r.has_value());
    CHECK(r->late());
  }
}

TEST_CASE("response-time: times without a zone are read in the team's zone", "[response-time]") {
  const auto engine = EngineWith(kOffice);
  Worker w;
  // 18:50 and 09:02 on the wall clock: in Office's Moscow hours, two minutes
  // of work from Wednesday's opening; the summary is told how many were read so.
  const std::vector<Timed> turns = {{Role::kCustomer, "Hello, my code does not arrive.", "2026-12-08T18:50:00"},
                                    {Role::kAgent, "I have sent a new code.", "2026-12-09T09:02:00"}};
  const ConversationResult office = engine->Analyze(Conv(Channel::kChat, "Office", turns, "en"), &w);
  REQUIRE(office.replies[0].response.has_value());
  CHECK(office.replies[0].response->zone_assumed);
  CHECK(office.replies[0].response->seconds == 120);
  // A team without a schedule reads them as UTC: 14 h 12 min.
  const ConversationResult night = engine->Analyze(Conv(Channel::kChat, "Night", turns, "en"), &w);
  REQUIRE(night.replies[0].response.has_value());
  CHECK(night.replies[0].response->seconds == 14 * 3600 + 12 * 60);
  // A zoned time is never marked.
  const ConversationResult zoned = engine->Analyze(Conv(Channel::kChat, "Office",
                                                        {{Role::kCustomer, "Hello?", "2026-12-08T10:00:00+03:00"},
                                                         {Role::kAgent, "Hi!", "2026-12-08T10:01:00+03:00"}},
                                                        "en"),
                                                   &w);
  CHECK_FALSE(zoned.replies[0].response->zone_assumed);
}

TEST_CASE("response-time: a team's business hours and targets", "[response-time]") {
  const auto engine = EngineWith(kOffice);
  // Friday 2026-12-04 19:30 in Moscow; Monday the 7th is the team's holiday,
  // so Tuesday 09:03 is three minutes of business time.
  const std::vector<Timed> turns = {{Role::kCustomer, "Hello, my code does not arrive.", "2026-12-04T19:30:00+03:00"},
                                    {Role::kAgent, "I have sent a new code.", "2026-12-08T09:03:00+03:00"}};
  CHECK(LateOn(*engine, Conv(Channel::kChat, "Office", turns, "en")).empty());
  // Another team works around the clock: the same wait is days.
  const auto late = LateOn(*engine, Conv(Channel::kChat, "Night", turns, "en"));
  REQUIRE(late.size() == 1);
  CHECK(late[0] == "1: The customer waited 3 d 13 h for the first reply; the target on chat is 5 min.");
  // Monday 09:04 (the holiday) counts nothing; Tuesday 09:10 is 10 minutes of business hours.
  const auto office_late =
      LateOn(*engine, Conv(Channel::kChat, "Office",
                           {{Role::kCustomer, "Hello, my code does not arrive.", "2026-12-04T19:30:00+03:00"},
                            {Role::kAgent, "I have sent a new code.", "2026-12-08T09:10:00+03:00"}},
                           "en"));
  CHECK(office_late == std::vector<std::string>{
                           "1: The customer waited 10 min of business hours for the first reply; the target on chat "
                           "is 5 min."});
  // Slow's first-reply target is 15 minutes; its next replies keep 5.
  const std::vector<Timed> slow = {{Role::kCustomer, "Hi, where is my parcel?", "2026-12-01T10:00:00Z"},
                                   {Role::kAgent, "It is at the depot.", "2026-12-01T10:12:00Z"},
                                   {Role::kCustomer, "When will it come?", "2026-12-01T10:13:00Z"},
                                   {Role::kAgent, "Tomorrow morning.", "2026-12-01T10:20:00Z"}};
  CHECK(LateOn(*engine, Conv(Channel::kChat, "Slow", slow, "en")) ==
        std::vector<std::string>{
            "3: The customer waited 7 min for this reply; the target for a next reply on chat is 5 min."});
}

TEST_CASE("response-time: configuration errors name file:line:col", "[response-time]") {
  CHECK_THAT(CreateError("rules:\n  response-time:\n    params:\n      schedule: {zone: Mars/Base, hours: {mon: "
                         "\"09:00-18:00\"}}\n"),
             Catch::EndsWith("response-time.yaml:4:24: schedule.zone: \"Mars/Base\" is not a time zone ICU knows (an "
                             "IANA name such as Europe/Moscow, America/New_York or UTC)"));
  CHECK_THAT(CreateError("rules:\n  response-time:\n    params:\n      teams:\n        A:\n          schedule: {zone: "
                         "UTC, hours: {mon: \"09:00-25:00\"}}\n"),
             Catch::Contains("response-time.yaml:6:46: schedule.hours.mon: \"09:00-25:00\" is not a range of hours"));
  CHECK_THAT(CreateError("rules:\n  response-time:\n    params:\n      chat: 5 minutes\n"),
             Catch::Contains("response-time.yaml:4:13: response-time.chat: \"5 minutes\" is not a duration"));
  CHECK_THAT(CreateError("rules:\n  response-time:\n    params:\n      teams:\n        A: {voice: 5m}\n"),
             Catch::Contains("response-time.yaml:5:13: response-time.teams.A: unknown key \"voice\""));
  CHECK_THAT(CreateError("rules:\n  response-time:\n    params:\n      email: {first: 12h}\n"),
             Catch::Contains("give both first and next"));
}

TEST_CASE("response-time: in a public thread the wait is the answered person's", "[response-time]") {
  // Another user wrote first; the brand answers @bea, who wrote 20 minutes
  // after: her wait (25 min) is on time, the thread's first message (1 h 45
  // min ago) is someone else's.
  Conversation c = Conv(Channel::kSocial, "",
                        {{Role::kCustomer, "@Shop same problem here", "2026-11-03T10:00:00Z"},
                         {Role::kCustomer, "@Shop my order is late", "2026-11-03T11:20:00Z"},
                         {Role::kAgent, "@bea Your order ships today.", "2026-11-03T11:45:00Z"}},
                        "en");
  c.messages[0].author = "al";
  c.messages[1].author = "bea";
  Worker w;
  const auto r = OnEngine().Analyze(c, &w).replies[0].response;
  REQUIRE(r.has_value());
  CHECK(r->answers == 1);
  CHECK(r->seconds == 1500);
  CHECK(LateOn(OnEngine(), c).empty());
  // Answering @al: his wait from 10:00 is 1 h 45 min, late.
  c.messages[2].text = "@al Your order ships today.";
  CHECK(LateOn(OnEngine(), c).size() == 1);
  // No handle: the last writer's.
  c.messages[2].text = "Your order ships today.";
  CHECK(LateOn(OnEngine(), c).empty());
}

TEST_CASE("response-time is off by default, and the waits are measured all the same", "[response-time]") {
  const Conversation c = Conv(Channel::kChat, "",
                              {{Role::kCustomer, "Не приходит код.", "2026-11-02T10:00:00Z"},
                               {Role::kAgent, "Отправила код ещё раз.", "2026-11-02T10:30:00Z"}});
  Worker w;
  const ConversationResult r = replylint::testing::DefaultEngine().Analyze(c, &w);
  REQUIRE(r.replies.size() == 1);
  CHECK(r.replies[0].findings.empty());
  REQUIRE(r.replies[0].response.has_value());
  CHECK(r.replies[0].response->seconds == 1800);
  CHECK(r.replies[0].response->late());
  CHECK(FindingsOn(c, "response-time").size() == 1);
}
