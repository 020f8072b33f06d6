// replylint config: the effective configuration for some inputs, and where
// each value came from (the configuration file, or built in).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/common.h"
#include "report/config_report.h"

namespace replylint::cli {
namespace {

struct ConfigArgs {
  Common common;
  std::vector<std::string> inputs;
};

int RunConfig(const ConfigArgs& a) {
  auto engine = MakeEngine(a.common, a.inputs);
  if (!engine.ok()) return Fail(engine.status().message());
  const std::string how = !a.common.config.empty() ? "given with --config"
                          : a.inputs.empty()       ? "found from the current folder up"
                                                   : "found from the inputs' folders up";
  WriteEffectiveConfig((*engine)->rules(), how, std::cout);
  return kExitClean;
}

std::function<int()> Setup(CLI::App* cmd) {
  auto ca = std::make_shared<ConfigArgs>();
  cmd->add_option("inputs", ca->inputs, "Files or folders the configuration is for (default: the current folder)");
  AddCommon(cmd, &ca->common, false);
  return [ca] { return RunConfig(*ca); };
}

}  // namespace

const Command kConfigCommand = {
    "config", "Print the effective configuration for the inputs and where each value comes from", Setup};

}  // namespace replylint::cli
