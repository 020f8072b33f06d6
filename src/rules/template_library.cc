#include "rules/template_library.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/files.h"
#include "base/glob.h"
#include "base/utf8.h"
#include "rules/yaml_strict.h"

namespace replylint {
namespace {

namespace fs = std::filesystem;

std::string Pos(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return file + ":1:1";
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  lines.push_back(cur);
  return lines;
}

size_t Indent(const std::string& line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// Maps the lines of a YAML scalar's value back to the file. For a literal
// block (`body: |`) the value's lines are the file's next lines, minus their
// indentation; anything else maps to the scalar's position.
void MapBody(const std::vector<std::string>& file_lines, const YAML::Mark& m, ReplyTemplate* t) {
  const size_t nbody = static_cast<size_t>(std::count(t->body.begin(), t->body.end(), '\n')) + 1;
  if (m.is_null() || m.line < 0) {
    t->body_lines.assign(nbody, 1);
    t->body_columns.assign(nbody, 1);
    return;
  }
  const std::string& at = m.line < static_cast<int>(file_lines.size()) ? file_lines[m.line] : std::string();
  const bool literal = m.column < static_cast<int>(at.size()) && at[m.column] == '|';
  size_t indent = 0;
  if (literal) {
    for (size_t l = m.line + 1; l < file_lines.size(); ++l) {
      if (file_lines[l].find_first_not_of(' ') != std::string::npos) {
        indent = Indent(file_lines[l]);
        break;
      }
    }
  }
  for (size_t k = 0; k < nbody; ++k) {
    if (literal) {
      t->body_lines.push_back(static_cast<size_t>(m.line) + 2 + k);
      t->body_columns.push_back(indent + 1);
    } else {
      t->body_lines.push_back(static_cast<size_t>(m.line) + 1);
      t->body_columns.push_back(static_cast<size_t>(m.column) + 1);
    }
  }
}

Status ReadOne(const YAML::Node& n, const std::string& file, const std::vector<std::string>& lines,
               ReplyTemplate* t) {
  if (!n.IsMap()) return Status::InvalidArgument(Pos(file, n.Mark()) + ": a template must be a mapping");
  static const std::vector<std::string> kKeys = {"id", "lang", "channel", "from", "subject", "body"};
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      return Status::InvalidArgument(Pos(file, kv.first.Mark()) + ": unknown key \"" + key +
                                     "\" (expected id, lang, channel, from, subject, body)");
    }
    if (!kv.second.IsScalar() && !kv.second.IsNull()) {
      return Status::InvalidArgument(Pos(file, kv.second.Mark()) + ": \"" + key + "\" must be a string");
    }
  }
  t->file = file;
  t->line = static_cast<size_t>(n.Mark().line) + 1;
  t->id = n["id"] ? n["id"].as<std::string>("") : "";
  if (n["lang"]) {
    const std::string l = n["lang"].as<std::string>("");
    if (auto lang = ParseLang(l)) {
      t->lang = *lang;
    } else if (!l.empty()) {
      return Status::InvalidArgument(Pos(file, n["lang"].Mark()) + ": lang must be ru or en");
    }
  }
  if (n["channel"]) {
    const std::string c = n["channel"].as<std::string>("");
    auto ch = ParseChannel(c);
    if (!ch) {
      return Status::InvalidArgument(Pos(file, n["channel"].Mark()) + ": unknown channel \"" + c +
                                     "\" (expected email, chat, social or phone)");
    }
    t->channel = *ch;
  }
  t->from = n["from"] ? n["from"].as<std::string>("") : "";
  if (n["from"] && !n["from"].Mark().is_null()) {
    t->from_line = static_cast<size_t>(n["from"].Mark().line) + 1;
    t->from_column = static_cast<size_t>(n["from"].Mark().column) + 1;
  }
  t->subject = n["subject"] ? n["subject"].as<std::string>("") : "";
  if (!n["body"] || !n["body"].IsScalar()) {
    return Status::InvalidArgument(Pos(file, n.Mark()) + ": template " + (t->id.empty() ? "" : t->id + " ") +
                                   "has no body");
  }
  t->body = n["body"].Scalar();
  while (!t->body.empty() && t->body.back() == '\n') t->body.pop_back();
  MapBody(lines, n["body"].Mark(), t);
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<ReplyTemplate>> ReadTemplateFile(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::IoError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read file: " + std::strerror(errno));
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxTemplateFileBytes) break;  // no need to read the rest of a file that is refused
  }
  if (in.bad()) return Status::IoError(path + ": read error: " + std::strerror(errno));
  return ParseTemplateText(std::move(text), path);
}

StatusOr<std::vector<ReplyTemplate>> ParseTemplateText(std::string text, const std::string& path) {
  if (text.size() > kMaxTemplateFileBytes) {
    return Status::InvalidArgument(path + ": more than " + std::to_string(kMaxTemplateFileBytes >> 20) +
                                   " MiB, the limit for a template file");
  }
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (const size_t bad = FindInvalidUtf8(text); bad != std::string::npos) {
    const LineColumn lc = LineColumnAt(text, bad);
    return Status::InvalidArgument(path + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) +
                                   ": invalid UTF-8: a template file must be UTF-8 text");
  }
  const std::vector<std::string> lines = SplitLines(text);
  const std::string ext = fs::path(path).extension().string();
  std::vector<ReplyTemplate> out;
  size_t first_line = 0;  // lines of the file before the YAML that yaml-cpp reads
  try {
    if (ext == ".md" || ext == ".markdown") {
      if (lines.empty() || lines[0] != "---") {
        return Status::InvalidArgument(path + ":1:1: a Markdown template starts with YAML front matter (---)");
      }
      size_t close = 1;
      while (close < lines.size() && lines[close] != "---" && lines[close] != "...") ++close;
      if (close >= lines.size()) return Status::InvalidArgument(path + ":1:1: the front matter is not closed with ---");
      std::string front;
      for (size_t i = 1; i < close; ++i) front += lines[i] + "\n";
      first_line = 1;
      YAML::Node n = LoadStrictYaml(front);
      first_line = 0;
      if (n.IsNull()) n = YAML::Node(YAML::NodeType::Map);
      std::string body;
      for (size_t i = close + 1; i < lines.size(); ++i) body += lines[i] + (i + 1 < lines.size() ? "\n" : "");
      // Errors in the front matter: yaml-cpp counts from the line after "---".
      n["body"] = body;
      ReplyTemplate t;
      Status st = ReadOne(n, path, lines, &t);
      if (!st.ok()) return st;
      t.line = 1;
      t.body = body;
      while (!t.body.empty() && t.body.back() == '\n') t.body.pop_back();
      t.body_lines.clear();
      t.body_columns.clear();
      const size_t nbody = static_cast<size_t>(std::count(t.body.begin(), t.body.end(), '\n')) + 1;
      for (size_t k = 0; k < nbody; ++k) {
        t.body_lines.push_back(close + 2 + k);
        t.body_columns.push_back(1);
      }
      out.push_back(std::move(t));
      return out;
    }
    const YAML::Node root = LoadStrictYaml(text);
    if (root.IsNull()) return Status::InvalidArgument(path + ":1:1: no template: the file is empty");
    if (root.IsMap() && root["templates"]) {
      const YAML::Node list = root["templates"];
      if (!list.IsSequence()) {
        return Status::InvalidArgument(Pos(path, list.Mark()) + ": templates must be a list");
      }
      for (const auto& n : list) {
        ReplyTemplate t;
        if (Status st = ReadOne(n, path, lines, &t); !st.ok()) return st;
        out.push_back(std::move(t));
      }
    } else {
      ReplyTemplate t;
      if (Status st = ReadOne(root, path, lines, &t); !st.ok()) return st;
      out.push_back(std::move(t));
    }
  } catch (const YAML::Exception& e) {
    const bool deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    return Status::InvalidArgument(path + ":" + std::to_string(first_line + e.mark.line + 1) + ":" +
                                   std::to_string(e.mark.column + 1) +
                                   ": invalid YAML: " + (deep ? std::string("nested too deeply") : e.msg));
  }
  return out;
}

std::vector<std::string> DuplicateTemplateIds(const std::vector<ReplyTemplate>& templates) {
  std::vector<std::string> out;
  std::map<std::string, const ReplyTemplate*> first;
  for (const ReplyTemplate& t : templates) {
    if (t.id.empty()) continue;
    auto [it, fresh] = first.emplace(t.id, &t);
    if (!fresh) {
      out.push_back(t.file + ":" + std::to_string(t.line) + ": duplicate template id \"" + t.id + "\" (first at " +
                    it->second->file + ":" + std::to_string(it->second->line) + ")");
    }
  }
  return out;
}

StatusOr<std::vector<std::string>> FindTemplateFiles(const std::vector<std::string>& paths,
                                                     std::vector<std::string>* problems) {
  auto is_template = [](const fs::path& p) {
    const std::string e = p.extension().string();
    return e == ".yaml" || e == ".yml" || e == ".md" || e == ".markdown";
  };
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      // Entries whose type cannot be read are listed, so that loading them
      // reports why. Hidden entries (.git, .github) hold no templates.
      FileListing found = ListFiles(p, is_template, /*skip_hidden=*/true);
      if (!found.problems.empty()) {
        if (problems == nullptr) return Status::IoError(found.problems.front());
        problems->insert(problems->end(), found.problems.begin(), found.problems.end());
      }
      out.insert(out.end(), found.files.begin(), found.files.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      return Status::NotFound(p + ": no such file or directory");
    }
  }
  return out;
}

namespace {

bool HasTemplateExtension(const fs::path& p) {
  const std::string e = p.extension().string();
  return e == ".yaml" || e == ".yml" || e == ".md" || e == ".markdown";
}

// A line at column 0 that opens `key:`.
bool OpensKey(std::string_view line, std::string_view key) {
  if (line.substr(0, key.size()) != key) return false;
  line.remove_prefix(key.size());
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return !line.empty() && line.front() == ':';
}

bool UnderTemplatesFolder(std::string_view path) {
  path = TrimDotSlash(path);
  for (size_t start = 0;;) {
    const size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) return false;
    if (path.substr(start, slash - start) == "templates") return true;
    start = slash + 1;
  }
}

}  // namespace

bool LooksLikeTemplate(std::string_view text, const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  const bool markdown = ext == ".md" || ext == ".markdown";
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
  size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (markdown) {
      if (first) {
        if (line != "---") return false;  // no front matter
        first = false;
        continue;
      }
      if (line == "---" || line == "...") return false;  // front matter without an id
      if (OpensKey(line, "id")) return true;
    } else if (OpensKey(line, "templates") || OpensKey(line, "body")) {
      return true;
    }
  }
  return false;
}

StatusOr<TemplateFileSet> SelectTemplateFiles(const std::vector<std::string>& paths, const TemplateSelection& sel) {
  TemplateFileSet out;
  auto excluded = [&](const std::string& p) {
    return std::any_of(sel.exclude.begin(), sel.exclude.end(),
                       [&](const std::string& g) { return GlobMatchesPathOrParent(g, p); });
  };
  auto take = [&](const std::string& p) {
    if (excluded(p)) return;
    if (!sel.include.empty()) {
      const bool in =
          std::any_of(sel.include.begin(), sel.include.end(), [&](const std::string& g) { return GlobMatch(g, p); });
      (in ? out.files : out.skipped).push_back(p);
      return;
    }
    if (!HasTemplateExtension(p)) {
      out.skipped.push_back(p);
      return;
    }
    if (UnderTemplatesFolder(p)) {
      out.files.push_back(p);
      return;
    }
    // The first 64 KiB tell: front matter and top-level keys come first.
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      out.files.push_back(p);  // reading it reports why
      return;
    }
    std::string head(size_t{1} << 16, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    (LooksLikeTemplate(head, p) ? out.files : out.skipped).push_back(p);
  };
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      FileListing found = ListFiles(p, HasTemplateExtension, /*skip_hidden=*/true);
      out.problems.insert(out.problems.end(), found.problems.begin(), found.problems.end());
      for (const std::string& f : found.files) take(std::string(TrimDotSlash(f)));
    } else if (fs::exists(p, ec) || fs::is_symlink(p, ec)) {
      take(p);
    } else {
      return Status::NotFound(p + ": no such file or directory");
    }
  }
  return out;
}

}  // namespace replylint
