// The dispatcher: the table of subcommands, parsing, and the work every
// command shares after it runs (a failed flush of the report is a failed
// run). Each subcommand lives in its own file (check.cc, audit.cc, ...).
#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

#include "cli/common.h"
#include "cli/output.h"

namespace replylint::cli {

// In the order `replylint --help` lists them.
const Command* const kCommands[] = {
    &kCheckCommand, &kAuditCommand,         &kSampleCommand, &kEvalCommand,
    &kVocabCommand, &kLintTemplatesCommand, &kRulesCommand,  &kConfigCommand,
};

int Run(int argc, char** argv) {
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
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
