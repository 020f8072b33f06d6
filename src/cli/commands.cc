#include "cli/commands.h"

#include "cli/output.h"

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "base/files.h"
#include "base/utf8.h"
#include "eval/eval.h"
#include "eval/vocab.h"
#include "ingest/source.h"
#include "lint/lint.h"
#include "redact/redact.h"
#include "replylint/engine.h"
#include "report/lint_report.h"
#include "report/progress.h"
#include "report/report.h"
#include "report/sample_report.h"
#include "rules/rule_spec.h"
#include "sample/sample.h"
#include "score/score.h"

namespace replylint::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitFailed = 2;

// Messages carry paths and input text: printed escaped (see EscapeForTerminal).
int Fail(const std::string& what) {
  std::cerr << "replylint: " << EscapeForTerminal(what, true) << '\n';
  return kExitFailed;
}

struct Common {
  std::string config;
  std::string rules_dir;
  std::string fail_level;
  std::vector<std::string> templates;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  size_t max_line_bytes = kDefaultMaxLineBytes;
  std::string input_format = "auto";
  IngestOptions ingest;  // its format set by --input-format
};

void AddCommon(CLI::App* cmd, Common* c, bool with_jobs) {
  cmd->add_option("--config", c->config, "Configuration file (default: ./replylint.yaml when present)");
  cmd->add_option("--rules-dir", c->rules_dir, "Read rule files from this directory instead of the built-in rules");
  cmd->add_option("--fail-level", c->fail_level,
                  "Lowest severity that makes the exit code 1: error, warning or suggestion")
      ->check(CLI::IsMember({"error", "warning", "suggestion"}));
  if (with_jobs) {
    cmd->add_option("-j,--jobs", c->jobs, "Worker threads (default: the number of cores)")->check(CLI::Range(1u, 256u));
    cmd->add_option("--max-line-bytes", c->max_line_bytes,
                    "Reject input lines longer than this, e.g. 64MiB (default: 16MiB)")
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(size_t{1}, size_t{1} << 32));
    // Input formats besides JSONL (docs/sources.md).
    cmd->add_option("--input-format", c->input_format,
                    "jsonl, csv, twitter or mail (default: told from each file's name and content)")
        ->check([](const std::string& v) {
          return ParseInputFormat(v) ? std::string() : "unknown input format; known: auto, " + InputFormatList();
        })
        ->each([c](const std::string& v) { c->ingest.format = ParseInputFormat(v).value_or(InputFormat::kAuto); });
    cmd->add_option("--column-map", c->ingest.column_map, "csv: YAML file naming the columns (docs/sources.md)");
    cmd->add_option("--agent-address", c->ingest.agent_addresses, "mail: an agent's address (repeatable)");
    cmd->add_option("--agent-domain", c->ingest.agent_domains, "mail: the agents' domain (repeatable)");
  }
}

PipelineOptions PipelineOptionsOf(const Common& c) {
  PipelineOptions o;
  o.jobs = c.jobs;
  o.max_line_bytes = c.max_line_bytes;
  o.stop = &g_stop;
  o.ingest = &c.ingest;
  return o;
}

// The team's template library, for template-overuse.
void AddTemplates(CLI::App* cmd, Common* c) {
  cmd->add_option("--templates", c->templates,
                  "Template files or folders of the team's library (added to `templates:` of the configuration)");
}

StatusOr<std::unique_ptr<Engine>> MakeEngine(const Common& c, std::string_view sample_text = {}) {
  EngineOptions o;
  o.sample_text = sample_text;
  o.config_path = c.config;
  o.config_explicit = !c.config.empty();
  o.rules_dir = c.rules_dir;
  o.template_paths = c.templates;
  return Engine::Create(o);
}

Severity FailLevel(const Common& c, const Engine& e) {
  return c.fail_level.empty() ? e.fail_level() : *ParseSeverity(c.fail_level);
}

// Expands directories to the input files below them (ingest/source.h); keeps
// files and "-" as given.
StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs, const Common& c) {
  std::vector<std::string> problems;
  auto out = ExpandInputs(inputs, c.ingest.format, &problems);
  for (const std::string& p : problems) std::cerr << "replylint: " << EscapeForTerminal(p) << '\n';
  return out;
}

StatusOr<std::string> ReadText(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::IoError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read file");
  ss << in.rdbuf();
  return ss.str();
}

// ---- check ---------------------------------------------------------------

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
  auto engine = MakeEngine(a.common, *draft);
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

// ---- audit ---------------------------------------------------------------

struct AuditArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string out;
  std::vector<std::string> by;
  size_t min_replies = 20;
  std::string goal;
  size_t worst = 10;
  bool redact = false;
  std::string redact_key;
  bool strict = false;
};

// The size of the inputs for the progress line; 0 when one is standard input.
uint64_t TotalBytes(const std::vector<std::string>& files) {
  uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    const auto n = f == "-" ? 0 : fs::file_size(f, ec);
    if (f == "-" || ec) return 0;
    total += n;
  }
  return total;
}

int RunAudit(const AuditArgs& a) {
  auto engine = MakeEngine(a.common);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseFormat(a.format, {Format::kText, Format::kCsv, Format::kJson, Format::kJsonl, Format::kHtml});
  if (!format.ok()) return Fail(format.status().message());
  ReportOptions ro;
  ro.fail_level = FailLevel(a.common, **engine);
  ro.min_replies = a.min_replies;
  ro.worst = a.worst;
  ro.good_stars = (*engine)->scorecard().good_stars;
  ro.star_thresholds = (*engine)->scorecard().stars;
  for (const std::string& b : a.by) ro.by.push_back(*ParseGroupBy(b));
  if ((*format == Format::kCsv || *format == Format::kJsonl) && ro.by.size() > 1)
    return Fail("--by: " + a.format + " has one row per group: give one of conversation, agent, team, channel");
  if (!a.goal.empty()) {
    auto goal = Goal::Parse(a.goal);
    if (!goal.ok()) return Fail(goal.status().message());
    ro.goal = *goal;
  }
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  auto report = AuditReport::Make(*format, &out.stream(), &std::cerr, ro);
  ResultSink* sink = report.get();
  std::unique_ptr<RedactingSink> redact;
  if (a.redact) sink = (redact = std::make_unique<RedactingSink>(sink, a.redact_key)).get();
  // Progress only to a terminal, and not into a report that goes to the same one.
  std::unique_ptr<ProgressSink> progress;
  if (::isatty(2) && (!a.out.empty() || !::isatty(1)))
    sink = (progress = std::make_unique<ProgressSink>(sink, &std::cerr, TotalBytes(*files))).get();
  PipelineStats stats;
  StopOnSignal signals;
  const Status run = RunPipeline(**engine, *files, PipelineOptionsOf(a.common), sink, &stats);
  if (progress) progress->Clear();
  report->Finish(stats);
  const AuditTotals& t = report->totals();
  if (*format != Format::kText || stats.interrupted) {
    std::cerr << "replylint: " << report->conversations() << " conversations, " << t.analysed() << " replies analysed, "
              << report->rejected() << " lines rejected\n";
    std::cerr << "replylint: " << report->ConservationLine() << '\n';
  }
  if (stats.interrupted) {
    // A report file is only ever replaced by a complete run.
    std::cerr << "replylint: " << InterruptedLine(stats) << '\n';
    if (!a.out.empty()) std::cerr << "replylint: " << a.out << " was not written\n";
    return kExitFailed;
  }
  if (!report->Conserved()) return Fail("internal error: the counts do not add up");
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  if (!run.ok()) return kExitFailed;  // every file that failed is reported already
  if (a.strict && stats.rejected > 0) return Fail(std::to_string(stats.rejected) + " input lines rejected (--strict)");
  return t.failing_replies() > 0 ? kExitFindings : kExitClean;
}

// ---- sample --------------------------------------------------------------

struct SampleArgs {
  Common common;
  std::vector<std::string> inputs;
  SampleOptions options;
  std::string format = "jsonl";
  std::string out;
  bool strict = false;
};

// Rejected lines of a sample run go to standard error, as in an audit.
class RejectedToStderr : public ResultSink {
 public:
  void OnConversation(const Conversation&, const ConversationResult&) override {}
  void OnRejected(const std::string&, size_t, const std::string& error) override {
    std::cerr << "replylint: rejected: " << EscapeForTerminal(error) << '\n';
  }
  void OnWarning(const std::string& warning) override {
    std::cerr << "replylint: warning: " << EscapeForTerminal(warning) << '\n';
  }
  void OnFileError(const std::string& error) override { std::cerr << "replylint: " << EscapeForTerminal(error) << '\n'; }
};

int RunSample(const SampleArgs& a) {
  auto engine = MakeEngine(a.common);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseFormat(a.format, {Format::kJsonl, Format::kCsv});
  if (!format.ok()) return Fail(format.status().message());
  if ((a.options.per_agent > 0) == (a.options.share > 0)) return Fail("sample: give --per-agent N or --share F");
  for (const std::string& rule : a.options.focus) {
    if (!(*engine)->rules().Find(rule)) return Fail("--focus: unknown rule \"" + rule + "\" (see `replylint rules`)");
  }
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  RejectedToStderr rejected;
  SampleOptions options = a.options;
  options.ingest = &a.common.ingest;
  auto sample = DrawSample(**engine, *files, a.common.jobs, options, FailLevel(a.common, **engine), &rejected);
  if (!sample.ok()) return Fail(sample.status().message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  WriteSample(*format, *sample, out.stream());
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  WriteSampleSummary(*sample, a.options, std::cerr);
  if (!sample->error.ok()) return Fail(sample->error.message());
  if (a.strict && sample->stats.rejected > 0)
    return Fail(std::to_string(sample->stats.rejected) + " input lines rejected (--strict)");
  return sample->failing_replies > 0 ? kExitFindings : kExitClean;
}

// ---- eval ----------------------------------------------------------------

struct EvalArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string format = "text";
  bool verbose = false;
  bool strict = false;
  double min_precision = 0;
  double min_recall = 0;
};

int RunEval(const EvalArgs& a) {
  auto engine = MakeEngine(a.common);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseFormat(a.format, {Format::kText, Format::kJson});
  if (!format.ok()) return Fail(format.status().message());
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  std::map<std::string, bool> rules;
  for (const RuleSpec& r : (*engine)->rules().rules) rules[r.id] = r.enabled;
  Evaluation eval(rules);
  PipelineStats stats;
  StopOnSignal signals;
  const Status run = RunPipeline(**engine, *files, PipelineOptionsOf(a.common), &eval, &stats);
  if (stats.interrupted) return Fail(InterruptedLine(stats) + "; no evaluation written");
  if (*format == Format::kJson) {
    eval.WriteJson(std::cout);
  } else {
    eval.WriteText(std::cout, a.verbose);
  }
  if (!run.ok()) return Fail(run.message());
  if (eval.rejected() > 0) {
    std::cerr << "replylint: " << eval.rejected() << " lines rejected (run audit to see why)\n";
    if (a.strict) return kExitFailed;
  }
  const auto below = eval.Below(a.min_precision, a.min_recall);
  for (const auto& rule : below) std::cerr << "replylint: " << rule << " is below the required precision or recall\n";
  return below.empty() ? kExitClean : kExitFindings;
}

// ---- vocab ---------------------------------------------------------------

struct VocabArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string out;
  size_t min_agents = 3;
  size_t min_replies = 10;
};

int RunVocab(const VocabArgs& a) {
  auto engine = MakeEngine(a.common);
  if (!engine.ok()) return Fail(engine.status().message());
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  VocabMiner miner;
  PipelineStats stats;
  StopOnSignal signals;
  const Status run = RunPipeline(**engine, *files, PipelineOptionsOf(a.common), &miner, &stats);
  if (stats.interrupted) return Fail(InterruptedLine(stats) + "; no word list written");
  if (!run.ok()) return Fail(run.message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  miner.Write(out.stream(), a.min_agents, a.min_replies);
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  if (miner.rejected() > 0)
    std::cerr << "replylint: " << miner.rejected() << " lines rejected (run audit to see why)\n";
  return kExitClean;
}

// ---- convert ---------------------------------------------------------------

struct ConvertArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string out;
};

// Logic in ingest/source.cc; here only the flags and the summary.
int RunConvert(const ConvertArgs& a) {
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  ConvertCounts n;
  const Status st = ConvertToJsonl(*files, a.common.ingest, out.stream(), std::cerr, &n);
  if (Status c = out.Commit(); !c.ok()) return Fail(c.message());
  std::cerr << "replylint: conservation: records read " << n.records << " = conversations " << n.conversations
            << " + rejected " << n.rejected << '\n';
  if (!st.ok()) return kExitFailed;
  return n.rejected > 0 ? kExitFindings : kExitClean;
}

// ---- lint-templates ------------------------------------------------------

struct LintArgs {
  Common common;
  std::vector<std::string> paths;
  std::string format = "text";
  std::string out;
};

int RunLintTemplates(const LintArgs& a) {
  auto engine = MakeEngine(a.common);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseLintFormat(a.format);
  if (!format.ok()) return Fail(format.status().message());
  // A subdirectory that cannot be listed is one more file with errors: the
  // rest of the library is still checked.
  std::vector<std::string> unlisted;
  auto files = FindTemplateFiles(a.paths, &unlisted);
  if (!files.ok()) return Fail(files.status().message());
  LintResult result = LintTemplates(**engine, *files);
  result.errors.insert(result.errors.begin(), unlisted.begin(), unlisted.end());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  WriteLintReport(*format, result, (*engine)->rules(), out.stream());
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  // A template file that cannot be read is a broken input: the run failed.
  if (!result.errors.empty()) {
    if (*format != LintFormat::kText) {
      for (const auto& e : result.errors) std::cerr << "replylint: " << e << '\n';
    }
    return kExitFailed;
  }
  const Severity fail = FailLevel(a.common, **engine);
  const bool failing = std::any_of(result.findings.begin(), result.findings.end(),
                                   [&](const TemplateFinding& f) { return f.finding.severity >= fail; });
  return failing ? kExitFindings : kExitClean;
}

// ---- rules ---------------------------------------------------------------

int RunRules(const Common& common, const std::string& id, const std::string& lang_name) {
  auto engine = MakeEngine(common);
  if (!engine.ok()) return Fail(engine.status().message());
  const Lang lang = lang_name == "ru" ? Lang::kRu : Lang::kEn;
  const RuleSet& set = (*engine)->rules();
  if (id.empty()) {
    for (const RuleSpec& r : set.rules) {
      std::cout << std::left << std::setw(20) << r.id << std::setw(11) << SeverityName(r.severity) << std::setw(19)
                << r.category << (r.enabled ? "" : "(off) ") << r.summary.For(lang) << '\n';
    }
    return kExitClean;
  }
  const RuleSpec* r = set.Find(id);
  if (!r) return Fail("unknown rule \"" + id + "\" (see `replylint rules`)");
  std::cout << r->id << " [" << SeverityName(r->severity) << (r->enabled ? "" : ", off") << "] — "
            << r->summary.For(lang) << "\n\ncategory: " << r->category << "\nchannels: ";
  if (r->channels.empty()) std::cout << "all";
  for (size_t i = 0; i < r->channels.size(); ++i) std::cout << (i ? ", " : "") << ChannelName(r->channels[i]);
  std::cout << '\n';
  const bool critical = std::find((*engine)->scorecard().critical.begin(), (*engine)->scorecard().critical.end(),
                                  r->id) != (*engine)->scorecard().critical.end();
  if (critical) std::cout << "critical: a finding fails the reply (score 0)\n";
  auto indent = [](const std::string& s) {
    std::string out = "  ";
    for (char ch : s) {
      out += ch;
      if (ch == '\n') out += "  ";
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    return out;
  };
  if (!r->example_bad.empty()) std::cout << "\nbad:\n" << indent(r->example_bad) << '\n';
  if (!r->example_good.empty()) std::cout << "\ngood:\n" << indent(r->example_good) << '\n';
  if (!r->params.empty()) {
    std::cout << "\nparameters (set under rules." << r->id << ".params in replylint.yaml):\n";
    for (const auto& [key, value] : r->params) {
      std::cout << "  " << key;
      if (value.node.IsScalar())
        std::cout << ": " << value.node.Scalar();
      else if (value.node.IsSequence())
        std::cout << ": list of " << value.node.size();
      else
        std::cout << ": lists by language";
      std::cout << '\n';
    }
  }
  return kExitClean;
}

}  // namespace

int Run(int argc, char** argv) {
  CLI::App app{
      "replylint — reviews customer-support replies (Russian and English) against the house rules.\n"
      "Exit codes: 0 clean, 1 findings at or above the fail level, 2 the run failed."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("replylint 0.1.0"));

  CheckArgs ca;
  CLI::App* check =
      app.add_subcommand("check", "Check one draft reply before sending it (file or - for standard input)");
  check->add_option("file", ca.file, "The draft reply, plain text (default: standard input)");
  check->add_option("--channel", ca.channel, "email, chat, social or phone (default: email)")
      ->check(CLI::IsMember({"email", "chat", "social", "phone"}));
  check->add_option("--customer-name", ca.customer_name, "The name exactly as the customer gave it");
  check->add_option("--customer-text", ca.customer_text, "File with the customer's message the draft answers");
  check->add_option("--from", ca.from, "Sender address of the email");
  check->add_option("--reply-to", ca.reply_to, "Reply-To address of the email");
  check->add_option("--author", ca.author, "Your name as the helpdesk shows it");
  check->add_option("--lang", ca.lang, "ru or en (default: told from the text)")->check(CLI::IsMember({"ru", "en"}));
  check->add_option("--format", ca.format, "text or json");
  AddCommon(check, &ca.common, false);
  AddTemplates(check, &ca.common);

  AuditArgs aa;
  CLI::App* audit =
      app.add_subcommand("audit", "Review every agent reply in JSONL conversation files and print the QA report");
  audit->add_option("inputs", aa.inputs, "JSONL files or directories of them (- for standard input)")->required();
  audit->add_option("--format", aa.format,
                    "text (report), csv (one row per reply), json (one document), jsonl (one record per reply) "
                    "or html (one self-contained page)");
  audit->add_option("-o,--out", aa.out, "Write the report to this file (atomically) instead of standard output");
  audit
      ->add_option("--by", aa.by,
                   "Groups: conversation, agent, team, channel (text, json, html: the tables shown; "
                   "csv, jsonl: one row per group instead of per reply)")
      ->delimiter(',')
      ->check(CLI::IsMember({"conversation", "agent", "team", "channel"}));
  audit->add_option("--min-replies", aa.min_replies, "Replies an agent or team needs to be ranked (default 20)")
      ->check(CLI::Range(size_t{1}, size_t{1000000000}));
  audit->add_option("--goal", aa.goal,
                    "A target: stars=MEAN or score=MEAN, optionally ,replies=N (e.g. stars=4.96,replies=100)");
  audit->add_option("--worst", aa.worst, "html: how many of the worst replies to show with their text (default 10)");
  audit->add_flag("--redact", aa.redact, "Mask personal data in the output (docs/redaction.md)");
  audit->add_option("--redact-key", aa.redact_key,
                    "Key of the hash that masks ids and team names (default: random per run)");
  audit->add_flag("--strict", aa.strict, "Exit 2 when any input line is rejected");
  AddCommon(audit, &aa.common, true);
  AddTemplates(audit, &aa.common);

  SampleArgs sa;
  CLI::App* sample = app.add_subcommand(
      "sample", "Draw a reproducible review sample, stratified by agent, and print the margin of error it gives");
  sample->add_option("inputs", sa.inputs, "JSONL files or directories of them (- for standard input)")->required();
  sample->add_option("--per-agent", sa.options.per_agent, "Replies per agent (all of an agent with fewer)")
      ->check(CLI::Range(size_t{1}, size_t{1000000000}));
  sample->add_option("--share", sa.options.share, "This share of each agent's replies, rounded up (0-1)")
      ->check(CLI::Range(0.000001, 1.0));
  sample->add_option("--seed", sa.options.seed,
                     "Random seed: the same seed and input give the same sample (default 1)");
  sample->add_flag("--low-scores", sa.options.low_scores,
                   "Weight toward low scores: a reply scored 0 is 1+boost times as likely as one scored 100");
  sample->add_option("--focus", sa.options.focus, "Weight toward replies with findings of this rule (repeatable)")
      ->delimiter(',');
  sample->add_option("--boost", sa.options.boost, "The weighting factor of --low-scores and --focus (default 4)")
      ->check(CLI::Range(0.0, 1000.0));
  sample->add_option("--format", sa.format, "jsonl (default) or csv");
  sample->add_option("-o,--out", sa.out, "Write the sample to this file (atomically) instead of standard output");
  sample->add_flag("--redact", sa.options.redact, "Mask personal data (docs/redaction.md)");
  sample->add_option("--redact-key", sa.options.redact_key, "Key of the hash that masks ids and team names");
  sample->add_flag("--strict", sa.strict, "Exit 2 when any input line is rejected");
  AddCommon(sample, &sa.common, true);

  EvalArgs ea;
  CLI::App* eval =
      app.add_subcommand("eval", "Measure precision and recall per rule on labelled conversations (expect)");
  eval->add_option("inputs", ea.inputs, "Labelled JSONL files or directories of them")->required();
  eval->add_option("--format", ea.format, "text or json");
  eval->add_flag("-v,--verbose", ea.verbose, "List every mismatch: missed and unexpected findings");
  eval->add_flag("--strict", ea.strict, "Exit 2 when any input line is rejected");
  eval->add_option("--min-precision", ea.min_precision, "Exit 1 when a rule's precision is below this")
      ->check(CLI::Range(0.0, 1.0));
  eval->add_option("--min-recall", ea.min_recall, "Exit 1 when a rule's recall is below this")
      ->check(CLI::Range(0.0, 1.0));
  AddCommon(eval, &ea.common, true);
  AddTemplates(eval, &ea.common);

  VocabArgs va;
  CLI::App* vocab = app.add_subcommand(
      "vocab", "List the words spelling flags that several agents use in many replies, as a vocab file to review");
  vocab->add_option("inputs", va.inputs, "JSONL files or directories of them (- for standard input)")->required();
  vocab->add_option("--min-agents", va.min_agents, "Agents who must use a word (default 3)")
      ->check(CLI::Range(size_t{1}, size_t{1000000}));
  vocab->add_option("--min-replies", va.min_replies, "Replies a word must be in (default 10)")
      ->check(CLI::Range(size_t{1}, size_t{1000000000}));
  vocab->add_option("-o,--out", va.out, "Write the word list to this file (atomically) instead of standard output");
  AddCommon(vocab, &va.common, true);

  ConvertArgs cva;
  CLI::App* convert = app.add_subcommand(
      "convert", "Convert CSV, mail or helpdesk exports to the JSONL conversations audit reads (docs/sources.md)");
  convert->add_option("inputs", cva.inputs, "Input files, Maildirs or directories of them")->required();
  convert->add_option("-o,--out", cva.out, "Write the JSONL to this file (atomically) instead of standard output");
  AddCommon(convert, &cva.common, true);

  LintArgs la;
  CLI::App* lint = app.add_subcommand(
      "lint-templates",
      "Check a reply-template library (YAML, Markdown with front matter) for CI; placeholders count as filled");
  lint->add_option("paths", la.paths, "Template files or directories of them")->required();
  lint->add_option("--format", la.format, "text, json, sarif, junit, github or checkstyle");
  lint->add_option("-o,--out", la.out, "Write the report to this file (atomically) instead of standard output");
  AddCommon(lint, &la.common, false);

  Common rc;
  std::string rule_id;
  std::string rule_lang = "en";
  CLI::App* rules = app.add_subcommand("rules", "List the rules, or explain one with a bad and a good example");
  rules->add_option("id", rule_id, "A rule id, e.g. no-reply-sender");
  rules->add_option("--lang", rule_lang, "Language of the descriptions: en or ru")->check(CLI::IsMember({"ru", "en"}));
  AddCommon(rules, &rc, false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitClean : kExitFailed;
  }
  int code = kExitFailed;
  if (check->parsed()) code = RunCheck(ca);
  if (audit->parsed()) code = RunAudit(aa);
  if (sample->parsed()) code = RunSample(sa);
  if (eval->parsed()) code = RunEval(ea);
  if (rules->parsed()) code = RunRules(rc, rule_id, rule_lang);
  if (lint->parsed()) code = RunLintTemplates(la);
  if (vocab->parsed()) code = RunVocab(va);
  if (convert->parsed()) code = RunConvert(cva);
  // A report that could not be written (a full disk, >/dev/full) is a
  // failed run, whatever the command found.
  if (Status st = FlushStdout(); !st.ok()) return Fail(st.message());
  return code;
}

}  // namespace replylint::cli
