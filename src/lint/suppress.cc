// Inline directives and baselines for lint-templates (see suppress.h).
#include "lint/suppress.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

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

std::string Normalised(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return out;
}

}  // namespace

std::string Fingerprint(const ReplyTemplate& t, const Finding& f) {
  // FNV-1a 64 over rule, template and text: stable across builds and platforms.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  mix(f.rule);
  mix(t.id.empty() ? t.file : t.id);
  mix(f.field);
  mix(Normalised(f.text));
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

StatusOr<std::set<std::string>> ReadBaseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read the baseline");
  std::set<std::string> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const std::string fp = line.substr(0, line.find('\t'));
    if (fp.size() != 16 || fp.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": not a baseline line (a fingerprint first)");
    }
    out.insert(fp);
  }
  return out;
}

void WriteBaseline(const LintResult& result, std::ostream& out) {
  out << "# replylint baseline: findings accepted when it was written; lint-templates --baseline reports only\n"
         "# the others. Fingerprint, rule, template, text. Delete a line to report its finding again.\n";
  std::set<std::string> seen;
  for (const TemplateFinding& f : result.findings) {
    const ReplyTemplate& t = result.templates[f.template_index];
    const std::string fp = Fingerprint(t, f.finding);
    if (!seen.insert(fp).second) continue;
    std::string text = Normalised(f.finding.text);
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
