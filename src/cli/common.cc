// The options and helpers every subcommand shares (see common.h).
#include "cli/common.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/files.h"
#include "base/utf8.h"
#include "cli/output.h"

namespace replylint::cli {

namespace fs = std::filesystem;

int Fail(const std::string& what) {
  std::cerr << "replylint: " << EscapeForTerminal(what, true) << '\n';
  return kExitFailed;
}

void AddCommon(CLI::App* cmd, Common* c, bool with_jobs) {
  cmd->add_option("--config", c->config,
                  "Configuration file (default: replylint.yaml or .replylint.yaml from the inputs' folders up)");
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
  }
}

PipelineOptions PipelineOptionsOf(const Common& c) {
  PipelineOptions o;
  o.jobs = c.jobs;
  o.max_line_bytes = c.max_line_bytes;
  o.stop = &g_stop;
  return o;
}

void AddTemplates(CLI::App* cmd, Common* c) {
  cmd->add_option("--templates", c->templates,
                  "Template files or folders of the team's library (added to `templates:` of the configuration)");
}

StatusOr<std::unique_ptr<Engine>> MakeEngine(const Common& c, const std::vector<std::string>& inputs,
                                             std::string_view sample_text) {
  EngineOptions o;
  o.sample_text = sample_text;
  o.config_path = c.config;
  o.config_explicit = !c.config.empty();
  o.inputs = inputs;
  o.rules_dir = c.rules_dir;
  o.template_paths = c.templates;
  return Engine::Create(o);
}

Severity FailLevel(const Common& c, const Engine& e) {
  return c.fail_level.empty() ? e.fail_level() : *ParseSeverity(c.fail_level);
}

StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      // An entry that cannot be read is listed and reported by the reader;
      // a subdirectory that cannot be listed is named here, and the rest of
      // the tree is read.
      FileListing found = ListFiles(in, [](const fs::path& p) { return p.extension() == ".jsonl"; });
      for (const std::string& p : found.problems) std::cerr << "replylint: " << EscapeForTerminal(p) << '\n';
      if (found.files.empty()) return Status::NotFound(in + ": directory holds no .jsonl files");
      out.insert(out.end(), found.files.begin(), found.files.end());
    } else {
      out.push_back(in);
    }
  }
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

}  // namespace replylint::cli
