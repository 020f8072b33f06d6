#include "ingest/mail.h"

#include <fcntl.h>
#include <gmime/gmime.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "base/files.h"
#include "base/utf8.h"
#include "ingest/html_text.h"

namespace replylint {
namespace {

namespace fs = std::filesystem;

// MIME nesting deeper than this is not read (a bomb of nested multiparts);
// the message keeps what was found above it, with a warning.
constexpr int kMaxDepth = 32;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

void InitGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// One message as read from the box.
struct Mail {
  size_t number = 0;  // 1-based in the box
  std::string where;  // "box.mbox: message 3 (byte 1234)"
  std::string id;
  std::vector<std::string> refs;  // In-Reply-To and References, without the message's own id
  std::string subject_key;        // subject without Re:/Fwd: prefixes, lower case
  bool reply_subject = false;
  std::string from_addr, from_name, from_full, reply_to, to_addr, to_name;
  std::string at;
  std::string text;   // until spilled: then empty, and text_at/text_size say where it is
  long text_at = -1;  // offset in the box's spill file; -1: the text is in `text`
  size_t text_size = 0;
  bool agent = false;
  std::vector<std::string> warnings;
};

// ---- text --------------------------------------------------------------------

struct Body {
  std::string plain, html;
  size_t attachments = 0, forwarded = 0;
  bool too_deep = false;
  std::vector<std::string> warnings;
};

// A part's content, transfer encoding undone, converted to UTF-8.
std::string Decode(GMimeObject* obj, const std::string& where, std::vector<std::string>* warnings) {
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(obj));
  if (content == nullptr) return {};
  GMimeStream* mem = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(content, mem);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
  std::string raw(reinterpret_cast<const char*>(bytes->data), bytes->len);
  g_object_unref(mem);
  const char* cs = g_mime_object_get_content_type_parameter(obj, "charset");
  const std::string charset = cs != nullptr ? Lower(Trim(cs)) : std::string();
  if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii") {
    if (FindInvalidUtf8(raw) != std::string::npos) {
      warnings->push_back(where + ": text is not valid UTF-8" +
                          (charset.empty() ? std::string(" and names no charset") : std::string()) +
                          "; the bytes that are not became U+FFFD");
      return ReplaceInvalidUtf8(raw);
    }
    return raw;
  }
  iconv_t cd = g_mime_iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    warnings->push_back(where + ": unknown charset \"" + charset + "\"; the bytes outside ASCII became U+FFFD");
    std::string out;
    for (char c : raw) {
      if (static_cast<unsigned char>(c) < 0x80) {
        out += c;
      } else {
        out += "\xEF\xBF\xBD";
      }
    }
    return out;
  }
  char* converted = g_mime_iconv_strndup(cd, raw.data(), raw.size());
  g_mime_iconv_close(cd);
  if (converted == nullptr) {
    warnings->push_back(where + ": text does not decode as " + charset + "; the bytes that are not became U+FFFD");
    return ReplaceInvalidUtf8(raw);
  }
  std::string out(converted);
  g_free(converted);
  return ReplaceInvalidUtf8(out);
}

void Walk(GMimeObject* obj, int depth, const std::string& where, Body* b) {
  if (depth > kMaxDepth) {
    b->too_deep = true;
    return;
  }
  if (GMIME_IS_MESSAGE_PART(obj)) {
    ++b->forwarded;  // a forwarded message: quoted, not the writer's text
    return;
  }
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart* mp = GMIME_MULTIPART(obj);
    GMimeContentType* ct = g_mime_object_get_content_type(obj);
    // multipart/signed: the signature part is not text.
    const int n = g_mime_content_type_is_type(ct, "multipart", "signed") ? std::min(1, g_mime_multipart_get_count(mp))
                                                                         : g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; ++i) Walk(g_mime_multipart_get_part(mp, i), depth + 1, where, b);
    return;
  }
  if (!GMIME_IS_PART(obj)) return;
  GMimeContentType* ct = g_mime_object_get_content_type(obj);
  if (g_mime_part_is_attachment(GMIME_PART(obj))) {
    ++b->attachments;
    return;
  }
  if (g_mime_content_type_is_type(ct, "text", "plain") && b->plain.empty()) {
    b->plain = Decode(obj, where, &b->warnings);
  } else if (g_mime_content_type_is_type(ct, "text", "html") && b->html.empty()) {
    b->html = Decode(obj, where, &b->warnings);
  } else if (!g_mime_content_type_is_type(ct, "text", "*")) {
    ++b->attachments;
  }
}

// An attribution line that opens quoted mail.
bool IsAttribution(std::string_view line) {
  for (const char* end : {"wrote:", "писал(а):", "написал(а):", "писал:", "написал:", "написала:", "писала:", "пишет:",
                          "schrieb:", "a écrit :", "a écrit:"}) {
    if (EndsWith(line, end)) return true;
  }
  return false;
}

bool IsSeparator(std::string_view line) {
  for (const char* s :
       {"-----Original Message-----", "----- Original Message -----", "-------- Original Message",
        "---------- Forwarded message", "Begin forwarded message:", "-------- Пересылаемое сообщение",
        "-----Исходное сообщение-----", "-------- Исходное сообщение", "-------- Перенаправленное сообщение"}) {
    if (StartsWith(line, s)) return true;
  }
  return false;
}

bool IsHeaderStart(std::string_view line) {
  return StartsWith(line, "From: ") || StartsWith(line, "От: ") || StartsWith(line, "От кого: ");
}
bool IsHeaderNext(std::string_view line) {
  for (const char* h : {"Sent: ", "Date: ", "To: ", "Subject: ", "Отправлено: ", "Дата: ", "Кому: ", "Тема: "}) {
    if (StartsWith(line, h)) return true;
  }
  return false;
}

bool IsMobileFooter(std::string_view line) {
  return StartsWith(line, "Sent from my ") || StartsWith(line, "Отправлено с ") || StartsWith(line, "Отправлено из ");
}

// "Re: Re: [Ticket] Subject" -> "[ticket] subject", and whether it had a
// reply prefix.
std::string SubjectKey(std::string s, bool* reply) {
  *reply = false;
  for (;;) {
    s = Trim(s);
    bool cut = false;
    for (const char* p : {"re:", "re :", "fw:", "fwd:", "aw:", "ответ:", "отв:", "пересл:", "re[", "ha:"}) {
      const std::string low = Lower(s.substr(0, 16));
      if (StartsWith(low, p)) {
        if (std::string_view(p) == "re[") {
          const size_t close = s.find("]:");
          if (close == std::string::npos) break;
          s.erase(0, close + 2);
        } else {
          s.erase(0, std::string_view(p).size());
        }
        *reply = *reply || std::string_view(p) != "fw:";
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  return Lower(s);
}

std::string Fnv(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::vector<std::string> ParseIds(const char* header) {
  std::vector<std::string> out;
  if (header == nullptr) return out;
  GMimeReferences* refs = g_mime_references_parse(nullptr, header);
  if (refs != nullptr) {
    for (int i = 0; i < g_mime_references_length(refs); ++i)
      out.emplace_back(g_mime_references_get_message_id(refs, i));
    g_mime_references_free(refs);
  }
  if (out.empty() && !Trim(header).empty()) out.push_back(Trim(header));  // unparsable: kept raw, as notmuch does
  return out;
}

void FirstAddress(InternetAddressList* list, std::string* addr, std::string* name, std::string* full) {
  if (list == nullptr) return;
  for (int i = 0; i < internet_address_list_length(list); ++i) {
    InternetAddress* ia = internet_address_list_get_address(list, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) continue;
    *addr = Lower(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
    if (name != nullptr && internet_address_get_name(ia) != nullptr) *name = internet_address_get_name(ia);
    if (full != nullptr) {
      char* s = internet_address_to_string(ia, nullptr, FALSE);
      *full = s != nullptr ? s : *addr;
      g_free(s);
    }
    return;
  }
}

class AgentTest {
 public:
  explicit AgentTest(const IngestOptions& o) {
    for (const std::string& a : o.agent_addresses) addresses_.push_back(Lower(Trim(a)));
    for (std::string d : o.agent_domains) {
      d = Lower(Trim(d));
      if (!d.empty() && d[0] == '@') d.erase(0, 1);
      domains_.push_back(d);
    }
  }
  bool operator()(const std::string& addr) const {
    if (std::find(addresses_.begin(), addresses_.end(), addr) != addresses_.end()) return true;
    const size_t at = addr.rfind('@');
    if (at == std::string::npos) return false;
    const std::string domain = addr.substr(at + 1);
    for (const std::string& d : domains_) {
      if (domain == d || EndsWith(domain, "." + d)) return true;
    }
    return false;
  }

 private:
  std::vector<std::string> addresses_, domains_;
};

// Reads one message into *m; false (with *error) when it is not mail.
bool ReadMessage(GMimeMessage* msg, const AgentTest& is_agent, Mail* m, std::string* error) {
  GMimeObject* obj = GMIME_OBJECT(msg);
  const char* mid = g_mime_message_get_message_id(msg);
  FirstAddress(g_mime_message_get_from(msg), &m->from_addr, &m->from_name, &m->from_full);
  GDateTime* date = g_mime_message_get_date(msg);
  if (m->from_addr.empty() && mid == nullptr && date == nullptr) {
    *error = "not a mail message: no From, Message-ID or Date header";
    return false;
  }
  std::string ignored;
  FirstAddress(g_mime_message_get_reply_to(msg), &ignored, nullptr, &m->reply_to);
  FirstAddress(g_mime_message_get_to(msg), &m->to_addr, &m->to_name, nullptr);
  if (date != nullptr) {
    GDateTime* utc = g_date_time_to_utc(date);
    if (utc != nullptr) {
      gchar* s = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");
      if (s != nullptr) m->at = s;
      g_free(s);
      g_date_time_unref(utc);
    }
  }
  const char* subject = g_mime_message_get_subject(msg);
  m->subject_key = SubjectKey(subject != nullptr ? ReplaceInvalidUtf8(subject) : std::string(), &m->reply_subject);
  for (const char* h : {"In-Reply-To", "References"}) {
    for (std::string& id : ParseIds(g_mime_object_get_header(obj, h))) {
      if (mid == nullptr || id != mid) m->refs.push_back(std::move(id));  // self-references happen
    }
  }
  Body body;
  if (GMimeObject* part = g_mime_message_get_mime_part(msg)) Walk(part, 0, m->where, &body);
  m->warnings.insert(m->warnings.end(), body.warnings.begin(), body.warnings.end());
  if (body.too_deep) m->warnings.push_back(m->where + ": MIME parts nested deeper than 32 levels were not read");
  std::string text = body.plain;
  if (Trim(text).empty() && !body.html.empty()) {
    HtmlText html = HtmlToText(body.html);
    text = std::move(html.text);
    if (html.tags_dropped > 0) {
      m->warnings.push_back(m->where + ": HTML nested deeper than 128 elements; " + std::to_string(html.tags_dropped) +
                            " tags below that were left out, their text kept");
    }
  }
  m->agent = is_agent(m->from_addr);
  text = StripQuoted(text, !m->agent);
  m->text = text;
  if (Trim(m->text).empty()) {
    *error = "no text to read" + (body.too_deep ? std::string(" (MIME parts nested deeper than 32 levels are not read)")
                                  : body.attachments + body.forwarded > 0
                                      ? " (" + std::to_string(body.attachments) + " attachments, " +
                                            std::to_string(body.forwarded) + " forwarded messages)"
                                      : std::string());
    return false;
  }
  // An empty Message-ID header is no id: the mail gets a made-up one, as
  // a mail without the header does.
  m->id = mid != nullptr && *mid != '\0' ? std::string(mid)
                                         : "replylint-" + Fnv(m->from_addr + "\n" + m->at + "\n" + m->text);
  return true;
}

// ---- reading a box -------------------------------------------------------------

class Box {
 public:
  Box(const IngestOptions& o) : is_agent_(o) {
    options_ = g_mime_parser_options_new();
    // Raw 8-bit headers: UTF-8, else the Russian Windows code page.
    static const char* kFallback[] = {"utf-8", "windows-1251", nullptr};
    g_mime_parser_options_set_fallback_charsets(options_, kFallback);
  }
  ~Box() {
    g_mime_parser_options_free(options_);
    if (spill_ != nullptr) std::fclose(spill_);
  }
  Box(const Box&) = delete;
  Box& operator=(const Box&) = delete;

  // Reads every message of one file (mbox or a single message).
  Status ReadFile(const std::string& path, const std::string& shown) {
    GError* err = nullptr;
    GMimeStream* stream = g_mime_stream_fs_open(path.c_str(), O_RDONLY, 0, &err);
    if (stream == nullptr) {
      std::string why = err != nullptr ? err->message : "cannot open";
      if (err != nullptr) g_error_free(err);
      return Status::IoError(shown + ": " + why);
    }
    char head[5] = {0};
    const ssize_t n = g_mime_stream_read(stream, head, 5);
    g_mime_stream_reset(stream);
    const bool mbox = n == 5 && std::string_view(head, 5) == "From ";
    GMimeParser* parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
    while (!g_mime_parser_eos(parser)) {
      const gint64 before = g_mime_parser_tell(parser);
      GMimeMessage* msg = g_mime_parser_construct_message(parser, options_);
      Mail m;
      m.number = ++count_;
      const gint64 offset = mbox && msg != nullptr ? g_mime_parser_get_mbox_marker_offset(parser) : before;
      m.where = shown + ": message " + std::to_string(m.number) + " (byte " + std::to_string(offset) + ")";
      if (msg == nullptr) {
        Reject(m, "cannot be parsed as mail" + std::string(mbox ? " (the mbox is cut short or damaged here)" : ""));
        break;  // the parser cannot find the next message after this
      }
      std::string error;
      if (ReadMessage(msg, is_agent_, &m, &error)) {
        Spill(&m);
        mails_.push_back(std::move(m));
      } else {
        Reject(m, error);
      }
      g_object_unref(msg);
      if (!mbox) break;
    }
    g_object_unref(parser);
    return Status::Ok();
  }

  // Groups the mails into threads; then Next() gives them (and the
  // rejected messages) one at a time, in the order of the box.
  void Thread();
  bool Next(const std::string& source, ConvertedRecord* out);

 private:
  // Threads can be built only once every mail is read, so the box keeps
  // each mail's headers in memory and its text in an unlinked temporary
  // file (a 10 GB mailbox does not sit in memory); a thread's texts are
  // read back when it is given out.
  void Spill(Mail* m) {
    if (spill_ == nullptr && !spill_failed_) {
      spill_ = std::tmpfile();
      spill_failed_ = spill_ == nullptr;  // then texts stay in memory
      if (spill_ != nullptr) std::setvbuf(spill_, nullptr, _IOFBF, 1 << 20);
    }
    if (spill_ == nullptr || m->text.empty()) return;
    const long at = std::ftell(spill_);  // only ever appended to
    if (at < 0 || std::fwrite(m->text.data(), 1, m->text.size(), spill_) != m->text.size()) return;
    m->text_at = at;
    m->text_size = m->text.size();
    std::string().swap(m->text);
  }
  std::string TakeText(Mail& m) {
    if (m.text_at < 0) return std::move(m.text);
    std::string text(m.text_size, '\0');
    if (::pread(fileno(spill_), text.data(), text.size(), m.text_at) != static_cast<ssize_t>(text.size())) {
      text = "(replylint could not read this text back from its temporary file)";
    }
    return text;
  }

  void Reject(const Mail& m, const std::string& why) {
    ConvertedRecord r;
    r.line = m.number;
    r.conversation = Status::InvalidArgument(m.where + ": " + why);
    rejected_.push_back(std::move(r));
  }

  AgentTest is_agent_;
  GMimeParserOptions* options_;
  size_t count_ = 0;
  std::vector<Mail> mails_;
  std::vector<ConvertedRecord> rejected_;
  std::FILE* spill_ = nullptr;
  bool spill_failed_ = false;
  // After Thread(): what Next() gives, in order: a thread (its mails, by
  // index) or a rejected message (empty, with the index in rejected_).
  struct Item {
    size_t line;
    std::vector<size_t> mails;
    size_t rejected = 0;
  };
  std::vector<Item> items_;
  size_t next_ = 0;
};

void Box::Thread() {
  if (spill_ != nullptr) std::fflush(spill_);  // Next() reads the texts back with pread
  // Union-find over message ids (ids nobody in the box has included).
  std::unordered_map<std::string, size_t> node;
  std::vector<size_t> up;
  auto id_node = [&](const std::string& id) {
    auto [it, fresh] = node.emplace(id, up.size());
    if (fresh) up.push_back(up.size());
    return it->second;
  };
  auto find = [&](size_t x) {
    while (up[x] != x) x = up[x] = up[up[x]];
    return x;
  };
  auto join = [&](size_t a, size_t b) {
    a = find(a), b = find(b);
    if (a != b) up[std::max(a, b)] = std::min(a, b);
  };
  std::vector<size_t> self(mails_.size());
  for (size_t i = 0; i < mails_.size(); ++i) {
    // Two mails with one Message-ID (a copy in Sent and Inbox) are one thread.
    self[i] = id_node(mails_[i].id);
    for (const std::string& r : mails_[i].refs) join(self[i], id_node(r));
  }
  // A reply without references: the latest thread with its subject and customer.
  std::unordered_map<std::string, size_t> by_subject;
  for (size_t i = 0; i < mails_.size(); ++i) {
    const Mail& m = mails_[i];
    const std::string key = m.subject_key + "\n" + (m.agent ? m.to_addr : m.from_addr);
    if (m.refs.empty() && m.reply_subject && !m.subject_key.empty()) {
      if (auto it = by_subject.find(key); it != by_subject.end()) join(self[i], it->second);
    }
    if (!m.subject_key.empty()) by_subject[key] = self[i];
  }
  std::unordered_map<size_t, size_t> conv_of;  // root -> index in out
  std::vector<std::vector<size_t>> members;
  for (size_t i = 0; i < mails_.size(); ++i) {
    auto [it, fresh] = conv_of.emplace(find(self[i]), members.size());
    if (fresh) members.emplace_back();
    members[it->second].push_back(i);
  }
  for (size_t i = 0; i < rejected_.size(); ++i) items_.push_back({rejected_[i].line, {}, i});
  for (std::vector<size_t>& ms : members) {
    if (std::all_of(ms.begin(), ms.end(), [&](size_t i) { return !mails_[i].at.empty(); })) {
      std::stable_sort(ms.begin(), ms.end(), [&](size_t a, size_t b) { return mails_[a].at < mails_[b].at; });
    }
    size_t line = mails_[ms[0]].number;
    for (size_t i : ms) line = std::min(line, mails_[i].number);
    items_.push_back({line, std::move(ms), 0});
  }
  std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) { return a.line < b.line; });
}

bool Box::Next(const std::string& source, ConvertedRecord* out) {
  if (next_ >= items_.size()) return false;
  Item& item = items_[next_++];
  if (item.mails.empty()) {
    *out = std::move(rejected_[item.rejected]);
    return true;
  }
  const std::vector<size_t>& ms = item.mails;
  {
    Conversation c;
    c.id = mails_[ms[0]].id;
    c.channel = Channel::kEmail;
    c.source = source;
    c.line = item.line;
    ConvertedRecord r;
    for (size_t i : ms) {
      Mail& m = mails_[i];
      if (!m.agent && c.customer.email.empty()) {
        c.customer.email = m.from_addr;
        c.customer.name = m.from_name;
      }
      Message msg;
      msg.role = m.agent ? Role::kAgent : Role::kCustomer;
      if (m.agent) {
        msg.author = m.from_name.empty() ? m.from_addr : m.from_name;
        msg.agent_id = m.from_addr;
      }
      msg.from = m.from_full;
      msg.reply_to = m.reply_to;
      msg.at = m.at;
      msg.text = TakeText(m);
      c.messages.push_back(std::move(msg));
      r.warnings.insert(r.warnings.end(), m.warnings.begin(), m.warnings.end());
    }
    if (c.customer.email.empty()) {  // only agents wrote: the customer is whom they wrote to
      c.customer.email = mails_[ms[0]].to_addr;
      c.customer.name = mails_[ms[0]].to_name;
    }
    r.line = c.line;
    r.conversation = std::move(c);
    *out = std::move(r);
  }
  return true;
}

// A mailbox given out a thread at a time.
class MailSource : public ConvertedSource {
 public:
  MailSource(std::string name, uint64_t bytes, std::unique_ptr<Box> box)
      : name_(std::move(name)), bytes_(bytes), box_(std::move(box)) {}
  bool Next(ConvertedRecord* out) override {
    started_ = true;
    return box_->Next(name_, out);
  }
  const std::string& name() const override { return name_; }
  uint64_t bytes() const override { return started_ ? bytes_ : 0; }

 private:
  std::string name_;
  uint64_t bytes_;
  std::unique_ptr<Box> box_;
  bool started_ = false;
};

}  // namespace

std::string StripQuoted(const std::string& in, bool strip_signature) {
  std::string text;
  text.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\r') {
      if (i + 1 < in.size() && in[i + 1] == '\n') continue;
      text += '\n';
    } else {
      text += in[i];
    }
  }
  std::vector<std::string> lines;
  for (size_t start = 0; start <= text.size();) {
    const size_t nl = text.find('\n', start);
    const size_t end = nl == std::string::npos ? text.size() : nl;
    lines.push_back(text.substr(start, end - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  std::vector<std::string> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string t = Trim(lines[i]);
    if (IsSeparator(t)) break;
    if (IsAttribution(t)) {
      // A wrapped attribution ("On Mon, …, Ann <\nann@x> wrote:"): its first half goes too.
      if (!kept.empty() && (StartsWith(Trim(kept.back()), "On ") || StartsWith(Trim(kept.back()), "В ") ||
                            StartsWith(Trim(kept.back()), "Am "))) {
        kept.pop_back();
      }
      break;
    }
    if (IsHeaderStart(t) && i + 1 < lines.size() && IsHeaderNext(Trim(lines[i + 1]))) break;
    if (StartsWith(t, ">")) continue;  // a quoted line between the writer's own
    if (strip_signature && (lines[i] == "-- " || lines[i] == "--" || IsMobileFooter(t))) break;
    kept.push_back(lines[i]);
  }
  std::string out;
  for (const std::string& l : kept) {
    out += l;
    out += '\n';
  }
  return Trim(out);
}

StatusOr<std::unique_ptr<ConvertedSource>> OpenMail(const std::string& path, const IngestOptions& options) {
  if (options.agent_addresses.empty() && options.agent_domains.empty()) {
    return Status::InvalidArgument(path +
                                   ": mail needs to know who the agents are: give --agent-address ADDRESS or "
                                   "--agent-domain DOMAIN (each repeatable)");
  }
  InitGMime();
  auto box = std::make_unique<Box>(options);
  std::error_code ec;
  uint64_t bytes = 0;
  if (fs::is_directory(path, ec)) {
    // A Maildir (cur/ and new/; tmp/ holds mail being delivered) or a
    // folder of .eml files: one mailbox.
    FileListing found = ListFiles(
        path,
        [](const fs::path& p) {
          const std::string parent = p.parent_path().filename().string();
          return parent != "tmp";
        },
        /*skip_hidden=*/true);
    for (const std::string& f : found.files) {
      bytes += fs::file_size(f, ec);
      if (Status st = box->ReadFile(f, f); !st.ok()) return st;
    }
  } else {
    if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such file");
    bytes = fs::file_size(path, ec);
    if (Status st = box->ReadFile(path, path); !st.ok()) return st;
  }
  box->Thread();
  return std::unique_ptr<ConvertedSource>(new MailSource(path, bytes, std::move(box)));
}

}  // namespace replylint
