#include "rules/yaml_strict.h"

#include <yaml.h>

#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace replylint {
namespace internal {
struct SetYamlMark {};
}  // namespace internal
}  // namespace replylint

namespace YAML {
// yaml-cpp sets a node's mark only in its own (unexported) builder. Its Node
// befriends the template as_if, so this specialisation for a type of ours is
// how the libyaml reader below gives its nodes their marks.
template <>
struct as_if<replylint::internal::SetYamlMark, void> {
  static void Set(const Node& node, const Mark& mark) {
    node.EnsureNodeExists();
    node.m_pNode->set_mark(mark);
  }
};
}  // namespace YAML

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

// Deeper nesting than this is left to yaml-cpp, whose guard reports it.
constexpr size_t kMaxDepth = 256;

// One event at a time, deleted when the next one is read.
class Events {
 public:
  explicit Events(const std::string& text) {
    ok_ = yaml_parser_initialize(&parser_) != 0;
    if (ok_) yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  Events(const Events&) = delete;
  Events& operator=(const Events&) = delete;
  ~Events() {
    Clear();
    if (ok_) yaml_parser_delete(&parser_);
  }

  // The next event, or null on a syntax error.
  const yaml_event_t* Next() {
    Clear();
    if (!ok_ || yaml_parser_parse(&parser_, &event_) == 0) return nullptr;
    held_ = true;
    return &event_;
  }

 private:
  void Clear() {
    if (held_) yaml_event_delete(&event_);
    held_ = false;
  }
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool held_ = false;
  bool ok_ = false;
};

// The first document of `text` as yaml-cpp's Load would build it — the same
// node types, scalars, shared alias nodes and marks (0-based line, column
// and offset in bytes, as yaml-cpp counts them) — read with libyaml, whose
// scanner is about eight times faster than yaml-cpp's: reading the built-in
// rules was half the instructions of a cold `check`. Nothing where libyaml
// reports an error or the nesting is deeper than kMaxDepth; the caller then
// asks yaml-cpp, so errors keep yaml-cpp's words.
std::optional<YAML::Node> ReadWithLibyaml(const std::string& text) {
  std::vector<size_t> line_starts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts.push_back(i + 1);
  }
  // libyaml counts columns in characters; yaml-cpp in bytes.
  auto mark_of = [&](const yaml_mark_t& m) {
    YAML::Mark out;
    if (m.line >= line_starts.size()) return out;
    size_t at = line_starts[m.line];
    for (size_t c = 0; c < m.column && at < text.size() && text[at] != '\n'; ++c) {
      ++at;
      while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    }
    out.pos = static_cast<int>(at);
    out.line = static_cast<int>(m.line);
    out.column = static_cast<int>(at - line_starts[m.line]);
    return out;
  };
  // Handles are bound with reset(), never with =, which would make the node
  // a handle already stands for take the other's contents.
  struct Open {
    YAML::Node node;
    bool map = false;
    bool have_key = false;
    YAML::Node key;
  };
  YAML::Node root;
  std::vector<Open> open;
  std::map<std::string, YAML::Node> anchors;
  auto place = [&](const YAML::Node& node, const yaml_mark_t& mark, const yaml_char_t* anchor) {
    YAML::as_if<internal::SetYamlMark, void>::Set(node, mark_of(mark));
    if (anchor != nullptr) anchors[reinterpret_cast<const char*>(anchor)].reset(node);
  };
  auto add = [&](const YAML::Node& node) {
    if (open.empty()) {
      root.reset(node);
    } else if (!open.back().map) {
      open.back().node.push_back(node);
    } else if (!open.back().have_key) {
      open.back().key.reset(node);
      open.back().have_key = true;
    } else {
      // force_insert keeps a repeated key, so that CheckKeys reports it.
      open.back().node.force_insert(open.back().key, node);
      open.back().have_key = false;
    }
  };
  Events events(text);
  for (;;) {
    const yaml_event_t* e = events.Next();
    if (e == nullptr) return std::nullopt;
    switch (e->type) {
      case YAML_STREAM_START_EVENT:
      case YAML_DOCUMENT_START_EVENT:
        break;
      case YAML_STREAM_END_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        return root;
      case YAML_SCALAR_EVENT: {
        const auto& s = e->data.scalar;
        const std::string value(reinterpret_cast<const char*>(s.value), s.length);
        // yaml-cpp reads an untagged plain ~, null, Null, NULL or nothing as null.
        const bool null = s.tag == nullptr && s.style == YAML_PLAIN_SCALAR_STYLE &&
                          (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
        YAML::Node node = null ? YAML::Node(YAML::NodeType::Null) : YAML::Node(value);
        place(node, e->start_mark, s.anchor);
        add(node);
        break;
      }
      case YAML_ALIAS_EVENT: {
        auto it = anchors.find(reinterpret_cast<const char*>(e->data.alias.anchor));
        if (it == anchors.end()) return std::nullopt;
        add(it->second);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool map = e->type == YAML_MAPPING_START_EVENT;
        if (open.size() >= kMaxDepth) return std::nullopt;
        YAML::Node node(map ? YAML::NodeType::Map : YAML::NodeType::Sequence);
        place(node, e->start_mark, map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor);
        add(node);
        open.push_back({node, map, false, YAML::Node()});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        open.pop_back();
        break;
      case YAML_NO_EVENT:
        return std::nullopt;
    }
  }
}

}  // namespace

YAML::Node LoadStrictYaml(const std::string& text) {
  if (const int second = SecondDocumentLine(text); second >= 0) {
    YAML::Mark mark;
    mark.line = second;
    throw YAML::ParserException(mark, "several YAML documents (---) in one file; only one is allowed");
  }
  std::optional<YAML::Node> doc = ReadWithLibyaml(text);
  if (!doc) doc = YAML::Load(text);
  CheckKeys(*doc);
  return *doc;
}

}  // namespace replylint
