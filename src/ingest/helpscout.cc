#include "ingest/helpscout.h"

#include <algorithm>

namespace replylint {
namespace {

bool IsConversation(const Json& v) { return Member(Member(v, "_embedded"), "threads").is_array(); }

Channel ChannelOf(const std::string& type) {
  if (type == "chat") return Channel::kChat;
  if (type == "phone") return Channel::kPhone;
  return Channel::kEmail;
}

std::string FullName(const Json& person) {
  std::string name = Str(person, "first");
  const std::string last = Str(person, "last");
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  return name;
}

class HelpScout : public TicketFormat {
 public:
  // Help Scout embeds the people in each thread: nothing is side-loaded.
  bool MaySideload(std::string_view) const override { return false; }
  void Sideload(const Json&) override {}

  bool Convert(const Json& v, const JsonWhere& where, std::vector<ConvertedRecord>* out) override {
    if (IsConversation(v)) {
      out->push_back(Conversation(v, where, ""));
      return true;
    }
    const Json& page = v.is_array() ? v : Member(Member(v, "_embedded"), "conversations");
    if (!page.is_array()) return false;
    const bool embedded = !v.is_array();
    bool any = false;
    for (size_t i = 0; i < page.size(); ++i) {
      if (!embedded && !IsConversation(page[i])) continue;
      out->push_back(Conversation(page[i], where, Indexed(embedded ? "conversations" : "", i)));
      any = true;
    }
    return any || embedded;
  }

 private:
  static ConvertedRecord Conversation(const Json& t, const JsonWhere& where, const std::string& index) {
    TicketRecord ticket(t, where, index, "conversation");
    if (!ticket.problem.empty()) return ticket.Reject(ticket.problem);
    ConvertedRecord& r = ticket.record;
    const std::string& id = ticket.id;
    const std::string& at = ticket.at;
    auto reject = [&](const std::string& why) { return ticket.Reject(why); };
    replylint::Conversation c;
    c.id = "helpscout-" + id;
    c.source = where.name;
    c.line = r.line;
    c.channel = ChannelOf(Str(t, "type"));
    const bool email = c.channel == Channel::kEmail;
    const Json& customer = Member(t, "primaryCustomer");
    c.customer = Customer{Str(customer, "first"), Str(customer, "email")};
    const Json& threads = Member(Member(t, "_embedded"), "threads");
    size_t left_out = 0;
    for (size_t k = 0; threads.is_array() && k < threads.size(); ++k) {
      const Json& th = threads[k];
      const std::string where_thread =
          at + ": thread " + std::to_string(k + 1) +
          (th.is_object() && th.contains("id") ? " (id " + IdKey(th["id"]) + ")" : std::string());
      if (!th.is_object()) {
        r.warnings.push_back(where_thread + ": is not a JSON object; left out");
        ++left_out;
        continue;
      }
      const std::string type = Str(th, "type");
      if (type == "note") {
        ++r.notes;
        continue;
      }
      if (Str(th, "state") == "draft") {
        r.warnings.push_back(where_thread + ": a draft, never sent; left out");
        ++left_out;
        continue;
      }
      const Json& by = Member(th, "createdBy");
      Message m;
      if (type == "customer") {
        m.role = Role::kCustomer;
      } else if (type == "reply" || type == "message") {
        m.role = Role::kAgent;
      } else if (type == "chat" || type == "phone") {
        m.role = Str(by, "type") == "customer" ? Role::kCustomer : Role::kAgent;
      } else {
        continue;  // lineitem (a status change), forwardparent/forwardchild: no message to the customer
      }
      if (m.role == Role::kAgent) {
        m.author = FullName(by);
        const std::string user = IdKey(Member(by, "id"));
        const std::string mail = Str(by, "email");
        m.agent_id = !mail.empty() ? mail : user.empty() ? std::string() : "helpscout-user-" + user;
      }
      m.text = MessageText(Str(th, "body"), "", email, m.role == Role::kCustomer);
      if (m.text.empty()) {
        r.warnings.push_back(where_thread + ": has no text; left out");
        ++left_out;
        continue;
      }
      const std::string created = Str(th, "createdAt");
      m.at = NormalizeTime(created);
      if (!created.empty() && m.at.empty()) {
        r.warnings.push_back(where_thread + ": createdAt \"" + created + "\" is not a time; the message has none");
      }
      c.messages.push_back(std::move(m));
    }
    if (c.messages.empty()) {
      return reject("has no customer or reply thread with text (" + std::to_string(r.notes) + " notes, " +
                    std::to_string(left_out) + " left out)");
    }
    // The API lists threads newest first: oldest first, then by time when
    // every thread has one.
    std::reverse(c.messages.begin(), c.messages.end());
    OrderByTime(&c);
    r.conversation = std::move(c);
    return std::move(r);  // r is the ticket's record
  }
};

}  // namespace

std::unique_ptr<TicketFormat> NewHelpScoutFormat() { return std::make_unique<HelpScout>(); }

StatusOr<std::unique_ptr<ConvertedSource>> OpenHelpScout(const std::string& path) {
  return OpenTicketExport(path, NewHelpScoutFormat());
}

}  // namespace replylint
