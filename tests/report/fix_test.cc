// Safe fixes: which findings carry one, and how check --fix applies them.
#include <catch2/catch.hpp>

#include "report/report.h"
#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

// The fixes of the last agent message's findings, as "rule=fix".
std::vector<std::string> Fixes(Conversation c) {
  auto worker = DefaultEngine().NewWorker();
  const ConversationResult r = DefaultEngine().Analyze(c, worker.get());
  std::vector<std::string> out;
  for (const Finding& f : r.replies.back().findings) {
    if (f.fix) out.push_back(f.rule + "=" + *f.fix);
  }
  return out;
}

std::string Fixed(Conversation c) {
  auto worker = DefaultEngine().NewWorker();
  const ConversationResult r = DefaultEngine().Analyze(c, worker.get());
  return ApplyFixes(c.messages.back().text, r.replies.back().findings).first;
}

}  // namespace

TEST_CASE("fixes: the name form, the title, and nothing that needs judgement", "[fix]") {
  CHECK(Fixes(MakeConversation(Channel::kChat, "Саша", {{Role::kAgent, "Добрый день, Александр! Заказ в пути."}})) ==
        std::vector<std::string>{"name-form=Саша"});
  CHECK(Fixed(MakeConversation(Channel::kChat, "Анна", {{Role::kAgent, "Уважаемый Анна, заказ в пути."}})) ==
        "Уважаемая Анна, заказ в пути.");
  // A misspelling has suggestions, never a fix: choosing one is judgement.
  CHECK(Fixes(MakeConversation(Channel::kChat, "", {{Role::kAgent, "Заказ в пути, ожидайте доставкуу."}})).empty());
}

TEST_CASE("fixes: a name placeholder only where the name stands as the address", "[fix]") {
  CHECK(
      Fixed(MakeConversation(Channel::kChat, "Анна", {{Role::kAgent, "Добрый день, {{first_name}}! Заказ в пути."}})) ==
      "Добрый день, Анна! Заказ в пути.");
  // Mid-sentence a Russian name may need a case ending: no fix.
  CHECK(
      Fixes(MakeConversation(Channel::kChat, "Анна", {{Role::kAgent, "Мы написали {{first_name}} письмо."}})).empty());
  // English has no case endings.
  CHECK(Fixed(MakeConversation(Channel::kChat, "Bob", {{Role::kAgent, "Thanks, {{first_name}}, for waiting."}})) ==
        "Thanks, Bob, for waiting.");
  // No customer name: nothing to put there.
  CHECK(Fixes(MakeConversation(Channel::kChat, "", {{Role::kAgent, "Hi {{first_name}}, it ships today."}})).empty());
}

TEST_CASE("fixes: a signature only with the author's full name and none in the reply", "[fix]") {
  Conversation c = MakeConversation(Channel::kEmail, "", {{Role::kAgent, "Hi,\n\nyour refund is on its way."}});
  c.messages.back().author = "Dana Whitfield";
  CHECK(Fixed(c) == "Hi,\n\nyour refund is on its way.\n\nBest regards,\nDana Whitfield");
  c.messages.back().text = "Hi,\n\nyour refund is on its way.\n\nBest regards,";
  CHECK(Fixed(c) == "Hi,\n\nyour refund is on its way.\n\nBest regards,\nDana Whitfield");
  c.messages.back().author = "Acme Support";  // not a person: no name to add
  CHECK(Fixes(c).empty());
}

TEST_CASE("ApplyFixes skips a fix overlapping an earlier one; UnifiedDiff shows one hunk", "[fix]") {
  Finding a, b, c;
  a.start = 0, a.end = 5, a.fix = "AAAAA!";
  b.start = 3, b.end = 8, b.fix = "overlap";
  c.start = 10, c.end = 13, c.fix = "C";
  const auto [text, applied] = ApplyFixes("hello big cat", {b, a, c});
  CHECK(text == "AAAAA! big C");
  CHECK(applied == 2);
  CHECK(UnifiedDiff("a\nb\nc\n", "a\nb\nc\n", "x").empty());
  CHECK(UnifiedDiff("1\n2\n3\n4\n5\n6\n", "1\n2\n3\nfour\n5\n6\n", "x") ==
        "--- x\n+++ x (fixed)\n@@ -1,6 +1,6 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n");
  CHECK(UnifiedDiff("one\n", "one\n\nBest,\nDana\n", "x") ==
        "--- x\n+++ x (fixed)\n@@ -1,1 +1,4 @@\n one\n+\n+Best,\n+Dana\n");
}
