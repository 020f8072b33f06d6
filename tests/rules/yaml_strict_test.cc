#include "rules/yaml_strict.h"

#include <catch2/catch.hpp>
#include <string>

#include "rules/rule_spec.h"

using namespace replylint;

namespace {

std::string MarkOf(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return std::to_string(m.line) + ":" + std::to_string(m.column) + "@" + std::to_string(m.pos);
}

// Where `a` and `b` differ (type, scalar, order of keys, mark), or "".
std::string Differ(const YAML::Node& a, const YAML::Node& b, const std::string& path) {
  if (a.Type() != b.Type()) return path + ": type";
  if (!a.IsNull() && MarkOf(a) != MarkOf(b)) return path + ": mark " + MarkOf(a) + " vs " + MarkOf(b);
  if (a.IsScalar()) return a.Scalar() == b.Scalar() ? "" : path + ": \"" + a.Scalar() + "\" vs \"" + b.Scalar() + "\"";
  if (a.size() != b.size()) return path + ": size";
  auto i = a.begin();
  auto j = b.begin();
  for (size_t k = 0; i != a.end(); ++i, ++j, ++k) {
    const std::string at = path + "/" + std::to_string(k);
    std::string d =
        a.IsMap() ? Differ(i->first, j->first, at + "(key)") + Differ(i->second, j->second, at) : Differ(*i, *j, at);
    if (!d.empty()) return d;
  }
  return "";
}

}  // namespace

TEST_CASE("The strict loader builds what yaml-cpp builds, marks included", "[rules][yaml]") {
  size_t n = 0;
  const EmbeddedFile* files = EmbeddedFiles(&n);
  size_t checked = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string path = files[i].path;
    if (path.size() < 5 || (path.substr(path.size() - 5) != ".yaml" && path.substr(path.size() - 4) != ".yml"))
      continue;
    const std::string text(files[i].data, files[i].size);
    INFO(path);
    CHECK(Differ(LoadStrictYaml(text), YAML::Load(text), "") == "");
    ++checked;
  }
  CHECK(checked >= 15);
  const char* const kCases[] = {
      "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e}\n",
      "имя: Саша\nфразы:\n  - «Добрый день», Катя\n  - тест: значение\n",
      "key:\n- one\n- two\nnext: ~\nempty:\nquoted: 'null'\nplain: null\nNull: NULL\n",
      "text: |\n  line one\n  строка два\nfolded: >-\n  a\n  b\nafter: x\n",
      "base: &b {x: 1}\nuse: *b\nlist: &l [1, 2]\nagain: *l\n",
      "# comment\n---\nrules:\n  spelling: off   # trailing\n  'quoted key': \"ё\"\n",
      "- - nested\n  - deeper: [1, {2: 3}]\n- ''\n",
      "",
      "just a scalar",
  };
  for (const char* text : kCases) {
    INFO(text);
    CHECK(Differ(LoadStrictYaml(text), YAML::Load(text), "") == "");
  }
}

TEST_CASE("The strict loader keeps yaml-cpp's errors and refuses repeated keys", "[rules][yaml]") {
  auto message = [](const std::string& text) -> std::string {
    try {
      LoadStrictYaml(text);
    } catch (const YAML::Exception& e) {
      return e.what();
    }
    return "";
  };
  auto yaml_cpp = [](const std::string& text) -> std::string {
    try {
      YAML::Load(text);
    } catch (const YAML::Exception& e) {
      return e.what();
    }
    return "";
  };
  // Where libyaml finds an error, yaml-cpp reads the text again: its
  // message, or its tree where it reads what libyaml does not ('open, a
  // sequence then a key).
  for (const std::string bad : {"a: [1, 2\n", "a: b: c\n", "a: *missing\n", "a: 'open\n", "- a\nb: c\n"}) {
    INFO(bad);
    CHECK(message(bad) == yaml_cpp(bad));
  }
  CHECK(message("a: [1, 2\n") != "");
  CHECK(message("a: b: c\n") != "");
  CHECK(message("a: 1\nb: 2\na: 3\n") == "yaml-cpp: error at line 3, column 1: duplicate key \"a\"");
  CHECK(message("x:\n  k: 1\n  k: 2\n") == "yaml-cpp: error at line 3, column 3: duplicate key \"k\"");
  CHECK(message("a: 1\n---\nb: 2\n").find("several YAML documents") != std::string::npos);
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "[";
  CHECK(message(deep).find("error") != std::string::npos);
}
