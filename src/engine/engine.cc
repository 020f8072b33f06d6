#include "replylint/engine.h"

#include <algorithm>
#include <future>
#include <map>
#include <optional>

#include "analysis/address.h"
#include "analysis/stock_phrases.h"
#include "analysis/template_index.h"
#include "base/parallel.h"
#include "base/utf8.h"
#include "checks/check.h"
#include "lexicon/known_names.h"
#include "lexicon/name_forms.h"
#include "rules/rule_spec.h"
#include "rules/template_library.h"
#include "score/score.h"
#include "text/message_text.h"
#include "text/segmenter.h"
#include "text/tokens.h"

namespace replylint {

Worker::Worker() : segmenter_(std::make_unique<Segmenter>()) {}
Worker::~Worker() = default;

CheckScratch* Worker::Scratch(size_t index, const Check& check) {
  if (index >= made_.size()) {
    scratch_.resize(index + 1);
    made_.resize(index + 1, false);
  }
  if (!made_[index]) {
    scratch_[index] = check.NewScratch();
    made_[index] = true;
  }
  return scratch_[index].get();
}

Engine::~Engine() = default;

Severity Engine::fail_level() const { return rules_->fail_level; }

StatusOr<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& options) {
  // Loading a dictionary is the slowest part of a check's start-up, and
  // telling whether the compiled lexicon stands for the system's
  // dictionaries means reading them: both run beside reading and compiling
  // the rules (the future waits for the reading when Create returns).
  std::future<void> preload;
  if (!options.sample_text.empty()) {
    preload = std::async(std::launch::async, PreloadSpellingDictionaries, std::string(options.sample_text));
  }
  LoadOptions lo;
  lo.rules_dir = options.rules_dir;
  lo.config_path = options.config_path;
  lo.config_explicit = options.config_explicit;
  lo.inputs = options.inputs;
  auto rules = LoadRuleSet(lo);
  if (!rules.ok()) return rules.status();
  return Create(std::move(*rules), options.rules_dir, options.template_paths, options.sample_text);
}

namespace {

// The bytes of text in a parameter: roughly what its rule compiles.
size_t TextBytes(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar().size();
  size_t n = 0;
  for (const auto& item : node) n += TextBytes(node.IsMap() ? item.second : static_cast<const YAML::Node&>(item));
  return n;
}

}  // namespace

StatusOr<std::unique_ptr<Engine>> Engine::Create(RuleSet rules, const std::string& rules_dir,
                                                 const std::vector<std::string>& template_paths,
                                                 std::string_view sample_text) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->rules_ = std::make_unique<RuleSet>(std::move(rules));
  auto card = Scorecard::Load(rules_dir, *engine->rules_);
  if (!card.ok()) return card.status();
  engine->scorecard_ = std::make_unique<Scorecard>(std::move(*card));
  engine->scorer_ = std::make_unique<ReplyScorer>(*engine->scorecard_, *engine->rules_);
  // The rules are built side by side (compiling their patterns is most of
  // a check's start-up), with the address finder, the stock-phrase index
  // and the name lexicons. A rule some of whose parameters come from the
  // configuration is built on this thread before the others start: those
  // parameters share the configuration's YAML document, which yaml-cpp does
  // not let two threads read at once. Each of the others reads only its own
  // rule file.
  const std::vector<RuleSpec>& specs = engine->rules_->rules;
  const auto& registry = CheckRegistry();
  std::vector<std::optional<StatusOr<std::unique_ptr<Check>>>> built(specs.size());
  std::vector<size_t> apart;  // indices of the rules built side by side
  for (size_t i = 0; i < specs.size(); ++i) {
    const RuleSpec& spec = specs[i];
    auto factory = registry.find(spec.id);
    if (factory == registry.end()) {
      return Status::InvalidArgument(spec.file + ": rule " + spec.id + " has no implementation in this build");
    }
    const bool own_file_only =
        std::all_of(spec.params.begin(), spec.params.end(), [&](const auto& p) { return p.second.file == spec.file; });
    // Disabled rules are still constructed, so a broken setting is reported
    // even while the rule is off.
    if (own_file_only) {
      apart.push_back(i);
    } else {
      built[i].emplace(factory->second(spec));
    }
  }
  // The longest work first, so that neither thread is left with a long
  // piece at the end: the name lexicons (NameForms, KnownNames: the first
  // reply would otherwise build them, by its address) and the stock-phrase
  // index take longer than any rule; then the rules with the most text to
  // compile.
  std::vector<size_t> weight(specs.size());
  for (size_t i : apart) {
    for (const auto& [key, param] : specs[i].params) weight[i] += TextBytes(param.node);
  }
  std::stable_sort(apart.begin(), apart.end(), [&](size_t a, size_t b) { return weight[a] > weight[b]; });
  std::optional<StatusOr<StockPhraseIndex>> stock;
  constexpr size_t kShared = 4;
  ParallelFor(kShared + apart.size(), StartupThreads(), [&](size_t task) {
    if (task == 0) {
      NameForms::Instance();
    } else if (task == 1) {
      KnownNames::Instance();
    } else if (task == 2) {
      stock.emplace(StockPhraseIndex::Create(engine->rules_->stock));
    } else if (task == 3) {
      engine->address_ = std::make_unique<AddressFinder>(engine->rules_->address);
    } else {
      const RuleSpec& spec = specs[apart[task - kShared]];
      built[apart[task - kShared]].emplace(registry.at(spec.id)(spec));
    }
  });
  if (!stock->ok()) return stock->status();
  engine->stock_ = std::make_unique<StockPhraseIndex>(std::move(**stock));
  for (size_t i = 0; i < specs.size(); ++i) {
    const RuleSpec& spec = specs[i];
    StatusOr<std::unique_ptr<Check>>& check = *built[i];
    if (!check.ok()) return check.status();
    if (!spec.enabled) {
      if ((*check)->measures_response()) engine->measures_.push_back(std::move(*check));
      continue;
    }
    // A rule whose resources PreloadSpellingDictionaries() could not guess
    // (another dictionary_dir) starts loading them now.
    if (!sample_text.empty()) (*check)->Prepare(sample_text);
    engine->checks_.push_back(std::move(*check));
  }
  for (const auto& check : engine->checks_) {
    if (check->cross()) engine->cross_.push_back(check.get());
  }
  std::vector<std::string> library = engine->rules_->template_paths;
  library.insert(library.end(), template_paths.begin(), template_paths.end());
  if (!library.empty()) {
    if (Status st = engine->LoadTemplates(library); !st.ok()) return st;
  }
  return engine;
}

// Templates are indexed without their placeholders, which the engine itself
// finds (the placeholder rule's syntaxes, whatever the team configured), so
// a customer's name or order number filled into a slot never counts as
// template text.
Status Engine::LoadTemplates(const std::vector<std::string>& paths) {
  auto files = FindTemplateFiles(paths);
  if (!files.ok()) return files.status();
  std::vector<ReplyTemplate> library;
  for (const std::string& file : *files) {
    auto templates = ReadTemplateFile(file);
    if (!templates.ok()) return templates.status();
    for (ReplyTemplate& t : *templates) library.push_back(std::move(t));
  }
  if (auto dup = DuplicateTemplateIds(library); !dup.empty()) return Status::InvalidArgument(dup.front());
  auto index = std::make_unique<TemplateIndex>();
  Worker worker;
  for (const ReplyTemplate& t : library) {
    Conversation c;
    c.id = t.id;
    c.channel = t.channel;
    c.lang = t.lang;
    Message m;
    m.role = Role::kAgent;
    m.text = t.body;
    c.messages.push_back(std::move(m));
    std::vector<Span> slots;
    const ConversationResult analysed = Analyze(c, &worker);
    for (const MessageResult& r : analysed.replies) {
      for (const Finding& f : r.findings) {
        if (f.rule == "placeholder") slots.push_back({f.start, f.end});
      }
    }
    const MessageText text = MessageText::Build(t.body, t.lang);
    const std::vector<Token> tokens = Tokenize(text.folded(), 0, text.body_end());
    std::vector<bool> is_slot(tokens.size(), false);
    for (size_t k = 0; k < tokens.size(); ++k) {
      const size_t a = text.ToOriginal(tokens[k].span.start), b = text.ToOriginal(tokens[k].span.end);
      for (const Span& s : slots) is_slot[k] = is_slot[k] || (a < s.end && s.start < b);
    }
    index->Add(t.id.empty() ? t.file : t.id, text.folded(), tokens, is_slot);
  }
  templates_ = std::move(index);
  return Status::Ok();
}

namespace {

// Drops the findings of the rules a message's `ignore` names, counting them.
void DropIgnored(const Message& m, MessageResult* r) {
  if (m.ignore.empty()) return;
  const size_t before = r->findings.size();
  r->findings.erase(std::remove_if(r->findings.begin(), r->findings.end(),
                                   [&](const Finding& f) {
                                     return std::find(m.ignore.begin(), m.ignore.end(), f.rule) != m.ignore.end();
                                   }),
                    r->findings.end());
  r->suppressed += before - r->findings.size();
}

}  // namespace

void Engine::Score(Channel channel, MessageResult* r) const {
  std::sort(r->findings.begin(), r->findings.end(), FindingLess);
  const ReplyScore s = scorer_->Score(channel, r->findings);
  r->score = s.score;
  r->stars = s.stars;
  r->critical = s.critical;
  r->costs = s.costs;
}

CrossAnalysis::CrossAnalysis(const Engine& engine) : engine_(engine) {
  for (const Check* check : engine.cross_) runs_.push_back(check->cross()->Start());
}

CrossAnalysis::~CrossAnalysis() = default;

void CrossAnalysis::Add(const Conversation& conversation, ConversationResult* result) {
  if (runs_.empty()) return;
  for (MessageResult& r : result->replies) {
    if (!r.analysed || r.fingerprints.size() != runs_.size()) continue;
    const size_t before = r.findings.size();
    for (size_t k = 0; k < runs_.size(); ++k) runs_[k]->Add(conversation, r.fingerprints[k], &r);
    if (r.findings.size() != before) {
      DropIgnored(conversation.messages[r.message], &r);
      engine_.Score(conversation.channel, &r);
    }
  }
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
  out.customer_name = profile.given;
  const ConversationWords words(texts);
  for (size_t i = 0; i < c.messages.size(); ++i) {
    const Message& m = c.messages[i];
    if (m.role != Role::kAgent) continue;
    // Too short to tell takes the majority; told to be another language does not.
    const bool other = (m.lang ? m.lang : c.lang) == Lang::kUnknown || !texts[i].other_lang().empty();
    if (texts[i].lang() == Lang::kUnknown && !other) texts[i].OverrideLang(majority);
    MessageResult r;
    r.message = i;
    r.lang = texts[i].lang();
    for (const auto* list : {&checks_, &measures_}) {
      for (const auto& check : *list) {
        if (!check->spec().AppliesTo(c.channel)) continue;
        if (auto t = check->Response(c, i)) r.response = t;
      }
    }
    if (r.lang == Lang::kUnknown) {
      r.analysed = false;
      r.other_lang = texts[i].other_lang();
      out.replies.push_back(std::move(r));
      continue;
    }
    const std::vector<AddressTerm> addresses = address_->Find(texts[i], m.author);
    const std::vector<Token>& tokens = words.Tokens(i);
    const std::vector<StockMatch> stock = stock_->Find(texts[i], tokens, &words.Stems(i));
    MessageContext ctx{c, texts, i, worker->segmenter(), profile, addresses, tokens, stock, templates_.get(), words};
    for (size_t k = 0; k < checks_.size(); ++k) {
      const Check& check = *checks_[k];
      if (!check.spec().AppliesTo(c.channel)) continue;
      ctx.scratch = worker->Scratch(k, check);
      check.Run(ctx, &r.findings);
    }
    for (size_t k = 0; k < checks_.size(); ++k) {
      const Check& check = *checks_[k];
      if (!check.cross()) continue;
      if (!check.spec().AppliesTo(c.channel)) {
        r.fingerprints.emplace_back();
        continue;
      }
      ctx.scratch = worker->Scratch(k, check);  // the check's own, as in Run
      r.fingerprints.push_back(check.cross()->Fingerprint(ctx));
    }
    // Spans were found in the NFC text; report them in the original bytes.
    // The matched text is shown as analysed: ill-formed bytes as U+FFFD.
    for (Finding& f : r.findings) {
      f.start = texts[i].ToOriginal(f.start);
      f.end = texts[i].ToOriginal(f.end);
      if (f.field.empty()) f.text = ReplaceInvalidUtf8(std::string_view(m.text).substr(f.start, f.end - f.start));
    }
    DropIgnored(m, &r);
    Score(c.channel, &r);
    out.replies.push_back(std::move(r));
  }
  return out;
}

}  // namespace replylint
