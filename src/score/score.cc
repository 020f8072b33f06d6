#include "score/score.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

#include "rules/yaml_strict.h"

namespace replylint {
namespace {

Status Error(const Sourced& s, const std::string& what) { return Status::InvalidArgument(Where(s) + ": " + what); }

StatusOr<int> IntOf(const Sourced& s, int min, int max, const std::string& what) {
  int v = 0;
  try {
    if (!s.node.IsScalar()) throw YAML::Exception(s.node.Mark(), "not a scalar");
    v = s.node.as<int>();
  } catch (const YAML::Exception&) {
    return Error(s, what + ": expected a whole number");
  }
  if (v < min || v > max)
    return Error(s, what + ": must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v;
}

const char* const kKeys[] = {"penalties", "critical", "stars", "good", "categories"};

Status ParsePenalties(const Sourced& val, Scorecard* card) {
  if (!val.node.IsMap()) return Error(val, "penalties: expected a mapping from severity to points");
  for (const auto& p : val.node) {
    auto sev = ParseSeverity(p.first.Scalar());
    if (!sev) {
      return Error({p.first, val.file},
                   "penalties: unknown severity \"" + p.first.Scalar() + "\" (expected error, warning, suggestion)");
    }
    auto pts = IntOf({p.second, val.file}, 0, 100, "penalties." + p.first.Scalar());
    if (!pts.ok()) return pts.status();
    card->penalties[*sev] = *pts;
  }
  for (Severity s : {Severity::kSuggestion, Severity::kWarning, Severity::kError}) {
    if (!card->penalties.count(s)) return Error(val, "penalties: missing " + std::string(SeverityName(s)));
  }
  return Status::Ok();
}

Status ParseCritical(const Sourced& val, const RuleSet& rules, Scorecard* card) {
  if (!val.node.IsSequence()) return Error(val, "critical: expected a list of rule ids");
  for (const auto& r : val.node) {
    if (!r.IsScalar() || !rules.Find(r.Scalar()))
      return Error({r, val.file}, "critical: unknown rule \"" + r.Scalar() + "\"");
    card->critical.push_back(r.Scalar());
  }
  std::sort(card->critical.begin(), card->critical.end());
  card->critical.erase(std::unique(card->critical.begin(), card->critical.end()), card->critical.end());
  return Status::Ok();
}

Status ParseStars(const Sourced& val, Scorecard* card) {
  if (!val.node.IsMap()) return Error(val, "stars: expected a mapping from stars (2-5) to the lowest score");
  std::set<int> seen;
  for (const auto& s : val.node) {
    auto stars = IntOf({s.first, val.file}, 2, 5, "stars");
    if (!stars.ok()) return stars.status();
    if (!seen.insert(*stars).second) return Error({s.first, val.file}, "stars: " + s.first.Scalar() + " given twice");
    auto min = IntOf({s.second, val.file}, 0, 100, "stars." + s.first.Scalar());
    if (!min.ok()) return min.status();
    card->stars.emplace_back(*stars, *min);
  }
  if (!seen.count(5)) return Error(val, "stars: missing the lowest score for 5 stars");
  std::sort(card->stars.begin(), card->stars.end(), [](auto a, auto b) { return a.first > b.first; });
  for (size_t i = 1; i < card->stars.size(); ++i) {
    if (card->stars[i].second >= card->stars[i - 1].second) {
      return Error(val, "stars: more stars must need a higher score (" + std::to_string(card->stars[i].first) +
                            " stars from " + std::to_string(card->stars[i].second) + ", " +
                            std::to_string(card->stars[i - 1].first) + " from " +
                            std::to_string(card->stars[i - 1].second) + ")");
    }
  }
  return Status::Ok();
}

// categories: {name: weight} or {name: {weight: N, rules: [ids]}}; rules
// listed here leave the category their rule file names. A built-in category
// of weight 0 (`builtin`, when `val` is the configuration's) that the
// configuration leaves out is kept at 0: it costs nothing, and a team's
// categories written before it existed stay valid.
Status ParseCategories(const Sourced& val, const RuleSet& rules, Scorecard* card,
                       const YAML::Node& builtin = YAML::Node()) {
  if (!val.node.IsMap()) return Error(val, "categories: expected a mapping from category to weight");
  std::map<std::string, std::string> moved;  // rule -> category named here
  int total = 0;
  for (const auto& c : val.node) {
    const std::string name = c.first.Scalar();
    if (std::any_of(card->categories.begin(), card->categories.end(), [&](const auto& x) { return x.first == name; }))
      return Error({c.first, val.file}, "categories: " + name + " given twice");
    const Sourced body{c.second, val.file};
    // (YAML::Node assignment writes through to the document: never reassign one.)
    const Sourced weight{body.node.IsMap() ? body.node["weight"] : body.node, val.file};
    if (body.node.IsMap()) {
      for (const auto& kv : body.node) {
        const std::string key = kv.first.Scalar();
        if (key != "weight" && key != "rules")
          return Error({kv.first, val.file}, "categories." + name + ": unknown key \"" + key + "\" (expected weight, rules)");
      }
      if (!weight.node) return Error(body, "categories." + name + ": missing \"weight\"");
      if (const YAML::Node list = body.node["rules"]) {
        if (!list.IsSequence()) return Error({list, val.file}, "categories." + name + ".rules: expected a list of rule ids");
        for (const auto& r : list) {
          if (!r.IsScalar() || !rules.Find(r.Scalar()))
            return Error({r, val.file}, "categories." + name + ": unknown rule \"" + r.Scalar() + "\"");
          if (moved.count(r.Scalar()))
            return Error({r, val.file}, "rule " + r.Scalar() + " is listed in categories " + moved[r.Scalar()] +
                                            " and " + name);
          moved[r.Scalar()] = name;
        }
      }
    }
    auto w = IntOf(weight, 0, 1000, "categories." + name);
    if (!w.ok()) return w.status();
    total += *w;
    card->categories.emplace_back(name, *w);
  }
  if (total == 0) return Error(val, "categories: the weights add up to 0");
  if (builtin.IsMap()) {
    for (const auto& c : builtin) {
      const std::string name = c.first.Scalar();
      const bool given =
          std::any_of(card->categories.begin(), card->categories.end(), [&](const auto& x) { return x.first == name; });
      if (!given && c.second.IsScalar() && c.second.Scalar() == "0") card->categories.emplace_back(name, 0);
    }
  }
  for (const RuleSpec& r : rules.rules) {
    auto it = moved.find(r.id);
    const std::string& cat = it != moved.end() ? it->second : r.category;
    const bool known = std::any_of(card->categories.begin(), card->categories.end(),
                                   [&](const auto& c) { return c.first == cat; });
    if (!known) {
      return Error(val, "rule " + r.id + " is in category \"" + cat +
                            "\", which the scorecard lacks (add it, or list the rule under another category's rules)");
    }
    card->rule_category[r.id] = cat;
  }
  return Status::Ok();
}

StatusOr<Sourced> ParseFile(const std::string& text, const std::string& file) {
  YAML::Node root;
  try {
    root = LoadStrictYaml(text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(file + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  return Sourced{root, file};
}

Status CheckTopKeys(const Sourced& top) {
  if (!top.node.IsMap()) return Error(top, "scorecard: expected a mapping");
  for (const auto& kv : top.node) {
    const std::string key = kv.first.Scalar();
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
      return Error({kv.first, top.file},
                   "scorecard: unknown key \"" + key + "\" (expected penalties, critical, stars, good, categories)");
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<Scorecard> Scorecard::Load(const std::string& rules_dir, const RuleSet& rules) {
  const std::string file = rules_dir.empty() ? "rules/scorecard.yaml" : rules_dir + "/scorecard.yaml";
  auto text = rules_dir.empty() ? ReadDataFile("", "rules/scorecard.yaml") : ReadDataFile(rules_dir, "scorecard.yaml");
  if (!text.ok()) return text.status();
  auto base = ParseFile(*text, file);
  if (!base.ok()) return base.status();
  if (Status st = CheckTopKeys(*base); !st.ok()) return st;
  if (rules.scorecard) {
    if (Status st = CheckTopKeys(*rules.scorecard); !st.ok()) return st;
  }
  // Each key comes from the configuration when it gives it, else the built-in.
  auto pick = [&](const char* key) -> std::optional<Sourced> {
    if (rules.scorecard && rules.scorecard->node[key]) return Sourced{rules.scorecard->node[key], rules.scorecard->file};
    if (base->node[key]) return Sourced{base->node[key], base->file};
    return std::nullopt;
  };
  Scorecard card;
  for (const char* key : kKeys) {
    auto val = pick(key);
    if (!val) {
      if (std::string(key) == "good" || std::string(key) == "critical") continue;
      return Error(*base, std::string("scorecard: missing \"") + key + "\"");
    }
    Status st;
    const std::string k = key;
    if (k == "penalties") {
      st = ParsePenalties(*val, &card);
    } else if (k == "critical") {
      st = ParseCritical(*val, rules, &card);
    } else if (k == "stars") {
      st = ParseStars(*val, &card);
    } else if (k == "good") {
      auto g = IntOf(*val, 1, 5, "good");
      if (g.ok()) card.good_stars = *g;
      st = g.status();
    } else {
      st = ParseCategories(*val, rules, &card, val->file == base->file ? YAML::Node() : base->node["categories"]);
    }
    if (!st.ok()) return st;
  }
  return card;
}

int Scorecard::StarsFor(int score) const {
  for (const auto& [stars, min] : this->stars) {
    if (score >= min) return stars;
  }
  return 1;
}

bool Scorecard::IsCritical(const std::string& rule) const {
  return std::binary_search(critical.begin(), critical.end(), rule);
}

const std::string& Scorecard::CategoryOf(const std::string& rule) const {
  static const std::string kNone;
  auto it = rule_category.find(rule);
  return it == rule_category.end() ? kNone : it->second;
}

ReplyScore ScoreReply(const Scorecard& card, const RuleSet& rules, Channel channel,
                      const std::vector<Finding>& findings) {
  return ReplyScorer(card, rules).Score(channel, findings);
}

ReplyScorer::ReplyScorer(const Scorecard& card, const RuleSet& rules) : card_(&card) {
  static_assert(static_cast<size_t>(Channel::kPhone) + 1 == std::tuple_size_v<decltype(channels_)>);
  for (size_t c = 0; c < channels_.size(); ++c) {
    // The categories some enabled rule for this channel counts in.
    std::set<std::string_view> applies;
    for (const RuleSpec& r : rules.rules) {
      if (r.enabled && r.AppliesTo(static_cast<Channel>(c))) applies.insert(card.CategoryOf(r.id));
    }
    Basis& b = channels_[c];
    for (const auto& [cat, weight] : card.categories) {
      if (applies.count(cat)) {
        b.possible += weight;
        b.categories.emplace_back(cat, weight);
      }
    }
  }
}

ReplyScore ReplyScorer::Score(Channel channel, const std::vector<Finding>& findings) const {
  const Scorecard& card = *card_;
  const Basis& basis = channels_.at(static_cast<size_t>(channel));
  ReplyScore out;
  if (findings.empty()) {  // all kept (100), or nothing possible (100 too)
    out.stars = card.StarsFor(out.score);
    return out;
  }
  const int possible = basis.possible;
  std::map<std::string, int> lost;  // category -> penalty points, uncapped
  for (const auto& [cat, weight] : basis.categories) lost[cat] = 0;
  std::map<std::string, std::map<std::string, int>> by_rule;  // category -> rule -> penalty points
  std::set<std::string> critical;
  for (const Finding& f : findings) {
    if (card.IsCritical(f.rule)) critical.insert(f.rule);
    auto it = lost.find(card.CategoryOf(f.rule));
    if (it == lost.end()) continue;
    const int p = card.penalties.at(f.severity);
    it->second += p;
    by_rule[it->first][f.rule] += p;
  }
  std::map<std::string, double> cost;  // rule -> score points
  double cost_total = 0;
  int kept = possible;
  for (const auto& [cat, weight] : basis.categories) {
    const int lost_here = lost[cat];
    if (lost_here == 0) continue;
    const int capped = std::min(weight, lost_here);
    kept -= capped;
    for (const auto& [rule, p] : by_rule[cat]) {
      const double c = 100.0 * capped / possible * p / lost_here;
      cost[rule] += c;
      cost_total += c;
    }
  }
  if (possible > 0) out.score = static_cast<int>(std::lround(100.0 * kept / possible));
  if (!critical.empty()) {
    out.critical = true;
    out.score = 0;
    const double rest = std::max(0.0, 100.0 - cost_total) / static_cast<double>(critical.size());
    for (const std::string& rule : critical) cost[rule] += rest;
  } else if (cost_total > 0) {
    // Rounding the score moved it by up to half a point: scale the shares so
    // that they explain exactly the points the reply lost.
    const double scale = (100.0 - out.score) / cost_total;
    for (auto& [rule, c] : cost) c *= scale;
  }
  for (const auto& [rule, c] : cost) {
    if (c > 0) out.costs.emplace_back(rule, c);
  }
  out.stars = card.StarsFor(out.score);
  return out;
}

}  // namespace replylint
