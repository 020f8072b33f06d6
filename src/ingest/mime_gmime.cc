// replylint-mime.so: mail files read with GMime (mime.h).
#include "ingest/mime.h"

#include <fcntl.h>
#include <gmime/gmime.h>

#include <algorithm>
#include <mutex>
#include <string_view>

#include "base/ascii.h"

namespace replylint {
namespace {

// A part's content, transfer encoding undone, converted to UTF-8 where a
// charset other than UTF-8 is declared and known.
MimeText Decode(GMimeObject* obj, bool html) {
  MimeText t;
  t.html = html;
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(obj));
  if (content == nullptr) return t;
  GMimeStream* mem = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(content, mem);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
  t.bytes.assign(reinterpret_cast<const char*>(bytes->data), bytes->len);
  g_object_unref(mem);
  const char* cs = g_mime_object_get_content_type_parameter(obj, "charset");
  t.charset = cs != nullptr ? AsciiLower(std::string(TrimAsciiSpace(cs))) : std::string();
  if (t.charset.empty() || t.charset == "utf-8" || t.charset == "utf8" || t.charset == "us-ascii") return t;
  iconv_t cd = g_mime_iconv_open("UTF-8", t.charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    t.how = MimeText::Charset::kUnknown;
    return t;
  }
  char* converted = g_mime_iconv_strndup(cd, t.bytes.data(), t.bytes.size());
  g_mime_iconv_close(cd);
  if (converted == nullptr) {
    t.how = MimeText::Charset::kFailed;
    return t;
  }
  t.bytes = converted;
  t.how = MimeText::Charset::kConverted;
  g_free(converted);
  return t;
}

void Walk(GMimeObject* obj, int depth, MimeMessage* m) {
  if (depth > kMaxMimeDepth) {
    m->too_deep = true;
    return;
  }
  if (GMIME_IS_MESSAGE_PART(obj)) {
    ++m->forwarded;  // a forwarded message: quoted, not the writer's text
    return;
  }
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart* mp = GMIME_MULTIPART(obj);
    GMimeContentType* ct = g_mime_object_get_content_type(obj);
    // multipart/signed: the signature part is not text.
    const int n = g_mime_content_type_is_type(ct, "multipart", "signed") ? std::min(1, g_mime_multipart_get_count(mp))
                                                                         : g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; ++i) Walk(g_mime_multipart_get_part(mp, i), depth + 1, m);
    return;
  }
  if (!GMIME_IS_PART(obj)) return;
  GMimeContentType* ct = g_mime_object_get_content_type(obj);
  if (g_mime_part_is_attachment(GMIME_PART(obj))) {
    ++m->attachments;
    return;
  }
  const bool is_plain = g_mime_content_type_is_type(ct, "text", "plain");
  const bool is_html = !is_plain && g_mime_content_type_is_type(ct, "text", "html");
  const auto have = [&](bool html) {
    return std::any_of(m->texts.begin(), m->texts.end(), [&](const MimeText& t) { return t.html == html; });
  };
  if ((is_plain || is_html) && !have(is_html)) {
    MimeText t = Decode(obj, is_html);
    if (!t.bytes.empty()) m->texts.push_back(std::move(t));  // an empty part: the next one of its type is read
  } else if (!g_mime_content_type_is_type(ct, "text", "*")) {
    ++m->attachments;
  }
}

void Ids(const char* header, std::vector<std::string>* out) {
  if (header == nullptr) return;
  const size_t before = out->size();
  GMimeReferences* refs = g_mime_references_parse(nullptr, header);
  if (refs != nullptr) {
    for (int i = 0; i < g_mime_references_length(refs); ++i)
      out->emplace_back(g_mime_references_get_message_id(refs, i));
    g_mime_references_free(refs);
  }
  // Unparsable: kept raw, as notmuch does.
  if (out->size() == before && !TrimAsciiSpace(header).empty()) out->emplace_back(TrimAsciiSpace(header));
}

void FirstAddress(InternetAddressList* list, std::string* addr, std::string* name, std::string* full) {
  if (list == nullptr) return;
  for (int i = 0; i < internet_address_list_length(list); ++i) {
    InternetAddress* ia = internet_address_list_get_address(list, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) continue;
    *addr = AsciiLower(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
    if (name != nullptr && internet_address_get_name(ia) != nullptr) *name = internet_address_get_name(ia);
    if (full != nullptr) {
      char* s = internet_address_to_string(ia, nullptr, FALSE);
      *full = s != nullptr ? s : *addr;
      g_free(s);
    }
    return;
  }
}

void Read(GMimeMessage* msg, MimeMessage* m) {
  m->parsed = true;
  GMimeObject* obj = GMIME_OBJECT(msg);
  if (const char* mid = g_mime_message_get_message_id(msg)) m->message_id = mid;
  FirstAddress(g_mime_message_get_from(msg), &m->from_addr, &m->from_name, &m->from_full);
  std::string ignored;
  FirstAddress(g_mime_message_get_reply_to(msg), &ignored, nullptr, &m->reply_to);
  FirstAddress(g_mime_message_get_to(msg), &m->to_addr, &m->to_name, nullptr);
  if (GDateTime* date = g_mime_message_get_date(msg)) {
    m->has_date = true;
    if (GDateTime* utc = g_date_time_to_utc(date)) {
      gchar* s = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");
      if (s != nullptr) m->at = s;
      g_free(s);
      g_date_time_unref(utc);
    }
  }
  if (const char* subject = g_mime_message_get_subject(msg)) m->subject = subject;
  for (const char* h : {"In-Reply-To", "References"}) Ids(g_mime_object_get_header(obj, h), &m->refs);
  if (GMimeObject* part = g_mime_message_get_mime_part(msg)) Walk(part, 0, m);
}

class GMimeFile : public MimeFile {
 public:
  GMimeFile(GMimeStream* stream, bool mbox) : mbox_(mbox) {
    options_ = g_mime_parser_options_new();
    // Raw 8-bit headers: UTF-8, else the Russian Windows code page.
    static const char* kFallback[] = {"utf-8", "windows-1251", nullptr};
    g_mime_parser_options_set_fallback_charsets(options_, kFallback);
    parser_ = g_mime_parser_new_with_stream(stream);
    g_mime_parser_set_format(parser_, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  }
  ~GMimeFile() override {
    g_object_unref(parser_);
    g_mime_parser_options_free(options_);
  }
  GMimeFile(const GMimeFile&) = delete;
  GMimeFile& operator=(const GMimeFile&) = delete;

  bool Next(MimeMessage* out) override {
    if (done_ || g_mime_parser_eos(parser_)) return false;
    *out = MimeMessage();
    const gint64 before = g_mime_parser_tell(parser_);
    GMimeMessage* msg = g_mime_parser_construct_message(parser_, options_);
    out->offset = mbox_ && msg != nullptr ? g_mime_parser_get_mbox_marker_offset(parser_) : before;
    done_ = msg == nullptr || !mbox_;
    if (msg != nullptr) {
      Read(msg, out);
      g_object_unref(msg);
    }
    return true;
  }
  bool mbox() const override { return mbox_; }

 private:
  bool mbox_;
  bool done_ = false;
  GMimeParserOptions* options_;
  GMimeParser* parser_;
};

std::unique_ptr<MimeFile> Open(const std::string& path, std::string* error) {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
  GError* err = nullptr;
  GMimeStream* stream = g_mime_stream_fs_open(path.c_str(), O_RDONLY, 0, &err);
  if (stream == nullptr) {
    *error = err != nullptr ? err->message : "cannot open";
    if (err != nullptr) g_error_free(err);
    return nullptr;
  }
  char head[5] = {0};
  const ssize_t n = g_mime_stream_read(stream, head, 5);
  g_mime_stream_reset(stream);
  auto file = std::make_unique<GMimeFile>(stream, n == 5 && std::string_view(head, 5) == "From ");
  g_object_unref(stream);  // the parser holds it
  return file;
}

}  // namespace
}  // namespace replylint

extern "C" __attribute__((visibility("default"))) const replylint::MimeModule* replylint_mime_module() {
  static const replylint::MimeModule kModule{replylint::MimeModule::kAbi, &replylint::Open};
  return &kModule;
}
