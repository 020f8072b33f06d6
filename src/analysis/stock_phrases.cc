#include "analysis/stock_phrases.h"

#include <algorithm>

#include "text/stem.h"

namespace replylint {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

StatusOr<StockPhraseIndex> StockPhraseIndex::Create(const StockLexicon& lexicon) {
  StockPhraseIndex index;
  index.max_gap_ = lexicon.max_gap;
  auto stem_id = [&](const std::string& stem) {  // numbers a new stem
    return index.stem_ids_.emplace(stem, static_cast<uint32_t>(index.stem_ids_.size())).first->second;
  };
  for (const bool courtesy : {false, true}) {
    for (const auto& [lang, entries] : courtesy ? lexicon.courtesy : lexicon.phrases) {
      for (const StockPhraseEntry& entry : entries) {
        Phrase p{lang, courtesy, false, entry, {}};
        std::string folded = FoldForMatch(entry.phrase);
        // "~phrase": a brush-off only when no concrete step follows it.
        if (!folded.empty() && folded.front() == '~') {
          p.soft = true;
          folded.erase(0, 1);
        }
        auto bad = [&](const std::string& what) {
          return Status::InvalidArgument(entry.where + ": stock phrase \"" + entry.phrase + "\": " + what);
        };
        bool in_group = false;  // inside "(a member of)": each word optional
        for (std::string word : SplitOn(folded, ' ')) {
          if (word.empty()) continue;
          Element e;
          if (word.front() == '(') {
            if (in_group || word.size() < 2) return bad("optional words are written (word), (a|b) or (a few words)");
            word.erase(0, 1);
            in_group = true;
          }
          if (in_group) {
            e.optional = true;
            if (word.back() == ')') {
              word.pop_back();
              in_group = false;
            }
            if (word.empty()) return bad("optional words are written (word), (a|b) or (a few words)");
          }
          if (word == "#") {
            e.kind = Element::Kind::kNumber;
          } else if (word == "*") {
            e.kind = Element::Kind::kAny;
          } else {
            for (std::string alt : SplitOn(word, '|')) {
              const bool exact = !alt.empty() && alt.front() == '=';
              if (exact) alt.erase(0, 1);
              const std::vector<Token> t = Tokenize(alt, 0, alt.size());
              if (t.size() != 1 || t[0].span.start != 0 || t[0].span.end != alt.size()) {
                return bad("\"" + alt + "\" is not one word (use spaces between words, | between alternatives)");
              }
              if (exact) {
                e.exact.push_back(alt);
              } else {
                e.stems.push_back(stem_id(StemByScript(alt)));
              }
            }
          }
          p.elements.push_back(std::move(e));
        }
        if (in_group) return bad("an optional group is not closed with )");
        // The words that may start the phrase: up to and including the first
        // required one.
        std::vector<uint32_t> starts;
        bool required = false;
        for (const Element& e : p.elements) {
          if (e.kind != Element::Kind::kWord) return bad("a phrase must start with a word, not # or *");
          starts.insert(starts.end(), e.stems.begin(), e.stems.end());
          for (const std::string& w : e.exact) starts.push_back(stem_id(StemByScript(w)));
          if (!e.optional) {
            required = true;
            break;
          }
        }
        if (!required) return bad("a phrase needs at least one word that is not optional");
        const size_t id = index.phrases_.size();
        for (const uint32_t st : starts) {
          if (index.by_first_.size() <= st) index.by_first_.resize(st + 1);
          auto& list = index.by_first_[st];
          if (list.empty() || list.back() != id) list.push_back(id);
        }
        index.phrases_.push_back(std::move(p));
      }
    }
  }
  return index;
}

uint32_t StockPhraseIndex::Stems::Lookup(size_t j) {
  // TokenStems keeps a word with a digit as written; a phrase stems it.
  const bool given = given_ != nullptr && !tokens_[j].has_digit;
  std::string own;
  if (!given) own = StemByScript(std::string_view(folded_).substr(tokens_[j].span.start, tokens_[j].span.size()));
  const std::string& stem = given ? (*given_)[j] : own;
  const auto it = index_.stem_ids_.find(stem);
  ids_[j] = it == index_.stem_ids_.end() ? kNoStem : it->second;
  return ids_[j];
}

bool StockPhraseIndex::ElementMatches(const Element& e, const std::string& folded, const Token& t, size_t j,
                                      Stems* stems) {
  switch (e.kind) {
    case Element::Kind::kAny:
      return true;
    case Element::Kind::kNumber:
      return t.has_digit;
    case Element::Kind::kWord:
      if (!e.exact.empty()) {
        const std::string_view word = std::string_view(folded).substr(t.span.start, t.span.size());
        if (std::find(e.exact.begin(), e.exact.end(), word) != e.exact.end()) return true;
      }
      if (e.stems.empty()) return false;
      return std::find(e.stems.begin(), e.stems.end(), (*stems)[j]) != e.stems.end();  // kNoStem is in none
  }
  return false;
}

size_t StockPhraseIndex::MatchFrom(const Phrase& p, size_t k, size_t prev, size_t start, const std::string& folded,
                                   const std::vector<Token>& tokens, Stems* stems) const {
  if (k == p.elements.size()) return prev;
  const Element& e = p.elements[k];
  size_t best = kNone;
  // The first element matches exactly at `start`; later ones within the gap.
  const size_t from = prev == kNone ? start : prev + 1;
  const size_t to = prev == kNone ? start : std::min(tokens.size() - 1, prev + 1 + static_cast<size_t>(max_gap_));
  for (size_t j = from; j <= to && j < tokens.size(); ++j) {
    if (prev != kNone && tokens[j].break_before) break;  // never across a sentence end
    if (ElementMatches(e, folded, tokens[j], j, stems)) {
      const size_t end = MatchFrom(p, k + 1, j, start, folded, tokens, stems);
      if (end != kNone && (best == kNone || end > best)) best = end;
    }
  }
  if (e.optional) {
    const size_t end = MatchFrom(p, k + 1, prev, start, folded, tokens, stems);
    if (end != kNone && (best == kNone || end > best)) best = end;
  }
  return best;
}

std::vector<StockMatch> StockPhraseIndex::Find(const MessageText& text, const std::vector<Token>& tokens,
                                               const std::vector<std::string>* token_stems) const {
  std::vector<StockMatch> found;
  if (phrases_.empty() || tokens.empty()) return found;
  const std::string& folded = text.folded();
  Stems stems(*this, folded, tokens, token_stems);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const uint32_t first = stems[i];
    if (first >= by_first_.size()) continue;  // kNoStem too
    for (size_t id : by_first_[first]) {
      const Phrase& p = phrases_[id];
      const size_t end = MatchFrom(p, 0, kNone, i, folded, tokens, &stems);
      if (end == kNone) continue;
      const Span span{tokens[i].span.start, tokens[end].span.end};
      if (text.InQuote(span.start, span.end)) continue;
      found.push_back({span, i, end, p.lang, p.courtesy, p.soft, id, &p.entry});
    }
  }
  // Leftmost first, then longest, then a brush-off before a courtesy
  // formula; drop what overlaps an earlier pick.
  std::sort(found.begin(), found.end(), [](const StockMatch& a, const StockMatch& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.last != b.last) return a.last > b.last;
    return a.phrase < b.phrase;
  });
  std::vector<StockMatch> out;
  for (const StockMatch& m : found) {
    if (!out.empty() && m.first <= out.back().last) continue;
    out.push_back(m);
  }
  return out;
}

}  // namespace replylint
