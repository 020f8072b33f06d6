// Regression tests of the bounds that keep analysis linear in the input: a
// long conversation (words of each message prepared once, state carried from
// reply to reply instead of rebuilt), a message of many lines or findings,
// and one very long word. Each asserts results or counts of work, never time.
#include <catch2/catch.hpp>
#include <random>

#include "analysis/address.h"
#include "analysis/conversation_words.h"
#include "analysis/template_index.h"
#include "base/utf8.h"
#include "lexicon/name_forms.h"
#include "report/report.h"
#include "rules/rule_spec.h"
#include "test_util.h"
#include "text/message_text.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

// The engine with the built-in rules and `yaml` as its configuration.
std::unique_ptr<Engine> EngineWith(const std::string& name, const std::string& yaml) {
  EngineOptions o;
  o.config_path = TempFile(name, yaml);
  o.config_explicit = true;
  auto e = Engine::Create(o);
  REQUIRE(e.ok());
  return std::move(*e);
}

std::string Signature(const MessageResult& r) {
  std::string out;
  for (const Finding& f : r.findings) {
    out += f.rule + "@" + std::to_string(f.start) + "-" + std::to_string(f.end) + ":" + f.message_text + "|" +
           f.suggestion + "\n";
  }
  // What the cross-conversation checks remember of the reply, too.
  for (const auto& fp : r.fingerprints) {
    for (uint32_t v : fp) out += std::to_string(v) + ",";
    out += "\n";
  }
  return out;
}

// A long conversation of several agents answering the same customer, with
// stock replies, questions left open and hand-offs.
Conversation LongConversation(size_t turns) {
  static const char* kAsk[] = {
      "Где мой заказ ZK-%d? Жду уже неделю.",
      "1. Когда придёт посылка %d?\n2. Можно ли оплатить при получении?\n3. Курьер позвонит заранее?",
      "Почему с карты списали %d рублей дважды?",
      "спасибо",
  };
  static const char* kReply[] = {
      "Ваше обращение очень важно для нас. Мы свяжемся с вами в ближайшее время. Спасибо за понимание.",
      "1. Посылка %d придёт в четверг.\n3. Да, курьер позвонит за час.",
      "Благодарим вас за обращение. Ваша заявка зарегистрирована и будет рассмотрена в установленные сроки.",
      ("Заказ %d передан курьеру, он привезёт его завтра до обеда. Курьер позвонит заранее, оплатить покупку "
       "можно картой или наличными при получении, а вернуть деньги за товар можно в течение двух недель."),
  };
  static const char* kAuthors[] = {"Анна Смирнова", "Олег Петров", "Марина Белова"};
  Conversation c;
  c.id = "long";
  c.channel = Channel::kChat;
  c.customer.name = "Мария";
  char buf[256];
  for (size_t i = 0; i < turns; ++i) {
    Message m;
    const int n = static_cast<int>(1000 + i);
    if (i % 3 == 2) {
      m.role = Role::kAgent;
      std::snprintf(buf, sizeof buf, kReply[(i / 3) % 4], n);
      m.author = kAuthors[(i / 7) % 3];
    } else {
      m.role = Role::kCustomer;
      std::snprintf(buf, sizeof buf, kAsk[(i / 2) % 4], n);
    }
    m.text = buf;
    c.messages.push_back(std::move(m));
  }
  return c;
}

}  // namespace

TEST_CASE("conversation words: each message tokenised and stemmed once however often read", "[linear]") {
  std::vector<MessageText> texts;
  for (const char* s : {"Где мой заказ?", "Заказ приедет завтра.", "А когда именно приедет?"}) {
    texts.push_back(MessageText::Build(s, Lang::kRu));
  }
  const ConversationWords words(texts);
  for (int round = 0; round < 5; ++round) {
    for (size_t i = 0; i < texts.size(); ++i) {
      REQUIRE(words.Stems(i).size() == words.Tokens(i).size());
    }
  }
  CHECK(words.tokenised() == 3);
  CHECK(words.stemmed() == 3);
  const auto direct = Tokenize(texts[2].folded(), 0, texts[2].body_end());
  REQUIRE(direct.size() == words.Tokens(2).size());
  CHECK(words.Stems(2) == TokenStems(texts[2].folded(), direct));
  CHECK(ConversationWords(texts).id() != words.id());
}

TEST_CASE("a reply's findings do not depend on what follows it in a long conversation", "[linear]") {
  // The state carried from reply to reply (the customer's words, the agents
  // seen) must give what a fresh analysis of the conversation up to that
  // reply gives.
  const Conversation full = LongConversation(120);
  const Engine& engine = DefaultEngine();
  auto worker = engine.NewWorker();
  const ConversationResult all = engine.Analyze(full, worker.get());
  std::map<std::string, size_t> rules;
  for (const MessageResult& r : all.replies) {
    for (const Finding& f : r.findings) ++rules[f.rule];
  }
  // Not a vacuous comparison: the rules that keep state across replies fire.
  CHECK(rules["template-overuse"] > 0);
  CHECK(rules["handoff-intro"] > 0);
  CHECK(rules["unanswered-question"] > 0);
  CHECK(std::any_of(all.replies.begin(), all.replies.end(),
                    [](const MessageResult& r) { return !r.fingerprints.empty() && !r.fingerprints[0].empty(); }));
  for (const MessageResult& r : all.replies) {
    Conversation prefix = full;
    prefix.messages.resize(r.message + 1);
    const ConversationResult alone = engine.Analyze(prefix, worker.get());
    REQUIRE(!alone.replies.empty());
    INFO("message " << r.message);
    CHECK(Signature(alone.replies.back()) == Signature(r));
  }
}

TEST_CASE("template-overuse remembers what the customer asked since the last reply, not before", "[linear]") {
  // The words the customer asked with, carried from reply to reply: a
  // customer message before an earlier reply is no longer part of them.
  const std::string reply =
      "Заказ передан курьеру, он привезёт его завтра до обеда. Курьер позвонит заранее, оплатить покупку можно "
      "картой или наличными при получении, а вернуть деньги за товар можно в течение двух недель.";
  auto asked = [&](const std::string& first, const std::string& last) {
    const Conversation c = MakeConversation(
        Channel::kChat, "",
        {{Role::kCustomer, first}, {Role::kAgent, reply}, {Role::kCustomer, last}, {Role::kAgent, reply}});
    const ConversationResult r = DefaultEngine().Analyze(c, DefaultWorker());
    REQUIRE(r.replies.size() == 2);
    REQUIRE(r.replies[1].fingerprints.size() == 1);
    const std::vector<uint32_t>& fp = r.replies[1].fingerprints[0];
    REQUIRE(fp.size() == 32 + 16 + 1 + 2);  // reply, customer, fits, span
    return std::vector<uint32_t>(fp.begin() + 32, fp.begin() + 48);
  };
  const std::string last = "Почему с карты списали деньги дважды?";
  CHECK(asked("Где мой заказ? Жду неделю.", last) == asked("Как поменять адрес доставки?", last));
  CHECK(asked("Где мой заказ? Жду неделю.", last) != asked("Где мой заказ? Жду неделю.", "Как поменять адрес?"));
}

TEST_CASE("InQuote agrees with a line-by-line reading on many lines", "[linear]") {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::string text;
    const int lines = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < lines; ++i) {
      text += rng() % 4 == 0 ? "> цитата" : (rng() % 5 == 0 ? "" : "строка ответа");
      if (i + 1 < lines) text += "\n";
    }
    const MessageText t = MessageText::Build(text, Lang::kRu);
    for (size_t start = 0; start <= text.size(); start += 1 + rng() % 5) {
      for (size_t end = start; end <= std::min(text.size(), start + 40); end += 1 + rng() % 7) {
        bool expected = end > t.body_end();
        for (size_t i = 0; i < t.lines().size() && !expected; ++i) {
          const Span l = t.lines()[i];
          expected = l.start <= end && t.quoted(i) && l.end >= start && l.start < std::max(end, start + 1);
        }
        INFO(text << " [" << start << ", " << end << ")");
        REQUIRE(t.InQuote(start, end) == expected);
      }
    }
  }
}

TEST_CASE("LineColumnCursor gives LineColumnAt for offsets in any order", "[linear]") {
  const std::string text = "Здравствуйте!\nВаш заказ 😀 готов.\n\nlast line é\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i <= text.size();) {
    offsets.push_back(i);
    if (i == text.size()) break;
    DecodeUtf8(text, &i);
  }
  LineColumnCursor cursor(text);
  for (size_t o : offsets) {
    const LineColumn want = LineColumnAt(text, o), got = cursor.At(o);
    REQUIRE((got.line == want.line && got.column == want.column));
  }
  for (size_t k = offsets.size(); k-- > 0;) {  // backwards: starts over each time
    const LineColumn want = LineColumnAt(text, offsets[k]), got = cursor.At(offsets[k]);
    REQUIRE((got.line == want.line && got.column == want.column));
  }
}

TEST_CASE("a one-line reply with 20 000 placeholders: every finding, each at its column", "[linear]") {
  std::string reply = "Здравствуйте! ";
  for (int i = 0; i < 20000; ++i) reply += "{{name}} ";
  const Conversation c =
      MakeConversation(Channel::kEmail, "", {{Role::kCustomer, "Где заказ?"}, {Role::kAgent, reply}});
  const ConversationResult r = DefaultEngine().Analyze(c, DefaultWorker());
  REQUIRE(r.replies.size() == 1);
  size_t placeholders = 0;
  for (const Finding& f : r.replies[0].findings) placeholders += f.rule == "placeholder" ? 1 : 0;
  CHECK(placeholders == 20000);
  const std::string json = ReplyRecordJson(c, r.replies[0]);
  // The last one: after "Здравствуйте! " (14 code points) and 19 999 slots of 9.
  CHECK_THAT(json, Catch::Contains("\"line\":1,\"column\":" + std::to_string(15 + 19999 * 9) + ","));
}

TEST_CASE("unanswered-question: more than 30 questions at once are not judged", "[linear][unanswered-question]") {
  auto asked = [](int n) {
    std::string s;
    for (int i = 1; i <= n; ++i) s += std::to_string(i) + ". Где посылка номер " + std::to_string(100 + i) + "?\n";
    return s;
  };
  const std::string reply = "1. Посылка 101 уже в пути.";
  auto uq = [&](int n) {
    return FindingsOf(MakeConversation(Channel::kChat, "", {{Role::kCustomer, asked(n)}, {Role::kAgent, reply}}),
                      "unanswered-question");
  };
  CHECK(uq(30).size() == 1);  // 29 left open
  CHECK(uq(31).empty());
}

TEST_CASE("unanswered-question: a 'question' of more than 2000 bytes is pasted text", "[linear][unanswered-question]") {
  const std::string reply = "Заказ придёт в четверг.";
  std::string pasted = "И ещё вопрос про условия возврата";
  while (pasted.size() <= 2000) pasted += " и условия обмена товара";
  auto uq = [&](const std::string& second) {
    return FindingsOf(
        MakeConversation(Channel::kChat, "",
                         {{Role::kCustomer, "Когда придёт заказ? " + second + "?"}, {Role::kAgent, reply}}),
        "unanswered-question");
  };
  CHECK(uq("И как оформить возврат товара").size() == 1);
  CHECK(uq(pasted).empty());
}

TEST_CASE("unanswered-question: quotes before 20 000 question marks are read once", "[linear][unanswered-question]") {
  // Whether a question mark stands inside quotes depends on every quote
  // before it: the message is read once, in order, not once per mark.
  std::string asked = "A friend asked \"is it safe?\" So: when does my order ship? And can I pay by card?";
  const std::string reply = "Your order ships on Monday.";
  auto uq = [&](const std::string& text) {
    return FindingsOf(MakeConversation(Channel::kChat, "", {{Role::kCustomer, text}, {Role::kAgent, reply}}),
                      "unanswered-question");
  };
  CHECK(uq(asked).size() == 1);  // the quoted question is the friend's; "pay by card" is open
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "\"Why?\" ";
  CHECK(uq(many + asked).size() == 1);  // 20 000 quoted questions, none of them theirs
}

TEST_CASE("suspicious-name: a name field over 200 bytes is not searched for in the reply", "[linear][names]") {
  auto rules = [](const std::string& name) {
    return FindingsOf(
        MakeConversation(Channel::kChat, name,
                         {{Role::kCustomer, "Hi"}, {Role::kAgent, "Hello " + name + ", the order is ready."}}),
        "suspicious-name");
  };
  CHECK(rules(std::string(200, '1')).size() == 1);
  CHECK(rules(std::string(201, '1')).empty());
}

TEST_CASE("NameSkeleton of a very long word: every replacement, one pass", "[linear][names]") {
  std::string x;
  for (int i = 0; i < 200000; ++i) x += "xa";
  std::string want;
  for (int i = 0; i < 200000; ++i) want += "ksa";
  CHECK(NameSkeleton(x) == want);
  CHECK(NameSkeleton("Ксения") == NameSkeleton("Xenia"));
}

TEST_CASE("address terms of a line of 3 000 titles: each found once", "[linear]") {
  LoadOptions o;
  o.config_path = TempFile("address-config.yaml", "");
  o.config_explicit = true;
  auto rules = LoadRuleSet(o);
  REQUIRE(rules.ok());
  const AddressFinder finder(rules->address);
  std::string line;
  for (int i = 0; i < 3000; ++i) line += "Уважаемая Анна, ";
  const std::vector<AddressTerm> terms = finder.Find(MessageText::Build(line + "заказ готов.", Lang::kRu), "");
  size_t titled = 0;
  for (const AddressTerm& a : terms) titled += !a.title.empty() && a.names.size() == 1 ? 1 : 0;
  CHECK(titled == 3000);
}

TEST_CASE("a 1 MB word: analysed once, reported as one over-long chat message", "[linear]") {
  // Every rule on: spelling skips a token past its length bound instead of
  // searching corrections for it.
  const auto engine = EngineWith("all-rules.yaml", "rules: {}\n");
  auto worker = engine->NewWorker();
  const std::string word(1 << 20, 'a');
  Conversation c =
      MakeConversation(Channel::kChat, "", {{Role::kCustomer, "Hi " + word}, {Role::kAgent, "Hello " + word}});
  c.lang = Lang::kEn;
  const ConversationResult r = engine->Analyze(c, worker.get());
  REQUIRE(r.replies.size() == 1);
  std::vector<std::string> found;
  for (const Finding& f : r.replies[0].findings) found.push_back(f.rule);
  CHECK(found == std::vector<std::string>{"chat-length"});
}
