#include "report/lint_report.h"

#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "base/utf8.h"

namespace replylint {
namespace {

// SARIF wants a rule's `name` to differ from its opaque `id`, case aside
// (SARIF1001): "no-reply-sender" -> "NoReplySender", "spelling" -> "SpellingCheck".
std::string SarifRuleName(const std::string& id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return id.find('-') == std::string::npos ? out + "Check" : out;
}

using Json = nlohmann::ordered_json;

std::string RelPath(const std::string& p) {
  std::error_code ec;
  const auto rel = std::filesystem::proximate(p, ec);
  return ec ? p : rel.generic_string();
}

std::string Xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        // XML 1.0 forbids most control characters.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
    }
  }
  return out;
}

// GitHub workflow commands: data escapes % \r \n; properties also : and ,.
std::string GhData(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}
std::string GhProp(const std::string& s) {
  std::string out;
  for (char c : GhData(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

const char* SarifLevel(Severity s) {
  return s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "note";
}

std::string Name(const ReplyTemplate& t) { return t.id.empty() ? RelPath(t.file) : t.id; }

void Text(const LintResult& r, std::ostream& out) {
  // File names, template ids and template text are escaped: a template
  // cannot forge a line of the report or drive the terminal.
  for (const auto& e : r.errors) out << EscapeForTerminal(e) << '\n';
  for (const TemplateFinding& f : r.findings) {
    const ReplyTemplate& t = r.templates[f.template_index];
    out << EscapeForTerminal(RelPath(t.file)) << ':' << f.line << ':' << f.column << ": "
        << SeverityName(f.finding.severity) << " [" << f.finding.rule << "] "
        << EscapeForTerminal(f.finding.message_text) << " (template " << EscapeForTerminal(Name(t)) << ")\n";
    if (!f.finding.suggestion.empty()) {
      std::string s = EscapeForTerminal(f.finding.suggestion, /*keep_newlines=*/true);
      for (size_t p = s.find('\n'); p != std::string::npos; p = s.find('\n', p + 1)) s.replace(p, 1, "\n    ");
      out << "  → " << s << '\n';
    }
  }
  out << r.templates.size() << " templates checked, " << r.findings.size() << " findings, ";
  // Accepted findings are counted, so that nothing disappears unseen.
  if (r.suppressed_inline + r.suppressed_baseline > 0) {
    out << r.suppressed_inline + r.suppressed_baseline << " suppressed (" << r.suppressed_inline << " inline, "
        << r.suppressed_baseline << " baseline), ";
  }
  out << r.errors.size() << " files with errors\n";
}

void JsonOut(const LintResult& r, std::ostream& out) {
  Json j;
  j["templates"] = r.templates.size();
  j["errors"] = r.errors;
  j["suppressed"] = {{"inline", r.suppressed_inline}, {"baseline", r.suppressed_baseline}};
  j["findings"] = Json::array();
  for (const TemplateFinding& f : r.findings) {
    const ReplyTemplate& t = r.templates[f.template_index];
    j["findings"].push_back({{"file", RelPath(t.file)},
                             {"template", t.id},
                             {"line", f.line},
                             {"column", f.column},
                             {"end_line", f.end_line},
                             {"end_column", f.end_column},
                             {"rule", f.finding.rule},
                             {"severity", SeverityName(f.finding.severity)},
                             {"text", f.finding.text},
                             {"message", f.finding.message_text},
                             {"suggestion", f.finding.suggestion}});
  }
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void Sarif(const LintResult& r, const RuleSet& rules, std::ostream& out) {
  Json driver;
  driver["name"] = "replylint";
  driver["version"] = "0.1.0";
  driver["informationUri"] = "https://example.invalid/replylint";
  driver["rules"] = Json::array();
  std::map<std::string, size_t> index;
  for (const RuleSpec& spec : rules.rules) {
    index[spec.id] = index.size();
    Json rule;
    rule["id"] = spec.id;
    rule["name"] = SarifRuleName(spec.id);
    rule["shortDescription"] = {{"text", spec.summary.en}};
    rule["fullDescription"] = {{"text", spec.summary.en + " / " + spec.summary.ru}};
    rule["defaultConfiguration"] = {{"level", SarifLevel(spec.severity)}, {"enabled", spec.enabled}};
    rule["properties"] = {{"category", spec.category}};
    driver["rules"].push_back(rule);
  }
  Json results = Json::array();
  for (const TemplateFinding& f : r.findings) {
    const ReplyTemplate& t = r.templates[f.template_index];
    Json res;
    res["ruleId"] = f.finding.rule;
    if (index.count(f.finding.rule)) res["ruleIndex"] = index[f.finding.rule];
    res["level"] = SarifLevel(f.finding.severity);
    std::string msg = f.finding.message_text;
    if (!f.finding.suggestion.empty()) msg += " " + f.finding.suggestion;
    res["message"] = {{"text", msg}};
    Json region = {{"startLine", f.line}, {"startColumn", f.column}};
    if (f.end_line > f.line || (f.end_line == f.line && f.end_column > f.column)) {
      region["endLine"] = f.end_line;
      region["endColumn"] = f.end_column;
    }
    res["locations"] = Json::array(
        {{{"physicalLocation",
           {{"artifactLocation", {{"uri", RelPath(t.file)}, {"uriBaseId", "%SRCROOT%"}}}, {"region", region}}}}});
    res["partialFingerprints"] = {{"replylint/v1", t.id + ":" + f.finding.rule + ":" + f.finding.text}};
    results.push_back(res);
  }
  Json run;
  run["tool"] = {{"driver", driver}};
  run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file:///"}}}};
  run["results"] = results;
  Json invocation = {{"executionSuccessful", r.errors.empty()}};
  if (!r.errors.empty()) {
    Json notes = Json::array();
    for (const auto& e : r.errors) notes.push_back({{"level", "error"}, {"message", {{"text", e}}}});
    invocation["toolExecutionNotifications"] = notes;
  }
  run["invocations"] = Json::array({invocation});
  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({run});
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void Junit(const LintResult& r, std::ostream& out) {
  size_t failures = 0;
  std::vector<std::vector<const TemplateFinding*>> by_template(r.templates.size());
  for (const auto& f : r.findings) by_template[f.template_index].push_back(&f);
  for (const auto& v : by_template) failures += v.empty() ? 0 : 1;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"replylint\" tests=\"" << r.templates.size() + r.errors.size() << "\" failures=\""
      << failures << "\" errors=\"" << r.errors.size() << "\">\n";
  out << "  <testsuite name=\"lint-templates\" tests=\"" << r.templates.size() + r.errors.size() << "\" failures=\""
      << failures << "\" errors=\"" << r.errors.size() << "\">\n";
  for (size_t i = 0; i < r.templates.size(); ++i) {
    const ReplyTemplate& t = r.templates[i];
    out << "    <testcase classname=\"" << Xml(RelPath(t.file)) << "\" name=\"" << Xml(Name(t)) << "\"";
    if (by_template[i].empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    std::string body;
    for (const TemplateFinding* f : by_template[i]) {
      body += RelPath(t.file) + ":" + std::to_string(f->line) + ":" + std::to_string(f->column) + ": " +
              std::string(SeverityName(f->finding.severity)) + " [" + f->finding.rule + "] " + f->finding.message_text +
              "\n";
    }
    out << "      <failure message=\"" << Xml(std::to_string(by_template[i].size()) + " finding(s)") << "\" type=\""
        << Xml(by_template[i][0]->finding.rule) << "\">" << Xml(body) << "</failure>\n";
    out << "    </testcase>\n";
  }
  for (const auto& e : r.errors) {
    out << "    <testcase classname=\"replylint\" name=\"" << Xml(e.substr(0, e.find(':'))) << "\">\n";
    out << "      <error message=\"" << Xml(e) << "\"/>\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

void Github(const LintResult& r, std::ostream& out) {
  for (const auto& e : r.errors) out << "::error title=replylint::" << GhData(e) << '\n';
  for (const TemplateFinding& f : r.findings) {
    const ReplyTemplate& t = r.templates[f.template_index];
    const char* cmd = f.finding.severity == Severity::kError     ? "error"
                      : f.finding.severity == Severity::kWarning ? "warning"
                                                                 : "notice";
    std::string msg = f.finding.message_text;
    if (!f.finding.suggestion.empty()) msg += "\n" + f.finding.suggestion;
    out << "::" << cmd << " file=" << GhProp(RelPath(t.file)) << ",line=" << f.line << ",col=" << f.column;
    if (f.end_line > f.line || (f.end_line == f.line && f.end_column > f.column)) {
      out << ",endLine=" << f.end_line << ",endColumn=" << f.end_column;
    }
    out << ",title=" << GhProp("replylint " + f.finding.rule) << "::" << GhData(msg) << '\n';
  }
}

void Checkstyle(const LintResult& r, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  std::map<std::string, std::vector<const TemplateFinding*>> by_file;
  for (const auto& t : r.templates) by_file[RelPath(t.file)];
  for (const auto& f : r.findings) by_file[RelPath(r.templates[f.template_index].file)].push_back(&f);
  for (const auto& [file, list] : by_file) {
    out << "  <file name=\"" << Xml(file) << "\">\n";
    for (const TemplateFinding* f : list) {
      const char* sev = f->finding.severity == Severity::kError     ? "error"
                        : f->finding.severity == Severity::kWarning ? "warning"
                                                                    : "info";
      out << "    <error line=\"" << f->line << "\" column=\"" << f->column << "\" severity=\"" << sev
          << "\" message=\"" << Xml(f->finding.message_text) << "\" source=\"replylint." << Xml(f->finding.rule)
          << "\"/>\n";
    }
    out << "  </file>\n";
  }
  for (const auto& e : r.errors) {
    out << "  <file name=\"" << Xml(e.substr(0, e.find(':'))) << "\">\n    <error severity=\"error\" message=\""
        << Xml(e) << "\" source=\"replylint\"/>\n  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace

StatusOr<LintFormat> ParseLintFormat(const std::string& name) {
  static const std::map<std::string, LintFormat> kNames = {
      {"text", LintFormat::kText},   {"json", LintFormat::kJson},     {"sarif", LintFormat::kSarif},
      {"junit", LintFormat::kJunit}, {"github", LintFormat::kGithub}, {"checkstyle", LintFormat::kCheckstyle}};
  auto it = kNames.find(name);
  if (it == kNames.end()) {
    return Status::InvalidArgument("unknown format \"" + name +
                                   "\" (expected text, json, sarif, junit, github, checkstyle)");
  }
  return it->second;
}

void WriteLintReport(LintFormat format, const LintResult& result, const RuleSet& rules, std::ostream& out) {
  switch (format) {
    case LintFormat::kText:
      return Text(result, out);
    case LintFormat::kJson:
      return JsonOut(result, out);
    case LintFormat::kSarif:
      return Sarif(result, rules, out);
    case LintFormat::kJunit:
      return Junit(result, out);
    case LintFormat::kGithub:
      return Github(result, out);
    case LintFormat::kCheckstyle:
      return Checkstyle(result, out);
  }
}

}  // namespace replylint
