// The effective configuration as text (see config_report.h).
#include "report/config_report.h"

#include <iomanip>

namespace replylint {
namespace {

std::string ValueOf(const YAML::Node& n) {
  if (n.IsScalar()) {
    std::string v = n.Scalar();
    if (v.size() > 40) v = v.substr(0, 37) + "...";
    return v;
  }
  if (n.IsSequence()) return "list of " + std::to_string(n.size());
  if (n.IsMap()) return "mapping of " + std::to_string(n.size());
  return "(none)";
}

void Row(std::ostream& out, const std::string& indent, const std::string& key, const std::string& value,
         const std::string& from) {
  out << indent << std::left << std::setw(static_cast<int>(30 - indent.size())) << key << ' ' << std::setw(24) << value
      << ' ' << from << '\n';
}

}  // namespace

void WriteEffectiveConfig(const RuleSet& set, const std::string& how, std::ostream& out) {
  if (set.config_file.empty()) {
    out << "configuration: none (no replylint.yaml or .replylint.yaml from the inputs or the current folder up)\n";
  } else {
    out << "configuration: " << set.config_file << " (" << how << ")\n";
  }
  auto from = [&](const std::string& key, const std::string& builtin) {
    auto it = set.configured_at.find(key);
    return it == set.configured_at.end() ? builtin : it->second;
  };
  out << '\n';
  Row(out, "", "fail_level", std::string(SeverityName(set.fail_level)), from("fail_level", "built-in"));
  std::string templates = std::to_string(set.template_paths.size()) + " paths";
  if (set.template_paths.size() == 1) templates = set.template_paths.front();
  Row(out, "", "templates", set.template_paths.empty() ? "(none)" : templates, from("templates", "built-in"));
  const size_t vocab = set.rules.empty() ? 0 : set.rules.front().vocab.size();
  Row(out, "", "vocab", vocab == 0 ? "(none)" : std::to_string(vocab) + " words", from("vocab", "built-in"));
  Row(out, "", "scorecard", set.scorecard ? "from the configuration" : "built-in",
      from("scorecard", "rules/scorecard.yaml"));
  Row(out, "", "address", "", from("address", "rules/address.yaml"));
  Row(out, "", "stock_phrases", "", from("stock_phrases", "rules/stock-phrases.yaml"));
  out << "\nrules:\n";
  for (const RuleSpec& r : set.rules) {
    std::string state = r.enabled ? std::string(SeverityName(r.severity)) : "off";
    if (!r.channels.empty()) {
      state += " (";
      for (size_t i = 0; i < r.channels.size(); ++i) {
        if (i) state += ',';
        state += ChannelName(r.channels[i]);
      }
      state += ")";
    }
    Row(out, "  ", r.id, state, r.configured_at.empty() ? r.file : r.configured_at);
    for (const auto& [key, value] : r.params) Row(out, "    ", key, ValueOf(value.node), Where(value));
  }
}

}  // namespace replylint
