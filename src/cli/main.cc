// replylint: a rule-based reviewer of customer-support replies.
// The binary is a thin layer over the core library: commands.cc defines the
// commands; this file only runs them.
#include "cli/commands.h"

int main(int argc, char** argv) { return replylint::cli::Run(argc, argv); }
