// Fuzzes configuration and rule YAML: the input is merged as a user
// configuration (replylint.yaml) over the built-in rules, and read as a rule
// definition file. A configuration that loads and changes a parameter or the
// address lexicon builds an engine, which then analyses a few conversations:
// a user's patterns must neither crash nor hang a run. (Building an engine
// costs a fifth of a second, mostly compiling RE2 patterns, so it is done only
// when the checks could differ from the built-in ones.)
#include <string>

#include "checks/check.h"
#include "fuzz_util.h"
#include "rules/rule_spec.h"

using namespace replylint;
using replylint::fuzz::Require;

namespace {

Message Msg(Role role, std::string text, std::string author = "") {
  Message m;
  m.role = role;
  m.text = std::move(text);
  m.author = std::move(author);
  if (role == Role::kAgent) m.from = "noreply@shop.example";
  return m;
}

const std::vector<Conversation>& Samples() {
  static const std::vector<Conversation> samples = [] {
    std::vector<Conversation> out(3);
    out[0].id = "ru";
    out[0].customer.name = "Саша";
    out[0].messages = {Msg(Role::kCustomer, "Здравствуйте! 1. Где заказ? 2. Можно вернуть деньги?\nСаша"),
                       Msg(Role::kAgent, "Уважаемый Александр, {{name}}! Ваше обращение очень важно для нас.\n"
                                         "Не отвечайте на это письмо.\n\nС уважением, Служба поддержки",
                           "Иван Петров")};
    out[1].id = "en";
    out[1].channel = Channel::kChat;
    out[1].customer.name = "Liz";
    out[1].messages = {Msg(Role::kCustomer, "Hi, I'm Liz. Where is my refund? And why was I charged twice?"),
                       Msg(Role::kAgent, "Dear Elizabeth, we apologize for any inconvenience.", "Dana Lee"),
                       Msg(Role::kAgent, std::string(20, 'x') + "\n" + std::string(600, 'y'), "Bob Stone")};
    out[2].id = "empty";
    out[2].messages = {Msg(Role::kAgent, "")};
    return out;
  }();
  return samples;
}

size_t AddressItems(const AddressLexicon& a) {
  size_t n = 0;
  for (const auto* lists : {&a.greetings, &a.closings, &a.address_nouns, &a.descriptors}) {
    for (const auto& [lang, list] : *lists) n += list.size();
  }
  for (const auto& [lang, list] : a.titles) n += list.size();
  return n;
}

// Whether `set` would build other checks than `base`: ApplyConfig replaces
// the node of every parameter it touches.
bool ChecksDiffer(const RuleSet& set, const RuleSet& base) {
  if (AddressItems(set.address) != AddressItems(base.address)) return true;
  for (size_t i = 0; i < set.rules.size(); ++i) {
    for (const auto& [key, value] : set.rules[i].params) {
      if (!value.node.is(base.rules[i].params.at(key).node)) return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const RuleSet base = fuzz::DefaultEngine().rules();
  const std::string text(reinterpret_cast<const char*>(data), size);

  RuleSet set = base;
  if (Status st = ApplyConfig(text, "fuzz.yaml", &set); !st.ok()) {
    Require(st.message().rfind("fuzz.yaml", 0) == 0, "a configuration error names the file");
  } else if (ChecksDiffer(set, base)) {
    set.template_paths.clear();  // `templates: /` would index the whole file system
    auto engine = Engine::Create(std::move(set), "");
    if (engine.ok()) {
      auto worker = (*engine)->NewWorker();
      for (const Conversation& c : Samples()) fuzz::CheckResult(c, (*engine)->Analyze(c, worker.get()));
    } else {
      Require(engine.status().message().rfind("fuzz.yaml", 0) == 0 ||
                  engine.status().message().rfind("rules/", 0) == 0,
              "an engine error names a file");
    }
  }

  auto spec = ParseRuleSpec(text, "rules/fuzz.yaml");
  if (!spec.ok()) {
    Require(spec.status().message().rfind("rules/fuzz.yaml", 0) == 0, "a rule file error names the file");
    return 0;
  }
  auto factory = CheckRegistry().find(spec->id);
  if (factory != CheckRegistry().end()) {
    auto check = factory->second(*spec);
    if (!check.ok()) Require(!check.status().message().empty(), "a check error says what");
  }
  return 0;
}
