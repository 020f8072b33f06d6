// replylint lint-templates: a reply-template library checked in CI.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "base/utf8.h"
#include "cli/common.h"
#include "cli/output.h"
#include "lint/lint.h"
#include "lint/suppress.h"
#include "report/lint_report.h"
#include "rules/template_library.h"

namespace replylint::cli {
namespace {

struct LintArgs {
  Common common;
  std::vector<std::string> paths;
  std::string format = "text";
  std::string out;
  TemplateSelection selection;
  std::string baseline;
  std::string write_baseline;
};

// Which YAML and Markdown files were passed over, so that a template the
// default test misses is noticed (pre-commit shows it when the hook fails).
void NoteSkipped(const std::vector<std::string>& skipped) {
  if (skipped.empty()) return;
  std::cerr << "replylint: skipped " << skipped.size() << (skipped.size() == 1 ? " file" : " files")
            << " that are not templates (";
  for (size_t i = 0; i < skipped.size() && i < 3; ++i) std::cerr << (i ? ", " : "") << EscapeForTerminal(skipped[i]);
  if (skipped.size() > 3) std::cerr << ", ...";
  std::cerr << "); --include GLOB selects templates by name\n";
}

int RunLintTemplates(const LintArgs& a) {
  auto engine = MakeEngine(a.common, a.paths);
  if (!engine.ok()) return Fail(engine.status().message());
  auto format = ParseLintFormat(a.format);
  if (!format.ok()) return Fail(format.status().message());
  // A subdirectory that cannot be listed is one more file with errors: the
  // rest of the library is still checked.
  TemplateSelection selection = a.selection;
  auto ignore = IgnoreGlobs();
  if (!ignore.ok()) return Fail(ignore.status().message());
  selection.exclude.insert(selection.exclude.end(), ignore->begin(), ignore->end());
  auto set = SelectTemplateFiles(a.paths, selection);
  if (!set.ok()) return Fail(set.status().message());
  NoteSkipped(set->skipped);
  LintResult result = LintTemplates(**engine, set->files);
  result.errors.insert(result.errors.begin(), set->problems.begin(), set->problems.end());
  std::set<std::string> baseline;
  if (!a.baseline.empty()) {
    auto read = ReadBaseline(a.baseline);
    if (!read.ok()) return Fail(read.status().message());
    baseline = std::move(*read);
  }
  if (!a.write_baseline.empty()) {
    // The next baseline holds every finding not accepted inline, the ones
    // the old baseline accepts included: it replaces that one.
    ApplySuppressions(nullptr, &result);
    // Today's findings become accepted: the run succeeds unless a file is broken.
    Output base(a.write_baseline, set->files);
    if (!base.status().ok()) return Fail(base.status().message());
    WriteBaseline(result, base.stream());
    if (Status st = base.Commit(); !st.ok()) return Fail(st.message());
    std::cerr << "replylint: " << result.findings.size() << " findings written to "
              << EscapeForTerminal(a.write_baseline) << '\n';
  }
  ApplySuppressions(a.baseline.empty() ? nullptr : &baseline, &result);
  Output out(a.out, set->files);
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
  if (!a.write_baseline.empty()) return kExitClean;
  const Severity fail = FailLevel(a.common, **engine);
  const bool failing = std::any_of(result.findings.begin(), result.findings.end(),
                                   [&](const TemplateFinding& f) { return f.finding.severity >= fail; });
  return failing ? kExitFindings : kExitClean;
}

std::function<int()> Setup(CLI::App* lint) {
  auto la = std::make_shared<LintArgs>();
  lint->add_option("paths", la->paths, "Template files or directories of them")->required();
  lint->add_option("--include", la->selection.include,
                   "Glob of the template files, repeatable (default: YAML and Markdown under a templates/ folder, "
                   "or whose content is a template)");
  lint->add_option("--exclude", la->selection.exclude, "Glob of files or folders never read, repeatable");
  lint->add_option("--baseline", la->baseline,
                   "Report only findings not in this baseline file (written by --write-baseline)");
  lint->add_option("--write-baseline", la->write_baseline,
                   "Write today's findings to this file as accepted, and exit 0 unless a file is broken");
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
