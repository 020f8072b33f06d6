#include "ingest/freshdesk.h"

#include <unordered_map>

namespace replylint {
namespace {

struct Agent {
  std::string name, email;
};

// The ticket's "source" (Freshdesk API v2: 1 email, 2 portal, 3 phone, 5
// Twitter, 6 Facebook, 7 chat, 8 Mobihelp, 9 feedback widget, 10 outbound
// email).
constexpr int kOutboundEmail = 10;
Channel ChannelOfSource(int source) {
  switch (source) {
    case 3:
      return Channel::kPhone;
    case 7:
    case 8:
      return Channel::kChat;
    case 5:
    case 6:
      return Channel::kSocial;
    default:
      return Channel::kEmail;
  }
}

bool IsTicket(const Json& v) {
  return v.is_object() && v.contains("id") && (v.contains("requester_id") || v.contains("conversations"));
}
bool IsAgent(const Json& v) {
  return v.is_object() && v.contains("id") && Member(v, "contact").is_object() && !IsTicket(v);
}
// "List all conversations of a ticket" returns these without their ticket.
bool IsConversation(const Json& v) { return v.is_object() && v.contains("ticket_id") && v.contains("incoming"); }

bool Flag(const Json& obj, const char* key) {
  const Json& v = Member(obj, key);
  return v.is_boolean() && v.get<bool>();
}

class Freshdesk : public TicketFormat {
 public:
  bool MaySideload(std::string_view line) const override {
    return line.find("\"contact\"") != std::string_view::npos || line.find("\"agents\"") != std::string_view::npos;
  }

  // Agents one level down at most: an agent, an array of them or
  // {"agents": [...]}. No recursion, so a hostile nest cannot exhaust the stack.
  void Sideload(const Json& v) override {
    auto add = [&](const Json& a) {
      if (!IsAgent(a)) return;
      const Json& contact = a["contact"];
      agents_[IdKey(a["id"])] = Agent{Str(contact, "name"), Str(contact, "email")};
    };
    add(v);
    const Json& agents = v.is_array() ? v : Member(v, "agents");
    if (agents.is_array()) {
      for (const Json& a : agents) add(a);
    }
  }

  bool Convert(const Json& v, const JsonWhere& where, std::vector<ConvertedRecord>* out) override {
    if (v.is_array()) {
      bool any = false;
      for (size_t i = 0; i < v.size(); ++i) {
        if (IsTicket(v[i])) {
          out->push_back(Ticket(v[i], where, Indexed("", i)));
          any = true;
        } else if (IsConversation(v[i])) {
          return Orphans(where, out);
        }
        any = any || IsAgent(v[i]);
      }
      return any;
    }
    if (IsTicket(v)) {
      out->push_back(Ticket(v, where, ""));
      return true;
    }
    if (const Json& ts = Member(v, "tickets"); ts.is_array()) {
      for (size_t i = 0; i < ts.size(); ++i) out->push_back(Ticket(ts[i], where, Indexed("tickets", i)));
      return true;
    }
    if (IsConversation(v)) return Orphans(where, out);
    return IsAgent(v) || Member(v, "agents").is_array();
  }

 private:
  static bool Orphans(const JsonWhere& where, std::vector<ConvertedRecord>* out) {
    ConvertedRecord r;
    r.line = where.line == 0 ? 1 : where.line;
    r.conversation = Status::InvalidArgument(
        where.Str() + ": conversations without their ticket (export each ticket with include=conversations)");
    out->push_back(std::move(r));
    return true;
  }

  ConvertedRecord Ticket(const Json& t, const JsonWhere& where, const std::string& index) {
    TicketRecord ticket(t, where, index, "ticket");
    if (!ticket.problem.empty()) return ticket.Reject(ticket.problem);
    ConvertedRecord& r = ticket.record;
    const std::string& id = ticket.id;
    const std::string& at = ticket.at;
    auto reject = [&](const std::string& why) { return ticket.Reject(why); };
    Conversation c;
    c.id = "freshdesk-" + id;
    c.source = where.name;
    c.line = r.line;
    const Json& source = Member(t, "source");
    const int src = source.is_number_integer() ? source.get<int>() : 0;
    c.channel = ChannelOfSource(src);
    const bool email = c.channel == Channel::kEmail;
    const Json& requester = Member(t, "requester");
    c.customer = Customer{Str(requester, "name"), Str(requester, "email")};
    const std::string requester_id = IdKey(Member(t, "requester_id"));
    const std::string responder_id = IdKey(Member(t, "responder_id"));
    auto agent_message = [&](const std::string& user, Message* m) {
      m->role = Role::kAgent;
      const auto a = agents_.find(user);
      m->author = a != agents_.end() ? a->second.name : std::string();
      m->agent_id = a != agents_.end() && !a->second.email.empty() ? a->second.email
                    : user.empty()                                 ? std::string()
                                                                   : "freshdesk-agent-" + user;
    };
    size_t left_out = 0;
    // The description: what opened the ticket.
    {
      Message m;
      m.role = src == kOutboundEmail ? Role::kAgent : Role::kCustomer;
      if (m.role == Role::kAgent) agent_message(responder_id, &m);
      m.text = MessageText(Str(t, "description"), Str(t, "description_text"), email, m.role == Role::kCustomer);
      m.at = NormalizeTime(Str(t, "created_at"));
      if (!m.text.empty()) c.messages.push_back(std::move(m));
    }
    const Json& convs = Member(t, "conversations");
    for (size_t k = 0; convs.is_array() && k < convs.size(); ++k) {
      const Json& cv = convs[k];
      const std::string where_conv =
          at + ": conversation " + std::to_string(k + 1) +
          (cv.is_object() && cv.contains("id") ? " (id " + IdKey(cv["id"]) + ")" : std::string());
      if (!cv.is_object()) {
        r.warnings.push_back(where_conv + ": is not a JSON object; left out");
        ++left_out;
        continue;
      }
      if (Flag(cv, "private")) {
        ++r.notes;
        continue;
      }
      const std::string user = IdKey(Member(cv, "user_id"));
      Message m;
      if (agents_.count(user) > 0) {
        agent_message(user, &m);
      } else if ((!user.empty() && user == requester_id) || Flag(cv, "incoming")) {
        m.role = Role::kCustomer;
      } else {
        agent_message(user, &m);
      }
      m.text = MessageText(Str(cv, "body"), Str(cv, "body_text"), email, m.role == Role::kCustomer);
      if (m.text.empty()) {
        r.warnings.push_back(where_conv + ": has no text; left out");
        ++left_out;
        continue;
      }
      const std::string created = Str(cv, "created_at");
      m.at = NormalizeTime(created);
      if (!created.empty() && m.at.empty()) {
        r.warnings.push_back(where_conv + ": created_at \"" + created + "\" is not a time; the message has none");
      }
      m.from = Str(cv, "from_email");
      c.messages.push_back(std::move(m));
    }
    if (c.messages.empty()) {
      return reject("has no description or public conversation with text (" + std::to_string(r.notes) +
                    " private notes, " + std::to_string(left_out) + " left out)");
    }
    OrderByTime(&c);
    r.conversation = std::move(c);
    return std::move(r);  // r is the ticket's record
  }

  std::unordered_map<std::string, Agent> agents_;
};

}  // namespace

std::unique_ptr<TicketFormat> NewFreshdeskFormat() { return std::make_unique<Freshdesk>(); }

StatusOr<std::unique_ptr<ConvertedSource>> OpenFreshdesk(const std::string& path) {
  return OpenTicketExport(path, NewFreshdeskFormat());
}

}  // namespace replylint
