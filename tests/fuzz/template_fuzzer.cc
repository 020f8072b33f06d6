// Fuzzes template files: the YAML (or Markdown front matter) reader, then
// lint-templates on what it read, and every lint report format.
#include <sstream>
#include <string>

#include "fuzz_util.h"
#include "lint/lint.h"
#include "report/lint_report.h"
#include "rules/template_library.h"

using namespace replylint;
using replylint::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const std::string path = text.rfind("---", 0) == 0 ? "fuzz.md" : "fuzz.yaml";
  auto templates = ParseTemplateText(std::move(text), path);
  if (!templates.ok()) {
    Require(templates.status().message().rfind(path + ":", 0) == 0, "an error names the file");
    return 0;
  }
  LintResult result;
  result.templates = std::move(*templates);
  for (const ReplyTemplate& t : result.templates) {
    const size_t lines = static_cast<size_t>(std::count(t.body.begin(), t.body.end(), '\n')) + 1;
    Require(t.body_lines.size() == lines && t.body_columns.size() == lines, "every body line has a place in the file");
  }
  LintTemplates(fuzz::DefaultEngine(), &result);
  for (const TemplateFinding& f : result.findings) {
    Require(f.template_index < result.templates.size(), "a finding belongs to a template");
    Require(f.line >= 1 && f.column >= 1, "a finding has a place");
    const ReplyTemplate& t = result.templates[f.template_index];
    if (f.finding.field.empty()) Require(f.finding.start <= f.finding.end && f.finding.end <= t.body.size(), "span in body");
  }
  for (LintFormat format : {LintFormat::kText, LintFormat::kJson, LintFormat::kSarif, LintFormat::kJunit,
                            LintFormat::kGithub, LintFormat::kCheckstyle}) {
    std::ostringstream out;
    WriteLintReport(format, result, fuzz::DefaultEngine().rules(), out);
  }
  return 0;
}
