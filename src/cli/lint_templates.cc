// replylint lint-templates: a reply-template library checked in CI.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "cli/common.h"
#include "cli/output.h"
#include "lint/lint.h"
#include "report/lint_report.h"

namespace replylint::cli {
namespace {

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

std::function<int()> Setup(CLI::App* lint) {
  auto la = std::make_shared<LintArgs>();
  lint->add_option("paths", la->paths, "Template files or directories of them")->required();
  lint->add_option("--format", la->format, "text, json, sarif, junit, github or checkstyle");
  lint->add_option("-o,--out", la->out, "Write the report to this file (atomically) instead of standard output");
  AddCommon(lint, &la->common, false);
  return [la] { return RunLintTemplates(*la); };
}

}  // namespace

const Command kLintTemplatesCommand = {
    "lint-templates",

    "Check a reply-template library (YAML, Markdown with front matter) for CI; placeholders count as filled", Setup};

}  // namespace replylint::cli
