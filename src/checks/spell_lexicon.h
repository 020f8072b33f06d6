// The compiled spelling lexicon: every form Debian's ru_RU, en_US and en_GB
// Hunspell dictionaries (with the support vocabulary added) accept, expanded
// at build time (tools/spell-lexicon) into one MARISA trie embedded in the
// binary, with a Bloom filter of its keys beside it, so a word is checked by
// a lookup instead of a Hunspell handle that takes 80 ms to load (ru_RU) and
// microseconds a word.
//
// A verdict follows Hunspell's own case rules (spell(): a capitalised word
// may be a lower-case form, an all-caps one either), and the trie holds only
// forms the dictionaries accept exactly as written; where the expansion
// cannot stand for Hunspell — a word in capitals it lacks (Hunspell keeps
// mixed-case words in capitals too), anything but letters, apostrophes and
// hyphens — the answer is kAsk and the caller asks Hunspell. A hyphenated
// word it lacks is split at its hyphens as Hunspell splits it. tests/checks/spell_lexicon_equality.cc proves
// on every form, its case variants and edits of them that the two agree.
//
// The lexicon is used only for the dictionary files it was built from: the
// header keeps a hash of each .aff, .dic and add-on, compared with the files
// of the configured dictionary directory when the rule needs them.
//
// Thread-safety: immutable once opened; lookups are const and lock-free.
#ifndef REPLYLINT_CHECKS_SPELL_LEXICON_H_
#define REPLYLINT_CHECKS_SPELL_LEXICON_H_

#include <sys/stat.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace replylint {

// The dictionaries the lexicon holds, in the order of its header.
enum class LexiconDict : uint8_t { kRuRU, kEnUS, kEnGB };
inline constexpr int kLexiconDicts = 3;
inline constexpr const char* kLexiconDictNames[kLexiconDicts] = {"ru_RU", "en_US", "en_GB"};

// A file as stat() sees it. Where a dictionary's .aff and .dic still have
// the size and modification time they had when the lexicon was built, and
// its add-on the same hash, the lexicon is taken without reading them
// (hashing ru_RU's 3.5 MB was a twentieth of a cold check); otherwise
// their contents are hashed and compared.
struct LexiconFileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const LexiconFileStamp&) const = default;
};
inline std::optional<LexiconFileStamp> StampOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return LexiconFileStamp{static_cast<uint64_t>(st.st_size),
                          static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

// The file format, shared with the builder: a fixed header, then the trie,
// then the key filter. Keys are one tag byte + the word in UTF-8: the tag
// is the dictionary (kForm + d) for an accepted form, (kRoot + d) for a head
// word that Hunspell's stem() gives back as itself, (kStemStart + d) for the
// start of a head word. The filter also holds, under (kBeginTag + d), the
// beginnings of forms (every run of first letters, the form itself too),
// hashed a letter at a time (LexiconFilter::Walk); the trie does not.
struct LexiconHeader {
  char magic[8];                              // kLexiconMagic
  uint64_t hashes[kLexiconDicts];             // LexiconSourceHash of each dictionary's .aff, .dic, add-on
  LexiconFileStamp stamps[kLexiconDicts][2];  // of each dictionary's .aff and .dic
  uint64_t add_on_hashes[kLexiconDicts];      // LexiconSourceHash of each add-on alone
  uint64_t trie_offset, trie_size;            // from the start of the file
  uint64_t filter_offset, filter_blocks;      // a LexiconFilter of every key, 64-byte aligned
};
inline constexpr char kLexiconMagic[8] = {'R', 'L', 'L', 'E', 'X', '0', '0', '4'};
inline constexpr char kLexiconFormTag = 'a';  // + dictionary
inline constexpr char kLexiconRootTag = 'A';  // + dictionary
// The starts of head words (AffixForms::Key() of a stem's first 1 to
// kLexiconStemStart letters, where the stem is at least two letters longer),
// and the tag alone when the dictionary fits AffixForms' model.
inline constexpr char kLexiconStemStartTag = 'p';  // + dictionary
inline constexpr size_t kLexiconStemStart = 6;
// The beginnings of forms, in the filter only (SpellLexicon::MayBegin).
inline constexpr char kLexiconBeginTag = 'k';  // + dictionary

// A blocked Bloom filter over every key of the trie and the beginnings of
// forms (kLexiconBeginTag): a key sets kProbes bits of one 64-byte block. A
// key it lacks is not in the trie, so a lookup of a word no dictionary has
// (nearly all of the hundreds of candidates a correction search tries) costs
// a hash and one cache line instead of a walk down the trie (a tenth of the
// instructions); a key it holds goes on to the trie, which stays the judge.
// Built with the trie from the same keys, so it never turns a key away that
// the trie holds. 12 bits a key: about one word in 200 that is not there
// still goes on to the trie.
struct LexiconFilter {
  static constexpr size_t kBitsPerKey = 12;
  static constexpr int kProbes = 7;  // of 9 bits each: 63 bits of the second hash
  struct Block {
    uint64_t words[8];
  };

  // The hash of key `tag` + `word` (the same on the builder's machine and
  // the binary's: they are built together).
  static uint64_t Hash(char tag, std::string_view word) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(static_cast<unsigned char>(tag)) | (word.size() << 8));
    size_t i = 0;
    for (; i + 8 <= word.size(); i += 8) {
      uint64_t chunk;
      std::memcpy(&chunk, word.data() + i, 8);
      h = Mix(h ^ chunk);
    }
    uint64_t tail = 0;
    if (i < word.size()) std::memcpy(&tail, word.data() + i, word.size() - i);
    return Mix(h ^ tail ^ 0xD6E8FEB86659FD93ull);
  }
  // The beginnings of forms are hashed a letter at a time, so that a search
  // that adds a letter to a beginning pays for that letter alone: kWalkStart
  // for no letters, Walk() for each next one, and WalkHash() for the key of
  // `tag` + the letters walked.
  static constexpr uint64_t kWalkStart = 0x243F6A8885A308D3ull;
  static uint64_t Walk(uint64_t walk, char32_t letter) { return Mix(walk + letter); }
  static uint64_t WalkHash(char tag, uint64_t walk) {
    return walk ^ (0xA0761D6478BD642Full * static_cast<unsigned char>(tag));  // a walk is mixed already
  }
  // The block of a key's hash, of `blocks`.
  static uint64_t BlockOf(uint64_t hash, uint64_t blocks) { return ((hash >> 32) * blocks) >> 32; }
  static void Add(uint64_t hash, Block* block) {
    uint64_t probes = Mix(hash);
    for (int i = 0; i < kProbes; ++i, probes >>= 9) block->words[(probes >> 6) & 7] |= uint64_t{1} << (probes & 63);
  }
  static bool MayHold(uint64_t hash, const Block& block) {
    uint64_t probes = Mix(hash);
    for (int i = 0; i < kProbes; ++i, probes >>= 9) {
      if ((block.words[(probes >> 6) & 7] & (uint64_t{1} << (probes & 63))) == 0) return false;
    }
    return true;
  }

 private:
  // SplitMix64's finaliser.
  static uint64_t Mix(uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
};

// A hash of one dictionary's .aff, .dic and add-on texts: equal hashes, same
// dictionary (the builder and the binary are built together, so they share
// std::hash). A text is hashed in blocks of kBlock bytes, so the binary can
// hash a file as it reads it into one small buffer: reading 3.4 MB of ru_RU
// into memory of its own (or mapping it) costs a page fault a page, more
// than the hash.
class LexiconSourceHash {
 public:
  static constexpr size_t kBlock = 64 * 1024;

  // One text at once.
  void AddText(std::string_view text) {
    for (size_t at = 0; at < text.size(); at += kBlock) AddBlock(text.substr(at, kBlock));
    EndText();
  }
  // One text block by block: every block kBlock bytes but the last, then EndText().
  void AddBlock(std::string_view block) {
    text_ = (text_ ^ std::hash<std::string_view>()(block)) * kPrime;
    size_ += block.size();
  }
  void EndText() {
    out_ = (out_ ^ text_) * kPrime;
    out_ ^= size_;
    text_ = kSeed;
    size_ = 0;
  }
  uint64_t value() const { return out_; }
  // The hash of one text alone.
  static uint64_t Of(std::string_view text) {
    LexiconSourceHash h;
    h.AddText(text);
    return h.value();
  }

 private:
  static constexpr uint64_t kSeed = 0x9E3779B97F4A7C15ull, kPrime = 0x100000001B3ull;
  uint64_t out_ = kSeed, text_ = kSeed, size_ = 0;
};

class SpellLexicon {
 public:
  enum class Verdict : uint8_t { kNo, kYes, kAsk };

  // The lexicon embedded in the binary for dictionary `d` of directory
  // `dir` with `add_on`, when it was built from the same texts; null
  // otherwise. The files are read and hashed once per process and directory.
  static const SpellLexicon* ForDictionary(LexiconDict d, const std::string& dir, std::string_view add_on);

  // Hunspell::spell()'s verdict on `word`, or kAsk where only Hunspell can say.
  Verdict Spell(std::string_view word) const;
  // False only where no form the dictionary accepts exactly as written
  // begins with the letters of `walk` (LexiconFilter::Walk; the form itself
  // counts): a correction search stops where no word goes on. The key
  // filter answers alone: true wrongly for under 1% of the beginnings of no
  // form (the search then stops a letter later), false never.
  bool MayBegin(uint64_t walk) const;
  // Whether `word`, in lower case, is a head word that stem() returns as
  // itself (and spell() accepts); kAsk for any other word.
  Verdict IsRoot(std::string_view word) const;
  // AffixForms::StartsLongerStem(word, 2) for this dictionary alone:
  // whether a head word begins with `word` (in lower case) and is at least
  // two letters longer (пикс: пиксель). kAsk for words of more than
  // kLexiconStemStart letters, and for a dictionary AffixForms cannot model.
  Verdict StartsLongerStem(std::u32string_view word) const;

 private:
  SpellLexicon(const void* trie, const LexiconFilter::Block* filter, uint64_t filter_blocks, LexiconDict d)
      : trie_(trie), filter_(filter), filter_blocks_(filter_blocks), dict_(d) {}
  bool Has(char tag, std::string_view word) const;
  Verdict Lookup(char tag, std::string_view word) const;
  Verdict Break(char tag, std::string_view word) const;

  const void* trie_;                    // a marisa::Trie, mapped over the bytes (not owned)
  const LexiconFilter::Block* filter_;  // of every key in trie_ (not owned)
  uint64_t filter_blocks_;
  LexiconDict dict_;
};

}  // namespace replylint

#endif  // REPLYLINT_CHECKS_SPELL_LEXICON_H_
