// Output formats of `lint-templates` for CI systems: text, json, SARIF 2.1.0,
// JUnit XML, GitHub workflow commands and Checkstyle XML. Paths are written
// relative to the current directory (the repository root in CI).
// Thread-safety: pure functions.
#ifndef REPLYLINT_REPORT_LINT_REPORT_H_
#define REPLYLINT_REPORT_LINT_REPORT_H_

#include <ostream>
#include <string>

#include "lint/lint.h"
#include "rules/rule_spec.h"

namespace replylint {

enum class LintFormat { kText, kJson, kSarif, kJunit, kGithub, kCheckstyle };
StatusOr<LintFormat> ParseLintFormat(const std::string& name);

void WriteLintReport(LintFormat format, const LintResult& result, const RuleSet& rules, std::ostream& out);

}  // namespace replylint

#endif  // REPLYLINT_REPORT_LINT_REPORT_H_
