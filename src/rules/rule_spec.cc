#include "rules/rule_spec.h"

#include <re2/re2.h>
#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>

#include "base/parallel.h"
#include "base/utf8.h"
#include "rules/yaml_strict.h"

namespace replylint {
namespace {

namespace fs = std::filesystem;

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

Status Error(const Sourced& s, const std::string& what) { return Status::InvalidArgument(Where(s) + ": " + what); }

// A pattern as an error message shows it: cut when long.
// Appended piece by piece: GCC 12 reports a false -Wrestrict overlap for
// "\"" + pattern once this is inlined.
std::string Shown(const std::string& pattern) {
  std::string out(1, '"');
  if (pattern.size() <= 120) return out.append(pattern).append(1, '"');
  size_t cut = 100;
  while (cut > 0 && (static_cast<unsigned char>(pattern[cut]) & 0xC0) == 0x80) --cut;
  out.append(pattern, 0, cut).append("…\" (").append(std::to_string(pattern.size())).append(" bytes)");
  return out;
}

StatusOr<YAML::Node> ParseYaml(const std::string& text, const std::string& file) {
  if (text.size() > kMaxYamlBytes) {
    return Status::InvalidArgument(file + ": " + std::to_string(text.size()) + " bytes, more than the limit of " +
                                   std::to_string(kMaxYamlBytes >> 20) + " MiB for a rule or configuration file");
  }
  if (const size_t bad = FindInvalidUtf8(text); bad != std::string::npos) {
    const LineColumn lc = LineColumnAt(text, bad);
    return Status::InvalidArgument(file + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) +
                                   ": invalid UTF-8 (the file must be UTF-8 text)");
  }
  try {
    return LoadStrictYaml(text);
  } catch (const YAML::DeepRecursion& e) {
    return Status::InvalidArgument(file + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": invalid YAML: nested too deeply");
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(file + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
}

// A list parameter or lexicon list within the limits on items and their size.
Status CheckList(const Sourced& list, const std::string& what) {
  if (list.node.size() > kMaxListItems) {
    return Error(list, what + ": " + std::to_string(list.node.size()) + " items" +
                           (list.at.empty() ? "" : " with the built-in ones") + ", more than the limit of " +
                           std::to_string(kMaxListItems));
  }
  for (const auto& item : list.node) {
    if (item.IsScalar() && item.Scalar().size() > kMaxItemBytes) {
      return Error({item, list.file}, what + ": an item of " + std::to_string(item.Scalar().size()) +
                                          " bytes, more than the limit of " + std::to_string(kMaxItemBytes));
    }
  }
  return Status::Ok();
}

// A list appended to a built-in one (address:, stock_phrases:) stays within
// the limit together with it, as the docs say.
Status CheckMerged(const Sourced& list, const std::string& what, size_t merged) {
  if (merged <= kMaxListItems) return Status::Ok();
  return Error(list, what + ": " + std::to_string(merged) + " items with the built-in ones, more than the limit of " +
                         std::to_string(kMaxListItems));
}

Status CheckKeys(const Sourced& map, const std::vector<std::string>& allowed) {
  if (!map.node.IsMap()) return Error(map, "expected a mapping");
  for (const auto& kv : map.node) {
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Error({kv.first, map.file}, "unknown key \"" + key + "\" (expected one of: " + Join(allowed) + ")");
    }
  }
  return Status::Ok();
}

StatusOr<std::string> ScalarOf(const Sourced& s, const std::string& what) {
  if (!s.node.IsScalar()) return Error(s, what + ": expected a string");
  return s.node.Scalar();
}

StatusOr<Localized> LocalizedOf(const Sourced& s, const std::string& what) {
  if (s.node.IsScalar()) return Localized{s.node.Scalar(), s.node.Scalar()};
  if (Status st = CheckKeys(s, {"ru", "en"}); !st.ok()) return st;
  Localized l;
  if (s.node["ru"]) l.ru = s.node["ru"].as<std::string>("");
  if (s.node["en"]) l.en = s.node["en"].as<std::string>("");
  if (l.ru.empty() || l.en.empty()) return Error(s, what + ": needs both \"ru\" and \"en\" texts");
  return l;
}

StatusOr<Severity> SeverityOf(const Sourced& s) {
  auto name = ScalarOf(s, "severity");
  if (!name.ok()) return name.status();
  auto sev = ParseSeverity(*name);
  if (!sev) return Error(s, "unknown severity \"" + *name + "\" (expected error, warning or suggestion)");
  return *sev;
}

StatusOr<std::vector<Channel>> ChannelsOf(const Sourced& s) {
  if (!s.node.IsSequence()) return Error(s, "channels: expected a list such as [email, chat]");
  std::vector<Channel> out;
  for (const auto& item : s.node) {
    auto name = ScalarOf({item, s.file}, "channel");
    if (!name.ok()) return name.status();
    auto ch = ParseChannel(*name);
    if (!ch) return Error({item, s.file}, "unknown channel \"" + *name + "\" (expected email, chat, social or phone)");
    out.push_back(*ch);
  }
  return out;
}

StatusOr<RuleSpec> ParseRuleFile(const YAML::Node& root, const std::string& file) {
  const Sourced top{root, file};
  if (Status st = CheckKeys(top, {"id", "severity", "category", "enabled", "channels", "summary", "messages",
                                  "suggestions", "examples", "params"});
      !st.ok()) {
    return st;
  }
  RuleSpec spec;
  spec.file = file;
  for (const char* required : {"id", "severity", "category", "summary", "messages"}) {
    if (!root[required]) return Error(top, std::string("missing key \"") + required + "\"");
  }
  auto id = ScalarOf({root["id"], file}, "id");
  if (!id.ok()) return id.status();
  spec.id = *id;
  auto sev = SeverityOf({root["severity"], file});
  if (!sev.ok()) return sev.status();
  spec.severity = *sev;
  auto cat = ScalarOf({root["category"], file}, "category");
  if (!cat.ok()) return cat.status();
  spec.category = *cat;
  // A rule a team switches on when it wants it (`enabled: false`): its
  // defaults cannot suit every team (response-time's service levels).
  if (root["enabled"]) {
    try {
      spec.enabled = root["enabled"].as<bool>();
    } catch (const YAML::Exception&) {
      return Error({root["enabled"], file}, "enabled: expected true or false");
    }
  }
  if (root["channels"]) {
    auto ch = ChannelsOf({root["channels"], file});
    if (!ch.ok()) return ch.status();
    spec.channels = *ch;
  }
  auto summary = LocalizedOf({root["summary"], file}, "summary");
  if (!summary.ok()) return summary.status();
  spec.summary = *summary;
  for (const char* section : {"messages", "suggestions"}) {
    if (!root[section]) continue;
    const Sourced sec{root[section], file};
    if (!sec.node.IsMap()) return Error(sec, std::string(section) + ": expected a mapping");
    for (const auto& kv : sec.node) {
      auto text = LocalizedOf({kv.second, file}, std::string(section) + "." + kv.first.Scalar());
      if (!text.ok()) return text.status();
      (std::string(section) == "messages" ? spec.messages : spec.suggestions)[kv.first.Scalar()] = *text;
    }
  }
  if (root["examples"]) {
    const Sourced ex{root["examples"], file};
    if (Status st = CheckKeys(ex, {"bad", "good"}); !st.ok()) return st;
    spec.example_bad = ex.node["bad"].as<std::string>("");
    spec.example_good = ex.node["good"].as<std::string>("");
  }
  if (root["params"]) {
    const Sourced p{root["params"], file};
    if (!p.node.IsMap()) return Error(p, "params: expected a mapping");
    for (const auto& kv : p.node) spec.params[kv.first.Scalar()] = {kv.second, file};
  }
  return spec;
}

// Appends `extra` to the list (or the per-language lists) of a parameter.
StatusOr<Sourced> Extend(const Sourced& base, const Sourced& extra, const std::string& key) {
  YAML::Node merged = YAML::Clone(base.node);
  if (base.node.IsSequence()) {
    if (!extra.node.IsSequence()) return Error(extra, "extend." + key + ": expected a list");
    for (const auto& item : extra.node) merged.push_back(item);
  } else if (base.node.IsMap()) {
    if (!extra.node.IsMap()) return Error(extra, "extend." + key + ": expected a mapping of lists");
    for (const auto& kv : extra.node) {
      const std::string sub = kv.first.Scalar();
      if (!kv.second.IsSequence())
        return Error({kv.second, extra.file}, "extend." + key + "." + sub + ": expected a list");
      if (!merged[sub]) merged[sub] = YAML::Node(YAML::NodeType::Sequence);
      for (const auto& item : kv.second) merged[sub].push_back(item);
    }
  } else {
    return Error(extra, "extend." + key + ": only list parameters can be extended; use params to replace");
  }
  // Errors in the merged list may come from either file; point at the user's.
  return Sourced{merged, extra.file, Where(extra)};
}

Status ApplyRuleOverride(const Sourced& node, RuleSpec* spec) {
  if (node.node.IsScalar() ||
      (node.node.IsMap() && (node.node["enabled"] || node.node["severity"] || node.node["channels"]))) {
    spec->configured_at = Where(node);
  }
  if (node.node.IsScalar()) {
    const std::string v = node.node.Scalar();
    if (v == "off" || v == "false") {
      spec->enabled = false;
    } else if (v == "on" || v == "true") {
      spec->enabled = true;
    } else if (auto sev = ParseSeverity(v)) {
      spec->severity = *sev;
      spec->enabled = true;
    } else {
      return Error(node, "rules." + spec->id + ": expected off, on, a severity or a mapping");
    }
    return Status::Ok();
  }
  if (Status st = CheckKeys(node, {"enabled", "severity", "channels", "params", "extend"}); !st.ok()) return st;
  const YAML::Node& n = node.node;
  if (n["enabled"]) {
    try {
      spec->enabled = n["enabled"].as<bool>();
    } catch (const YAML::Exception&) {
      return Error({n["enabled"], node.file}, "enabled: expected true or false");
    }
  }
  if (n["severity"]) {
    auto sev = SeverityOf({n["severity"], node.file});
    if (!sev.ok()) return sev.status();
    spec->severity = *sev;
  }
  if (n["channels"]) {
    auto ch = ChannelsOf({n["channels"], node.file});
    if (!ch.ok()) return ch.status();
    spec->channels = *ch;
  }
  for (const char* section : {"params", "extend"}) {
    if (!n[section]) continue;
    const Sourced sec{n[section], node.file};
    if (!sec.node.IsMap()) return Error(sec, std::string(section) + ": expected a mapping");
    for (const auto& kv : sec.node) {
      const std::string key = kv.first.Scalar();
      auto it = spec->params.find(key);
      if (it == spec->params.end()) {
        std::vector<std::string> known;
        for (const auto& p : spec->params) known.push_back(p.first);
        return Error({kv.first, node.file}, "rule " + spec->id + " has no parameter \"" + key +
                                                "\" (it has: " + (known.empty() ? "none" : Join(known)) + ")");
      }
      if (std::string(section) == "params") {
        it->second = {kv.second, node.file};
      } else {
        auto merged = Extend(it->second, {kv.second, node.file}, key);
        if (!merged.ok()) return merged.status();
        it->second = *merged;
      }
    }
  }
  return Status::Ok();
}

// Reads an address lexicon section (rules/address.yaml, or `address:` of a
// user configuration) and appends its lists to *lex.
Status MergeAddress(const Sourced& top, AddressLexicon* lex) {
  if (Status st = CheckKeys(
          top, {"greetings", "closings", "titles", "address_nouns", "descriptors", "roles", "surname_titles"});
      !st.ok()) {
    return st;
  }
  for (const auto& kv : top.node) {
    const std::string key = kv.first.Scalar();
    const Sourced section{kv.second, top.file};
    if (Status st = CheckKeys(section, {"ru", "en"}); !st.ok()) return st;
    for (const auto& lk : section.node) {
      const Lang lang = *ParseLang(lk.first.Scalar());
      const Sourced list{lk.second, top.file};
      if (!list.node.IsSequence()) return Error(list, key + "." + lk.first.Scalar() + ": expected a list");
      if (Status st = CheckList(list, key + "." + lk.first.Scalar()); !st.ok()) return st;
      for (const auto& item : list.node) {
        if (!item.IsScalar()) return Error({item, top.file}, key + ": expected a string");
        const std::string v = item.Scalar();
        if (key == "titles") {
          const size_t slash = v.find('/');
          if (slash == std::string::npos || slash == 0 || slash + 1 == v.size()) {
            return Error({item, top.file}, "titles: expected \"male/female\", e.g. \"уважаемый/уважаемая\"");
          }
          lex->titles[lang].push_back({v.substr(0, slash), v.substr(slash + 1)});
        } else {
          auto& target = key == "greetings"        ? lex->greetings
                         : key == "closings"       ? lex->closings
                         : key == "address_nouns"  ? lex->address_nouns
                         : key == "roles"          ? lex->roles
                         : key == "surname_titles" ? lex->surname_titles
                                                   : lex->descriptors;
          target[lang].push_back(v);
        }
      }
      const size_t merged = key == "titles"           ? lex->titles[lang].size()
                            : key == "greetings"      ? lex->greetings[lang].size()
                            : key == "closings"       ? lex->closings[lang].size()
                            : key == "address_nouns"  ? lex->address_nouns[lang].size()
                            : key == "roles"          ? lex->roles[lang].size()
                            : key == "surname_titles" ? lex->surname_titles[lang].size()
                                                      : lex->descriptors[lang].size();
      if (Status st = CheckMerged(list, key + "." + lk.first.Scalar(), merged); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

// Reads a stock-phrase section (rules/stock-phrases.yaml, or `stock_phrases:`
// of a user configuration): max_gap replaces, phrase lists are appended.
Status MergeStock(const Sourced& top, StockLexicon* lex) {
  if (!top.node.IsMap()) return Error(top, "expected a mapping with max_gap, phrases and courtesy");
  if (Status st = CheckKeys(top, {"max_gap", "phrases", "courtesy"}); !st.ok()) return st;
  if (top.node["max_gap"]) {
    const Sourced gap{top.node["max_gap"], top.file};
    try {
      lex->max_gap = gap.node.as<int>();
    } catch (const YAML::Exception&) {
      return Error(gap, "max_gap: expected a whole number");
    }
    if (lex->max_gap < 0 || lex->max_gap > 3) return Error(gap, "max_gap: must be between 0 and 3");
  }
  for (const char* key : {"phrases", "courtesy"}) {
    if (!top.node[key]) continue;
    const bool with_alternative = std::string(key) == "phrases";
    const Sourced section{top.node[key], top.file};
    if (!section.node.IsMap()) return Error(section, std::string(key) + ": expected a mapping from language to a list");
    if (Status st = CheckKeys(section, {"ru", "en"}); !st.ok()) return st;
    for (const auto& lk : section.node) {
      const Lang lang = *ParseLang(lk.first.Scalar());
      const Sourced list{lk.second, top.file};
      const std::string what = std::string(key) + "." + lk.first.Scalar();
      if (!list.node.IsSequence()) return Error(list, what + ": expected a list");
      if (Status st = CheckList(list, what); !st.ok()) return st;
      const size_t merged = (with_alternative ? lex->phrases[lang] : lex->courtesy[lang]).size() + list.node.size();
      if (Status st = CheckMerged(list, what, merged); !st.ok()) return st;
      for (const auto& item : list.node) {
        const Sourced it{item, top.file};
        if (!item.IsScalar()) return Error(it, std::string(key) + ": expected a string");
        const std::string v = item.Scalar();
        if (!with_alternative) {
          lex->courtesy[lang].push_back({v, "", Where(it)});
          continue;
        }
        const size_t arrow = v.find(" => ");
        if (arrow == std::string::npos || arrow == 0 || arrow + 4 >= v.size()) {
          return Error(it, "stock phrase \"" + v + "\" must read \"phrase => plainer alternative\"");
        }
        lex->phrases[lang].push_back({v.substr(0, arrow), v.substr(arrow + 4), Where(it)});
      }
    }
  }
  return Status::Ok();
}

// A rule, configuration, scorecard or word-list file: a regular file (a
// device or a pipe could be endless) of at most kMaxYamlBytes.
StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return Status::IoError(path + (ec ? ": cannot read: " + ec.message() : std::string(": not a regular file")));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read file");
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxYamlBytes) {
      return Status::InvalidArgument(path + ": more than " + std::to_string(kMaxYamlBytes >> 20) +
                                     " MiB, the limit for a rule, configuration or word-list file");
    }
  }
  return text;
}

}  // namespace

std::string Where(const Sourced& s) {
  if (!s.at.empty()) return s.at;
  const YAML::Mark m = s.node.Mark();
  if (m.is_null()) return s.file;
  return s.file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

bool RuleSpec::AppliesTo(Channel c) const {
  return channels.empty() || std::find(channels.begin(), channels.end(), c) != channels.end();
}

StatusOr<Sourced> ParamReader::Get(const std::string& key) {
  used_.insert(key);
  auto it = spec_.params.find(key);
  if (it == spec_.params.end()) {
    return Status::Internal(spec_.file + ": rule " + spec_.id + " has no parameter \"" + key + "\"");
  }
  return it->second;
}

std::string ParamReader::Where(const std::string& key) const {
  auto it = spec_.params.find(key);
  return it == spec_.params.end() ? spec_.file : replylint::Where(it->second);
}

StatusOr<int64_t> ParamReader::Int(const std::string& key, int64_t min, int64_t max) {
  auto p = Get(key);
  if (!p.ok()) return p.status();
  int64_t v = 0;
  try {
    v = p->node.as<int64_t>();
  } catch (const YAML::Exception&) {
    return Error(*p, spec_.id + "." + key + ": expected a whole number");
  }
  if (v < min || v > max) {
    return Error(*p, spec_.id + "." + key + ": must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return v;
}

StatusOr<double> ParamReader::Double(const std::string& key, double min, double max) {
  auto p = Get(key);
  if (!p.ok()) return p.status();
  double v = 0;
  try {
    v = p->node.as<double>();
  } catch (const YAML::Exception&) {
    return Error(*p, spec_.id + "." + key + ": expected a number");
  }
  if (v < min || v > max) {
    std::ostringstream os;
    os << spec_.id << "." << key << ": must be between " << min << " and " << max;
    return Error(*p, os.str());
  }
  return v;
}

StatusOr<bool> ParamReader::Bool(const std::string& key) {
  auto p = Get(key);
  if (!p.ok()) return p.status();
  try {
    return p->node.as<bool>();
  } catch (const YAML::Exception&) {
    return Error(*p, spec_.id + "." + key + ": expected true or false");
  }
}

StatusOr<std::string> ParamReader::String(const std::string& key) {
  auto p = Get(key);
  if (!p.ok()) return p.status();
  auto v = ScalarOf(*p, spec_.id + "." + key);
  if (v.ok() && v->size() > kMaxItemBytes) {
    return Error(*p, spec_.id + "." + key + ": " + std::to_string(v->size()) + " bytes, more than the limit of " +
                         std::to_string(kMaxItemBytes));
  }
  return v;
}

StatusOr<std::vector<std::string>> ParamReader::Strings(const std::string& key) {
  auto p = Get(key);
  if (!p.ok()) return p.status();
  if (!p->node.IsSequence()) return Error(*p, spec_.id + "." + key + ": expected a list of strings");
  if (Status st = CheckList(*p, spec_.id + "." + key); !st.ok()) return st;
  std::vector<std::string> out;
  for (const auto& item : p->node) {
    if (!item.IsScalar()) return Error({item, p->file}, spec_.id + "." + key + ": expected a string");
    out.push_back(item.Scalar());
  }
  return out;
}

StatusOr<std::map<Lang, std::vector<std::string>>> ParamReader::StringsByLang(const std::string& key) {
  auto p = Get(key);
  if (!p.ok()) return p.status();
  if (Status st = CheckKeys(*p, {"ru", "en"}); !st.ok()) return st;
  std::map<Lang, std::vector<std::string>> out;
  for (const auto& kv : p->node) {
    const Lang lang = *ParseLang(kv.first.Scalar());
    const Sourced list{kv.second, p->file, p->at};
    if (!list.node.IsSequence())
      return Error(list, spec_.id + "." + key + "." + kv.first.Scalar() + ": expected a list");
    if (Status st = CheckList(list, spec_.id + "." + key + "." + kv.first.Scalar()); !st.ok()) return st;
    for (const auto& item : kv.second) {
      if (!item.IsScalar()) return Error({item, p->file}, spec_.id + "." + key + ": expected a string");
      out[lang].push_back(item.Scalar());
    }
  }
  return out;
}

bool ParamReader::BuiltIn(const std::string& key) const {
  auto it = spec_.params.find(key);
  return it != spec_.params.end() && it->second.built_in;
}

Status ParamReader::Finish() const {
  for (const auto& [key, value] : spec_.params) {
    if (!used_.count(key)) return Error(value, "rule " + spec_.id + ": unknown parameter \"" + key + "\"");
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<re2::RE2>> CompilePattern(const std::string& pattern, const std::string& where) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(8 << 20);
  auto re = std::make_unique<re2::RE2>(pattern, opts);
  if (re->error_code() == RE2::ErrorPatternTooLarge) {
    return Status::InvalidArgument(where + ": pattern " + Shown(pattern) +
                                   " is too large for RE2's 8 MiB limit: shorten it or the list it is part of");
  }
  if (!re->ok()) return Status::InvalidArgument(where + ": bad pattern " + Shown(pattern) + ": " + re->error());
  if (re->ProgramSize() > kMaxProgramSize) {
    return Status::InvalidArgument(where + ": pattern " + Shown(pattern) + " compiles to " +
                                   std::to_string(re->ProgramSize()) + " RE2 instructions, more than the limit of " +
                                   std::to_string(kMaxProgramSize) +
                                   " (counted repetitions such as {1,100} multiply it): shorten it or the list it is "
                                   "part of");
  }
  return re;
}

LazyPattern::LazyPattern(std::string pattern, std::string where)
    : pattern_(std::move(pattern)), where_(std::move(where)) {}

LazyPattern::LazyPattern(std::string pattern, std::string where, std::unique_ptr<re2::RE2> compiled)
    : LazyPattern(std::move(pattern), std::move(where)) {
  re_ = std::move(compiled);
  std::call_once(once_, [] {});
}

LazyPattern::~LazyPattern() = default;

const re2::RE2* LazyPattern::Get() const {
  std::call_once(once_, [this] {
    if (auto compiled = CompilePattern(pattern_, where_); compiled.ok()) re_ = std::move(*compiled);
  });
  return re_.get();
}

const RuleSpec* RuleSet::Find(const std::string& id) const {
  auto it = std::lower_bound(rules.begin(), rules.end(), id,
                             [](const RuleSpec& r, const std::string& key) { return r.id < key; });
  return it != rules.end() && it->id == id ? &*it : nullptr;
}

StatusOr<std::string> ReadDataFile(const std::string& dir, const std::string& relative) {
  if (!dir.empty()) return ReadWholeFile((fs::path(dir) / relative).string());
  size_t n = 0;
  const EmbeddedFile* files = EmbeddedFiles(&n);
  for (size_t i = 0; i < n; ++i) {
    if (relative == files[i].path) return std::string(files[i].data, files[i].size);
  }
  return Status::NotFound("built-in data file " + relative + " is missing");
}

namespace {

// Files under rules/ that are not rule definitions.
bool IsDataFile(const std::string& path) {
  return path == "rules/scorecard.yaml" || path == "rules/address.yaml" || path == "rules/stock-phrases.yaml";
}

}  // namespace

StatusOr<std::vector<std::string>> ReadVocabFile(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  std::vector<std::string> words;
  size_t line_no = 0;
  std::istringstream in(*text);
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    const std::string where = path + ":" + std::to_string(line_no);
    if (FindInvalidUtf8(line) != std::string::npos) return Status::InvalidArgument(where + ": not valid UTF-8");
    line = line.substr(0, line.find('#'));
    const size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    line = line.substr(b, line.find_last_not_of(" \t\r") + 1 - b);
    if (line.find_first_of(" \t") != std::string::npos) {
      return Status::InvalidArgument(where + ": one word per line, found \"" + line + "\"");
    }
    words.push_back(line);
  }
  return words;
}

StatusOr<RuleSet> LoadRuleSet(const LoadOptions& options) {
  RuleSet set;
  // Built-in rule files: every rules/<id>.yaml except the scorecard.
  std::vector<std::pair<std::string, std::string>> files;  // (display name, text)
  if (!options.rules_dir.empty()) {
    // increment(ec), not ++: an entry that vanishes or cannot be read must
    // end in a message, not in an exception.
    std::error_code ec;
    for (fs::directory_iterator it(options.rules_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.extension() != ".yaml" || IsDataFile("rules/" + p.filename().string())) continue;
      auto text = ReadWholeFile(p.string());
      if (!text.ok()) return text.status();
      files.emplace_back(p.string(), *text);
    }
    if (ec) return Status::IoError(options.rules_dir + ": cannot list rules: " + ec.message());
  } else {
    size_t n = 0;
    const EmbeddedFile* emb = EmbeddedFiles(&n);
    for (size_t i = 0; i < n; ++i) {
      const std::string path = emb[i].path;
      if (path.rfind("rules/", 0) != 0 || IsDataFile(path)) continue;
      files.emplace_back(path, std::string(emb[i].data, emb[i].size));
    }
  }
  // Shared lexicons: rules/address.yaml and rules/stock-phrases.yaml.
  const size_t n_rules = files.size();
  for (const std::string base : {"address.yaml", "stock-phrases.yaml"}) {
    const std::string name = options.rules_dir.empty() ? "rules/" + base : options.rules_dir + "/" + base;
    auto text = options.rules_dir.empty() ? ReadDataFile("", "rules/" + base) : ReadDataFile(options.rules_dir, base);
    if (!text.ok()) return text.status();
    files.emplace_back(name, std::move(*text));
  }
  // Each file is a YAML document of its own, so they are parsed side by
  // side, the longest first; what follows goes in file order.
  std::vector<size_t> longest(files.size());
  std::iota(longest.begin(), longest.end(), 0);
  std::stable_sort(longest.begin(), longest.end(),
                   [&](size_t a, size_t b) { return files[a].second.size() > files[b].second.size(); });
  std::vector<std::optional<StatusOr<YAML::Node>>> roots(files.size());
  ParallelFor(files.size(), StartupThreads(), [&](size_t k) {
    const size_t i = longest[k];
    roots[i].emplace(ParseYaml(files[i].second, files[i].first));
  });
  for (size_t i = 0; i < n_rules; ++i) {
    const std::string& name = files[i].first;
    if (!roots[i]->ok()) return roots[i]->status();
    auto spec = ParseRuleFile(**roots[i], name);
    if (!spec.ok()) return spec.status();
    for (auto& [key, param] : spec->params) param.built_in = options.rules_dir.empty();
    if (set.Find(spec->id)) return Status::InvalidArgument(name + ": rule " + spec->id + " is defined twice");
    set.rules.push_back(std::move(*spec));
    std::sort(set.rules.begin(), set.rules.end(), [](const RuleSpec& a, const RuleSpec& b) { return a.id < b.id; });
  }
  const StatusOr<YAML::Node>& address = *roots[n_rules];
  if (!address.ok()) return address.status();
  if (Status st = MergeAddress({*address, files[n_rules].first}, &set.address); !st.ok()) return st;
  const StatusOr<YAML::Node>& stock = *roots[n_rules + 1];
  if (!stock.ok()) return stock.status();
  if (Status st = MergeStock({*stock, files[n_rules + 1].first}, &set.stock); !st.ok()) return st;

  std::string config = options.config_path;
  std::error_code ec;
  if (config.empty()) {
    auto found = FindConfig(options.inputs);
    if (!found.ok()) return found.status();
    config = *found;
  }
  if (config.empty()) return set;
  if (!fs::is_regular_file(config, ec)) {
    if (ec && ec != std::errc::no_such_file_or_directory)
      return Status::IoError(config + ": cannot read the configuration: " + ec.message());
    return Status::IoError(config + ": configuration file not found" +
                           (options.config_explicit ? "" : " or not a regular file"));
  }
  auto text = ReadWholeFile(config);
  if (!text.ok()) return text.status();
  if (Status st = ApplyConfig(*text, config, &set); !st.ok()) return st;
  set.config_file = config;
  return set;
}

StatusOr<std::string> FindConfig(const std::vector<std::string>& inputs) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  // The nearest configuration from `dir` up; "" when none.
  auto search = [&](fs::path dir) -> StatusOr<std::string> {
    for (;;) {
      std::string hit;
      for (const char* name : kConfigNames) {
        std::error_code e;
        const fs::path candidate = dir / name;
        if (!fs::exists(fs::symlink_status(candidate, e))) continue;
        std::string shown = candidate.lexically_proximate(cwd).string();
        if (shown.rfind("..", 0) == 0) shown = candidate.string();
        if (!hit.empty()) {
          return Status::InvalidArgument(hit + " and " + shown + ": two configurations in one folder; keep one");
        }
        hit = shown;
      }
      if (!hit.empty()) return hit;
      if (!dir.has_parent_path() || dir.parent_path() == dir) return std::string();
      dir = dir.parent_path();
    }
  };
  std::string chosen, chosen_for;
  for (const std::string& in : inputs) {
    if (in == "-") continue;
    fs::path start = fs::absolute(in, ec).lexically_normal();
    if (ec) continue;
    if (!fs::is_directory(start, ec)) start = start.parent_path();
    auto found = search(start);
    if (!found.ok()) return found.status();
    if (found->empty()) continue;
    if (!chosen.empty() && *found != chosen) {
      return Status::InvalidArgument("the inputs have different configurations: " + chosen + " (for " + chosen_for +
                                     ") and " + *found + " (for " + in + "); run them separately or give --config");
    }
    chosen = *found;
    chosen_for = in;
  }
  if (!chosen.empty() || cwd.empty()) return chosen;
  return search(cwd);
}

StatusOr<RuleSpec> ParseRuleSpec(const std::string& text, const std::string& file) {
  auto root = ParseYaml(text, file);
  if (!root.ok()) return root.status();
  return ParseRuleFile(*root, file);
}

Status ApplyConfig(const std::string& text, const std::string& config, RuleSet* set) {
  auto root = ParseYaml(text, config);
  if (!root.ok()) return root.status();
  if (root->IsNull()) return Status::Ok();  // an empty configuration changes nothing
  const Sourced top{*root, config};
  if (Status st =
          CheckKeys(top, {"fail_level", "rules", "address", "stock_phrases", "templates", "scorecard", "vocab"});
      !st.ok()) {
    return st;
  }
  for (const auto& kv : *root) set->configured_at[kv.first.Scalar()] = Where({kv.first, config});
  if (const YAML::Node card = (*root)["scorecard"]; card && !card.IsNull()) {
    // Inline keys, or the path of a scorecard file (relative to the configuration).
    if (card.IsScalar()) {
      const std::string path = (fs::path(config).parent_path() / card.Scalar()).string();
      auto card_text = ReadWholeFile(path);
      if (!card_text.ok()) return Error({card, config}, "scorecard: cannot read " + path);
      auto card_root = ParseYaml(*card_text, path);
      if (!card_root.ok()) return card_root.status();
      set->scorecard = Sourced{*card_root, path};
    } else {
      set->scorecard = Sourced{card, config};
    }
  }
  if ((*root)["vocab"]) {
    // A path relative to the configuration file, so a team's config and word
    // list travel together.
    auto path = ScalarOf({(*root)["vocab"], config}, "vocab");
    if (!path.ok()) return path.status();
    const fs::path p = fs::path(config).parent_path() / *path;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
      return Error({(*root)["vocab"], config}, "vocab: word list " + p.string() + " not found");
    }
    auto words = ReadVocabFile(p.string());
    if (!words.ok()) return words.status();
    for (RuleSpec& r : set->rules) r.vocab = *words;
  }
  if ((*root)["address"]) {
    if (Status st = MergeAddress({(*root)["address"], config}, &set->address); !st.ok()) return st;
  }
  if ((*root)["stock_phrases"]) {
    if (Status st = MergeStock({(*root)["stock_phrases"], config}, &set->stock); !st.ok()) return st;
  }
  if ((*root)["templates"]) {
    const Sourced t{(*root)["templates"], config};
    std::vector<std::string> paths;
    if (t.node.IsScalar()) {
      paths.push_back(t.node.Scalar());
    } else if (t.node.IsSequence()) {
      for (const auto& item : t.node) {
        if (!item.IsScalar()) return Error({item, config}, "templates: expected a path");
        paths.push_back(item.Scalar());
      }
    } else {
      return Error(t, "templates: expected a path or a list of paths to template files or folders");
    }
    const fs::path base = fs::path(config).parent_path();
    for (const std::string& p : paths) {
      set->template_paths.push_back(fs::path(p).is_absolute() ? p : (base / p).lexically_normal().string());
    }
  }
  if ((*root)["fail_level"]) {
    auto sev = SeverityOf({(*root)["fail_level"], config});
    if (!sev.ok()) return sev.status();
    set->fail_level = *sev;
  }
  if ((*root)["rules"]) {
    const Sourced rules{(*root)["rules"], config};
    if (!rules.node.IsMap()) return Error(rules, "rules: expected a mapping from rule id to settings");
    for (const auto& kv : rules.node) {
      const std::string id = kv.first.Scalar();
      auto it = std::find_if(set->rules.begin(), set->rules.end(), [&](const RuleSpec& r) { return r.id == id; });
      if (it == set->rules.end()) {
        std::vector<std::string> ids;
        for (const auto& r : set->rules) ids.push_back(r.id);
        return Error({kv.first, config}, "unknown rule \"" + id + "\" (known rules: " + Join(ids) + ")");
      }
      if (Status st = ApplyRuleOverride({kv.second, config}, &*it); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

}  // namespace replylint
