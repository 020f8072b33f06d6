// What GMime reads from a mail file, as plain data: the interface of the
// module replylint-mime.so (mime_gmime.cc, loaded by base/module.h), so
// only the commands that read mail load GMime and GLib. mail.cc turns the
// messages into conversations.
//
// Pipeline position: ingest (under mail.h).
// Thread-safety: a MimeFile is used from one thread; open() may be called
// from any thread.
#ifndef REPLYLINT_INGEST_MIME_H_
#define REPLYLINT_INGEST_MIME_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace replylint {

// A text part, its transfer encoding (quoted-printable, base64) undone.
struct MimeText {
  enum class Charset {
    kUtf8,       // declared UTF-8 or US-ASCII, or none declared: `bytes` as they came
    kConverted,  // converted from `charset` to UTF-8
    kUnknown,    // iconv does not know `charset`: `bytes` as they came
    kFailed,     // `bytes` (as they came) do not decode as `charset`
  };
  bool html = false;  // text/html; else text/plain
  std::string bytes;
  std::string charset;  // as declared, trimmed, lower case
  Charset how = Charset::kUtf8;
};

// One message of a file.
struct MimeMessage {
  int64_t offset = 0;   // of the message in its file (of its "From " line in an mbox)
  bool parsed = false;  // false: GMime could not parse it, and nothing below is set
  std::optional<std::string> message_id;
  std::string from_addr, from_name, from_full;  // the first mailbox of From; addr in lower case
  std::string reply_to;                         // the first mailbox of Reply-To, as written
  std::string to_addr, to_name;                 // the first mailbox of To
  bool has_date = false;
  std::string at;                 // the Date in UTC, RFC 3339; empty when it cannot be formatted
  std::string subject;            // decoded, but maybe not valid UTF-8
  std::vector<std::string> refs;  // In-Reply-To, then References; a header that does not parse, raw
  // The first text/plain and the first text/html part with any bytes, in
  // the order of the message.
  std::vector<MimeText> texts;
  size_t attachments = 0, forwarded = 0;  // parts not read (forwarded: message/rfc822)
  bool too_deep = false;                  // parts nested deeper than kMaxMimeDepth were not read
};

// MIME nesting deeper than this is not read (a bomb of nested multiparts).
constexpr int kMaxMimeDepth = 32;

// The messages of one file: an mbox (it starts with "From ") or one message.
class MimeFile {
 public:
  virtual ~MimeFile() = default;
  // The next message; false when there is none. A message that does not
  // parse ends an mbox: the parser cannot find the next one after it.
  virtual bool Next(MimeMessage* out) = 0;
  virtual bool mbox() const = 0;
};

// The module's table (base/module.h).
struct MimeModule {
  static constexpr int kAbi = 1;  // bump when anything in this header changes
  int abi;
  // Errors: *error says why the file cannot be opened.
  std::unique_ptr<MimeFile> (*open)(const std::string& path, std::string* error);
};

}  // namespace replylint

// The module's entry: weak, so it is null in a program that does not link
// mime_gmime.cc and the module is loaded instead.
extern "C" const replylint::MimeModule* replylint_mime_module() __attribute__((weak));

#endif  // REPLYLINT_INGEST_MIME_H_
