// Inline directives and baselines for lint-templates (see suppress.h).
#include "lint/suppress.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include "base/fingerprint.h"
#include "base/utf8.h"

namespace replylint {
namespace {

constexpr std::string_view kPrefix = "replylint-";

// Rules named after a directive, up to the end of the comment; empty: all.
std::set<std::string> RulesAfter(std::string_view rest) {
  const size_t close = rest.find("-->");
  if (close != std::string_view::npos) rest = rest.substr(0, close);
  std::set<std::string> rules;
  std::string word;
  for (char ch : rest) {
    if (ch == ',' || ch == ' ' || ch == '\t' || ch == '\r') {
      if (!word.empty()) rules.insert(word);
      word.clear();
    } else {
      word += ch;
    }
  }
  if (!word.empty()) rules.insert(word);
  return rules;
}

bool Names(const std::set<std::string>& rules, const std::string& rule) { return rules.empty() || rules.count(rule); }

// What the directives of one file accept: rule sets by line.
class Directives {
 public:
  explicit Directives(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    std::vector<std::set<std::string>> open;  // active `disable`s
    for (size_t n = 1; std::getline(in, line); ++n) {
      for (const auto& rules : open) Add(n, rules);
      const size_t at = line.find(kPrefix);
      if (at == std::string::npos) continue;
      // Only in a comment: `#` in YAML, `<!--` in Markdown.
      const std::string before = line.substr(0, at);
      if (before.find('#') == std::string::npos && before.find("<!--") == std::string::npos) continue;
      std::string_view rest = std::string_view(line).substr(at + kPrefix.size());
      auto take = [&](std::string_view word) {
        if (rest.substr(0, word.size()) != word) return false;
        const std::string_view after = rest.substr(word.size());
        if (!after.empty() && after[0] != ' ' && after[0] != '\t' && after.substr(0, 3) != "-->") return false;
        rest = after;
        return true;
      };
      if (take("disable-next-line")) {
        Add(n + 1, RulesAfter(rest));
      } else if (take("disable-line")) {
        Add(n, RulesAfter(rest));
      } else if (take("disable")) {
        open.push_back(RulesAfter(rest));
        Add(n, open.back());
      } else if (take("enable")) {
        const std::set<std::string> rules = RulesAfter(rest);
        if (rules.empty()) {
          open.clear();
        } else {
          // A `disable` of every rule (an empty set) stays open until a bare
          // `enable`; one of named rules closes when none is left.
          std::vector<std::set<std::string>> kept;
          for (auto& o : open) {
            if (o.empty()) {
              kept.push_back(o);
              continue;
            }
            for (const auto& r : rules) o.erase(r);
            if (!o.empty()) kept.push_back(o);
          }
          open = kept;
        }
      }
    }
  }

  bool Accepts(size_t line, const std::string& rule) const {
    auto it = by_line_.find(line);
    if (it == by_line_.end()) return false;
    for (const auto& rules : it->second) {
      if (Names(rules, rule)) return true;
    }
    return false;
  }

 private:
  void Add(size_t line, const std::set<std::string>& rules) { by_line_[line].push_back(rules); }
  std::map<size_t, std::vector<std::set<std::string>>> by_line_;
};

}  // namespace

std::string Fingerprint(const ReplyTemplate& t, const Finding& f) {
  return Fingerprint({f.rule, t.id.empty() ? t.file : t.id, f.field, NormalisedText(f.text)});
}

void WriteBaseline(const LintResult& result, std::ostream& out) {
  out << "# replylint baseline: findings accepted when it was written; lint-templates --baseline reports only\n"
         "# the others. Fingerprint, rule, template, text. Delete a line to report its finding again.\n";
  std::set<std::string> seen;
  for (const TemplateFinding& f : result.findings) {
    const ReplyTemplate& t = result.templates[f.template_index];
    const std::string fp = Fingerprint(t, f.finding);
    if (!seen.insert(fp).second) continue;
    std::string text = NormalisedText(f.finding.text);
    if (text.size() > 80) text = text.substr(0, 80);
    out << fp << '\t' << f.finding.rule << '\t' << EscapeForTerminal(t.id.empty() ? t.file : t.id) << '\t'
        << EscapeForTerminal(text) << '\n';
  }
}

void ApplySuppressions(const std::set<std::string>* baseline, LintResult* result) {
  std::map<std::string, std::unique_ptr<Directives>> files;
  std::vector<TemplateFinding> kept;
  for (TemplateFinding& f : result->findings) {
    const ReplyTemplate& t = result->templates[f.template_index];
    auto& d = files[t.file];
    if (!d) {
      std::ifstream in(t.file, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      d = std::make_unique<Directives>(ss.str());
    }
    if (d->Accepts(f.line, f.finding.rule)) {
      ++result->suppressed_inline;
    } else if (baseline && baseline->count(Fingerprint(t, f.finding))) {
      ++result->suppressed_baseline;
    } else {
      kept.push_back(std::move(f));
    }
  }
  result->findings = std::move(kept);
}

size_t SuppressInText(const std::string& text, std::vector<Finding>* findings) {
  if (text.find(kPrefix) == std::string::npos) return 0;
  const Directives d(text);
  const size_t before = findings->size();
  findings->erase(std::remove_if(findings->begin(), findings->end(),
                                 [&](const Finding& f) {
                                   const size_t line =
                                       1 + static_cast<size_t>(std::count(text.begin(), text.begin() + f.start, '\n'));
                                   return d.Accepts(line, f.rule);
                                 }),
                  findings->end());
  return before - findings->size();
}

void BlankDirectives(std::string* body) {
  auto blank = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if ((*body)[i] != '\n') (*body)[i] = ' ';
    }
  };
  for (size_t at = body->find("<!--"); at != std::string::npos; at = body->find("<!--", at + 4)) {
    const size_t end = body->find("-->", at);
    if (end == std::string::npos) break;
    if (std::string_view(*body).substr(at, end - at).find(kPrefix) != std::string_view::npos) blank(at, end + 3);
  }
  // `# replylint-...` lines inside a YAML block scalar are part of the body.
  for (size_t start = 0; start < body->size();) {
    size_t end = body->find('\n', start);
    if (end == std::string::npos) end = body->size();
    const size_t first = body->find_first_not_of(" \t", start);
    if (first < end && (*body)[first] == '#' &&
        std::string_view(*body).substr(first, end - first).find(kPrefix) != std::string_view::npos) {
      blank(first, end);
    }
    start = end + 1;
  }
}

}  // namespace replylint
