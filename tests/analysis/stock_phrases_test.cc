#include "analysis/stock_phrases.h"

#include <catch2/catch.hpp>
#include <set>

#include "analysis/template_index.h"
#include "rules/rule_spec.h"
#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

StockPhraseIndex Index(const std::vector<std::string>& ru, const std::vector<std::string>& en = {}, int gap = 1) {
  StockLexicon lex;
  lex.max_gap = gap;
  for (const auto& p : ru) lex.phrases[Lang::kRu].push_back({p, "alt", "test:1:1"});
  for (const auto& p : en) lex.phrases[Lang::kEn].push_back({p, "alt", "test:2:1"});
  auto index = StockPhraseIndex::Create(lex);
  REQUIRE(index.ok());
  return std::move(*index);
}

// The matched texts, in order. The engine gives Find the tokens' stems;
// without them it makes its own, and the two must agree.
std::vector<std::string> Found(const StockPhraseIndex& index, const std::string& text) {
  const MessageText t = MessageText::Build(text, std::nullopt);
  const auto tokens = Tokenize(t.folded(), 0, t.body_end());
  const std::vector<std::string> stems = TokenStems(t.folded(), tokens);
  std::vector<std::string> out, given;
  for (const StockMatch& m : index.Find(t, tokens)) out.emplace_back(t.Slice(m.span));
  for (const StockMatch& m : index.Find(t, tokens, &stems)) given.emplace_back(t.Slice(m.span));
  CHECK(given == out);
  return out;
}

}  // namespace

TEST_CASE("stock phrases match every case and number of their words", "[stock]") {
  const auto index = Index({"приносим|приношу извинения за (доставленные) неудобства"});
  CHECK(Found(index, "Приносим извинения за доставленные неудобства.") ==
        std::vector<std::string>{"Приносим извинения за доставленные неудобства"});
  CHECK(Found(index, "Приношу извинения за доставленное неудобство!") ==
        std::vector<std::string>{"Приношу извинения за доставленное неудобство"});
  CHECK(Found(index, "ПРИНОСИМ ИЗВИНЕНИЯ ЗА НЕУДОБСТВА") ==
        std::vector<std::string>{"ПРИНОСИМ ИЗВИНЕНИЯ ЗА НЕУДОБСТВА"});
  CHECK(Found(index, "Приносим извинения за задержку.").empty());
}

TEST_CASE("stock phrases tolerate up to max_gap extra words, never across a sentence end", "[stock]") {
  const auto index = Index({"ваше обращение важно для нас"});
  CHECK(Found(index, "Ваше обращение крайне важно для нас").size() == 1);
  CHECK(Found(index, "Ваше обращение, конечно же, важно для нас").empty());  // two extra words
  CHECK(Found(index, "Ваше обращение. Важно для нас другое").empty());
  const auto wide = Index({"ваше обращение важно для нас"}, {}, 2);
  CHECK(Found(wide, "Ваше обращение, конечно же, важно для нас").size() == 1);
}

TEST_CASE("stock phrases: optional words, groups, any word, numbers and exact forms", "[stock]") {
  const auto index =
      Index({"=ожидайте ответа (специалиста)"}, {"(a member of) our team will", "please allow # days",
                                                 "we take * seriously", "(please) (do) not|don't hesitate to contact"});
  CHECK(Found(index, "Ожидайте ответа специалиста.") == std::vector<std::string>{"Ожидайте ответа специалиста"});
  CHECK(Found(index, "Ожидаемый срок ответа — неделя.").empty());  // same stem, other word
  CHECK(Found(index, "A member of our team will call.") == std::vector<std::string>{"A member of our team will"});
  CHECK(Found(index, "Our team will call.") == std::vector<std::string>{"Our team will"});
  CHECK(Found(index, "Please allow 5 days.") == std::vector<std::string>{"Please allow 5 days"});
  CHECK(Found(index, "Please allow some days.").empty());
  CHECK(Found(index, "We take privacy seriously.").size() == 1);
  CHECK(Found(index, "Please don't hesitate to contact us") ==
        std::vector<std::string>{"Please don't hesitate to contact"});
  CHECK(Found(index, "Do not hesitate to contact us").size() == 1);
}

TEST_CASE("stock phrases in quoted earlier mail are not the agent's words", "[stock]") {
  const auto index = Index({}, {"we apologize for the inconvenience"});
  CHECK(Found(index, "Refund sent.\n\nOn Mon, Support wrote:\n> We apologize for the inconvenience.").empty());
}

TEST_CASE("stock phrases that overlap: the leftmost, then the longest, wins", "[stock]") {
  const auto index = Index({"за доставленные неудобства", "извинения за доставленные неудобства"});
  CHECK(Found(index, "Приносим извинения за доставленные неудобства") ==
        std::vector<std::string>{"извинения за доставленные неудобства"});
}

TEST_CASE("stock phrase syntax errors name the phrase and where it is", "[stock]") {
  for (const char* bad : {"# days", "(очень) (крайне)", "(a member of our team", "we, apologize", "* important"}) {
    StockLexicon lex;
    lex.phrases[Lang::kEn].push_back({bad, "alt", "replylint.yaml:7:9"});
    auto index = StockPhraseIndex::Create(lex);
    INFO(bad);
    REQUIRE_FALSE(index.ok());
    CHECK_THAT(index.status().message(), Catch::StartsWith("replylint.yaml:7:9: stock phrase"));
  }
}

TEST_CASE("stock-phrase: the finding carries the plainer alternative", "[stock-phrase]") {
  const auto f =
      FindingsOf(MakeConversation(Channel::kChat, "Bob",
                                  {{Role::kCustomer, "Where is my parcel?"},
                                   {Role::kAgent, "Bob, we apologize for any inconvenience. It ships today."}}),
                 "stock-phrase");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "we apologize for any inconvenience");
  CHECK(f[0].severity == Severity::kSuggestion);
  CHECK_THAT(f[0].suggestion, Catch::Contains("Sorry about"));
}

namespace {
std::vector<Finding> Stock(const std::string& reply) {
  return FindingsOf(
      MakeConversation(Channel::kChat, "", {{Role::kCustomer, "Вопрос / a question"}, {Role::kAgent, reply}}),
      "stock-phrase");
}
}  // namespace

TEST_CASE("stock-phrase: the built-in lists hold 150 patterns a language, each with its plainer alternative",
          "[stock-phrase]") {
  LoadOptions o;
  o.config_path = TempFile("stock-count.yaml", "");
  o.config_explicit = true;
  auto rules = LoadRuleSet(o);
  REQUIRE(rules.ok());
  for (const Lang lang : {Lang::kRu, Lang::kEn}) {
    const auto& list = rules->stock.phrases.at(lang);
    CHECK(list.size() >= 150);
    std::set<std::string> distinct;
    for (const StockPhraseEntry& e : list) {
      INFO(e.where << ": " << e.phrase);
      CHECK(!e.suggestion.empty());
      CHECK(distinct.insert(e.phrase).second);  // no pattern written twice
    }
  }
}

TEST_CASE("stock-phrase: the built-in lists hold the generic brush-off families", "[stock-phrase]") {
  for (const char* text : {"Мы зафиксировали ваше пожелание.",
                           "Передали ваше предложение разработчикам.",
                           "Понимаем ваше разочарование, так бывает.",
                           "Сожалеем о сложившейся ситуации.",
                           "С курьером проведена беседа.",
                           "Оснований для возврата не выявлено.",
                           "Решение является окончательным.",
                           "Просим вас проявить терпение.",
                           "Не стесняйтесь обращаться!",
                           "В случае возникновения вопросов пишите.",
                           "We're sorry if you feel that way.",
                           "I apologise for the delayed response.",
                           "We will be sure to share your comments with the right people.",
                           "Our decision is final.",
                           "That's not the experience we want for you.",
                           "We trust this answers your question.",
                           "If we can be of any further assistance, let us know.",
                           "Please dont hesitate to ask.",
                           "I apologise that you think so.",
                           "We'll be sure to share your feedback!",
                           "Please do not hesitate to DM us.",
                           "Thank you for your enquiry.",
                           "The next available agent will be with you shortly.",
                           "It is company policy."}) {
    INFO(text);
    CHECK(Stock(text).size() == 1);
  }
}

TEST_CASE("stock-phrase: honest answers and warm thanks stay out of the lists", "[stock-phrase]") {
  for (const char* text :
       {"Thanks for sharing your feedback with us!", "I can escalate this to my manager if you like.",
        "Sorry for the mix-up, the refund went out at 10:40.", "Спасибо за идею! Такой функции пока нет.",
        "We don't have a release date for it yet."}) {
    INFO(text);
    CHECK(Stock(text).empty());
  }
}

TEST_CASE("stock phrases start with any word, whatever its letters", "[stock]") {
  // Mathematical bold letters take four bytes each.
  const auto index = Index({}, {"\U0001D41A\U0001D41B\U0001D41C team thanks you"});
  CHECK(Found(index, "Hello! \U0001D41A\U0001D41B\U0001D41C team thanks you.") ==
        std::vector<std::string>{"\U0001D41A\U0001D41B\U0001D41C team thanks you"});
  CHECK(Found(index, "Hello! \U0001D41A\U0001D41B team thanks you.").empty());
  // A one-letter first word, and a first word with a digit (which the
  // engine's stems keep as written, so Find stems it itself).
  const auto short_start = Index({}, {"a pleasure to help"});
  CHECK(Found(short_start, "It was a pleasure to help!").size() == 1);
  const auto digit_start = Index({}, {"24/7 support is here"});
  CHECK(Found(digit_start, "Our 24/7 support is here for you.") == std::vector<std::string>{"24/7 support is here"});
}
