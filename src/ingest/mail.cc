#include "ingest/mail.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "base/ascii.h"
#include "base/files.h"
#include "base/module.h"
#include "base/utf8.h"
#include "ingest/html_text.h"
#include "ingest/mime.h"

namespace replylint {
namespace {

namespace fs = std::filesystem;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
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

// A text part as UTF-8: bytes that are not UTF-8 become U+FFFD, and a
// warning says so.
std::string ToUtf8(const MimeText& t, const std::string& where, std::vector<std::string>* warnings) {
  switch (t.how) {
    case MimeText::Charset::kUtf8:
      if (FindInvalidUtf8(t.bytes) == std::string::npos) return t.bytes;
      warnings->push_back(where + ": text is not valid UTF-8" +
                          (t.charset.empty() ? std::string(" and names no charset") : std::string()) +
                          "; the bytes that are not became U+FFFD");
      return ReplaceInvalidUtf8(t.bytes);
    case MimeText::Charset::kUnknown: {
      warnings->push_back(where + ": unknown charset \"" + t.charset + "\"; the bytes outside ASCII became U+FFFD");
      std::string out;
      for (char c : t.bytes) {
        if (static_cast<unsigned char>(c) < 0x80) {
          out += c;
        } else {
          out += "\xEF\xBF\xBD";
        }
      }
      return out;
    }
    case MimeText::Charset::kFailed:
      warnings->push_back(where + ": text does not decode as " + t.charset + "; the bytes that are not became U+FFFD");
      return ReplaceInvalidUtf8(t.bytes);
    case MimeText::Charset::kConverted:
      break;
  }
  return ReplaceInvalidUtf8(t.bytes);
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
    s = std::string(TrimAsciiSpace(s));
    bool cut = false;
    for (const char* p : {"re:", "re :", "fw:", "fwd:", "aw:", "ответ:", "отв:", "пересл:", "re[", "ha:"}) {
      const std::string low = AsciiLower(s.substr(0, 16));
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
  return AsciiLower(s);
}

std::string Fnv(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

class AgentTest {
 public:
  explicit AgentTest(const IngestOptions& o) {
    for (const std::string& a : o.agent_addresses) addresses_.push_back(AsciiLower(std::string(TrimAsciiSpace(a))));
    for (std::string d : o.agent_domains) {
      d = AsciiLower(std::string(TrimAsciiSpace(d)));
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
bool ReadMessage(MimeMessage* in, const AgentTest& is_agent, Mail* m, std::string* error) {
  if (in->from_addr.empty() && !in->message_id && !in->has_date) {
    *error = "not a mail message: no From, Message-ID or Date header";
    return false;
  }
  m->from_addr = std::move(in->from_addr);
  m->from_name = std::move(in->from_name);
  m->from_full = std::move(in->from_full);
  m->reply_to = std::move(in->reply_to);
  m->to_addr = std::move(in->to_addr);
  m->to_name = std::move(in->to_name);
  m->at = std::move(in->at);
  m->subject_key = SubjectKey(ReplaceInvalidUtf8(in->subject), &m->reply_subject);
  for (std::string& id : in->refs) {
    if (id != in->message_id) m->refs.push_back(std::move(id));  // self-references happen
  }
  std::string plain, html;
  for (const MimeText& t : in->texts) (t.html ? html : plain) = ToUtf8(t, m->where, &m->warnings);
  if (in->too_deep) m->warnings.push_back(m->where + ": MIME parts nested deeper than 32 levels were not read");
  std::string text = std::move(plain);
  if (TrimAsciiSpace(text).empty() && !html.empty()) {
    HtmlText h = HtmlToText(html);
    text = std::move(h.text);
    if (h.tags_dropped > 0) {
      m->warnings.push_back(m->where + ": HTML nested deeper than 128 elements; " + std::to_string(h.tags_dropped) +
                            " tags below that were left out, their text kept");
    }
  }
  m->agent = is_agent(m->from_addr);
  m->text = StripQuoted(text, !m->agent);
  if (TrimAsciiSpace(m->text).empty()) {
    *error = "no text to read" + (in->too_deep ? std::string(" (MIME parts nested deeper than 32 levels are not read)")
                                  : in->attachments + in->forwarded > 0
                                      ? " (" + std::to_string(in->attachments) + " attachments, " +
                                            std::to_string(in->forwarded) + " forwarded messages)"
                                      : std::string());
    return false;
  }
  // An empty Message-ID header is no id: the mail gets a made-up one, as
  // a mail without the header does.
  m->id = in->message_id && !in->message_id->empty() ? *in->message_id
                                                     : "replylint-" + Fnv(m->from_addr + "\n" + m->at + "\n" + m->text);
  return true;
}

// ---- reading a box -------------------------------------------------------------

class Box {
 public:
  Box(const MimeModule& mime, const IngestOptions& o) : mime_(mime), is_agent_(o) {}
  ~Box() {
    if (spill_ != nullptr) std::fclose(spill_);
  }
  Box(const Box&) = delete;
  Box& operator=(const Box&) = delete;

  // Reads every message of one file (mbox or a single message).
  Status ReadFile(const std::string& path, const std::string& shown) {
    std::string why;
    std::unique_ptr<MimeFile> file = mime_.open(path, &why);
    if (file == nullptr) return Status::IoError(shown + ": " + why);
    for (MimeMessage in; file->Next(&in);) {
      Mail m;
      m.number = ++count_;
      m.where = shown + ": message " + std::to_string(m.number) + " (byte " + std::to_string(in.offset) + ")";
      std::string error;
      if (!in.parsed) {
        Reject(m, "cannot be parsed as mail" +
                      std::string(file->mbox() ? " (the mbox is cut short or damaged here)" : ""));
      } else if (ReadMessage(&in, is_agent_, &m, &error)) {
        Spill(&m);
        mails_.push_back(std::move(m));
      } else {
        Reject(m, error);
      }
    }
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

  const MimeModule& mime_;
  AgentTest is_agent_;
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
    const std::string t(TrimAsciiSpace(lines[i]));
    if (IsSeparator(t)) break;
    if (IsAttribution(t)) {
      // A wrapped attribution ("On Mon, …, Ann <\nann@x> wrote:"): its first half goes too.
      if (!kept.empty() &&
          (StartsWith(TrimAsciiSpace(kept.back()), "On ") || StartsWith(TrimAsciiSpace(kept.back()), "В ") ||
           StartsWith(TrimAsciiSpace(kept.back()), "Am "))) {
        kept.pop_back();
      }
      break;
    }
    if (IsHeaderStart(t) && i + 1 < lines.size() && IsHeaderNext(TrimAsciiSpace(lines[i + 1]))) break;
    if (StartsWith(t, ">")) continue;  // a quoted line between the writer's own
    if (strip_signature && (lines[i] == "-- " || lines[i] == "--" || IsMobileFooter(t))) break;
    kept.push_back(lines[i]);
  }
  std::string out;
  for (const std::string& l : kept) {
    out += l;
    out += '\n';
  }
  return std::string(TrimAsciiSpace(out));
}

StatusOr<std::unique_ptr<ConvertedSource>> OpenMail(const std::string& path, const IngestOptions& options) {
  if (options.agent_addresses.empty() && options.agent_domains.empty()) {
    return Status::InvalidArgument(path +
                                   ": mail needs to know who the agents are: give --agent-address ADDRESS or "
                                   "--agent-domain DOMAIN (each repeatable)");
  }
  if (path == "-") {
    return Status::InvalidArgument("-: mail is read from an mbox or .eml file or a Maildir, not from standard input");
  }
  static const StatusOr<const MimeModule*> mime =
      LoadModule<MimeModule>("mime", "replylint_mime_module", replylint_mime_module);
  if (!mime.ok()) return Status::Internal(path + ": mail cannot be read: " + mime.status().message());
  auto box = std::make_unique<Box>(**mime, options);
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
