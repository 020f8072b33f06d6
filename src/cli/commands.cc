// The dispatcher: the table of subcommands, parsing, and the work every
// command shares after it runs (a failed flush of the report is a failed
// run). Each subcommand lives in its own file (check.cc, audit.cc, ...).
#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "base/suggest.h"
#include "cli/common.h"
#include "cli/output.h"

namespace replylint::cli {

// In the order `replylint --help` lists them.
const Command* const kCommands[] = {
    &kCheckCommand, &kAuditCommand,   &kReportCommand,        &kSampleCommand, &kCalibrateCommand, &kEvalCommand,
    &kVocabCommand, &kConvertCommand, &kLintTemplatesCommand, &kRulesCommand,  &kConfigCommand,    &kServeCommand,
};

namespace {

// After a parse error: "did you mean" for each unknown long flag.
void SuggestFlags(const CLI::App* sub, int argc, char** argv) {
  if (sub == nullptr) return;
  std::vector<std::string> flags;
  for (const CLI::Option* o : sub->get_options()) {
    for (const std::string& n : o->get_lnames()) flags.push_back("--" + n);
  }
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") continue;
    const std::string flag = arg.substr(0, arg.find('='));
    if (std::find(flags.begin(), flags.end(), flag) != flags.end()) continue;
    const std::string hint = DidYouMean(flag, flags);
    if (!hint.empty()) Fail("unknown option \"" + flag + "\" for " + sub->get_name() + hint);
  }
}

std::vector<std::string>& Arguments() {
  static std::vector<std::string> args;
  return args;
}

}  // namespace

const std::vector<std::string>& CommandLine() { return Arguments(); }

int Run(int argc, char** argv) {
  Arguments().assign(argv, argv + argc);
  CLI::App app{
      "replylint — reviews customer-support replies (Russian and English) against the house rules.\n"
      "Exit codes: 0 clean, 1 findings at or above the fail level, 2 the run failed."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("replylint 0.1.0"));

  std::vector<std::pair<CLI::App*, std::function<int()>>> subcommands;
  for (const Command* c : kCommands) {
    CLI::App* sub = app.add_subcommand(c->name, c->description);
    subcommands.emplace_back(sub, c->setup(sub));
  }

  // A mistyped command would otherwise read "A subcommand is required".
  std::vector<std::string> names;
  for (const Command* c : kCommands) names.push_back(c->name);
  if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
    return Fail("unknown command \"" + std::string(argv[1]) + "\"" + DidYouMean(argv[1], names) +
                "; see replylint --help");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    for (const auto& sub : subcommands) {
      if (code != 0 && sub.first->get_name() == argv[1]) SuggestFlags(sub.first, argc, argv);
    }
    return code == 0 ? kExitClean : kExitFailed;
  }
  int code = kExitFailed;
  for (const auto& [sub, run] : subcommands) {
    if (sub->parsed()) code = run();
  }
  // A report that could not be written (a full disk, >/dev/full) is a
  // failed run, whatever the command found.
  if (Status st = FlushStdout(); !st.ok()) return Fail(st.message());
  return code;
}

}  // namespace replylint::cli
