#include "serve/api.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "base/utf8.h"
#include "ingest/jsonl.h"
#include "lint/draft.h"
#include "report/report.h"
#include "rules/rule_spec.h"
#include "score/score.h"

namespace replylint::serve {

using Json = nlohmann::ordered_json;

HttpResponse ErrorResponse(int status, std::string_view message) {
  HttpResponse r;
  r.status = status;
  Json j;
  j["error"] = {{"code", status}, {"message", std::string(message)}};
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  return r;
}

size_t Utf16Length(std::string_view text, size_t bytes) {
  bytes = std::min(bytes, text.size());
  size_t units = 0;
  for (size_t i = 0; i < bytes;) units += DecodeUtf8(text, &i) >= 0x10000 ? 2 : 1;
  return units;
}

// ---- metrics --------------------------------------------------------------------

void Metrics::Request(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, status}];
  Latency& l = latency_[route];
  for (size_t i = 0; i < kBucketCount; ++i) l.le[i] += seconds <= kBuckets[i];
  ++l.count;
  l.sum += seconds;
}

void Metrics::Finding(const std::string& rule) {
  std::lock_guard<std::mutex> lock(mu_);
  ++findings_[rule];
}

std::string Metrics::Prometheus() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  out << "# HELP replylint_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE replylint_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "replylint_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << n << '\n';
  }
  out << "# HELP replylint_request_duration_seconds Time from the request read to the answer built, by route.\n"
         "# TYPE replylint_request_duration_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    for (size_t i = 0; i < kBucketCount; ++i) {
      char le[32];
      std::snprintf(le, sizeof le, "%g", kBuckets[i]);
      out << "replylint_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << le << "\"} " << l.le[i]
          << '\n';
    }
    out << "replylint_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << l.count << '\n'
        << "replylint_request_duration_seconds_sum{route=\"" << route << "\"} " << l.sum << '\n'
        << "replylint_request_duration_seconds_count{route=\"" << route << "\"} " << l.count << '\n';
  }
  out << "# HELP replylint_findings_total Findings reported, by rule.\n"
         "# TYPE replylint_findings_total counter\n";
  for (const auto& [rule, n] : findings_) out << "replylint_findings_total{rule=\"" << rule << "\"} " << n << '\n';
  out << "# HELP replylint_busy_total Requests answered 503 because too many were being handled at once.\n"
         "# TYPE replylint_busy_total counter\n"
         "replylint_busy_total "
      << busy_ << '\n';
  return out.str();
}

// ---- per-thread state ------------------------------------------------------------

namespace {

std::atomic<uint64_t> next_api_id{1};

// The engine Worker and JSON parser of the calling thread. The server's
// threads live as long as the server, so each makes them once.
struct ThreadState {
  uint64_t api = 0;
  std::unique_ptr<Worker> worker;
  std::unique_ptr<ConversationParser> parser;
};
thread_local ThreadState tls;

ThreadState& StateFor(uint64_t api, const Engine& engine) {
  if (tls.api != api) {
    tls.api = api;
    tls.worker = engine.NewWorker();
    tls.parser = std::make_unique<ConversationParser>();
  }
  return tls;
}

std::string JsonLine(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"; }

HttpResponse JsonResponse(const Json& j) {
  HttpResponse r;
  r.body = JsonLine(j);
  return r;
}

// A request body parsed as JSON, or why not (with the byte where it broke).
StatusOr<Json> ParseBody(const std::string& body) {
  try {
    return Json::parse(body);
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument("the body is not valid JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const Json::out_of_range&) {
    // A number no double holds (1e999): valid JSON, but not a request.
    return Status::InvalidArgument("the body holds a number out of range");
  }
}

// The string at `key` of `in`, "" when absent; an error when not a string.
StatusOr<std::string> StringKey(const Json& in, const char* key, const char* where = "") {
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Status::InvalidArgument(std::string(where) + key + " must be a string");
  return it->get<std::string>();
}

}  // namespace

Api::Api(const Engine& engine) : engine_(engine), id_(next_api_id++) {}

Worker* Api::ThreadWorker() const { return StateFor(id_, engine_).worker.get(); }

void Api::CountFindings(const MessageResult& r) const {
  for (const Finding& f : r.findings) metrics_.Finding(f.rule);
}

// ---- POST /api/v1/check ----------------------------------------------------------

HttpResponse Api::Check(const HttpRequest& request) const {
  auto in = ParseBody(request.body);
  if (!in.ok()) return ErrorResponse(400, in.status().message());
  if (!in->is_object()) return ErrorResponse(400, "the body must be a JSON object with at least \"draft\"");
  static const std::set<std::string> kKeys = {"draft",  "channel", "lang",     "team",        "customer",
                                              "author", "from",    "reply_to", "conversation"};
  for (const auto& [key, value] : in->items()) {
    if (!kKeys.count(key)) {
      return ErrorResponse(400, "unknown key \"" + key +
                                    "\" (known: draft, channel, lang, team, customer, author, from, reply_to, "
                                    "conversation)");
    }
  }
  // The request becomes one conversation of the input format (docs/format.md),
  // read by the same parser as a JSON Lines file, so both check it alike:
  // the earlier messages, then the customer's text, then the draft.
  Json conv;
  conv["id"] = "draft";
  conv["channel"] = "email";
  Json draft = {{"role", "agent"}};
  for (const char* key : {"draft", "channel", "lang", "team", "author", "from", "reply_to"}) {
    auto value = StringKey(*in, key);
    if (!value.ok()) return ErrorResponse(400, value.status().message());
    if (value->empty()) continue;
    if (std::string(key) == "draft") {
      draft["text"] = *value;
    } else if (std::string(key) == "channel" || std::string(key) == "team") {
      conv[key] = *value;
    } else if (std::string(key) == "lang") {
      if (*value != "auto") conv["lang"] = *value;
    } else {
      draft[key] = *value;
    }
  }
  if (!draft.contains("text") || draft["text"].get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos) {
    return ErrorResponse(400, "draft is missing or empty: there is nothing to check");
  }
  Json messages = Json::array();
  size_t history = 0;
  if (auto it = in->find("conversation"); it != in->end() && !it->is_null()) {
    if (!it->is_array()) return ErrorResponse(400, "conversation must be an array of messages");
    history = it->size();
    messages = *it;
  }
  if (auto it = in->find("customer"); it != in->end() && !it->is_null()) {
    if (!it->is_object()) return ErrorResponse(400, "customer must be an object with name and text");
    for (const auto& [key, value] : it->items()) {
      if (key != "name" && key != "text" && key != "email") {
        return ErrorResponse(400, "unknown key \"customer." + key + "\" (known: name, text, email)");
      }
    }
    auto name = StringKey(*it, "name", "customer."), text = StringKey(*it, "text", "customer."),
         email = StringKey(*it, "email", "customer.");
    for (const auto* v : {&name, &text, &email}) {
      if (!v->ok()) return ErrorResponse(400, v->status().message());
    }
    if (!name->empty() || !email->empty()) {
      conv["customer"] = Json::object();
      if (!name->empty()) conv["customer"]["name"] = *name;
      if (!email->empty()) conv["customer"]["email"] = *email;
    }
    if (text->find_first_not_of(" \t\r\n") != std::string::npos) {
      messages.push_back({{"role", "customer"}, {"text", *text}});
    }
  }
  messages.push_back(draft);
  conv["messages"] = std::move(messages);

  ThreadState& state = StateFor(id_, engine_);
  auto parsed = state.parser->Parse(conv.dump(), "request", 1);
  if (!parsed.ok()) {
    // "request:1: key "messages[2].role": ..." -> "conversation[2].role: ..."
    // (the earlier messages come first, so their indexes are the client's).
    std::string why = parsed.status().message();
    if (why.rfind("request:1: ", 0) == 0) why.erase(0, 11);
    if (why.rfind("key \"messages[", 0) == 0) {
      const size_t index = std::strtoul(why.c_str() + 14, nullptr, 10);
      const size_t quote = why.find('"', 5);
      if (quote != std::string::npos && why.compare(quote, 2, "\":") == 0) {
        std::string key = why.substr(5, quote - 5);
        if (index < history) key.replace(0, 8, "conversation");
        why = key + why.substr(quote + 1);
      }
    }
    return ErrorResponse(400, why);
  }
  Conversation& c = *parsed;
  const DraftResult d = CheckDraft(engine_, state.worker.get(), &c);
  const MessageResult& r = d.result.replies.back();
  CountFindings(r);
  const std::string& text = c.messages.back().text;
  Json out = ReplyJson(c, r);
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    const size_t offset = Utf16Length(text, f.start);
    out["findings"][i]["utf16"] = {{"offset", offset}, {"length", Utf16Length(text, f.end) - offset}};
  }
  if (d.suppressed > 0) out["suppressed"] = out.value("suppressed", 0) + d.suppressed;
  const auto [fixed, applied] = ApplyFixes(text, r.findings);
  out["fixable"] = applied;
  if (applied > 0) out["fixed"] = fixed;
  out["customer_name"] = d.result.customer_name;
  return JsonResponse(out);
}

// ---- POST /api/v1/audit ----------------------------------------------------------

HttpResponse Api::Audit(const HttpRequest& request) const {
  auto source = LineSource::FromString(request.body, "request");
  if (!source.ok()) return ErrorResponse(400, source.status().message());
  struct Run {
    std::unique_ptr<LineSource> source;
    std::unique_ptr<CrossAnalysis> cross;
    size_t lines = 0, conversations = 0, replies = 0, rejected = 0;
    bool done = false;
  };
  auto run = std::make_shared<Run>();
  run->source = std::move(*source);
  run->cross = engine_.StartCrossAnalysis();
  HttpResponse r;
  r.content_type = "application/x-ndjson";
  // One conversation per call: the records leave as they are made.
  r.stream = [this, run](std::string* chunk) {
    if (run->done) return false;
    std::string line;
    while (run->source->Next(&line)) {
      if (run->source->overlong() == 0 && line.find_first_not_of(" \t\r") == std::string::npos) continue;
      ++run->lines;
      const size_t number = run->source->line_number();
      ThreadState& state = StateFor(id_, engine_);
      StatusOr<Conversation> c =
          run->source->overlong() > 0
              ? StatusOr<Conversation>(Status::InvalidArgument("request:" + std::to_string(number) +
                                                               ": the line is longer than the limit (" +
                                                               std::to_string(run->source->overlong()) + " bytes)"))
              : state.parser->Parse(line, "request", number);
      if (!c.ok()) {
        ++run->rejected;
        *chunk += JsonLine({{"rejected", {{"line", number}, {"error", c.status().message()}}}});
        return true;
      }
      ++run->conversations;
      ConversationResult result = engine_.Analyze(*c, state.worker.get());
      run->cross->Add(*c, &result);
      for (const MessageResult& m : result.replies) {
        ++run->replies;
        CountFindings(m);
        *chunk += ReplyRecordJson(*c, m) + "\n";
      }
      return true;
    }
    run->done = true;
    Json summary = {{"lines", run->lines},
                    {"conversations", run->conversations},
                    {"rejected", run->rejected},
                    {"replies", run->replies},
                    {"conserved", run->lines == run->conversations + run->rejected}};
    *chunk += JsonLine({{"summary", summary}});
    return true;
  };
  return r;
}

// ---- GET /api/v1/rules -----------------------------------------------------------

HttpResponse Api::Rules() const {
  const auto& critical = engine_.scorecard().critical;
  Json rules = Json::array();
  for (const RuleSpec& spec : engine_.rules().rules) {
    Json j;
    j["id"] = spec.id;
    j["severity"] = SeverityName(spec.severity);
    j["enabled"] = spec.enabled;
    j["category"] = spec.category;
    j["critical"] = std::find(critical.begin(), critical.end(), spec.id) != critical.end();
    j["channels"] = Json::array();
    for (Channel c : spec.channels) j["channels"].push_back(ChannelName(c));
    j["summary"] = {{"en", spec.summary.en}, {"ru", spec.summary.ru}};
    Json params = Json::object();
    for (const auto& [key, value] : spec.params) {
      if (value.node.IsScalar()) params[key] = value.node.Scalar();
    }
    j["params"] = params;
    rules.push_back(std::move(j));
  }
  return JsonResponse({{"rules", rules}});
}

}  // namespace replylint::serve
