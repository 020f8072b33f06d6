#include "base/fingerprint.h"

#include <cstdint>
#include <cstdio>
#include <fstream>

namespace replylint {

std::string NormalisedText(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return out;
}

std::string Fingerprint(std::initializer_list<std::string_view> parts) {
  uint64_t h = 1469598103934665603ull;
  for (std::string_view s : parts) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

StatusOr<std::set<std::string>> ReadBaseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read the baseline");
  std::set<std::string> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const std::string fp = line.substr(0, line.find('\t'));
    if (fp.size() != 16 || fp.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": not a baseline line (a fingerprint first)");
    }
    out.insert(fp);
  }
  return out;
}

}  // namespace replylint
