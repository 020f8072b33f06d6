// LanguageTool's HTTP API v2 (/v2/check, /v2/languages), so that its clients
// (the browser add-on, LTeX, editor plugins) can use replylint as their
// server. The request and answer shapes follow LanguageTool's documented API
// (https://languagetool.org/http-api/); offsets are UTF-16 code units, as
// its Java and JavaScript clients index strings.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "lint/draft.h"
#include "rules/rule_spec.h"
#include "serve/api.h"
#include "text/segmenter.h"

namespace replylint::serve {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kVersion = "0.1.0";
constexpr size_t kContextChars = 40;  // code points of context each side of a match, as LanguageTool gives

// What the client sent, as analysed: plain `text`, or the parts of `data`'s
// annotation, markup read as its `interpretAs` and never reported on. Each
// piece maps a byte range of the analysed text back to UTF-16 offsets of the
// client's text (the text and markup parts joined).
struct Piece {
  size_t start = 0, end = 0;  // bytes of the analysed text
  size_t client = 0;          // UTF-16 offset of the piece in the client's text
  size_t client_length = 0;   // its UTF-16 length there
  bool markup = false;
};

struct ClientText {
  std::string text;
  std::vector<Piece> pieces;

  void Add(const std::string& analysed, size_t client_length, bool markup) {
    const size_t client = pieces.empty() ? 0 : pieces.back().client + pieces.back().client_length;
    pieces.push_back({text.size(), text.size() + analysed.size(), client, client_length, markup});
    text += analysed;
  }
  // The client's UTF-16 offset of analysed byte `b`; inside markup, the
  // markup's start (or, for the end of a span, its end).
  size_t ToClient(size_t b, bool end) const {
    for (const Piece& p : pieces) {
      if (end ? (b <= p.start || b > p.end) : (b < p.start || b >= p.end)) continue;
      if (p.markup) return end ? p.client + p.client_length : p.client;
      return p.client + Utf16Length(std::string_view(text).substr(p.start), b - p.start);
    }
    // The very start or end of the text.
    return b == 0 || pieces.empty() ? 0 : pieces.back().client + pieces.back().client_length;
  }
  bool InMarkup(size_t b) const {
    for (const Piece& p : pieces) {
      if (b >= p.start && b < p.end) return p.markup;
    }
    return false;
  }
};

StatusOr<ClientText> ReadClientText(const HttpRequest& request) {
  const std::string* text = request.Param("text");
  const std::string* data = request.Param("data");
  if ((text == nullptr) == (data == nullptr)) {
    return Status::InvalidArgument("give exactly one of the parameters text and data");
  }
  ClientText out;
  if (text != nullptr) {
    out.Add(*text, Utf16Length(*text, text->size()), false);
    return out;
  }
  Json j;
  try {
    j = Json::parse(*data);
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument("data is not valid JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const Json::out_of_range&) {
    return Status::InvalidArgument("data holds a number out of range");
  }
  if (!j.is_object()) return Status::InvalidArgument("data must be a JSON object with text or annotation");
  if (j.contains("text") == j.contains("annotation")) {
    return Status::InvalidArgument("data must have exactly one of text and annotation");
  }
  if (j.contains("text")) {
    if (!j["text"].is_string()) return Status::InvalidArgument("data.text must be a string");
    const std::string t = j["text"];
    out.Add(t, Utf16Length(t, t.size()), false);
    return out;
  }
  if (!j["annotation"].is_array()) return Status::InvalidArgument("data.annotation must be an array");
  for (size_t i = 0; i < j["annotation"].size(); ++i) {
    const Json& part = j["annotation"][i];
    const std::string where = "data.annotation[" + std::to_string(i) + "]";
    if (!part.is_object()) return Status::InvalidArgument(where + " must be an object");
    const bool has_text = part.contains("text"), has_markup = part.contains("markup");
    if (has_text == has_markup) return Status::InvalidArgument(where + " must have exactly one of text and markup");
    const Json& value = has_text ? part["text"] : part["markup"];
    if (!value.is_string())
      return Status::InvalidArgument(where + (has_text ? ".text" : ".markup") + " must be a string");
    const std::string s = value;
    if (has_text) {
      out.Add(s, Utf16Length(s, s.size()), false);
    } else {
      std::string as;
      if (part.contains("interpretAs")) {
        if (!part["interpretAs"].is_string()) return Status::InvalidArgument(where + ".interpretAs must be a string");
        as = part["interpretAs"];
      }
      out.Add(as, Utf16Length(s, s.size()), true);
    }
  }
  return out;
}

std::vector<std::string> CommaList(const std::string* s) {
  std::vector<std::string> out;
  if (s == nullptr) return out;
  size_t b = 0;
  while (b <= s->size()) {
    size_t e = s->find(',', b);
    if (e == std::string::npos) e = s->size();
    std::string item = s->substr(b, e - b);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    b = e + 1;
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct LanguageInfo {
  const char* name;
  const char* code;
};

LanguageInfo Describe(Lang lang, bool british) {
  if (lang == Lang::kRu) return {"Russian", "ru-RU"};
  return british ? LanguageInfo{"English (GB)", "en-GB"} : LanguageInfo{"English (US)", "en-US"};
}

// Which findings the client asked for: enabledRules/enabledCategories with
// enabledOnly, minus disabledRules/disabledCategories. Categories are the
// rules' categories, upper case (PERSONALISATION).
class RuleFilter {
 public:
  static StatusOr<RuleFilter> Read(const HttpRequest& request) {
    RuleFilter f;
    for (const std::string& id : CommaList(request.Param("enabledRules"))) f.enabled_.insert(id);
    for (const std::string& id : CommaList(request.Param("enabledCategories"))) f.enabled_.insert("cat:" + Upper(id));
    for (const std::string& id : CommaList(request.Param("disabledRules"))) f.disabled_.insert(id);
    for (const std::string& id : CommaList(request.Param("disabledCategories"))) f.disabled_.insert("cat:" + Upper(id));
    const std::string* only = request.Param("enabledOnly");
    f.only_ = only != nullptr && *only == "true";
    if (f.only_ && f.enabled_.empty()) {
      return Status::InvalidArgument("enabledOnly=true needs enabledRules or enabledCategories");
    }
    return f;
  }
  bool Keep(const Finding& f, const RuleSpec* spec) const {
    const std::string cat = spec != nullptr ? "cat:" + Upper(spec->category) : "";
    if (disabled_.count(f.rule) || disabled_.count(cat)) return false;
    return !only_ || enabled_.count(f.rule) || enabled_.count(cat);
  }

 private:
  std::set<std::string> enabled_, disabled_;
  bool only_ = false;
};

const char* IssueType(const std::string& rule) {
  if (rule == "spelling") return "misspelling";
  if (rule == "gender-agreement") return "grammar";
  if (rule == "placeholder") return "typographical";
  return "style";
}

// The byte where the code point `n` code points before (n < 0) or after
// `b` starts, within the text.
size_t StepCodePoints(std::string_view s, size_t b, long n) {
  while (n < 0 && b > 0) {
    --b;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    ++n;
  }
  while (n > 0 && b < s.size()) {
    DecodeUtf8(s, &b);
    --n;
  }
  return b;
}

}  // namespace

HttpResponse Api::LanguageToolCheck(const HttpRequest& request) const {
  auto text = ReadClientText(request);
  if (!text.ok()) return ErrorResponse(400, text.status().message());
  auto filter = RuleFilter::Read(request);
  if (!filter.ok()) return ErrorResponse(400, filter.status().message());
  const std::string* language = request.Param("language");
  if (language == nullptr) return ErrorResponse(400, "missing parameter language (auto, ru-RU, en-US or en-GB)");
  std::optional<Lang> lang;
  const std::string code = *language;
  const std::string prefix = code.substr(0, code.find('-'));
  if (code != "auto") {
    lang = ParseLang(prefix);
    if (!lang || *lang == Lang::kUnknown) {
      return ErrorResponse(400, "language not supported: " + std::string(code.size() <= 16 ? code : "(too long)") +
                                    " (supported: auto, ru-RU, en-US, en-GB)");
    }
  }
  const bool british = code == "en-GB" || code == "en-AU" || code == "en-NZ";

  Conversation c;
  c.id = "draft";
  c.lang = lang;
  // A LanguageTool client checks any text field, not a whole email: the
  // signature rule judges a reply's end only when the client says which
  // channel the text goes to (`channel`, replylint's own parameter).
  const std::string* channel = request.Param("channel");
  if (channel != nullptr) {
    const auto ch = ParseChannel(*channel);
    if (!ch) return ErrorResponse(400, "channel must be email, chat, social or phone");
    c.channel = *ch;
  }
  Message m;
  m.role = Role::kAgent;
  m.text = text->text;
  c.messages.push_back(std::move(m));
  Worker* worker = ThreadWorker();
  DraftResult d = CheckDraft(engine_, worker, &c);
  const MessageResult& r = d.result.replies.back();
  CountFindings(r);

  Json out;
  out["software"] = {{"name", "replylint"}, {"version", kVersion}, {"buildDate", nullptr}, {"apiVersion", 1},
                     {"premium", false},    {"premiumHint", ""},   {"status", ""}};
  out["warnings"] = {{"incompleteResults", false}};
  const LanguageInfo detected = r.analysed
                                    ? Describe(r.lang, british)
                                    : LanguageInfo{"Unknown", r.other_lang.empty() ? "zz" : r.other_lang.c_str()};
  const LanguageInfo asked = lang ? Describe(*lang, british) : detected;
  out["language"] = {
      {"name", asked.name},
      {"code", asked.code},
      {"detectedLanguage", {{"name", detected.name}, {"code", detected.code}, {"confidence", r.analysed ? 0.9 : 0.0}}}};
  Json matches = Json::array();
  const std::string& t = text->text;
  std::vector<Span> sentences;
  if (!r.findings.empty()) sentences = worker->segmenter().Sentences(t);
  for (const Finding& f : r.findings) {
    const RuleSpec* spec = engine_.rules().Find(f.rule);
    if (!f.field.empty() || !filter->Keep(f, spec) || text->InMarkup(f.start)) continue;
    if (channel == nullptr && f.rule == "missing-signature") continue;
    const size_t offset = text->ToClient(f.start, false);
    const size_t length = text->ToClient(f.end, true) - offset;
    const size_t from = StepCodePoints(t, f.start, -static_cast<long>(kContextChars));
    const size_t to = StepCodePoints(t, f.end, kContextChars);
    std::string sentence;
    for (const Span& s : sentences) {
      if (s.start <= f.start && f.start < std::max(s.end, s.start + 1)) sentence = t.substr(s.start, s.size());
    }
    Json match;
    match["message"] = f.suggestion.empty() ? f.message_text : f.message_text + " " + f.suggestion;
    match["shortMessage"] = spec != nullptr ? spec->summary.For(r.lang) : "";
    match["replacements"] = Json::array();
    if (f.fix) match["replacements"].push_back({{"value", *f.fix}});
    match["offset"] = offset;
    match["length"] = length;
    match["context"] = {{"text", t.substr(from, to - from)},
                        {"offset", Utf16Length(t, f.start) - Utf16Length(t, from)},
                        {"length", Utf16Length(t, f.end) - Utf16Length(t, f.start)}};
    match["sentence"] = sentence;
    match["type"] = {{"typeName", f.rule == "spelling" ? "UnknownWord" : "Other"}};
    match["rule"] = {{"id", f.rule},
                     {"description", spec != nullptr ? spec->summary.For(r.lang) : f.rule},
                     {"issueType", IssueType(f.rule)},
                     {"category",
                      {{"id", spec != nullptr ? Upper(spec->category) : "MISC"},
                       {"name", spec != nullptr ? spec->category : "misc"}}}};
    match["ignoreForIncompleteSentence"] = false;
    match["contextForSureMatch"] = 0;
    matches.push_back(std::move(match));
  }
  out["matches"] = std::move(matches);
  HttpResponse response;
  response.body = out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  return response;
}

HttpResponse Api::LanguageToolLanguages() const {
  const Json languages = Json::array({
      {{"name", "Russian"}, {"code", "ru"}, {"longCode", "ru-RU"}},
      {{"name", "English (US)"}, {"code", "en"}, {"longCode", "en-US"}},
      {{"name", "English (GB)"}, {"code", "en"}, {"longCode", "en-GB"}},
  });
  HttpResponse response;
  response.body = languages.dump() + "\n";
  return response;
}

}  // namespace replylint::serve
