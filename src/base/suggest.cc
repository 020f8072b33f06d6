// Optimal string alignment distance for "did you mean" (see suggest.h).
#include "base/suggest.h"

#include <algorithm>

namespace replylint {
namespace {

size_t Distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string Nearest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty() || word.size() > 100) return "";
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  size_t best = limit + 1;
  std::string found;
  bool tie = false;
  for (const std::string& c : candidates) {
    if (c == word) return c;
    const size_t d = Distance(word, c);
    if (d < best) {
      best = d;
      found = c;
      tie = false;
    } else if (d == best && c != found) {
      tie = true;
    }
  }
  return tie ? "" : found;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string n = Nearest(word, candidates);
  return n.empty() ? "" : " (did you mean \"" + n + "\"?)";
}

}  // namespace replylint
