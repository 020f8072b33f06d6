// The options and helpers every subcommand shares (see common.h).
#include "cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/files.h"
#include "base/glob.h"
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
    // Input formats besides JSONL (docs/sources.md).
    cmd->add_option("--input-format", c->input_format,
                    "jsonl, csv, twitter, mail, zendesk, freshdesk or helpscout (default: told from each file's name "
                    "and content)")
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
  o.stop_fd = StopFd();
  o.ingest = &c.ingest;
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

StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs, const Common& c) {
  // A named input that does not exist stops the run before anything is
  // read: no summary of a run that read nothing.
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && !fs::exists(in, ec)) return Status::NotFound(in + ": no such file or directory");
  }
  std::vector<std::string> problems;
  auto out = ExpandInputs(inputs, c.ingest.format, &problems);
  for (const std::string& p : problems) std::cerr << "replylint: " << EscapeForTerminal(p) << '\n';
  auto ignore = IgnoreGlobs();
  if (!ignore.ok()) return ignore.status();
  if (out.ok() && !ignore->empty()) {
    // Files found in a folder walk; a file named on the command line is read.
    const size_t before = out->size();
    out->erase(std::remove_if(out->begin(), out->end(),
                              [&](const std::string& f) {
                                if (std::find(inputs.begin(), inputs.end(), f) != inputs.end()) return false;
                                return std::any_of(ignore->begin(), ignore->end(),
                                                   [&](const std::string& g) { return GlobMatchesPathOrParent(g, f); });
                              }),
               out->end());
    if (out->size() != before) {
      std::cerr << "replylint: " << before - out->size() << " input files left out by .replylintignore\n";
    }
  }
  // Nothing left to read: an error, not the summary of an empty run.
  if (out.ok() && out->empty() && !problems.empty()) return Status::IoError("no input could be read");
  return out;
}

bool UseColor(const std::string& mode, int fd) {
  if (mode != "auto") return mode == "always";
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(fd) && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && std::string_view(term) == "dumb");
}

StatusOr<std::vector<std::string>> IgnoreGlobs() {
  std::vector<std::string> globs;
  std::error_code ec;
  if (!fs::exists(".replylintignore", ec)) return globs;
  std::ifstream in(".replylintignore", std::ios::binary);
  if (!in) return Status::IoError(".replylintignore: cannot read file");
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    globs.push_back(line.substr(start));
  }
  return globs;
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
