#include "analysis/template_index.h"

#include <algorithm>

#include "text/stem.h"

namespace replylint {
namespace {

// FNV-1a over the stems with a separator, so ("ab","c") != ("a","bc").
uint64_t HashShingle(const std::vector<std::string>& stems, size_t at) {
  uint64_t h = 1469598103934665603ull;
  for (size_t k = 0; k < TemplateIndex::kShingle; ++k) {
    for (unsigned char c : stems[at + k]) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::vector<std::string> TokenStems(const std::string& folded, const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const Token& t : tokens) {
    const std::string_view w = std::string_view(folded).substr(t.span.start, t.span.size());
    out.push_back(t.has_digit ? std::string(w) : StemByScript(w));
  }
  return out;
}

void TemplateIndex::Add(std::string name, const std::string& folded, const std::vector<Token>& tokens,
                        const std::vector<bool>& is_slot) {
  const auto id = static_cast<uint32_t>(names_.size());
  names_.push_back(std::move(name));
  const std::vector<std::string> stems = TokenStems(folded, tokens);
  size_t run = 0;  // tokens since the last slot
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (is_slot[i]) {
      run = 0;
      continue;
    }
    if (++run < kShingle) continue;
    auto& list = shingles_[HashShingle(stems, i + 1 - kShingle)];
    if (list.empty() || list.back() != id) list.push_back(id);
  }
}

TemplateIndex::Coverage TemplateIndex::Cover(const std::string& folded, const std::vector<Token>& tokens) const {
  Coverage c;
  c.covered.assign(tokens.size(), false);
  if (shingles_.empty() || tokens.size() < kShingle) return c;
  const std::vector<std::string> stems = TokenStems(folded, tokens);
  std::unordered_map<uint32_t, size_t> shared;
  for (size_t i = 0; i + kShingle <= tokens.size(); ++i) {
    auto it = shingles_.find(HashShingle(stems, i));
    if (it == shingles_.end()) continue;
    for (size_t k = 0; k < kShingle; ++k) c.covered[i + k] = true;
    for (uint32_t id : it->second) ++shared[id];
  }
  for (const auto& [id, n] : shared) {
    if (n > c.best_shingles || (n == c.best_shingles && id < c.best)) {
      c.best = id;
      c.best_shingles = n;
    }
  }
  return c;
}

}  // namespace replylint
