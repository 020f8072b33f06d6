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
