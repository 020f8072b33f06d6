#include "lexicon/declension.h"

#include <unicode/uchar.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>

#include "base/utf8.h"
#include "rules/rule_spec.h"
#include "rules/yaml_strict.h"

namespace replylint {
namespace {


std::u32string Lower(std::u32string s) {
  for (char32_t& c : s) c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return s;
}

bool EndsWith(const std::u32string& s, const std::u32string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsHushing(char32_t c) { return c == U'ж' || c == U'ш' || c == U'щ' || c == U'ч' || c == U'ц'; }

// Russian spelling after ж ш щ ч ц (and г к х for ы): petrovich's generic
// "-а" rule gives «Мишы», «Мишой» for male short forms; names take «Миши»,
// «Мишей».
void FixSpelling(std::u32string* w, size_t stem) {
  if (stem == 0 || stem >= w->size()) return;
  const char32_t before = (*w)[stem - 1];
  char32_t& first = (*w)[stem];
  if (first == U'ы' && (IsHushing(before) || before == U'г' || before == U'к' || before == U'х') && before != U'ц') {
    first = U'и';
  }
  if (first == U'о' && IsHushing(before) && w->size() == stem + 2 && (*w)[stem + 1] == U'й') first = U'е';
}

}  // namespace

std::string_view CaseName(Case c) {
  static constexpr std::string_view kNames[] = {"nominative",   "genitive",      "dative",  "accusative",
                                                "instrumental", "prepositional", "vocative"};
  return kNames[static_cast<size_t>(c)];
}

StatusOr<Declension> Declension::Parse(const std::string& yaml, const std::string& file) {
  Declension d;
  try {
    const YAML::Node root = LoadStrictYaml(yaml);
    const YAML::Node first = root["firstname"];
    if (!first) return Status::InvalidArgument(file + ": no firstname rules");
    for (auto [group, out] : {std::pair{"exceptions", &d.exceptions_}, std::pair{"suffixes", &d.suffixes_}}) {
      for (const auto& r : first[group]) {
        Rule rule;
        const std::string g = r["gender"].as<std::string>();
        rule.gender = g == "male" ? Gender::kMale : g == "female" ? Gender::kFemale : Gender::kUnknown;
        for (const auto& t : r["test"]) rule.tests.push_back(Lower(ToU32(t.as<std::string>())));
        const YAML::Node mods = r["mods"];
        if (!mods.IsSequence() || mods.size() != 5) {
          return Status::InvalidArgument(file + ":" + std::to_string(r.Mark().line + 1) + ": mods needs 5 cases");
        }
        for (size_t k = 0; k < 5; ++k) rule.mods[k] = ToU32(mods[k].as<std::string>());
        out->push_back(std::move(rule));
      }
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return d;
}

const Declension& Declension::Instance() {
  static const Declension* instance = [] {
    const char* file = "dictionaries/petrovich-rules.yml";
    auto text = ReadDataFile("", file);
    StatusOr<Declension> d = text.ok() ? Parse(*text, file) : StatusOr<Declension>(text.status());
    if (!d.ok()) {
      std::fprintf(stderr, "replylint: broken built-in declension rules: %s\n", d.status().message().c_str());
      std::abort();
    }
    return new Declension(std::move(*d));
  }();
  return *instance;
}

const Declension::Rule* Declension::Find(const std::u32string& lower, Gender gender) const {
  auto fits = [&](const Rule& r) { return r.gender == Gender::kUnknown || r.gender == gender; };
  for (const Rule& r : exceptions_) {
    if (!fits(r)) continue;
    for (const auto& t : r.tests) {
      if (t == lower) return &r;
    }
  }
  for (const Rule& r : suffixes_) {
    if (!fits(r)) continue;
    for (const auto& t : r.tests) {
      if (EndsWith(lower, t)) return &r;
    }
  }
  return nullptr;
}

std::array<std::string, kCaseCount> Declension::Decline(std::string_view name, Gender gender) const {
  std::array<std::string, kCaseCount> out;
  out[0] = std::string(name);
  const std::u32string word = ToU32(name);
  const std::u32string lower = Lower(word);
  const Rule* rule = Find(lower, gender);
  for (size_t k = 0; k < 5; ++k) {
    if (!rule) {
      out[k + 1] = out[0];
      continue;
    }
    const std::u32string& mod = rule->mods[k];
    if (mod == U".") {
      out[k + 1] = out[0];
      continue;
    }
    size_t cut = 0;
    while (cut < mod.size() && mod[cut] == U'-') ++cut;
    std::u32string w = word.substr(0, word.size() >= cut ? word.size() - cut : 0);
    const size_t stem = w.size();
    w += mod.substr(cut);
    FixSpelling(&w, stem);
    out[k + 1] = ToUtf8(w);
  }
  // Informal vocative of short forms: «Саш», «Маш», «Серёж» (not of full
  // names ending in -ия/-ья, nor of two-letter stems).
  if (lower.size() >= 4 && (lower.back() == U'а' || lower.back() == U'я') && !EndsWith(lower, U"ия") &&
      !EndsWith(lower, U"ья")) {
    std::u32string v = word.substr(0, word.size() - 1);
    if (lower.back() == U'я' && !v.empty()) v += U'ь';
    out[static_cast<size_t>(Case::kVoc)] = ToUtf8(v);
  }
  return out;
}

}  // namespace replylint
