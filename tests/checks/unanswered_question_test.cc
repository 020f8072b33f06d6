#include <catch2/catch.hpp>

#include "checks/check.h"
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

TEST_CASE("FormatMessage: plural groups follow ICU's plural rules of the language", "[format]") {
  const std::string ru = "Занимает {n, plural, one {# строку} few {# строки} many {# строк} other {# строки}} из {m}.";
  CHECK(FormatMessage(ru, {{"n", "22"}, {"m", "9"}}, Lang::kRu) == "Занимает 22 строки из 9.");
  CHECK(FormatMessage(ru, {{"n", "21"}, {"m", "9"}}, Lang::kRu) == "Занимает 21 строку из 9.");
  CHECK(FormatMessage(ru, {{"n", "25"}, {"m", "9"}}, Lang::kRu) == "Занимает 25 строк из 9.");
  const std::string en = "{n, plural, one {# question} other {# questions}}";
  CHECK(FormatMessage(en, {{"n", "1"}}, Lang::kEn) == "1 question");
  CHECK(FormatMessage(en, {{"n", "3"}}, Lang::kEn) == "3 questions");
  CHECK(FormatMessage("{x} stays", {{"x", "{a}"}}) == "{a} stays");
}

TEST_CASE("unanswered-question: an opening yes confirms every guess put as a question", "[unanswered-question]") {
  // Two guesses by intonation alone, one opening «да»: both confirmed.
  CHECK(Uq("Оплатить бонусами в кассе нельзя что ли? Только в интернет-магазине?",
           {"Ксения, да, оплатить бонусами в кассе нельзя, только заказ на сайте."})
            .empty());
  CHECK(Uq("So the free plan has no calendar sync? Just the paid tiers?",
           {"Hey Ben! Yes, calendar sync comes with the Pro plan only."})
            .empty());
  // A question asked outright (by «ли», by "do I") still wants its own answer …
  CHECK(Uq("Оплатить бонусами в кассе нельзя? И сгорят ли бонусы в конце года?",
           {"Ксения, да, оплатить бонусами в кассе нельзя, только заказ на сайте."})
            .size() == 1);
  // … and so does a number the reply skips.
  CHECK(Uq("1. Бонусы в кассе не принимают?\n2. Только на сайте?", {"1. Да, в кассе бонусы не принимаются."}).size() ==
        1);
}

TEST_CASE("unanswered-question: a limit or a modal answers a how-long question; a shared word is no one's",
          "[unanswered-question]") {
  // «весь день» is answered by «до 6 часов»; «прокат» is in both questions, so the clause
  // with it is not taken by the second one.
  CHECK(Uq("Можно взять лодку в прокат на целый день? И сколько стоит прокат лодки на выходных?",
           {"Лодку выдаём максимум до 6 часов. На выходных прокат лодки стоит 900 рублей в час."})
            .empty());
  CHECK(Uq("Can I park the trailer there the whole weekend? And what does trailer parking cost?",
           {"Jo, trailer parking can be up to 48 hours. Trailer parking costs $12 a day."})
            .empty());
}

TEST_CASE("unanswered-question: 'no limit' answers how many and is-there-a-maximum", "[unanswered-question]") {
  CHECK(Uq("Сколько устройств можно подключить к подписке? Есть лимит?", {"Ограничений нет."}).empty());
  CHECK(Uq("How many guests can join one room? Is there a cap?", {"Unlimited, as many as you like."}).empty());
}

TEST_CASE("unanswered-question: a clear answer of its kind shows the reply answered one question",
          "[unanswered-question]") {
  // The documents named answer the first question without its words; the second is open.
  const auto f = Uq("Какие документы нужны для оформления рассрочки? Можно ли внести первый взнос наличными?",
                    {"Нина, понадобятся паспорт и справка о доходах."});
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message_text, Catch::Contains("№2"));
  // A soft answer (a reason, a place, steps) keeps its question quiet and shows nothing.
  CHECK(Uq("Почему приложение просит обновиться? Будет ли версия для часов?",
           {"Это нужно, чтобы заработала новая оплата."})
            .empty());
  CHECK(Uq("Where do I see my loyalty points? Do they expire?", {"Ann, go to Profile and tap Rewards."}).empty());
}

TEST_CASE("unanswered-question: asking back or deferring the rest handles the questions", "[unanswered-question]") {
  CHECK(Uq("Why is the router blinking red? Do you cover the repair?",
           {"Lee, red blinking means the line is down at the cabinet. Can you confirm your postcode?"})
            .empty());
  CHECK(Uq("Когда приедет мастер? Почему счёт вырос на 200 рублей?",
           {"Мастер приедет в пятницу с 9 до 12. Остальное проверим и напишем вам."})
            .empty());
}

TEST_CASE("unanswered-question: «№1 Текст» is a numbered item; «?,» does not split a question",
          "[unanswered-question]") {
  // Two items, the first with two sentences: answered by both numbers, nothing open.
  CHECK(Uq("№1 Где мой заказ? Он ещё на складе?\n№ 2 Доставка платная?", {"№1 Заказ уже в пути.\n№2 Нет, бесплатная."})
            .empty());
  CHECK(Uq("№1 Где мой заказ?\n№2 Доставка платная?\n№3 Курьер позвонит?", {"№1 Заказ уже в пути.\n№3 Да, за час."})
            .size() == 1);
  CHECK(Uq("Не помню пин-код?, где его поменять? Почему карта не работает за границей?",
           {"Пин-код меняется в приложении: Карты → Настройки. За границей карта не работает, так как не включён "
            "режим путешествий."})
            .empty());
}

TEST_CASE("unanswered-question: a line opening with a count is no answer by number", "[unanswered-question]") {
  // «2 дня …» answers the first question by its words, not the second by its number.
  const auto f =
      Uq("1. Сколько идёт посылка до Омска?\n2. Можно ли оплатить картой?", {"2 дня идёт посылка до Омска."});
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message_text, Catch::Contains("№2") && !Catch::Contains("№1"));
}

TEST_CASE("unanswered-question: a yes or a no answers only at the start of a clause", "[unanswered-question]") {
  // "No problem" answers nothing, so nothing is clearly answered.
  CHECK(Uq("What happened to the bathroom tiles I ordered? Is the shop open on Sunday?",
           {"No problem at all, Dan, we'll sort it out with the warehouse today."})
            .empty());
  // «нет» inside a clause is no answer to the courier question.
  const auto f = Uq("Что случилось с моей посылкой? Курьер сможет приехать в субботу?",
                    {"Поводов для беспокойства нет, посылка лежит на складе."});
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message_text, Catch::Contains("№2"));
  // «и да, …» after a conjunction is at the start.
  CHECK(Uq("Что случилось с моей посылкой? Курьер сможет приехать в субботу?",
           {"Посылка лежит на складе, и да, в субботу курьеры работают."})
            .empty());
}

TEST_CASE("unanswered-question: a yes to a guess shows no answer", "[unanswered-question]") {
  // The yes may only nod at the guess: the why-question beside it is not skipped for sure.
  CHECK(Uq("Why is my upload speed so low today? Paying for the top plan and getting a tenth of it?",
           {"Hi Max, yes, a cable fault in the street slows the whole block."})
            .empty());
  // Asked outright, the yes answers it, and the question that shares nothing is open.
  CHECK(Uq("Why is my upload speed so low today? Is the top plan still the fastest one?", {"Hi Max, yes, it still is."})
            .size() == 1);
}

TEST_CASE("unanswered-question: a yes after the @handle of a public reply opens it", "[unanswered-question]") {
  Conversation c = MakeConversation(
      Channel::kSocial, "",
      {{Role::kCustomer, "@parkco So the north car park shuts at night? Only the south one stays open?"},
       {Role::kAgent, "@jo_w yes, the north car park shuts at 10pm, use the gate on Mill Lane."}});
  c.messages[0].author = "jo_w";
  auto worker = DefaultEngine().NewWorker();
  const ConversationResult r = DefaultEngine().Analyze(c, worker.get());
  REQUIRE(r.replies.size() == 1);
  size_t findings = 0;
  for (const auto& f : r.replies[0].findings) findings += f.rule == "unanswered-question";
  CHECK(findings == 0);
}
