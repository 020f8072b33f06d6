#include "lint/lint.h"

#include <algorithm>
#include <tuple>

#include "base/utf8.h"
#include "lint/suppress.h"
#include "text/message_text.h"

namespace replylint {
namespace {

// What a placeholder is taken to say: a given name that is also the
// customer's, followed by a surname, so that a greeting reads as addressing
// the customer and a signature placeholder as a full name.
struct Filler {
  std::string customer;
  std::string text;
};

Filler FillerFor(Lang lang) {
  if (lang == Lang::kRu) return {"Саша", "Саша Иванова"};
  return {"Alex", "Alex Morgan"};
}

// Body offset -> file line and column.
void Locate(const ReplyTemplate& t, size_t offset, size_t* line, size_t* column) {
  const LineColumn lc = LineColumnAt(t.body, offset);
  const size_t k = std::min(lc.line - 1, t.body_lines.size() - 1);
  *line = t.body_lines[k];
  *column = t.body_columns[k] + lc.column - 1;
}

}  // namespace

LintResult LintTemplates(const Engine& engine, const std::vector<std::string>& files) {
  LintResult result;
  for (const std::string& file : files) {
    auto templates = ReadTemplateFile(file);
    if (!templates.ok()) {
      result.errors.push_back(templates.status().message());
      continue;
    }
    for (auto& t : *templates) result.templates.push_back(std::move(t));
  }
  for (std::string& e : DuplicateTemplateIds(result.templates)) result.errors.push_back(std::move(e));
  LintTemplates(engine, &result);
  return result;
}

void LintTemplates(const Engine& engine, LintResult* out) {
  LintResult& result = *out;
  auto worker = engine.NewWorker();
  for (size_t ti = 0; ti < result.templates.size(); ++ti) {
    const ReplyTemplate& t = result.templates[ti];
    const Lang lang = t.lang ? *t.lang : DetectLang(t.body);
    const Filler filler = FillerFor(lang);
    Conversation c;
    c.id = t.id.empty() ? t.file : t.id;
    c.channel = t.channel;
    c.lang = t.lang;
    c.customer.name = filler.customer;
    Message m;
    m.role = Role::kAgent;
    m.from = t.from;
    // Directives are comments to the linter, not reply text.
    std::string body = t.body;
    BlankDirectives(&body);
    m.text = body;
    c.messages.push_back(m);
    // Pass 1 finds the placeholders; pass 2 checks the text with them filled.
    std::vector<Span> slots;
    const ConversationResult first = engine.Analyze(c, worker.get());
    for (const Finding& f : first.replies[0].findings) {
      if (f.rule == "placeholder") slots.push_back({f.start, f.end});
    }
    std::string filled;
    std::vector<std::pair<size_t, Span>> replaced;  // (offset in filled, original span)
    size_t at = 0;
    for (const Span& s : slots) {
      if (s.start < at) continue;
      filled += body.substr(at, s.start - at);
      replaced.push_back({filled.size(), s});
      filled += filler.text;
      at = s.end;
    }
    filled += body.substr(at);
    auto to_body = [&](size_t off, bool is_end) {
      long delta = 0;
      for (const auto& [pos, span] : replaced) {
        if (off < pos) break;
        if (off < pos + filler.text.size() || (is_end && off == pos + filler.text.size())) {
          return is_end ? span.end : span.start;
        }
        delta += static_cast<long>(span.size()) - static_cast<long>(filler.text.size());
      }
      return static_cast<size_t>(static_cast<long>(off) + delta);
    };
    c.messages[0].text = filled;
    const ConversationResult second = engine.Analyze(c, worker.get());
    for (Finding f : second.replies[0].findings) {
      // A template is template text by definition: overuse is a property of
      // a sent reply, not of the library.
      if (f.rule == "placeholder" || f.rule == "template-overuse") continue;
      // A fix rests on a customer, and a template's is a stand-in: none is safe here.
      f.fix.reset();
      TemplateFinding tf;
      tf.template_index = ti;
      if (f.field.empty()) {
        f.start = to_body(f.start, false);
        f.end = std::max(f.start, to_body(f.end, true));
        f.text = t.body.substr(f.start, f.end - f.start);
        Locate(t, f.start, &tf.line, &tf.column);
        Locate(t, f.end, &tf.end_line, &tf.end_column);
      } else {
        // About a field: point at it ("from"), else at the template.
        tf.line = tf.end_line = f.field == "from" && t.from_line ? t.from_line : t.line;
        tf.column = tf.end_column = f.field == "from" && t.from_line ? t.from_column : 1;
      }
      tf.finding = std::move(f);
      result.findings.push_back(std::move(tf));
    }
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), [&](const auto& a, const auto& b) {
    const auto& fa = result.templates[a.template_index].file;
    const auto& fb = result.templates[b.template_index].file;
    return std::tie(fa, a.line, a.column, a.finding.rule) < std::tie(fb, b.line, b.column, b.finding.rule);
  });
}

}  // namespace replylint
