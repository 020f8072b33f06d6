// What every subcommand shares: exit codes, the options common to all of
// them (configuration, rules, fail level, threads), building the engine from
// those options, and reading inputs. One file per subcommand (check.cc,
// audit.cc, ...) defines a Command; commands.cc lists them and dispatches.
//
// Exit codes (contract §6): 0 nothing at or above the fail level; 1 findings
// at or above it; 2 the run itself failed.
#ifndef REPLYLINT_CLI_COMMON_H_
#define REPLYLINT_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ingest/source.h"
#include "replylint/engine.h"
#include "replylint/status.h"

namespace replylint::cli {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitFailed = 2;

// One subcommand. `setup` adds the command's options to `cmd` (made by the
// dispatcher with `name` and `description`) and returns what runs it once
// the command line is parsed; it returns a status and never exits.
struct Command {
  const char* name;
  const char* description;
  std::function<int()> (*setup)(CLI::App* cmd);
};

extern const Command kCheckCommand;
extern const Command kAuditCommand;
extern const Command kSampleCommand;
extern const Command kCalibrateCommand;
extern const Command kEvalCommand;
extern const Command kVocabCommand;
extern const Command kLintTemplatesCommand;
extern const Command kRulesCommand;
extern const Command kConfigCommand;
extern const Command kConvertCommand;
extern const Command kServeCommand;
extern const Command kReportCommand;

// The command line Run() was given (`serve` hands it on, see serve.h).
const std::vector<std::string>& CommandLine();

// Prints "replylint: <what>" to standard error, escaped (messages carry paths
// and input text, see EscapeForTerminal); returns kExitFailed.
int Fail(const std::string& what);

struct Common {
  std::string config;
  std::string rules_dir;
  std::string fail_level;
  std::vector<std::string> templates;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  size_t max_line_bytes = kDefaultMaxLineBytes;
  std::string input_format = "auto";
  IngestOptions ingest;  // --input-format and the other formats' options (docs/sources.md)
};

// --config, --rules-dir, --fail-level; with_jobs: also -j, --max-line-bytes
// and the input-format options.
void AddCommon(CLI::App* cmd, Common* c, bool with_jobs);
// The team's template library, for template-overuse.
void AddTemplates(CLI::App* cmd, Common* c);

PipelineOptions PipelineOptionsOf(const Common& c);
// `inputs`: what the command reads; the configuration is found from them up
// the folder tree unless --config names it.
StatusOr<std::unique_ptr<Engine>> MakeEngine(const Common& c, const std::vector<std::string>& inputs,
                                             std::string_view sample_text = {});
// --fail-level when given, else the configuration's.
Severity FailLevel(const Common& c, const Engine& e);

// Expands directories to the input files below them (ingest/source.h),
// sorted; keeps files and "-" as given.
StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs, const Common& c);

// Colours for a report written to file descriptor `fd`: `mode` always or
// never decides; auto colours a terminal unless NO_COLOR is set
// (https://no-color.org) or TERM is dumb.
bool UseColor(const std::string& mode, int fd);

// The globs of `.replylintignore` in the current folder (one per line, as
// --exclude takes them; blank lines and `#` comments skipped): files and
// folders that folder walks never read. Empty when there is no such file.
StatusOr<std::vector<std::string>> IgnoreGlobs();
// A whole file, or standard input for "-".
StatusOr<std::string> ReadText(const std::string& path);

}  // namespace replylint::cli

#endif  // REPLYLINT_CLI_COMMON_H_
