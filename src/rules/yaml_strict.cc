#include "rules/yaml_strict.h"

#include <set>
#include <vector>

namespace replylint {
namespace {

// yaml-cpp's depth guard has already bounded the nesting, so recursion is safe.
void CheckKeys(const YAML::Node& node) {
  if (node.IsSequence()) {
    for (const auto& item : node) CheckKeys(item);
  } else if (node.IsMap()) {
    std::set<std::string> seen;
    for (const auto& kv : node) {
      if (kv.first.IsScalar() && !seen.insert(kv.first.Scalar()).second) {
        throw YAML::ParserException(kv.first.Mark(), "duplicate key \"" + kv.first.Scalar() + "\"");
      }
      CheckKeys(kv.second);
    }
  }
}

}  // namespace

YAML::Node LoadStrictYaml(const std::string& text) {
  const std::vector<YAML::Node> docs = YAML::LoadAll(text);
  for (size_t i = 1; i < docs.size(); ++i) {
    if (!docs[i].IsNull()) {
      throw YAML::ParserException(docs[i].Mark(), "several YAML documents (---) in one file; only one is allowed");
    }
  }
  if (docs.empty()) return YAML::Node();
  CheckKeys(docs[0]);
  return docs[0];
}

}  // namespace replylint
