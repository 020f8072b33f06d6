#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "lint/lint.h"
#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

std::vector<Finding> Overuse(const std::string& question, const std::string& reply, const Engine& engine) {
  Conversation c = MakeConversation(Channel::kChat, "Саша", {{Role::kCustomer, question}, {Role::kAgent, reply}});
  auto worker = engine.NewWorker();
  std::vector<Finding> out;
  const ConversationResult r = engine.Analyze(c, worker.get());
  for (const Finding& f : r.replies.back().findings) {
    if (f.rule == "template-overuse") out.push_back(f);
  }
  return out;
}

std::vector<Finding> Overuse(const std::string& question, const std::string& reply) {
  return Overuse(question, reply, DefaultEngine());
}

const Engine& LibraryEngine() {
  static const Engine* engine = [] {
    EngineOptions o;
    o.config_path = TempFile("empty-config-2.yaml", "");
    o.config_explicit = true;
    o.template_paths = {TempFile("library.yaml", R"(templates:
  - id: refund-done
    lang: ru
    body: |
      Здравствуйте, {{ name }}!
      Мы вернули деньги за заказ {{ order_id }}: они придут на карту в течение трёх рабочих дней.
      Если что-то пойдёт не так, просто ответьте на это письмо.
  - id: router-reset
    lang: en
    body: |
      Hi [NAME], please unplug the router for thirty seconds, plug it back in and wait until the light turns green.
)")};
    auto e = Engine::Create(o);
    REQUIRE(e.ok());
    return e->release();
  }();
  return *engine;
}

// Runs JSONL through the pipeline (as audit does) and returns, per line,
// whether the reply got a template-overuse finding and its message.
std::vector<std::string> AuditOveruse(const std::string& jsonl) {
  struct Sink : ResultSink {
    std::vector<std::string> out;
    void OnConversation(const Conversation&, const ConversationResult& r) override {
      std::string s;
      for (const Finding& f : r.replies.back().findings) {
        if (f.rule == "template-overuse") s = f.message_text;
      }
      out.push_back(s);
    }
    void OnRejected(const std::string&, size_t, const std::string& e) override { FAIL(e); }
  } sink;
  PipelineStats stats;
  REQUIRE(RunPipeline(DefaultEngine(), {TempFile("audit.jsonl", jsonl)}, 2, &sink, &stats).ok());
  return sink.out;
}

std::string Line(const std::string& id, const std::string& agent, const std::string& question, const std::string& reply,
                 const std::string& email = "") {
  std::ostringstream os;
  os << R"({"id":")" << id << R"(","channel":"chat","customer":{"name":"Саша","email":")" << email
     << R"("},"messages":[)";
  if (!question.empty()) os << R"({"role":"customer","text":")" << question << R"("},)";
  os << R"({"role":"agent","agent_id":")" << agent << R"(","text":")" << reply << R"("}]})" << "\n";
  return os.str();
}

const char* kGeneric =
    "Здравствуйте! Мы внимательно изучили ситуацию и передали все подробности коллегам из профильной команды, они "
    "разберутся и напишут, как только появится результат проверки.";

}  // namespace

TEST_CASE("template-overuse: a reply of nothing but stock phrases", "[template-overuse]") {
  const auto f = Overuse("Где мой заказ ZK-48213? Жду неделю.",
                         "Здравствуйте! Ваше обращение очень важно для нас. Мы свяжемся с вами в ближайшее время. "
                         "Спасибо за понимание.");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kWarning);
  CHECK_THAT(f[0].message_text, Catch::Contains("100%"));
  CHECK_THAT(f[0].suggestion, Catch::Contains("Где мой заказ ZK-48213"));
  // The span covers whole sentences, from the first with content to the last.
  CHECK(f[0].text.rfind("Ваше обращение", 0) == 0);
  const std::string end = "за понимание.";
  REQUIRE(f[0].text.size() >= end.size());
  CHECK(f[0].text.compare(f[0].text.size() - end.size(), end.size(), end) == 0);
}

TEST_CASE("template-overuse: a stock opening followed by a personal answer is not overuse", "[template-overuse]") {
  CHECK(Overuse("Где мой заказ?", "Приносим извинения за доставленные неудобства. Заказ задержался на складе в "
                                  "Подольске, курьер привезёт его завтра до 14:00.")
            .empty());
  // The agent's own words about the customer's problem, without numbers.
  CHECK(Overuse("Курьер не приехал, я отпросилась с работы!",
                "Приносим свои извинения: понимаю, как обидно отпроситься с работы и прождать зря. Ваша жалоба "
                "передана руководству.")
            .empty());
  // A named colleague is accountability, not a brush-off.
  CHECK(Overuse("Не пришёл кешбэк.", "Передала вопрос коллеге Ольге, она ответит до вечера.").empty());
}

TEST_CASE("template-overuse: short replies are left alone", "[template-overuse]") {
  CHECK(Overuse("Ок, жду.", "Спасибо, ожидайте!").empty());
}

TEST_CASE("template-overuse: generic words alone never make a template", "[template-overuse]") {
  CHECK(Overuse("Кто мне поможет?", "Познакомьтесь с сотрудниками из различных отделов компании.").empty());
}

TEST_CASE("template-overuse: the team's library, with placeholders filled", "[template-overuse]") {
  const std::string q = "Когда придут деньги за куртку? И можно ли обменять её на другой размер?";
  // The template with nothing but the customer's name in it.
  auto f = Overuse(q, "Здравствуйте, Саша!\nЕсли что-то пойдёт не так, просто ответьте на это письмо.",
                   LibraryEngine());
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message_text, Catch::Contains("refund-done"));
  // Reworded by inflection only: still the template.
  f = Overuse(q, "Если что-нибудь пойдёт не так, просто ответьте на эти письма, пожалуйста.", LibraryEngine());
  CHECK(f.size() == 1);
  // The slots filled with this customer's order and amount: about them.
  CHECK(Overuse(q,
                "Здравствуйте, Саша!\nМы вернули деньги за заказ 5531: они придут на карту в течение трёх рабочих "
                "дней.\nЕсли что-то пойдёт не так, просто ответьте на это письмо.",
                LibraryEngine())
            .empty());
  // The same text without the library is the agent's own.
  CHECK(Overuse(q, "Если что-нибудь пойдёт не так, просто ответьте на эти письма, пожалуйста.").empty());
}

TEST_CASE("template-overuse: a reply read while the library loaded is judged again with the library",
          "[template-overuse]") {
  // Loading the library analyses each template body without the library; a
  // reply of exactly that text on the same thread must not reuse that
  // analysis (Run and Fingerprint share one per reply).
  const std::string body =
      "Пожалуйста, выключите роутер из розетки, подождите тридцать секунд, включите его снова "
      "и проверьте, что индикатор горит зелёным.";
  EngineOptions o;
  o.config_path = TempFile("empty-config-3.yaml", "");
  o.config_explicit = true;
  o.template_paths = {
      TempFile("library-3.yaml", "templates:\n  - id: router-steps\n    lang: ru\n    body: \"" + body + "\"\n")};
  auto engine = Engine::Create(o);
  REQUIRE(engine.ok());
  Conversation c;
  c.id = "t";
  c.channel = Channel::kChat;
  c.lang = Lang::kRu;
  Message m;
  m.role = Role::kAgent;
  m.text = body;
  c.messages.push_back(m);
  auto worker = (*engine)->NewWorker();
  const ConversationResult here = (*engine)->Analyze(c, worker.get());
  ConversationResult fresh;
  std::thread([&] { fresh = (*engine)->Analyze(c, (*engine)->NewWorker().get()); }).join();
  REQUIRE(here.replies.size() == 1);
  REQUIRE(fresh.replies.size() == 1);
  std::vector<std::string> a, b;
  for (const Finding& f : here.replies[0].findings) a.push_back(f.rule + ": " + f.message_text);
  for (const Finding& f : fresh.replies[0].findings) b.push_back(f.rule + ": " + f.message_text);
  CHECK(a == b);
  CHECK(std::any_of(a.begin(), a.end(),
                    [](const std::string& s) { return s.find("router-steps") != std::string::npos; }));
}

TEST_CASE("template-overuse: a template that answers what was asked is not overuse", "[template-overuse]") {
  CHECK(Overuse("My router light keeps blinking red, what should I do? Unplug it?",
                "Hi Sam, please unplug the router for thirty seconds, plug it back in and wait until the light turns "
                "green.",
                LibraryEngine())
            .empty());
  CHECK(Overuse("Can I change my delivery address?",
                "Hi Sam, please unplug the router for thirty seconds, plug it back in and wait until the light turns "
                "green.",
                LibraryEngine())
            .size() == 1);
}

TEST_CASE("template-overuse: one agent's near-identical text to customers with other questions", "[template-overuse]") {
  const auto out = AuditOveruse(Line("A", "olga", "Почему не пришёл кешбэк за октябрь?", kGeneric) +
                                Line("B", "olga", "Как поменять номер телефона в личном кабинете?", kGeneric) +
                                Line("C", "olga", "Сломалась молния на куртке, можно вернуть?", kGeneric));
  REQUIRE(out.size() == 3);
  CHECK(out[0].empty());  // the first copy is not yet a copy
  CHECK_THAT(out[1], Catch::Contains("в A,") || Catch::Contains("в A "));
  CHECK_THAT(out[2], Catch::Contains("A, B"));
}

TEST_CASE("template-overuse: the same answer to the same question, by another agent or to the same customer",
          "[template-overuse]") {
  const auto out = AuditOveruse(
      Line("A", "olga", "Как сбросить пароль от кабинета?", kGeneric) +
      Line("B", "olga", "Подскажите, как сбросить пароль от кабинета?", kGeneric) +
      Line("C", "ivan", "Как поменять номер телефона в профиле?", kGeneric) +
      Line("D", "olga", "", kGeneric) + Line("E", "olga", "", kGeneric) +
      Line("F", "pavel", "Есть ли скидка для студентов?", kGeneric, "s@example.com") +
      Line("G", "pavel", "А студенческие скидки бывают? Что с доставкой?", kGeneric, "s@example.com"));
  REQUIRE(out.size() == 7);
  for (const std::string& s : out) CHECK(s.empty());
}

TEST_CASE("lint-templates never reports template-overuse on the library itself", "[template-overuse]") {
  const std::string file = TempFile("stock-template.yaml", R"(id: brush-off
lang: ru
channel: chat
body: "Ваше обращение очень важно для нас. Мы свяжемся с вами в ближайшее время. Спасибо за понимание."
)");
  const LintResult r = LintTemplates(DefaultEngine(), {file});
  REQUIRE(r.errors.empty());
  std::vector<std::string> rules;
  for (const TemplateFinding& f : r.findings) rules.push_back(f.finding.rule);
  CHECK(std::count(rules.begin(), rules.end(), "stock-phrase") == 3);
  CHECK(std::count(rules.begin(), rules.end(), "template-overuse") == 0);
}

TEST_CASE("template-overuse: a knowledge-base answer that fits is no overuse however often it is sent",
          "[template-overuse]") {
  const std::string kb =
      "Чтобы удалить плейлист, откройте вкладку с плейлистами, наведите на обложку и выберите пункт меню, после "
      "этого подтвердите удаление кнопкой в окне.";
  const auto out =
      AuditOveruse(Line("kb-1", "lena", "Как удалить плейлист?", kb) +
                   Line("kb-2", "lena", "Не могу убрать старые плейлисты, подскажите", kb) +  // a derivation: плейлисты
                   Line("kb-3", "lena", "Почему у меня списали деньги дважды за один месяц подписки?", kb));
  REQUIRE(out.size() == 3);
  CHECK(out[0].empty());
  CHECK(out[1].empty());
  CHECK_THAT(out[2], Catch::Contains("kb-1"));  // the copy that fits nothing names the earlier ones
}

TEST_CASE("template-overuse: a yes or a numbered list answers in other words", "[template-overuse]") {
  const std::string yes =
      "Да, выйти из приложения на телефоне можно: нажмите на аватар вверху справа и выберите последний пункт меню "
      "внизу экрана, потом вход потребует код из письма.";
  const std::string list =
      "The plan can be paid in these ways: 1. Bank card 2. Bank transfer 3. Invoice for companies. You can "
      "switch between them at any time on the billing page of the account.";
  const auto out = AuditOveruse(Line("y-1", "lena", "Можно ли разлогиниться на смартфоне?", yes) +
                                Line("y-2", "lena", "А реально разлогиниться на айфоне?", yes) +
                                Line("l-1", "lena", "How do I pay for it?", list) +
                                Line("l-2", "lena", "Which options do you accept?", list) +
                                Line("l-3", "lena", "Why was my parcel sent back to the warehouse?", list));
  REQUIRE(out.size() == 5);
  CHECK(out[1].empty());
  CHECK(out[3].empty());
  CHECK_THAT(out[4], Catch::Contains("l-1"));
}

// Redirect-only macros: no template library, any length.

std::vector<Finding> Thread(const std::vector<Turn>& messages) {
  const Conversation c = MakeConversation(Channel::kSocial, "", messages);
  auto worker = DefaultEngine().NewWorker();
  std::vector<Finding> out;
  for (const MessageResult& r : DefaultEngine().Analyze(c, worker.get()).replies) {
    for (const Finding& f : r.findings) {
      if (f.rule == "template-overuse") out.push_back(f);
    }
  }
  return out;
}

TEST_CASE("template-overuse: a reply that only redirects the customer fires on its own", "[template-overuse]") {
  const auto f = Overuse("How do I descale the blue kettle? The manual only covers the white one.",
                         "@kettle_fan Hi there! Thanks for reaching out. Send us a DM so we can look into this "
                         "together. https://t.example/dm ^RB");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "Hi there! Thanks for reaching out. Send us a DM so we can look into this together.");
  CHECK_THAT(f[0].message_text, Catch::Contains("Send us a DM"));
  CHECK_THAT(f[0].message_text, Catch::Contains("How do I descale the blue kettle"));  // what the reply leaves out
  CHECK_THAT(f[0].suggestion, Catch::Contains("blue kettle"));
  // The shortest macros count too.
  const auto social =
      Overuse(".@PinewoodCare @kettle_fan The wardrobe doors won't close after assembly, any tips?", "Can you DM us?");
  REQUIRE(social.size() == 1);
  CHECK_THAT(social[0].message_text, Catch::Contains("(“The wardrobe doors"));  // handles left out
  CHECK(Overuse("Do your desks ship flat-packed or assembled?",
                "Here to help! Send us a note via https://help.example/contact so our team can connect.")
            .size() == 1);
  // A question without a question mark.
  CHECK(Overuse("Подскажите, стеллаж можно собрать одному",
                "Здравствуйте! Напишите нам, пожалуйста, в личные сообщения — поможем.")
            .size() == 1);
  CHECK(Overuse("Почему видео не грузится уже второй день?", "Очистите кэш и попробуйте позже.").size() == 1);
}

TEST_CASE("template-overuse: a redirect is the first step for a complaint or a question about their account",
          "[template-overuse]") {
  // Nothing asked: a complaint or a report.
  CHECK(Overuse("The courier left my parcel in the rain and the box is soaked.",
                "Here to help! Send us a note via https://help.example/contact so our team can connect.")
            .empty());
  CHECK(Overuse("Видео не грузится уже второй день.", "Очистите кэш и попробуйте позже.").empty());
  // Outrage, not a question: "?!" and a question phrase ending with "!".
  CHECK(Overuse("Third missed delivery slot this month. WHAT is going on?!", "DM us and we'll look into this.")
            .empty());
  CHECK(Overuse("Third missed delivery slot this month, why is this so hard!", "DM us and we'll look into this.")
            .empty());
  // Their money, order or account: only the private channel can settle it.
  CHECK(Overuse("My refund for the blue kettle still has not reached my card. What can I do?",
                "Send us a DM so we can look into this together.")
            .empty());
  CHECK(Overuse("Оплата картой не проходит, пишет «ошибка банка». Что делать?",
                "Здравствуйте! Напишите нам, пожалуйста, в личные сообщения — поможем.")
            .empty());
}

TEST_CASE("template-overuse: a redirect that also takes up the customer's message is a reply", "[template-overuse]") {
  // Their problem restated, a named detail asked for, a step of substance.
  CHECK(Overuse("My refund for the blue kettle still has not reached my card.",
                "Sorry the kettle refund is late! Send us a DM so we can look into this.")
            .empty());
  CHECK(Overuse("My refund for the blue kettle still has not reached my card.",
                "Happy to help. Please DM us your order number so we can check.")
            .empty());
  CHECK(Overuse("Оплата картой не проходит, пишет «ошибка банка».",
                "Такая ошибка приходит от банка: позвоните в банк. Если не поможет, напишите нам в личные сообщения.")
            .empty());
  // A number is about them.
  CHECK(Overuse("Where is my parcel?", "Send us a DM before 5 pm and we'll help.").empty());
}

TEST_CASE("template-overuse: a redirect answers a customer who asked how to reach the team", "[template-overuse]") {
  CHECK(
      Overuse("The mixer I bought arrived broken. Who should I contact?", "Send us a note via the link and we'll help.")
          .empty());
  CHECK(Overuse("Куда написать, если не пришёл возврат за сапоги?", "Напишите нам в личные сообщения.").empty());
  // Nothing to answer yet.
  CHECK(Overuse("Can anybody help?", "Send us a DM!").empty());
}

TEST_CASE("template-overuse: a generic fix is about them when it names what they mentioned", "[template-overuse]") {
  CHECK(Overuse("The checkout page stays blank in my browser.", "Please clear your browser cache and try again.")
            .empty());
  CHECK(Overuse("My voucher code was refused twice, why is that?", "Please clear your browser cache and try again.")
            .size() == 1);
}

TEST_CASE("template-overuse: later in a thread a redirect continues the conversation", "[template-overuse]") {
  const auto f = Thread({{Role::kCustomer, "My blender stopped working after a week."},
                         {Role::kAgent, "Sorry about the blender! Does the light come on when you plug it in?"},
                         {Role::kCustomer, "No light at all, I tried another socket too."},
                         {Role::kAgent, "Thanks for checking. Send us a DM so we can look into this together."}});
  CHECK(f.empty());
}

TEST_CASE("template-overuse: an address or a link answers a customer who asked for one", "[template-overuse]") {
  const std::string how =
      "Откройте меню профиля вверху справа, выберите раздел обращений и отправьте письмо с описанием на адрес "
      "care@pinewood.example, коллеги ответят там.";
  const auto out = AuditOveruse(Line("c-1", "lena", "Как отключить автопродление подписки в кабинете?", how) +
                                Line("c-2", "lena", "Какая у вас почта для жалоб?", how) +
                                Line("c-3", "lena", "Почему видео в ленте грузится рывками по вечерам?", how));
  REQUIRE(out.size() == 3);
  CHECK(out[1].empty());                       // asked for the address: the copy answers
  CHECK_THAT(out[2], Catch::Contains("c-1"));  // asked something else: a misfit
}
