#include "replylint/engine.h"

#include <algorithm>
#include <map>

#include "analysis/address.h"
#include "base/utf8.h"
#include "checks/check.h"
#include "rules/rule_spec.h"
#include "score/score.h"
#include "text/message_text.h"
#include "text/segmenter.h"

namespace replylint {

Worker::Worker() : segmenter_(std::make_unique<Segmenter>()) {}
Worker::~Worker() = default;

Engine::~Engine() = default;

Severity Engine::fail_level() const { return rules_->fail_level; }

StatusOr<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& options) {
  LoadOptions lo;
  lo.rules_dir = options.rules_dir;
  lo.config_path = options.config_path;
  lo.config_explicit = options.config_explicit;
  auto rules = LoadRuleSet(lo);
  if (!rules.ok()) return rules.status();
  return Create(std::move(*rules), options.rules_dir);
}

StatusOr<std::unique_ptr<Engine>> Engine::Create(RuleSet rules, const std::string& rules_dir) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->rules_ = std::make_unique<RuleSet>(std::move(rules));
  auto card = Scorecard::Load(rules_dir, *engine->rules_);
  if (!card.ok()) return card.status();
  engine->scorecard_ = std::make_unique<Scorecard>(std::move(*card));
  engine->address_ = std::make_unique<AddressFinder>(engine->rules_->address);
  const auto& registry = CheckRegistry();
  for (const RuleSpec& spec : engine->rules_->rules) {
    auto factory = registry.find(spec.id);
    if (factory == registry.end()) {
      return Status::InvalidArgument(spec.file + ": rule " + spec.id + " has no implementation in this build");
    }
    // Disabled rules are still constructed, so a broken setting is reported
    // even while the rule is off.
    auto check = factory->second(spec);
    if (!check.ok()) return check.status();
    if (spec.enabled) engine->checks_.push_back(std::move(*check));
  }
  return engine;
}

ConversationResult Engine::Analyze(const Conversation& c, Worker* worker) const {
  std::vector<MessageText> texts;
  texts.reserve(c.messages.size());
  std::map<Lang, size_t> votes;
  for (const Message& m : c.messages) {
    texts.push_back(MessageText::Build(m.text, m.lang ? m.lang : c.lang));
    if (texts.back().lang() != Lang::kUnknown) ++votes[texts.back().lang()];
  }
  // A message too short to tell ("OK", "👍") takes the conversation's language.
  Lang majority = Lang::kUnknown;
  size_t best = 0;
  for (const auto& [lang, n] : votes) {
    if (n > best) majority = lang, best = n;
  }
  const CustomerProfile profile = address_->Profile(c, texts);
  ConversationResult out;
  for (size_t i = 0; i < c.messages.size(); ++i) {
    const Message& m = c.messages[i];
    if (m.role != Role::kAgent) continue;
    // Too short to tell takes the majority; told to be another language does not.
    const bool other = (m.lang ? m.lang : c.lang) == Lang::kUnknown || !texts[i].other_lang().empty();
    if (texts[i].lang() == Lang::kUnknown && !other) texts[i].OverrideLang(majority);
    MessageResult r;
    r.message = i;
    r.lang = texts[i].lang();
    if (r.lang == Lang::kUnknown) {
      r.analysed = false;
      r.other_lang = texts[i].other_lang();
      out.replies.push_back(std::move(r));
      continue;
    }
    const std::vector<AddressTerm> addresses = address_->Find(texts[i], m.author);
    const MessageContext ctx{c, texts, i, worker->segmenter(), profile, addresses};
    for (const auto& check : checks_) {
      if (check->spec().AppliesTo(c.channel)) check->Run(ctx, &r.findings);
    }
    // Spans were found in the NFC text; report them in the original bytes.
    // The matched text is shown as analysed: ill-formed bytes as U+FFFD.
    for (Finding& f : r.findings) {
      f.start = texts[i].ToOriginal(f.start);
      f.end = texts[i].ToOriginal(f.end);
      if (f.field.empty()) f.text = ReplaceInvalidUtf8(std::string_view(m.text).substr(f.start, f.end - f.start));
    }
    std::sort(r.findings.begin(), r.findings.end(), FindingLess);
    const ReplyScore s = ScoreReply(*scorecard_, *rules_, c.channel, r.findings);
    r.score = s.score;
    r.stars = s.stars;
    r.critical = s.critical;
    out.replies.push_back(std::move(r));
  }
  return out;
}

}  // namespace replylint
