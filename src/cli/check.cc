// replylint check: one draft reply, before it is sent.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "base/utf8.h"
#include "cli/common.h"
#include "cli/output.h"
#include "lint/draft.h"
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
  std::string color = "auto";
  bool fix = false;
  bool fix_dry_run = false;
};

int RunCheck(const CheckArgs& a) {
  auto format = ParseFormat(a.format, {Format::kText, Format::kJson});
  if (!format.ok()) return Fail(format.status().message());
  auto draft = ReadText(a.file);
  if (!draft.ok()) return Fail(draft.status().message());
  const std::string name = a.file == "-" ? "<stdin>" : a.file;
  if (draft->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(EscapeForTerminal(name) + ": the draft is empty: there is nothing to check");
  }
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
  std::string written = std::move(*draft);  // the draft as written, directives and all
  std::string line_end;                     // put back after the text when --fix writes it
  while (!written.empty() && (written.back() == '\n' || written.back() == '\r')) {
    line_end.insert(line_end.begin(), written.back());
    written.pop_back();
  }
  reply.from = a.from;
  reply.reply_to = a.reply_to;
  reply.author = a.author;
  c.messages.push_back(std::move(reply));
  // Like ingest: analysed with U+FFFD in place of ill-formed bytes, offsets
  // still counting the bytes of the file.
  if (const size_t bad = FindInvalidUtf8(written); bad != std::string::npos) {
    std::cerr << "replylint: warning: " << name << ": invalid UTF-8 (the first at byte " << bad + 1
              << ") replaced with U+FFFD for analysis\n";
  }
  auto worker = (*engine)->NewWorker();
  size_t suppressed = 0;
  auto analyze = [&] {
    c.messages.back().text = written;
    DraftResult d = CheckDraft(**engine, worker.get(), &c);
    suppressed = d.suppressed;
    return std::move(d.result);
  };
  ConversationResult result = analyze();
  if (a.fix || a.fix_dry_run) {
    auto [fixed, applied] = ApplyFixes(written, result.replies.back().findings);
    if (a.fix_dry_run) {
      std::cout << UnifiedDiff(written + line_end, fixed + line_end, name);
      return applied > 0 ? kExitFindings : kExitClean;
    }
    if (applied > 0) {
      if (a.file == "-") {
        std::cout << fixed << line_end;  // the fixed draft; the report goes to standard error below
      } else {
        Output out(a.file);  // a temporary file renamed over the draft: never half-written
        if (!out.status().ok()) return Fail(out.status().message());
        out.stream() << fixed << line_end;
        if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
      }
      std::cerr << "replylint: " << name << ": " << applied << (applied == 1 ? " fix" : " fixes") << " applied\n";
      written = std::move(fixed);
      result = analyze();  // what remains
    }
  }
  const MessageResult& r = result.replies.back();
  std::ostream& report = a.fix && a.file == "-" ? std::cerr : std::cout;
  if (*format == Format::kJson) {
    report << ReplyRecordJson(c, r) << '\n';
  } else if (!r.analysed) {
    report << EscapeForTerminal(name) << ": not analysed: the language is neither Russian nor English (use --lang)\n";
  } else {
    WriteCheckText(c, r, name, report,
                   {.color = UseColor(a.color, a.fix && a.file == "-" ? STDERR_FILENO : STDOUT_FILENO)});
    if (suppressed > 0) {
      report << (r.lang == Lang::kRu ? "скрыто директивами replylint-disable: " : "suppressed by replylint-disable: ")
             << suppressed << '\n';
    }
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
  check->add_option("--color", ca->color, "Colours: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  auto* fix =
      check->add_flag("--fix", ca->fix,
                      "Apply the fixes that cannot be wrong (name form, title, name placeholder, signature) to "
                      "the file (standard input: the fixed draft to standard output), then report what remains");
  check->add_flag("--fix-dry-run", ca->fix_dry_run, "Print the fixes --fix would apply as a unified diff")
      ->excludes(fix);
  AddCommon(check, &ca->common, false);
  AddTemplates(check, &ca->common);
  return [ca] { return RunCheck(*ca); };
}

}  // namespace

const Command kCheckCommand = {"check", "Check one draft reply before sending it (file or - for standard input)",
                               Setup};

}  // namespace replylint::cli
