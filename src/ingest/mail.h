// Mail turned into conversations: an mbox file, a single .eml message, or a
// Maildir / folder of .eml files (one mailbox), parsed with GMime in the
// module replylint-mime.so (mime.h), loaded by the first OpenMail.
//
// Threads are rebuilt as notmuch does: a message joins the thread of every
// Message-ID it names in In-Reply-To and References (an id nobody in the box
// has still joins the messages that name it); a reply ("Re:", "Ответ:")
// that names none joins the latest thread with the same subject and the same
// customer. Who is an agent: the sender's address among --agent-address, or
// its domain under --agent-domain; everyone else is the customer.
//
// The text of a message: its text/plain part, else its HTML part through
// html_text.h; decoded from quoted-printable or base64 and from the declared
// charset (KOI8-R, windows-1251 …) to UTF-8. A charset iconv does not know
// is named in a warning and its bytes outside ASCII become U+FFFD.
// Attachments and forwarded messages are counted, not read. Quoted earlier
// mail ("> " lines, an "On … wrote:" / "… писал(а):" line and what follows,
// an Outlook header block) is cut off, and so is a customer's signature
// after "-- " (an agent's stays: missing-signature judges it).
//
// A message GMime cannot parse, one with neither From nor Message-ID nor
// Date (not mail), or one with no text left is a rejected record that names
// the file, the message's number and its byte offset.
//
// Pipeline position: ingest (see source.h).
// Thread-safety: OpenMail may be called from any thread; a source it
// returns is used from one thread.
#ifndef REPLYLINT_INGEST_MAIL_H_
#define REPLYLINT_INGEST_MAIL_H_

#include <memory>
#include <string>
#include <vector>

#include "ingest/source.h"

namespace replylint {

// Mail from `path` (a file or a directory). Errors: no agent address or
// domain given, the path cannot be read.
StatusOr<std::unique_ptr<ConvertedSource>> OpenMail(const std::string& path, const IngestOptions& options);

// The reply without quoted earlier mail; for a customer, also without a
// signature. Exposed for tests.
std::string StripQuoted(const std::string& text, bool strip_signature);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_MAIL_H_
