// lint-templates: checks a reply-template library as agent replies, with
// placeholders treated as filled (contract §2), and reports findings at
// file:line:col inside the template files.
//
// A placeholder counts as filled with a name (the customer's name where a
// name goes, a plausible value elsewhere), so a template is never flagged
// merely for containing placeholders.
// Thread-safety: LintTemplates() is reentrant; it uses one Worker.
#ifndef REPLYLINT_LINT_LINT_H_
#define REPLYLINT_LINT_LINT_H_

#include <string>
#include <vector>

#include "replylint/engine.h"
#include "rules/template_library.h"

namespace replylint {

struct TemplateFinding {
  size_t template_index = 0;  // into LintResult::templates
  Finding finding;            // span in the template body
  size_t line = 1, column = 1;          // in the file, 1-based (column in code points)
  size_t end_line = 1, end_column = 1;  // exclusive end
};

struct LintResult {
  std::vector<ReplyTemplate> templates;
  std::vector<TemplateFinding> findings;  // by file, line, column
  std::vector<std::string> errors;        // files that could not be read (file:line:col: what)
  size_t suppressed_inline = 0;           // findings accepted by a directive (lint/suppress.h)
  size_t suppressed_baseline = 0;         // findings accepted by the baseline
};

LintResult LintTemplates(const Engine& engine, const std::vector<std::string>& files);
// Lints the templates already in result->templates (read from memory, say)
// and fills result->findings.
void LintTemplates(const Engine& engine, LintResult* result);

}  // namespace replylint

#endif  // REPLYLINT_LINT_LINT_H_
