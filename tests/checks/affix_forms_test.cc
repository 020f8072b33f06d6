#include "checks/affix_forms.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <hunspell/hunspell.hxx>
#include <sstream>

#include "base/utf8.h"

using namespace replylint;

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kAff =
    "SET UTF-8\n"
    "SFX A Y 2\n"
    "SFX A а ы а\n"
    "SFX A а е а\n"
    "PFX R Y 1\n"
    "PFX R 0 re .\n"
    "SFX S Y 1\n"
    "SFX S 0 s .\n";
constexpr const char* kDic = "3\nкнига/A\nload/RS\nМосква/A\n";

}  // namespace

TEST_CASE("affix forms: stems with their prefixes and suffixes pass, other words do not") {
  auto f = AffixForms::Create({{kAff, {kDic}}});
  REQUIRE(f != nullptr);
  CHECK(f->stem_count() == 3);
  for (const char* w :
       {"книга", "книгы", "книге", "load", "loads", "reload", "reloads", "москве", "Москва", "МОСКВЫ"}) {
    INFO(w);
    CHECK(f->MayAccept(ToU32(w)));
  }
  // A start of a stem with a suffix passes (the condition is necessary, not
  // sufficient): Hunspell decides.
  CHECK(f->MayAccept(ToU32("кни")));
  for (const char* w : {"кнblock", "кгига", "лоад", "unload", "loadz", "relaod", "москвич"}) {
    INFO(w);
    CHECK_FALSE(f->MayAccept(ToU32(w)));
  }
  // Not letters only: Hunspell splits at hyphens, converts apostrophes.
  CHECK(f->MayAccept(ToU32("кто-то")));
  CHECK(f->MayAccept(ToU32("it's")));
}

TEST_CASE("affix forms: dictionaries it does not model get no filter") {
  const std::string dic = "1\nword/A\n";
  CHECK(AffixForms::Create({{"PFX A Y 1\nPFX A w x .\n", {dic}}}) == nullptr);    // a prefix that strips
  CHECK(AffixForms::Create({{"SFX A Y 1\nSFX A 0 s/B .\n", {dic}}}) == nullptr);  // twofold suffixes
  CHECK(AffixForms::Create({{"COMPOUNDFLAG X\n", {dic}}}) == nullptr);
  CHECK(AffixForms::Create({{"IGNORE а\n", {dic}}}) == nullptr);
  CHECK(AffixForms::Create({{"ICONV 1\nICONV ё е\n", {dic}}}) == nullptr);  // converts letters
  CHECK(AffixForms::Create({{"FLAG long\n", {dic}}}) == nullptr);
  // Compound rules are fine while every part they combine has a digit.
  CHECK(AffixForms::Create({{"COMPOUNDRULE 1\nCOMPOUNDRULE n*1\n", {"2\n1/n1\n2/n1\n"}}}) != nullptr);
  CHECK(AffixForms::Create({{"COMPOUNDRULE 1\nCOMPOUNDRULE n*1\n", {"2\n1/n1\nword/n\n"}}}) == nullptr);
}

// The property the spelling rule relies on, against Debian's dictionaries:
// every one-edit variant of real words that Hunspell accepts passes the
// filter — and most that Hunspell rejects do not, which is the point.
TEST_CASE("affix forms: never rejects a word Debian's Hunspell accepts") {
  const std::string dir = "/usr/share/hunspell";
  struct Case {
    std::vector<std::string> dicts;
    std::u32string alphabet;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {{"ru_RU"},
       U"абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
       {"пожалуйста", "доставка", "заказа", "извините", "проверьте", "оплатить", "вернули", "Москве", "написать",
        "сообщение", "адрес", "банка", "карты", "приложение", "обновить", "деньги", "неделю", "сегодня"}},
      {{"en_US", "en_GB"},
       U"abcdefghijklmnopqrstuvwxyz",
       {"please", "delivery", "refund", "account", "colour", "reloaded", "unavailable", "received", "Monday", "payment",
        "subscription", "apologise", "organization", "there", "quickly"}},
  };
  for (const Case& c : cases) {
    std::vector<std::unique_ptr<Hunspell>> hs;
    std::vector<std::string> texts;
    std::vector<AffixForms::Dictionary> dicts;
    texts.reserve(2 * c.dicts.size());
    for (const std::string& d : c.dicts) {
      const std::string base = dir + "/" + d;
      REQUIRE(std::filesystem::exists(base + ".dic"));  // hunspell-ru, hunspell-en-us, hunspell-en-gb
      hs.push_back(std::make_unique<Hunspell>((base + ".aff").c_str(), (base + ".dic").c_str()));
      const std::string& aff = texts.emplace_back(Slurp(base + ".aff"));
      dicts.push_back({aff, {texts.emplace_back(Slurp(base + ".dic"))}});
    }
    auto f = AffixForms::Create(dicts);
    REQUIRE(f != nullptr);
    size_t accepted = 0, rejected = 0, filtered = 0;
    for (const std::string& word : c.words) {
      const std::u32string w = ToU32(word);
      std::vector<std::u32string> variants;
      for (size_t i = 0; i <= w.size(); ++i) {
        if (i < w.size()) variants.push_back(w.substr(0, i) + w.substr(i + 1));
        if (i + 1 < w.size()) {
          std::u32string s = w;
          std::swap(s[i], s[i + 1]);
          variants.push_back(s);
        }
        for (char32_t a : c.alphabet) {
          variants.push_back(w.substr(0, i) + a + w.substr(i));
          if (i < w.size()) {
            std::u32string s = w;
            s[i] = a;
            variants.push_back(s);
          }
        }
      }
      for (const std::u32string& v : variants) {
        const std::string text = ToUtf8(v);
        bool ok = false;
        for (auto& h : hs) ok = ok || h->spell(text);
        if (ok) {
          ++accepted;
          INFO(text);
          CHECK(f->MayAccept(v));
        } else {
          ++rejected;
          filtered += f->MayAccept(v) ? 0 : 1;
        }
      }
    }
    INFO(c.dicts[0] << ": " << accepted << " accepted, " << rejected << " rejected, " << filtered << " filtered");
    CHECK(accepted > 20);
    CHECK(filtered * 10 > rejected * 7);  // at least 70% of Hunspell's lookups spared
  }
}

TEST_CASE("affix forms: a word starts a longer stem (abbreviations)") {
  auto f = AffixForms::Create({{kAff, {kDic}}});
  REQUIRE(f != nullptr);
  CHECK(f->StartsLongerStem(ToU32("кн"), 2));         // книга
  CHECK(f->StartsLongerStem(ToU32("Моск"), 2));       // Москва, in any case
  CHECK_FALSE(f->StartsLongerStem(ToU32("кни"), 3));  // only two more letters
  CHECK_FALSE(f->StartsLongerStem(ToU32("книга"), 1));
  CHECK_FALSE(f->StartsLongerStem(ToU32("лоа"), 1));
  CHECK(f->StartsLongerStem(ToU32(""), 6));  // any stem of six letters: Москва
  CHECK_FALSE(f->StartsLongerStem(ToU32(""), 7));
  // The same once MayAccept() has sorted the stems.
  CHECK(f->MayAccept(ToU32("книга")));
  CHECK(f->StartsLongerStem(ToU32("кн"), 2));
  CHECK_FALSE(f->StartsLongerStem(ToU32("кни"), 3));
}
