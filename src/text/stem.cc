#include "text/stem.h"

#include <libstemmer.h>

#include <memory>
#include <unordered_map>

#include "base/string_hash.h"
#include "base/utf8.h"

namespace replylint {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// Lookups by string_view, so a cache hit allocates nothing.
using StemCache = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

struct ThreadStemmers {
  std::unique_ptr<sb_stemmer, StemmerDeleter> ru{sb_stemmer_new("russian", "UTF_8")};
  std::unique_ptr<sb_stemmer, StemmerDeleter> en{sb_stemmer_new("english", "UTF_8")};
  // word -> stem, one cache per language. Bounded: cleared when it grows past
  // kMaxCache, so a long audit with an open vocabulary keeps flat memory.
  StemCache cache_ru;
  StemCache cache_en;
  static constexpr size_t kMaxCache = 1 << 15;
};

}  // namespace

std::string Stem(Lang lang, std::string_view folded_word) {
  thread_local ThreadStemmers t;
  StemCache& cache = lang == Lang::kRu ? t.cache_ru : t.cache_en;
  if (auto it = cache.find(folded_word); it != cache.end()) return it->second;
  sb_stemmer* s = lang == Lang::kRu ? t.ru.get() : t.en.get();
  std::string stem(folded_word);
  if (s) {
    const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(folded_word.data()),
                                           static_cast<int>(folded_word.size()));
    if (out) stem.assign(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(s)));
  }
  if (cache.size() >= ThreadStemmers::kMaxCache) cache.clear();
  cache.emplace(std::string(folded_word), stem);
  return stem;
}

bool IsCyrillicWord(std::string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  const char32_t c = DecodeUtf8(w, &i);
  return c >= 0x400 && c <= 0x4FF;
}

std::string StemByScript(std::string_view folded_word) {
  return Stem(IsCyrillicWord(folded_word) ? Lang::kRu : Lang::kEn, folded_word);
}

}  // namespace replylint
