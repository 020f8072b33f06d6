#include "checks/affix_forms.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <utility>

#include "base/utf8.h"

namespace replylint {
namespace {

// The lines of `text` without their line ends.
template <typename F>
void ForEachLine(std::string_view text, F&& f) {
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line);
    start = end + 1;
  }
}

// The first white-space-separated fields of `line`.
std::vector<std::string_view> Fields(std::string_view line, size_t max) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < line.size() && out.size() < max;) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

// A lower-case letter as one byte: ASCII as it is, а..я and ё above it, and
// every other character as 0xFF. Two characters that share 0xFF compare
// equal, which only makes MayAccept() say yes more often.
char Code(char32_t c) {
  if (c >= 'A' && c <= 'Z') {
    c += 0x20;
  } else if (c >= 0x410 && c <= 0x42F) {  // А..Я
    c += 0x20;
  } else if (c >= 0x400 && c <= 0x40F) {  // Ѐ..Џ, Ё among them
    c += 0x50;
  } else if (c >= 0x80 && !(c >= 0x430 && c <= 0x45F)) {
    c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  }
  if (c < 0x80) return static_cast<char>(c);
  if (c >= 0x430 && c <= 0x45F) return static_cast<char>(0x80 + (c - 0x430));
  return static_cast<char>(0xFF);
}

}  // namespace

std::string AffixForms::Encode(std::string_view utf8) {
  std::string out;
  EncodeTo(utf8, &out);
  return out;
}

void AffixForms::EncodeTo(std::string_view utf8, std::string* out) {
  for (size_t i = 0; i < utf8.size();) out->push_back(Code(DecodeUtf8(utf8, &i)));
}

std::unique_ptr<AffixForms> AffixForms::Create(const std::vector<Dictionary>& dictionaries) {
  std::unique_ptr<AffixForms> f(new AffixForms());
  f->prefixes_.insert("");
  f->suffixes_.insert("");
  bool modelled = true;
  std::vector<uint32_t> starts;
  std::vector<uint8_t> lengths;
  for (const Dictionary& dictionary : dictionaries) {
    std::string compound_flags;   // the flags COMPOUNDRULE patterns name
    bool compound_header = true;  // COMPOUNDRULE n, then n rules
    ForEachLine(dictionary.aff, [&](std::string_view line) {
      const std::vector<std::string_view> fields = Fields(line, 5);
      if (fields.empty()) return;
      const std::string_view key = fields[0];
      if (key == "COMPOUNDRULE" && fields.size() >= 2 && !std::exchange(compound_header, false)) {
        for (char c : fields[1]) {
          if (c != '*' && c != '?' && c != '(' && c != ')') compound_flags += c;
        }
      } else if (key == "ICONV" && fields.size() >= 3) {
        for (std::string_view side : {fields[1], fields[2]}) {
          for (size_t i = 0; i < side.size();) {
            if (u_isalpha(static_cast<UChar32>(DecodeUtf8(side, &i)))) modelled = false;
          }
        }
      } else if ((key.substr(0, 8) == "COMPOUND" && key != "COMPOUNDMIN" && key != "COMPOUNDRULE") || key == "FLAG" ||
                 key == "IGNORE" || key == "CHECKSHARPS") {
        modelled = false;
      }
      // PFX/SFX flag strip add condition: the rule lines (headers have 4 fields).
      if ((key != "SFX" && key != "PFX") || fields.size() < 5) return;
      const std::string_view strip = fields[2];
      std::string_view add = fields[3];
      if (add.find('/') != std::string_view::npos) modelled = false;  // a second affix on top
      if (key == "PFX" && strip != "0") modelled = false;             // the stem's start would change
      if (add == "0") add = {};
      std::string code = Encode(add);
      if (key == "PFX") {
        f->longest_prefix_ = std::max(f->longest_prefix_, code.size());
        f->prefixes_.insert(std::move(code));
      } else {
        f->longest_suffix_ = std::max(f->longest_suffix_, code.size());
        f->suffixes_.insert(std::move(code));
      }
    });
    for (std::string_view dic : dictionary.dics) {
      bool first = true;
      ForEachLine(dic, [&](std::string_view line) {
        // The first line of a .dic is its word count.
        if (std::exchange(first, false) && !line.empty() &&
            line.find_first_not_of("0123456789") == std::string_view::npos)
          return;
        // (A loop, not find_first_of(), which calls memchr() per byte.)
        size_t end = 0;
        while (end < line.size() && line[end] != '/' && line[end] != '\t' && line[end] != ' ') ++end;
        const std::string_view word = line.substr(0, end);
        // A compound part must have a digit, so that a compound has one.
        if (!compound_flags.empty() && end < line.size() && line[end] == '/') {
          std::string_view flags = line.substr(end + 1);
          flags = flags.substr(0, flags.find_first_of("\t "));
          if (flags.find_first_of(compound_flags) != std::string_view::npos &&
              word.find_first_of("0123456789") == std::string_view::npos) {
            modelled = false;
          }
        }
        const size_t start = f->pool_.size();
        EncodeTo(word, &f->pool_);
        const size_t length = f->pool_.size() - start;
        if (length == 0 || length > 255) {
          f->pool_.resize(start);
          return;
        }
        starts.push_back(static_cast<uint32_t>(start));
        lengths.push_back(static_cast<uint8_t>(length));
      });
    }
  }
  if (!modelled) return nullptr;
  f->starts_ = std::move(starts);
  f->lengths_ = std::move(lengths);
  // Counted into buckets by the first byte: one pass each way.
  f->first_at_.assign(257, 0);
  for (uint32_t i = 0; i < f->starts_.size(); ++i) ++f->first_at_[static_cast<unsigned char>(f->Stem(i)[0]) + 1];
  for (size_t b = 1; b < f->first_at_.size(); ++b) f->first_at_[b] += f->first_at_[b - 1];
  f->by_first_.resize(f->starts_.size());
  std::vector<uint32_t> next(f->first_at_.begin(), f->first_at_.end() - 1);
  for (uint32_t i = 0; i < f->starts_.size(); ++i) f->by_first_[next[static_cast<unsigned char>(f->Stem(i)[0])]++] = i;
  return f;
}

void AffixForms::Sort() const {
  std::call_once(sorted_once_, [this] {
    // Sorted by their first eight bytes as a number, the rest compared only
    // on a tie: a fifth of the time of comparing the strings throughout.
    struct Key {
      uint64_t head;
      uint32_t index;
    };
    std::vector<Key> keys(starts_.size());
    for (uint32_t i = 0; i < keys.size(); ++i) {
      const std::string_view stem = Stem(i);
      uint64_t head = 0;
      for (size_t k = 0; k < 8; ++k) head = head << 8 | (k < stem.size() ? static_cast<unsigned char>(stem[k]) : 0);
      keys[i] = {head, i};
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
      if (a.head != b.head) return a.head < b.head;
      return Stem(a.index) < Stem(b.index);
    });
    sorted_.reserve(keys.size());
    for (const Key& k : keys) sorted_.push_back(k.index);
  });
}

size_t AffixForms::LowerBound(std::string_view p) const {
  size_t lo = 0, hi = sorted_.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (Stem(sorted_[mid]) < p) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

bool AffixForms::IsStemStart(std::string_view p) const {
  const size_t lo = LowerBound(p);
  return lo < sorted_.size() && Stem(sorted_[lo]).substr(0, p.size()) == p;
}

std::string AffixForms::Key(std::u32string_view word) {
  std::string out;
  for (char32_t c : word) out.push_back(Code(c));
  return out;
}

bool AffixForms::StartsLongerStem(std::u32string_view word, size_t more) const {
  const std::string p = Key(word);
  const size_t from = p.empty() ? 0 : first_at_[static_cast<unsigned char>(p[0])];
  const size_t to = p.empty() ? by_first_.size() : first_at_[static_cast<unsigned char>(p[0]) + 1];
  for (size_t k = from; k < to; ++k) {
    const std::string_view stem = Stem(by_first_[k]);
    if (stem.size() >= p.size() + more && stem.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

bool AffixForms::MayAccept(std::u32string_view word) const {
  std::string code;
  code.reserve(word.size());
  for (char32_t c : word) {
    if (!u_isalpha(static_cast<UChar32>(c))) return true;
    code.push_back(Code(c));
  }
  const std::string_view w(code);
  Sort();
  for (size_t m = 0; m <= longest_prefix_ && m <= w.size(); ++m) {
    if (prefixes_.find(w.substr(0, m)) == prefixes_.end()) continue;
    const std::string_view rest = w.substr(m);
    for (size_t n = 0; n <= longest_suffix_ && n <= rest.size(); ++n) {
      if (suffixes_.find(rest.substr(rest.size() - n)) == suffixes_.end()) continue;
      if (IsStemStart(rest.substr(0, rest.size() - n))) return true;
    }
  }
  return false;
}

}  // namespace replylint
