// Conversation flow: handoff-intro and split-notice (seed 001: a new agent
// must introduce themself and say whether they stay to the end; a chat
// answer sent in pieces should say that more is coming).
//
// Minimal configuration:
//   rules/handoff-intro.yaml:
//     params:
//       lead_ins: {ru: ["меня зовут", "это"], en: ["my name is", "i'm"]}   # before the agent's name
//       phrases: {ru: ["подключилась к вашему обращению"], en: ["taking over"]}
//   rules/split-notice.yaml:
//     channels: [chat]
//     params:
//       window_seconds: 300
//       phrases: {ru: ["сейчас допишу"], en: ["more below"]}
#include <algorithm>
#include <set>

#include "base/rfc3339.h"
#include "checks/check.h"
#include "checks/phrase_matcher.h"
#include "lexicon/given_names.h"
#include "text/words.h"

namespace replylint {
namespace {

bool AnyMatch(const std::map<Lang, PhraseMatcher>& m, const std::string& folded) {
  return std::any_of(m.begin(), m.end(), [&](const auto& kv) { return !kv.second.Find(folded).empty(); });
}

class HandoffIntroCheck : public Check {
 public:
  HandoffIntroCheck(const RuleSpec& spec, std::vector<std::string> lead_ins, std::map<Lang, PhraseMatcher> phrases)
      : Check(spec), lead_ins_(std::move(lead_ins)), phrases_(std::move(phrases)) {}

  // The agents seen so far in the conversation, grown as its replies come
  // in order (per worker thread): looking back over every earlier message
  // for each reply made a long conversation quadratic.
  struct Scratch : CheckScratch {
    uint64_t conversation = 0;
    size_t upto = 0;                // messages [0, upto) are in `agents`
    std::set<std::string> agents;   // their AgentKey()s
    const Message* last = nullptr;  // the last agent message before `upto`
  };

  std::unique_ptr<CheckScratch> NewScratch() const override { return std::make_unique<Scratch>(); }

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const auto& msgs = ctx.conversation.messages;
    const std::string& me = ctx.message().AgentKey();
    if (me.empty()) return;
    thread_local Scratch fallback;  // a context made without a Worker
    Scratch& s = ctx.scratch != nullptr ? static_cast<Scratch&>(*ctx.scratch) : fallback;
    if (s.conversation != ctx.words.id() || s.upto > ctx.index) {
      s.conversation = ctx.words.id();
      s.upto = 0;
      s.agents.clear();
      s.last = nullptr;
    }
    for (; s.upto < ctx.index; ++s.upto) {
      const Message& m = msgs[s.upto];
      if (m.role != Role::kAgent) continue;
      s.agents.insert(m.AgentKey());
      s.last = &m;
    }
    if (s.agents.count(me)) return;  // not this agent's first message
    const Message* prev = s.last;
    if (!prev || prev->AgentKey().empty()) return;  // the first agent, or nobody to compare with
    const MessageText& t = ctx.text();
    const std::string body = t.folded().substr(0, t.body_end());
    if (AnyMatch(phrases_, body) || NamesThemself(ctx, body)) return;
    Span first{0, 0};
    for (const Span& l : t.lines()) {
      if (!t.Slice(l).empty()) {
        first = l;
        break;
      }
    }
    out->push_back(
        Make(ctx, first, "no_intro", "intro", {{"previous", prev->author.empty() ? prev->AgentKey() : prev->author}}));
  }

 private:
  // «Меня зовут Марина», «Это Марина», "I'm Dana", "Dana here": a given name
  // (or the author's own first name) right after a lead-in, or before "here".
  bool NamesThemself(const MessageContext& ctx, const std::string& folded) const {
    std::string own;
    const std::string& author = ctx.message().author;
    const auto aw = ScanWords(author, 0, author.size());
    if (!aw.empty()) own = FoldForMatch(std::string_view(author).substr(aw[0].span.start, aw[0].span.size()));
    const std::string customer = FoldForMatch(ctx.customer.given);
    const auto words = ScanWords(folded, 0, folded.size());
    for (size_t k = 0; k < words.size(); ++k) {
      const std::string w = folded.substr(words[k].span.start, words[k].span.size());
      if (w != own && !GivenNames::Instance().IsGivenName(w)) continue;
      if (w != own && w == customer) continue;  // «Здравствуйте, Олег!» greets the customer
      if (k + 1 < words.size()) {
        const std::string next = folded.substr(words[k + 1].span.start, words[k + 1].span.size());
        if (next == "here") return true;
      }
      // A view, not a copy: a reply of many given names must not copy its
      // text once for each.
      std::string_view b = std::string_view(folded).substr(0, words[k].span.start);
      while (!b.empty() && (b.back() == ' ' || b.back() == ',' || b.back() == '-' || b.back() == '\n'))
        b.remove_suffix(1);
      if (b.size() >= 3 && b.substr(b.size() - 3) == "—") b.remove_suffix(3);
      while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
      for (const std::string& lead : lead_ins_) {
        if (b.size() < lead.size() || b.substr(b.size() - lead.size()) != lead) continue;
        // A greeting before a name greets someone: only the agent's own name introduces them.
        if ((lead == "здравствуйте" || lead == "приветствую") && w != own) continue;
        const size_t at = b.size() - lead.size();  // the lead-in must start a word
        if (at == 0 || std::string_view(" \n!.,").find(b[at - 1]) != std::string_view::npos) return true;
      }
    }
    return false;
  }

  std::vector<std::string> lead_ins_;  // folded
  std::map<Lang, PhraseMatcher> phrases_;
};

class SplitNoticeCheck : public Check {
 public:
  SplitNoticeCheck(const RuleSpec& spec, long long window, std::map<Lang, PhraseMatcher> phrases,
                   std::map<Lang, PhraseMatcher> greetings, std::map<Lang, PhraseMatcher> closings)
      : Check(spec),
        window_(window),
        phrases_(std::move(phrases)),
        greetings_(std::move(greetings)),
        closings_(std::move(closings)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const auto& msgs = ctx.conversation.messages;
    // The first message of a run of agent messages (system messages do not
    // break a run: they are not the customer speaking).
    for (size_t i = ctx.index; i-- > 0;) {
      if (msgs[i].role == Role::kSystem) continue;
      if (msgs[i].role == Role::kAgent) return;
      break;
    }
    const size_t next = NextSpoken(ctx);
    if (next >= msgs.size() || msgs[next].role != Role::kAgent) return;
    if (HandsOver(ctx)) return;  // another agent's message is not the rest of this answer
    // Two times compare when both have a zone offset or neither has (then
    // both are read on the same wall clock).
    const auto a = ParseWrittenTime(ctx.message().at);
    const auto b = ParseWrittenTime(msgs[next].at);
    if (a && b && a->zoned == b->zoned && (b->ms - a->ms) / 1000 > window_) return;  // a separate answer later on
    const MessageText& t = ctx.text();
    const std::string& f = t.folded();
    if (AnyMatch(phrases_, f)) return;
    // A greeting on its own («Здравствуйте, Анна!», "Hi! How can I help?")
    // opens the chat, and a farewell after the answer ("Have a great day!")
    // closes it: neither splits an answer. "Hi Tom! Go to Settings." is
    // the answer's first part, greeting and all.
    if (OnlyGreeting(f)) return;
    const std::string& nf = ctx.texts[next].folded();
    if (Short(nf) && AnyMatch(closings_, nf)) return;
    // A message that ends on a colon or an ellipsis visibly continues.
    size_t e = f.size();
    while (e > 0 && (f[e - 1] == ' ' || f[e - 1] == '\n' || f[e - 1] == '\r')) --e;
    if (e > 0 &&
        (f[e - 1] == ':' || (e >= 3 && f.compare(e - 3, 3, "…") == 0) || (e >= 3 && f.compare(e - 3, 3, "...") == 0))) {
      return;
    }
    Span last{0, 0};
    for (const Span& l : t.lines()) {
      if (!t.Slice(l).empty()) last = l;
    }
    out->push_back(Make(ctx, last, "no_notice", "notice", {}));
  }

 private:
  // At most eight words: a greeting or a farewell, not an answer in pieces.
  static bool Short(const std::string& folded) { return !HasWords(folded, 0, folded.size(), 9); }

  // A greeting and at most two words besides (a name, "there", "again").
  bool OnlyGreeting(const std::string& folded) const {
    if (!Short(folded)) return false;
    std::vector<Span> found;
    for (const auto& [lang, matcher] : greetings_) {
      for (const Span& g : matcher.Find(folded)) found.push_back(g);
    }
    if (found.empty()) return false;
    size_t other = 0;
    for (const auto& w : ScanWords(folded, 0, folded.size())) {
      bool in = false;
      for (const Span& g : found) in = in || (w.span.start >= g.start && w.span.end <= g.end);
      other += !in;
    }
    return other <= 2;
  }

  long long window_;
  std::map<Lang, PhraseMatcher> phrases_;
  std::map<Lang, PhraseMatcher> greetings_, closings_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeHandoffIntroCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"no_intro"}, {"intro"}); !st.ok()) return st;
  ParamReader params(spec);
  auto leads = params.StringsByLang("lead_ins");
  if (!leads.ok()) return leads.status();
  std::vector<std::string> lead_ins;
  for (const auto& [lang, list] : *leads) {
    for (const auto& l : list) lead_ins.push_back(FoldForMatch(l));
  }
  auto phrases = PhraseMatchersByLang(params, "phrases");
  if (!phrases.ok()) return phrases.status();
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new HandoffIntroCheck(spec, std::move(lead_ins), std::move(*phrases)));
}

StatusOr<std::unique_ptr<Check>> MakeSplitNoticeCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"no_notice"}, {"notice"}); !st.ok()) return st;
  ParamReader params(spec);
  auto window = params.Int("window_seconds", 0, 86400);
  if (!window.ok()) return window.status();
  auto phrases = PhraseMatchersByLang(params, "phrases");
  if (!phrases.ok()) return phrases.status();
  auto greetings = PhraseMatchersByLang(params, "greetings");
  if (!greetings.ok()) return greetings.status();
  auto closings = PhraseMatchersByLang(params, "closings");
  if (!closings.ok()) return closings.status();
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(
      new SplitNoticeCheck(spec, *window, std::move(*phrases), std::move(*greetings), std::move(*closings)));
}

}  // namespace replylint
