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
//     redirect_phrases: {en: ['send us an? (?:dm|note)']}   # a redirect-only reply:
//     redirect_words: {en: [help, look]}                     # ... made of nothing else
//     redirect_topic_words: {en: [browser]}   # ... unless the customer named it
//     channel_words: {en: [contact]}          # they asked how to reach the team
//     question_phrases: {en: ['how (?:do|can) i']}  # ... a question of theirs it leaves open
//     account_words: {en: [refund]}           # ... unless only their account can settle it
//     self_service_words: {en: [faq]}         # ... and the redirect is to a private channel
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
// A redirect-only reply ("Send us a DM so we can help", «Напишите нам в
// личные сообщения») is overuse at any length, with no library: see
// RedirectOnly().
//
// Across conversations (audit, eval): each reply's MinHash signature is
// compared, through LSH banding, with earlier replies of the same agent; a
// near-identical one sent to another customer whose messages differ makes
// the later reply overuse. Memory stays flat: only the last kWindow indexed
// replies are kept.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "base/string_hash.h"
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
constexpr size_t kWindow = 100000;  // indexed replies kept
constexpr size_t kMaxNamed = 3;     // other conversations named in a finding
// A fingerprint: the reply's and the customer's MinHash values, whether the
// reply fits the customer's message, and the finding's span.
constexpr size_t kFitsAt = kReplyHashes + kCustomerHashes;
constexpr size_t kSpanAt = kFitsAt + 1;
constexpr size_t kFingerprintSize = kSpanAt + 2;
// Two stems are one word's derivations («доставляете» / «доставка») when
// they share this many leading letters and differ only after them.
constexpr size_t kSharedRoot = 5;
// A redirect-only reply counts when the customer's last message holds at
// least this many content words that are not generic: something to answer.
constexpr size_t kMinAsked = 2;

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

#if defined(__x86_64__)
// The least Mix(e ^ seeds[k]) of any element e, for each k < N, taken
// element by element: four seeds at a time in AVX2's 64-bit lanes, which
// makes it about twice as quick as the scalar loop below (a twentieth of a
// generated audit's instructions went to MinHash). Same values.
template <size_t N>
__attribute__((target("avx2"))) void LeastMixedAvx2(const std::vector<uint64_t>& elements, const uint64_t* seeds,
                                                    uint64_t* best) {
  for (uint64_t e : elements) {
    for (size_t k = 0; k < N; ++k) {
      const uint64_t v = Mix(e ^ seeds[k]);
      best[k] = v < best[k] ? v : best[k];
    }
  }
}
#endif

// MinHash: for each of N seeds, the least mixed hash of any element.
template <size_t N>
void MinHash(const std::vector<uint64_t>& elements, std::vector<uint32_t>* out) {
  uint64_t seeds[N], best[N];
  for (size_t k = 0; k < N; ++k) {
    seeds[k] = Mix(k + 1);
    best[k] = ~0ull;
  }
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    LeastMixedAvx2<N>(elements, seeds, best);
  } else
#endif
  {
    // Seed by seed: without vector lanes the element loop is the quicker one.
    for (size_t k = 0; k < N; ++k) {
      for (uint64_t e : elements) best[k] = std::min(best[k], Mix(e ^ seeds[k]));
    }
  }
  for (size_t k = 0; k < N; ++k) out->push_back(static_cast<uint32_t>(best[k] >> 32));
}

double Similarity(const uint32_t* a, const uint32_t* b, size_t n) {
  size_t same = 0;
  for (size_t k = 0; k < n; ++k) same += a[k] == b[k];
  return static_cast<double>(same) / static_cast<double>(n);
}

// Words and stems, looked up by string_view without a copy. Hashed: the
// check looks up every word of the reply and of the customer's messages.
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// True when `s` holds more than `n` code points (without counting them all).
bool LongerThan(std::string_view s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < s.size() && count <= n; ++count) DecodeUtf8(s, &i);
  return count > n;
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
    WordSet stop_words;                       // folded
    WordSet generic;                          // stems of generic_words
    WordSet specific;                         // stems of specific_words
    std::map<Lang, PhraseMatcher> redirects;  // redirect_phrases
    WordSet redirect_words;                   // stems: the vocabulary of redirect macros
    WordSet redirect_topic;                   // stems: troubleshooting objects (app, browser)
    WordSet channel_words;                    // stems: ways to reach the team (contact, DM)
    std::map<Lang, PhraseMatcher> questions;  // question_phrases: questions without a mark
    WordSet account_words;                    // stems: what needs their account (refund, order)
    WordSet self_service;                     // stems: public self-service redirects (faq, cache)
    WordSet contact_words;                    // stems: an address or a link asked for (почта, link)
  };

  TemplateOveruseCheck(const RuleSpec& spec, Params p) : Check(spec), p_(std::move(p)) {}

  const CrossCheck* cross() const override { return this; }

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    if (HandsOver(ctx)) return;  // the next agent gives the answer
    const Analysis& a = Analyse(ctx);
    if (!StockTemplate(ctx, a, out)) RedirectOnly(ctx, a.reading, out);
  }

  std::vector<uint32_t> Fingerprint(const MessageContext& ctx) const override {
    std::vector<uint32_t> fp;
    const Analysis& a = Analyse(ctx);
    const Reading& r = a.reading;
    if (r.content.size() < static_cast<size_t>(p_.duplicate_min_words)) return fp;
    if (a.asked->empty()) return fp;  // nobody asked anything: a notice may well repeat
    // Shingles of two consecutive content stems: the reply's wording.
    std::vector<uint64_t> shingles;
    for (size_t i = 0; i + 1 < r.content.size(); ++i) {
      shingles.push_back(HashString((*r.stems)[r.content[i]], 0) ^ (HashString((*r.stems)[r.content[i + 1]], 1) << 1));
    }
    fp.reserve(kFingerprintSize);
    MinHash<kReplyHashes>(shingles, &fp);
    Scratch& s = ScratchOf(ctx);
    if (s.hashed_version != s.asked_version) {  // many replies to one long question hash it once
      std::vector<uint64_t> asked;
      for (const std::string& w : s.asked) asked.push_back(HashString(w, 2));
      s.asked_hashes.clear();
      MinHash<kCustomerHashes>(asked, &s.asked_hashes);
      s.hashed_version = s.asked_version;
    }
    fp.insert(fp.end(), s.asked_hashes.begin(), s.asked_hashes.end());
    fp.push_back(Fits(ctx, r, *a.asked) ? 1 : 0);
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
    // Per token (ConversationWords::Stems of the reply; valid while its
    // conversation is analysed, as the reading is).
    const std::vector<std::string>* stems = nullptr;
    std::vector<bool> stock;    // per token: inside a stock phrase
    std::vector<bool> library;  // per token: inside a shingle of a library template
    std::vector<bool> proper;   // per token: capitalised inside a sentence (a proper name)
    size_t library_hits = 0;    // content words the library covers
    size_t best_template = 0;
    Span span;  // from the first content word to the last
  };

  // Whether the reply answers this customer's message rather than someone
  // else's: it takes up one of the words they wrote since the previous agent
  // message (outside stock phrases; a derivation counts: «выйти» is not
  // «выхода», but «доставляете» and «доставка» share their root), or it
  // opens with a yes or a no to their question. Weak evidence on purpose:
  // a copied answer that shares nothing with the question is the only kind
  // a reader would call a misfit without knowing the product.
  bool Fits(const MessageContext& ctx, const Reading& r, const WordSet& asked) const {
    for (size_t k : r.content) {
      if (r.stock[k] || p_.generic.count((*r.stems)[k])) continue;
      const std::string& stem = (*r.stems)[k];
      if (asked.count(stem)) return true;
      if (!LongerThan(stem, kSharedRoot - 1)) continue;
      for (const std::string& w : asked) {
        if (SharesRoot(stem, w)) return true;
      }
    }
    return OpensWithPolarAnswer(ctx) || (AsksWhich(ctx) && Enumerates(ctx.text().text())) ||
           (AsksForContact(ctx) && HoldsContact(ctx.text().text()));
  }

  // They asked for an address or a link («какая почта поддержки?», "what's
  // the link?"; `contact_words` in a message with a question mark since the
  // previous agent message): a reply that gives one answers them.
  bool AsksForContact(const MessageContext& ctx) const {
    for (size_t i = ctx.index; i-- > 0;) {
      const Message& m = ctx.conversation.messages[i];
      if (m.role == Role::kAgent) break;
      if (m.role != Role::kCustomer || ctx.texts[i].folded().find('?') == std::string::npos) continue;
      for (const std::string& stem : ctx.words.Stems(i)) {
        if (p_.contact_words.count(stem)) return true;
      }
    }
    return false;
  }

  // An e-mail address or a link.
  static bool HoldsContact(std::string_view text) {
    if (text.find("://") != std::string_view::npos || text.find("www.") != std::string_view::npos) return true;
    for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
      // name@host.tld: letters before, a dot after (not a social @handle).
      const size_t end = text.find_first_of(" \n\t,;", at);
      const std::string_view host = text.substr(at + 1, end == std::string_view::npos ? end : end - at - 1);
      if (at > 0 && text[at - 1] != ' ' && text[at - 1] != '\n' && host.find('.') != std::string_view::npos) {
        return true;
      }
    }
    return false;
  }

  // The customer's messages since the previous agent message ask "which" or
  // "what are" («какие …?», "which …?"): a list is the kind of answer asked for.
  static bool AsksWhich(const MessageContext& ctx) {
    static const std::unordered_set<std::string_view> kWhich = {"какие", "какой", "какая", "какое",
                                                                "каких", "which", "what"};
    for (size_t i = ctx.index; i-- > 0;) {
      const Message& m = ctx.conversation.messages[i];
      if (m.role == Role::kAgent) break;
      if (m.role != Role::kCustomer) continue;
      const MessageText& t = ctx.texts[i];
      if (t.folded().find('?') == std::string::npos) continue;
      for (const Token& w : Tokenize(t.folded(), 0, t.body_end())) {
        if (kWhich.count(std::string_view(t.folded()).substr(w.span.start, w.span.size()))) return true;
      }
    }
    return false;
  }

  // A numbered list of at least two items («1. … 2. …», "1) … 2) …").
  static bool Enumerates(std::string_view text) {
    char next = '1';
    for (size_t i = 0; i + 1 < text.size() && next <= '9'; ++i) {
      const bool starts = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == ':';
      if (starts && text[i] == next && (text[i + 1] == '.' || text[i + 1] == ')') &&
          (i + 2 == text.size() || text[i + 2] == ' ' || text[i + 2] == '\n')) {
        ++next;
      }
    }
    return next > '2';
  }

  static bool SharesRoot(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0, same = 0;
    while (i < a.size() && j < b.size() && same < kSharedRoot) {
      const size_t ai = i, bj = j;
      if (DecodeUtf8(a, &i) != DecodeUtf8(b, &j) || i - ai != j - bj) return false;
      ++same;
    }
    return same == kSharedRoot;
  }

  // «Да, …», «Нет, …», "Yes, …", "No, …" as the first word of the reply
  // after a greeting line: a direct answer to a yes/no question.
  static bool OpensWithPolarAnswer(const MessageContext& ctx) {
    static const std::unordered_set<std::string_view> kPolar = {"да", "нет", "yes", "no", "yep", "nope"};
    const std::string& folded = ctx.text().folded();
    for (size_t k = 0; k < ctx.tokens.size() && k < 12; ++k) {
      const Token& t = ctx.tokens[k];
      if (k > 0 && !t.break_before) continue;  // only sentence openings
      if (kPolar.count(std::string_view(folded).substr(t.span.start, t.span.size()))) return true;
    }
    return false;
  }

  // The reading and the customer's stems: of every customer message before
  // the reply (`customer`), and of those since the previous agent message
  // (`asked`). Both point into the thread's Scratch and stay valid until the
  // next reply is analysed.
  struct Analysis {
    Reading reading;
    const WordSet* customer = nullptr;
    const WordSet* asked = nullptr;
  };

  // Per worker thread. Run() and Fingerprint() analyse the same reply one
  // after the other (the engine runs the checks, then takes fingerprints),
  // so the second call takes the first one's analysis: the key is the
  // conversation's analysis (ConversationWords::id(), unique in the process),
  // the reply and the template library (null while the engine reads the
  // library itself). The customer's stems grow as the replies of one
  // conversation come in order, each customer message read once: rebuilding
  // them for every reply made a conversation cost the square of its length.
  struct Scratch : CheckScratch {
    uint64_t memo_conversation = 0;
    size_t memo_index = 0;
    const TemplateIndex* memo_templates = nullptr;
    Analysis analysis;

    uint64_t conversation = 0;  // whose messages [0, upto) the sets below hold
    size_t upto = 0;
    WordSet customer;  // stems of every customer message before `upto`
    WordSet asked;     // of the last customer messages that said something
    bool agent_since_asked = false;
    // MinHash of `asked` (Fingerprint()), remade only when `asked` changes.
    uint64_t asked_version = 0, hashed_version = ~0ull;
    std::vector<uint32_t> asked_hashes;
  };

  std::unique_ptr<CheckScratch> NewScratch() const override { return std::make_unique<Scratch>(); }

  static Scratch& ScratchOf(const MessageContext& ctx) {
    if (ctx.scratch != nullptr) return static_cast<Scratch&>(*ctx.scratch);
    thread_local Scratch fallback;  // a context made without a Worker
    return fallback;
  }

  // Mostly stock or library text and nothing of this customer's.
  bool StockTemplate(const MessageContext& ctx, const Analysis& a, std::vector<Finding>* out) const {
    const Reading& r = a.reading;
    if (r.content.size() < static_cast<size_t>(p_.min_words)) return false;
    size_t covered = 0, own = 0, echoed_template = 0, generic = 0;
    bool specific = false;
    const WordSet& customer = *a.customer;
    WordSet echoed;
    for (size_t k : r.content) {
      const bool is_stock = r.stock[k];
      if (!is_stock && !r.library[k] && p_.generic.count((*r.stems)[k])) {
        ++covered;  // «вопрос», "issue": says nothing about this customer
        ++generic;
        continue;
      }
      if (is_stock || r.library[k]) {
        ++covered;
        // A template that uses the customer's own words answers them; a
        // stock phrase never does («ваш заказ очень важен для нас»).
        if (!is_stock && customer.count((*r.stems)[k]) && echoed.insert((*r.stems)[k]).second) ++echoed_template;
        continue;
      }
      ++own;
      // Their details, a number or code, a date or day, or a proper name
      // (a colleague, a place, a product) say this reply is about them.
      if (ctx.tokens[k].has_digit || customer.count((*r.stems)[k]) || p_.specific.count((*r.stems)[k]) || r.proper[k]) {
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
    if (specific || share < p_.min_coverage || real < 2 || real * 3 < r.content.size()) return false;
    const bool library = r.library_hits > 0 && r.library_hits * 2 >= covered - generic;
    std::vector<std::pair<std::string, std::string>> vars = {{"share", Percent(share)}};
    if (library) vars.emplace_back("template", ctx.templates->name(r.best_template));
    out->push_back(WithSuggestion(ctx, Make(ctx, r.span, library ? "library" : "stock", "", vars), "restate"));
    return true;
  }

  // A redirect-only macro ("Send us a DM so we can look into this", «Напишите
  // нам в личные сообщения»): the first reply of the thread does nothing but
  // send the customer elsewhere. Every word of it is a greeting, courtesy,
  // the redirect itself or the small vocabulary such macros are made of
  // (`redirect_words`, `generic_words`); a word of any other kind — their
  // order, their number, a request for a named detail ("your booking
  // reference"), a restated problem — makes it a reply to them. Any length:
  // the shortest macros are the commonest on social channels. It counts only
  // when the customer asked something (a question mark, or a question or
  // request without one: `question_phrases`): to a complaint or a report
  // that needs their account, "DM us so we can look into it" is the fitting
  // first step; to "how do I add a second driver?" it is a brush-off. A
  // question about their money, order or account (`account_words`: "what
  // can I do to get a refund?") needs the private channel, so there a
  // redirect to it fits (not one to the help centre). Quiet too when the customer asked for the channel the reply names ("can you
  // DM me?"), when a troubleshooting object in it (`redirect_topic_words`:
  // app, browser) is one they mentioned, and after the first reply: later in
  // a thread a redirect continues a conversation that has already dealt with them.
  void RedirectOnly(const MessageContext& ctx, const Reading& r, std::vector<Finding>* out) const {
    const auto matcher = p_.redirects.find(ctx.reply_lang());
    if (matcher == p_.redirects.end() || matcher->second.empty()) return;
    for (size_t i = 0; i < ctx.index; ++i) {
      if (ctx.conversation.messages[i].role == Role::kAgent) return;
    }
    const MessageText& t = ctx.text();
    const std::string& folded = t.folded();
    std::vector<Span> redirects;
    for (const Span& m : matcher->second.Find(folded)) {
      if (m.end <= t.body_end()) redirects.push_back(m);
    }
    if (redirects.empty()) return;
    Scratch& s = ScratchOf(ctx);
    CustomerStems(ctx, &s);
    // Nothing of theirs to answer yet ("Can someone help me?"), or they asked
    // how to reach the team ("Who should I contact?"): a redirect is the answer.
    size_t said = 0;
    bool account = false;
    for (const std::string& w : s.asked) {
      if (p_.channel_words.count(w)) return;
      account = account || p_.account_words.count(w);
      said += !p_.generic.count(w);
    }
    if (said < kMinAsked || !AskedSomething(ctx)) return;
    auto inside = [](const std::vector<Span>& spans, Span w) {
      for (const Span& x : spans) {
        if (w.start >= x.start && w.end <= x.end) return true;
      }
      return false;
    };
    // Their money, order or account, and a redirect to a private channel
    // ("DM us", «напишите в личные сообщения»): the redirect fits. One to
    // self-service (the help centre, clearing the cache) does not.
    if (account) {
      bool self_service = false;
      for (size_t k = 0; k < ctx.tokens.size() && !self_service; ++k) {
        self_service = inside(redirects, ctx.tokens[k].span) && p_.self_service.count((*r.stems)[k]);
      }
      if (!self_service) return;
    }
    const std::vector<Span> skipped = NonWords(folded, t.body_end());
    const WordSet names = NameWords(ctx);
    const size_t sign_off = SignOffStart(ctx, names);
    size_t first = ctx.tokens.size(), last = 0;
    bool redirect_seen = false;
    for (size_t k = 0; k < ctx.tokens.size(); ++k) {
      const Token& tok = ctx.tokens[k];
      if (tok.span.start >= sign_off) break;
      if (inside(skipped, tok.span)) continue;
      if (tok.has_digit) return;  // a number, a code, a time: about them
      first = std::min(first, k);
      last = k;
      const std::string_view w = std::string_view(folded).substr(tok.span.start, tok.span.size());
      if (!LongerThan(w, 1) || p_.stop_words.count(w) || names.count(w) || InAddress(ctx, tok.span)) continue;
      const std::string& stem = (*r.stems)[k];
      if (inside(redirects, tok.span)) {
        redirect_seen = true;
        // They asked for this channel: the redirect answers them.
        if (!p_.generic.count(stem) && s.asked.count(stem)) return;
        continue;
      }
      if (p_.redirect_topic.count(stem)) {
        if (s.customer.count(stem)) return;
        continue;
      }
      if (r.stock[k] || p_.redirect_words.count(stem) || p_.generic.count(stem)) continue;
      return;  // a word of the agent's own
    }
    if (!redirect_seen) return;
    // Whole sentences, but not the @handle or link before the first word.
    const Span span = {ctx.tokens[first].span.start, SentenceSpan(t.text(), ctx.tokens, first, last).end};
    const Span& m = redirects.front();
    // The message names what the reply leaves out: the customer's own words.
    out->push_back(WithSuggestion(
        ctx,
        Make(ctx, span, "redirect", "",
             {{"redirect", t.text().substr(m.start, m.size())}, {"question", Head(LastQuestion(ctx), 60)}}),
        "redirect"));
  }

  // Whether the customer's messages since the last agent reply hold a
  // question: a question mark outside links and not beside an exclamation
  // mark ("WHAT?!" is outrage), or one of `question_phrases` in a sentence
  // that does not end with an exclamation mark ("why is this so hard!").
  bool AskedSomething(const MessageContext& ctx) const {
    const auto phrases = p_.questions.find(ctx.reply_lang());
    for (size_t i = ctx.index; i-- > 0;) {
      const Message& m = ctx.conversation.messages[i];
      if (m.role == Role::kAgent) break;
      if (m.role != Role::kCustomer) continue;
      const MessageText& t = ctx.texts[i];
      const std::string_view body = std::string_view(t.text()).substr(0, t.body_end());
      const std::vector<Span> links = NonWords(body, body.size());
      // An exclamation mark ends the sentence, or stands beside its question mark.
      auto outrage = [&](size_t at) {
        return body[at] == '!' || (at > 0 && body[at - 1] == '!') || (at + 1 < body.size() && body[at + 1] == '!');
      };
      for (size_t at = body.find('?'); at != std::string_view::npos; at = body.find('?', at + 1)) {
        bool in_link = false;
        for (const Span& l : links) in_link = in_link || (at >= l.start && at < l.end);
        if (!in_link && !outrage(at)) return true;
      }
      if (body.find("\xef\xbc\x9f") != std::string_view::npos) return true;  // fullwidth question mark
      if (phrases == p_.questions.end() || phrases->second.empty()) continue;
      for (const Span& q : phrases->second.Find(std::string_view(t.folded()).substr(0, t.body_end()))) {
        const size_t stop = body.find_first_of(".!?\n", q.end);
        if (stop == std::string_view::npos || !outrage(stop)) return true;
      }
    }
    return false;
  }

  // A link written without its scheme: "help.acme.example", "acme.example/faq":
  // ASCII only, a dot between letters, a last label of two letters or more.
  static bool BareDomain(std::string_view chunk) {
    while (!chunk.empty() && std::string_view(".,;:!?)").find(chunk.back()) != std::string_view::npos) {
      chunk.remove_suffix(1);
    }
    const std::string_view host = chunk.substr(0, chunk.find('/'));
    const size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    for (unsigned char c : chunk) {
      if (c >= 0x80) return false;
    }
    const std::string_view tld = host.substr(dot + 1);
    if (tld.size() < 2 || !std::isalpha(static_cast<unsigned char>(host[dot - 1]))) return false;
    return std::all_of(tld.begin(), tld.end(), [](unsigned char c) { return std::isalpha(c); });
  }

  // Spans of the text that hold no words of the reply: links, e-mail
  // addresses, @handles, social sign-offs ("^JS", "*Dana", "-Lee") and
  // links without a scheme.
  static std::vector<Span> NonWords(std::string_view text, size_t end) {
    std::vector<Span> out;
    size_t i = 0;
    while (i < end) {
      while (i < end && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) ++i;
      size_t j = i;
      while (j < end && !(text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '\r')) ++j;
      const std::string_view chunk = text.substr(i, j - i);
      const bool sign = chunk.size() > 1 &&
                        (chunk[0] == '^' || chunk[0] == '*' || chunk[0] == '~' ||
                         ((chunk[0] == '-' || chunk[0] == '/') && std::isalpha(static_cast<unsigned char>(chunk[1]))));
      if (!chunk.empty() && (chunk.find("://") != std::string_view::npos || chunk.rfind("www.", 0) == 0 ||
                             chunk.find('@') != std::string_view::npos || sign || BareDomain(chunk))) {
        out.push_back({i, j});
      }
      i = j;
    }
    return out;
  }

  const Analysis& Analyse(const MessageContext& ctx) const {
    Scratch& s = ScratchOf(ctx);
    if (s.memo_conversation == ctx.words.id() && s.memo_index == ctx.index && s.memo_templates == ctx.templates) {
      return s.analysis;
    }
    s.memo_conversation = 0;
    s.analysis.reading = Read(ctx);
    const size_t needed = static_cast<size_t>(std::min(p_.min_words, p_.duplicate_min_words));
    if (s.analysis.reading.content.size() >= needed) CustomerStems(ctx, &s);
    s.analysis.customer = &s.customer;
    s.analysis.asked = &s.asked;
    s.memo_conversation = ctx.words.id();
    s.memo_index = ctx.index;
    s.memo_templates = ctx.templates;
    return s.analysis;
  }

  Reading Read(const MessageContext& ctx) const {
    Reading r;
    const std::string& folded = ctx.text().folded();
    const std::vector<Token>& tokens = ctx.tokens;
    r.stems = &ctx.words.Stems(ctx.index);
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
    const WordSet names = NameWords(ctx);
    const size_t sign_off = SignOffStart(ctx, names);
    r.proper.assign(tokens.size(), false);
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (tokens[k].span.start >= sign_off) break;
      const std::string_view w = std::string_view(folded).substr(tokens[k].span.start, tokens[k].span.size());
      if (!tokens[k].has_digit && (!LongerThan(w, 1) || p_.stop_words.count(w))) continue;
      if (names.count(w) || InAddress(ctx, tokens[k].span)) continue;
      r.proper[k] = !tokens[k].has_digit && !SentenceStart(ctx.text().text(), tokens, k) &&
                    ctx.text().text().compare(tokens[k].span.start, w.size(), w.data(), w.size()) != 0;
      r.content.push_back(k);
      if (r.library[k] && !r.stock[k]) ++r.library_hits;
    }
    if (!r.content.empty()) r.span = SentenceSpan(ctx.text().text(), tokens, r.content.front(), r.content.back());
    return r;
  }

  // From the start of the sentence of token `first` to the end of the
  // sentence of token `last`, its closing punctuation included: a finding
  // never starts or stops mid-sentence.
  static Span SentenceSpan(const std::string& text, const std::vector<Token>& tokens, size_t first, size_t last) {
    while (first > 0 && !tokens[first].break_before &&
           text.find('\n', tokens[first - 1].span.end) >= tokens[first].span.start) {
      --first;
    }
    while (last + 1 < tokens.size() && !tokens[last + 1].break_before &&
           text.find('\n', tokens[last].span.end) >= tokens[last + 1].span.start) {
      ++last;
    }
    size_t end = tokens[last].span.end;
    for (size_t i = end; i < text.size();) {
      const char32_t c = DecodeUtf8(text, &i);
      if (!(c == '.' || c == '!' || c == '?' || c == ')' || c == '"' || c == U'…' || c == U'»')) break;
      end = i;
    }
    return {tokens[first].span.start, end};
  }

  // Words of the customer's, the agent's and the customer's own name form.
  static WordSet NameWords(const MessageContext& ctx) {
    WordSet out;
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
    const std::string_view gap =
        std::string_view(text).substr(tokens[k - 1].span.end, tokens[k].span.start - tokens[k - 1].span.end);
    return gap.find_first_of("\n:«\"(") != std::string_view::npos;
  }

  // A capitalised given name (a signature line such as «Иван Петров»).
  static bool IsCapitalisedName(const std::string& text, Span s, std::string_view folded) {
    if (text.compare(s.start, s.size(), folded.data(), folded.size()) == 0) return false;  // lower case
    return GivenNames::Instance().IsGivenName(folded);
  }

  // Where the sign-off starts: the last of the final few lines that holds
  // only stop words and names («С уважением,» / "Best regards,") or a few
  // capitalised words (a team or title line), or the body's end.
  size_t SignOffStart(const MessageContext& ctx, const WordSet& names) const {
    const MessageText& t = ctx.text();
    size_t start = t.body_end();
    size_t seen = 0;
    for (size_t i = t.lines().size(); i-- > 0 && seen < 4;) {
      const Span l = t.lines()[i];
      if (l.start >= t.body_end() || t.quoted(i)) continue;
      // The line's tokens: the reply's own (a token never spans a line break).
      const auto first = std::lower_bound(ctx.tokens.begin(), ctx.tokens.end(), l.start,
                                          [](const Token& w, size_t at) { return w.span.start < at; });
      auto last = first;
      while (last != ctx.tokens.end() && last->span.end <= l.end) ++last;
      if (first == last) continue;
      ++seen;
      bool neutral = true, titled = last - first <= 4;
      for (auto it = first; it != last; ++it) {
        const Token& w = *it;
        const std::string_view s = std::string_view(t.folded()).substr(w.span.start, w.span.size());
        if (!p_.stop_words.count(s) && !names.count(s) && !IsCapitalisedName(t.text(), w.span, s)) neutral = false;
        titled = titled && t.text().compare(w.span.start, w.span.size(), s.data(), s.size()) != 0;
      }
      // A team or title line under the name: "TaskHive Support", "Complaints Team, Harbour Bank".
      if (!neutral && !titled) break;
      start = l.start;
    }
    return start;
  }

  // Brings the customer's stems in `s` up to the reply: of every customer
  // message before it (`customer`), and of the last ones since an agent
  // message that said something (`asked`: walking back from the reply, the
  // customer messages up to the agent message before the latest one with
  // content words). Reads each message once per conversation.
  void CustomerStems(const MessageContext& ctx, Scratch* s) const {
    if (s->conversation != ctx.words.id() || s->upto > ctx.index) {
      s->conversation = ctx.words.id();
      s->upto = 0;
      s->customer.clear();
      s->asked.clear();
      s->agent_since_asked = false;
      ++s->asked_version;
    }
    for (; s->upto < ctx.index; ++s->upto) {
      const size_t i = s->upto;
      const Message& m = ctx.conversation.messages[i];
      if (m.role == Role::kAgent) s->agent_since_asked = true;
      if (m.role != Role::kCustomer) continue;
      const MessageText& t = ctx.texts[i];
      const std::vector<Token>& tokens = ctx.words.Tokens(i);
      const std::vector<std::string>& stems = ctx.words.Stems(i);
      for (size_t k = 0; k < tokens.size(); ++k) {
        const std::string_view w = std::string_view(t.folded()).substr(tokens[k].span.start, tokens[k].span.size());
        if (tokens[k].has_digit ? w.size() < 2 : (!LongerThan(w, 2) || p_.stop_words.count(w))) continue;
        if (p_.generic.count(stems[k])) continue;
        s->customer.insert(stems[k]);
        if (s->agent_since_asked) {  // the first words after an agent's reply open a new question
          s->asked.clear();
          s->agent_since_asked = false;
        }
        s->asked.insert(stems[k]);
        ++s->asked_version;
      }
    }
  }

  // The suggestion names the customer's question when there is one.
  // `key` names the suggestion; "restate_any" when the customer wrote nothing.
  Finding WithSuggestion(const MessageContext& ctx, Finding f, const std::string& key_with_question) const {
    const std::string question = LastQuestion(ctx);
    const std::string& key = question.empty() ? std::string("restate_any") : key_with_question;
    auto s = spec().suggestions.find(key);
    if (s != spec().suggestions.end())
      f.suggestion = FormatMessage(s->second.For(ctx.reply_lang()), {{"question", question}});
    return f;
  }

  // The head of the customer's last message before the reply, or "".
  static std::string LastQuestion(const MessageContext& ctx) {
    for (size_t i = ctx.index; i-- > 0;) {
      const Message& m = ctx.conversation.messages[i];
      if (m.role == Role::kAgent) break;
      if (m.role != Role::kCustomer) continue;
      const MessageText& t = ctx.texts[i];
      std::string_view body = std::string_view(t.text()).substr(0, t.body_end());
      while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.remove_suffix(1);
      // Not the @handles a social message opens with (".@Acme @Bob My order…").
      for (;;) {
        const size_t at = body.find_first_not_of(" .\n");
        if (at == std::string_view::npos || body[at] != '@') break;
        const size_t end = body.find_first_of(" \n", at);
        body = end == std::string_view::npos ? std::string_view() : body.substr(end);
      }
      body.remove_prefix(std::min(body.size(), body.find_first_not_of(" \n")));
      if (!body.empty()) return Head(body, 120);
    }
    return "";
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
      if (fp.size() != kFingerprintSize) return;
      // A knowledge-base answer that fits this customer's message is the
      // right answer, however often the team sends it; it is still indexed,
      // so a later copy that does not fit is named against it.
      const bool fits = fp[kFitsAt] != 0;
      const Message& m = c.messages[r->message];
      const std::string& agent = m.AgentKey();
      if (agent.empty()) return;
      const uint64_t agent_key = HashString(agent, 3);
      std::array<uint64_t, kBands> keys;
      for (size_t b = 0; b < kBands; ++b) {
        uint64_t h = agent_key ^ Mix(b + 17);
        for (size_t k = 0; k < kRows; ++k) h = Mix(h ^ fp[b * kRows + k]);
        keys[b] = h;
      }
      // Candidates: earlier replies sharing a band, verified on the signature.
      seen_.clear();
      std::vector<uint64_t> matches;  // entry ids
      double best = 0;
      for (uint64_t key : keys) {
        auto range = bands_.equal_range(key);
        for (auto it = range.first; it != range.second; ++it) {
          if (!seen_.insert(it->second).second) continue;
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
      if (!matches.empty() && !fits) Report(c, fp, r, std::move(matches), best);
      Remember(c, fp, agent, keys);
    }

   private:
    // Fixed-size signatures: a full window is 100 000 of these, and the
    // oldest is dropped for every new one.
    struct Entry {
      std::string agent;
      std::string conversation;
      std::string customer_email;
      std::array<uint32_t, kReplyHashes> reply;
      std::array<uint32_t, kCustomerHashes> asked;
      std::array<uint64_t, kBands> keys;
    };

    void Report(const Conversation& c, const std::vector<uint32_t>& fp, MessageResult* r, std::vector<uint64_t> matches,
                double similarity) {
      for (const Finding& f : r->findings) {
        if (f.rule == check_.spec().id) return;  // already overuse on its own
      }
      std::sort(matches.begin(), matches.end());  // earliest first
      const Lang lang = r->lang == Lang::kRu ? Lang::kRu : Lang::kEn;
      std::string others;
      std::vector<std::string> named;
      for (size_t i = 0; i < matches.size() && i < kMaxNamed; ++i) {
        named.push_back(entries_[matches[i] - first_].conversation);
        others += (i ? ", " : "") + named.back();
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
      f.start = std::min<size_t>(fp[kSpanAt], m.text.size());
      f.end = std::max(f.start, std::min<size_t>(fp[kSpanAt + 1], m.text.size()));
      f.text = m.text.substr(f.start, f.end - f.start);
      const auto msg = check_.spec().messages.find("duplicate");
      f.message_text = FormatMessage(msg->second.For(lang), {{"similarity", Percent(similarity)}, {"others", others}});
      const auto sug = check_.spec().suggestions.find("restate_any");
      f.suggestion = sug->second.For(lang);
      f.conversations = std::move(named);
      r->findings.push_back(std::move(f));
    }

    void Remember(const Conversation& c, const std::vector<uint32_t>& fp, const std::string& agent,
                  const std::array<uint64_t, kBands>& keys) {
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
      Entry& e = entries_.emplace_back();
      e.agent = agent;
      e.conversation = c.id;
      e.customer_email = c.customer.email;
      std::copy(fp.begin(), fp.begin() + kReplyHashes, e.reply.begin());
      std::copy(fp.begin() + kReplyHashes, fp.begin() + kReplyHashes + kCustomerHashes, e.asked.begin());
      e.keys = keys;
      for (uint64_t key : keys) bands_.emplace(key, id);
    }

    const TemplateOveruseCheck& check_;
    std::deque<Entry> entries_;                          // the window, oldest first
    uint64_t first_ = 0;                                 // id of entries_.front()
    std::unordered_multimap<uint64_t, uint64_t> bands_;  // band key -> entry id
    std::unordered_set<uint64_t> seen_;                  // Add(): candidates already verified
  };

  Params p_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeTemplateOveruseCheck(const RuleSpec& spec) {
  if (Status st =
          RequireTexts(spec, {"library", "stock", "duplicate", "redirect"}, {"restate", "restate_any", "redirect"});
      !st.ok()) {
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
  p.stop_words = {stop->begin(), stop->end()};
  // Word lists are kept as Snowball stems, so every form of a word counts.
  auto stems = [&](const char* key, WordSet* out) -> Status {
    auto list = FoldedWords(params, key);
    if (!list.ok()) return list.status();
    for (const std::string& w : *list) out->insert(StemByScript(w));
    return Status::Ok();
  };
  for (auto [key, set] : {std::pair{"generic_words", &p.generic}, std::pair{"specific_words", &p.specific},
                          std::pair{"redirect_words", &p.redirect_words},
                          std::pair{"redirect_topic_words", &p.redirect_topic},
                          std::pair{"channel_words", &p.channel_words}, std::pair{"account_words", &p.account_words},
                          std::pair{"self_service_words", &p.self_service},
                          std::pair{"contact_words", &p.contact_words}}) {
    if (Status st = stems(key, set); !st.ok()) return st;
  }
  for (auto [key, map] : {std::pair{"redirect_phrases", &p.redirects}, std::pair{"question_phrases", &p.questions}}) {
    auto matchers = PhraseMatchersByLang(params, key);
    if (!matchers.ok()) return matchers.status();
    *map = std::move(*matchers);
  }
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new TemplateOveruseCheck(spec, std::move(p)));
}

}  // namespace replylint
