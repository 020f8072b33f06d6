#include "ingest/jsonl.h"

#include <fcntl.h>
#include <poll.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/ascii.h"
#include "base/rfc3339.h"
#include "base/utf8.h"
#include "ingest/source.h"

namespace replylint {
namespace {

namespace dom = simdjson::dom;

constexpr size_t kReadChunk = size_t{1} << 20;
// A parser keeps the buffers of the largest line it has seen; after a larger
// line than this it is replaced, so one huge line does not pin its memory.
constexpr size_t kKeepParserCapacity = size_t{4} << 20;

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

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---- invalid UTF-8 ---------------------------------------------------------
//
// simdjson accepts only valid UTF-8. An ill-formed byte b is carried through
// it as two code points: a marker — the first of the noncharacters
// U+FDD0..U+FDEF (which Unicode reserves for a program's internal use) that
// the line does not contain, literally or as a \u escape — and U+0100 + the
// low seven bits of b. The parsed strings then give back the exact bytes.
class Utf8Repair {
 public:
  // Returns the line to parse: `line` itself when it is valid UTF-8.
  // Sets *impossible when every marker occurs in the line.
  const std::string& Prepare(const std::string& line, bool* impossible) {
    marker_.clear();
    // simdjson's validator, many bytes at a time, agrees with ours on what
    // is valid; ours is asked only where the first bad byte is.
    first_bad_ = simdjson::validate_utf8(line) ? std::string::npos : FindInvalidUtf8(line);
    *impossible = false;
    const size_t first_surrogate = FindLoneSurrogate(line, 0);
    if (first_bad_ == std::string::npos && first_surrogate == std::string::npos) return line;
    uint32_t present = 0;  // bit k: U+FDD0 + k occurs
    for (size_t i = 0; i + 2 < line.size(); ++i) {
      const auto b0 = static_cast<unsigned char>(line[i]);
      const auto b1 = static_cast<unsigned char>(line[i + 1]);
      const auto b2 = static_cast<unsigned char>(line[i + 2]);
      if (b0 == 0xEF && b1 == 0xB7 && b2 >= 0x90 && b2 <= 0xAF) present |= 1u << (b2 - 0x90);
      if (b0 == '\\' && b1 == 'u' && i + 5 < line.size()) {
        const std::string hex = line.substr(i + 2, 4);
        char* end = nullptr;
        const unsigned long v = std::strtoul(hex.c_str(), &end, 16);
        if (end == hex.c_str() + 4 && v >= 0xFDD0 && v <= 0xFDEF) present |= 1u << (v - 0xFDD0);
      }
    }
    int k = 0;
    while (k < 32 && (present & (1u << k))) ++k;
    if (k == 32) {
      *impossible = true;
      return line;
    }
    AppendUtf8(0xFDD0 + static_cast<char32_t>(k), &marker_);
    repaired_.clear();
    repaired_.reserve(line.size() + 64);
    const size_t start = std::min(first_bad_, first_surrogate);
    repaired_.append(line, 0, start);
    size_t next_surrogate = first_surrogate;
    for (size_t i = start; i < line.size();) {
      if (i == next_surrogate) {
        // A lone \uD800..\uDFFF (simdjson refuses it): the marker and U+0180
        // stand for it, and become U+FFFD in the parsed string.
        repaired_ += marker_;
        AppendUtf8(kSurrogateCode, &repaired_);
        i += 6;
        next_surrogate = FindLoneSurrogate(line, i);
        continue;
      }
      const size_t at = i;
      const char32_t cp = DecodeUtf8(line, &i);
      if (cp == 0xFFFD && i - at != 3) {
        repaired_ += marker_;
        AppendUtf8(0x100 + (static_cast<unsigned char>(line[at]) & 0x7F), &repaired_);
      } else {
        repaired_.append(line, at, i - at);
      }
    }
    return repaired_;
  }

  bool active() const { return !marker_.empty(); }
  size_t first_bad() const { return first_bad_; }

  // Puts back into a parsed string value the original bytes (keep_bytes) or
  // U+FFFD for each, and U+FFFD for each lone surrogate escape (counted in
  // *surrogates). Returns how many bytes; *first is the offset of the first
  // in the result.
  size_t Restore(std::string* s, bool keep_bytes, size_t* first, size_t* surrogates) const {
    *surrogates = 0;
    if (!active() || s->find(marker_) == std::string::npos) return 0;
    std::string out;
    out.reserve(s->size());
    size_t n = 0;
    for (size_t i = 0; i < s->size();) {
      if (s->compare(i, marker_.size(), marker_) != 0) {
        out += (*s)[i++];
        continue;
      }
      i += marker_.size();
      unsigned char byte = 0x80;
      if (i + 1 < s->size()) {
        size_t j = i;
        const char32_t cp = DecodeUtf8(*s, &j);
        if (cp == kSurrogateCode) {
          i = j;
          ++*surrogates;
          out += "\xEF\xBF\xBD";
          continue;
        }
        if (cp >= 0x100 && cp < 0x180) {
          byte = static_cast<unsigned char>(0x80 | (cp - 0x100));
          i = j;
        }
      }
      if (n++ == 0) *first = out.size();
      if (keep_bytes) {
        out += static_cast<char>(byte);
      } else {
        out += "\xEF\xBF\xBD";
      }
    }
    *s = std::move(out);
    return n;
  }

 private:
  static constexpr char32_t kSurrogateCode = 0x180;

  // Offset of the next \uXXXX escape at or after `from` that is a UTF-16
  // surrogate without its pair, or npos. An escaped backslash is skipped, so
  // "\\uD800" (the text \uD800) is left alone.
  static size_t FindLoneSurrogate(std::string_view line, size_t from) {
    auto hex = [&](size_t at) -> long {
      if (at + 6 > line.size() || line[at] != '\\' || line[at + 1] != 'u') return -1;
      long v = 0;
      for (size_t k = at + 2; k < at + 6; ++k) {
        const char c = line[k];
        const int d = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
      }
      return v;
    };
    for (size_t i = line.find('\\', from); i != std::string_view::npos; i = line.find('\\', i)) {
      const long v = hex(i);
      if (v >= 0xD800 && v <= 0xDBFF) {
        const long low = hex(i + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          i += 12;
          continue;
        }
        return i;
      }
      if (v >= 0xDC00 && v <= 0xDFFF) return i;
      i += 2;
    }
    return std::string_view::npos;
  }

  std::string marker_;
  std::string repaired_;
  size_t first_bad_ = std::string::npos;
};

// ---- numbers -----------------------------------------------------------------

// Length of a JSON number at s[i], or 0 when none starts there.
size_t NumberLength(std::string_view s, size_t i) {
  const size_t start = i;
  auto digit = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit(i)) return 0;
  if (s[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    if (!digit(i + 1)) return 0;
    ++i;
    while (digit(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t k = i + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (!digit(k)) return 0;
    i = k;
    while (digit(i)) ++i;
  }
  return i - start;
}

// The line with every well-formed number outside strings written as 0. Used
// only when simdjson rejected a number (one too large for a double or a
// 64-bit integer): no key of format 1 is a number, so a huge one in an
// unknown key must not cost the line.
std::string NumbersAsZero(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (c == '"') {
      size_t j = i + 1;
      while (j < line.size() && line[j] != '"') j += line[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, line.size());
      out.append(line.substr(i, j - i));
      i = j;
    } else if (const size_t n = (c == '-' || (c >= '0' && c <= '9')) ? NumberLength(line, i) : 0; n > 0) {
      out += '0';
      i += n;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// Offset of the first raw control character inside a string, or npos.
size_t RawControlInString(std::string_view line) {
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (in_string && c < 0x20) return i;
    if (c == '"') {
      in_string = !in_string;
    } else if (c == '\\' && in_string) {
      ++i;
    }
  }
  return std::string_view::npos;
}

std::string Hex4(unsigned v) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string s = "U+0000";
  for (int k = 0; k < 4; ++k) s[5 - k] = kDigits[(v >> (4 * k)) & 0xF];
  return s;
}

// ---- one line ----------------------------------------------------------------

class LineReader {
 public:
  LineReader(const std::string& source, size_t line, const Utf8Repair& repair, std::vector<std::string>* warnings,
             const ShowValue& show)
      : prefix_(source + ":" + std::to_string(line) + ": "), repair_(repair), warnings_(warnings), show_(show) {}

  // A value of the input as a message echoes it.
  std::string Shown(const std::string& value) const { return show_ ? show_("value", value) : "\"" + value + "\""; }

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
  void Warn(const std::string& what) { warnings_->push_back(prefix_ + what); }

  // A string element. `keep_bytes`: keep ill-formed bytes as given (message
  // text, whose finding offsets count them), else replace them with U+FFFD.
  Status String(dom::element e, const std::string& key, bool keep_bytes, std::string* out) {
    std::string_view v;
    if (e.get(v) != simdjson::SUCCESS) return Type(key, "a string", e);
    out->assign(v);
    size_t first = 0;
    size_t surrogates = 0;
    const size_t n = repair_.Restore(out, keep_bytes, &first, &surrogates);
    if (surrogates > 0) {
      warnings_->push_back(prefix_ + key + ": " +
                           Plural(surrogates, "lone UTF-16 surrogate escape", "lone UTF-16 surrogate escapes") +
                           " (\\uD800-\\uDFFF without its pair) replaced with U+FFFD");
    }
    if (n > 0) {
      std::string w = prefix_ + key + ": " + Plural(n, "invalid UTF-8 byte", "invalid UTF-8 bytes");
      if (keep_bytes) {
        w += " (the first at offset " + std::to_string(first) +
             ") replaced with U+FFFD for analysis; finding offsets count the original bytes";
      } else {
        w += " replaced with U+FFFD";
      }
      warnings_->push_back(std::move(w));
    }
    return Status::Ok();
  }
  // An optional string field: absent or null -> empty.
  Status Opt(dom::object obj, const char* key, const std::string& path, std::string* out) {
    dom::element e;
    if (obj[key].get(e) != simdjson::SUCCESS || e.is_null()) return Status::Ok();
    return String(e, path + key, false, out);
  }
  Status Req(dom::object obj, const char* key, const std::string& path, bool keep_bytes, std::string* out) {
    dom::element e;
    if (obj[key].get(e) != simdjson::SUCCESS) return Missing(path + key);
    return String(e, path + key, keep_bytes, out);
  }

 private:
  std::string prefix_;
  const Utf8Repair& repair_;
  std::vector<std::string>* warnings_;
  const ShowValue& show_;
};

// "ru"/"en"; any other language is kept as kUnknown (not analysed, reported).
std::optional<Lang> LangOf(std::string s) {
  if (s.empty()) return std::nullopt;
  // Language codes are case-insensitive (BCP 47): "RU" is Russian.
  auto l = ParseLang(AsciiLower(std::move(s)));
  return l ? *l : Lang::kUnknown;
}

// The first key an object repeats, or empty. RFC 8259 leaves the meaning of
// a repeated key open (simdjson keeps both, lookups find the first), so a
// line that repeats one is refused rather than guessed at.
std::string RepeatedKey(dom::object obj) {
  std::vector<std::string_view> keys;
  for (auto field : obj) keys.push_back(field.key);
  std::sort(keys.begin(), keys.end());
  const auto it = std::adjacent_find(keys.begin(), keys.end());
  return it == keys.end() ? std::string() : std::string(*it);
}

Status ParseMessage(dom::element e, size_t index, LineReader& r, Message* m) {
  const std::string path = "messages[" + std::to_string(index) + "].";
  dom::object obj;
  if (e.get(obj) != simdjson::SUCCESS) return r.Type(path.substr(0, path.size() - 1), "an object", e);
  if (const std::string key = RepeatedKey(obj); !key.empty()) return r.Value(path + key, "given twice");
  std::string role;
  if (Status st = r.Req(obj, "role", path, false, &role); !st.ok()) return st;
  auto parsed_role = ParseRole(role);
  if (!parsed_role)
    return r.Value(path + "role", "unknown role " + r.Shown(role) + " (expected customer, agent or system)");
  m->role = *parsed_role;
  if (Status st = r.Req(obj, "text", path, true, &m->text); !st.ok()) return st;
  std::string lang;
  for (auto [key, out] : {std::pair{"author", &m->author}, std::pair{"agent_id", &m->agent_id},
                          std::pair{"from", &m->from}, std::pair{"reply_to", &m->reply_to},
                          std::pair{"template", &m->template_id}, std::pair{"at", &m->at}, std::pair{"lang", &lang}}) {
    if (Status st = r.Opt(obj, key, path, out); !st.ok()) return st;
  }
  m->lang = LangOf(lang);
  if (!m->at.empty() && !ParseWrittenTime(m->at).has_value()) {
    // Reported and dropped: a time that does not parse must not be taken
    // for one (split-notice compares the times of messages). A time without
    // a zone offset is kept: the response clock reads it in the team's zone.
    r.Warn(path + "at: " + r.Shown(m->at) + " is not an RFC 3339 time (e.g. 2026-11-20T09:12:00Z); ignored");
    m->at.clear();
  }
  dom::element ex;
  if (obj["expect"].get(ex) == simdjson::SUCCESS && !ex.is_null()) {
    dom::array arr;
    if (ex.get(arr) != simdjson::SUCCESS) return r.Type(path + "expect", "an array of rule ids", ex);
    std::vector<std::string> labels;
    size_t k = 0;
    for (dom::element item : arr) {
      std::string label;
      if (Status st = r.String(item, path + "expect[" + std::to_string(k) + "]", false, &label); !st.ok()) return st;
      labels.push_back(std::move(label));
      ++k;
    }
    m->expect = std::move(labels);
  }
  // "ignore": ["stock-phrase"], or [{"rule": "stock-phrase", "reason": "…"}]:
  // the reason is for people reading the file; the rule id is what counts.
  dom::element ig;
  if (obj["ignore"].get(ig) == simdjson::SUCCESS && !ig.is_null()) {
    dom::array arr;
    if (ig.get(arr) != simdjson::SUCCESS) return r.Type(path + "ignore", "an array of rule ids", ig);
    size_t k = 0;
    for (dom::element item : arr) {
      const std::string where = path + "ignore[" + std::to_string(k++) + "]";
      std::string rule;
      if (item.is_object()) {
        dom::object o = item.get_object().value_unsafe();
        if (Status st = r.Req(o, "rule", where + ".", false, &rule); !st.ok()) return st;
        std::string reason;
        if (Status st = r.Opt(o, "reason", where + ".", &reason); !st.ok()) return st;
      } else if (Status st = r.String(item, where, false, &rule); !st.ok()) {
        return st;
      }
      if (rule.empty()) return r.Value(where, "empty rule id");
      m->ignore.push_back(std::move(rule));
    }
  }
  return Status::Ok();
}

Status ParseConversation(dom::element root, LineReader& r, Conversation* c) {
  dom::object obj;
  if (root.get(obj) != simdjson::SUCCESS)
    return r.Plain(std::string("expected a JSON object, not ") + TypeName(root.type()));
  if (const std::string key = RepeatedKey(obj); !key.empty()) return r.Value(key, "given twice");
  if (Status st = r.Req(obj, "id", "", false, &c->id); !st.ok()) return st;
  // Reports, groups and duplicate checks name a conversation by its id.
  if (c->id.find_first_not_of(" \t") == std::string::npos) return r.Value("id", "empty");
  std::string channel;
  if (Status st = r.Req(obj, "channel", "", false, &channel); !st.ok()) return st;
  auto ch = ParseChannel(channel);
  if (!ch)
    return r.Value("channel", "unknown channel " + r.Shown(channel) + " (expected email, chat, social or phone)");
  c->channel = *ch;
  std::string lang;
  if (Status st = r.Opt(obj, "lang", "", &lang); !st.ok()) return st;
  c->lang = LangOf(lang);
  if (Status st = r.Opt(obj, "team", "", &c->team); !st.ok()) return st;
  dom::element cust;
  if (obj["customer"].get(cust) == simdjson::SUCCESS && !cust.is_null()) {
    dom::object co;
    if (cust.get(co) != simdjson::SUCCESS) return r.Type("customer", "an object", cust);
    if (const std::string key = RepeatedKey(co); !key.empty()) return r.Value("customer." + key, "given twice");
    if (Status st = r.Opt(co, "name", "customer.", &c->customer.name); !st.ok()) return st;
    if (Status st = r.Opt(co, "email", "customer.", &c->customer.email); !st.ok()) return st;
  }
  dom::element msgs;
  if (obj["messages"].get(msgs) != simdjson::SUCCESS) return r.Missing("messages");
  dom::array arr;
  if (msgs.get(arr) != simdjson::SUCCESS) return r.Type("messages", "an array", msgs);
  size_t i = 0;
  for (dom::element e : arr) {
    Message m;
    if (Status st = ParseMessage(e, i, r, &m); !st.ok()) return st;
    c->messages.push_back(std::move(m));
    ++i;
  }
  return Status::Ok();
}

}  // namespace

// ---- LineSource ----------------------------------------------------------------

LineSource::LineSource(int fd, std::string name, size_t max_line_bytes)
    : fd_(fd), name_(std::move(name)), max_line_bytes_(std::max<size_t>(1, max_line_bytes)) {}

LineSource::~LineSource() {
  if (fd_ > 0) ::close(fd_);
}

StatusOr<std::unique_ptr<LineSource>> LineSource::Open(const std::string& path, size_t max_line_bytes,
                                                       const std::atomic<bool>* stop, int stop_fd) {
  std::unique_ptr<LineSource> src;
  if (path == "-") {
    src.reset(new LineSource(0, "<stdin>", max_line_bytes));
    struct stat st {};
    src->countable_ = ::fstat(0, &st) == 0 && S_ISREG(st.st_mode);
  } else {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) return Status::IoError(path + ": is a directory, not a JSONL file");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError(path + ": cannot open for reading: " + std::strerror(errno));
    src.reset(new LineSource(fd, path, max_line_bytes));
    src->countable_ = S_ISREG(st.st_mode);
  }
  src->stop_ = stop;
  src->stop_fd_ = stop_fd;
  if (Status st = src->CheckEncoding(); !st.ok()) return st;
  return src;
}

StatusOr<std::unique_ptr<LineSource>> LineSource::FromString(std::string data, std::string name,
                                                             size_t max_line_bytes) {
  std::unique_ptr<LineSource> src(new LineSource(-1, std::move(name), max_line_bytes));
  src->buf_ = std::move(data);
  src->eof_ = true;
  if (Status st = src->CheckEncoding(); !st.ok()) return st;
  return src;
}

// Whole-file encodings that would otherwise turn every line into a rejection.
Status LineSource::CheckEncoding() {
  while (buf_.size() < 4 && Fill()) {
  }
  if (!error_.ok()) return error_;
  const auto at = [&](size_t i) { return i < buf_.size() ? static_cast<unsigned char>(buf_[i]) : 0x100u; };
  if ((at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF)) {
    return Status::InvalidArgument(name_ + ": the file is UTF-16 (it starts with a UTF-16 byte order mark); " +
                                   "convert it to UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8");
  }
  if (at(0) == 0x1F && at(1) == 0x8B) {
    return Status::InvalidArgument(name_ + ": the file is gzip-compressed; decompress it first, e.g. zcat " +
                                   (fd_ == 0 ? std::string("FILE") : name_) + " | replylint audit -");
  }
  return Status::Ok();
}

bool LineSource::Fill(bool stoppable) {
  if (eof_) return false;
  // An input that never blocks (/dev/zero, a fast pipe) gives no EINTR to
  // notice a signal by: the flag is read before every chunk.
  if (stoppable && stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
    interrupted_ = true;
    return false;
  }
  if (pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  } else if (pos_ > kReadChunk) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const size_t old = buf_.size();
  buf_.resize(old + kReadChunk);
  ssize_t n = 0;
  for (;;) {
    // A pipe or terminal: wait for input or the stop, whichever comes first
    // (the stop's signal may have gone to another thread, or come before
    // this read, and interrupt nothing).
    if (stoppable && stop_fd_ >= 0 && !countable_) {
      pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
      const int ready = ::poll(fds, 2, -1);
      if ((ready > 0 && (fds[1].revents & POLLIN) != 0) || (stop_ != nullptr && stop_->load())) {
        buf_.resize(old);
        interrupted_ = true;
        return false;
      }
      if (ready < 0 && errno == EINTR) continue;
    }
    n = ::read(fd_, buf_.data() + old, kReadChunk);
    if (n >= 0 || errno != EINTR) break;
    if (stop_ != nullptr && stop_->load()) {
      buf_.resize(old);
      interrupted_ = true;
      return false;
    }
  }
  if (n <= 0) {
    buf_.resize(old);
    eof_ = true;
    if (n < 0) {
      error_ =
          Status::IoError(name_ + ": read error after line " + std::to_string(line_) + ": " + std::strerror(errno));
    }
    return false;
  }
  buf_.resize(old + static_cast<size_t>(n));
  return true;
}

bool LineSource::Next(std::string* line) {
  line->clear();
  overlong_ = 0;
  size_t dropped = 0;  // bytes of an overlong line already thrown away
  for (;;) {
    const char* begin = buf_.data() + pos_;
    const size_t avail = buf_.size() - pos_;
    // A line ends at \n, \r\n or a lone \r (old Mac files). Two memchr
    // passes keep the common case fast.
    const void* lf = std::memchr(begin, '\n', avail);
    const size_t upto = lf != nullptr ? static_cast<size_t>(static_cast<const char*>(lf) - begin) : avail;
    const void* cr = std::memchr(begin, '\r', upto);
    const char* nl = static_cast<const char*>(cr != nullptr ? cr : lf);
    size_t eol = 1;
    if (cr != nullptr) {
      const size_t at = static_cast<size_t>(nl - begin);
      if (at + 1 < avail) {
        eol = begin[at + 1] == '\n' ? 2 : 1;
      } else if (!eof_) {
        nl = nullptr;  // the next byte decides whether \r or \r\n ends it
      }
    }
    if (nl == nullptr && !eof_) {
      // Keep at most one limit's worth of an unfinished line.
      if (avail > max_line_bytes_) {
        dropped += avail;
        pos_ = buf_.size();
      }
      if (!Fill() && (interrupted_ || !error_.ok())) return false;
      continue;
    }
    if (!error_.ok() || interrupted_) return false;  // never hand out a line cut short by an error
    const size_t len = nl != nullptr ? static_cast<size_t>(nl - begin) : avail;
    if (nl == nullptr && len == 0 && dropped == 0) return false;  // end of input
    ++line_;
    pos_ += len + (nl != nullptr ? eol : 0);
    if (dropped + len > max_line_bytes_) {
      overlong_ = dropped + len;
      return true;
    }
    line->assign(begin, len);
    if (line->compare(0, 3, "\xEF\xBB\xBF") == 0) line->erase(0, 3);
    return true;
  }
}

size_t LineSource::CountRemaining() {
  size_t n = 0;
  bool nonblank = false;
  do {
    for (size_t i = pos_; i < buf_.size(); ++i) {
      const char c = buf_[i];
      if (c == '\n' || (c == '\r' && (i + 1 == buf_.size() || buf_[i + 1] != '\n'))) {
        n += nonblank ? 1 : 0;
        nonblank = false;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        nonblank = true;
      }
    }
    pos_ = buf_.size();
  } while (Fill(/*stoppable=*/false));
  return n + (nonblank ? 1 : 0);
}

// ---- ConversationParser --------------------------------------------------------

ConversationParser::ConversationParser() : parser_(std::make_unique<dom::parser>()) {}
ConversationParser::~ConversationParser() = default;

StatusOr<Conversation> ConversationParser::Parse(const std::string& line, const std::string& source,
                                                 size_t line_number) {
  warnings_.clear();
  Utf8Repair repair;
  LineReader r(source, line_number, repair, &warnings_, show_);
  bool impossible = false;
  const std::string& input = repair.Prepare(line, &impossible);
  if (impossible) {
    return r.Plain(
        "invalid UTF-8 or a lone surrogate escape in the line, which cannot be repaired (the line uses every "
        "noncharacter U+FDD0..U+FDEF)");
  }
  if (parser_->capacity() > kKeepParserCapacity) parser_ = std::make_unique<dom::parser>();
  dom::element root;
  // Always copied into the parser's buffer, whose padding simdjson zeroes:
  // parsing in place would read a string's uninitialised spare capacity.
  auto code = parser_->parse(input.data(), input.size(), true).get(root);
  std::string renumbered;
  if (code == simdjson::NUMBER_ERROR || code == simdjson::NUMBER_OUT_OF_RANGE) {
    renumbered = NumbersAsZero(input);
    code = parser_->parse(renumbered.data(), renumbered.size(), true).get(root);
  }
  if (code != simdjson::SUCCESS) {
    std::string what;
    if (code == simdjson::UNESCAPED_CHARS && RawControlInString(input) != std::string::npos) {
      const size_t at = RawControlInString(input);
      what = "invalid JSON: raw control character " + Hex4(static_cast<unsigned char>(input[at])) +
             " inside a string at byte " + std::to_string(at + 1) + " of the line (JSON needs it escaped, as \\u" +
             Hex4(static_cast<unsigned char>(input[at])).substr(2) + ")";
    } else if (code == simdjson::DEPTH_ERROR) {
      what = "invalid JSON: arrays and objects nested deeper than " + std::to_string(parser_->max_depth()) + " levels";
    } else if (code == simdjson::NUMBER_ERROR) {
      what = "invalid JSON: a malformed number";
    } else {
      what = std::string("invalid JSON: ") + simdjson::error_message(code);
    }
    if (code != simdjson::UNESCAPED_CHARS && line.find('\0') != std::string::npos) {
      what += " (the line holds NUL bytes: is the file UTF-16 or binary?)";
    }
    if (repair.active() && repair.first_bad() != std::string::npos)
      what += " (the line also has invalid UTF-8 at byte " + std::to_string(repair.first_bad() + 1) + ")";
    return r.Plain(what);
  }
  Conversation c;
  c.source = source;
  c.line = line_number;
  if (Status st = ParseConversation(root, r, &c); !st.ok()) return st;
  return c;
}

}  // namespace replylint
