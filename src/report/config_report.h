// `replylint config`: the effective configuration (the built-in rules with
// the user's file applied) and where each value came from: the built-in rule
// file, or file:line:col in the configuration. Plain text, one value a line.
// Thread-safety: a pure function.
#ifndef REPLYLINT_REPORT_CONFIG_REPORT_H_
#define REPLYLINT_REPORT_CONFIG_REPORT_H_

#include <ostream>
#include <string>

#include "rules/rule_spec.h"

namespace replylint {

// `how`: how the configuration file was chosen ("--config", "found from ...").
void WriteEffectiveConfig(const RuleSet& set, const std::string& how, std::ostream& out);

}  // namespace replylint

#endif  // REPLYLINT_REPORT_CONFIG_REPORT_H_
