// The compiled spelling lexicon (see spell_lexicon.h): lookups with
// Hunspell's case rules over the MARISA trie the build embedded.
#include "checks/spell_lexicon.h"

#include <fcntl.h>
#include <marisa.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>
#include <utility>

#include "base/utf8.h"
#include "checks/affix_forms.h"
#include "text/chars.h"

// The builder's output, linked in by spell_lexicon_data.S (cmake).
extern "C" const char replylint_spell_lexicon[];
extern "C" const char replylint_spell_lexicon_end[];

namespace replylint {
namespace {

// Hunspell gives up on words of this many bytes or more (MAXWORDUTF8LEN);
// the lexicon leaves them to it.
constexpr size_t kMaxWordBytes = 100;

// Reads `size` bytes into `buf`, fewer only at the end of the file; the
// count, or -1 on an error.
ssize_t ReadBlock(int fd, char* buf, size_t size) {
  size_t filled = 0;
  while (filled < size) {
    const ssize_t n = read(fd, buf + filled, size - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    filled += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(filled);
}

// The hash of one dictionary's files and add-on (LexiconSourceHash);
// nullopt when a file cannot be read.
std::optional<uint64_t> HashOfFiles(const std::string& aff_path, const std::string& dic_path, std::string_view add_on) {
  LexiconSourceHash hash;
  std::string block(LexiconSourceHash::kBlock, '\0');
  for (const std::string* path : {&aff_path, &dic_path}) {
    const int fd = open(path->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? 0 : -1;
    while (n >= 0 && (n = ReadBlock(fd, block.data(), block.size())) > 0) {
      hash.AddBlock(std::string_view(block.data(), static_cast<size_t>(n)));
    }
    close(fd);
    if (n < 0) return std::nullopt;
    hash.EndText();
  }
  hash.AddText(add_on);
  return hash.value();
}

// The embedded lexicon: its header, its trie mapped (not copied) once, and
// its filter; null when the bytes are not a lexicon of this format.
struct Embedded {
  const LexiconHeader* header;
  const marisa::Trie* trie;
  const LexiconFilter::Block* filter;
};
const Embedded* EmbeddedLexicon() {
  static const Embedded* const embedded = []() -> const Embedded* {
    const size_t size = static_cast<size_t>(replylint_spell_lexicon_end - replylint_spell_lexicon);
    if (size < sizeof(LexiconHeader)) return nullptr;
    const auto* head = reinterpret_cast<const LexiconHeader*>(replylint_spell_lexicon);
    if (std::memcmp(head->magic, kLexiconMagic, sizeof(kLexiconMagic)) != 0 ||
        head->trie_offset + head->trie_size > size || head->trie_offset % 8 != 0 || head->filter_blocks == 0 ||
        head->filter_blocks >= (uint64_t{1} << 32) || head->filter_offset % sizeof(LexiconFilter::Block) != 0 ||
        head->filter_offset + head->filter_blocks * sizeof(LexiconFilter::Block) > size) {
      return nullptr;
    }
    auto trie = std::make_unique<marisa::Trie>();
    try {
      trie->map(replylint_spell_lexicon + head->trie_offset, static_cast<size_t>(head->trie_size));
    } catch (const marisa::Exception&) {
      return nullptr;
    }
    return new Embedded{head, trie.release(),
                        reinterpret_cast<const LexiconFilter::Block*>(replylint_spell_lexicon + head->filter_offset)};
  }();
  return embedded;
}

// The thread's agent with its query set to the key of `word` (tag +
// dictionary + word): one agent and key buffer per thread, so a lookup
// allocates nothing.
marisa::Agent& Query(char tag, LexiconDict d, std::string_view word) {
  thread_local marisa::Agent agent;
  thread_local std::string key;
  key.assign(1, static_cast<char>(tag + static_cast<char>(d)));
  key.append(word);
  agent.set_query(key.data(), key.size());
  return agent;
}

// Whether `word` is of lower-case ASCII and Russian letters only (bytes
// checked as they are, without decoding).
bool PlainLowerCase(std::string_view word) {
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  const size_t n = word.size();
  for (size_t i = 0; i < n; ++i) {
    if (p[i] >= 'a' && p[i] <= 'z') continue;
    if (i + 1 == n) return false;
    if (chars::RussianLetterBytes(p[i], p[i + 1]) != 2) return false;  // а–я, ё
    ++i;
  }
  return true;
}

// Hunspell's classes of capitalisation (csutil get_captype_utf8): letters
// whose lower case differs count as capitals, and characters with no case
// (an apostrophe) as neutral.
enum class CapType { kNoCap, kInitCap, kAllCap, kHuhCap, kHuhInitCap };

}  // namespace

const SpellLexicon* SpellLexicon::ForDictionary(LexiconDict d, const std::string& dir, std::string_view add_on) {
  static std::mutex mu;
  static auto* const opened = new std::map<std::tuple<std::string, int, size_t>, const SpellLexicon*>();
  const std::lock_guard<std::mutex> lock(mu);
  const auto key = std::make_tuple(dir, static_cast<int>(d), std::hash<std::string_view>()(add_on));
  if (auto it = opened->find(key); it != opened->end()) return it->second;
  const SpellLexicon* out = nullptr;
  if (const Embedded* lexicon = EmbeddedLexicon(); lexicon != nullptr) {
    const int i = static_cast<int>(d);
    const std::string base = dir + "/" + kLexiconDictNames[i];
    const LexiconHeader& head = *lexicon->header;
    const bool as_built = StampOf(base + ".aff") == head.stamps[i][0] && StampOf(base + ".dic") == head.stamps[i][1] &&
                          LexiconSourceHash::Of(add_on) == head.add_on_hashes[i];
    if (as_built || HashOfFiles(base + ".aff", base + ".dic", add_on) == head.hashes[i]) {
      out = new SpellLexicon(lexicon->trie, lexicon->filter, head.filter_blocks, d);
    }
  }
  (*opened)[key] = out;
  return out;
}

bool SpellLexicon::Has(char tag, std::string_view word) const {
  const uint64_t hash = LexiconFilter::Hash(static_cast<char>(tag + static_cast<char>(dict_)), word);
  if (!LexiconFilter::MayHold(hash, filter_[LexiconFilter::BlockOf(hash, filter_blocks_)])) return false;
  return static_cast<const marisa::Trie*>(trie_)->lookup(Query(tag, dict_, word));
}

bool SpellLexicon::MayBegin(uint64_t walk) const {
  const uint64_t hash = LexiconFilter::WalkHash(static_cast<char>(kLexiconBeginTag + static_cast<char>(dict_)), walk);
  return LexiconFilter::MayHold(hash, filter_[LexiconFilter::BlockOf(hash, filter_blocks_)]);
}

SpellLexicon::Verdict SpellLexicon::Lookup(char tag, std::string_view word) const {
  if (word.empty() || word.size() >= kMaxWordBytes) return Verdict::kAsk;
  // Every key is a word spell() accepts exactly as written: a hit is final.
  if (Has(tag, word)) return Verdict::kYes;
  // A word of lower-case letters has no other case form to try nor hyphen
  // to split at: most candidates of a correction search end here.
  if (PlainLowerCase(word)) return Verdict::kNo;
  // Hunspell::spell(): an initial capital may stand for lower case, all
  // capitals for an initial capital or lower case. The class comes from
  // csutil's get_captype_utf8 (BMP only, as Hunspell's UTF-16 is).
  size_t letters = 0, caps = 0, neutral = 0;
  bool first_cap = false, hyphen = false;
  for (size_t i = 0; i < word.size();) {
    const char32_t c = DecodeUtf8(word, &i);
    if (c > 0xFFFF) return Verdict::kAsk;
    // Hunspell cleans dots and blanks, reads numbers and converts input
    // (ICONV): such words are its own to judge.
    if (c == '-') {
      hyphen = true;
    } else if (c != '\'' && !chars::IsAlpha(c)) {
      return Verdict::kAsk;
    }
    const char32_t lo = chars::ToLower(c);
    if (lo != c) {
      ++caps;
      if (letters == 0) first_cap = true;
    }
    if (chars::ToUpper(c) == lo) ++neutral;
    ++letters;
  }
  CapType type;
  if (caps == 0) {
    type = CapType::kNoCap;
  } else if (caps == 1 && first_cap) {
    type = CapType::kInitCap;
  } else if (caps == letters || caps + neutral == letters) {
    type = CapType::kAllCap;
  } else {
    type = first_cap ? CapType::kHuhInitCap : CapType::kHuhCap;
  }
  if (type == CapType::kInitCap || type == CapType::kAllCap) {
    thread_local std::string lowered, init;
    lowered.clear();
    init.clear();
    for (size_t i = 0; i < word.size();) {
      const char32_t lo = chars::ToLower(DecodeUtf8(word, &i));
      AppendUtf8(lo, &lowered);
      AppendUtf8(init.empty() ? chars::ToUpper(lo) : lo, &init);
    }
    if ((type == CapType::kAllCap && Has(tag, init)) || Has(tag, lowered)) return Verdict::kYes;
  }
  // Hunspell also keeps every mixed-case head word in capitals, with its
  // affixes (ABCs: ABCS), and reads capitals with an apostrophe its own way
  // (SANT'ELIA): a word in capitals the lexicon lacks is Hunspell's to
  // judge. The rule skips words in capitals anyway.
  if (type == CapType::kAllCap) return Verdict::kAsk;
  return hyphen ? Break(tag, word) : Verdict::kNo;
}

// A word Hunspell does not know whole it splits at hyphens: the default
// BREAK table ("-", "^-", "-$"; these .aff files set none), in the order of
// Hunspell::spell() — a hyphen at either end dropped, then the word cut at
// its second hyphen and at its first, both sides spelt again. Any side the
// lexicon cannot judge leaves the whole word to Hunspell.
SpellLexicon::Verdict SpellLexicon::Break(char tag, std::string_view word) const {
  bool ask = false;
  auto spell = [&](std::string_view part) {
    const Verdict v = Lookup(tag, part);
    ask = ask || v == Verdict::kAsk;
    return v == Verdict::kYes;
  };
  const size_t n = word.size();
  if (std::count(word.begin(), word.end(), '-') >= 10) return Verdict::kNo;  // Hunspell's recursion limit
  if (n >= 2) {
    if (word.front() == '-' && spell(word.substr(1))) return Verdict::kYes;
    if (word.back() == '-' && spell(word.substr(0, n - 1))) return Verdict::kYes;
  }
  // Cut at `at` when it is inside the word (neither first nor last).
  auto cut = [&](size_t at) {
    return at != std::string_view::npos && at > 0 && at + 1 < n && spell(word.substr(at + 1)) &&
           spell(word.substr(0, at));
  };
  const size_t first = word.find('-');
  if (first != std::string_view::npos && first > 0 && first + 1 < n) {
    const size_t second = word.find('-', first + 1);
    if (cut(second != std::string_view::npos && second + 1 < n ? second : first)) return Verdict::kYes;
  }
  if (cut(first)) return Verdict::kYes;
  return ask ? Verdict::kAsk : Verdict::kNo;
}

SpellLexicon::Verdict SpellLexicon::Spell(std::string_view word) const { return Lookup(kLexiconFormTag, word); }

SpellLexicon::Verdict SpellLexicon::StartsLongerStem(std::u32string_view word) const {
  if (word.empty() || word.size() > kLexiconStemStart || !Has(kLexiconStemStartTag, "")) return Verdict::kAsk;
  return Has(kLexiconStemStartTag, AffixForms::Key(word)) ? Verdict::kYes : Verdict::kNo;
}

SpellLexicon::Verdict SpellLexicon::IsRoot(std::string_view word) const {
  // stem() gives a capitalised word back as itself where a head word in
  // mixed case or capitals has its letters (Нэпу: НЭПу, Ком: КОМ): only
  // lower-case words are the lexicon's to answer.
  if (word.empty() || word.size() >= kMaxWordBytes) return Verdict::kAsk;
  for (size_t i = 0; i < word.size();) {
    const char32_t c = DecodeUtf8(word, &i);
    if (!chars::IsAlpha(c) || chars::ToLower(c) != c) return Verdict::kAsk;
  }
  return Has(kLexiconRootTag, word) ? Verdict::kYes : Verdict::kNo;
}

}  // namespace replylint
