#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {
std::vector<Finding> Uq(const std::string& customer, const std::vector<std::string>& replies) {
  std::vector<Turn> turns{{Role::kCustomer, customer}};
  for (const auto& r : replies) turns.push_back({Role::kAgent, r});
  Conversation c = MakeConversation(Channel::kChat, "", turns);
  auto worker = DefaultEngine().NewWorker();
  const ConversationResult r = DefaultEngine().Analyze(c, worker.get());
  std::vector<Finding> out;
  for (const auto& m : r.replies) {
    for (const auto& f : m.findings) {
      if (f.rule == "unanswered-question") out.push_back(f);
    }
  }
  return out;
}
}  // namespace

TEST_CASE("unanswered-question: a numbered question left out is named", "[unanswered-question]") {
  const auto f = Uq("1. Когда придёт заказ?\n2. Можно ли оплатить при получении?\n3. Курьер позвонит заранее?",
                    {"1. Заказ придёт в четверг.\n3. Да, курьер позвонит за час."});
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message_text, Catch::Contains("№2") && Catch::Contains("оплатить при получении"));
  CHECK_THAT(f[0].suggestion, Catch::Contains("Можно ли оплатить при получении?"));
}

TEST_CASE("unanswered-question: prose answers, ordinals and deferrals count", "[unanswered-question]") {
  CHECK(Uq("Почему списали 300 рублей? И как отключить СМС-информирование?",
           {"300 рублей — плата за СМС-информирование. Отключить его можно в приложении."})
            .empty());
  CHECK(Uq("How do I export my data? Is there an API for the export?",
           {"Use Settings → Data → Export. Regarding your second question, I'll check and get back to you."})
            .empty());
}

TEST_CASE("unanswered-question: the answer may span consecutive agent messages; the finding lands on the first",
          "[unanswered-question]") {
  CHECK(Uq("Где мой возврат? Можно ли вернуть деньги на другую карту?",
           {"Возврат отправлен вчера, сейчас допишу.", "На другую карту деньги вернуть нельзя."})
            .empty());
  const auto f = Uq("When will the sync bug be fixed? Will I lose any of my notes?",
                    {"One sec, more below.", "The fix ships in version 4.2 next Tuesday."});
  REQUIRE(f.size() == 1);
  CHECK(f[0].message == 1);
}

TEST_CASE("unanswered-question: one question, rhetorical questions and quoted mail do not count",
          "[unanswered-question]") {
  CHECK(Uq("Где мой заказ?", {"Заказ приедет завтра."}).empty());
  CHECK(Uq("Вы серьёзно? Опять списали деньги! Когда вернёте?", {"Деньги вернём сегодня."}).empty());
  CHECK(Uq("Thanks, it worked!\n\nOn Mon, Support wrote:\n> Is your transfer through? Do you know the fee?",
           {"Great to hear!"})
            .empty());
}

TEST_CASE("unanswered-question: answers by number inside a line", "[unanswered-question]") {
  CHECK(Uq("1. Where is my order? 2. Can I pay by card?", {"Bob, 1) it ships today. 2) yes, card works."}).empty());
  CHECK(Uq("1. Где заказ? 2. Можно ли оплатить картой?", {"Мария: (1) заказ в пути; (2) да, картой курьеру."}).empty());
  // A number inside a sentence is not an item marker.
  CHECK(Uq("1. Where is my order? 2. Can I pay by card?", {"Bob, your order of 2. items ships today."}).size() == 1);
}

TEST_CASE("unanswered-question: yes/no and where questions answered without their words", "[unanswered-question]") {
  CHECK(Uq("Где мой заказ? И позвонит ли курьер заранее?", {"Олег, заказ в пути. Да, курьер позвонит за час."}).empty());
  CHECK(Uq("Where is my parcel? And can I change the delivery address?",
           {"Liz, it's on its way, and yes, I changed the address to 5 Elm St."})
            .empty());
}

TEST_CASE("unanswered-question: one yes answers one question", "[unanswered-question]") {
  // «да» belongs to the question it answers by content; the second stays open.
  const auto f = Uq("Можно ли обменять куртку на другой размер? И нужно ли сохранять бирки?",
                    {"Анна, да, обменять можно в течение 14 дней."});
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message_text, Catch::Contains("бирки"));
  CHECK(Uq("1) Is the warranty two years? 2) Does it cover water damage?", {"Sarah, 1) yes, two years."}).size() == 1);
  // A where-question is not answered by a yes.
  CHECK(Uq("Where is my refund? Can I get it on a different card?", {"Mark, yes, it went out yesterday."}).empty());
  CHECK(Uq("Where is my refund? Can I get it on a different card?", {"Mark, it went out yesterday."}).size() == 1);
}

TEST_CASE("unanswered-question: English findings in English typography, quoted without @handles",
          "[unanswered-question]") {
  const auto f = Uq("@shopcare How long does delivery to Leeds take? @shopcare Can I add insurance?",
                    {"Delivery to Leeds takes 2 to 3 working days."});
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message_text, Catch::Contains("question 2 (“Can I add insurance?”)"));
  CHECK_THAT(f[0].message_text, !Catch::Contains("«") && !Catch::Contains("№") && !Catch::Contains("@shopcare"));
}

TEST_CASE("unanswered-question: weak evidence keeps the rule quiet", "[unanswered-question]") {
  // Nothing answered: a deflection says nothing sure about either question.
  CHECK(Uq("Where is my parcel? Can I change the address?", {"We are looking into it and will write back."}).empty());
  // The open question shares a word of its own with the reply.
  CHECK(Uq("Where is my refund? Can I get it on another card?",
           {"The refund went out yesterday and reaches your card in 3 days."})
            .empty());
  // A short fragment offering alternatives goes with the question before it.
  CHECK(Uq("Is this in the app itself? Under profile or help?", {"It is in the app: open Profile, then Settings."})
            .empty());
  // A number skipped in a numbered list is open, whatever words it shares.
  CHECK(Uq("1. Будет ли скидка на второй заказ?\n2. Можно ли забрать второй заказ самой?",
           {"1. Да, на второй заказ скидка 10%."})
            .size() == 1);
}
