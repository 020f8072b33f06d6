#include "redact/redact.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using replylint::testing::DefaultEngine;

namespace {

struct Redacted {
  Conversation c;
  ConversationResult r;
};

Redacted Run(Redactor* red, Conversation c) {
  auto worker = DefaultEngine().NewWorker();
  ConversationResult r = DefaultEngine().Analyze(c, worker.get());
  red->Redact(&c, &r);
  return {c, r};
}

const Finding* Find(const MessageResult& r, const std::string& rule) {
  for (const Finding& f : r.findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Redaction masks names in every case form, e-mail addresses and phones", "[redact]") {
  Conversation c = replylint::testing::MakeConversation(
      Channel::kEmail, "Саша",
      {{Role::kCustomer, "Здравствуйте! Меня зовут Саша, мой телефон +7 (912) 345-67-89, почта sasha.k@mail.example."},
       {Role::kAgent,
        "Здравствуйте, Александра!\n\nПеред звонком Саше на 8 912 345 67 89 отправим письмо на "
        "sasha.k@mail.example.\n\n"
        "С уважением,\nИван Петров"}},
      "support@shop.example", "Иван Петров");
  Redactor red;
  const Redacted out = Run(&red, c);
  const std::string& customer = out.c.messages[0].text;
  const std::string& reply = out.c.messages[1].text;
  CHECK(customer == "Здравствуйте! Меня зовут [name-1], мой телефон [phone-1], почта [email-1].");
  // Саше is Саша in the dative: the same mask; the other form of the name
  // gets a mask of its own; the same number in another notation is the same.
  CHECK(reply ==
        "Здравствуйте, [name-2]!\n\nПеред звонком [name-1] на [phone-1] отправим письмо на [email-1].\n\n"
        "С уважением,\n[name-3] [name-4]");
  CHECK(out.c.messages[1].author == "[name-3] [name-4]");
  CHECK(out.c.customer.name == "[name-1]");
  // The finding moved onto the mask, and its texts are masked too.
  const Finding* f = Find(out.r.replies[0], "name-form");
  REQUIRE(f);
  CHECK(reply.substr(f->start, f->end - f->start) == "[name-2]");
  CHECK(f->text == "[name-2]");
  CHECK(f->suggestion == "[name-1]");
  CHECK(f->message_text.find("Саша") == std::string::npos);
  CHECK(f->message_text.find("Александра") == std::string::npos);
  CHECK(f->message_text.find("[name-1]") != std::string::npos);
}

TEST_CASE("Masks are the same across conversations; the team's addresses stay", "[redact]") {
  Redactor red;
  Conversation a = replylint::testing::MakeConversation(
      Channel::kEmail, "Bob", {{Role::kCustomer, "Hi, it's Bob (bob@mail.example)."}, {Role::kAgent, "Hi Bob's team"}},
      "no-reply@shop.example");
  const Redacted ra = Run(&red, a);
  CHECK(ra.c.messages[0].text == "Hi, it's [name-1] ([email-1]).");
  CHECK(ra.c.messages[1].text == "Hi [name-1]'s team");
  const Finding* nr = Find(ra.r.replies[0], "no-reply-sender");
  REQUIRE(nr);
  CHECK(nr->text == "no-reply@shop.example");
  Conversation b = replylint::testing::MakeConversation(
      Channel::kChat, "Liz",
      {{Role::kCustomer, "bob@mail.example here, call 555-201-3344."}, {Role::kAgent, "Hi Liz!"}});
  const Redacted rb = Run(&red, b);
  CHECK(rb.c.messages[0].text == "[email-1] here, call [phone-1].");
  CHECK(rb.c.messages[1].text == "Hi [name-2]!");
}

TEST_CASE("Phone numbers: 10 to 15 digits, not inside words or longer numbers", "[redact]") {
  Redactor red;
  Conversation c = replylint::testing::MakeConversation(
      Channel::kChat, "",
      {{Role::kCustomer,
        "заказ 48213, трек RU1234567890CN, звоните 89123456789 или +44 20 7946 0958, "
        "карта 1234 5678 9012 3456 7890 12"},
       {Role::kAgent, "Спасибо!"}});
  const Redacted r = Run(&red, c);
  CHECK(r.c.messages[0].text ==
        "заказ 48213, трек RU1234567890CN, звоните [phone-1] или [phone-2], карта 1234 5678 9012 3456 7890 12");
}

TEST_CASE("A surname is masked in its case forms, only capitalised", "[redact]") {
  Redactor red;
  Conversation c = replylint::testing::MakeConversation(
      Channel::kEmail, "Анна Иванова",
      {{Role::kCustomer, "Пишет Анна Иванова."}, {Role::kAgent, "Анна, передали Ивановой и ивановой ветке."}});
  const Redacted r = Run(&red, c);
  CHECK(r.c.messages[0].text == "Пишет [name-1] [name-2].");
  CHECK(r.c.messages[1].text == "[name-1], передали [name-2] и ивановой ветке.");
}

TEST_CASE("Stated surnames, other forms of a name and e-mail addresses in other shapes", "[redact]") {
  Redactor red;
  Conversation c = replylint::testing::MakeConversation(
      Channel::kEmail, "Bob",
      {{Role::kCustomer,
        "Здравствуйте! Меня зовут Александра Кузнецова. Пишите на иван@почта.рф, "
        "ivan(at)mail.ru или ivan.petrov @ gmail.com"},
       {Role::kAgent, "Hi Bobby! Rob, Robert: Кузнецовой передадим. Версия 2.0 (at) работе."}});
  const Redacted r = Run(&red, c);
  const std::string all = r.c.messages[0].text + r.c.messages[1].text;
  for (const char* leak : {"Кузнецов", "Александр", "иван@", "почта.рф", "ivan", "gmail", "Bobby", "Rob"})
    CHECK(all.find(leak) == std::string::npos);
  CHECK(r.c.messages[1].text.find("Версия 2.0 (at) работе.") != std::string::npos);
}

TEST_CASE("Checksums keep look-alike numbers readable", "[redact]") {
  CHECK(CardChecksum("4111 1111 1111 1111"));
  CHECK_FALSE(CardChecksum("4111 1111 1111 1112"));  // an order number failing Luhn
  CHECK(IbanChecksum("GB82 WEST 1234 5698 7654 32"));
  CHECK_FALSE(IbanChecksum("GB82 WEST 1234 5698 7654 33"));
  CHECK(SnilsChecksum("112-233-445 95"));
  CHECK_FALSE(SnilsChecksum("112-233-445 96"));
  CHECK(Ipv4Address("192.168.10.7"));
  CHECK_FALSE(Ipv4Address("1.2.300.4"));
}

TEST_CASE("Cards, IBANs, СНИЛС, IPs, passports, dates of birth and addresses are masked", "[redact]") {
  Redactor red;
  Conversation c = replylint::testing::MakeConversation(
      Channel::kEmail, "",
      {{Role::kCustomer,
        "Карта 4111 1111 1111 1111, заказ 4111 1111 1111 1112, IBAN GB82 WEST 1234 5698 7654 32, "
        "СНИЛС 112-233-445 95, IP 192.168.10.7 и 2001:db8::ff00:42:8329, паспорт серия 45 10 № 123456, "
        "дата рождения 12.03.1988, адрес ул. Садовая, д. 15, кв. 7; DOB 1990-05-17, 221B Baker Street"},
       {Role::kAgent, "Спасибо!"}});
  const Redacted r = Run(&red, c);
  const std::string& t = r.c.messages[0].text;
  INFO(t);
  for (const char* leak : {"4111 1111 1111 1111", "GB82", "112-233-445", "192.168", "2001:db8", "123456", "1988",
                           "Садовая", "1990", "Baker"})
    CHECK(t.find(leak) == std::string::npos);
  CHECK(t.find("заказ 4111 1111 1111 1112") != std::string::npos);
}

TEST_CASE("Conversation ids and team names become keyed hashes, stable within a run", "[redact]") {
  Redactor a("k1"), b("k1"), other("k2"), random1, random2;
  CHECK(a.HashId("conv", "T-1") == b.HashId("conv", "T-1"));
  CHECK(a.HashId("conv", "T-1") != a.HashId("conv", "T-2"));
  CHECK(a.HashId("conv", "T-1") != other.HashId("conv", "T-1"));
  CHECK(random1.HashId("team", "L1") != random2.HashId("team", "L1"));
  Conversation c =
      replylint::testing::MakeConversation(Channel::kChat, "", {{Role::kCustomer, "Hi"}, {Role::kAgent, "Hi!"}});
  c.id = "T-777";
  c.team = "Escalations";
  const Redacted r = Run(&a, c);
  CHECK(r.c.id == a.HashId("conv", "T-777"));
  CHECK(r.c.team.find("Escalations") == std::string::npos);
}

TEST_CASE("Agent ids are hashed, also where a finding names the previous agent", "[redact]") {
  Redactor red("k");
  Conversation c = replylint::testing::MakeConversation(Channel::kChat, "Liz",
                                                        {{Role::kCustomer, "Hello, my order is late."},
                                                         {Role::kAgent, "Hello Liz! Let me check the order for you."},
                                                         {Role::kCustomer, "Any news?"},
                                                         {Role::kAgent, "The order ships tomorrow."}});
  c.lang = Lang::kEn;
  c.messages[1].agent_id = "agent-first-77";
  c.messages[3].agent_id = "agent-second-78";
  const Redacted r = Run(&red, c);
  CHECK(r.c.messages[1].agent_id == red.HashId("agent", "agent-first-77"));
  CHECK(r.c.messages[3].AgentKey() == red.HashId("agent", "agent-second-78"));
  const Finding* f = Find(r.r.replies[1], "handoff-intro");
  REQUIRE(f);
  CHECK(f->message_text.find("agent-first-77") == std::string::npos);
  CHECK(f->message_text.find(red.HashId("agent", "agent-first-77")) != std::string::npos);
}

TEST_CASE("The conversations a finding names by id are hashed", "[redact]") {
  Redactor red("k");
  Conversation c =
      replylint::testing::MakeConversation(Channel::kChat, "", {{Role::kCustomer, "Hi"}, {Role::kAgent, "Hi!"}});
  ConversationResult result;
  MessageResult mr;
  mr.message = 1;
  Finding f;
  f.rule = "template-overuse";
  f.message = 1;
  f.message_text = "The same agent sent nearly the same text to OTHER-1, OTHER-22.";
  f.conversations = {"OTHER-1", "OTHER-22"};
  mr.findings.push_back(f);
  result.replies.push_back(mr);
  red.Redact(&c, &result);
  const Finding& out = result.replies[0].findings[0];
  CHECK(out.message_text == "The same agent sent nearly the same text to " + red.HashId("conv", "OTHER-1") + ", " +
                                red.HashId("conv", "OTHER-22") + ".");
  CHECK(out.conversations == std::vector<std::string>{red.HashId("conv", "OTHER-1"), red.HashId("conv", "OTHER-22")});
}

TEST_CASE("An agent id inside the team's own address stays part of the address", "[redact]") {
  Redactor red("k");
  Conversation c = replylint::testing::MakeConversation(
      Channel::kEmail, "", {{Role::kCustomer, "Hi"}, {Role::kAgent, "Write to support@shop.example, support here."}},
      "support@shop.example");
  c.messages[1].agent_id = "support";
  const Redacted r = Run(&red, c);
  CHECK(r.c.messages[1].text == "Write to support@shop.example, " + red.HashId("agent", "support") + " here.");
}
