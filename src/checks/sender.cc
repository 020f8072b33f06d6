// no-reply-sender: email sent from an address the customer cannot answer, or
// text that tells the customer not to reply.
//
// Minimal configuration (rules/no-reply-sender.yaml):
//   params:
//     no_reply_local_parts: [noreply, donotreply]   # compared without - _ . +
//     phrases: {ru: ["не отвечайте на это письмо"], en: ["do not reply to this email"]}
//     conditional_words: {ru: [если], en: [if, unless]}
#include <algorithm>
#include <map>

#include "checks/check.h"
#include "checks/phrase_matcher.h"
#include "text/words.h"

namespace replylint {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// "Shop <no-reply@shop.example>" -> "no-reply@shop.example".
std::string_view BareAddress(std::string_view a) {
  const size_t lt = a.find('<');
  const size_t gt = a.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) a = a.substr(lt + 1, gt - lt - 1);
  while (!a.empty() && (a.front() == ' ' || a.front() == '"')) a.remove_prefix(1);
  while (!a.empty() && (a.back() == ' ' || a.back() == '"')) a.remove_suffix(1);
  return a;
}

class NoReplySenderCheck : public Check {
 public:
  NoReplySenderCheck(const RuleSpec& spec, std::vector<std::string> local_parts, std::map<Lang, PhraseMatcher> phrases,
                     std::map<Lang, std::vector<std::string>> conditional)
      : Check(spec),
        local_parts_(std::move(local_parts)),
        phrases_(std::move(phrases)),
        conditional_(std::move(conditional)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const Message& m = ctx.message();
    if (!m.from.empty() && IsNoReply(m.from) && !HasOrdinaryReplyTo(m.reply_to)) {
      Finding f = Make(ctx, {0, 0}, "sender", "sender", {{"address", std::string(BareAddress(m.from))}});
      f.text = std::string(BareAddress(m.from));
      f.field = "from";
      out->push_back(std::move(f));
    }
    const MessageText& t = ctx.text();
    for (Lang lang : {Lang::kRu, Lang::kEn}) {
      auto it = phrases_.find(lang);
      if (it == phrases_.end()) continue;
      for (const Span& s : it->second.Find(t.folded())) {
        if (t.InQuote(s.start, s.end) || Conditional(t, s, lang)) continue;
        out->push_back(Make(ctx, s, "text", "text", {}));
      }
    }
  }

 private:
  // Compares the local part (and the first domain label) with the no-reply
  // names, ignoring separators: no-reply, no_reply, noreply+tag, ...
  bool IsNoReply(std::string_view address) const {
    const std::string a = Lower(BareAddress(address));
    const size_t at = a.find('@');
    std::string local = a.substr(0, at);
    std::string label;
    if (at != std::string::npos) label = a.substr(at + 1, a.find('.', at + 1) - at - 1);
    auto squash = [](std::string s) {
      s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == '_' || c == '.' || c == '+'; }),
              s.end());
      return s;
    };
    const std::string l = squash(local);
    const std::string d = squash(label);
    for (const auto& p : local_parts_) {
      if (l.find(p) != std::string::npos || d == p) return true;
    }
    return false;
  }

  bool HasOrdinaryReplyTo(const std::string& reply_to) const {
    size_t start = 0;
    while (start < reply_to.size()) {
      size_t comma = reply_to.find_first_of(",;", start);
      if (comma == std::string::npos) comma = reply_to.size();
      const std::string_view addr = BareAddress(std::string_view(reply_to).substr(start, comma - start));
      const size_t at = addr.find('@');
      if (at != std::string_view::npos && at > 0 && addr.find('.', at) != std::string_view::npos && !IsNoReply(addr)) {
        return true;
      }
      start = comma + 1;
    }
    return false;
  }

  // "If everything works, no need to reply" is a courtesy, not a no-reply
  // instruction: a conditional word earlier in the same sentence disarms it.
  bool Conditional(const MessageText& t, Span s, Lang lang) const {
    auto it = conditional_.find(lang);
    if (it == conditional_.end()) return false;
    const std::string& f = t.folded();
    size_t begin = s.start;
    while (begin > 0) {
      const char c = f[begin - 1];
      if (c == '.' || c == '!' || c == '?' || c == '\n') break;
      --begin;
    }
    for (const Word& w : ScanWords(f, begin, s.start)) {
      const std::string_view word = std::string_view(f).substr(w.span.start, w.span.size());
      if (std::find(it->second.begin(), it->second.end(), word) != it->second.end()) return true;
    }
    return false;
  }

  std::vector<std::string> local_parts_;
  std::map<Lang, PhraseMatcher> phrases_;
  std::map<Lang, std::vector<std::string>> conditional_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeNoReplySenderCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"sender", "text"}, {"sender", "text"}); !st.ok()) return st;
  ParamReader params(spec);
  auto parts = params.Strings("no_reply_local_parts");
  if (!parts.ok()) return parts.status();
  for (auto& p : *parts) p = Lower(p);
  auto phrases = PhraseMatchersByLang(params, "phrases");
  if (!phrases.ok()) return phrases.status();
  auto conditional = params.StringsByLang("conditional_words");
  if (!conditional.ok()) return conditional.status();
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(
      new NoReplySenderCheck(spec, std::move(*parts), std::move(*phrases), std::move(*conditional)));
}

}  // namespace replylint
