#include "ingest/jsonl.h"

#include <simdjson.h>

#include <filesystem>
#include <iostream>

#include "base/utf8.h"

namespace replylint {
namespace {

namespace dom = simdjson::dom;

const char* TypeName(dom::element_type t) {
  switch (t) {
    case dom::element_type::ARRAY:
      return "an array";
    case dom::element_type::OBJECT:
      return "an object";
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
      return "a number";
    case dom::element_type::STRING:
      return "a string";
    case dom::element_type::BOOL:
      return "a boolean";
    case dom::element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

class LineError {
 public:
  LineError(const std::string& source, size_t line) : prefix_(source + ":" + std::to_string(line) + ": ") {}
  Status Missing(const std::string& key) const {
    return Status::InvalidArgument(prefix_ + "missing required key \"" + key + "\"");
  }
  Status Type(const std::string& key, const char* want, dom::element e) const {
    return Status::InvalidArgument(prefix_ + "key \"" + key + "\" must be " + want + ", not " + TypeName(e.type()));
  }
  Status Value(const std::string& key, const std::string& what) const {
    return Status::InvalidArgument(prefix_ + "key \"" + key + "\": " + what);
  }
  Status Plain(const std::string& what) const { return Status::InvalidArgument(prefix_ + what); }

 private:
  std::string prefix_;
};

// Reads an optional string field: absent or null -> empty.
Status OptString(dom::object obj, const char* key, const std::string& path, const LineError& err, std::string* out) {
  dom::element e;
  if (obj[key].get(e) != simdjson::SUCCESS || e.is_null()) return Status::Ok();
  std::string_view v;
  if (e.get(v) != simdjson::SUCCESS) return err.Type(path + key, "a string", e);
  out->assign(v);
  return Status::Ok();
}

Status ReqString(dom::object obj, const char* key, const std::string& path, const LineError& err, std::string* out) {
  dom::element e;
  if (obj[key].get(e) != simdjson::SUCCESS) return err.Missing(path + key);
  std::string_view v;
  if (e.get(v) != simdjson::SUCCESS) return err.Type(path + key, "a string", e);
  out->assign(v);
  return Status::Ok();
}

// "ru"/"en"; any other language is kept as kUnknown (not analysed, reported).
std::optional<Lang> LangOf(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto l = ParseLang(s);
  return l ? *l : Lang::kUnknown;
}

Status ParseMessage(dom::element e, size_t index, const LineError& err, Message* m) {
  const std::string path = "messages[" + std::to_string(index) + "].";
  dom::object obj;
  if (e.get(obj) != simdjson::SUCCESS) return err.Type(path.substr(0, path.size() - 1), "an object", e);
  std::string role;
  if (Status st = ReqString(obj, "role", path, err, &role); !st.ok()) return st;
  auto r = ParseRole(role);
  if (!r) return err.Value(path + "role", "unknown role \"" + role + "\" (expected customer, agent or system)");
  m->role = *r;
  if (Status st = ReqString(obj, "text", path, err, &m->text); !st.ok()) return st;
  std::string lang;
  for (auto [key, out] : {std::pair{"author", &m->author}, std::pair{"agent_id", &m->agent_id},
                          std::pair{"from", &m->from}, std::pair{"reply_to", &m->reply_to},
                          std::pair{"template", &m->template_id}, std::pair{"at", &m->at}, std::pair{"lang", &lang}}) {
    if (Status st = OptString(obj, key, path, err, out); !st.ok()) return st;
  }
  m->lang = LangOf(lang);
  dom::element ex;
  if (obj["expect"].get(ex) == simdjson::SUCCESS && !ex.is_null()) {
    dom::array arr;
    if (ex.get(arr) != simdjson::SUCCESS) return err.Type(path + "expect", "an array of rule ids", ex);
    std::vector<std::string> labels;
    size_t k = 0;
    for (dom::element item : arr) {
      std::string_view v;
      if (item.get(v) != simdjson::SUCCESS)
        return err.Type(path + "expect[" + std::to_string(k) + "]", "a string", item);
      labels.emplace_back(v);
      ++k;
    }
    m->expect = std::move(labels);
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<LineSource>> LineSource::Open(const std::string& path) {
  auto src = std::make_unique<LineSource>();
  src->name_ = path == "-" ? "<stdin>" : path;
  if (path == "-") {
    src->in_ = &std::cin;
    return src;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::IoError(path + ": is a directory, not a JSONL file");
  if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such file");
  src->file_.open(path, std::ios::binary);
  if (!src->file_) return Status::IoError(path + ": cannot open for reading");
  src->in_ = &src->file_;
  return src;
}

bool LineSource::Next(std::string* line) {
  if (!std::getline(*in_, *line)) {
    if (in_->bad()) error_ = Status::IoError(name_ + ": read error after line " + std::to_string(line_));
    return false;
  }
  ++line_;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  if (line_ == 1 && line->compare(0, 3, "\xEF\xBB\xBF") == 0) line->erase(0, 3);
  return true;
}

ConversationParser::ConversationParser() : parser_(std::make_unique<dom::parser>()) {}
ConversationParser::~ConversationParser() = default;

StatusOr<Conversation> ConversationParser::Parse(const std::string& line, const std::string& source,
                                                 size_t line_number) {
  const LineError err(source, line_number);
  if (const size_t bad = FindInvalidUtf8(line); bad != std::string::npos) {
    return err.Plain("invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line");
  }
  dom::element root;
  if (auto code = parser_->parse(line).get(root); code != simdjson::SUCCESS) {
    return err.Plain(std::string("invalid JSON: ") + simdjson::error_message(code));
  }
  dom::object obj;
  if (root.get(obj) != simdjson::SUCCESS)
    return err.Plain(std::string("expected a JSON object, not ") + TypeName(root.type()));
  Conversation c;
  c.source = source;
  c.line = line_number;
  if (Status st = ReqString(obj, "id", "", err, &c.id); !st.ok()) return st;
  std::string channel;
  if (Status st = ReqString(obj, "channel", "", err, &channel); !st.ok()) return st;
  auto ch = ParseChannel(channel);
  if (!ch) return err.Value("channel", "unknown channel \"" + channel + "\" (expected email, chat, social or phone)");
  c.channel = *ch;
  std::string lang;
  if (Status st = OptString(obj, "lang", "", err, &lang); !st.ok()) return st;
  c.lang = LangOf(lang);
  if (Status st = OptString(obj, "team", "", err, &c.team); !st.ok()) return st;
  dom::element cust;
  if (obj["customer"].get(cust) == simdjson::SUCCESS && !cust.is_null()) {
    dom::object co;
    if (cust.get(co) != simdjson::SUCCESS) return err.Type("customer", "an object", cust);
    if (Status st = OptString(co, "name", "customer.", err, &c.customer.name); !st.ok()) return st;
    if (Status st = OptString(co, "email", "customer.", err, &c.customer.email); !st.ok()) return st;
  }
  dom::element msgs;
  if (obj["messages"].get(msgs) != simdjson::SUCCESS) return err.Missing("messages");
  dom::array arr;
  if (msgs.get(arr) != simdjson::SUCCESS) return err.Type("messages", "an array", msgs);
  size_t i = 0;
  for (dom::element e : arr) {
    Message m;
    if (Status st = ParseMessage(e, i, err, &m); !st.ok()) return st;
    c.messages.push_back(std::move(m));
    ++i;
  }
  return c;
}

}  // namespace replylint
