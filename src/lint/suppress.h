// Accepting a finding without switching its rule off, for template
// libraries: inline directives in the template files and a baseline of
// known findings, as ESLint, Vale and textlint users expect.
//
// Directives sit in a comment of the file (`# ...` in YAML,
// `<!-- ... -->` in Markdown) and name rules, comma- or space-separated;
// none named means every rule:
//   replylint-disable-next-line RULE   the findings on the next line
//   replylint-disable-line RULE        the findings on this line
//   replylint-disable RULE             from here to `replylint-enable` (or the end)
//   replylint-enable [RULE]            ends a disable
// A baseline holds one fingerprint per accepted finding: the rule, the
// template id and the finding's text with case and spacing normalised, not
// line numbers, so moving or re-indenting text keeps it accepted and any
// new finding is reported. Suppressed findings are counted, never dropped
// silently.
// Thread-safety: plain functions over values.
#ifndef REPLYLINT_LINT_SUPPRESS_H_
#define REPLYLINT_LINT_SUPPRESS_H_

#include <ostream>
#include <set>
#include <string>

#include "base/fingerprint.h"
#include "lint/lint.h"
#include "replylint/status.h"

namespace replylint {

// The stable key of a finding in a template (16 hex digits).
std::string Fingerprint(const ReplyTemplate& t, const Finding& f);

// One line per finding: fingerprint, rule, template, text (for a reader).
void WriteBaseline(const LintResult& result, std::ostream& out);

// Moves the findings that a directive in their file or `baseline` accepts
// out of result->findings, counting them in result->suppressed_inline and
// result->suppressed_baseline. Files that cannot be read keep their findings.
void ApplySuppressions(const std::set<std::string>* baseline, LintResult* result);

// For a plain-text draft (`check`): drops the findings that a directive in
// `text` accepts (by the line they start on), returning how many. The
// directives are those of templates, in `<!-- ... -->` or on a `#` line.
size_t SuppressInText(const std::string& text, std::vector<Finding>* findings);

// Replaces `<!-- replylint-... -->` comments in a body with spaces of the
// same length, so the checks do not read them and offsets stay put.
void BlankDirectives(std::string* body);

}  // namespace replylint

#endif  // REPLYLINT_LINT_SUPPRESS_H_
