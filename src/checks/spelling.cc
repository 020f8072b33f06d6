// spelling: a misspelt word, checked with Hunspell in the word's own language
// (Cyrillic: ru_RU; Latin: en_US and en_GB, either accepting, unless the
// configuration picks one), with the support vocabulary always loaded.
//
// Minimal configuration (rules/spelling.yaml):
//   params:
//     english: either            # or en_US, en_GB
//     dictionary_dir: /usr/share/hunspell
//     suggestions: 3
//     max_edits: 2
//     skip_patterns: ['(?:https?|ftp)://\S+']
// and, at the top level of replylint.yaml, `vocab: team-words.txt`.
//
// A word is looked up in the compiled lexicon (spell_lexicon.h: every form
// the dictionaries accept, built with the binary and proven to give
// Hunspell's verdicts), which needs no loading; Hunspell itself judges only
// the rare word the lexicon leaves to it, on one handle per dictionary
// shared by the threads. Without a lexicon for the dictionary files found
// (another version, another dictionary_dir), Hunspell does all: its handles
// are costly (ru_RU takes about 80 ms of CPU to load), so they live in the
// per-thread SpellScratch, made lazily per dictionary: a Russian draft never
// loads an English dictionary. The scratch also caches every word's shape
// and verdict (support text repeats its words), corrections included: they
// are searched only for rejected words, once per thread, among a few hundred
// candidates each, most of which a quick test of the dictionaries' stems and
// affixes (AffixForms) rules out before Hunspell is asked. `check` starts
// loading its draft's dictionary before the rules are read
// (PreloadSpellingDictionaries), and the binary never frees the dictionaries
// (KeepSpellingDictionariesUntilExit): both take longer than the rest of a check.
#include <fcntl.h>
#include <re2/re2.h>
#include <sys/mman.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <hunspell/hunspell.hxx>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "base/string_hash.h"
#include "base/utf8.h"
#include "checks/affix_forms.h"
#include "checks/check.h"
#include "checks/spell_lexicon.h"
#include "lexicon/known_names.h"
#include "lexicon/name_forms.h"
#include "text/chars.h"
#include "text/words.h"

namespace replylint {
namespace {

enum Dict : uint8_t { kRuRU, kEnUS, kEnGB, kDictCount };

// The longest word the rule checks, in letters (the longest words of ru_RU
// and en_US have about 30).
constexpr size_t kMaxWordLetters = 40;
// The longest word whose verdict a thread keeps, in bytes: any word of
// kMaxWordLetters letters of up to four bytes each.
constexpr size_t kMaxCachedWordBytes = 4 * kMaxWordLetters;
constexpr const char* kDictNames[kDictCount] = {"ru_RU", "en_US", "en_GB"};

enum class English { kEither, kUS, kGB };

enum class Script : uint8_t { kOther, kLatin, kCyrillic };

Script ScriptOf(char32_t c) {
  if (c < 0x80) return chars::IsAsciiLetter(c) ? Script::kLatin : Script::kOther;
  if (chars::IsRussianLetter(c)) return Script::kCyrillic;
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &err);
  if (s == USCRIPT_LATIN) return Script::kLatin;
  if (s == USCRIPT_CYRILLIC) return Script::kCyrillic;
  return Script::kOther;
}

// Whether `c` belongs to a writing system of its own other than Latin and
// Cyrillic (Han, Hiragana, Greek, Arabic...), not one shared by all of them
// (a modifier apostrophe).
bool OfAnotherScript(char32_t c) {
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &err);
  return U_SUCCESS(err) && s != USCRIPT_COMMON && s != USCRIPT_INHERITED && s != USCRIPT_LATIN && s != USCRIPT_CYRILLIC;
}

// Keys side by side, or one above the other, on the QWERTY or ЙЦУКЕН
// keyboard (a lower row sits half a key to the right).
bool KeyboardNeighbours(char32_t a, char32_t b) {
  static const std::u32string kRows[2][3] = {{U"qwertyuiop", U"asdfghjkl", U"zxcvbnm"},
                                             {U"йцукенгшщзхъ", U"фывапролджэ", U"ячсмитьбю"}};
  for (const auto& layout : kRows) {
    for (size_t r = 0; r < 3; ++r) {
      const size_t i = layout[r].find(a);
      if (i == std::u32string::npos) continue;
      for (size_t q = 0; q < 3; ++q) {
        const size_t j = layout[q].find(b);
        if (j == std::u32string::npos) continue;
        if (q == r) return i + 1 == j || j + 1 == i;
        if (q == r + 1) return j + 1 == i || j == i;
        if (r == q + 1) return i + 1 == j || i == j;
        return false;
      }
    }
  }
  return false;
}

// Letters one is often written for the other: vowels (unstressed in
// Russian), voiced and voiceless pairs, г for в (сегодня), c/k/s.
bool SimilarLetters(char32_t a, char32_t b) {
  static const std::u32string kVowels = U"аеёиоуыэюяaeiouy";
  if (kVowels.find(a) != std::u32string::npos && kVowels.find(b) != std::u32string::npos) return true;
  static const std::u32string kPairs[] = {U"зс", U"дт", U"бп", U"гк", U"вф", U"жш", U"гв", U"цс",
                                          U"шщ", U"чщ", U"ьъ", U"йи", U"ck", U"cs", U"sz"};
  for (const auto& p : kPairs) {
    if ((p[0] == a && p[1] == b) || (p[0] == b && p[1] == a)) return true;
  }
  return false;
}

// A relation between two letters (KeyboardNeighbours, SimilarLetters) as a
// table over the letters of both alphabets, built once: the correction
// search asks it for every candidate, tens of thousands of times a word.
class LetterPairs {
 public:
  explicit LetterPairs(bool (*related)(char32_t, char32_t)) : related_(related) {
    for (char32_t x : kLetters) {
      for (char32_t y : kLetters) {
        if (related(x, y)) table_[Index(x)] |= uint64_t{1} << Index(y);
      }
    }
  }
  bool operator()(char32_t a, char32_t b) const {
    const size_t ia = Index(a), ib = Index(b);
    if (ia == kNone || ib == kNone) return related_(a, b);
    return (table_[ia] >> ib & 1) != 0;
  }

 private:
  friend class RelatedLetters;
  static constexpr std::u32string_view kLetters = U"abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюяё";
  static constexpr size_t kNone = 63;
  // a..z 0..25, а..я 26..57, ё 58.
  static size_t Index(char32_t c) {
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= 0x430 && c <= 0x44F) return 26 + (c - 0x430);
    return c == 0x451 ? 58 : kNone;
  }
  bool (*related_)(char32_t, char32_t);
  std::array<uint64_t, 64> table_{};
};

// For each letter of the table, the other letters of an alphabet that a
// relation ties to it, in the alphabet's order, built once: a search that
// tries related letters only walks these two or three (nine for a vowel)
// instead of the whole alphabet, and tries them in the same order.
class RelatedLetters {
 public:
  RelatedLetters(const LetterPairs& pairs, std::u32string_view alphabet) {
    for (char32_t b : LetterPairs::kLetters) {
      for (char32_t a : alphabet) {
        if (a != b && pairs(a, b)) related_[LetterPairs::Index(b)] += a;
      }
    }
  }
  // Null for a letter outside the table.
  const std::u32string* Of(char32_t b) const {
    const size_t i = LetterPairs::Index(b);
    return i == LetterPairs::kNone ? nullptr : &related_[i];
  }

 private:
  std::array<std::u32string, 64> related_;
};

// The letters the correction search puts in, most frequent first.
constexpr std::u32string_view kCyrillicAlphabet = U"оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъё";
constexpr std::u32string_view kLatinAlphabet = U"etaoinshrdlcumwfgypbvkjxqz'";

// Optimal string alignment distance (Levenshtein with adjacent swaps) over
// code points, stopping early once it exceeds `limit`.
size_t EditDistance(const std::u32string& a, const std::u32string& b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::u32string FoldedCodePoints(std::string_view s) { return ToU32(FoldForMatch(s)); }

// Hunspell's add_dic() reads a dictionary by path, and the support vocabulary
// is embedded in the binary. memfd_create() gives an anonymous in-memory file
// that Hunspell opens as /proc/self/fd/N: nothing on disk for others to read
// or for a crash to leave behind, no temporary directory needed. Where that
// is unavailable, the text goes to a private temporary file (mkstemp, mode
// 0600) that is removed as soon as Hunspell has read it. (add_with_affix()
// needs a model word per entry at run time and cannot take the flags the
// add-on dictionaries carry.)
bool AddDictionaryText(Hunspell* h, std::string_view text) {
  auto write_all = [&](int fd) {
    for (size_t done = 0; done < text.size();) {
      const ssize_t n = write(fd, text.data() + done, text.size() - done);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  };
  const int mfd = memfd_create("replylint-dic", MFD_CLOEXEC);
  if (mfd >= 0) {
    const std::string path = "/proc/self/fd/" + std::to_string(mfd);
    const bool ok = write_all(mfd) && access(path.c_str(), R_OK) == 0 && h->add_dic(path.c_str()) == 0;
    close(mfd);
    if (ok) return true;
  }
  std::string tmpl = (std::filesystem::temp_directory_path() / "replylint-dic-XXXXXX").string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return false;
  const bool written = write_all(fd);
  close(fd);
  const bool ok = written && h->add_dic(tmpl.c_str()) == 0;
  std::remove(tmpl.c_str());
  return ok;
}

// Hunspell's constructor and destructor share a process-wide table
// (csutil's utf_tbl, reference-counted without a lock): two threads making or
// dropping handles at once leak or free it twice (ASan saw the leak). Only
// their lifetime needs the lock; spell() is per handle.
std::mutex& HunspellLifetimeMutex() {
  static std::mutex m;
  return m;
}

// Set by KeepSpellingDictionariesUntilExit().
std::atomic<bool> keep_until_exit{false};

struct HunspellDeleter {
  void operator()(Hunspell* h) const {
    const std::lock_guard<std::mutex> lock(HunspellLifetimeMutex());
    if (keep_until_exit.load(std::memory_order_relaxed)) {
      // Still reachable from here until the process ends.
      static auto* const kept = new std::vector<Hunspell*>();
      kept->push_back(h);
      return;
    }
    delete h;
  }
};
using HunspellPtr = std::unique_ptr<Hunspell, HunspellDeleter>;

// One dictionary of `dir` with its support vocabulary added. The files were
// checked when the rule was built; the add-on is ours.
HunspellPtr LoadDictionary(const std::string& dir, Dict d, const std::string& add_on) {
  const std::string base = dir + "/" + kDictNames[d];
  HunspellPtr h;
  {
    const std::lock_guard<std::mutex> lock(HunspellLifetimeMutex());
    h.reset(new Hunspell((base + ".aff").c_str(), (base + ".dic").c_str()));
  }
  if (!AddDictionaryText(h.get(), add_on)) {
    std::fprintf(stderr, "replylint: spelling: cannot load the support vocabulary for %s\n", kDictNames[d]);
  }
  return h;
}

// The dictionaries a sample text needs, by its main script: a Russian draft
// ru_RU, an English one the English dictionaries in use (a typo is looked up
// in both en_US and en_GB when either is accepted).
std::vector<Dict> DictionariesFor(std::string_view sample, English english) {
  size_t cyrillic = 0, latin = 0;
  for (size_t i = 0; i < sample.size();) {
    const char32_t c = DecodeUtf8(sample, &i);
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    const Script s = ScriptOf(c);
    cyrillic += s == Script::kCyrillic;
    latin += s == Script::kLatin;
  }
  if (cyrillic == 0 && latin == 0) return {};
  if (cyrillic >= latin) return {kRuRU};
  if (english == English::kUS) return {kEnUS};
  if (english == English::kGB) return {kEnGB};
  return {kEnUS, kEnGB};
}

// The dictionaries of `dicts` that no compiled lexicon of `dir` stands for.
std::vector<Dict> WithoutLexicon(const std::string& dir, std::vector<Dict> dicts,
                                 const std::array<std::string, kDictCount>& add_ons) {
  dicts.erase(
      std::remove_if(
          dicts.begin(), dicts.end(),
          [&](Dict d) { return SpellLexicon::ForDictionary(static_cast<LexiconDict>(d), dir, add_ons[d]) != nullptr; }),
      dicts.end());
  return dicts;
}

// Dictionaries loaded ahead of need, on a thread of their own, for the whole
// process: `check` starts its draft's before the rules are read
// (PreloadSpellingDictionaries), the rule again when it is built (Prepare:
// a no-op when the same are under way). The first worker that needs one
// takes it; the others load their own. Never destroyed, so that a load
// still running at exit (a draft whose words all turned out to be skipped)
// is abandoned rather than waited for.
class Preloads {
 public:
  static Preloads& Instance() {
    static Preloads* const p = new Preloads();
    return *p;
  }

  void Start(const std::string& dir, const std::vector<Dict>& dicts,
             const std::array<std::string, kDictCount>& add_ons) {
    std::vector<Dict> todo;
    std::vector<std::promise<HunspellPtr>> promises;
    {
      const std::lock_guard<std::mutex> lock(mu_);
      for (Dict d : dicts) {
        if (!started_.insert(Key(dir, d)).second) continue;
        todo.push_back(d);
        pending_[Key(dir, d)] = promises.emplace_back().get_future();
      }
    }
    if (todo.empty()) return;
    // One thread, the dictionaries in turn: the caller's thread goes on
    // reading and compiling the rules on the other core.
    std::thread([dir, todo, add_ons, promises = std::move(promises)]() mutable {
      for (size_t i = 0; i < todo.size(); ++i) promises[i].set_value(LoadDictionary(dir, todo[i], add_ons[todo[i]]));
    }).detach();
  }

  // The preloaded handle of `d` in `dir` (waiting for it), or null when none
  // was started or another thread took it.
  HunspellPtr Take(const std::string& dir, Dict d) {
    std::future<HunspellPtr> f;
    {
      const std::lock_guard<std::mutex> lock(mu_);
      auto it = pending_.find(Key(dir, d));
      if (it == pending_.end()) return nullptr;
      f = std::move(it->second);
      pending_.erase(it);
    }
    return f.get();
  }

 private:
  static std::string Key(const std::string& dir, Dict d) { return dir + '/' + kDictNames[d]; }

  std::mutex mu_;
  std::set<std::string> started_;
  std::map<std::string, std::future<HunspellPtr>> pending_;
};

// With compiled lexicons, one Hunspell handle per dictionary for the whole
// process, for the few words a lexicon leaves to Hunspell (a hyphenated word
// it does not list whole): a handle per worker cost each worker 80 ms of CPU
// and 40 MB (ru_RU) for a handful of words. Calls take turns (Hunspell
// handles are not safe to share between threads).
class SharedHunspell {
 public:
  // `f(Hunspell*)`, on the handle of `d`, loaded on first need.
  template <typename F>
  auto With(const std::string& dir, Dict d, const std::string& add_on, F&& f) {
    const std::lock_guard<std::mutex> lock(mu_[d]);
    if (!handles_[d]) {
      handles_[d] = Preloads::Instance().Take(dir, d);
      if (!handles_[d]) handles_[d] = LoadDictionary(dir, d, add_on);
    }
    return f(handles_[d].get());
  }

 private:
  std::array<std::mutex, kDictCount> mu_;
  std::array<HunspellPtr, kDictCount> handles_;
};

// The filters of candidate corrections (AffixForms), one for Russian and one
// for English (the dictionaries the rule reads), shared by the worker
// threads. Each is built when the 16th word of its script needs corrections
// — it takes about as long as corrections for a dozen words, so a check of a
// draft never pays for it — and used from then on; null when the
// dictionaries are not ones it models. It only spares Hunspell lookups:
// results are the same with it or without it.
class CandidateFilter {
 public:
  // `dicts`: the dictionaries of the script, with their add-ons.
  // `now`: built at once, for a verdict rather than for speed.
  const AffixForms* Get(const std::string& dir, const std::vector<Dict>& dicts,
                        const std::array<std::string, kDictCount>& add_ons, bool now = false) {
    if (uses_.fetch_add(1, std::memory_order_relaxed) < kAfter && !now) return nullptr;
    std::call_once(once_, [&] {
      auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
      };
      std::vector<std::string> texts;
      std::vector<AffixForms::Dictionary> sources;
      texts.reserve(2 * dicts.size());
      for (Dict d : dicts) {
        const std::string base = dir + "/" + kDictNames[d];
        const std::string& aff = texts.emplace_back(read(base + ".aff"));
        sources.push_back({aff, {texts.emplace_back(read(base + ".dic")), add_ons[d]}});
      }
      forms_ = AffixForms::Create(sources);
    });
    return forms_.get();
  }

 private:
  static constexpr int kAfter = 16;
  std::atomic<int> uses_{0};
  std::once_flag once_;
  std::unique_ptr<AffixForms> forms_;
};

// The candidates one correction search has tried: an open-addressing set
// over one buffer, kept by the thread's scratch and emptied per search (a
// node and a string per candidate in an unordered_set were a fifth of the
// search).
class CandidateSet {
 public:
  // Empties the set; the memory stays for the next search.
  void Reset() {
    arena_.clear();
    size_ = 0;
    if (++generation_ == 0) {  // wrapped: forget every slot
      std::fill(slots_.begin(), slots_.end(), Slot{});
      generation_ = 1;
    }
    if (slots_.empty()) slots_.resize(1024);
  }
  size_t size() const { return size_; }
  // True when `s` was not in the set (and now is).
  bool Insert(std::u32string_view s) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const size_t hash = XXH3_64bits(s.data(), s.size() * sizeof(char32_t));
    for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.generation != generation_) {
        slot = {generation_, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(s.size()), hash};
        arena_.append(s);
        ++size_;
        return true;
      }
      if (slot.hash == hash && View(slot) == s) return false;
    }
  }

 private:
  struct Slot {
    uint32_t generation = 0;  // a slot of another search is empty
    uint32_t offset = 0, size = 0;
    size_t hash = 0;
  };
  std::u32string_view View(const Slot& s) const { return std::u32string_view(arena_).substr(s.offset, s.size); }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.generation != generation_) continue;
      size_t i = s.hash & (slots_.size() - 1);
      while (slots_[i].generation == generation_) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  std::u32string arena_;
  std::vector<Slot> slots_;
  uint32_t generation_ = 0;
  size_t size_ = 0;
};

// Letters, capitals and scripts of a word as written.
struct WordShape {
  uint32_t letters = 0, upper = 0;  // letters, capitals among them
  Script first_script = Script::kOther;
  bool other_script = false;  // a letter of another writing system
  bool first_upper = false, after_hyphen_upper = false;
  bool inner_upper = false;  // a capital inside a part (iPhone)
  bool hyphen = false;
  bool mixed = false;  // letters of both Latin and Cyrillic
};

WordShape ShapeOf(std::string_view word) {
  WordShape w;
  Script script = Script::kOther;
  bool part_start = true;
  for (size_t i = 0; i < word.size();) {
    const char32_t c = DecodeUtf8(word, &i);
    if (c == '-') {
      w.hyphen = part_start = true;
      continue;
    }
    if (!chars::IsAlpha(c)) continue;
    const Script sc = ScriptOf(c);
    // A letter of another writing system (orderの, Amazonで: Latin glued
    // to Japanese) makes the word no word of these dictionaries: it is
    // not checked, nor is a part of it corrected.
    if (sc == Script::kOther && OfAnotherScript(c)) {
      w.other_script = true;
      return w;
    }
    if (w.letters == 0) w.first_script = sc;
    if (script == Script::kOther) script = sc;
    if (sc != script && sc != Script::kOther) w.mixed = true;
    if (chars::IsUpper(c) || chars::IsTitle(c)) {
      ++w.upper;
      if (w.letters == 0)
        w.first_upper = true;
      else if (part_start)
        w.after_hyphen_upper = true;
      else
        w.inner_upper = true;
    }
    part_start = false;
    ++w.letters;
  }
  return w;
}

// Per-thread state: the Hunspell handles, loaded on first need, and the
// verdict of every word seen, keyed by the word as written.
class SpellScratch : public CheckScratch {
 public:
  struct Verdict {
    WordShape shape;
    std::string folded;   // FoldForMatch of the word; empty until computed
    bool vocab = false;   // the support vocabulary covers it (with `folded`)
    bool judged = false;  // `ok` computed
    bool ok = false;
    bool suggested = false;                // `suggestions` computed
    std::vector<std::string> suggestions;  // Hunspell's, best first, no splits
  };

  SpellScratch(const std::string& dir, const std::array<std::string, kDictCount>& add_ons)
      : dir_(dir), add_ons_(add_ons) {}

  // The compiled lexicon of `d` (null when it was built from other files):
  // looked up once per thread.
  const SpellLexicon* Lexicon(Dict d) {
    if (!lexicon_looked_up_[d]) {
      lexicon_looked_up_[d] = true;
      lexicons_[d] = SpellLexicon::ForDictionary(static_cast<LexiconDict>(d), dir_, add_ons_[d]);
    }
    return lexicons_[d];
  }

  Hunspell* Handle(Dict d) {
    if (!loaded_[d]) {
      loaded_[d] = true;
      handles_[d] = Preloads::Instance().Take(dir_, d);
      if (!handles_[d]) handles_[d] = LoadDictionary(dir_, d, add_ons_[d]);
    }
    return handles_[d].get();
  }

  // The candidates of the thread's correction search (one at a time).
  CandidateSet candidates;

  // The cached verdict slot for `word` (creates it). A scratch serves one
  // check, whose dictionaries for a word depend on the word alone.
  Verdict* Find(std::string_view word, bool* fresh) {
    auto it = cache_.find(word);
    *fresh = it == cache_.end();
    if (*fresh) it = cache_.emplace(std::string(word), Verdict{}).first;
    return &it->second;
  }

  // Bounded memory on endless audits: the cache starts over, between
  // messages (a verdict in use stays valid while its message is checked).
  void TrimCache() {
    if (cache_.size() >= kMaxCache) cache_.clear();
  }

 private:
  static constexpr size_t kMaxCache = 1 << 18;
  const std::string& dir_;                              // the check's
  const std::array<std::string, kDictCount>& add_ons_;  // the check's
  std::array<HunspellPtr, kDictCount> handles_;
  std::array<bool, kDictCount> loaded_{};
  std::array<const SpellLexicon*, kDictCount> lexicons_{};
  std::array<bool, kDictCount> lexicon_looked_up_{};
  std::unordered_map<std::string, Verdict, StringHash, std::equal_to<>> cache_;
};

// Words that also cover their inflected forms — the team's words and the
// names of the people in the conversation: «маркетплейс» covers
// «маркетплейсе», «Морозов» covers «Морозову», "Zendesk" covers "Zendesk's".
// A word of four letters or more stands for its stem (less a final vowel, й
// or ь) and up to three more letters. Lookups do not allocate.
class WordStems {
 public:
  void Add(const std::string& folded) {
    exact_.insert(folded);
    if (!folded.empty()) {
      size_t at = 0;
      const char32_t first = DecodeUtf8(folded, &at);
      if (std::find(firsts_.begin(), firsts_.end(), first) == firsts_.end()) firsts_.push_back(first);
    }
    if (CountCodePoints(folded) < 4) return;
    size_t last = folded.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(folded[last]) & 0xC0) == 0x80) --last;
    size_t i = last;
    static const std::u32string kDropped = U"аяоеыиуюйьaey";
    const bool drop = kDropped.find(DecodeUtf8(folded, &i)) != std::u32string::npos;
    stems_.insert(drop ? folded.substr(0, last) : folded);
  }
  bool Covers(std::string_view folded) const {
    // Every entry and stem begins with its word's first letter: most words
    // are told apart by it, without hashing them five times.
    if (!folded.empty()) {
      size_t at = 0;
      if (std::find(firsts_.begin(), firsts_.end(), DecodeUtf8(folded, &at)) == firsts_.end()) return false;
    }
    if (exact_.find(folded) != exact_.end()) return true;
    size_t end = folded.size();
    for (int dropped = 0; dropped <= 3 && end > 0; ++dropped) {
      if (dropped > 0) {
        do --end;
        while (end > 0 && (static_cast<unsigned char>(folded[end]) & 0xC0) == 0x80);
      }
      if (stems_.find(folded.substr(0, end)) != stems_.end()) return true;
    }
    return false;
  }

 private:
  std::unordered_set<std::string, StringHash, std::equal_to<>> exact_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> stems_;
  std::vector<char32_t> firsts_;  // the first letters of the entries
};

// A Russian surname in any case: Морозову, Ковальчуку, Петровской, Кузнецовой.
bool LooksLikeRussianSurname(const std::u32string& w) {
  static const std::u32string kEndings[] = {U"ыми", U"ого", U"ому", U"ими", U"ою", U"ой", U"ом",
                                            U"ым",  U"ых",  U"их",  U"ий",  U"ая", U"ую", U"ую",
                                            U"ем",  U"а",   U"у",   U"е",   U"ы",  U"и",  U""};
  static const std::u32string kStems[] = {U"ов", U"ев", U"ёв",  U"ин", U"ын", U"ск",  U"цк",    U"енко", U"чук", U"щук",
                                          U"юк", U"ук", U"вич", U"ич", U"ян", U"дзе", U"швили", U"ых",   U"их"};
  auto ends_with = [](const std::u32string& s, const std::u32string& e) {
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
  };
  for (const auto& e : kEndings) {
    if (!ends_with(w, e)) continue;
    const std::u32string stem = w.substr(0, w.size() - e.size());
    if (stem.size() < 4) continue;
    for (const auto& s : kStems) {
      if (ends_with(stem, s)) return true;
    }
  }
  return false;
}

// English weekday and month names, the proper nouns support replies write
// most: a capitalised word one or two edits from one is a typo (Wensday,
// Febuary), not a name, even in mid-sentence. Returns the name, capitalised,
// or an empty string.
std::string CalendarWordNear(const std::u32string& folded) {
  static const std::u32string kWords[] = {U"monday", U"tuesday", U"wednesday", U"thursday", U"friday",   U"saturday",
                                          U"sunday", U"january", U"february",  U"march",    U"april",    U"june",
                                          U"july",   U"august",  U"september", U"october",  U"november", U"december"};
  for (const auto& w : kWords) {
    // The first letter kept: "Rach" is a name, not March less its M.
    if (folded.empty() || folded[0] != w[0]) continue;
    const size_t d = EditDistance(folded, w, 2);
    if (d < 1 || d > 2) continue;
    std::string out;
    for (size_t i = 0; i < w.size(); ++i) {
      AppendUtf8(i == 0 ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(w[0]))) : w[i], &out);
    }
    return out;
  }
  return "";
}

class SpellingCheck : public Check {
 public:
  SpellingCheck(const RuleSpec& spec, English english, std::string dir, size_t suggestions, size_t max_edits,
                std::unique_ptr<re2::RE2> skip, std::array<std::string, kDictCount> add_ons)
      : Check(spec),
        english_(english),
        dir_(std::move(dir)),
        suggestions_(suggestions),
        max_edits_(max_edits),
        skip_(std::move(skip)),
        add_ons_(std::move(add_ons)) {
    for (const std::string& w : spec.vocab) vocab_.Add(FoldForMatch(w));
  }

  std::unique_ptr<CheckScratch> NewScratch() const override { return std::make_unique<SpellScratch>(dir_, add_ons_); }

  // The Hunspell dictionaries of the sample's main script start loading
  // now, unless compiled lexicons stand for them.
  void Prepare(std::string_view sample) const override {
    Preloads::Instance().Start(dir_, WithoutLexicon(dir_, DictionariesFor(sample, english_), add_ons_), add_ons_);
  }

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    auto* scratch = static_cast<SpellScratch*>(ctx.scratch);
    scratch->TrimCache();
    const MessageText& t = ctx.text();
    const std::string& text = t.text();
    const Script reply_script = ctx.reply_lang() == Lang::kRu ? Script::kCyrillic : Script::kLatin;
    const std::vector<Span> skipped = SkippedSpans(t.folded());
    const WordStems& people = People(ctx);
    const size_t sign_off = SignOffNames(t);
    const std::vector<Span> addressed = AddressedNames(ctx);
    const size_t first_finding = out->size();
    size_t next_skip = 0, next_name = 0;  // words come in order: both lists are walked once
    std::vector<Word> tail_words;
    for (size_t line = 0; line < t.lines().size(); ++line) {
      if (t.quoted(line)) continue;
      const Span ls = t.lines()[line];
      const std::span<const Word> words = t.LineWords(line, &tail_words);
      for (size_t k = 0; k < words.size(); ++k) {
        const Span s = words[k].span;
        while (next_skip < skipped.size() && skipped[next_skip].end <= s.start) ++next_skip;
        if (next_skip < skipped.size() && skipped[next_skip].start < s.end) continue;
        while (next_name < addressed.size() && addressed[next_name].end <= s.start) ++next_name;
        const bool addressed_name = next_name < addressed.size() && addressed[next_name].start < s.end;
        if (t.InQuote(s.start, s.end) || TouchesCode(text, s) || s.start >= sign_off || addressed_name) continue;
        // Only a capitalised word asks whether it starts a sentence.
        const bool initial = words[k].capitalized && SentenceInitial(text, ls.start, s.start);
        // A capitalised word before another one that is no given name: a
        // name of several words (Shopify Store Support, Альфа Банк).
        const bool title_phrase = words[k].capitalized && k + 1 < words.size() && words[k + 1].capitalized &&
                                  !words[k + 1].all_caps && !SentenceInitial(text, ls.start, words[k + 1].span.start) &&
                                  NameForms::Instance()
                                      .Readings(FoldForMatch(std::string_view(text).substr(words[k + 1].span.start,
                                                                                           words[k + 1].span.size())))
                                      .empty();
        auto near_name = [&] {
          for (size_t n : {k - 1, k + 1}) {
            if (n >= words.size() || !words[n].capitalized) continue;
            const std::string f =
                FoldForMatch(std::string_view(text).substr(words[n].span.start, words[n].span.size()));
            if (!NameForms::Instance().Readings(f).empty()) return true;
          }
          return false;
        };
        // No neighbour in the word's own script: a lone foreign word.
        auto script_at = [&](size_t n) {
          size_t i = words[n].span.start;
          return ScriptOf(DecodeUtf8(text, &i));
        };
        const Script own = script_at(k);
        const bool lone = (k == 0 || script_at(k - 1) != own) && (k + 1 >= words.size() || script_at(k + 1) != own);
        CheckToken(ctx, scratch, s, initial, title_phrase, lone, reply_script, people, near_name, out);
      }
    }
    MergeRepeats(ctx, first_finding, out);
  }

 private:
  template <typename NearName>
  void CheckToken(const MessageContext& ctx, SpellScratch* scratch, Span s, bool initial, bool title_phrase, bool lone,
                  Script reply_script, const WordStems& people, NearName&& near_name, std::vector<Finding>* out) const {
    const std::string_view word = std::string_view(ctx.text().text()).substr(s.start, s.size());
    // What depends on the word alone is kept per thread: its shape, its
    // folded form, whether the vocabulary covers it, the dictionaries'
    // verdict and the corrections. A longer word (a code, letters buried
    // in combining marks) is judged afresh each time, so that the cache's
    // memory is bounded by its count of words.
    bool fresh = true;
    std::unique_ptr<SpellScratch::Verdict> uncached;
    if (word.size() > kMaxCachedWordBytes) uncached = std::make_unique<SpellScratch::Verdict>();
    SpellScratch::Verdict* v = uncached ? uncached.get() : scratch->Find(word, &fresh);
    if (fresh) v->shape = ShapeOf(word);
    const WordShape& shape = v->shape;
    if (shape.other_script) return;
    const size_t letters = shape.letters;
    const bool first_upper = shape.first_upper, hyphen = shape.hyphen;
    const Script first_script = shape.first_script;
    // A hyphenated word of two scripts (Wi-Fi-роутер) is checked part by part.
    if (shape.mixed && hyphen) {
      size_t start = s.start;
      for (size_t i = 0; i <= word.size(); ++i) {
        if (i == word.size() || word[i] == '-') {
          if (s.start + i > start)
            CheckToken(ctx, scratch, {start, s.start + i}, initial && start == s.start, title_phrase, lone,
                       reply_script, people, near_name, out);
          start = s.start + i + 1;
        }
      }
      return;
    }
    if (letters < 2 || first_script == Script::kOther) return;
    // A "word" longer than any word of the dictionaries is a code, a hash,
    // base64 or a key held down: not checked, and never given to the
    // correction search, whose work grows with the square of the length.
    if (letters > kMaxWordLetters) return;
    if (shape.upper == letters) return;                         // ALL-CAPS: an abbreviation (СМС, SIM)
    if (shape.inner_upper || shape.after_hyphen_upper) return;  // ВкусноДом, iPhone, Санкт-Петербург
    if (first_upper && first_script != reply_script) return;  // Trello in a Russian reply
    // A lone word of the other script is a term, a brand or a code (paypal,
    // cvc in a Russian reply); a phrase in the other language is checked.
    if (first_script != reply_script && lone) return;
    if (v->folded.empty()) {  // a word is never empty, nor its folded form
      v->folded = FoldForMatch(word);
      v->vocab = vocab_.Covers(v->folded);
    }
    // A word the dictionaries accepted before is let through by every test
    // between here and their verdict: ask none of them again (the names of
    // the conversation cost a few hashes a word).
    if (v->judged && v->ok) return;
    const std::string& folded = v->folded;
    if (v->vocab || people.Covers(folded)) return;
    if (first_upper) {
      if (!NameForms::Instance().Readings(folded).empty()) return;  // a given name, in any case
      if (KnownNames::Instance().Contains(folded)) return;          // Lexie, Anwar: a name anywhere
      if (near_name()) return;                                      // the surname beside it
    }
    if (first_upper && !initial) {
      // In mid-sentence a capitalised word is a name, a brand or a place,
      // unless it is a misspelt weekday or month.
      if (first_script != Script::kLatin || CalendarWordNear(FoldedCodePoints(word)).empty()) return;
    }
    if (!v->judged) {
      v->judged = true;
      const std::string clean = Clean(word);
      v->ok = Accepts(scratch, first_script, clean) ||
              (first_script == Script::kCyrillic ? AcceptsRussianForm(scratch, clean)
                                                 : AcceptsEnglishPrefixed(scratch, clean));
    }
    if (v->ok || (first_upper && title_phrase)) return;
    if (Abbreviation(scratch, ctx.text().text(), s, letters, first_upper || hyphen, first_script)) return;
    // A capitalised Russian word shaped like a surname (Морозову) is one.
    if (first_upper && first_script == Script::kCyrillic && LooksLikeRussianSurname(FoldedCodePoints(word))) return;
    if (hyphen) {
      // Кешбэк-сервис, таск-менеджер: the parts are words of their own. A
      // misspelt part makes the whole word the finding when a correction of
      // the whole is near (лайф-хаком: лайфхаком), else the part is. A
      // hyphen put into a dictionary word (un-packaged, re-send) is a choice
      // of style, not a misspelling.
      std::string joined = Clean(word);
      joined.erase(std::remove(joined.begin(), joined.end(), '-'), joined.end());
      if (Accepts(scratch, first_script, joined)) return;
      std::vector<Finding> parts;
      size_t start = s.start;
      for (size_t i = 0; i <= word.size(); ++i) {
        if (i == word.size() || word[i] == '-') {
          if (s.start + i > start)
            CheckToken(ctx, scratch, {start, s.start + i}, initial && start == s.start, title_phrase, false,
                       reply_script, people, near_name, &parts);
          start = s.start + i + 1;
        }
      }
      if (parts.empty()) return;
      if (!v->suggested) Suggest(scratch, first_script, word, letters, v);
      if (v->suggestions.empty()) {
        for (Finding& f : parts) out->push_back(std::move(f));
        return;
      }
    } else {
      if (!v->suggested) {
        Suggest(scratch, first_script, word, letters, v);
        if (first_upper && first_script == Script::kLatin) {
          // A near weekday or month beats a rarer word one edit away (Wensday: Wendy).
          std::string day = CalendarWordNear(FoldedCodePoints(word));
          if (!day.empty()) {
            v->suggestions.erase(std::remove(v->suggestions.begin(), v->suggestions.end(), day), v->suggestions.end());
            v->suggestions.insert(v->suggestions.begin(), std::move(day));
            if (v->suggestions.size() > suggestions_) v->suggestions.pop_back();
          }
        }
      }
      // Only a near correction makes a typo: an unknown word with none is more
      // often a term, a name or a new word (the brand that starts a sentence).
      if (v->suggestions.empty()) return;
    }
    Finding f = Make(ctx, s, "misspelt", "", {{"word", std::string(word)}});
    f.suggestion = JoinAlternatives(v->suggestions, ctx.reply_lang());
    out->push_back(std::move(f));
  }

  // A short lower-case word with a dot after it that starts a longer
  // dictionary word is an abbreviation: «пикс.», «руб.», "approx.", "min.".
  // Where the dot may end the sentence (a capital or the end follows), only
  // after a number (1080 пикс., 5 шт.): «заказ завтр. Точное…» is a word
  // cut short.
  bool Abbreviation(SpellScratch* scratch, const std::string& text, Span s, size_t letters, bool capitalised_or_hyphen,
                    Script script) const {
    if (capitalised_or_hyphen || letters < 2 || letters > 5 || s.end >= text.size() || text[s.end] != '.') return false;
    size_t next = s.end + 1;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\t')) ++next;
    size_t at = next;
    const bool may_end =
        next >= text.size() || text[next] == '\n' || u_isupper(static_cast<UChar32>(DecodeUtf8(text, &at))) != 0;
    if (may_end) {
      size_t prev = s.start;
      while (prev > 0 && (text[prev - 1] == ' ' || text[prev - 1] == '\t')) --prev;
      if (prev == 0 || !std::isdigit(static_cast<unsigned char>(text[prev - 1]))) return false;
    }
    const std::u32string w = ToU32(Clean(std::string_view(text).substr(s.start, s.size())));
    // The compiled lexicon knows the starts of head words; else (or for a
    // longer word) the stems are read from the files, once.
    bool starts = false;
    for (Dict d : DictsOf(script)) {
      const SpellLexicon* lex = scratch->Lexicon(d);
      const SpellLexicon::Verdict v = lex != nullptr ? lex->StartsLongerStem(w) : SpellLexicon::Verdict::kAsk;
      if (v == SpellLexicon::Verdict::kAsk) {
        const AffixForms* forms = FormsOf(script, /*now=*/true);
        return forms != nullptr && forms->StartsLongerStem(w, 2);
      }
      starts = starts || v == SpellLexicon::Verdict::kYes;
    }
    return starts;
  }

  // One finding per misspelt word per message: the first place it stands,
  // with how many times it does (a word misspelt five times is one slip of
  // knowledge, not five findings).
  void MergeRepeats(const MessageContext& ctx, size_t first, std::vector<Finding>* out) const {
    if (out->size() - first < 2) return;
    std::vector<Finding> merged;
    std::vector<std::string> keys;
    std::vector<size_t> counts;
    for (size_t i = first; i < out->size(); ++i) {
      std::string key = FoldForMatch((*out)[i].text);
      const auto it = std::find(keys.begin(), keys.end(), key);
      if (it != keys.end()) {
        ++counts[static_cast<size_t>(it - keys.begin())];
        continue;
      }
      keys.push_back(std::move(key));
      counts.push_back(1);
      merged.push_back(std::move((*out)[i]));
    }
    for (size_t i = 0; i < merged.size(); ++i) {
      if (counts[i] == 1) continue;
      Finding f = Make(ctx, {merged[i].start, merged[i].end}, "misspelt_repeated", "",
                       {{"word", merged[i].text}, {"count", std::to_string(counts[i])}});
      f.suggestion = std::move(merged[i].suggestion);
      merged[i] = std::move(f);
    }
    out->resize(first);
    for (Finding& f : merged) out->push_back(std::move(f));
  }

  std::vector<Dict> EnglishDicts() const {
    if (english_ == English::kUS) return {kEnUS};
    if (english_ == English::kGB) return {kEnGB};
    return {kEnUS, kEnGB};
  }

  // The dictionaries of a script's words.
  std::vector<Dict> DictsOf(Script script) const {
    return script == Script::kCyrillic ? std::vector<Dict>{kRuRU} : EnglishDicts();
  }

  // The stems and affixes of a script's dictionaries, read from the files
  // (see CandidateFilter; `now`: at once, for a verdict).
  const AffixForms* FormsOf(Script script, bool now = false) const {
    return (script == Script::kCyrillic ? russian_filter_ : english_filter_).Get(dir_, DictsOf(script), add_ons_, now);
  }

  // True when the dictionaries of `script` accept `w` (English: en_US or
  // en_GB, or the one the configuration picked).
  bool Accepts(SpellScratch* scratch, Script script, const std::string& w) const {
    if (script == Script::kCyrillic) return Spell(scratch, kRuRU, w);
    if (english_ != English::kGB && Spell(scratch, kEnUS, w)) return true;
    return english_ != English::kUS && Spell(scratch, kEnGB, w);
  }

  // Hunspell's spell() verdict on `w` in `d`: the compiled lexicon's, else
  // the shared handle's for a word the lexicon leaves to Hunspell, else (no
  // lexicon for these files) the thread's own handle's.
  bool Spell(SpellScratch* scratch, Dict d, const std::string& w) const {
    if (const SpellLexicon* lex = scratch->Lexicon(d); lex != nullptr) {
      const SpellLexicon::Verdict v = lex->Spell(w);
      if (v != SpellLexicon::Verdict::kAsk) return v == SpellLexicon::Verdict::kYes;
      return shared_.With(dir_, d, add_ons_[d], [&](Hunspell* h) { return h->spell(w); });
    }
    return scratch->Handle(d)->spell(w);
  }

  // The Debian ru_RU dictionary lists some words without all their forms
  // (сервис without сервисов, уязвимость without уязвимостях, штатный
  // without штатно, комфортный without комфортнее): a form is accepted when
  // its lemma is — a noun's case ending on a noun, an adverb or comparative
  // on an adjective — and so is не- before an adjective, participle or
  // adverb (неочевидные), but not before a verb (незнаю stays a typo).
  bool AcceptsRussianForm(SpellScratch* scratch, const std::string& w) const {
    // Endings are of one or more Cyrillic letters, two bytes each: a stem
    // of at least four letters must stay.
    auto ends = [&](std::string_view e) {
      return w.size() >= e.size() + 8 && w.compare(w.size() - e.size(), e.size(), e) == 0;
    };
    // The lemma must be a dictionary head word (Hunspell's stem of it is
    // itself), not an inflected form: «стороне» + «ем» is no word. A bare
    // stem as lemma (сервис + ов) must end in a consonant, so that an ending
    // after a vowel-final lemma (проверка + а) is no form either.
    auto is_lemma = [&](const std::string& lemma) {
      auto by_hunspell = [&](Hunspell* h) {
        if (!h->spell(lemma)) return false;
        for (const std::string& root : h->stem(lemma)) {
          if (root == lemma) return true;
        }
        return false;
      };
      if (const SpellLexicon* lex = scratch->Lexicon(kRuRU); lex != nullptr) {
        const SpellLexicon::Verdict v = lex->IsRoot(lemma);
        if (v != SpellLexicon::Verdict::kAsk) return v == SpellLexicon::Verdict::kYes;
        // A capitalised lemma (a sentence's first word) no dictionary spells
        // is none, without asking Hunspell's stem().
        if (lex->Spell(lemma) == SpellLexicon::Verdict::kNo) return false;
        return shared_.With(dir_, kRuRU, add_ons_[kRuRU], by_hunspell);
      }
      return by_hunspell(scratch->Handle(kRuRU));
    };
    auto stem_plus = [&](std::string_view e, std::initializer_list<const char*> lemma_endings) {
      const std::string stem = w.substr(0, w.size() - e.size());
      size_t last = stem.size();
      while (last > 0 && (static_cast<unsigned char>(stem[last - 1]) & 0xC0) == 0x80) --last;
      if (last > 0) --last;
      size_t at = last;
      static const std::u32string kVowels = U"аеёиоуыэюяйь";
      const bool vowel_final = kVowels.find(DecodeUtf8(stem, &at)) != std::u32string::npos;
      for (const char* le : lemma_endings) {
        if (*le == '\0' && vowel_final) continue;
        if (is_lemma(stem + le)) return true;
      }
      return false;
    };
    auto adjective = [&](std::string_view e) { return ends(e) && stem_plus(e, {"ый", "ий", "ой"}); };
    // Adverb (штатно) and comparative (комфортнее, комфортней).
    if (adjective("о") || adjective("ее") || adjective("ей")) return true;
    static const char* const kNounEndings[] = {"ами", "ями", "ов", "ев", "ей", "ам", "ям", "ах", "ях", "ом", "ем",
                                               "ой",  "ий",  "ью", "ы",  "и",  "а",  "я",  "у",  "ю",  "е"};
    for (const char* e : kNounEndings) {
      if (ends(e) && stem_plus(e, {"", "ь", "а", "я", "о", "е", "ие", "ия"})) return true;
    }
    // A reflexive verb form (скачивается, скачиваться) of an accepted verb
    // form (скачивает, скачивать): ru_RU lists many verbs without -ся.
    for (std::string_view e : {"ся", "сь"}) {
      if (ends(e) && w.size() >= 14) {
        const std::string base = w.substr(0, w.size() - e.size());
        static const std::u32string kVerbEnds = U"тлиюь";  // -ет, -ть, -ил, -и(сь), -ю(сь), -ешь
        size_t at = base.size() - 2;
        if (kVerbEnds.find(DecodeUtf8(base, &at)) != std::u32string::npos && Spell(scratch, kRuRU, base)) return true;
      }
    }
    // не- + an adjective, participle or adverb.
    static const std::string_view kNe = "не";
    if (w.size() > 12 && w.compare(0, kNe.size(), kNe) == 0) {
      static const char* const kModifier[] = {"ый", "ий", "ой",  "ая",  "яя",  "ое",  "ее", "ые", "ие",  "ых",  "их",
                                              "ым", "им", "ого", "его", "ому", "ему", "ую", "юю", "ыми", "ими", "о"};
      const std::string rest = w.substr(kNe.size());
      for (const char* e : kModifier) {
        if (rest.size() > std::strlen(e) && rest.compare(rest.size() - std::strlen(e), std::strlen(e), e) == 0) {
          return Spell(scratch, kRuRU, rest);
        }
      }
    }
    return false;
  }

  // English builds words freely with contractions (what'll) and with re-,
  // un-, pre- (redownload, rebilled, unpublish): a prefixed word is accepted
  // when the rest is a word of five letters or more, so that "reson" or
  // "untill" stay typos.
  bool AcceptsEnglishPrefixed(SpellScratch* scratch, const std::string& w) const {
    // A contraction of an accepted word: what'll, who've, where'd. Not 's,
    // which the dictionaries list where it is right (lets's stays a typo).
    for (std::string_view tail : {"'ll", "'ve", "'re", "'d"}) {
      if (w.size() > tail.size() + 1 && w.compare(w.size() - tail.size(), tail.size(), tail) == 0 &&
          Accepts(scratch, Script::kLatin, w.substr(0, w.size() - tail.size()))) {
        return true;
      }
    }
    for (std::string_view prefix : {"re", "un", "pre"}) {
      if (w.size() < prefix.size() + 5 || w.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string rest = w.substr(prefix.size());
      if (rest[0] == '-' || rest[0] == '\'') continue;
      if (Accepts(scratch, Script::kLatin, rest)) return true;
    }
    return false;
  }

  // Corrections of a rejected word: dictionary words one edit away (a letter
  // swapped with its neighbour, doubled or undoubled, replaced, dropped or
  // added), else two edits away for longer words (one of them cheap: a swap,
  // a doubling, a dropped letter), best first.
  //
  // Why not Hunspell's suggest(): it gives up on its slower methods after a
  // quarter second of *process* CPU time, so what it returns depends on the
  // load and on how many worker threads run — output would differ between
  // --jobs 1 and --jobs 7. It is also 20–50 times slower in ru_RU (60–160 ms
  // a word), and the rule reports only corrections within two edits anyway.
  // Every candidate here is checked by Hunspell, so suggestions are always
  // words the dictionaries accept.
  //
  // `skip_dead_ends`: candidates that are no word for sure (see no_word)
  // and that nothing else needs are counted, not built. The count stands
  // in for them in the candidate cap; should that bound reach the cap, the
  // search starts over building every candidate, so the result never
  // depends on it.
  void Suggest(SpellScratch* scratch, Script script, std::string_view word, size_t letters, SpellScratch::Verdict* v,
               bool skip_dead_ends = true) const {
    v->suggested = true;
    std::u32string w = ToU32(Clean(word));
    const bool capitalised = chars::IsUpper(w[0]);
    if (capitalised) w[0] = chars::ToLower(w[0]);
    const std::u32string_view alphabet = script == Script::kCyrillic ? kCyrillicAlphabet : kLatinAlphabet;
    struct Candidate {
      int cost;
      int closeness;   // 0: a letter for the key beside it; 1: a similar letter, or none changed; 2: other
      bool new_first;  // the first letter changed
      size_t seq;
      std::string text;
    };
    std::vector<Candidate> found;
    CandidateSet& seen = scratch->candidates;
    seen.Reset();
    seen.Insert(w);
    std::vector<std::u32string> cheap_first;    // level-1 non-words worth a second edit
    std::vector<std::u32string> dropped_first;  // level-1 deletions, for a second one
    size_t seq = 0;
    auto render_to = [&](const std::u32string& c, std::string* out) {
      out->resize(4 * c.size());
      char* end = out->data();
      for (size_t i = 0; i < c.size(); ++i) end = WriteUtf8(i == 0 && capitalised ? chars::ToUpper(c[0]) : c[i], end);
      out->resize(static_cast<size_t>(end - out->data()));
    };
    auto render = [&](const std::u32string& c) {
      std::string out;
      render_to(c, &out);
      return out;
    };
    std::string text;  // the candidate in UTF-8: one buffer for them all
    // With the compiled lexicons a lookup is as quick as the filter.
    const std::vector<Dict> dicts = DictsOf(script);
    std::vector<const SpellLexicon*> lexicons;
    for (Dict d : dicts) lexicons.push_back(scratch->Lexicon(d));
    const bool compiled =
        std::all_of(lexicons.begin(), lexicons.end(), [](const SpellLexicon* lex) { return lex != nullptr; });
    const AffixForms* filter = compiled ? nullptr : FormsOf(script);
    // A candidate that shares more than `live` first letters with the word
    // is no word: no accepted form begins with the word's first live + 1
    // letters (in lower case, nor with a capital for a capitalised word).
    // Edits after the slip are then never looked up. Exact where the
    // lexicon alone judges: words of cased letters only, no hyphen or
    // apostrophe (which Hunspell splits or reads its own way), candidates of
    // two letters or more (one capital is read as all capitals).
    const bool prunable = compiled && w.size() >= 2 && Prunable(w) && word.size() < 90;
    // The first letters of a candidate, walked (SpellLexicon::MayBegin) as
    // they are and with the first in upper case.
    struct Head {
      uint64_t lower = LexiconFilter::kWalkStart, upper = LexiconFilter::kWalkStart;
      bool empty = true;
      void Push(char32_t c) {
        lower = LexiconFilter::Walk(lower, c);
        upper = LexiconFilter::Walk(upper, empty ? chars::ToUpper(c) : c);
        empty = false;
      }
    };
    // False only where no accepted form begins with `head` (in lower case,
    // nor with a capital for a capitalised word).
    auto may_begin = [&](const Head& head) {
      for (const SpellLexicon* lex : lexicons) {
        if (lex->MayBegin(head.lower) || (capitalised && lex->MayBegin(head.upper))) return true;
      }
      return false;
    };
    // False only where no accepted form begins with `head` and then the
    // letters of `put` and of `rest`: the candidate they make is no word.
    auto may_go_on = [&](Head head, std::u32string_view put, std::u32string_view rest) {
      for (std::u32string_view part : {put, rest}) {
        for (char32_t c : part) {
          head.Push(c);
          if (!may_begin(head)) return false;
        }
      }
      return true;
    };
    // How many first letters of `s` some accepted form may begin with,
    // given that its first `known` letters may.
    auto live_of = [&](const std::u32string& s, size_t known) {
      Head head;
      size_t k = 0;
      for (; k < s.size(); ++k) {
        head.Push(s[k]);
        if (k >= known && !may_begin(head)) break;
      }
      return k;
    };
    const size_t live = prunable ? live_of(w, 0) : w.size();
    // How many first letters `c` shares with the word.
    auto shared_with_word = [&](const std::u32string& c) {
      size_t shared = 0;
      while (shared < c.size() && shared < w.size() && c[shared] == w[shared]) ++shared;
      return shared;
    };
    auto no_word = [&](const std::u32string& c) {
      if (live >= w.size() || c.size() < 2) return false;
      return shared_with_word(c) > live && c.find(U'\'') == std::u32string::npos;
    };
    // An edit at a letter after the first `live` keeps the first live + 1
    // letters, so no_word() rejects what it makes: such a candidate goes
    // unbuilt, counted in `skipped`, unless it is a first edit to build on
    // (below) or has an apostrophe.
    const size_t dead = skip_dead_ends && prunable ? live : std::u32string::npos;
    // So does an edit before them where no accepted form begins with the
    // letters before the edit, the edit and some of the letters after it:
    // the candidate `head` + `put` + `rest`, of an edit at letter `i` of a
    // string whose edits after letter `s_dead` make no word.
    auto dead_end = [&](size_t i, size_t s_dead, const Head& head, std::u32string_view put, std::u32string_view rest) {
      return i > s_dead || (s_dead != std::u32string::npos && !may_go_on(head, put, rest));
    };
    size_t skipped = 0;
    bool overflow = false;  // the count may have reached the cap
    auto try_word = [&](const std::u32string& c, int cost, int level, bool keep, int closeness = 1,
                        std::vector<std::u32string>* firsts = nullptr) {
      if (skipped > 0 && seen.size() + skipped >= kMaxCandidates) overflow = true;
      if (c.empty() || seen.size() >= kMaxCandidates || !seen.Insert(c)) return;
      if (!no_word(c) && (filter == nullptr || filter->MayAccept(c)) &&
          (render_to(c, &text), Accepts(scratch, script, text))) {
        found.push_back({cost, closeness, c[0] != w[0], seq++, text});
      } else if (level == 1 && keep) {
        (firsts != nullptr ? firsts : &cheap_first)->push_back(c);
      }
    };
    // `s` with `drop` letters at `at` replaced by `put`, built in one buffer
    // (thousands of candidates a word, each a new string before).
    std::u32string candidate;
    auto splice = [&candidate](const std::u32string& s, size_t at, size_t drop,
                               std::u32string_view put) -> const std::u32string& {
      candidate.assign(s, 0, at);
      candidate.append(put);
      candidate.append(s, at + drop, std::u32string::npos);
      return candidate;
    };
    // Edits of one letter. Costs rank the usual slips first: a swap or a
    // doubling, then a letter left out or a letter for a similar one (a vowel
    // for a vowel, з for с: извените, зделала), an extra letter, then any
    // other letter; ties keep the first letter, then this order of edits.
    // `s_dead`: an edit at a later letter of `s` makes no word (see dead_from).
    auto doublings = [&](const std::u32string& s, int level, size_t s_dead = std::u32string::npos) {
      for (size_t i = 0; i < s.size(); ++i) {
        if (i > s_dead) {
          skipped += (i + 1 < s.size() && s[i] == s[i + 1]) || s[i - 1] != s[i];
          continue;
        }
        if (i + 1 < s.size() && s[i] == s[i + 1]) {
          try_word(splice(s, i, 1, {}), 1, level, true);  // undouble
        } else if (i == 0 || s[i - 1] != s[i]) {
          try_word(splice(s, i, 0, {&s[i], 1}), 1, level, true);  // double
        }
      }
    };
    const int english_first = script == Script::kLatin ? 0 : 1;
    auto insertions = [&](const std::u32string& s) {
      Head head;
      for (size_t i = 0; i <= s.size(); ++i) {
        // English slips are mostly a letter left out (destination before
        // detonation for "detination"): as close as a key beside.
        for (char32_t a : alphabet) {
          if (a != U'\'' && dead_end(i, dead, head, {&a, 1}, std::u32string_view(s).substr(i))) {
            ++skipped;
            continue;
          }
          try_word(splice(s, i, 0, {&a, 1}), 2, 1, false, english_first);
        }
        if (i < s.size()) head.Push(s[i]);
      }
    };
    static const LetterPairs kSimilar(SimilarLetters), kNeighbours(KeyboardNeighbours);
    static const RelatedLetters kSimilarCyrillic(kSimilar, kCyrillicAlphabet), kSimilarLatin(kSimilar, kLatinAlphabet);
    const RelatedLetters& similar_letters = script == Script::kCyrillic ? kSimilarCyrillic : kSimilarLatin;
    // `only_similar`: the second edit of two, a similar letter only.
    // A similar letter makes a first edit to build on: built.
    auto substitutions = [&](const std::u32string& s, int level, bool only_similar, size_t s_dead) {
      Head head;
      for (size_t i = 0; i < s.size(); head.Push(s[i]), ++i) {
        const std::u32string* related = only_similar ? similar_letters.Of(s[i]) : nullptr;
        for (char32_t a : related != nullptr ? std::u32string_view(*related) : alphabet) {
          if (a == s[i]) continue;
          const bool similar = kSimilar(a, s[i]);
          if (only_similar && !similar) continue;
          if (a != U'\'' && (level == 2 || !similar) &&
              dead_end(i, s_dead, head, {&a, 1}, std::u32string_view(s).substr(i + 1))) {
            ++skipped;
            continue;
          }
          try_word(splice(s, i, 1, {&a, 1}), similar ? 2 : 4, level, similar,
                   kNeighbours(a, s[i]) ? 0
                   : similar            ? 1
                                        : 2);
        }
      }
    };
    // «незнаю», «немогу»: не written together with a verb it must stand apart from.
    if (script == Script::kCyrillic && w.size() >= 5 && w.compare(0, 2, U"не") == 0) {
      const std::string rest = render(w.substr(2));
      if (Accepts(scratch, script, rest)) found.push_back({1, 1, false, seq++, render(U"не") + " " + rest});
    }
    Head head;
    for (size_t i = 0; i + 1 < w.size(); head.Push(w[i]), ++i) {
      if (w[i] == w[i + 1]) continue;
      const char32_t swapped[2] = {w[i + 1], w[i]};
      if (dead_end(i, dead, head, {swapped, 2}, std::u32string_view(w).substr(i + 2))) {
        ++skipped;
        continue;
      }
      try_word(splice(w, i, 2, {swapped, 2}), 1, 1, false);
    }
    doublings(w, 1);
    // Russian misspellings are mostly a wrong (unstressed) vowel, English
    // ones mostly a letter left out: that breaks the ties.
    if (script == Script::kCyrillic) {
      substitutions(w, 1, false, dead);
      insertions(w);
    } else {
      insertions(w);
      substitutions(w, 1, false, dead);
    }
    // A deletion inside the word may take a second one (see below).
    for (size_t i = 0; i < w.size(); ++i) {
      try_word(splice(w, i, 1, {}), 3, 1, i > 0 && i + 1 < w.size(), 1, &dropped_first);
    }
    const size_t limit = letters <= 4 ? 1 : max_edits_;
    // Two edits: a doubling or a similar letter (two vowel slips:
    // метариалы) on top of a doubling or a similar-letter slip (dissapear,
    // вастановить), or two extra letters (модерирация), for lower-case words
    // of 6 to 14 letters — a full second edit costs thousands of lookups, and
    // a long or capitalised unknown word is far more often a term or a name.
    if (found.empty() && limit >= 2 && !capitalised && w.size() >= 6 && w.size() <= 14) {
      // An edit after the first `live` letters of a first edit `f` that no
      // accepted form begins with keeps them, so it makes no word either
      // (as no_word() for the word itself): npos where that is not known.
      auto dead_from = [&](const std::u32string& f) {
        if (dead == std::u32string::npos || f.find(U'\'') != std::u32string::npos) return std::u32string::npos;
        const size_t shared = shared_with_word(f);
        return shared > live ? live : live_of(f, shared);
      };
      const std::vector<std::u32string> firsts = std::move(cheap_first);
      std::vector<size_t> first_dead(firsts.size());
      for (size_t j = 0; j < firsts.size(); ++j) first_dead[j] = dead_from(firsts[j]);
      for (size_t j = 0; j < firsts.size(); ++j) doublings(firsts[j], 2, first_dead[j]);
      for (size_t j = 0; j < firsts.size(); ++j) substitutions(firsts[j], 2, true, first_dead[j]);
      const std::vector<std::u32string> dropped = std::move(dropped_first);
      // Both inside the word: its first and last letters stay (gamestop is
      // a brand, not "gamest").
      for (const std::u32string& f : dropped) {
        const size_t f_dead = dead_from(f);
        Head f_head;
        f_head.Push(f[0]);
        for (size_t i = 1; i + 1 < f.size(); f_head.Push(f[i]), ++i) {
          if (dead_end(i, f_dead, f_head, {}, std::u32string_view(f).substr(i + 1))) {
            ++skipped;
            continue;
          }
          try_word(splice(f, i, 1, {}), 3, 2, false);
        }
      }
      for (Candidate& c : found) c.cost += 10;
    }
    if (overflow) return Suggest(scratch, script, word, letters, v, false);
    std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
      if (a.cost != b.cost) return a.cost < b.cost;
      // запрешено: запрещено (ш and щ are similar and side by side) first.
      if (a.closeness != b.closeness) return a.closeness < b.closeness;
      return a.new_first != b.new_first ? b.new_first : a.seq < b.seq;
    });
    for (Candidate& c : found) {
      if (std::find(v->suggestions.begin(), v->suggestions.end(), c.text) != v->suggestions.end()) continue;
      v->suggestions.push_back(std::move(c.text));
      if (v->suggestions.size() == suggestions_) break;
    }
  }

  // Whether the correction search may stop where no accepted form goes on
  // (see Suggest): `w` (its first letter in lower case) is cased letters
  // only (what the lexicon judges without Hunspell), and its first letter
  // comes back from upper case unchanged.
  static bool Prunable(const std::u32string& w) {
    if (w.empty() || chars::ToLower(chars::ToUpper(w[0])) != w[0]) return false;
    return std::all_of(w.begin(), w.end(),
                       [](char32_t c) { return chars::IsAlpha(c) && chars::ToUpper(c) != chars::ToLower(c); });
  }

  // "a, b или c" / "a, b or c".
  static std::string JoinAlternatives(const std::vector<std::string>& items, Lang lang) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += i + 1 == items.size() ? (lang == Lang::kRu ? " или " : " or ") : ", ";
      out += items[i];
    }
    return out;
  }

  // The word without stress marks and soft hyphens, which Hunspell rejects,
  // and with the typographic apostrophe (what’ll) or the modifier letter
  // apostrophe (whatʼll) as the dictionaries spell it (what'll).
  static std::string Clean(std::string_view word) {
    if (word.find("\xCC\x81") == std::string_view::npos && word.find("\xC2\xAD") == std::string_view::npos &&
        word.find("\xE2\x80\x99") == std::string_view::npos && word.find("\xCA\xBC") == std::string_view::npos)
      return std::string(word);
    std::string out;
    for (size_t i = 0; i < word.size();) {
      const char32_t c = DecodeUtf8(word, &i);
      if (c == 0x2019 || c == 0x2BC)  // ’ and the modifier letter ʼ some keyboards type
        out += '\'';
      else if (c != 0x301 && c != 0xAD)
        AppendUtf8(c, &out);
    }
    return out;
  }

  // The customer's and the agent's names, folded: every word of
  // customer.name, the customer's own form, the author's display name.
  //
  // Made once per conversation and thread (every reply of a conversation of
  // thousands of messages would otherwise read all of them again), and
  // known by the analysis it was made for: the next conversation may lie at
  // the same address, in the same storage, under the same id.
  static const WordStems& People(const MessageContext& ctx) {
    thread_local struct {
      uint64_t conversation = 0;  // ConversationWords::id()
      WordStems stems;
    } memo;
    if (memo.conversation == ctx.words.id()) return memo.stems;
    memo.conversation = ctx.words.id();
    memo.stems = WordStems();
    WordStems& out = memo.stems;
    auto add = [&](const std::string& name) {
      for (const Word& w : ScanWords(name, 0, name.size())) {
        out.Add(FoldForMatch(std::string_view(name).substr(w.span.start, w.span.size())));
      }
    };
    add(ctx.conversation.customer.name);
    add(ctx.customer.given);
    // Every agent of the conversation, by display name and by key: a key
    // such as "brand/Dana" or "dana.moss" holds the agent's name.
    for (const Message& m : ctx.conversation.messages) {
      if (m.role != Role::kAgent) continue;
      add(m.author);
      std::string key = m.agent_id;
      for (char& c : key) {
        if (c == '/' || c == '.' || c == '_' || c == '^' || c == '*') c = ' ';
      }
      add(key);
    }
    return out;
  }

  // A word addressed after a greeting or a title («Здравствуйте, Саша!»,
  // "Hi Rach,", "Dear Ms Ovey") is a name, whatever the dictionaries say. A
  // bare vocative is not trusted: «Пожалуста!» opening a reply looks like one.
  // Returned sorted by start, to be walked alongside the words (a reply of
  // thousands of greetings must not cost words × greetings).
  static std::vector<Span> AddressedNames(const MessageContext& ctx) {
    std::vector<Span> out;
    for (const AddressTerm& a : ctx.addresses) {
      if (a.kind == AddressTerm::Kind::kVocative) continue;
      out.insert(out.end(), a.names.begin(), a.names.end());
    }
    std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    return out;
  }

  // Where a sign-off of names starts: the last line of the body ends with a
  // dash, caret, asterisk, tilde or slash followed by one or two capitalised
  // words ("… thanks! -Dana", "- Dana M", "^Dana"), the way agents sign
  // replies on social media. Returns body_end() when there is none.
  static size_t SignOffNames(const MessageText& t) {
    const std::string& text = t.text();
    size_t stop = t.body_end();
    while (stop > 0 && std::isspace(static_cast<unsigned char>(text[stop - 1]))) --stop;
    const size_t line = text.rfind('\n', stop == 0 ? 0 : stop - 1);
    const size_t line_start = line == std::string::npos ? 0 : line + 1;
    // The body's words from line_start on: no word spans a line break, and
    // what follows `stop` is white space.
    const std::vector<Word>& body = t.body_words();
    const auto line_words = std::lower_bound(body.begin(), body.end(), line_start,
                                             [](const Word& w, size_t at) { return w.span.start < at; });
    const std::span<const Word> words(line_words, body.end());
    for (size_t n = 1; n <= 2 && n <= words.size(); ++n) {
      const Word& first = words[words.size() - n];
      bool capitalised = true;
      for (size_t k = words.size() - n; k < words.size(); ++k) capitalised = capitalised && words[k].capitalized;
      if (!capitalised) break;
      // Nothing but a mark and spaces between the previous word (or the line's start) and the names.
      const size_t from = words.size() > n ? words[words.size() - n - 1].span.end : line_start;
      std::string_view gap = std::string_view(text).substr(from, first.span.start - from);
      while (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
      if (gap.empty()) continue;
      const char mark = gap.back();
      const bool dash =
          gap.size() >= 3 && (gap.substr(gap.size() - 3) == "\u2013" || gap.substr(gap.size() - 3) == "\u2014");
      if (mark != '-' && mark != '^' && mark != '*' && mark != '~' && mark != '/' && !dash) continue;
      gap.remove_suffix(dash ? 3 : 1);
      // The mark stands alone: after a space, punctuation or the line's start, not inside a word (e-mail).
      if (!gap.empty() && std::isalnum(static_cast<unsigned char>(gap.back()))) continue;
      return first.span.start;
    }
    return t.body_end();
  }

  std::vector<Span> SkippedSpans(const std::string& folded) const {
    std::vector<Span> out;
    re2::StringPiece input(folded);
    re2::StringPiece m;
    size_t pos = 0;
    while (pos < folded.size() && skip_->Match(input, pos, folded.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t start = static_cast<size_t>(m.data() - folded.data());
      out.push_back({start, start + m.size()});
      pos = start + std::max<size_t>(m.size(), 1);
    }
    return out;
  }

  // A word that touches a digit or markup is part of a code, an id or a
  // path: ZK-48213, 5G, A1B2, order_id, и/или, user=admin.
  static bool TouchesCode(const std::string& text, Span s) {
    static const std::string_view kMarks = "_@#/\\=<>{}|~^$%&+";
    auto is_code = [](unsigned char c) {
      return std::isdigit(c) || kMarks.find(static_cast<char>(c)) != std::string_view::npos;
    };
    if (s.start > 0) {
      const unsigned char b = static_cast<unsigned char>(text[s.start - 1]);
      if (is_code(b)) return true;
      if ((b == '-' || b == '.') && s.start > 1 && std::isdigit(static_cast<unsigned char>(text[s.start - 2])))
        return true;
    }
    if (s.end < text.size()) {
      const unsigned char a = static_cast<unsigned char>(text[s.end]);
      if (is_code(a)) return true;
      if ((a == '-' || a == '.') && s.end + 1 < text.size() &&
          std::isdigit(static_cast<unsigned char>(text[s.end + 1])))
        return true;
    }
    return false;
  }

  // True when the word starts a sentence: first on its line (after list
  // markers, quotes, brackets and dashes) or after . ! ? … : or an emoji.
  static bool SentenceInitial(const std::string& text, size_t line_start, size_t pos) {
    static const std::u32string kTransparent = U" \t\"'«»“”„‘’()[]*•·–—-";
    size_t i = pos;
    while (i > line_start) {
      size_t j = i - 1;
      while (j > line_start && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) --j;
      size_t k = j;
      const char32_t c = DecodeUtf8(text, &k);
      if (c == ' ' || kTransparent.find(c) != std::u32string::npos) {
        i = j;
        continue;
      }
      if (c == ',' || c == ';') return false;
      if (chars::IsAlpha(c)) return false;
      if (u_isdigit(static_cast<UChar32>(c))) {
        // "1) Нажмите", "2. Откройте": a list marker is a line start.
        for (size_t b = line_start; b < j; ++b) {
          const unsigned char ch = static_cast<unsigned char>(text[b]);
          if (!std::isdigit(ch) && ch != ' ' && ch != '\t' && ch != '.' && ch != ')') return false;
        }
        return true;
      }
      return true;  // . ! ? … : and symbols such as emoji end a sentence
    }
    return true;
  }

  // Candidate corrections looked up per word at most: a bound on the search
  // whatever the word (the 40-letter cap bounds it already; this keeps it
  // so if that cap is raised).
  static constexpr size_t kMaxCandidates = 20000;

  English english_;
  std::string dir_;
  size_t suggestions_;
  size_t max_edits_;
  std::unique_ptr<re2::RE2> skip_;
  std::array<std::string, kDictCount> add_ons_;  // dictionaries/support-<dict>.dic
  WordStems vocab_;                              // the team's words
  mutable CandidateFilter russian_filter_, english_filter_;
  mutable SharedHunspell shared_;  // for the words the compiled lexicons leave to Hunspell
};

}  // namespace

void KeepSpellingDictionariesUntilExit() { keep_until_exit = true; }

void PreloadSpellingDictionaries(std::string_view sample) {
  std::array<std::string, kDictCount> add_ons;
  for (uint8_t d = 0; d < kDictCount; ++d) {
    auto text = ReadDataFile("", std::string("dictionaries/support-") + kDictNames[d] + ".dic");
    if (!text.ok()) return;  // the rule will say so when it is built
    add_ons[d] = std::move(*text);
  }
  const std::vector<Dict> dicts =
      WithoutLexicon(kDefaultDictionaryDir, DictionariesFor(sample, English::kEither), add_ons);
  for (Dict d : dicts) {
    const std::string base = std::string(kDefaultDictionaryDir) + "/" + kDictNames[d];
    if (!std::filesystem::is_regular_file(base + ".aff") || !std::filesystem::is_regular_file(base + ".dic")) return;
  }
  Preloads::Instance().Start(kDefaultDictionaryDir, dicts, add_ons);
}

StatusOr<std::unique_ptr<Check>> MakeSpellingCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"misspelt", "misspelt_repeated"}, {}); !st.ok()) return st;
  ParamReader params(spec);
  auto english = params.String("english");
  if (!english.ok()) return english.status();
  English mode;
  if (*english == "either") {
    mode = English::kEither;
  } else if (*english == "en_US") {
    mode = English::kUS;
  } else if (*english == "en_GB") {
    mode = English::kGB;
  } else {
    return Status::InvalidArgument(params.Where("english") +
                                   ": spelling.english: expected either, en_US or en_GB, not \"" + *english + "\"");
  }
  auto dir = params.String("dictionary_dir");
  if (!dir.ok()) return dir.status();
  auto suggestions = params.Int("suggestions", 1, 10);
  if (!suggestions.ok()) return suggestions.status();
  auto max_edits = params.Int("max_edits", 1, 2);
  if (!max_edits.ok()) return max_edits.status();
  auto patterns = params.Strings("skip_patterns");
  if (!patterns.ok()) return patterns.status();
  // One alternation, compiled once (Unicode classes make RE2 compiles
  // costly at start-up); a pattern is compiled alone only to name a bad one.
  std::string alternation;
  for (const std::string& p : *patterns) alternation += (alternation.empty() ? "(?:" : "|(?:") + p + ")";
  auto skip = CompilePattern(alternation.empty() ? "$^" : alternation, params.Where("skip_patterns"));
  if (!skip.ok()) {
    for (const std::string& p : *patterns) {
      if (auto one = CompilePattern(p, params.Where("skip_patterns")); !one.ok()) return one.status();
    }
    return skip.status();
  }
  if (Status st = params.Finish(); !st.ok()) return st;
  std::array<std::string, kDictCount> add_ons;
  for (uint8_t d = 0; d < kDictCount; ++d) {
    // A missing dictionary is a broken installation: say so before any work.
    for (const char* ext : {".aff", ".dic"}) {
      const std::string path = *dir + "/" + kDictNames[d] + ext;
      if (!std::filesystem::is_regular_file(path)) {
        return Status::InvalidArgument(params.Where("dictionary_dir") + ": spelling: Hunspell dictionary " + path +
                                       " not found (apt-get install hunspell-ru hunspell-en-us hunspell-en-gb)");
      }
    }
    auto text = ReadDataFile("", std::string("dictionaries/support-") + kDictNames[d] + ".dic");
    if (!text.ok()) return text.status();
    add_ons[d] = std::move(*text);
  }
  return std::unique_ptr<Check>(new SpellingCheck(spec, mode, std::move(*dir), static_cast<size_t>(*suggestions),
                                                  static_cast<size_t>(*max_edits), std::move(*skip),
                                                  std::move(add_ons)));
}

}  // namespace replylint
