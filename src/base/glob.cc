// Glob matching by backtracking over the pattern (see glob.h).
#include "base/glob.h"

namespace replylint {
namespace {

// A class `[...]` at p[i] (i after '['): sets *end past ']'; false when
// malformed (then '[' is literal).
bool ClassMatches(std::string_view p, size_t i, char c, size_t* end) {
  bool negate = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negate = true;
    ++i;
  }
  bool hit = false;
  const size_t first = i;
  for (; i < p.size() && (p[i] != ']' || i == first); ++i) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (p[i] <= c && c <= p[i + 2]) hit = true;
      i += 2;
    } else if (p[i] == c) {
      hit = true;
    }
  }
  if (i >= p.size()) return false;
  *end = i + 1;
  return hit != negate;
}

bool Match(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0;
  while (pi < p.size()) {
    if (p.compare(pi, 2, "**") == 0) {
      // `**/` matches zero or more whole segments; a trailing `**` the rest.
      size_t next = pi + 2;
      const bool slash = next < p.size() && p[next] == '/';
      if (slash) ++next;
      if (next >= p.size() && !slash) return true;
      for (size_t k = si; k <= s.size(); ++k) {
        if ((k == si || s[k - 1] == '/') && Match(p.substr(next), s.substr(k))) return true;
      }
      return false;
    }
    const char c = p[pi];
    if (c == '*') {
      for (size_t k = si; k <= s.size(); ++k) {
        if (Match(p.substr(pi + 1), s.substr(k))) return true;
        if (k < s.size() && s[k] == '/') break;
      }
      return false;
    }
    if (si >= s.size()) return false;
    if (c == '?') {
      if (s[si] == '/') return false;
    } else if (c == '[') {
      size_t end = 0;
      if (s[si] != '/' && ClassMatches(p, pi + 1, s[si], &end)) {
        pi = end;
        ++si;
        continue;
      }
      if (end != 0 || s[si] != '[') return false;  // a well-formed class that did not match
    } else if (c != s[si]) {
      return false;
    }
    ++pi;
    ++si;
  }
  return si == s.size();
}

}  // namespace

std::string_view TrimDotSlash(std::string_view path) {
  while (path.size() >= 2 && path[0] == '.' && path[1] == '/') {
    path.remove_prefix(2);
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  return path;
}

bool GlobMatch(std::string_view pattern, std::string_view path) {
  path = TrimDotSlash(path);
  pattern = TrimDotSlash(pattern);
  if (pattern.find('/') == std::string_view::npos) {
    const size_t slash = path.rfind('/');
    return Match(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  return Match(pattern, path);
}

bool GlobMatchesPathOrParent(std::string_view pattern, std::string_view path) {
  path = TrimDotSlash(path);
  while (pattern.size() > 1 && pattern.back() == '/') pattern.remove_suffix(1);
  if (GlobMatch(pattern, path)) return true;
  const bool anywhere = TrimDotSlash(pattern).find('/') == std::string_view::npos;
  for (size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    const std::string_view dir = path.substr(0, slash);
    if (GlobMatch(pattern, dir)) return true;
    if (anywhere) {
      // A bare name matches a folder at any depth.
      const size_t start = dir.rfind('/');
      if (Match(pattern, start == std::string_view::npos ? dir : dir.substr(start + 1))) return true;
    }
  }
  return false;
}

}  // namespace replylint
