#include "ingest/ticket_export.h"

#include <functional>

#include "base/utf8.h"
#include "ingest/csv.h"
#include "ingest/html_text.h"
#include "ingest/jsonl.h"
#include "ingest/mail.h"

namespace replylint {
namespace {

// A ticket with all its comments is one line of an export: far longer than
// a conversation line may be, but still bounded.
constexpr size_t kMaxExportLine = size_t{256} << 20;

ConvertedRecord Rejected(size_t line, std::string why) {
  ConvertedRecord r;
  r.line = line;
  r.conversation = Status::InvalidArgument(std::move(why));
  return r;
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string JsonError(const std::exception& e) {
  std::string what = e.what();
  if (what.rfind("[json.exception.", 0) == 0) {
    const size_t close = what.find("] ");
    if (close != std::string::npos) what.erase(0, close + 2);
  }
  return what;
}
std::string ParseError(const std::exception& e) { return "not JSON: " + JsonError(e); }

bool Blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

using OpenLines = std::function<StatusOr<std::unique_ptr<LineSource>>()>;

// NDJSON, streamed: the first pass side-loads, the second converts a line
// at a time.
class NdjsonExport : public ConvertedSource {
 public:
  NdjsonExport(std::string name, std::unique_ptr<LineSource> lines, std::unique_ptr<TicketFormat> format)
      : name_(std::move(name)), lines_(std::move(lines)), format_(std::move(format)) {}

  bool Next(ConvertedRecord* out) override {
    while (next_ >= queue_.size()) {
      queue_.clear();
      next_ = 0;
      if (done_) return false;
      std::string line;
      if (!lines_->Next(&line)) {
        done_ = true;
        if (!lines_->error().ok()) queue_.push_back(Rejected(lines_->line_number(), lines_->error().message()));
        continue;
      }
      const size_t n = lines_->line_number();
      const JsonWhere where{name_, n};
      if (lines_->overlong() > 0) {
        bytes_ += lines_->overlong() + 1;
        queue_.push_back(Rejected(
            n, where.Str() + ": the line is longer than " + std::to_string(kMaxExportLine >> 20) + " MB; not read"));
        continue;
      }
      bytes_ += line.size() + 1;
      if (Blank(line)) continue;
      Json value;
      try {
        value = Json::parse(line);
      } catch (const std::exception& e) {
        queue_.push_back(Rejected(n, where.Str() + ": " + ParseError(e)));
        continue;
      }
      bool known = false;
      try {
        known = format_->Convert(value, where, &queue_);
      } catch (const std::exception& e) {  // a value of an unexpected type deep inside
        queue_.push_back(Rejected(n, where.Str() + ": cannot be read: " + JsonError(e)));
        continue;
      }
      if (!known) queue_.push_back(Rejected(n, where.Str() + ": neither a ticket nor side-loaded users"));
    }
    *out = std::move(queue_[next_++]);
    return true;
  }
  const std::string& name() const override { return name_; }
  uint64_t bytes() const override { return bytes_; }

 private:
  std::string name_;
  std::unique_ptr<LineSource> lines_;
  std::unique_ptr<TicketFormat> format_;
  std::vector<ConvertedRecord> queue_;
  size_t next_ = 0;
  bool done_ = false;
  uint64_t bytes_ = 0;
};

// Side-loads from every line that may hold users; true when the first
// non-blank line is JSON by itself (the file is NDJSON). The lines of a
// pretty-printed document fail to parse at once and side-load nothing.
bool FirstPass(LineSource* lines, TicketFormat* format) {
  std::string line;
  bool first = true, ndjson = false;
  while (lines->Next(&line)) {
    if (lines->overlong() > 0 || Blank(line)) continue;
    const bool want = format->MaySideload(line);
    if (!first && !want) continue;
    Json value = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (first) ndjson = !value.is_discarded();
    first = false;
    if (want && !value.is_discarded()) format->Sideload(value);
  }
  return ndjson;
}

StatusOr<std::unique_ptr<ConvertedSource>> Open(const std::string& name, const OpenLines& open,
                                                const std::function<StatusOr<std::string>()>& whole,
                                                std::unique_ptr<TicketFormat> format) {
  auto first = open();
  if (!first.ok()) return first.status();
  if (FirstPass(first->get(), format.get())) {
    auto lines = open();
    if (!lines.ok()) return lines.status();
    return std::unique_ptr<ConvertedSource>(new NdjsonExport(name, std::move(*lines), std::move(format)));
  }
  // One document (pretty-printed JSON, an array): parsed whole.
  auto text = whole();
  if (!text.ok()) return text.status();
  const JsonWhere where{name, 0};
  std::vector<ConvertedRecord> records;
  try {
    const Json doc = Json::parse(*text);
    format->Sideload(doc);
    if (!format->Convert(doc, where, &records)) {
      records.push_back(Rejected(1, name + ": neither tickets nor side-loaded users"));
    }
  } catch (const std::exception& e) {
    // Not one document either: NDJSON whose first line is broken, each
    // line rejected or read on its own.
    auto lines = open();
    if (!lines.ok()) return lines.status();
    if (text->find('\n') != std::string::npos && text->find('\n') + 1 < text->size()) {
      return std::unique_ptr<ConvertedSource>(new NdjsonExport(name, std::move(*lines), std::move(format)));
    }
    records.push_back(Rejected(1, name + ": " + ParseError(e)));
  }
  return std::unique_ptr<ConvertedSource>(new VectorSource(name, text->size(), std::move(records)));
}

}  // namespace

StatusOr<std::unique_ptr<ConvertedSource>> OpenTicketExport(const std::string& path,
                                                            std::unique_ptr<TicketFormat> format) {
  return Open(
      path, [&] { return LineSource::Open(path, kMaxExportLine); }, [&] { return ReadWholeFile(path); },
      std::move(format));
}

std::vector<ConvertedRecord> ConvertTicketExport(std::string_view text, const std::string& name, TicketFormat* format) {
  // The format is borrowed: a deleter that does not delete.
  struct Borrowed : TicketFormat {
    explicit Borrowed(TicketFormat* f) : f(f) {}
    bool MaySideload(std::string_view line) const override { return f->MaySideload(line); }
    void Sideload(const Json& v) override { f->Sideload(v); }
    bool Convert(const Json& v, const JsonWhere& w, std::vector<ConvertedRecord>* out) override {
      return f->Convert(v, w, out);
    }
    TicketFormat* f;
  };
  const std::string data(text);
  auto source = Open(
      name, [&] { return LineSource::FromString(data, name, kMaxExportLine); },
      [&]() -> StatusOr<std::string> { return data; }, std::make_unique<Borrowed>(format));
  std::vector<ConvertedRecord> out;
  if (!source.ok()) {
    out.push_back(Rejected(0, source.status().message()));
    return out;
  }
  ConvertedRecord r;
  while ((*source)->Next(&r)) out.push_back(std::move(r));
  return out;
}

TicketRecord::TicketRecord(const Json& t, const JsonWhere& where, const std::string& index, const char* noun)
    : id(t.is_object() ? IdKey(Member(t, "id")) : "") {
  record.line = where.line == 0 ? 1 : where.line;
  at = where.Str() + ": " + index + noun;
  if (!id.empty()) at += " " + id;
  if (!t.is_object()) {
    problem = "is not a JSON object";
  } else if (id.empty()) {
    problem = "has no id";
  }
}

ConvertedRecord TicketRecord::Reject(const std::string& why) {
  record.conversation = Status::InvalidArgument(at + ": " + why);
  return std::move(record);
}

std::string IdKey(const Json& v) {
  if (v.is_number_integer()) return v.dump();
  if (v.is_number_float()) {
    const double d = v.get<double>();
    // Within long long's range (NaN fails both tests), a whole number is
    // written as the integer it is; a cast outside it is undefined.
    const bool in_range = d >= -9223372036854775808.0 && d < 9223372036854775808.0;
    if (in_range && d == static_cast<double>(static_cast<long long>(d))) {
      return std::to_string(static_cast<long long>(d));
    }
    return v.dump();
  }
  if (v.is_string()) return v.get<std::string>();
  return {};
}

std::string Indexed(std::string_view array, size_t i) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict) on "[" + to_string(i).
  std::string out(array);
  out += '[';
  out += std::to_string(i);
  out += "] ";
  return out;
}

const Json& Member(const Json& obj, const char* key) {
  static const Json kNull;
  if (!obj.is_object()) return kNull;
  const auto it = obj.find(key);
  return it != obj.end() ? *it : kNull;
}

std::string Str(const Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string MessageText(const std::string& html, const std::string& plain, bool email, bool customer) {
  const std::string text = html.find_first_not_of(" \t\r\n") != std::string::npos ? HtmlToText(html).text : plain;
  if (email) return StripQuoted(text, customer);
  const size_t b = text.find_first_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace replylint
