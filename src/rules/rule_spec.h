// Rule specifications and the user configuration, loaded from YAML.
//
// Pipeline position: first. The built-in rule files (rules/*.yaml, embedded in
// the binary at build time, or read from --rules-dir) are merged with the
// user's configuration (replylint.yaml or --config) into one RuleSet. Checks
// are then constructed from their RuleSpec and read their parameters through a
// ParamReader, which reports wrong types, bad values and unknown keys as
// "file:line:col: ..." errors. This is the only module that uses yaml-cpp.
//
// Thread-safety: a RuleSet is immutable after loading; share it freely.
#ifndef REPLYLINT_RULES_RULE_SPEC_H_
#define REPLYLINT_RULES_RULE_SPEC_H_

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"
#include "rules/address_lexicon.h"
#include "rules/stock_lexicon.h"

namespace re2 {
class RE2;
}

namespace replylint {

// A YAML node together with the file it was read from, so errors can point
// at file:line:col.
struct Sourced {
  YAML::Node node;
  std::string file;
  // "file:line:col" to report instead of the node's own mark: a list merged
  // from a rule file and the user's `extend` has no mark, and errors in it
  // point at the user's list.
  std::string at = {};
  // As read from a rule file embedded in the binary (no --rules-dir, not
  // set by the configuration): the tests have compiled every pattern of it.
  bool built_in = false;
};

// "file:line:col: what" for a node.
std::string Where(const Sourced& s);

// A text in both languages of replies.
struct Localized {
  std::string ru;
  std::string en;
  const std::string& For(Lang lang) const { return lang == Lang::kRu ? ru : en; }
};

struct RuleSpec {
  std::string id;
  std::string file;  // where the built-in definition lives
  Severity severity = Severity::kWarning;
  bool enabled = true;
  std::string category;
  std::vector<Channel> channels;  // empty: every channel
  Localized summary;
  std::map<std::string, Localized> messages;     // by message key
  std::map<std::string, Localized> suggestions;  // by suggestion key
  std::string example_bad;
  std::string example_good;
  std::map<std::string, Sourced> params;
  // The team's own words, as written (configuration `vocab:`, a word list
  // file); every rule gets the same list, the rules that check words read it.
  std::vector<std::string> vocab;
  // Where the configuration set `enabled`, `severity` or `channels`
  // ("file:line:col"); empty: as built in.
  std::string configured_at;

  bool AppliesTo(Channel c) const;
};

// Reads a RuleSpec's params with validation. Each getter records the key as
// known; Finish() reports keys that no getter asked for (typos in a config).
class ParamReader {
 public:
  explicit ParamReader(const RuleSpec& spec) : spec_(spec) {}

  StatusOr<int64_t> Int(const std::string& key, int64_t min, int64_t max);
  StatusOr<double> Double(const std::string& key, double min, double max);
  StatusOr<bool> Bool(const std::string& key);
  StatusOr<std::string> String(const std::string& key);
  StatusOr<std::vector<std::string>> Strings(const std::string& key);
  // A map from language ("ru", "en") to a list of strings.
  StatusOr<std::map<Lang, std::vector<std::string>>> StringsByLang(const std::string& key);
  // Whether the parameter is as embedded in the binary (Sourced::built_in).
  bool BuiltIn(const std::string& key) const;
  // A structured parameter as written (a mapping the check reads itself).
  StatusOr<Sourced> Node(const std::string& key) { return Get(key); }
  // Where a key was defined, for errors a check raises itself.
  std::string Where(const std::string& key) const;
  Status Finish() const;

 private:
  StatusOr<Sourced> Get(const std::string& key);
  const RuleSpec& spec_;
  std::set<std::string> used_;
};

// Limits on what rule files and a configuration may ask for, so that no
// configuration can make a run slow or exhaust memory: RE2 matches in time
// linear in the text, and these bound the factor.
inline constexpr size_t kMaxYamlBytes = size_t{4} << 20;  // one rule or configuration file
inline constexpr size_t kMaxListItems = 5000;             // items in one list parameter
inline constexpr size_t kMaxItemBytes = 1000;             // one string: a phrase, a pattern, a word
inline constexpr int kMaxProgramSize = 200000;            // RE2 instructions in one compiled pattern

// Compiles an RE2 pattern for matching on folded text (see FoldForMatch).
// Errors name the place the pattern came from; a pattern over RE2's memory
// limit or kMaxProgramSize is an error.
StatusOr<std::unique_ptr<re2::RE2>> CompilePattern(const std::string& pattern, const std::string& where);

// A pattern compiled by CompilePattern the first time Get() needs it, or
// given compiled. Built-in lists wait until a text needs them (a `check` of
// one draft needs few; the tests compile them all, read with --rules-dir);
// what the user writes is compiled at start-up, so its errors are reported.
// Thread-safety: Get() is const and thread-safe (a once_flag guards the
// compile); not movable, so held by pointer.
class LazyPattern {
 public:
  LazyPattern(std::string pattern, std::string where);
  LazyPattern(std::string pattern, std::string where, std::unique_ptr<re2::RE2> compiled);
  ~LazyPattern();
  // Null if the pattern does not compile (a deferred one never: see above).
  const re2::RE2* Get() const;

 private:
  std::string pattern_;
  std::string where_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<re2::RE2> re_;
};

struct Scorecard;

// Everything a run is configured with.
struct RuleSet {
  std::vector<RuleSpec> rules;  // sorted by id
  Severity fail_level = Severity::kError;
  AddressLexicon address;  // rules/address.yaml plus the user's additions
  StockLexicon stock;      // rules/stock-phrases.yaml plus the user's additions
  // The team's template library (`templates:` in the configuration): files
  // and directories, relative paths resolved against the configuration's folder.
  std::vector<std::string> template_paths;
  // The configuration's `scorecard:` (inline, or the file it names), read
  // by Scorecard::Load; nullopt when the configuration gives none.
  std::optional<Sourced> scorecard;
  // The configuration file applied (empty: none), and where it set each of
  // its top-level keys ("fail_level" -> "file:line:col"), for `replylint config`.
  std::string config_file;
  std::map<std::string, std::string> configured_at;
  const RuleSpec* Find(const std::string& id) const;
};

struct LoadOptions {
  std::string rules_dir;            // empty: the built-in rules embedded in the binary
  std::string config_path;          // empty: found from `inputs` (FindConfig)
  bool config_explicit = false;     // --config given: a missing file is an error
  std::vector<std::string> inputs;  // the files and folders the run reads ("-": standard input)
};

// The names a configuration file may have, looked for in this order.
inline constexpr const char* kConfigNames[] = {"replylint.yaml", ".replylint.yaml"};

// The configuration that governs `inputs`, as ESLint and Vale find theirs:
// the first folder holding replylint.yaml or .replylint.yaml, from each
// input's folder (a folder input: itself) up to the file-system root; then
// from the current folder up. Empty when there is none. An error when two
// inputs are governed by different files (a run has one configuration), or
// one folder holds both names. Paths are shown relative to the current
// folder when below it.
StatusOr<std::string> FindConfig(const std::vector<std::string>& inputs);

// Reads a team vocabulary file: one word per line, `#` starts a comment,
// blank lines are skipped. Errors name file:line.
StatusOr<std::vector<std::string>> ReadVocabFile(const std::string& path);

// Loads built-in rule files and merges the user configuration.
StatusOr<RuleSet> LoadRuleSet(const LoadOptions& options);

// The steps of LoadRuleSet, for text in memory. ParseRuleSpec reads one rule
// file (rules/<id>.yaml); ApplyConfig merges a user configuration
// (replylint.yaml) into *set. Errors name file:line:col.
StatusOr<RuleSpec> ParseRuleSpec(const std::string& text, const std::string& file);
Status ApplyConfig(const std::string& text, const std::string& file, RuleSet* set);

// Built-in data files embedded at build time: (relative path, contents).
struct EmbeddedFile {
  const char* path;
  const char* data;
  size_t size;
};
const EmbeddedFile* EmbeddedFiles(size_t* count);
// Reads a built-in data file ("rules/scorecard.yaml"), from `dir` when not
// empty, else from the embedded copy.
StatusOr<std::string> ReadDataFile(const std::string& dir, const std::string& relative);

}  // namespace replylint

#endif  // REPLYLINT_RULES_RULE_SPEC_H_
