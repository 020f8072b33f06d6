// replylint: a rule-based reviewer of customer-support replies.
// The binary is a thin layer over the core library: commands.cc lists the
// commands (one file each); this file only runs them.
#include "checks/check.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  // The process ends right after the command: freeing Hunspell's
  // dictionaries would take longer than a check itself.
  replylint::KeepSpellingDictionariesUntilExit();
  return replylint::cli::Run(argc, argv);
}
