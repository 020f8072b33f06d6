#include <algorithm>
#include <catch2/catch.hpp>

#include "lexicon/declension.h"
#include "lexicon/name_forms.h"
#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {
std::vector<std::string> Rules(const std::string& customer_name, const std::string& customer_text,
                               const std::string& reply, const std::string& author = "") {
  return RulesOnLastReply(MakeConversation(Channel::kChat, customer_name,
                                           {{Role::kCustomer, customer_text}, {Role::kAgent, reply}}, "", author));
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("Declension generates the case forms of names", "[names]") {
  const auto sasha = Declension::Instance().Decline("Саша", Gender::kFemale);
  CHECK(sasha[static_cast<size_t>(Case::kDat)] == "Саше");
  CHECK(sasha[static_cast<size_t>(Case::kAcc)] == "Сашу");
  CHECK(sasha[static_cast<size_t>(Case::kIns)] == "Сашей");
  const auto misha = Declension::Instance().Decline("Миша", Gender::kMale);
  CHECK(misha[static_cast<size_t>(Case::kGen)] == "Миши");
  CHECK(misha[static_cast<size_t>(Case::kIns)] == "Мишей");
  const auto petr = Declension::Instance().Decline("Пётр", Gender::kMale);
  CHECK(petr[static_cast<size_t>(Case::kDat)] == "Петру");
  const auto anastasia = Declension::Instance().Decline("Анастасия", Gender::kFemale);
  CHECK(anastasia[static_cast<size_t>(Case::kGen)] == "Анастасии");
}

TEST_CASE("Declined forms map back to every reading", "[names]") {
  const auto& r = NameForms::Instance().Readings("александру");
  bool dat_m = false, acc_f = false;
  for (const auto& x : r) {
    if (x.entry->full == "Александр" && x.grammatical_case == Case::kDat) dat_m = true;
    if (x.entry->full == "Александра" && x.grammatical_case == Case::kAcc) acc_f = true;
  }
  CHECK(dat_m);
  CHECK(acc_f);
  CHECK(NameSkeleton("Sasha") == NameSkeleton("Саша"));
  CHECK(NameSkeleton("Dmitry") == NameSkeleton("Дмитрий"));
  CHECK(NameSkeleton("Aleksandr") == NameSkeleton("Alexandr"));
}

TEST_CASE("name-form: another form of the customer's own name", "[names]") {
  CHECK(Rules("Саша", "Я оформила заказ", "Здравствуйте, Александра! Заказ едет.") == V{"name-form"});
  CHECK(Rules("Слава", "Вопрос", "Вячеслав, добрый день! Всё готово.") == V{"name-form"});
  CHECK(Rules("Bob", "Hi", "Hi Robert, your refund is on its way.") == V{"name-form"});
  CHECK(Rules("Анастасия", "Вопрос", "Добрый день, Настя! Всё готово.") == V{"name-form"});
  CHECK(Rules("Саша", "Вопрос", "Добрый день, Шура!") == V{"name-form"});
}

TEST_CASE("name-form: the suggestion is the customer's form in the reply's case", "[names]") {
  const auto f = FindingsOf(MakeConversation(Channel::kChat, "Саша",
                                             {{Role::kCustomer, "Я оформила заказ"},
                                              {Role::kAgent, "Спасибо, Александра! Мы напишем Александре позже."}}),
                            "name-form");
  REQUIRE(f.size() >= 1);
  CHECK(f[0].text == "Александра");
  CHECK(f[0].suggestion == "Саша");
}

TEST_CASE("name-form: case endings, transliteration and other roles are fine", "[names]") {
  CHECK(Rules("Саша", "Вопрос", "Здравствуйте, Саша! Саше отправили письмо.") == V{});
  CHECK(Rules("Sasha", "Вопрос", "Здравствуйте, Саша! Всё готово.") == V{});
  CHECK(Rules("Вадим", "Вопрос", "Добрый день! Меня зовут Александр, я помогу.") == V{});
  CHECK(Rules("Вадим", "Вопрос", "Добрый день, Вадим! Иван, наш специалист, перезвонит.") == V{});
  CHECK(Rules("Анна", "Вопрос", "Анна, спасибо! Передам Александру, он перезвонит.") == V{});
}

TEST_CASE("wrong-name: the agent's byline with a role is no address", "[names]") {
  CHECK(Rules("Саша", "Вопрос", "Здравствуйте, Саша! Заказ отправлен.\nАнна, специалист службы поддержки") == V{});
  CHECK(Rules("Sam", "Question", "Hi Sam, your order has shipped.\nAnna, Customer Support Specialist") == V{});
  CHECK(Rules("Sam", "Question", "Hi Sam, your order has shipped.\nAnna, support team") == V{});
  // A sentence to somebody else on the last line still addresses them.
  CHECK(Rules("Саша", "Вопрос", "Здравствуйте!\nМаша, менеджер перезвонит вам завтра") == V{"wrong-name"});
  CHECK(Rules("Саша", "Вопрос", "Здравствуйте!\nМаша, менеджер уже проверил. Всё готово") == V{"wrong-name"});
  // The first line of a reply is no byline.
  CHECK(Rules("Саша", "Вопрос", "Маша, специалист уже всё проверил\nЗаказ готов") == V{"wrong-name"});
}

TEST_CASE("wrong-name: a name that is no form of theirs", "[names]") {
  CHECK(Rules("Вадим", "Где деньги?", "Добрый день, Александр! Деньги на карте.") == V{"wrong-name"});
  CHECK(Rules("Станислав", "Вопрос", "Вячеслав, добрый день! Всё готово.") == V{"wrong-name"});
  CHECK(Rules("", "Здравствуйте!\nГде мой заказ?\n\nСпасибо,\nВадим", "Здравствуйте, Александр! Заказ едет.") ==
        V{"wrong-name"});
}

TEST_CASE("gender-agreement: an address word of the other gender", "[names]") {
  CHECK(Rules("", "Я оформила заказ, где он?", "Уважаемый клиент, заказ передан в доставку.") == V{"gender-agreement"});
  CHECK(Rules("Анастасия", "Вопрос", "Дорогой друг, заказ передан в доставку.") == V{"gender-agreement"});
  const auto f = FindingsOf(
      MakeConversation(Channel::kChat, "",
                       {{Role::kCustomer, "Я оформила заказ"}, {Role::kAgent, "Уважаемый клиент, всё готово."}}),
      "gender-agreement");
  REQUIRE(f.size() == 1);
  CHECK(f[0].suggestion == "Уважаемая");
}

TEST_CASE("gender-agreement: unknown gender or no address does not fire", "[names]") {
  CHECK(Rules("Саша", "Вопрос", "Уважаемая Саша, всё готово.") == V{});  // Саша: both genders
  CHECK(Rules("", "Я оформила заказ", "Это дорогой товар, но доставка бесплатная.") == V{});
  CHECK(Rules("", "Я оформила заказ", "Уважаемая клиентка, всё готово.") == V{});
}

TEST_CASE("suspicious-name: a non-name addressed without asking", "[names]") {
  CHECK(Rules("Мой господин", "Привет", "Привет, мой господин! Ваш заказ уже мчится на склад.") ==
        V{"suspicious-name"});
  CHECK(Rules("Мой господин", "Привет",
              "Привет, мой господин! Ваш заказ уже мчится на склад. Кстати, как вам будет комфортнее, чтобы мы "
              "обращались к вам в следующих письмах?") == V{});
  CHECK(Rules("Admin", "Hi", "Hi Admin, the order is ready.") == V{"suspicious-name"});
  CHECK(Rules("12345", "Hi", "Hello 12345, the order is ready.") == V{"suspicious-name"});
  CHECK(Rules("Admin", "Hi", "Hello! The order is ready.") == V{});
  CHECK(Rules("Гульнара", "Привет", "Здравствуйте, Гульнара! Заказ готов.") == V{});
}

TEST_CASE("suspicious-name: letters of any script make a plausible name; mashes still do not", "[names]") {
  // Invented names: Greek has no vowels the vowel test knows; a reduplicated
  // syllable with a tilde is two distinct letters.
  CHECK(Rules("Θεόδωρος", "Hi", "Hello Θεόδωρος, the order is ready.") == V{});
  CHECK(Rules("Ñaña", "Hi", "Hello Ñaña, the order is ready.") == V{});
  CHECK(Rules("Lulu", "Hi", "Hello Lulu, the order is ready.") == V{});
  CHECK(Rules("Γιώργος", "Hi", "Hello Γιώργος, the order is ready.") == V{});  // issue 13's cases
  CHECK(Rules("Ñoño", "Hi", "Hello Ñoño, the order is ready.") == V{});
  CHECK(Rules("Zzzz", "Hi", "Hello Zzzz, the order is ready.") == V{"suspicious-name"});
  CHECK(Rules("Kjkj", "Hi", "Hello Kjkj, the order is ready.") == V{"suspicious-name"});
  CHECK(Rules("Ьъьъ", "Привет", "Здравствуйте, Ьъьъ! Заказ готов.") == V{"suspicious-name"});
}

TEST_CASE("suspicious-name: an obscene name is an error even when asking", "[names]") {
  const auto f = FindingsOf(MakeConversation(Channel::kChat, "Дурак",
                                             {{Role::kCustomer, "Привет"},
                                              {Role::kAgent, "Здравствуйте, Дурак! Как к вам лучше обращаться?"}}),
                            "suspicious-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kError);
}

TEST_CASE("gender-agreement: a title the customer signs with tells their gender", "[gender-agreement]") {
  auto rules = RulesOnLastReply(
      MakeConversation(Channel::kEmail, "Sam",
                       {{Role::kCustomer, "Hi, where is my order?\n\nThanks,\nSam (Mrs.)"},
                        {Role::kAgent, "Dear Mr Sam, your order ships today.\n\nBest regards,\nDana Whitfield"}}));
  CHECK(std::count(rules.begin(), rules.end(), "gender-agreement") == 1);
  // A greeting line in the customer's message addresses somebody else.
  rules = RulesOnLastReply(
      MakeConversation(Channel::kEmail, "Sam",
                       {{Role::kCustomer, "Dear Mr Smith,\nwhere is my order?\nSam"},
                        {Role::kAgent, "Dear Ms Sam, your order ships today.\n\nBest regards,\nDana Whitfield"}}));
  CHECK(std::count(rules.begin(), rules.end(), "gender-agreement") == 0);
}

TEST_CASE("names: invisible characters and look-alike letters do not hide a name (issue 13.10)", "[names]") {
  // name-form and wrong-name through a zero-width space, a stress mark, a
  // bidi override and fullwidth letters.
  CHECK(Rules("Саша", "Вопрос", "Здравствуйте, Алекс\u200Bандра! Заказ готов.") == V{"name-form"});
  CHECK(Rules("Саша", "Вопрос", "Здравствуйте, Алекса\u0301ндра! Заказ готов.") == V{"name-form"});
  CHECK(Rules("Вадим", "Вопрос", "Здравствуйте, \u202EАлександр\u202C! Заказ готов.") == V{"wrong-name"});
  CHECK(Rules("Nora", "Hi", "Hi \uFF24\uFF41\uFF4E\uFF41, your order is ready.") == V{"wrong-name"});
  // The customer's own name with a joiner inside is their name.
  CHECK(Rules("Clare", "Hi", "Hi Cla\u200Dre, your order is ready.") == V{});
  CHECK(Rules("Cla\u200Bre", "Hi", "Hi Clare, your order is ready.") == V{});
  // gender-agreement: a soft hyphen inside the title.
  CHECK(Rules("Анастасия", "Вопрос", "Дорого\u00ADй друг, заказ передан в доставку.") == V{"gender-agreement"});
  // suspicious-name: a joiner in the name field and in the reply.
  CHECK(Rules("Ad\u200Bmin", "Hi", "Hello Ad\u200Dmin, the order is ready.") == V{"suspicious-name"});
  // The span is the bytes the customer saw, invisible ones inside included.
  const auto f = FindingsOf(MakeConversation(Channel::kChat, "Вадим",
                                             {{Role::kCustomer, "Вопрос"},
                                              {Role::kAgent, "Здравствуйте, \u202EАлександр\u202C! Заказ готов."}}),
                            "wrong-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "Александр");
  CHECK(f[0].suggestion == "Вадим");
}

TEST_CASE("names: a suggestion is the whole name, never cut", "[names]") {
  // A zero-width space inside the name field once cut the name there.
  auto f = FindingsOf(MakeConversation(Channel::kChat, "Кла\u200Bра",
                                       {{Role::kCustomer, "Вопрос"}, {Role::kAgent, "Здравствуйте, Маша! Готово."}}),
                      "wrong-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].suggestion == "Клара");
  // A long name of two-byte letters: past any length a word could be cut at.
  std::string long_name = "Констанц";
  while (long_name.size() < 130) long_name += "ия";
  f = FindingsOf(MakeConversation(Channel::kChat, long_name,
                                  {{Role::kCustomer, "Вопрос"}, {Role::kAgent, "Здравствуйте, Маша! Готово."}}),
                 "wrong-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].suggestion == long_name);
  CHECK(f[0].message_text.find(long_name) != std::string::npos);
}
