#include "checks/check.h"

namespace replylint {

std::string FormatMessage(const std::string& tmpl, const std::vector<std::pair<std::string, std::string>>& vars) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
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
  f.message_text = m == spec_.messages.end() ? message_key : FormatMessage(m->second.For(lang), vars);
  if (!suggestion_key.empty()) {
    auto s = spec_.suggestions.find(suggestion_key);
    f.suggestion = s == spec_.suggestions.end() ? suggestion_key : FormatMessage(s->second.For(lang), vars);
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
