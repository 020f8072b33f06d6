#include "ingest/source.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "base/ascii.h"
#include "base/files.h"
#include "base/rfc3339.h"
#include "base/utf8.h"
#include "ingest/csv.h"
#include "ingest/freshdesk.h"
#include "ingest/helpscout.h"
#include "ingest/mail.h"
#include "ingest/zendesk.h"

namespace replylint {
namespace {

namespace fs = std::filesystem;

constexpr std::pair<InputFormat, std::string_view> kNames[] = {
    {InputFormat::kJsonl, "jsonl"},         {InputFormat::kCsv, "csv"},         {InputFormat::kTwitter, "twitter"},
    {InputFormat::kMail, "mail"},           {InputFormat::kZendesk, "zendesk"}, {InputFormat::kFreshdesk, "freshdesk"},
    {InputFormat::kHelpScout, "helpscout"},
};

// The first bytes of a file (empty when it cannot be read).
std::string Head(const std::string& path, size_t n) {
  std::string out(n, '\0');
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  size_t got = 0;
  while (got < n) {
    const ssize_t k = ::read(fd, out.data() + got, n - got);
    if (k <= 0) break;
    got += static_cast<size_t>(k);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

bool IsMailDir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "cur", ec) || fs::is_directory(dir / "new", ec);
}

bool HoldsEml(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (AsciiLower(it->path().extension().string()) == ".eml") return true;
  }
  return false;
}

// The format a file's content shows: mail headers, a
// Twitter CSV header; kAuto when nothing is certain.
InputFormat Sniff(const std::string& head) {
  if (head.rfind("From ", 0) == 0) return InputFormat::kMail;
  // A header block: "Name: value" lines, among them one only mail has.
  static const char* kMailHeaders[] = {
      "\nMessage-ID:", "\nMessage-Id:", "\nReceived:", "\nMIME-Version:", "\nIn-Reply-To:", "\nSubject:"};
  const std::string probe = "\n" + head;
  if (!head.empty() && head[0] != '{' && head[0] != '[') {
    for (const char* h : kMailHeaders) {
      if (probe.find(h) != std::string::npos && probe.find("\nFrom:") != std::string::npos) return InputFormat::kMail;
    }
  }
  const size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (head[first] == '{' || head[first] == '[')) {
    // Helpdesk tickets: fields the contract's conversations never have.
    for (const char* key : {"\"responder_id\"", "\"description_text\"", "\"fr_due_by\""}) {
      if (head.find(key) != std::string::npos) return InputFormat::kFreshdesk;
    }
    if (head.find("\"requester_id\"") != std::string::npos) return InputFormat::kZendesk;
    if (head.find("\"_embedded\"") != std::string::npos &&
        (head.find("\"threads\"") != std::string::npos || head.find("\"conversations\"") != std::string::npos)) {
      return InputFormat::kHelpScout;
    }
    return InputFormat::kJsonl;
  }
  const std::string header = AsciiLower(head.substr(0, head.find('\n')));
  if (header.find("tweet_id") != std::string::npos && header.find("in_response_to_tweet_id") != std::string::npos) {
    return InputFormat::kTwitter;
  }
  return InputFormat::kAuto;
}

}  // namespace

std::optional<InputFormat> ParseInputFormat(std::string_view s) {
  if (s == "auto") return InputFormat::kAuto;
  if (s == "tsv") return InputFormat::kCsv;
  if (s == "mbox" || s == "eml" || s == "maildir") return InputFormat::kMail;
  for (const auto& [f, name] : kNames) {
    if (name == s) return f;
  }
  return std::nullopt;
}

std::string_view InputFormatName(InputFormat f) {
  for (const auto& [g, name] : kNames) {
    if (g == f) return name;
  }
  return "auto";
}

std::string InputFormatList() {
  std::string out;
  for (const auto& [f, name] : kNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

InputFormat DetectFormat(const std::string& path) {
  if (path == "-") return InputFormat::kJsonl;
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec)) return IsMailDir(p) || HoldsEml(p) ? InputFormat::kMail : InputFormat::kJsonl;
  const std::string ext = AsciiLower(p.extension().string());
  const InputFormat sniffed = Sniff(Head(path, 4096));
  const bool helpdesk =
      sniffed == InputFormat::kZendesk || sniffed == InputFormat::kFreshdesk || sniffed == InputFormat::kHelpScout;
  if ((ext == ".jsonl" || ext == ".ndjson") && !helpdesk) {
    return InputFormat::kJsonl;
  }
  if (ext == ".csv" || ext == ".tsv") return sniffed == InputFormat::kTwitter ? sniffed : InputFormat::kCsv;
  if (ext == ".eml" || ext == ".mbox" || ext == ".mbx" || ext == ".msg") return InputFormat::kMail;
  return sniffed == InputFormat::kAuto ? InputFormat::kJsonl : sniffed;
}

InputFormat FormatOf(const std::string& path, const IngestOptions* options) {
  if (options == nullptr) return InputFormat::kJsonl;
  return options->format == InputFormat::kAuto ? DetectFormat(path) : options->format;
}

StatusOr<std::unique_ptr<ConvertedSource>> OpenConverted(const std::string& path, InputFormat format,
                                                         const IngestOptions& options) {
  switch (format) {
    case InputFormat::kCsv:
      return OpenCsv(path, options.column_map);
    case InputFormat::kTwitter:
      return OpenTwitterCsv(path);
    case InputFormat::kMail:
      return OpenMail(path, options);
    case InputFormat::kZendesk:
      return OpenZendesk(path);
    case InputFormat::kFreshdesk:
      return OpenFreshdesk(path);
    case InputFormat::kHelpScout:
      return OpenHelpScout(path);
    case InputFormat::kAuto:
    case InputFormat::kJsonl:
      break;
  }
  return Status::Internal(path + ": OpenConverted called for " + std::string(InputFormatName(format)));
}

StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs, InputFormat format,
                                                std::vector<std::string>* problems) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in == "-" || !fs::is_directory(in, ec)) {
      out.push_back(in);
      continue;
    }
    const bool mail =
        format == InputFormat::kMail || (format == InputFormat::kAuto && DetectFormat(in) == InputFormat::kMail);
    if (mail && (IsMailDir(in) || HoldsEml(in))) {
      out.push_back(in);  // one mailbox: its messages are threaded together
      continue;
    }
    // An entry that cannot be read is listed and reported by the reader; a
    // subdirectory that cannot be listed is named, and the rest is read.
    const bool any = format == InputFormat::kAuto;
    FileListing found = ListFiles(in, [&](const fs::path& p) {
      const std::string ext = AsciiLower(p.extension().string());
      const bool helpdesk =
          format == InputFormat::kZendesk || format == InputFormat::kFreshdesk || format == InputFormat::kHelpScout;
      if (ext == ".json" || ext == ".ndjson") return helpdesk;
      if (ext == ".jsonl") return any || format == InputFormat::kJsonl || helpdesk;
      if (ext == ".csv" || ext == ".tsv") return any || format == InputFormat::kCsv || format == InputFormat::kTwitter;
      if (ext == ".mbox" || ext == ".eml") return any || format == InputFormat::kMail;
      return false;
    });
    problems->insert(problems->end(), found.problems.begin(), found.problems.end());
    if (found.files.empty()) {
      return Status::NotFound(
          in + ": directory holds no " +
          (format == InputFormat::kAuto ? std::string(".jsonl") : std::string(InputFormatName(format))) + " files");
    }
    out.insert(out.end(), found.files.begin(), found.files.end());
  }
  return out;
}

Status ConvertToJsonl(const std::vector<std::string>& files, const IngestOptions& options, std::ostream& out,
                      std::ostream& err, ConvertCounts* counts) {
  Status first;
  for (const std::string& path : files) {
    const InputFormat format = FormatOf(path, &options);
    auto source = format == InputFormat::kJsonl
                      ? StatusOr<std::unique_ptr<ConvertedSource>>(Status::InvalidArgument(
                            path + ": is JSONL already (give --input-format when it is another format)"))
                      : OpenConverted(path, format, options);
    if (!source.ok()) {
      ++counts->files_failed;
      err << "replylint: " << EscapeForTerminal(source.status().message()) << '\n';
      if (first.ok()) first = source.status();
      continue;
    }
    ConvertedRecord r;
    while ((*source)->Next(&r)) {
      ++counts->records;
      counts->notes += r.notes;
      for (const std::string& w : r.warnings) err << "replylint: warning: " << EscapeForTerminal(w) << '\n';
      if (r.conversation.ok()) {
        ++counts->conversations;
        out << ConversationJsonl(*r.conversation) << '\n';
      } else {
        ++counts->rejected;
        err << "replylint: rejected: " << EscapeForTerminal(r.conversation.status().message()) << '\n';
      }
    }
  }
  return first;
}

bool VectorSource::Next(ConvertedRecord* out) {
  if (next_ >= records_.size()) return false;
  *out = std::move(records_[next_++]);
  return true;
}

// ---- shared helpers ----------------------------------------------------------

std::string NormalizeTime(std::string_view in) {
  std::string_view s = in;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (ParseRfc3339(s).has_value()) return std::string(s);
  std::string t(s);
  // "2026-11-20 09:12:00" or "2026-11-20T09:12:00" without an offset: kept
  // without one, for the response clock to read in the team's zone.
  if (t.size() == 19 && ParseWrittenTime(t).has_value()) {
    t[10] = 'T';
    return t;
  }
  // "+0300" instead of "+03:00".
  if (t.size() == 24 && (t[19] == '+' || t[19] == '-') &&
      ParseRfc3339(t.substr(0, 22) + ":" + t.substr(22)).has_value()) {
    return t.substr(0, 22) + ":" + t.substr(22);
  }
  // Twitter: "Tue Oct 31 22:10:47 +0000 2017".
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (t.size() == 30 && t[3] == ' ' && t[7] == ' ' && t[10] == ' ' && t[19] == ' ' && t[25] == ' ') {
    int month = 0;
    for (int k = 0; k < 12; ++k) {
      if (t.compare(4, 3, kMonths[k]) == 0) month = k + 1;
    }
    if (month == 0) return {};
    std::string out = t.substr(26, 4) + "-" + (month < 10 ? "0" : "") + std::to_string(month) + "-" + t.substr(8, 2) +
                      "T" + t.substr(11, 8) + t.substr(20, 3) + ":" + t.substr(23, 2);
    if (out[8] == ' ') out[8] = '0';
    return ParseRfc3339(out).has_value() ? out : std::string();
  }
  return {};
}

void OrderByTime(Conversation* c) {
  if (std::any_of(c->messages.begin(), c->messages.end(), [](const Message& m) { return m.at.empty(); })) return;
  std::stable_sort(c->messages.begin(), c->messages.end(),
                   [](const Message& a, const Message& b) { return a.at < b.at; });
}

std::optional<Lang> LangOfTag(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string tag = AsciiLower(std::string(s.substr(0, s.find_first_of("-_"))));
  auto l = ParseLang(tag);
  return l ? *l : Lang::kUnknown;
}

std::string ConversationJsonl(const Conversation& c) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["id"] = c.id;
  j["channel"] = std::string(ChannelName(c.channel));
  if (c.lang && *c.lang != Lang::kUnknown) j["lang"] = std::string(LangName(*c.lang));
  if (!c.team.empty()) j["team"] = c.team;
  if (!c.customer.name.empty() || !c.customer.email.empty()) {
    Json cust = Json::object();
    if (!c.customer.name.empty()) cust["name"] = c.customer.name;
    if (!c.customer.email.empty()) cust["email"] = c.customer.email;
    j["customer"] = cust;
  }
  Json msgs = Json::array();
  for (const Message& m : c.messages) {
    Json o;
    o["role"] = std::string(RoleName(m.role));
    for (auto [key, value] :
         {std::pair{"author", &m.author}, std::pair{"agent_id", &m.agent_id}, std::pair{"from", &m.from},
          std::pair{"reply_to", &m.reply_to}, std::pair{"template", &m.template_id}, std::pair{"at", &m.at}}) {
      if (!value->empty()) o[key] = *value;
    }
    if (m.lang && *m.lang != Lang::kUnknown) o["lang"] = std::string(LangName(*m.lang));
    o["text"] = m.text;
    msgs.push_back(std::move(o));
  }
  j["messages"] = std::move(msgs);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace replylint
