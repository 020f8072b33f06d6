#include <catch2/catch.hpp>

#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {
const std::string kSig = "\n\nС уважением,\nИван Петров";
Conversation Email(const std::string& text, const std::string& from, const std::string& reply_to = "") {
  Conversation c = MakeConversation(Channel::kEmail, "", {{Role::kCustomer, "Вопрос"}, {Role::kAgent, text}}, from);
  c.messages.back().reply_to = reply_to;
  return c;
}
}  // namespace

TEST_CASE("no-reply-sender: a no-reply from address fires and points at the field", "[no-reply-sender]") {
  for (const char* from : {"no-reply@shop.example", "Shop <NoReply@shop.example>", "do_not_reply@x.example",
                           "noreply+orders@x.example", "alerts@noreply.x.example"}) {
    const auto f = FindingsOf(Email("Готово." + kSig, from), "no-reply-sender");
    REQUIRE(f.size() == 1);
    CHECK(f[0].field == "from");
    CHECK(f[0].start == 0);
    CHECK(f[0].end == 0);
  }
}

TEST_CASE("no-reply-sender: an ordinary reply-to or an ordinary sender does not fire", "[no-reply-sender]") {
  CHECK(FindingsOf(Email("Готово." + kSig, "no-reply@x.example", "support@x.example"), "no-reply-sender").empty());
  CHECK(FindingsOf(Email("Готово." + kSig, "reply@x.example"), "no-reply-sender").empty());
  CHECK(FindingsOf(Email("Готово." + kSig, "noreen@x.example"), "no-reply-sender").empty());
  // A reply-to that is itself no-reply does not help.
  CHECK(FindingsOf(Email("Готово." + kSig, "noreply@x.example", "no-reply@x.example"), "no-reply-sender").size() == 1);
}

TEST_CASE("no-reply-sender: do-not-reply wording fires with the phrase as span", "[no-reply-sender]") {
  const std::string text = "Готово.\nЭто письмо сформировано автоматически, не отвечайте на него." + kSig;
  const auto f = FindingsOf(Email(text, "support@x.example"), "no-reply-sender");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "Это письмо сформировано автоматически");
  CHECK(text.substr(f[0].start, f[0].end - f[0].start) == f[0].text);
  CHECK_FALSE(FindingsOf(Email("Done.\nPlease do not reply to this email.\n\nBest,\nDana Whitfield",
                               "support@x.example"),
                         "no-reply-sender")
                  .empty());
  CHECK_FALSE(FindingsOf(Email("Done.\nThis mailbox is not monitored.\n\nBest,\nDana Whitfield", "a@x.example"),
                         "no-reply-sender")
                  .empty());
}

TEST_CASE("no-reply-sender: courtesy, advice and quoted mail do not fire", "[no-reply-sender]") {
  for (const std::string& text : std::vector<std::string>{
           "Если всё работает, отвечать на это письмо не нужно." + kSig,
        "Не отвечайте на звонки с незнакомых номеров." + kSig,
        "If everything works, no need to reply to this email.\n\nBest,\nDana Whitfield",
        "Do not reply to suspicious SMS asking for your code.\n\nBest,\nDana Whitfield",
        "Done.\n\nBest,\nDana Whitfield\n\nOn Mon, Shop wrote:\n> Please do not reply to this email."}) {
    CHECK(FindingsOf(Email(text, "support@x.example"), "no-reply-sender").empty());
  }
}

TEST_CASE("no-reply-sender: only email", "[no-reply-sender]") {
  Conversation c = MakeConversation(Channel::kChat, "", {{Role::kAgent, "Не отвечайте на это сообщение."}},
                                    "no-reply@x.example");
  CHECK(FindingsOf(c, "no-reply-sender").empty());
}
