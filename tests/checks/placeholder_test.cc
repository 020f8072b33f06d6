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
  for (const char* p : {"{{ name }}", "{{ticket.requester.first_name}}", "{name}", "%NAME%", "#{ticket.customer.firstname}",
                        "[ИМЯ]", "[NAME]", "<имя>", "<name>", "${first_name}", "*|FNAME|*", "{% if x %}",
                        "[номер заказа]", "[Customer Name]", "[ORDER_ID]", "__NAME__"}) {
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
