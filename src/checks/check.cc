#include "checks/check.h"

#include <unicode/plurrule.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace replylint {

namespace {

// The plural category ICU's rules give the number in `value` for the
// language ("one", "few", "many", "other"); "other" when it is no number.
std::string PluralCategory(const std::string& value, Lang lang) {
  char* end = nullptr;
  const double n = std::strtod(value.c_str(), &end);
  if (value.empty() || end == value.c_str()) return "other";
  // Built once per language; PluralRules::select is const and thread-safe.
  static const std::unique_ptr<icu::PluralRules> ru = [] {
    UErrorCode st = U_ZERO_ERROR;
    return std::unique_ptr<icu::PluralRules>(icu::PluralRules::forLocale(icu::Locale("ru"), st));
  }();
  static const std::unique_ptr<icu::PluralRules> en = [] {
    UErrorCode st = U_ZERO_ERROR;
    return std::unique_ptr<icu::PluralRules>(icu::PluralRules::forLocale(icu::Locale("en"), st));
  }();
  const icu::PluralRules* rules = lang == Lang::kRu ? ru.get() : en.get();
  if (rules == nullptr) return "other";
  std::string out;
  rules->select(n).toUTF8String(out);
  return out;
}

// The end of the brace group opened at `open` (nested braces counted), or npos.
size_t GroupEnd(const std::string& s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i;
  }
  return std::string::npos;
}

// "{count, plural, one {# line} few {# lines} other {# lines}}" (ICU
// MessageFormat's plural syntax): the case for the value's category, with
// # replaced by the value; empty when `body` is no plural group.
bool Plural(const std::string& body, const std::vector<std::pair<std::string, std::string>>& vars, Lang lang,
            std::string* out) {
  const size_t comma = body.find(',');
  if (comma == std::string::npos) return false;
  const std::string key = body.substr(0, comma);
  const size_t kind = body.find_first_not_of(' ', comma + 1);
  if (kind == std::string::npos || body.compare(kind, 7, "plural,") != 0) return false;
  auto v = std::find_if(vars.begin(), vars.end(), [&](const auto& kv) { return kv.first == key; });
  if (v == vars.end()) return false;
  const std::string want = PluralCategory(v->second, lang);
  std::string other;
  for (size_t i = kind + 7; i < body.size();) {
    const size_t name = body.find_first_not_of(' ', i);
    if (name == std::string::npos) break;
    const size_t open = body.find('{', name);
    if (open == std::string::npos) break;
    const size_t close = GroupEnd(body, open);
    if (close == std::string::npos) break;
    std::string category = body.substr(name, open - name);
    while (!category.empty() && category.back() == ' ') category.pop_back();
    std::string text = body.substr(open + 1, close - open - 1);
    for (size_t h = text.find('#'); h != std::string::npos; h = text.find('#', h + v->second.size())) {
      text.replace(h, 1, v->second);
    }
    if (category == want) {
      *out = text;
      return true;
    }
    if (category == "other") other = text;
    i = close + 1;
  }
  *out = other;
  return true;
}

}  // namespace

std::string FormatMessage(const std::string& tmpl, const std::vector<std::pair<std::string, std::string>>& vars,
                          Lang lang) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      const size_t group = GroupEnd(tmpl, i);
      std::string chosen;
      if (group != std::string::npos && Plural(tmpl.substr(i + 1, group - i - 1), vars, lang, &chosen)) {
        out += FormatMessage(chosen, vars, lang);
        i = group + 1;
        continue;
      }
      const size_t close = tmpl.find('}', i + 1);
      if (close != std::string::npos) {
        const std::string key = tmpl.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [k, v] : vars) {
          if (k == key) {
            out += v;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(tmpl[i++]);
  }
  return out;
}

Finding Check::Make(const MessageContext& ctx, Span span, const std::string& message_key,
                    const std::string& suggestion_key,
                    const std::vector<std::pair<std::string, std::string>>& vars) const {
  Finding f;
  f.rule = spec_.id;
  f.severity = spec_.severity;
  f.message = ctx.index;
  f.start = span.start;
  f.end = span.end;
  f.text = std::string(ctx.text().Slice(span));
  const Lang lang = ctx.reply_lang();
  auto m = spec_.messages.find(message_key);
  // Message keys are fixed by the check and validated at construction.
  f.message_text = m == spec_.messages.end() ? message_key : FormatMessage(m->second.For(lang), vars, lang);
  if (!suggestion_key.empty()) {
    auto s = spec_.suggestions.find(suggestion_key);
    f.suggestion = s == spec_.suggestions.end() ? suggestion_key : FormatMessage(s->second.For(lang), vars, lang);
  }
  return f;
}

const std::map<std::string, CheckFactory>& CheckRegistry() {
  static const std::map<std::string, CheckFactory> registry = {
      {"chat-length", MakeChatLengthCheck},
      {"gender-agreement", MakeGenderAgreementCheck},
      {"handoff-intro", MakeHandoffIntroCheck},
      {"missing-signature", MakeMissingSignatureCheck},
      {"name-form", MakeNameFormCheck},
      {"no-reply-sender", MakeNoReplySenderCheck},
      {"placeholder", MakePlaceholderCheck},
      {"response-time", MakeResponseTimeCheck},
      {"spelling", MakeSpellingCheck},
      {"split-notice", MakeSplitNoticeCheck},
      {"stock-phrase", MakeStockPhraseCheck},
      {"suspicious-name", MakeSuspiciousNameCheck},
      {"template-overuse", MakeTemplateOveruseCheck},
      {"unanswered-question", MakeUnansweredQuestionCheck},
      {"wrong-name", MakeWrongNameCheck},
  };
  return registry;
}

}  // namespace replylint

namespace replylint {

size_t NextSpoken(const MessageContext& ctx) {
  const auto& msgs = ctx.conversation.messages;
  size_t next = ctx.index + 1;
  while (next < msgs.size() && msgs[next].role == Role::kSystem) ++next;
  return next;
}

bool HandsOver(const MessageContext& ctx) {
  const auto& msgs = ctx.conversation.messages;
  const size_t next = NextSpoken(ctx);
  if (next >= msgs.size() || msgs[next].role != Role::kAgent) return false;
  const std::string& me = ctx.message().AgentKey();
  const std::string& them = msgs[next].AgentKey();
  return !me.empty() && !them.empty() && me != them;
}

Status RequireTexts(const RuleSpec& spec, const std::vector<std::string>& messages,
                    const std::vector<std::string>& suggestions) {
  for (const auto& m : messages) {
    if (!spec.messages.count(m))
      return Status::InvalidArgument(spec.file + ": rule " + spec.id + " needs messages." + m);
  }
  for (const auto& s : suggestions) {
    if (!spec.suggestions.count(s)) {
      return Status::InvalidArgument(spec.file + ": rule " + spec.id + " needs suggestions." + s);
    }
  }
  return Status::Ok();
}

}  // namespace replylint
