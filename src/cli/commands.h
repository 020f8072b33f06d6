// The command-line interface (the only CLI11 user): check, audit, sample,
// eval, vocab, lint-templates, rules. Exit codes (contract §6): 0 nothing at
// or above the fail level; 1 findings at or above it; 2 the run itself failed.
#ifndef REPLYLINT_CLI_COMMANDS_H_
#define REPLYLINT_CLI_COMMANDS_H_

namespace replylint::cli {

int Run(int argc, char** argv);

}  // namespace replylint::cli

#endif  // REPLYLINT_CLI_COMMANDS_H_
