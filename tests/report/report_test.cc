#include "report/report.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "report/progress.h"
#include "report/report_util.h"
#include "test_util.h"

using namespace replylint;
using replylint::testing::DefaultEngine;

namespace {

std::string Report(Format format, const std::vector<Conversation>& cs, ReportOptions o = {}) {
  std::ostringstream out, err;
  o.star_thresholds = DefaultEngine().scorecard().stars;
  auto report = AuditReport::Make(format, &out, &err, o);
  auto worker = DefaultEngine().NewWorker();
  PipelineStats stats;
  for (const Conversation& c : cs) {
    const ConversationResult r = DefaultEngine().Analyze(c, worker.get());
    report->OnConversation(c, r);
    ++stats.conversations;
    stats.agent_messages += r.replies.size();
  }
  report->Finish(stats);
  return out.str();
}

Conversation Reply(const std::string& agent, const std::string& text, const std::string& customer = "Вадим") {
  Conversation c = replylint::testing::MakeConversation(Channel::kChat, customer,
                                                        {{Role::kCustomer, "Где деньги?"}, {Role::kAgent, text}});
  c.id = "T-" + agent;
  c.team = "L1";
  c.messages[1].agent_id = agent;
  return c;
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("CSV fields are quoted and guarded against formulas", "[report]") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(CsvField("-5") == "'-5");
  CHECK(CsvField("@sum") == "'@sum");
  CHECK(CsvField("") == "");
}

TEST_CASE("HTML escapes every input text: a reply cannot inject markup", "[report][html]") {
  Conversation evil = Reply("\"><img src=x onerror=alert(1)>", "Здравствуйте, Александр! <script>alert('x')</script>");
  evil.id = "<b>T-1</b>";
  evil.team = "</style><script>alert(2)</script>";
  const std::string html = Report(Format::kHtml, {evil});
  CHECK(Count(html, "<script") == 1);  // the page's own script only
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>T-1") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(Count(html, "</style>") == 1);
  // The wrong name is highlighted in the reply's text.
  CHECK(html.find("<mark class=\"error\"") != std::string::npos);
  CHECK(html.find("Content-Security-Policy") != std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("HTML highlights overlapping spans as segments", "[report][html]") {
  // Two findings on one reply: the mark of the wrong name and the rest of the text.
  const std::string html = Report(Format::kHtml, {Reply("olga", "Здравствуйте, {{name}}! Александр, деньги на карте.")});
  CHECK(Count(html, "<mark class=\"error\"") >= 2);
  CHECK(html.find("data-findings=\"") != std::string::npos);
}

TEST_CASE("CSV has one row per reply, or per agent with --by", "[report][csv]") {
  const std::vector<Conversation> cs = {Reply("olga", "Деньги на карте, Вадим."), Reply("ivan", "Александр, деньги на карте.")};
  const std::string rows = Report(Format::kCsv, cs);
  CHECK(Count(rows, "\r\n") == 3);
  CHECK(rows.rfind("conversation,message,agent,team,channel,lang,analysed,score,stars,critical,", 0) == 0);
  CHECK(
      rows.find("T-ivan,1,ivan,L1,chat,ru,true,75,4,false,1,0,0,wrong-name,wrong-name=25.00,first,no_time,,300,\r\n") !=
      std::string::npos);
  ReportOptions o;
  o.by = {GroupBy::kAgent};
  o.min_replies = 1;
  const std::string agents = Report(Format::kCsv, cs, o);
  CHECK(Count(agents, "\r\n") == 3);
  CHECK(agents.rfind("agent,rank,replies,mean_score,", 0) == 0);
  CHECK(agents.find("\r\nivan,2,1,75.00,") != std::string::npos);
  CHECK(agents.find("\r\nolga,1,1,100.00,") != std::string::npos);
}

TEST_CASE("The text leaderboard crowns the leader and says when it is not clear", "[report][text]") {
  std::vector<Conversation> cs;
  for (int i = 0; i < 3; ++i) cs.push_back(Reply("olga", "Деньги на карте, Вадим."));
  cs.push_back(Reply("ivan", "Деньги на карте, Вадим."));
  cs.push_back(Reply("ivan", "Александр, деньги на карте."));
  ReportOptions o;
  o.min_replies = 2;
  o.goal = *Goal::Parse("score=95,replies=10");
  const std::string text = Report(Format::kText, cs, o);
  CHECK(text.find("👑 not clearly ahead of ivan (intervals overlap)") != std::string::npos);
  CHECK(text.find("Goal: mean score ≥ 95.0 over 10 replies") != std::string::npos);
  // ivan: 175 / 2 = 87.5; (95 · 2 - 175) / 5 = 3 perfect replies; (950 - 175) / 8 = 96.9.
  CHECK(text.find("3 more perfect replies would reach it; the 8 replies to go need a mean of 96.9") !=
        std::string::npos);
}

TEST_CASE("The progress line shows count, rate, share and time left", "[report]") {
  PipelineStats s;
  s.conversations = 1234;
  s.agent_messages = 5000;
  s.bytes_read = 250;
  CHECK(ProgressSink::Line(s, 1000, 10) ==
        "replylint: 1,234 conversations, 5,000 replies · 500 replies/s · 25% · about 0:30 left");
  CHECK(ProgressSink::Line(s, 0, 10) == "replylint: 1,234 conversations, 5,000 replies · 500 replies/s");
  s.bytes_read = 1;
  CHECK(ProgressSink::Line(s, 4000, 1) ==
        "replylint: 1,234 conversations, 5,000 replies · 5,000 replies/s · 0% · about 1:06:39 left");
}

TEST_CASE("HTML highlighting is one sweep: many findings, nested or side by side", "[report][html]") {
  auto finding = [](size_t start, size_t end, Severity s) {
    Finding f;
    f.rule = "spelling";
    f.severity = s;
    f.start = start;
    f.end = end;
    f.message_text = std::to_string(start);
    return f;
  };
  // 20 000 words, each its own finding: 20 000 marks, each naming only itself.
  std::string text;
  std::vector<Finding> side;
  for (size_t i = 0; i < 20000; ++i) {
    side.push_back(finding(text.size(), text.size() + 4, Severity::kSuggestion));
    text += "abcd ";
  }
  const std::string flat = HighlightSpans(text, side);
  CHECK(Count(flat, "<mark class=\"suggestion\"") == 20000);
  CHECK(flat.find("data-findings=\"20000\"") != std::string::npos);
  // 20 000 spans nested around the middle: the innermost segment is marked
  // with the worst severity over it, and its tooltip names 8 and counts the rest.
  std::vector<Finding> nested;
  for (size_t i = 0; i < 20000; ++i) {
    nested.push_back(finding(i, text.size() - i, i == 7 ? Severity::kError : Severity::kWarning));
  }
  const std::string deep = HighlightSpans(text, nested);
  CHECK(Count(deep, "<mark ") == 2 * 20000 - 1);
  CHECK(Count(deep, "<mark class=\"error\"") == 2 * (20000 - 7) - 1);
  CHECK(deep.find("… 19992 more") != std::string::npos);
  CHECK(deep.find("data-findings=\"1 2 3 4 5 6 7 8\"") != std::string::npos);
  // Text outside every span, and spans that do not fit the text, are left as they are.
  CHECK(HighlightSpans("a < b", {finding(3, 99, Severity::kError)}) == "a &lt; b");
}

TEST_CASE("Response figures in the JSON and text reports match a hand calculation", "[report][response-time]") {
  // Three chat conversations of agent olga: first replies after 60 s, 120 s
  // and 10 min (target 5 min); the third also has a next reply after 30 s.
  // One more reply whose customer message has no `at`.
  auto conv = [](const std::string& id, int64_t wait, bool next) {
    Conversation c = Reply("olga", "Деньги вернули на карту.");
    c.id = id;
    c.messages[0].at = "2026-11-02T10:00:00Z";
    const int64_t m = wait / 60, s = wait % 60;
    char at[32];
    std::snprintf(at, sizeof at, "2026-11-02T10:%02lld:%02lldZ", static_cast<long long>(m), static_cast<long long>(s));
    c.messages[1].at = at;
    if (next) {
      Message q = c.messages[0];
      q.text = "А когда придут?";
      q.at = "2026-11-02T10:20:00Z";
      Message a = c.messages[1];
      a.text = "Сегодня до вечера.";
      a.at = "2026-11-02T10:20:30Z";
      c.messages.push_back(q);
      c.messages.push_back(a);
    }
    return c;
  };
  Conversation untimed = Reply("olga", "Деньги вернули на карту.");
  untimed.id = "T-untimed";
  const std::vector<Conversation> cs = {conv("T-a", 60, false), conv("T-b", 120, false), conv("T-c", 600, true),
                                        untimed};
  const auto j = nlohmann::json::parse(Report(Format::kJson, cs));
  const auto& rt = j["summary"]["response_times"]["all"];
  CHECK(rt["judged"] == 4);
  CHECK(rt["late"] == 1);
  CHECK(rt["not_judged"]["no_time"] == 1);
  CHECK(rt["first"]["count"] == 3);
  CHECK(rt["first"]["median_seconds"] == 120.0);
  CHECK(rt["first"]["p90_seconds"] == 600.0);  // nearest rank ⌈2.7⌉ = 3
  CHECK(rt["first"]["within"]["count"] == 2);
  CHECK(rt["first"]["within"]["share"] == Approx(0.6667));
  // Wilson 2/3: centre (2/3 + 0.64024) / 2.28049 = 0.57308, half 0.36543.
  CHECK(rt["first"]["within"]["ci95"][0] == Approx(0.2077).margin(5e-4));
  CHECK(rt["first"]["within"]["ci95"][1] == Approx(0.9385).margin(5e-4));
  CHECK(rt["next"]["count"] == 1);
  CHECK(rt["next"]["median_seconds"] == 30.0);
  CHECK(j["summary"]["response_times"]["agents"]["olga"]["first"]["count"] == 3);
  const std::string text = Report(Format::kText, cs);
  CHECK_THAT(text, Catch::Contains("response times: judged 4 (first 3, next 1), late 1; not judged: 1 without a usable"));
  CHECK_THAT(text, Catch::Contains("agent olga"));
  ReportOptions o;
  o.goal = *Goal::Parse("first_within=90");
  CHECK_THAT(Report(Format::kText, cs, o), Catch::Contains("first replies within target ≥ 90.0%"));
}
