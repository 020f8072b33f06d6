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

TEST_CASE("names: address after leading handles, hashtags and emoji (issue 17.1)", "[names]") {
  const auto social = [](const std::string& name, const std::string& reply) {
    return RulesOnLastReply(
        MakeConversation(Channel::kSocial, name, {{Role::kCustomer, "My parcel is late"}, {Role::kAgent, reply}}));
  };
  CHECK(social("Nora", "@nora_k #delivery 📦 Hi Dana, we're on it.") == V{"wrong-name"});
  CHECK(social("Nora", "Hi 👋 Dana, we're on it.") == V{"wrong-name"});
  CHECK(social("Nora", "@nora_k #delivery 📦 Hi Nora, we're on it.") == V{});
}

TEST_CASE("names: a name closing a sentence without a comma (issue 17.1)", "[names]") {
  // The customer's name misspelt or in another form at the end counts ...
  CHECK(Rules("Clare", "Hi", "It matters to us more than you think Claire 2/2.") == V{"wrong-name"});
  CHECK(Rules("Clare", "Hi", "Sorry for the wait Claire!") == V{"wrong-name"});
  CHECK(Rules("Саша", "Вопрос", "Спасибо за ожидание Александра!") == V{"name-form"});
  // ... but somebody else's name there is a third person, and so is a name
  // after a preposition, a role noun, or in another case.
  CHECK(Rules("Dana", "Hi", "Sorry for the wait Nora!") == V{});
  CHECK(Rules("Clare", "Hi", "We passed your note to Claire.") == V{});
  CHECK(Rules("Clare", "Hi", "I have asked our agent Claire.") == V{});
  CHECK(Rules("Clare", "Hi", "I have asked my colleague Claire.") == V{});
  CHECK(Rules("Саша", "Вопрос", "Позвоните Александру.") == V{});
  // A reply that names the customer right elsewhere means someone else.
  CHECK(Rules("Clare", "Hi", "Hi Clare! Please wait for Claire.") == V{});
  CHECK(Rules("Clare", "Hi", "Hi Clare! Sorry for the wait Claire!") == V{});
}

TEST_CASE("wrong-name: a misspelt form of the customer's name (issue 17.2)", "[names]") {
  auto f = FindingsOf(
      MakeConversation(Channel::kChat, "Loreen", {{Role::kCustomer, "Hi"}, {Role::kAgent, "Hi Looreen, all done."}}),
      "wrong-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].suggestion == "Loreen");
  CHECK(f[0].message_text.find("misspelling") != std::string::npos);
  CHECK(Rules("Pascal", "Hi", "Hey Pazcal, all done.") == V{"wrong-name"});
  CHECK(Rules("Clare", "Hi", "Hi Claire, all done.") == V{"wrong-name"});
  CHECK(Rules("Sarah", "Hi", "Hi Sara, all done.") == V{"wrong-name"});
  f = FindingsOf(MakeConversation(Channel::kChat, "Наталья",
                                  {{Role::kCustomer, "Вопрос"}, {Role::kAgent, "Здравствуйте, Натальа! Всё готово."}}),
                 "wrong-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].suggestion == "Наталья");
  // A spelling variant of the same name is the customer's own form.
  CHECK(Rules("Наталья", "Вопрос", "Здравствуйте, Наталия! Всё готово.") == V{});
  CHECK(Rules("Aleksandr", "Hi", "Hi Alexandr, all done.") == V{});
  // Another real name one letter away is another name, not a misspelling.
  f = FindingsOf(
      MakeConversation(Channel::kChat, "Dana", {{Role::kCustomer, "Hi"}, {Role::kAgent, "Hi Dina, all done."}}),
      "wrong-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message_text.find("misspelling") == std::string::npos);
  // A name the conversation gives to somebody else is that person's.
  CHECK(Rules("Clare", "My daughter Claire ordered it for me.", "Hi Claire, all done.") == V{"wrong-name"});
  CHECK(RulesOnLastReply(MakeConversation(Channel::kChat, "Clare",
                                          {{Role::kCustomer, "Hi"}, {Role::kAgent, "Sorry for the wait Claire!"}}, "",
                                          "Claire Dunn")) == V{});
  // Short names have too many neighbours: Ann and Anne are told apart by
  // the dictionary only, never as a misspelling.
  f = FindingsOf(
      MakeConversation(Channel::kChat, "Kit", {{Role::kCustomer, "Hi"}, {Role::kAgent, "Hi Kitt, all done."}}),
      "wrong-name");
  CHECK(f.empty());
}

TEST_CASE("names: a title with the customer's surname is correct address (issue 17.3)", "[names]") {
  CHECK(Rules("Grace Kim", "Hi", "Dear Ms. Kim, your order is ready.") == V{});
  CHECK(Rules("Alex Morgan", "Hi", "Dear Mr. Morgan, your order is ready.") == V{});
  CHECK(Rules("Иван Морган", "Вопрос", "Уважаемый господин Морган, заказ готов.") == V{});
  CHECK(Rules("Анна Иванова", "Вопрос", "Здравствуйте, госпожа Ивановой! Заказ готов.") == V{});
  // A surname we cannot check stays quiet; a form of the given name does not.
  CHECK(Rules("Grace", "Hi", "Dear Ms. Kim, your order is ready.") == V{});
  CHECK(Rules("Bob Smith", "Hi", "Dear Mr. Robert, your order is ready.") == V{"name-form"});
  // The title's gender still counts.
  CHECK(Rules("Grace Kim", "Hi", "Dear Mr. Kim, your order is ready.") == V{"gender-agreement"});
  CHECK(Rules("Анна Иванова", "Вопрос", "Уважаемый господин Иванова, заказ готов.") == V{"gender-agreement"});
}

TEST_CASE("names: a name from a handle or display name is a low-confidence name (issue 17.4)", "[names]") {
  const auto with_author = [](const std::string& author, const std::string& reply) {
    Conversation c =
        MakeConversation(Channel::kSocial, "", {{Role::kCustomer, "My plug drops the wifi."}, {Role::kAgent, reply}});
    c.messages[0].author = author;
    return c;
  };
  auto f = FindingsOf(with_author("ClareM", "@ClareM Hi Claire, please reset it."), "wrong-name");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kSuggestion);
  CHECK(f[0].suggestion == "Clare");
  CHECK(f[0].message_text.find("ClareM") != std::string::npos);
  f = FindingsOf(with_author("bob_runs_far", "Hi Robert, please reset it."), "name-form");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kSuggestion);
  // Another name: the handle may be a nickname or a brand.
  CHECK(RulesOnLastReply(with_author("Clare Moss", "Hi Jess, please reset it.")) == V{});
  CHECK(RulesOnLastReply(with_author("GadgetBarn", "Hi Sam, please reset it.")) == V{});
  CHECK(RulesOnLastReply(with_author("117220", "Hi Sam, please reset it.")) == V{});
  // Not a source of gender: "@AnnaBakes" may be a shop.
  CHECK(RulesOnLastReply(with_author("AnnaBakes", "Dear Sir, please reset it.")) == V{});
  // The name field, when given, is what counts.
  Conversation c = with_author("ClareM", "Hi Jess, please reset it.");
  c.customer.name = "Nora";
  CHECK(RulesOnLastReply(c) == V{"wrong-name"});
}
