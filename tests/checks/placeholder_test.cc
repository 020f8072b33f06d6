#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {
std::vector<Finding> Ph(const std::string& text, const std::string& customer = "") {
  return FindingsOf(MakeConversation(Channel::kChat, customer, {{Role::kAgent, text}}), "placeholder");
}
}  // namespace

TEST_CASE("placeholder: every helpdesk syntax is found with its exact span", "[placeholder]") {
  for (const char* p : {"{{ name }}", "{{ticket.requester.first_name}}", "{name}", "%NAME%",
                        "#{ticket.customer.firstname}", "[ИМЯ]", "[NAME]", "<имя>", "<name>", "${first_name}",
                        "*|FNAME|*", "{% if x %}", "[номер заказа]", "[Customer Name]", "[ORDER_ID]", "__NAME__"}) {
    const std::string text = std::string("Привет, ") + p + ", заказ готов.";
    const auto f = Ph(text);
    INFO(p);
    REQUIRE(f.size() == 1);
    CHECK(f[0].text == p);
  }
}

TEST_CASE("placeholder: the suggestion offers the customer's name for a name slot", "[placeholder]") {
  const auto f = Ph("Здравствуйте, {{ name }}!", "Саша");
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].suggestion, Catch::Contains("Саша"));
  CHECK(f[0].severity == Severity::kError);
}

TEST_CASE("placeholder: percentages, references, links, UI labels and code are not placeholders", "[placeholder]") {
  for (const char* text : {"Скидка 10%, а по карте ещё 5%.", "См. раздел [1] и [PDF].",
                           "Ссылка: <https://x.example/a>, почта <ivan@example.com>.", "Нажмите [Отправить код].",
                           "Ответ API: {\"status\": \"ok\"}.", "Спасибо :) <3", "Если x < y и y > z.",
                           "50% off until Sunday, plus 10% more."}) {
    INFO(text);
    CHECK(Ph(text).empty());
  }
}

TEST_CASE("placeholder: bracketed words, runs, $VARIABLES and editor's ellipses are slots", "[placeholder]") {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"Оплата за [месяц] прошла успешно.", "[месяц]"},
      {"We refunded [amount] to your card.", "[amount]"},
      {"Списали [сумма оплаты] по тарифу.", "[сумма оплаты]"},
      {"Your booking XXXX is confirmed.", "XXXX"},
      {"Номер вашего заказа ХХХХХ, трек придёт позже.", "ХХХХХ"},
      {"Код подтверждения: ______, введите его на сайте.", "______"},
      {"We charged $AMOUNT on Monday.", "$AMOUNT"},
      {"Your order $ORDER_ID ships today.", "$ORDER_ID"},
      {"Приложение работает на Android (версия ... и выше).", "(версия ... и выше)"},
      {"The sale runs (from … to …) this month.", "(from … to …)"},
      {"Hi <insert customer's first name here>, thanks!", "<insert customer's first name here>"},
      {"Done — [insert the tracking link] is your parcel.", "[insert the tracking link]"},
  };
  for (const auto& [text, slot] : cases) {
    INFO(text);
    const auto f = Ph(text);
    REQUIRE(f.size() == 1);
    CHECK(f[0].text == slot);
  }
}

TEST_CASE("placeholder: codes, masks, sizes, markdown and typed code are not slots", "[placeholder]") {
  for (const char* text :
       {"Карта **** 4417 привязана.", "Card XXXX XXXX XXXX 4417 is linked.", "Card ending XXXX-4417 is linked.",
        "Введите номер в формате XXXX-XXXX.", "Use the format XXXX-XXXX for the code.", "Футболка размера XXL.",
        "Это был XXX век.", "Ask for X or Y, whichever is easier.", "Заказ AB-7731 уже в пути.",
        "See [the guide](https://help.example/guide).", "- [x] done", "Вы прислали [фото], спасибо.",
        "Спасибо!\n________\nАнна Смирнова", "Shares of $ACME rose.", "Run `export PORT=$APP_PORT` first.",
        "Выполните команду: docker run -p ${PORT}:80 app", "Type this:\n  deploy --target $TARGET_HOST",
        "Поддерживаются все версии (и т. д. …)", "Thanks for waiting... (we are on it) and more."}) {
    INFO(text);
    CHECK(Ph(text).empty());
  }
}

TEST_CASE("placeholder: overlapping syntaxes give one finding per span", "[placeholder]") {
  const auto f = Ph("Здравствуйте, ${name}! Оплата за [месяц] прошла.");
  REQUIRE(f.size() == 2);
  CHECK(f[0].text == "${name}");
  CHECK(f[1].text == "[месяц]");
}

TEST_CASE("placeholder: built-in patterns compiled on first need find what compiled ones find", "[placeholder]") {
  // The embedded rules defer patterns that open with a literal byte and skip
  // texts without it; read from the source tree (--rules-dir) every pattern
  // is compiled at once and filtered by RE2's PossibleMatchRange.
  EngineOptions o;
  o.rules_dir = std::string(REPLYLINT_SOURCE_DIR) + "/rules";
  o.config_path = TempFile("empty-config.yaml", "");
  o.config_explicit = true;
  auto eager = Engine::Create(o);
  REQUIRE(eager.ok());
  const auto worker = (*eager)->NewWorker();
  for (const char* text : {"Привет, {{ name }}, заказ готов.", "Hi {% if x %}", "Dear ${first_name}, #{ticket.id}",
                           "Code {name} and %NAME%", "*|FNAME|* here", "[ИМЯ], <имя> и [номер заказа]",
                           "Card XXXX XXXX and ____ line", "Total $AMOUNT today", "(версия ... и выше)",
                           "Скидка 10%, ссылка <https://x.example/a>, [1]", "No slots here at all."}) {
    INFO(text);
    const Conversation c = MakeConversation(Channel::kChat, "Саша", {{Role::kAgent, text}});
    std::vector<std::string> want, got;
    const ConversationResult r = (*eager)->Analyze(c, worker.get());
    for (const Finding& f : r.replies.back().findings) {
      if (f.rule == "placeholder") want.push_back(f.text);
    }
    for (const Finding& f : FindingsOf(c, "placeholder")) got.push_back(f.text);
    CHECK(got == want);
  }
}
