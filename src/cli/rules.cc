// replylint rules: the rules listed, or one explained with examples.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "base/suggest.h"
#include "cli/common.h"
#include "rules/rule_spec.h"
#include "score/score.h"

namespace replylint::cli {
namespace {

struct RulesArgs {
  Common common;
  std::string id;
  std::string lang = "en";
};

int RunRules(const Common& common, const std::string& id, const std::string& lang_name) {
  auto engine = MakeEngine(common, {});
  if (!engine.ok()) return Fail(engine.status().message());
  const Lang lang = lang_name == "ru" ? Lang::kRu : Lang::kEn;
  const RuleSet& set = (*engine)->rules();
  if (id.empty()) {
    for (const RuleSpec& r : set.rules) {
      std::cout << std::left << std::setw(20) << r.id << std::setw(11) << SeverityName(r.severity) << std::setw(19)
                << r.category << (r.enabled ? "" : "(off) ") << r.summary.For(lang) << '\n';
    }
    return kExitClean;
  }
  const RuleSpec* r = set.Find(id);
  if (!r) {
    std::vector<std::string> ids;
    for (const RuleSpec& spec : set.rules) ids.push_back(spec.id);
    return Fail("unknown rule \"" + id + "\"" + DidYouMean(id, ids) + " (see `replylint rules`)");
  }
  std::cout << r->id << " [" << SeverityName(r->severity) << (r->enabled ? "" : ", off") << "] — "
            << r->summary.For(lang) << "\n\ncategory: " << r->category << "\nchannels: ";
  if (r->channels.empty()) std::cout << "all";
  for (size_t i = 0; i < r->channels.size(); ++i) std::cout << (i ? ", " : "") << ChannelName(r->channels[i]);
  std::cout << '\n';
  const bool critical = std::find((*engine)->scorecard().critical.begin(), (*engine)->scorecard().critical.end(),
                                  r->id) != (*engine)->scorecard().critical.end();
  if (critical) std::cout << "critical: a finding fails the reply (score 0)\n";
  auto indent = [](const std::string& s) {
    std::string out = "  ";
    for (char ch : s) {
      out += ch;
      if (ch == '\n') out += "  ";
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    return out;
  };
  if (!r->example_bad.empty()) std::cout << "\nbad:\n" << indent(r->example_bad) << '\n';
  if (!r->example_good.empty()) std::cout << "\ngood:\n" << indent(r->example_good) << '\n';
  if (!r->params.empty()) {
    std::cout << "\nparameters (set under rules." << r->id << ".params in replylint.yaml):\n";
    for (const auto& [key, value] : r->params) {
      std::cout << "  " << key;
      if (value.node.IsScalar())
        std::cout << ": " << value.node.Scalar();
      else if (value.node.IsSequence())
        std::cout << ": list of " << value.node.size();
      else
        std::cout << ": lists by language";
      std::cout << '\n';
    }
  }
  return kExitClean;
}

std::function<int()> Setup(CLI::App* rules) {
  auto ra = std::make_shared<RulesArgs>();
  rules->add_option("id", ra->id, "A rule id, e.g. no-reply-sender");
  rules->add_option("--lang", ra->lang, "Language of the descriptions: en or ru")->check(CLI::IsMember({"ru", "en"}));
  AddCommon(rules, &ra->common, false);
  return [ra] { return RunRules(ra->common, ra->id, ra->lang); };
}

}  // namespace

const Command kRulesCommand = {"rules", "List the rules, or explain one with a bad and a good example", Setup};

}  // namespace replylint::cli
