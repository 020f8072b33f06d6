// template-overuse: a reply that is essentially a stock template and carries
// nothing specific to this customer (seeds 001 and 003: «отвечает по скрипту
// и шаблонами»; a good reply says what the agent understood of the question).
//
// Minimal configuration (rules/template-overuse.yaml; the library itself is
// `templates:` in replylint.yaml or --templates):
//   params:
//     min_coverage: 0.6      # share of content words that are template or stock text
//     min_words: 5           # shorter replies are left alone
//     max_own_words: 4       # more words of the agent's own: not a template reply
//     min_echo: 2            # customer's words echoed in template text = it answers them
//     duplicate_similarity: 0.8   # audit: near-identical replies of one agent
//     duplicate_min_words: 12
//     same_question: 0.5     # ... to customers whose messages are less alike than this
//     generic_words: {ru: [вопрос], en: [issue]}   # count as template text, never as the agent's own
//     specific_words: {ru: [завтра], en: [tomorrow]}  # a day or time: the reply is about this case
//     stop_words: {ru: [и, в], en: [the, a]}
//
// Per message: content words are the reply's words (up to quoted mail) that
// are not stop words, names or the signature. A content word is covered when
// a stock phrase or a shingle of a library template contains it. The reply is
// overuse when coverage >= min_coverage and nothing is specific: no number or
// code of its own, none of the customer's words outside stock phrases, no
// more than max_own_words words of its own, and (for template text) fewer
// than min_echo of the customer's words, which would mean the template
// answers what they asked.
//
// Across conversations (audit, eval): each reply's MinHash signature is
// compared, through LSH banding, with earlier replies of the same agent; a
// near-identical one sent to another customer whose messages differ makes
// the later reply overuse. Memory stays flat: only the last kWindow indexed
// replies are kept.
#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <unordered_map>

#include "base/utf8.h"
#include "checks/check.h"
#include "checks/phrase_matcher.h"
#include "lexicon/given_names.h"
#include "text/stem.h"

namespace replylint {
namespace {

constexpr size_t kReplyHashes = 32;     // MinHash values of the reply's shingles
constexpr size_t kCustomerHashes = 16;  // ... of the customer's content stems
constexpr size_t kBands = 8;            // LSH: kBands bands of kReplyHashes / kBands rows
constexpr size_t kRows = kReplyHashes / kBands;
constexpr size_t kWindow = 100000;      // indexed replies kept
constexpr size_t kMaxNamed = 3;         // other conversations named in a finding

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t HashString(std::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return Mix(h);
}

// MinHash: for each of n seeds, the least mixed hash of any element.
void MinHash(const std::vector<uint64_t>& elements, size_t n, std::vector<uint32_t>* out) {
  for (size_t k = 0; k < n; ++k) {
    uint64_t best = ~0ull;
    const uint64_t seed = Mix(k + 1);
    for (uint64_t e : elements) best = std::min(best, Mix(e ^ seed));
    out->push_back(static_cast<uint32_t>(best >> 32));
  }
}

double Similarity(const uint32_t* a, const uint32_t* b, size_t n) {
  size_t same = 0;
  for (size_t k = 0; k < n; ++k) same += a[k] == b[k];
  return static_cast<double>(same) / static_cast<double>(n);
}

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))); }

class TemplateOveruseCheck : public Check, public CrossCheck {
 public:
  struct Params {
    double min_coverage = 0.6;
    int64_t min_words = 5;
    int64_t max_own_words = 4;
    int64_t min_echo = 2;
    double duplicate_similarity = 0.8;
    int64_t duplicate_min_words = 12;
    double same_question = 0.5;
    std::set<std::string> stop_words;  // folded
    std::set<std::string> generic;     // stems of generic_words
    std::set<std::string> specific;    // stems of specific_words
  };

  TemplateOveruseCheck(const RuleSpec& spec, Params p) : Check(spec), p_(std::move(p)) {}

  const CrossCheck* cross() const override { return this; }

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const Reading r = Read(ctx);
    if (r.content.size() < static_cast<size_t>(p_.min_words)) return;
    size_t covered = 0, own = 0, echoed_template = 0, generic = 0;
    bool specific = false;
    const std::set<std::string> customer = CustomerStems(ctx, false);
    std::set<std::string> echoed;
    for (size_t k : r.content) {
      const bool is_stock = r.stock[k];
      if (!is_stock && !r.library[k] && p_.generic.count(r.stems[k])) {
        ++covered;  // «вопрос», "issue": says nothing about this customer
        ++generic;
        continue;
      }
      if (is_stock || r.library[k]) {
        ++covered;
        // A template that uses the customer's own words answers them; a
        // stock phrase never does («ваш заказ очень важен для нас»).
        if (!is_stock && customer.count(r.stems[k]) && echoed.insert(r.stems[k]).second) ++echoed_template;
        continue;
      }
      ++own;
      // Their details, a number or code, a date or day, or a proper name
      // (a colleague, a place, a product) say this reply is about them.
      if (ctx.tokens[k].has_digit || customer.count(r.stems[k]) || p_.specific.count(r.stems[k]) || r.proper[k]) {
        specific = true;
      }
    }
    if (own > static_cast<size_t>(p_.max_own_words) || echoed_template >= static_cast<size_t>(p_.min_echo)) {
      specific = true;
    }
    const double share = static_cast<double>(covered) / static_cast<double>(r.content.size());
    // Generic words alone never make a template («сотрудники отдела компании»):
    // at least a third of the content must be stock or library text.
    const size_t real = covered - generic;
    if (specific || share < p_.min_coverage || real < 2 || real * 3 < r.content.size()) return;
    const bool library = r.library_hits > 0 && r.library_hits * 2 >= covered - generic;
    std::vector<std::pair<std::string, std::string>> vars = {{"share", Percent(share)}};
    if (library) vars.emplace_back("template", ctx.templates->name(r.best_template));
    out->push_back(WithSuggestion(ctx, Make(ctx, r.span, library ? "library" : "stock", "", vars)));
  }

  std::vector<uint32_t> Fingerprint(const MessageContext& ctx) const override {
    std::vector<uint32_t> fp;
    const Reading r = Read(ctx);
    if (r.content.size() < static_cast<size_t>(p_.duplicate_min_words)) return fp;
    const std::set<std::string> customer = CustomerStems(ctx, true);
    if (customer.empty()) return fp;  // nobody asked anything: a notice may well repeat
    // Shingles of two consecutive content stems: the reply's wording.
    std::vector<uint64_t> shingles;
    for (size_t i = 0; i + 1 < r.content.size(); ++i) {
      shingles.push_back(HashString(r.stems[r.content[i]], 0) ^ (HashString(r.stems[r.content[i + 1]], 1) << 1));
    }
    std::vector<uint64_t> asked;
    for (const std::string& s : customer) asked.push_back(HashString(s, 2));
    fp.reserve(kReplyHashes + kCustomerHashes + 2);
    MinHash(shingles, kReplyHashes, &fp);
    MinHash(asked, kCustomerHashes, &fp);
    // Where the finding would point: the span of the content words.
    fp.push_back(static_cast<uint32_t>(ctx.text().ToOriginal(r.span.start)));
    fp.push_back(static_cast<uint32_t>(ctx.text().ToOriginal(r.span.end)));
    return fp;
  }

  std::unique_ptr<CrossRun> Start() const override { return std::make_unique<DuplicateRun>(*this); }

 private:
  // The reply, read once: its content words and what covers them.
  struct Reading {
    std::vector<size_t> content;  // indexes into ctx.tokens
    std::vector<std::string> stems;
    std::vector<bool> stock;    // per token: inside a stock phrase
    std::vector<bool> library;  // per token: inside a shingle of a library template
    std::vector<bool> proper;   // per token: capitalised inside a sentence (a proper name)
    size_t library_hits = 0;    // content words the library covers
    size_t best_template = 0;
    Span span;  // from the first content word to the last
  };

  Reading Read(const MessageContext& ctx) const {
    Reading r;
    const std::string& folded = ctx.text().folded();
    const std::vector<Token>& tokens = ctx.tokens;
    r.stems = TokenStems(folded, tokens);
    r.stock.assign(tokens.size(), false);
    for (const StockMatch& m : ctx.stock) {
      for (size_t k = m.first; k <= m.last; ++k) r.stock[k] = true;
    }
    if (ctx.templates && !ctx.templates->empty()) {
      TemplateIndex::Coverage c = ctx.templates->Cover(folded, tokens);
      r.library = std::move(c.covered);
      r.best_template = c.best;
    } else {
      r.library.assign(tokens.size(), false);
    }
    const std::set<std::string> names = NameWords(ctx);
    const size_t sign_off = SignOffStart(ctx);
    r.proper.assign(tokens.size(), false);
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (tokens[k].span.start >= sign_off) break;
      const std::string_view w = std::string_view(folded).substr(tokens[k].span.start, tokens[k].span.size());
      if (!tokens[k].has_digit && (CountCodePoints(w) < 2 || p_.stop_words.count(std::string(w)))) continue;
      if (names.count(std::string(w)) || InAddress(ctx, tokens[k].span)) continue;
      r.proper[k] = !tokens[k].has_digit && !SentenceStart(ctx.text().text(), tokens, k) &&
                    ctx.text().text().compare(tokens[k].span.start, w.size(), w.data(), w.size()) != 0;
      r.content.push_back(k);
      if (r.library[k] && !r.stock[k]) ++r.library_hits;
    }
    if (!r.content.empty()) r.span = {tokens[r.content.front()].span.start, tokens[r.content.back()].span.end};
    return r;
  }

  // Words of the customer's, the agent's and the customer's own name form.
  static std::set<std::string> NameWords(const MessageContext& ctx) {
    std::set<std::string> out;
    for (const std::string* s : {&ctx.conversation.customer.name, &ctx.message().author, &ctx.customer.given}) {
      const std::string f = FoldForMatch(*s);
      for (const Token& t : Tokenize(f, 0, f.size())) out.insert(f.substr(t.span.start, t.span.size()));
    }
    return out;
  }

  static bool InAddress(const MessageContext& ctx, Span s) {
    for (const AddressTerm& a : ctx.addresses) {
      for (const Span& n : a.names) {
        if (s.start < n.end && n.start < s.end) return true;
      }
      if (!a.title.empty() && s.start < a.title.end && a.title.start < s.end) return true;
    }
    return false;
  }

  // The first word of a sentence or of a line, where a capital says nothing.
  static bool SentenceStart(const std::string& text, const std::vector<Token>& tokens, size_t k) {
    if (k == 0 || tokens[k].break_before) return true;
    const std::string_view gap = std::string_view(text).substr(tokens[k - 1].span.end,
                                                              tokens[k].span.start - tokens[k - 1].span.end);
    return gap.find_first_of("\n:«\"(") != std::string_view::npos;
  }

  // A capitalised given name (a signature line such as «Иван Петров»).
  static bool IsCapitalisedName(const std::string& text, Span s, std::string_view folded) {
    if (text.compare(s.start, s.size(), folded.data(), folded.size()) == 0) return false;  // lower case
    return GivenNames::Instance().IsGivenName(folded);
  }

  // Where the sign-off starts: the last of the final few lines that holds
  // only stop words and names («С уважением,» / "Best regards,"), or the
  // body's end.
  size_t SignOffStart(const MessageContext& ctx) const {
    const MessageText& t = ctx.text();
    size_t start = t.body_end();
    const std::set<std::string> names = NameWords(ctx);
    size_t seen = 0;
    for (size_t i = t.lines().size(); i-- > 0 && seen < 4;) {
      const Span l = t.lines()[i];
      if (l.start >= t.body_end() || t.quoted(i)) continue;
      const std::vector<Token> words = Tokenize(t.folded(), l.start, l.end);
      if (words.empty()) continue;
      ++seen;
      bool neutral = true;
      for (const Token& w : words) {
        const std::string s = t.folded().substr(w.span.start, w.span.size());
        if (!p_.stop_words.count(s) && !names.count(s) && !IsCapitalisedName(t.text(), w.span, s)) neutral = false;
      }
      if (!neutral) break;
      start = l.start;
    }
    return start;
  }

  // Stems of the customer's content words: of every customer message before
  // this one, or (`asked_only`) of those since the previous agent message.
  std::set<std::string> CustomerStems(const MessageContext& ctx, bool asked_only) const {
    std::set<std::string> out;
    for (size_t i = ctx.index; i-- > 0;) {
      const Message& m = ctx.conversation.messages[i];
      if (m.role == Role::kAgent && asked_only && !out.empty()) break;
      if (m.role != Role::kCustomer) continue;
      const MessageText& t = ctx.texts[i];
      const std::vector<Token> tokens = Tokenize(t.folded(), 0, t.body_end());
      const std::vector<std::string> stems = TokenStems(t.folded(), tokens);
      for (size_t k = 0; k < tokens.size(); ++k) {
        const std::string w = t.folded().substr(tokens[k].span.start, tokens[k].span.size());
        if (tokens[k].has_digit ? w.size() < 2 : (CountCodePoints(w) < 3 || p_.stop_words.count(w))) continue;
        if (p_.generic.count(stems[k])) continue;
        out.insert(stems[k]);
      }
    }
    return out;
  }

  // The suggestion names the customer's question when there is one.
  Finding WithSuggestion(const MessageContext& ctx, Finding f) const {
    std::string question;
    for (size_t i = ctx.index; i-- > 0 && question.empty();) {
      const Message& m = ctx.conversation.messages[i];
      if (m.role == Role::kAgent) break;
      if (m.role != Role::kCustomer) continue;
      const MessageText& t = ctx.texts[i];
      std::string_view body = std::string_view(t.text()).substr(0, t.body_end());
      while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.remove_suffix(1);
      question = Head(body, 120);
    }
    const auto& key = question.empty() ? "restate_any" : "restate";
    auto s = spec().suggestions.find(key);
    if (s != spec().suggestions.end()) f.suggestion = FormatMessage(s->second.For(ctx.reply_lang()), {{"question", question}});
    return f;
  }

  static std::string Head(std::string_view s, size_t max_cp) {
    size_t i = 0;
    for (size_t k = 0; k < max_cp && i < s.size(); ++k) DecodeUtf8(s, &i);
    std::string out(s.substr(0, i));
    for (char& c : out) {
      if (c == '\n') c = ' ';
    }
    return i < s.size() ? out + "…" : out;
  }

  // The cross-conversation part: one per run, fed replies in input order.
  class DuplicateRun : public CrossRun {
   public:
    explicit DuplicateRun(const TemplateOveruseCheck& check) : check_(check) {}

    void Add(const Conversation& c, const std::vector<uint32_t>& fp, MessageResult* r) override {
      if (fp.size() != kReplyHashes + kCustomerHashes + 2) return;
      const Message& m = c.messages[r->message];
      const std::string& agent = m.AgentKey();
      if (agent.empty()) return;
      const uint64_t agent_key = HashString(agent, 3);
      std::vector<uint64_t> keys(kBands);
      for (size_t b = 0; b < kBands; ++b) {
        uint64_t h = agent_key ^ Mix(b + 17);
        for (size_t k = 0; k < kRows; ++k) h = Mix(h ^ fp[b * kRows + k]);
        keys[b] = h;
      }
      // Candidates: earlier replies sharing a band, verified on the signature.
      std::set<uint64_t> seen;
      std::vector<uint64_t> matches;  // entry ids
      double best = 0;
      for (uint64_t key : keys) {
        auto range = bands_.equal_range(key);
        for (auto it = range.first; it != range.second; ++it) {
          if (!seen.insert(it->second).second) continue;
          const Entry& e = entries_[it->second - first_];
          if (e.agent != agent || e.conversation == c.id) continue;
          if (!c.customer.email.empty() && e.customer_email == c.customer.email) continue;  // the same customer
          const double sim = Similarity(e.reply.data(), fp.data(), kReplyHashes);
          if (sim < check_.p_.duplicate_similarity) continue;
          const double asked = Similarity(e.asked.data(), fp.data() + kReplyHashes, kCustomerHashes);
          if (asked >= check_.p_.same_question) continue;  // the same question deserves the same answer
          matches.push_back(it->second);
          best = std::max(best, sim);
        }
      }
      if (!matches.empty()) Report(c, fp, r, std::move(matches), best);
      Remember(c, fp, agent, keys);
    }

   private:
    struct Entry {
      std::string agent;
      std::string conversation;
      std::string customer_email;
      std::vector<uint32_t> reply;
      std::vector<uint32_t> asked;
      std::vector<uint64_t> keys;
    };

    void Report(const Conversation& c, const std::vector<uint32_t>& fp, MessageResult* r,
                std::vector<uint64_t> matches, double similarity) {
      for (const Finding& f : r->findings) {
        if (f.rule == check_.spec().id) return;  // already overuse on its own
      }
      std::sort(matches.begin(), matches.end());  // earliest first
      const Lang lang = r->lang == Lang::kRu ? Lang::kRu : Lang::kEn;
      std::string others;
      for (size_t i = 0; i < matches.size() && i < kMaxNamed; ++i) {
        others += (i ? ", " : "") + entries_[matches[i] - first_].conversation;
      }
      if (matches.size() > kMaxNamed) {
        others += (lang == Lang::kRu ? " и ещё " : " and ") + std::to_string(matches.size() - kMaxNamed) +
                  (lang == Lang::kRu ? "" : " more");
      }
      const Message& m = c.messages[r->message];
      Finding f;
      f.rule = check_.spec().id;
      f.severity = check_.spec().severity;
      f.message = r->message;
      f.start = std::min<size_t>(fp[kReplyHashes + kCustomerHashes], m.text.size());
      f.end = std::max(f.start, std::min<size_t>(fp[kReplyHashes + kCustomerHashes + 1], m.text.size()));
      f.text = m.text.substr(f.start, f.end - f.start);
      const auto msg = check_.spec().messages.find("duplicate");
      f.message_text = FormatMessage(msg->second.For(lang), {{"similarity", Percent(similarity)}, {"others", others}});
      const auto sug = check_.spec().suggestions.find("restate_any");
      f.suggestion = sug->second.For(lang);
      r->findings.push_back(std::move(f));
    }

    void Remember(const Conversation& c, const std::vector<uint32_t>& fp, const std::string& agent,
                  const std::vector<uint64_t>& keys) {
      if (entries_.size() == kWindow) {
        const Entry& old = entries_.front();
        for (uint64_t key : old.keys) {
          auto range = bands_.equal_range(key);
          for (auto it = range.first; it != range.second; ++it) {
            if (it->second == first_) {
              bands_.erase(it);
              break;
            }
          }
        }
        entries_.pop_front();
        ++first_;
      }
      const uint64_t id = first_ + entries_.size();
      entries_.push_back({agent, c.id, c.customer.email, std::vector<uint32_t>(fp.begin(), fp.begin() + kReplyHashes),
                          std::vector<uint32_t>(fp.begin() + kReplyHashes, fp.begin() + kReplyHashes + kCustomerHashes),
                          keys});
      for (uint64_t key : keys) bands_.emplace(key, id);
    }

    const TemplateOveruseCheck& check_;
    std::deque<Entry> entries_;  // the window, oldest first
    uint64_t first_ = 0;         // id of entries_.front()
    std::unordered_multimap<uint64_t, uint64_t> bands_;  // band key -> entry id
  };

  Params p_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeTemplateOveruseCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"library", "stock", "duplicate"}, {"restate", "restate_any"}); !st.ok()) {
    return st;
  }
  ParamReader params(spec);
  TemplateOveruseCheck::Params p;
  auto cov = params.Double("min_coverage", 0.0, 1.0);
  if (!cov.ok()) return cov.status();
  p.min_coverage = *cov;
  auto words = params.Int("min_words", 1, 1000);
  if (!words.ok()) return words.status();
  p.min_words = *words;
  auto own = params.Int("max_own_words", 0, 1000);
  if (!own.ok()) return own.status();
  p.max_own_words = *own;
  auto echo = params.Int("min_echo", 1, 100);
  if (!echo.ok()) return echo.status();
  p.min_echo = *echo;
  auto dup = params.Double("duplicate_similarity", 0.0, 1.0);
  if (!dup.ok()) return dup.status();
  p.duplicate_similarity = *dup;
  auto dup_words = params.Int("duplicate_min_words", 1, 1000);
  if (!dup_words.ok()) return dup_words.status();
  p.duplicate_min_words = *dup_words;
  auto same = params.Double("same_question", 0.0, 1.0);
  if (!same.ok()) return same.status();
  p.same_question = *same;
  auto stop = FoldedWords(params, "stop_words");
  if (!stop.ok()) return stop.status();
  p.stop_words = std::move(*stop);
  auto generic = FoldedWords(params, "generic_words");
  if (!generic.ok()) return generic.status();
  for (const std::string& w : *generic) p.generic.insert(StemByScript(w));
  auto specific = FoldedWords(params, "specific_words");
  if (!specific.ok()) return specific.status();
  for (const std::string& w : *specific) p.specific.insert(StemByScript(w));
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new TemplateOveruseCheck(spec, std::move(p)));
}

}  // namespace replylint
