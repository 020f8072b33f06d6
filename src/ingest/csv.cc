#include "ingest/csv.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "base/ascii.h"
#include "base/utf8.h"
#include "rules/yaml_strict.h"

namespace replylint {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// Role names every map knows besides the contract's (customer, agent,
// system): what helpdesk exports call the two sides.
const std::map<std::string, Role>& BuiltinRoles() {
  static const std::map<std::string, Role> kRoles = {
      {"customer", Role::kCustomer},  {"client", Role::kCustomer},  {"end-user", Role::kCustomer},
      {"end_user", Role::kCustomer},  {"enduser", Role::kCustomer}, {"user", Role::kCustomer},
      {"requester", Role::kCustomer}, {"contact", Role::kCustomer}, {"visitor", Role::kCustomer},
      {"agent", Role::kAgent},        {"operator", Role::kAgent},   {"staff", Role::kAgent},
      {"admin", Role::kAgent},        {"support", Role::kAgent},    {"system", Role::kSystem},
      {"bot", Role::kSystem},
  };
  return kRoles;
}

std::optional<Channel> ChannelOf(const std::string& value, const ColumnMap& map) {
  const std::string v = AsciiLower(Trim(value));
  if (auto it = map.channels.find(v); it != map.channels.end()) return it->second;
  if (auto c = ParseChannel(v)) return c;
  if (v == "e-mail" || v == "mail") return Channel::kEmail;
  return std::nullopt;
}

std::string At(const std::string& name, size_t line) { return name + ":" + std::to_string(line) + ": "; }

ConvertedRecord Rejected(const std::string& name, size_t line, const std::string& what) {
  ConvertedRecord r;
  r.line = line;
  r.conversation = Status::InvalidArgument(At(name, line) + what);
  return r;
}

// A conversation being assembled from its rows.
struct Building {
  Conversation c;
  std::vector<size_t> lines;  // of each message's row
  std::vector<std::string> warnings;
};

std::vector<ConvertedRecord> Finish(std::vector<Building> built, std::vector<ConvertedRecord> rejected) {
  std::vector<ConvertedRecord> out = std::move(rejected);
  for (Building& b : built) {
    OrderByTime(&b.c);
    ConvertedRecord r;
    r.line = b.c.line;
    r.warnings = std::move(b.warnings);
    r.conversation = std::move(b.c);
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ConvertedRecord& a, const ConvertedRecord& b) { return a.line < b.line; });
  return out;
}

// The delimiter a file uses when the map does not say: tab for .tsv, else
// the one of , ; tab | that the header row holds most of (outside quotes).
char GuessDelimiter(std::string_view text, const std::string& name) {
  if (name.size() > 4 && AsciiLower(name.substr(name.size() - 4)) == ".tsv") return '\t';
  const std::string_view header = text.substr(0, text.find('\n'));
  char best = ',';
  size_t best_n = 0;
  for (char d : {',', ';', '\t', '|'}) {
    size_t n = 0;
    bool quoted = false;
    for (char c : header) {
      if (c == '"') quoted = !quoted;
      if (!quoted && c == d) ++n;
    }
    if (n > best_n) best = d, best_n = n;
  }
  return best;
}

std::string_view WithoutBom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

}  // namespace

// ---- reading ------------------------------------------------------------------

bool CsvReader::Next(std::vector<std::string>* fields, size_t* line, std::string* error) {
  fields->clear();
  error->clear();
  // Blank lines are no records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n' || pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  *line = line_;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the field began with a quote
  size_t quote_line = 0;
  for (;;) {
    if (pos_ >= text_.size()) {
      if (quoted) {
        *error =
            "unclosed quote: the field opened at line " + std::to_string(quote_line) + " runs to the end of the file";
      }
      fields->push_back(std::move(field));
      return true;
    }
    const char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
        // A line break inside a field is kept as '\n', whatever the file used.
        if (c == '\r') {
          if (pos_ < text_.size() && text_[pos_] == '\n') continue;
          field += '\n';
        } else {
          field += c;
        }
      }
      continue;
    }
    if (c == delimiter_) {
      fields->push_back(std::move(field));
      field.clear();
      was_quoted = false;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      fields->push_back(std::move(field));
      return true;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
      quote_line = line_;
      continue;
    }
    // A quote inside an unquoted field, or text after a closing quote: not
    // RFC 4180, but common; kept as written.
    field += c;
  }
}

// ---- column map ---------------------------------------------------------------

StatusOr<ColumnMap> ParseColumnMap(const std::string& yaml, const std::string& name) {
  ColumnMap map;
  YAML::Node root;
  try {
    root = LoadStrictYaml(yaml);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsMap()) return Status::InvalidArgument(name + ": a column map is a YAML mapping (see docs/sources.md)");
  auto where = [&](const YAML::Node& n) { return name + ":" + std::to_string(n.Mark().line + 1) + ": "; };
  auto scalar = [&](const YAML::Node& n, const std::string& key, std::string* out) -> Status {
    if (!n.IsScalar()) return Status::InvalidArgument(where(n) + "\"" + key + "\" must be a string");
    *out = n.Scalar();
    return Status::Ok();
  };
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "delimiter") {
      std::string d;
      if (Status st = scalar(v, key, &d); !st.ok()) return st;
      if (d == "tab" || d == "\\t") d = "\t";
      if (d.size() != 1 || d == "\"" || d == "\n" || d == "\r") {
        return Status::InvalidArgument(where(v) + "delimiter must be one character (or \"tab\"), not \"" + d + "\"");
      }
      map.delimiter = d[0];
    } else if (key == "columns") {
      if (!v.IsMap()) return Status::InvalidArgument(where(v) + "\"columns\" must map fields to column names");
      // Only what the map names: the defaults are for a map-less file.
      map.conversation = map.role = map.author = map.text = map.time = map.channel = map.customer_name = "";
      const std::pair<const char*, std::string*> fields[] = {{"conversation", &map.conversation},
                                                             {"role", &map.role},
                                                             {"author", &map.author},
                                                             {"agent_id", &map.agent_id},
                                                             {"text", &map.text},
                                                             {"time", &map.time},
                                                             {"channel", &map.channel},
                                                             {"customer_name", &map.customer_name},
                                                             {"customer_email", &map.customer_email},
                                                             {"team", &map.team},
                                                             {"lang", &map.lang},
                                                             {"from", &map.from}};
      for (const auto& col : v) {
        const std::string field = col.first.Scalar();
        auto it = std::find_if(std::begin(fields), std::end(fields), [&](const auto& f) { return field == f.first; });
        if (it == std::end(fields)) {
          std::string known;
          for (const auto& f : fields) known += std::string(known.empty() ? "" : ", ") + f.first;
          return Status::InvalidArgument(where(col.first) + "unknown field \"" + field +
                                         "\" under columns (known: " + known + ")");
        }
        if (Status st = scalar(col.second, field, it->second); !st.ok()) return st;
      }
    } else if (key == "roles" || key == "channels") {
      if (!v.IsMap()) return Status::InvalidArgument(where(v) + "\"" + key + "\" must map names to lists of values");
      for (const auto& kv2 : v) {
        const std::string target = kv2.first.Scalar();
        const auto role = ParseRole(target);
        const auto channel = ParseChannel(target);
        if (key == "roles" ? !role : !channel) {
          return Status::InvalidArgument(
              where(kv2.first) + "\"" + target + "\" is not a " +
              (key == "roles" ? "role (customer, agent, system)" : "channel (email, chat, social, phone)"));
        }
        std::vector<std::string> values;
        if (kv2.second.IsScalar()) {
          values.push_back(kv2.second.Scalar());
        } else if (kv2.second.IsSequence()) {
          for (const auto& item : kv2.second) {
            if (!item.IsScalar()) return Status::InvalidArgument(where(item) + "a value must be a string");
            values.push_back(item.Scalar());
          }
        } else {
          return Status::InvalidArgument(where(kv2.second) + "a list of values is expected");
        }
        for (const std::string& value : values) {
          if (key == "roles") {
            map.roles[AsciiLower(Trim(value))] = *role;
          } else {
            map.channels[AsciiLower(Trim(value))] = *channel;
          }
        }
      }
    } else if (key == "channel") {
      std::string c;
      if (Status st = scalar(v, key, &c); !st.ok()) return st;
      const auto ch = ParseChannel(c);
      if (!ch) return Status::InvalidArgument(where(v) + "unknown channel \"" + c + "\" (email, chat, social, phone)");
      map.default_channel = *ch;
    } else {
      return Status::InvalidArgument(where(kv.first) + "unknown key \"" + key +
                                     "\" (known: delimiter, columns, roles, channels, channel)");
    }
  }
  if (map.conversation.empty() || map.text.empty() || map.role.empty()) {
    return Status::InvalidArgument(name + ": columns must name at least conversation, role and text");
  }
  return map;
}

StatusOr<ColumnMap> LoadColumnMap(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseColumnMap(*text, path);
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::IoError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open for reading: " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read error");
  return ss.str();
}

// ---- generic CSV ----------------------------------------------------------------

std::vector<ConvertedRecord> ConvertCsv(std::string_view text, const std::string& name, const ColumnMap& map,
                                        Status* fatal) {
  text = WithoutBom(text);
  CsvReader reader(text, map.delimiter != '\0' ? map.delimiter : GuessDelimiter(text, name));
  std::vector<std::string> header, row;
  size_t line = 0;
  std::string error;
  if (!reader.Next(&header, &line, &error)) return {};  // empty file: nothing to read
  if (!error.empty()) {
    *fatal = Status::InvalidArgument(At(name, line) + "header row: " + error);
    return {};
  }
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string col = Trim(header[i]);
    if (!col.empty() && !index.emplace(col, i).second) {
      *fatal = Status::InvalidArgument(At(name, line) + "the header names column \"" + col + "\" twice");
      return {};
    }
  }
  // Column numbers of the mapped fields; npos: not mapped or not in the file.
  auto column = [&](const std::string& col, bool required, Status* st) -> size_t {
    if (col.empty()) return std::string::npos;
    auto it = index.find(col);
    if (it != index.end()) return it->second;
    if (required && st->ok()) {
      std::string cols;
      for (const std::string& h : header) cols += (cols.empty() ? "\"" : ", \"") + Trim(h) + "\"";
      *st = Status::InvalidArgument(At(name, line) + "no column \"" + col + "\" in the header (it has " + cols +
                                    "); name the columns with --column-map (docs/sources.md)");
    }
    return std::string::npos;
  };
  Status missing;
  const size_t c_conv = column(map.conversation, true, &missing), c_text = column(map.text, true, &missing),
               c_role = column(map.role, true, &missing);
  if (!missing.ok()) {
    *fatal = missing;
    return {};
  }
  const size_t c_author = column(map.author, false, &missing), c_agent = column(map.agent_id, false, &missing),
               c_time = column(map.time, false, &missing), c_channel = column(map.channel, false, &missing),
               c_cname = column(map.customer_name, false, &missing),
               c_cemail = column(map.customer_email, false, &missing), c_team = column(map.team, false, &missing),
               c_lang = column(map.lang, false, &missing), c_from = column(map.from, false, &missing);

  std::vector<Building> built;
  std::unordered_map<std::string, size_t> by_id;
  std::vector<ConvertedRecord> rejected;
  while (reader.Next(&row, &line, &error)) {
    if (!error.empty()) {
      rejected.push_back(Rejected(name, line, error));
      continue;
    }
    if (row.size() != header.size()) {
      rejected.push_back(Rejected(name, line,
                                  "the row has " + std::to_string(row.size()) + " fields, the header " +
                                      std::to_string(header.size()) +
                                      " (a missing column, or a delimiter in an unquoted field)"));
      continue;
    }
    auto get = [&](size_t c) { return c == std::string::npos ? std::string() : row[c]; };
    const std::string id = Trim(row[c_conv]);
    if (id.empty()) {
      rejected.push_back(Rejected(name, line, "column \"" + map.conversation + "\" (conversation id) is empty"));
      continue;
    }
    Message m;
    const std::string role = AsciiLower(Trim(row[c_role]));
    if (auto it = map.roles.find(role); it != map.roles.end()) {
      m.role = it->second;
    } else if (auto b = BuiltinRoles().find(role); b != BuiltinRoles().end()) {
      m.role = b->second;
    } else {
      rejected.push_back(Rejected(name, line,
                                  "column \"" + map.role + "\": unknown role \"" + Trim(row[c_role]) +
                                      "\" (map it under roles: in the column map)"));
      continue;
    }
    m.text = ReplaceInvalidUtf8(row[c_text]);
    if (m.text.find_first_not_of(" \t\n") == std::string::npos) {
      rejected.push_back(Rejected(name, line, "column \"" + map.text + "\" (text) is empty"));
      continue;
    }
    std::optional<Channel> channel;
    if (c_channel != std::string::npos && !Trim(row[c_channel]).empty()) {
      channel = ChannelOf(row[c_channel], map);
      if (!channel) {
        rejected.push_back(Rejected(name, line,
                                    "column \"" + map.channel + "\": unknown channel \"" + Trim(row[c_channel]) +
                                        "\" (map it under channels: in the column map)"));
        continue;
      }
    }
    m.author = ReplaceInvalidUtf8(Trim(get(c_author)));
    m.agent_id = ReplaceInvalidUtf8(Trim(get(c_agent)));
    m.from = ReplaceInvalidUtf8(Trim(get(c_from)));
    const std::string time = Trim(get(c_time));
    m.at = NormalizeTime(time);
    auto [it, fresh] = by_id.emplace(id, built.size());
    if (fresh) {
      Building b;
      b.c.id = ReplaceInvalidUtf8(id);
      b.c.source = name;
      b.c.line = line;
      b.c.channel = map.default_channel;
      built.push_back(std::move(b));
    }
    Building& b = built[it->second];
    if (!time.empty() && m.at.empty()) {
      // As in JSONL: a time that does not parse is reported and dropped.
      b.warnings.push_back(At(name, line) + "column \"" + map.time + "\": \"" + time +
                           "\" is not a time replylint reads (RFC 3339, or 2026-11-20 09:12:00); ignored");
    }
    if (channel && (fresh || b.c.messages.empty())) b.c.channel = *channel;
    if (b.c.customer.name.empty()) b.c.customer.name = ReplaceInvalidUtf8(Trim(get(c_cname)));
    if (b.c.customer.email.empty()) b.c.customer.email = ReplaceInvalidUtf8(Trim(get(c_cemail)));
    if (b.c.team.empty()) b.c.team = ReplaceInvalidUtf8(Trim(get(c_team)));
    if (!b.c.lang) b.c.lang = LangOfTag(Trim(get(c_lang)));
    b.c.messages.push_back(std::move(m));
    b.lines.push_back(line);
  }
  return Finish(std::move(built), std::move(rejected));
}

// ---- Customer Support on Twitter -------------------------------------------------

std::vector<ConvertedRecord> ConvertTwitterCsv(std::string_view text, const std::string& name, Status* fatal) {
  text = WithoutBom(text);
  CsvReader reader(text, ',');
  std::vector<std::string> header, row;
  size_t line = 0;
  std::string error;
  if (!reader.Next(&header, &line, &error)) return {};
  const char* kColumns[] = {
      "tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"};
  size_t col[7];
  for (size_t k = 0; k < 7; ++k) {
    auto it = std::find_if(header.begin(), header.end(), [&](const std::string& h) { return Trim(h) == kColumns[k]; });
    if (it == header.end()) {
      *fatal = Status::InvalidArgument(At(name, line) + "not the Customer Support on Twitter layout: no column \"" +
                                       kColumns[k] + "\"");
      return {};
    }
    col[k] = static_cast<size_t>(it - header.begin());
  }
  struct Tweet {
    std::string id, author, at, text, parent;
    std::vector<std::string> responses;
    bool inbound = false;
    size_t line = 0;
  };
  // Ids as pandas may have written them ("119239.0").
  auto id_of = [](std::string s) {
    s = Trim(s);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
  };
  std::vector<Tweet> tweets;
  std::vector<ConvertedRecord> rejected;
  std::unordered_map<std::string, size_t> by_id;
  while (reader.Next(&row, &line, &error)) {
    if (!error.empty()) {
      rejected.push_back(Rejected(name, line, error));
      continue;
    }
    if (row.size() != header.size()) {
      rejected.push_back(Rejected(
          name, line,
          "the row has " + std::to_string(row.size()) + " fields, the header " + std::to_string(header.size())));
      continue;
    }
    Tweet t;
    t.id = id_of(row[col[0]]);
    t.author = ReplaceInvalidUtf8(Trim(row[col[1]]));
    const std::string inbound = AsciiLower(Trim(row[col[2]]));
    t.at = NormalizeTime(row[col[3]]);
    t.text = ReplaceInvalidUtf8(row[col[4]]);
    t.parent = id_of(row[col[6]]);
    t.line = line;
    std::stringstream responses(row[col[5]]);
    for (std::string r; std::getline(responses, r, ',');) {
      if (!id_of(r).empty()) t.responses.push_back(id_of(r));
    }
    if (inbound != "true" && inbound != "false") {
      rejected.push_back(Rejected(name, line, "column \"inbound\" must be True or False, not \"" + row[col[2]] + "\""));
      continue;
    }
    t.inbound = inbound == "true";
    // Replies start with the @handles they answer, which the helpdesk
    // adds, not the writer: dropped, so checks see the words written.
    size_t start = 0;
    while (start < t.text.size() && t.text[start] == '@') {
      const size_t end = t.text.find_first_of(" \n", start);
      if (end == std::string::npos) break;
      start = t.text.find_first_not_of(" \n", end);
      if (start == std::string::npos) start = t.text.size();
    }
    if (start < t.text.size()) t.text.erase(0, start);
    if (t.id.empty() || t.text.find_first_not_of(" \t\n") == std::string::npos) {
      rejected.push_back(Rejected(name, line, t.id.empty() ? "column \"tweet_id\" is empty" : "the tweet has no text"));
      continue;
    }
    if (!by_id.emplace(t.id, tweets.size()).second) {
      rejected.push_back(Rejected(
          name, line,
          "tweet_id " + t.id + " given twice (first at line " + std::to_string(tweets[by_id[t.id]].line) + ")"));
      continue;
    }
    tweets.push_back(std::move(t));
  }
  // Threads: the tweets joined by a reply link either way (a reply names its
  // parent, a parent lists its replies); links to tweets not in the file
  // are ignored.
  std::vector<size_t> up(tweets.size());
  std::iota(up.begin(), up.end(), size_t{0});
  auto find = [&](size_t x) {
    while (up[x] != x) x = up[x] = up[up[x]];
    return x;
  };
  auto join = [&](size_t a, const std::string& other) {
    auto it = by_id.find(other);
    if (it == by_id.end()) return;
    const size_t ra = find(a), rb = find(it->second);
    if (ra != rb) up[std::max(ra, rb)] = std::min(ra, rb);
  };
  for (size_t i = 0; i < tweets.size(); ++i) {
    if (!tweets[i].parent.empty()) join(i, tweets[i].parent);
    for (const std::string& r : tweets[i].responses) join(i, r);
  }
  std::vector<Building> built;
  std::unordered_map<size_t, size_t> thread_of;  // root -> index in built
  for (size_t i = 0; i < tweets.size(); ++i) {
    auto [it, fresh] = thread_of.emplace(find(i), built.size());
    if (fresh) built.emplace_back();
    Building& b = built[it->second];
    Tweet& t = tweets[i];
    Message m;
    m.role = t.inbound ? Role::kCustomer : Role::kAgent;
    m.author = t.author;
    m.at = t.at;
    m.text = std::move(t.text);
    if (!t.inbound && b.c.team.empty()) b.c.team = t.author;
    if (fresh || t.line < b.c.line) b.c.line = t.line;
    b.c.messages.push_back(std::move(m));
    b.lines.push_back(t.line);
  }
  // A thread is named by its earliest tweet (by time, then by line).
  std::unordered_map<size_t, const Tweet*> by_line;
  for (const Tweet& t : tweets) by_line[t.line] = &t;
  for (Building& b : built) {
    b.c.source = name;
    b.c.channel = Channel::kSocial;
    size_t best = 0;
    for (size_t k = 1; k < b.lines.size(); ++k) {
      const Tweet* a = by_line[b.lines[k]];
      const Tweet* c = by_line[b.lines[best]];
      if (a->at < c->at || (a->at == c->at && a->line < c->line)) best = k;
    }
    b.c.id = "tweet-" + by_line[b.lines[best]]->id;
  }
  return Finish(std::move(built), std::move(rejected));
}

// ---- sources -------------------------------------------------------------------

namespace {

// A CSV or TSV export, mapped read-only rather than copied: a multi-gigabyte
// export then lives in the page cache, not twice over in anonymous memory
// (the converted conversations are the copy that is kept). Something that is
// not a regular file (a pipe, /dev/stdin) cannot be mapped and is read whole
// into `copy_`, as before. The file must not be truncated while
// mapped (that would raise SIGBUS); the mapping lasts only while the file is
// converted.
class CsvInput {
 public:
  CsvInput() = default;
  CsvInput(const CsvInput&) = delete;
  CsvInput& operator=(const CsvInput&) = delete;
  ~CsvInput() {
    if (map_ != nullptr) munmap(map_, size_);
  }

  // "-": standard input.
  Status Open(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return Status::IoError(path + ": is a directory");
    const int fd = path == "-" ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int err = errno;
      if (err == ENOENT) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": cannot open for reading: " + std::strerror(err));
    }
    struct stat st {};
    if (fstat(fd, &st) != 0) {
      const int err = errno;
      close(fd);
      return Status::IoError(path + ": cannot stat: " + std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {  // read from this descriptor: a pipe cannot be opened twice
      char buf[1 << 16];
      for (;;) {
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
          if (errno == EINTR) continue;
          const int err = errno;
          close(fd);
          return Status::IoError(path + ": read error: " + std::strerror(err));
        }
        copy_.append(buf, static_cast<size_t>(n));
      }
      close(fd);
      view_ = copy_;
      return Status::Ok();
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ == 0) {  // mmap refuses a length of 0; an empty file is an empty text
      close(fd);
      return Status::Ok();
    }
    void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    const int err = errno;
    close(fd);  // the mapping keeps the file open
    if (p == MAP_FAILED) {
      size_ = 0;
      return Status::IoError(path + ": cannot map for reading: " + std::strerror(err));
    }
    map_ = p;
    madvise(map_, size_, MADV_SEQUENTIAL);  // read once, front to back: read ahead, drop behind
    view_ = std::string_view(static_cast<const char*>(map_), size_);
    return Status::Ok();
  }

  std::string_view text() const { return view_; }

 private:
  void* map_ = nullptr;
  size_t size_ = 0;
  std::string copy_;
  std::string_view view_;
};

}  // namespace

StatusOr<std::unique_ptr<ConvertedSource>> OpenCsv(const std::string& path, const std::string& column_map) {
  ColumnMap map;
  if (!column_map.empty()) {
    auto loaded = LoadColumnMap(column_map);
    if (!loaded.ok()) return loaded.status();
    map = std::move(*loaded);
  }
  CsvInput input;
  if (Status st = input.Open(path); !st.ok()) return st;
  Status fatal;
  auto records = ConvertCsv(input.text(), path, map, &fatal);
  if (!fatal.ok()) return fatal;
  return std::unique_ptr<ConvertedSource>(new VectorSource(path, input.text().size(), std::move(records)));
}

StatusOr<std::unique_ptr<ConvertedSource>> OpenTwitterCsv(const std::string& path) {
  CsvInput input;
  if (Status st = input.Open(path); !st.ok()) return st;
  Status fatal;
  auto records = ConvertTwitterCsv(input.text(), path, &fatal);
  if (!fatal.ok()) return fatal;
  return std::unique_ptr<ConvertedSource>(new VectorSource(path, input.text().size(), std::move(records)));
}

}  // namespace replylint
