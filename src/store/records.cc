#include "store/records.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "store/store.h"

namespace replylint {
namespace {

using Json = nlohmann::json;

StatusOr<Json> Parse(std::string_view text, const char* what) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument(std::string("stored ") + what + " is not valid JSON");
  return j;
}

// nlohmann throws on a missing key or a wrong type; a damaged store is
// reported, not crashed on.
template <typename F>
auto Guard(const char* what, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(std::string("stored ") + what + " is damaged: " + e.what());
  }
}

// An integer as stored. nlohmann's get<int64_t>() casts whatever number it
// finds: 1e31 is undefined behaviour and -1 becomes a huge size_t. A
// damaged value must be reported instead.
template <typename T>
T Integer(const Json& v) {
  if (v.is_number_unsigned()) {
    if (std::in_range<T>(v.get<uint64_t>())) return static_cast<T>(v.get<uint64_t>());
  } else if (v.is_number_integer()) {
    if (std::in_range<T>(v.get<int64_t>())) return static_cast<T>(v.get<int64_t>());
  }
  throw Json::type_error::create(302, "not an integer in range: " + v.dump(), &v);
}

}  // namespace

std::string EncodeConversation(const Conversation& c) {
  Json j;
  j["id"] = c.id;
  j["channel"] = std::string(ChannelName(c.channel));
  if (c.lang) j["lang"] = std::string(LangName(*c.lang));
  j["team"] = c.team;
  j["customer"] = {{"name", c.customer.name}, {"email", c.customer.email}};
  j["source"] = c.source;
  j["line"] = c.line;
  Json msgs = Json::array();
  for (const Message& m : c.messages) {
    Json o;
    o["role"] = std::string(RoleName(m.role));
    o["text"] = m.text;
    for (auto [key, value] :
         {std::pair{"author", &m.author}, std::pair{"agent_id", &m.agent_id}, std::pair{"from", &m.from},
          std::pair{"reply_to", &m.reply_to}, std::pair{"template", &m.template_id}, std::pair{"at", &m.at}}) {
      if (!value->empty()) o[key] = *value;
    }
    if (m.lang) o["lang"] = std::string(LangName(*m.lang));
    if (m.expect) o["expect"] = *m.expect;
    if (!m.ignore.empty()) o["ignore"] = m.ignore;
    msgs.push_back(std::move(o));
  }
  j["messages"] = std::move(msgs);
  // Texts were made valid UTF-8 at ingest; `replace` only guards the store.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

StatusOr<Conversation> DecodeConversation(std::string_view json) {
  auto parsed = Parse(json, "conversation");
  if (!parsed.ok()) return parsed.status();
  const Json& j = *parsed;
  return Guard("conversation", [&]() -> StatusOr<Conversation> {
    Conversation c;
    c.id = j.at("id").get<std::string>();
    auto channel = ParseChannel(j.at("channel").get<std::string>());
    if (!channel) return Status::InvalidArgument("stored conversation has an unknown channel");
    c.channel = *channel;
    // An unknown language is stored as "" and read back as such.
    if (j.contains("lang")) c.lang = ParseLang(j["lang"].get<std::string>()).value_or(Lang::kUnknown);
    c.team = j.at("team").get<std::string>();
    c.customer.name = j.at("customer").at("name").get<std::string>();
    c.customer.email = j.at("customer").at("email").get<std::string>();
    c.source = j.at("source").get<std::string>();
    c.line = Integer<size_t>(j.at("line"));
    for (const Json& o : j.at("messages")) {
      Message m;
      auto role = ParseRole(o.at("role").get<std::string>());
      if (!role) return Status::InvalidArgument("stored conversation has an unknown role");
      m.role = *role;
      m.text = o.at("text").get<std::string>();
      for (auto [key, value] :
           {std::pair{"author", &m.author}, std::pair{"agent_id", &m.agent_id}, std::pair{"from", &m.from},
            std::pair{"reply_to", &m.reply_to}, std::pair{"template", &m.template_id}, std::pair{"at", &m.at}}) {
        if (o.contains(key)) *value = o[key].get<std::string>();
      }
      if (o.contains("lang")) m.lang = ParseLang(o["lang"].get<std::string>()).value_or(Lang::kUnknown);
      if (o.contains("expect")) m.expect = o["expect"].get<std::vector<std::string>>();
      if (o.contains("ignore")) m.ignore = o["ignore"].get<std::vector<std::string>>();
      c.messages.push_back(std::move(m));
    }
    return c;
  });
}

std::string EncodeCosts(const std::vector<std::pair<std::string, double>>& costs) {
  Json j = Json::array();
  for (const auto& [rule, cost] : costs) j.push_back({rule, cost});
  return j.dump();
}

StatusOr<std::vector<std::pair<std::string, double>>> DecodeCosts(std::string_view json) {
  auto parsed = Parse(json, "costs");
  if (!parsed.ok()) return parsed.status();
  return Guard("costs", [&]() -> StatusOr<std::vector<std::pair<std::string, double>>> {
    std::vector<std::pair<std::string, double>> out;
    for (const Json& e : *parsed) out.emplace_back(e.at(0).get<std::string>(), e.at(1).get<double>());
    return out;
  });
}

std::string EncodeResponse(const std::optional<ResponseTime>& r) {
  if (!r) return "";
  Json j = {{"state", static_cast<int>(r->state)},
            {"first", r->first},
            {"zone_assumed", r->zone_assumed},
            {"answers", r->answers},
            {"seconds", r->seconds},
            {"target", r->target}};
  return j.dump();
}

StatusOr<std::optional<ResponseTime>> DecodeResponse(std::string_view json) {
  if (json.empty()) return std::optional<ResponseTime>();
  auto parsed = Parse(json, "response time");
  if (!parsed.ok()) return parsed.status();
  const Json& j = *parsed;
  return Guard("response time", [&]() -> StatusOr<std::optional<ResponseTime>> {
    ResponseTime r;
    const int state = Integer<int>(j.at("state"));
    if (state < 0 || state > static_cast<int>(ResponseTime::State::kBackwards))
      return Status::InvalidArgument("stored response time has an unknown state");
    r.state = static_cast<ResponseTime::State>(state);
    r.first = j.at("first").get<bool>();
    r.zone_assumed = j.at("zone_assumed").get<bool>();
    r.answers = Integer<size_t>(j.at("answers"));
    r.seconds = Integer<int64_t>(j.at("seconds"));
    r.target = Integer<int64_t>(j.at("target"));
    return std::optional<ResponseTime>(r);
  });
}

std::string EncodeStrings(const std::vector<std::string>& v) {
  return Json(v).dump(-1, ' ', false, Json::error_handler_t::replace);
}

StatusOr<std::vector<std::string>> DecodeStrings(std::string_view json) {
  auto parsed = Parse(json, "list");
  if (!parsed.ok()) return parsed.status();
  return Guard("list", [&]() -> StatusOr<std::vector<std::string>> { return parsed->get<std::vector<std::string>>(); });
}

std::string EncodeSettings(const StoredSettings& s) {
  Json j;
  j["fail_level"] = std::string(SeverityName(s.fail_level));
  j["good_stars"] = s.good_stars;
  j["star_thresholds"] = s.star_thresholds;
  j["rules"] = s.rules;
  return j.dump();
}

// A damaged value gives the defaults (the scores themselves are stored).
StoredSettings DecodeSettings(std::string_view text) {
  StoredSettings s;
  const Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  try {
    s.fail_level = ParseSeverity(j.value("fail_level", "error")).value_or(Severity::kError);
    if (j.contains("good_stars")) s.good_stars = Integer<int>(j["good_stars"]);
    if (j.contains("star_thresholds")) {
      const Json& pairs = j["star_thresholds"];
      if (!pairs.is_array()) return StoredSettings{};
      for (const Json& e : pairs) {
        if (!e.is_array() || e.size() != 2) return StoredSettings{};
        s.star_thresholds.emplace_back(Integer<int>(e[0]), Integer<int>(e[1]));
      }
    }
    if (j.contains("rules")) s.rules = j["rules"].get<std::vector<std::string>>();
  } catch (const Json::exception&) {
    return StoredSettings{};
  }
  return s;
}

}  // namespace replylint
