#include "rules/yaml_strict.h"

#include <set>
#include <string_view>

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

// The 0-based line where a second YAML document starts, or -1. yaml-cpp's
// LoadAll can loop without end on malformed input (the config fuzz target
// found one that grew memory for minutes), so only the first document is
// parsed, and a second one is found by its markers: "---" at the start of a
// line after content, or content after a "..." line. (A marker at column 0
// ends any scalar, so it cannot be text inside the first document.)
int SecondDocumentLine(const std::string& text) {
  auto marker = [](std::string_view line, std::string_view m) {
    return line.substr(0, 3) == m && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
  };
  auto blank = [](std::string_view rest) {
    const size_t at = rest.find_first_not_of(" \t\r");
    return at == std::string_view::npos || rest[at] == '#';
  };
  bool content = false, ended = false;
  int line_no = 0;
  for (size_t start = 0; start <= text.size(); ++line_no) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (marker(line, "---")) {
      if (content || ended) return line_no;
      content = !blank(line.substr(3));
    } else if (marker(line, "...")) {
      ended = true;
    } else if (!blank(line) && line[0] != '%') {
      if (ended) return line_no;
      content = true;
    }
  }
  return -1;
}

}  // namespace

YAML::Node LoadStrictYaml(const std::string& text) {
  if (const int second = SecondDocumentLine(text); second >= 0) {
    YAML::Mark mark;
    mark.line = second;
    throw YAML::ParserException(mark, "several YAML documents (---) in one file; only one is allowed");
  }
  YAML::Node doc = YAML::Load(text);
  CheckKeys(doc);
  return doc;
}

}  // namespace replylint
