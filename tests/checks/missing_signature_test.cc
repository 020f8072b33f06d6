#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {
std::vector<Finding> Sig(const std::string& text, const std::string& author = "", Channel ch = Channel::kEmail,
                         const std::string& customer = "") {
  return FindingsOf(MakeConversation(ch, customer, {{Role::kCustomer, "Вопрос"}, {Role::kAgent, text}},
                                     "support@x.example", author),
                    "missing-signature");
}
}  // namespace

TEST_CASE("missing-signature: a full name in the sign-off passes", "[missing-signature]") {
  for (const char* text : {"Готово.\n\nС уважением,\nИван Петров", "Готово.\n\nПетрова Анна Сергеевна\nведущий специалист",
                           "Готово.\n\nИван Петров, специалист поддержки\nТел.: +7 495 000-00-00",
                           "Done.\n\nBest, Tom Baker", "Done.\n\n— Olga Ivanova | Customer Care",
                           "Done.\n\nKind regards,\nAnna K. Smith\nBilling | SaaSy Ltd",
                           "Done.\n\nSean O'Brien", "Done.\n\nThanks,\nLudwig van Beethoven",
                           "Готово.\n\nС уважением,\nИрина Соколова\n\n12.11.2026, Наталья пишет:\n> вопрос"}) {
    CHECK(Sig(text).empty());
  }
}

TEST_CASE("missing-signature: no signature, team, first name, initials", "[missing-signature]") {
  auto none = Sig("Здравствуйте!\n\nЗаказ приедет в четверг.");
  REQUIRE(none.size() == 1);
  CHECK(none[0].text == "Заказ приедет в четверг.");
  CHECK_THAT(none[0].message_text, Catch::Contains("без подписи"));
  auto team = Sig("Готово.\n\nС уважением,\nСлужба поддержки");
  REQUIRE(team.size() == 1);
  CHECK_THAT(team[0].message_text, Catch::Contains("командой"));
  auto first = Sig("Готово.\n\nС уважением,\nАнна", "Анна Смирнова");
  REQUIRE(first.size() == 1);
  CHECK_THAT(first[0].message_text, Catch::Contains("только имя"));
  CHECK_THAT(first[0].suggestion, Catch::Contains("Анна Смирнова"));
  auto initials = Sig("Готово.\n\nС уважением,\nИ. Петров");
  REQUIRE(initials.size() == 1);
  CHECK_THAT(initials[0].message_text, Catch::Contains("инициалы"));
  CHECK(Sig("Done.\n\nCheers,\nMike T.").size() == 1);
  CHECK(Sig("Done.\n\nThe Acme Team").size() == 1);
  CHECK(Sig("Hi Liz,\n\nIt ships today.").size() == 1);
}

TEST_CASE("missing-signature: the customer's own name at the end is no signature", "[missing-signature]") {
  CHECK(Sig("Готово.\n\nСпасибо, Анна Смирнова", "", Channel::kEmail, "Анна Смирнова").size() == 1);
}

TEST_CASE("missing-signature: email only by default", "[missing-signature]") {
  CHECK(Sig("Заказ приедет в четверг.", "", Channel::kChat).empty());
  CHECK(Sig("Заказ приедет в четверг.", "", Channel::kSocial).empty());
}

TEST_CASE("missing-signature: a 'Product: link' line is no signature", "[missing-signature]") {
  CHECK(Sig("Скачайте новую версию по ссылке ниже.\n\nЛисий Браузер: https://fox.example/download").size() == 1);
  CHECK(Sig("Update the app from the store.\n\nPine Notes: https://pine.example/app").size() == 1);
  CHECK(Sig("Версия приложения указана ниже.\n\nСборка Мартовская: 4.2").size() == 1);
}

TEST_CASE("missing-signature: every suggestion, once applied, passes the rule", "[missing-signature]") {
  struct Case {
    const char* text;
    const char* author;
  };
  for (const Case& c : std::vector<Case>{{"Заказ приедет в четверг.", ""},
                                         {"Заказ приедет в четверг.", "Служба поддержки Лисьего Браузера"},
                                         {"Заказ приедет в четверг.", "Pine Support"},
                                         {"Заказ приедет в четверг.", "Анна Смирнова"},
                                         {"Готово.\n\nС уважением,\nАнна", "Анна Смирнова"},
                                         {"Done.\n\nThe Acme Team", "Acme Team"},
                                         {"Done.\n\nCheers,\nMike T.", "Mike Tanner"},
                                         {"It ships today.", ""}}) {
    INFO(c.text << " / " << c.author);
    const auto f = Sig(c.text, c.author);
    REQUIRE(f.size() == 1);
    // The suggestion is a line of advice, then the sign-off to add.
    const std::string& s = f[0].suggestion;
    const size_t nl = s.find('\n');
    REQUIRE(nl != std::string::npos);
    const std::string fixed = std::string(c.text) + "\n\n" + s.substr(nl + 1);
    INFO(fixed);
    CHECK(Sig(fixed, c.author).empty());
  }
}
