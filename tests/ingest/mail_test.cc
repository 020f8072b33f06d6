#include "ingest/mail.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/html_text.h"
#include "test_util.h"

using namespace replylint;

namespace {

std::string Fixture(const std::string& name) {
  return std::string(REPLYLINT_SOURCE_DIR) + "/tests/ingest/fixtures/" + name;
}

std::vector<ConvertedRecord> ReadAll(const std::string& path, const IngestOptions& o) {
  auto src = OpenMail(path, o);
  REQUIRE(src.ok());
  std::vector<ConvertedRecord> out;
  ConvertedRecord r;
  while ((*src)->Next(&r)) out.push_back(std::move(r));
  return out;
}

IngestOptions Agents(std::vector<std::string> domains, std::vector<std::string> addresses = {}) {
  IngestOptions o;
  o.agent_domains = std::move(domains);
  o.agent_addresses = std::move(addresses);
  return o;
}

}  // namespace

TEST_CASE("An mbox becomes threads: KOI8-R and windows-1251 decoded, quotes and the customer's signature cut",
          "[ingest][mail]") {
  const auto records = ReadAll(Fixture("mail/support.mbox"), Agents({"shop.example"}));
  // 7 messages: a thread of 3, a thread of 2 (joined by subject), one alone,
  // one rejected (only an attachment).
  REQUIRE(records.size() == 4);
  REQUIRE(records[0].conversation.ok());
  const Conversation& ru = *records[0].conversation;
  CHECK(ru.id == "c1@example.org");
  CHECK(ru.customer.name == "Анна Белова");
  REQUIRE(ru.messages.size() == 3);
  CHECK(ru.messages[0].role == Role::kCustomer);
  CHECK(ru.messages[0].text == "Здравствуйте! Заказ 5512 так и не пришёл. Когда его ждать?");  // KOI8-R, QP
  CHECK(ru.messages[0].at == "2026-11-02T10:00:00Z");                                          // +0300 in UTC
  const Message& agent = ru.messages[1];
  CHECK(agent.role == Role::kAgent);
  CHECK(agent.author == "Oleg Smirnov");
  CHECK(agent.agent_id == "oleg@shop.example");
  CHECK(agent.from == "Oleg Smirnov <oleg@shop.example>");
  // windows-1251 in base64; the quoted mail after "написал(а):" is gone,
  // the agent's own signature stays.
  CHECK(agent.text ==
        "Анна, добрый день!\n\nЗаказ 5512 передан курьеру, он привезёт его завтра до 18:00.\n\nС уважением,\n"
        "Олег Смирнов\nСлужба поддержки");
  CHECK(ru.messages[2].text == "Спасибо, буду ждать.");  // the customer's "-- " signature cut

  REQUIRE(records[1].conversation.ok());
  const Conversation& en = *records[1].conversation;
  REQUIRE(en.messages.size() == 2);  // "RE: Delivery" without references joins "Delivery" of the same customer
  CHECK(en.messages[0].text ==
        "Hello,\nmy parcel shows delivered but I never got it.");  // HTML, style and script dropped
  CHECK(en.messages[1].from == "Shop Support <no-reply@shop.example>");
  CHECK(en.messages[1].text ==
        "Hi Ben,\n\nI have opened a claim with the courier; you will hear from us within two days.\n"
        "- Claim: open it here (https://shop.example/claims/77)\nBest regards,\nLena\nShop Support");

  REQUIRE(records[2].conversation.ok());
  CHECK(records[2].conversation->messages[0].text == "Please resend the invoice \xEF\xBF\xBD\xEF\xBF\xBD thanks");
  REQUIRE(records[2].warnings.size() == 1);
  CHECK(records[2].warnings[0].find("unknown charset \"x-unknown-42\"") != std::string::npos);

  REQUIRE_FALSE(records[3].conversation.ok());
  CHECK(records[3].conversation.status().message().find("support.mbox: message 7 (byte ") != std::string::npos);
  CHECK(records[3].conversation.status().message().find("no text to read (1 attachments, 0 forwarded messages)") !=
        std::string::npos);
}

TEST_CASE("An HTML-only reply gets the findings of its text version", "[ingest][mail]") {
  const auto records = ReadAll(Fixture("mail/support.mbox"), Agents({"shop.example"}));
  Conversation html = *records[1].conversation;
  Conversation text = html;
  text.messages[1].text =
      "Hi Ben,\n\nI have opened a claim with the courier; you will hear from us within two days.\n"
      "- Claim: open it here (https://shop.example/claims/77)\nBest regards,\nLena\nShop Support";
  auto rules = [](const Conversation& c) {
    std::vector<std::string> out;
    for (const auto& r : testing::DefaultEngine().Analyze(c, testing::DefaultWorker()).replies) {
      for (const Finding& f : r.findings) out.push_back(f.rule);
    }
    return out;
  };
  const auto found = rules(html);
  CHECK(found == rules(text));
  // The no-reply sender came through from the real From header.
  CHECK(std::find(found.begin(), found.end(), "no-reply-sender") != found.end());
}

TEST_CASE("A Maildir is one mailbox: threads across cur/ and new/, a file that is not mail rejected",
          "[ingest][mail]") {
  const auto records = ReadAll(Fixture("mail/maildir"), Agents({}, {"Petra@Kettle.example"}));
  REQUIRE(records.size() == 2);
  size_t conversations = 0, rejected = 0;
  for (const auto& r : records) {
    if (r.conversation.ok()) {
      ++conversations;
      const Conversation& c = *r.conversation;
      REQUIRE(c.messages.size() == 2);
      CHECK(c.messages[0].text == "Hi, the lid of my kettle cracked on day two. Can I get a replacement?");
      CHECK(c.messages[1].role == Role::kAgent);
      CHECK(c.messages[1].text ==
            "Hi Dana,\n\nA new lid is on its way, no need to send the old one back.\n\nBest regards,\nPetra\n"
            "Kettle Support");  // the wrapped "On … <addr>\nwrote:" and the quote cut
    } else {
      ++rejected;
      CHECK(r.conversation.status().message().find(
                "1700000200.M3P1.host:2,S: message 2 (byte 0): cannot be parsed as mail") != std::string::npos);
    }
  }
  CHECK(conversations == 1);
  CHECK(rejected == 1);
}

TEST_CASE("Mail without agent addresses is refused; a truncated mbox keeps what it has and names the rest",
          "[ingest][mail]") {
  auto none = OpenMail(Fixture("mail/support.mbox"), IngestOptions{});
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message().find("--agent-address") != std::string::npos);

  std::ifstream in(Fixture("mail/support.mbox"), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string whole = ss.str();
  const std::string cut = whole.substr(0, whole.find("Subject: Delivery") + 5);  // inside message 4's headers
  const std::string path = testing::TempFile("cut.mbox", cut);
  const auto records = ReadAll(path, Agents({"shop.example"}));
  size_t messages = 0, rejected = 0;
  for (const auto& r : records) {
    if (r.conversation.ok()) messages += r.conversation->messages.size();
    rejected += r.conversation.ok() ? 0 : 1;
  }
  CHECK(messages == 3);
  CHECK(rejected == 1);  // message 4: headers only, no text
}

TEST_CASE("Nested multiparts past the depth limit are not read, with a warning", "[ingest][mail]") {
  std::string mail = "From: x@example.org\nTo: help@shop.example\nSubject: deep\nMessage-ID: <deep@x>\n";
  const int levels = 100;
  for (int i = 0; i < levels; ++i) {
    mail += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" + std::to_string(i) + "\n";
  }
  mail += "Content-Type: text/plain\n\nhello from the bottom\n";
  for (int i = levels; i-- > 0;) mail += "--b" + std::to_string(i) + "--\n";
  mail = mail.substr(0, mail.find("Content-Type")) + "MIME-Version: 1.0\n" + mail.substr(mail.find("Content-Type"));
  const auto records = ReadAll(testing::TempFile("deep.eml", mail), Agents({"shop.example"}));
  REQUIRE(records.size() == 1);
  REQUIRE_FALSE(records[0].conversation.ok());
  CHECK(records[0].conversation.status().message().find("nested deeper than 32 levels") != std::string::npos);
}

TEST_CASE("Quoted history: '>' lines, separators and Outlook header blocks are cut", "[ingest][mail]") {
  CHECK(StripQuoted("Yes, done.\n\n-----Original Message-----\nFrom: a\nold", false) == "Yes, done.");
  CHECK(StripQuoted("Готово.\n\nFrom: Ann <a@x>\nSent: Monday\nSubject: x\n\nold", false) == "Готово.");
  CHECK(StripQuoted("> question?\nAnswer.\n> more\nSecond.", false) == "Answer.\nSecond.");
  CHECK(StripQuoted("Thanks\n-- \nAnn\n+1 555", true) == "Thanks");
  CHECK(StripQuoted("Thanks\n-- \nLena, support", false) ==
        "Thanks\n-- \nLena, support");  // an agent's signature stays
}

TEST_CASE("HTML to text: deep nesting walked without recursion, quotes dropped and counted", "[ingest][mail][html]") {
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  deep += "bottom";
  const HtmlText t = HtmlToText(deep);
  CHECK(t.text == "bottom");
  CHECK(t.tags_dropped == 3000 - 128);
  const HtmlText q = HtmlToText("<p>Mine</p><div class=\"gmail_quote\">theirs</div><blockquote>older</blockquote>");
  CHECK(q.text == "Mine");
  CHECK(q.quotes_dropped == 2);
}

TEST_CASE("HTML bombs: nesting past the limit is flattened, the text kept, in linear time", "[ingest][mail][html]") {
  // Without the guard these took minutes (<div>) and tens of gigabytes (<b>)
  // in Gumbo; now each is a quick parse of at most 128 levels.
  for (const char* tag : {"div", "b", "span", "font"}) {
    std::string html;
    for (int i = 0; i < 200000; ++i) html += std::string("<") + tag + " class=\"x\">";
    html += "Hello, Sasha";
    for (int i = 0; i < 200000; ++i) html += std::string("</") + tag + ">";
    html += "<p>after</p>";
    const HtmlText t = HtmlToText(html);
    INFO(tag);
    CHECK(t.text == "Hello, Sasha\nafter");
    CHECK(t.tags_dropped == 200000 - 128);
  }
  // End tags with no start do not lower the count: "<div></x>" still nests.
  std::string stray;
  for (int i = 0; i < 1000; ++i) stray += "<div></x>";
  CHECK(HtmlToText(stray + "end").tags_dropped == 1000 - 128);
  // Siblings that close each other, void elements, comments and raw text are
  // not nesting: nothing is dropped and the text is whole.
  std::string flat;
  for (int i = 0; i < 1000; ++i) flat += "<p>line<br><img alt=\"\"><!-- <div> -->";
  flat += "<script><div><div><div></script><style>b{}</style>";
  const HtmlText f = HtmlToText(flat);
  CHECK(f.tags_dropped == 0);
  CHECK(f.text.find("<div>") == std::string::npos);
  CHECK(std::count(f.text.begin(), f.text.end(), '\n') >= 999);
  // An attribute value holding '>' does not end its tag early.
  CHECK(HtmlToText("<div title=\"a > b\">text</div>").text == "text");
}
