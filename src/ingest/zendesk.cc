#include "ingest/zendesk.h"

#include <unordered_map>

namespace replylint {
namespace {

struct User {
  std::string name, email, role;
};

// via.channel (Zendesk's "Via object reference") to the contract's channel;
// the rest (email, web form, API, mobile, triggers) is answered as mail.
Channel ChannelOfVia(const std::string& via) {
  static const std::unordered_map<std::string, Channel> kChannels = {
      {"chat", Channel::kChat},
      {"native_messaging", Channel::kChat},
      {"chat_transcript", Channel::kChat},
      {"web_widget", Channel::kChat},
      {"mobile_sdk", Channel::kChat},
      {"sms", Channel::kChat},
      {"messagebird_sms", Channel::kChat},
      {"twitter", Channel::kSocial},
      {"facebook", Channel::kSocial},
      {"instagram_dm", Channel::kSocial},
      {"whatsapp", Channel::kSocial},
      {"line", Channel::kSocial},
      {"wechat", Channel::kSocial},
      {"telegram", Channel::kSocial},
      {"viber", Channel::kSocial},
      {"any_channel", Channel::kSocial},
      {"voice", Channel::kPhone},
  };
  const auto it = kChannels.find(via);
  return it != kChannels.end() ? it->second : Channel::kEmail;
}

bool IsTicket(const Json& v) {
  return v.is_object() && (v.contains("requester_id") || v.contains("comments")) && v.contains("id");
}
bool IsUser(const Json& v) { return v.is_object() && v.contains("id") && v.contains("role") && !IsTicket(v); }

class Zendesk : public TicketFormat {
 public:
  bool MaySideload(std::string_view line) const override {
    return line.find("\"users\"") != std::string_view::npos || line.find("\"groups\"") != std::string_view::npos ||
           line.find("\"role\"") != std::string_view::npos;
  }

  void Sideload(const Json& v) override {
    if (IsUser(v)) AddUser(v);
    if (v.is_array()) {
      // One level down only: no recursion for a hostile nest to exhaust the stack.
      for (const Json& e : v) {
        if (e.is_object()) Sideload(e);
      }
      return;
    }
    if (!v.is_object()) return;
    if (const auto users = v.find("users"); users != v.end() && users->is_array()) {
      for (const Json& u : *users) {
        if (u.is_object()) AddUser(u);
      }
    }
    if (const auto groups = v.find("groups"); groups != v.end() && groups->is_array()) {
      for (const Json& g : *groups) {
        if (const std::string id = g.is_object() ? IdKey(Member(g, "id")) : ""; !id.empty()) {
          groups_[id] = Str(g, "name");
        }
      }
    }
  }

  bool Convert(const Json& v, const JsonWhere& where, std::vector<ConvertedRecord>* out) override {
    if (v.is_array()) {
      bool any = false;
      for (size_t i = 0; i < v.size(); ++i) {
        if (IsTicket(v[i])) {
          out->push_back(Ticket(v[i], nullptr, where, Indexed("", i)));
          any = true;
        } else if (IsUser(v[i])) {
          any = true;
        }
      }
      return any;
    }
    if (!v.is_object()) return false;
    if (IsTicket(v)) {
      out->push_back(Ticket(v, nullptr, where, ""));
      return true;
    }
    if (const auto t = v.find("ticket"); t != v.end() && t->is_object()) {
      const auto comments = v.find("comments");
      out->push_back(Ticket(*t, comments != v.end() ? &*comments : nullptr, where, ""));
      return true;
    }
    if (const auto ts = v.find("tickets"); ts != v.end() && ts->is_array()) {
      for (size_t i = 0; i < ts->size(); ++i) {
        out->push_back(Ticket((*ts)[i], nullptr, where, Indexed("tickets", i)));
      }
      return true;
    }
    if (v.contains("comments")) {
      ConvertedRecord r;
      r.line = where.line;
      r.conversation = Status::InvalidArgument(
          where.Str() +
          ": comments without their ticket (export {\"ticket\": …, \"comments\": […]} or tickets "
          "with their comments)");
      out->push_back(std::move(r));
      return true;
    }
    return IsUser(v) || v.contains("users") || v.contains("groups");
  }

 private:
  void AddUser(const Json& u) {
    const std::string id = IdKey(Member(u, "id"));
    if (!id.empty()) users_[id] = User{Str(u, "name"), Str(u, "email"), Str(u, "role")};
  }
  const User* FindUser(const std::string& id) const {
    const auto it = users_.find(id);
    return it != users_.end() ? &it->second : nullptr;
  }

  ConvertedRecord Ticket(const Json& t, const Json* comments, const JsonWhere& where, const std::string& index) {
    TicketRecord ticket(t, where, index, "ticket");
    if (!ticket.problem.empty()) return ticket.Reject(ticket.problem);
    ConvertedRecord& r = ticket.record;
    const std::string& id = ticket.id;
    const std::string& at = ticket.at;
    auto reject = [&](const std::string& why) { return ticket.Reject(why); };
    if (comments == nullptr) {
      const auto it = t.find("comments");
      if (it != t.end()) comments = &*it;
    }
    if (comments == nullptr || !comments->is_array()) {
      return reject(
          "has no comments (the incremental ticket export holds none: export the tickets with their comments, "
          "docs/sources.md)");
    }
    Conversation c;
    c.id = "zendesk-" + id;
    c.source = where.name;
    c.line = r.line;
    const Json& via = Member(t, "via");
    c.channel = ChannelOfVia(Str(via, "channel"));
    const std::string requester = IdKey(Member(t, "requester_id"));
    const std::string assignee = IdKey(Member(t, "assignee_id"));
    if (const User* u = FindUser(requester)) c.customer = Customer{u->name, u->email};
    if (const auto g = groups_.find(IdKey(Member(t, "group_id"))); g != groups_.end()) c.team = g->second;
    size_t left_out = 0;
    for (size_t k = 0; k < comments->size(); ++k) {
      const Json& cm = (*comments)[k];
      const std::string where_comment = at + ": comment " + std::to_string(k + 1) +
                                        (cm.is_object() && cm.contains("id") ? " (id " + IdKey(cm["id"]) + ")" : "");
      if (!cm.is_object()) {
        r.warnings.push_back(where_comment + ": is not a JSON object; left out");
        ++left_out;
        continue;
      }
      if (const auto pub = cm.find("public"); pub != cm.end() && pub->is_boolean() && !pub->get<bool>()) {
        ++r.notes;  // an internal note: agents among themselves
        continue;
      }
      const std::string author = IdKey(Member(cm, "author_id"));
      const User* u = FindUser(author);
      Message m;
      if (u != nullptr && !u->role.empty()) {
        m.role = u->role == "end-user" ? Role::kCustomer : Role::kAgent;
      } else if (!author.empty() && author == requester) {
        m.role = Role::kCustomer;
      } else if (!author.empty() && author == assignee) {
        m.role = Role::kAgent;
      } else {
        r.warnings.push_back(where_comment + ": its author " + (author.empty() ? "(none)" : author) +
                             " is not side-loaded (include users) and is neither the requester nor the assignee; "
                             "left out");
        ++left_out;
        continue;
      }
      m.text =
          MessageText(Str(cm, "html_body"), Str(cm, "plain_body").empty() ? Str(cm, "body") : Str(cm, "plain_body"),
                      c.channel == Channel::kEmail, m.role == Role::kCustomer);
      if (m.text.empty()) {
        r.warnings.push_back(where_comment + ": has no text; left out");
        ++left_out;
        continue;
      }
      if (m.role == Role::kAgent) {
        m.author = u != nullptr ? u->name : std::string();
        m.agent_id = u != nullptr && !u->email.empty() ? u->email : "zendesk-user-" + author;
      }
      const std::string created = Str(cm, "created_at");
      m.at = NormalizeTime(created);
      if (!created.empty() && m.at.empty()) {
        r.warnings.push_back(where_comment + ": created_at \"" + created + "\" is not a time; the message has none");
      }
      // An e-mail comment's sender, for no-reply-sender.
      const Json& from = Member(Member(Member(cm, "via"), "source"), "from");
      m.from = Str(from, "address");
      c.messages.push_back(std::move(m));
    }
    if (c.messages.empty()) {
      return reject("has no public comment with text (" + std::to_string(r.notes) + " internal notes, " +
                    std::to_string(left_out) + " left out)");
    }
    OrderByTime(&c);
    r.conversation = std::move(c);
    return std::move(r);  // r is the ticket's record
  }

  std::unordered_map<std::string, User> users_;
  std::unordered_map<std::string, std::string> groups_;
};

}  // namespace

std::unique_ptr<TicketFormat> NewZendeskFormat() { return std::make_unique<Zendesk>(); }

StatusOr<std::unique_ptr<ConvertedSource>> OpenZendesk(const std::string& path) {
  return OpenTicketExport(path, NewZendeskFormat());
}

}  // namespace replylint
