#include "score/score.h"

#include <algorithm>
#include <cmath>

namespace replylint {
namespace {

Status Error(const Sourced& s, const std::string& what) { return Status::InvalidArgument(Where(s) + ": " + what); }

StatusOr<int> IntOf(const Sourced& s, int min, int max, const std::string& what) {
  int v = 0;
  try {
    v = s.node.as<int>();
  } catch (const YAML::Exception&) {
    return Error(s, what + ": expected a whole number");
  }
  if (v < min || v > max)
    return Error(s, what + ": must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v;
}

}  // namespace

StatusOr<Scorecard> Scorecard::Load(const std::string& rules_dir, const RuleSet& rules) {
  const std::string file = rules_dir.empty() ? "rules/scorecard.yaml" : rules_dir + "/scorecard.yaml";
  auto text = rules_dir.empty() ? ReadDataFile("", "rules/scorecard.yaml") : ReadDataFile(rules_dir, "scorecard.yaml");
  if (!text.ok()) return text.status();
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(file + ":" + std::to_string(e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  const Sourced top{root, file};
  if (!root.IsMap()) return Error(top, "expected a mapping");
  Scorecard card;
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const Sourced val{kv.second, file};
    if (key == "penalties") {
      if (!val.node.IsMap()) return Error(val, "penalties: expected a mapping from severity to points");
      for (const auto& p : val.node) {
        auto sev = ParseSeverity(p.first.Scalar());
        if (!sev) return Error({p.first, file}, "unknown severity \"" + p.first.Scalar() + "\"");
        auto pts = IntOf({p.second, file}, 0, 100, "penalties." + p.first.Scalar());
        if (!pts.ok()) return pts.status();
        card.penalties[*sev] = *pts;
      }
    } else if (key == "critical") {
      if (!val.node.IsSequence()) return Error(val, "critical: expected a list of rule ids");
      for (const auto& r : val.node) {
        if (!rules.Find(r.Scalar())) return Error({r, file}, "critical: unknown rule \"" + r.Scalar() + "\"");
        card.critical.push_back(r.Scalar());
      }
    } else if (key == "stars") {
      if (!val.node.IsMap()) return Error(val, "stars: expected a mapping from stars (2-5) to the lowest score");
      for (const auto& s : val.node) {
        auto stars = IntOf({s.first, file}, 2, 5, "stars");
        if (!stars.ok()) return stars.status();
        auto min = IntOf({s.second, file}, 0, 100, "stars." + s.first.Scalar());
        if (!min.ok()) return min.status();
        card.stars.emplace_back(*stars, *min);
      }
      std::sort(card.stars.begin(), card.stars.end(), [](auto a, auto b) { return a.first > b.first; });
      for (size_t i = 1; i < card.stars.size(); ++i) {
        if (card.stars[i].second > card.stars[i - 1].second) {
          return Error(val, "stars: more stars must need a higher score");
        }
      }
    } else if (key == "categories") {
      if (!val.node.IsMap()) return Error(val, "categories: expected a mapping from category to weight");
      for (const auto& c : val.node) {
        auto w = IntOf({c.second, file}, 0, 1000, "categories." + c.first.Scalar());
        if (!w.ok()) return w.status();
        card.categories.emplace_back(c.first.Scalar(), *w);
      }
    } else {
      return Error({kv.first, file}, "unknown key \"" + key + "\" (expected penalties, critical, stars, categories)");
    }
  }
  for (Severity s : {Severity::kSuggestion, Severity::kWarning, Severity::kError}) {
    if (!card.penalties.count(s)) return Error(top, "penalties: missing " + std::string(SeverityName(s)));
  }
  for (const RuleSpec& r : rules.rules) {
    const bool known = std::any_of(card.categories.begin(), card.categories.end(),
                                   [&](const auto& c) { return c.first == r.category; });
    if (!known) return Error(top, "rule " + r.id + " is in category \"" + r.category + "\", which the scorecard lacks");
  }
  return card;
}

int Scorecard::StarsFor(int score) const {
  for (const auto& [stars, min] : this->stars) {
    if (score >= min) return stars;
  }
  return 1;
}

ReplyScore ScoreReply(const Scorecard& card, const RuleSet& rules, Channel channel,
                      const std::vector<Finding>& findings) {
  ReplyScore out;
  std::map<std::string, int> lost;
  int possible = 0;
  for (const auto& category : card.categories) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& cat = category.first;
    const int weight = category.second;
    const bool applies = std::any_of(rules.rules.begin(), rules.rules.end(), [&](const RuleSpec& r) {
      return r.enabled && r.category == cat && r.AppliesTo(channel);
    });
    if (applies) {
      possible += weight;
      lost[cat] = 0;
    }
  }
  for (const Finding& f : findings) {
    if (std::find(card.critical.begin(), card.critical.end(), f.rule) != card.critical.end()) out.critical = true;
    const RuleSpec* r = rules.Find(f.rule);
    if (!r) continue;
    auto it = lost.find(r->category);
    if (it == lost.end()) continue;
    it->second += card.penalties.at(f.severity);
  }
  if (out.critical) {
    out.score = 0;
  } else if (possible > 0) {
    int kept = possible;
    for (const auto& [cat, weight] : card.categories) {
      auto it = lost.find(cat);
      if (it != lost.end()) kept -= std::min(weight, it->second);
    }
    out.score = static_cast<int>(std::lround(100.0 * kept / possible));
  }
  out.stars = card.StarsFor(out.score);
  return out;
}

void Aggregate::Add(double x) {
  ++n_;
  const double d = x - mean_;
  mean_ += d / static_cast<double>(n_);
  m2_ += d * (x - mean_);
}

double Aggregate::stddev() const { return n_ < 2 ? 0.0 : std::sqrt(m2_ / static_cast<double>(n_ - 1)); }

double StudentT95(size_t df) {
  static const double kTable[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                  2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
                                  2.074, 2.069,  2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df == 0) return 0;
  if (df <= 30) return kTable[df];
  if (df <= 40) return 2.021;
  if (df <= 60) return 2.000;
  if (df <= 120) return 1.980;
  return 1.960;
}

double Aggregate::HalfWidth95() const {
  if (n_ < 2) return 0;
  return StudentT95(n_ - 1) * stddev() / std::sqrt(static_cast<double>(n_));
}

}  // namespace replylint
