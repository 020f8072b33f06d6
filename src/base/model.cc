#include "replylint/model.h"

#include <tuple>

namespace replylint {
namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::string_view (&names)[N], std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::string_view kSeverityNames[] = {"suggestion", "warning", "error"};
constexpr std::string_view kChannelNames[] = {"email", "chat", "social", "phone"};
constexpr std::string_view kLangNames[] = {"", "ru", "en"};
constexpr std::string_view kRoleNames[] = {"customer", "agent", "system"};

}  // namespace

std::string_view SeverityName(Severity s) { return kSeverityNames[static_cast<int>(s)]; }
std::optional<Severity> ParseSeverity(std::string_view s) { return Lookup<Severity>(kSeverityNames, s); }
std::string_view ChannelName(Channel c) { return kChannelNames[static_cast<int>(c)]; }
std::optional<Channel> ParseChannel(std::string_view s) { return Lookup<Channel>(kChannelNames, s); }
std::string_view LangName(Lang l) { return kLangNames[static_cast<int>(l)]; }
std::optional<Lang> ParseLang(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return Lookup<Lang>(kLangNames, s);
}
std::string_view RoleName(Role r) { return kRoleNames[static_cast<int>(r)]; }
std::optional<Role> ParseRole(std::string_view s) { return Lookup<Role>(kRoleNames, s); }

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.message, a.start, a.end, a.rule, a.text) < std::tie(b.message, b.start, b.end, b.rule, b.text);
}

}  // namespace replylint
