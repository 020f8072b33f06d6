// replylint check: one draft reply, before it is sent.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "base/utf8.h"
#include "cli/common.h"
#include "report/report.h"

namespace replylint::cli {
namespace {

struct CheckArgs {
  Common common;
  std::string file = "-";
  std::string channel = "email";
  std::string customer_name;
  std::string customer_text;
  std::string from;
  std::string reply_to;
  std::string lang;
  std::string author;
  std::string format = "text";
};

int RunCheck(const CheckArgs& a) {
  auto format = ParseFormat(a.format, {Format::kText, Format::kJson});
  if (!format.ok()) return Fail(format.status().message());
  auto draft = ReadText(a.file);
  if (!draft.ok()) return Fail(draft.status().message());
  // The draft is read first so that its dictionaries load while the engine
  // is built.
  auto engine = MakeEngine(a.common, {a.file}, *draft);
  if (!engine.ok()) return Fail(engine.status().message());
  Conversation c;
  c.id = a.file == "-" ? "draft" : a.file;
  c.channel = *ParseChannel(a.channel);
  c.customer.name = a.customer_name;
  if (!a.lang.empty()) c.lang = ParseLang(a.lang);
  if (!a.customer_text.empty()) {
    auto text = ReadText(a.customer_text);
    if (!text.ok()) return Fail(text.status().message());
    Message m;
    m.role = Role::kCustomer;
    m.text = std::move(*text);
    c.messages.push_back(std::move(m));
  }
  Message reply;
  reply.role = Role::kAgent;
  reply.text = std::move(*draft);
  while (!reply.text.empty() && (reply.text.back() == '\n' || reply.text.back() == '\r')) reply.text.pop_back();
  reply.from = a.from;
  reply.reply_to = a.reply_to;
  reply.author = a.author;
  c.messages.push_back(std::move(reply));
  // Like ingest: analysed with U+FFFD in place of ill-formed bytes, offsets
  // still counting the bytes of the file.
  if (const size_t bad = FindInvalidUtf8(c.messages.back().text); bad != std::string::npos) {
    std::cerr << "replylint: warning: " << (a.file == "-" ? std::string("<stdin>") : a.file)
              << ": invalid UTF-8 (the first at byte " << bad + 1 << ") replaced with U+FFFD for analysis\n";
  }
  auto worker = (*engine)->NewWorker();
  const ConversationResult result = (*engine)->Analyze(c, worker.get());
  const MessageResult& r = result.replies.back();
  const std::string name = a.file == "-" ? "<stdin>" : a.file;
  if (*format == Format::kJson) {
    std::cout << ReplyRecordJson(c, r) << '\n';
  } else if (!r.analysed) {
    std::cout << EscapeForTerminal(name)
              << ": not analysed: the language is neither Russian nor English (use --lang)\n";
  } else if (r.findings.empty()) {
    std::cout << EscapeForTerminal(name) << ": " << (r.lang == Lang::kRu ? "замечаний нет" : "no findings") << '\n';
  } else {
    WriteCheckText(c, r, name, std::cout);
  }
  const Severity fail = FailLevel(a.common, **engine);
  const bool failing =
      std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.severity >= fail; });
  return failing ? kExitFindings : kExitClean;
}

std::function<int()> Setup(CLI::App* check) {
  auto ca = std::make_shared<CheckArgs>();
  check->add_option("file", ca->file, "The draft reply, plain text (default: standard input)");
  check->add_option("--channel", ca->channel, "email, chat, social or phone (default: email)")
      ->check(CLI::IsMember({"email", "chat", "social", "phone"}));
  check->add_option("--customer-name", ca->customer_name, "The name exactly as the customer gave it");
  check->add_option("--customer-text", ca->customer_text, "File with the customer's message the draft answers");
  check->add_option("--from", ca->from, "Sender address of the email");
  check->add_option("--reply-to", ca->reply_to, "Reply-To address of the email");
  check->add_option("--author", ca->author, "Your name as the helpdesk shows it");
  check->add_option("--lang", ca->lang, "ru or en (default: told from the text)")->check(CLI::IsMember({"ru", "en"}));
  check->add_option("--format", ca->format, "text or json");
  AddCommon(check, &ca->common, false);
  AddTemplates(check, &ca->common);
  return [ca] { return RunCheck(*ca); };
}

}  // namespace

const Command kCheckCommand = {"check", "Check one draft reply before sending it (file or - for standard input)",
                               Setup};

}  // namespace replylint::cli
