// The compiled spelling lexicon: every form Debian's ru_RU, en_US and en_GB
// Hunspell dictionaries (with the support vocabulary added) accept, expanded
// at build time (tools/spell-lexicon) into one MARISA trie embedded in the
// binary, so a word is checked by a lookup instead of a Hunspell handle that
// takes 80 ms to load (ru_RU) and microseconds a word.
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

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace replylint {

// The dictionaries the lexicon holds, in the order of its header.
enum class LexiconDict : uint8_t { kRuRU, kEnUS, kEnGB };
inline constexpr int kLexiconDicts = 3;
inline constexpr const char* kLexiconDictNames[kLexiconDicts] = {"ru_RU", "en_US", "en_GB"};

// The file format, shared with the builder: a fixed header, then the trie.
// Keys are one tag byte + the word in UTF-8: the tag is the dictionary
// (kForm + d) for an accepted form, (kRoot + d) for a head word that
// Hunspell's stem() gives back as itself.
struct LexiconHeader {
  char magic[8];                    // kLexiconMagic
  uint64_t hashes[kLexiconDicts];   // LexiconSourceHash of each dictionary's .aff, .dic, add-on
  uint64_t trie_offset, trie_size;  // from the start of the file
};
inline constexpr char kLexiconMagic[8] = {'R', 'L', 'L', 'E', 'X', '0', '0', '1'};
inline constexpr char kLexiconFormTag = 'a';  // + dictionary
inline constexpr char kLexiconRootTag = 'A';  // + dictionary

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
  // Whether some form the dictionary accepts exactly as written begins with
  // `prefix` (a correction search stops where no word goes on).
  bool BeginsForm(std::string_view prefix) const;
  // Whether `word`, in lower case, is a head word that stem() returns as
  // itself (and spell() accepts); kAsk for any other word.
  Verdict IsRoot(std::string_view word) const;

 private:
  SpellLexicon(const void* trie, LexiconDict d) : trie_(trie), dict_(d) {}
  bool Has(char tag, std::string_view word) const;
  Verdict Lookup(char tag, std::string_view word) const;
  Verdict Break(char tag, std::string_view word) const;

  const void* trie_;  // a marisa::Trie, mapped over the bytes (not owned)
  LexiconDict dict_;
};

}  // namespace replylint

#endif  // REPLYLINT_CHECKS_SPELL_LEXICON_H_
