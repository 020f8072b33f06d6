// Input formats other than the contract's JSONL: CSV/TSV with a column map,
// the "Customer Support on Twitter" CSV, mail (mbox, .eml, Maildir) and
// later helpdesk exports. Each format lives in its own file under
// src/ingest/; this module names them, tells them apart and hands out what
// they built as records the pipeline counts like JSONL lines.
//
// Every input record of a format (a CSV row, a mail, a ticket) ends in a
// conversation or in a rejected record whose error names the file and the
// line (or byte offset): a converted source yields one ConvertedRecord per
// conversation built and one per input record rejected, so the run's
// conservation line (records read = conversations + rejected) still proves
// that nothing was dropped silently.
//
// Pipeline position: first data stage, beside jsonl.h.
// Thread-safety: a ConvertedSource is single-threaded.
#ifndef REPLYLINT_INGEST_SOURCE_H_
#define REPLYLINT_INGEST_SOURCE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"

namespace replylint {

enum class InputFormat : uint8_t { kAuto, kJsonl, kCsv, kTwitter, kMail, kZendesk, kFreshdesk, kHelpScout };

std::optional<InputFormat> ParseInputFormat(std::string_view s);
std::string_view InputFormatName(InputFormat f);
// "jsonl, csv, twitter, mail, zendesk, freshdesk, helpscout" (for help and errors).
std::string InputFormatList();

struct IngestOptions {
  InputFormat format = InputFormat::kAuto;
  std::string column_map;  // csv: the YAML column map (docs/sources.md); empty: column names as in the contract
  // mail: who is an agent. An address matches exactly (case-insensitive);
  // a domain matches the sender's domain and its subdomains.
  std::vector<std::string> agent_addresses;
  std::vector<std::string> agent_domains;
};

// One conversation built from a source, or one input record that could not
// become part of one (the error names file and line or offset).
struct ConvertedRecord {
  size_t line = 0;  // where the record starts: a line, or for mail the message's byte offset
  StatusOr<Conversation> conversation = Status::Internal("empty record");
  std::vector<std::string> warnings;  // repairs made, each naming where
  size_t notes = 0;                   // internal notes of a helpdesk ticket, left out (never scored)
};

class ConvertedSource {
 public:
  virtual ~ConvertedSource() = default;
  // The next record; false at the end.
  virtual bool Next(ConvertedRecord* out) = 0;
  virtual const std::string& name() const = 0;
  virtual uint64_t bytes() const = 0;  // input bytes consumed
};

// The format of `path` from its extension, else from its first bytes (a
// directory: Maildir or a folder of .eml files is mail). kJsonl when nothing
// else fits, so unknown files keep today's behaviour.
InputFormat DetectFormat(const std::string& path);

// The format `path` is read in: JSONL when `options` is null, else
// options->format, or DetectFormat() when that is kAuto.
InputFormat FormatOf(const std::string& path, const IngestOptions* options);

// Opens and converts `path` (REQUIRES: format is neither kAuto nor kJsonl).
// Errors: the file cannot be read, or is not of the format at all (a CSV
// without the mapped columns); a bad record inside is a rejected record.
StatusOr<std::unique_ptr<ConvertedSource>> OpenConverted(const std::string& path, InputFormat format,
                                                         const IngestOptions& options);

// The inputs to read: a directory becomes the .jsonl, .csv, .tsv, .eml,
// .mbox and .json files below it, sorted; a directory that is a Maildir (or
// holds .eml files, when the format is mail) stays one input, so that its
// messages are threaded together. Problems listing a subdirectory go to
// *problems.
StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs, InputFormat format,
                                                std::vector<std::string>* problems);

// A source over records already built (the converters that need the whole
// input to group it: CSV rows by conversation, mails into threads).
class VectorSource : public ConvertedSource {
 public:
  VectorSource(std::string name, uint64_t bytes, std::vector<ConvertedRecord> records)
      : name_(std::move(name)), bytes_(bytes), records_(std::move(records)) {}
  bool Next(ConvertedRecord* out) override;
  const std::string& name() const override { return name_; }
  uint64_t bytes() const override { return next_ == 0 ? 0 : bytes_; }

 private:
  std::string name_;
  uint64_t bytes_;
  std::vector<ConvertedRecord> records_;
  size_t next_ = 0;
};

// ---- helpers the converters share ----

// A time as the contract wants it (RFC 3339), from RFC 3339 itself, ISO 8601
// with a space and no offset ("2026-11-20 09:12:00", kept without one: the
// response clock reads it in the team's zone), or the
// Twitter API's "Tue Oct 31 22:10:47 +0000 2017". Empty when it is none.
std::string NormalizeTime(std::string_view s);

// Message order: by time when every message has one (stable), else as
// read. RFC 3339 strings compare as times only with the same offset; the
// converters write UTC or the file's own offset, so one file is uniform.
void OrderByTime(Conversation* c);

// "ru"/"en" from a language column or field ("RU", "ru-RU", "en_US"); other
// languages kUnknown; nullopt when empty.
std::optional<Lang> LangOfTag(std::string_view s);

// `replylint convert`: every input converted to the contract's JSONL on
// `out`, one conversation a line; each rejected record and warning goes to
// `err` ("replylint: rejected: file:line: why"). The counts prove nothing
// was lost: records = conversations + rejected. A file that cannot be read
// is named on `err` and counted; the first such error is returned.
struct ConvertCounts {
  size_t records = 0, conversations = 0, rejected = 0, files_failed = 0;
  size_t notes = 0;  // helpdesk internal notes left out
};
Status ConvertToJsonl(const std::vector<std::string>& files, const IngestOptions& options, std::ostream& out,
                      std::ostream& err, ConvertCounts* counts);

// Writes one conversation as a line of the contract's JSONL (no newline):
// `convert` and the converters' golden tests.
std::string ConversationJsonl(const Conversation& c);

}  // namespace replylint

#endif  // REPLYLINT_INGEST_SOURCE_H_
