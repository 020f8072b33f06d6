#include "checks/spell_lexicon.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rules/rule_spec.h"

using namespace replylint;

namespace {

constexpr const char* kDir = "/usr/share/hunspell";

const SpellLexicon* Russian() {
  auto add_on = ReadDataFile("", "dictionaries/support-ru_RU.dic");
  REQUIRE(add_on.ok());
  return SpellLexicon::ForDictionary(LexiconDict::kRuRU, kDir, *add_on);
}

}  // namespace

TEST_CASE("spell lexicon: Hunspell's case rules over the compiled forms", "[spelling][lexicon]") {
  const SpellLexicon* lex = Russian();
  REQUIRE(lex != nullptr);
  using V = SpellLexicon::Verdict;
  CHECK(lex->Spell("проверка") == V::kYes);
  CHECK(lex->Spell("Проверка") == V::kYes);  // an initial capital may stand for lower case
  CHECK(lex->Spell("ПРОВЕРКА") == V::kYes);  // capitals too
  CHECK(lex->Spell("провирка") == V::kNo);
  CHECK(lex->Spell("ПроВерка") == V::kNo);  // mixed case: only as written
  CHECK(lex->Spell("Москва") == V::kYes);
  CHECK(lex->Spell("москва") == V::kNo);  // a name stays capitalised
  CHECK(lex->Spell("сервиса") == V::kYes);
  CHECK(lex->Spell("аватарка") == V::kYes);         // the support vocabulary is in
  CHECK(lex->Spell("e-mail-рассылка") == V::kYes);  // listed whole
  // Split at hyphens as Hunspell splits a word it lacks whole.
  CHECK(lex->Spell("кто-то") == V::kYes);
  CHECK(lex->Spell("Кто-то") == V::kYes);
  CHECK(lex->Spell("-проверка") == V::kYes);
  CHECK(lex->Spell("проверка-") == V::kYes);
  CHECK(lex->Spell("провирка-сервис") == V::kNo);
  CHECK(lex->Spell("сервис-провирка") == V::kNo);
  CHECK(lex->Spell("а-а-а-а-а-а-а-а-а-а-а") == V::kNo);  // ten hyphens: Hunspell gives up
  // Hunspell's own: digits, capitals it lacks.
  CHECK(lex->Spell("проверка2") == V::kAsk);
  CHECK(lex->Spell("ПРОВИРКА") == V::kAsk);
}

TEST_CASE("spell lexicon: the key filter holds every key it was given", "[spelling][lexicon]") {
  // 1000 keys in 25 blocks (about 12 bits a key, as the builder sizes it).
  std::vector<LexiconFilter::Block> blocks(25, LexiconFilter::Block{});
  auto key = [](int i) { return "form" + std::to_string(i); };
  for (int i = 0; i < 1000; ++i) {
    const uint64_t h = LexiconFilter::Hash('a', key(i));
    LexiconFilter::Add(h, &blocks[LexiconFilter::BlockOf(h, blocks.size())]);
  }
  int held = 0, false_yes = 0;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t h = LexiconFilter::Hash('a', key(i));
    held += LexiconFilter::MayHold(h, blocks[LexiconFilter::BlockOf(h, blocks.size())]) ? 1 : 0;
    // The same word under another tag, and words never added.
    for (uint64_t other : {LexiconFilter::Hash('b', key(i)), LexiconFilter::Hash('a', key(i + 1000))}) {
      false_yes += LexiconFilter::MayHold(other, blocks[LexiconFilter::BlockOf(other, blocks.size())]) ? 1 : 0;
    }
  }
  CHECK(held == 1000);    // never a key turned away
  CHECK(false_yes < 40);  // of 2000: about one in 200 expected
}

TEST_CASE("spell lexicon: a walk may go on only where some form begins", "[spelling][lexicon]") {
  const SpellLexicon* lex = Russian();
  REQUIRE(lex != nullptr);
  // Whether each run of first letters of `w` may begin a form.
  auto walk = [&](std::u32string_view w) {
    std::vector<bool> out;
    uint64_t state = LexiconFilter::kWalkStart;
    for (char32_t c : w) {
      state = LexiconFilter::Walk(state, c);
      out.push_back(lex->MayBegin(state));
    }
    return out;
  };
  const std::vector<bool> all(8, true);
  CHECK(walk(U"проверка") == all);
  CHECK(walk(U"Москва").back());    // as written
  CHECK(walk(U"Проверка") != all);  // the dictionary has it in lower case only
  // A slip at the third letter ends the walk there.
  CHECK(walk(U"прщверка") == std::vector<bool>{true, true, false, false, false, false, false, false});
  CHECK(walk(U"ъъ") == std::vector<bool>{false, false});
}

TEST_CASE("spell lexicon: head words as stem() gives them", "[spelling][lexicon]") {
  const SpellLexicon* lex = Russian();
  REQUIRE(lex != nullptr);
  using V = SpellLexicon::Verdict;
  CHECK(lex->IsRoot("сервис") == V::kYes);
  CHECK(lex->IsRoot("сервиса") == V::kNo);  // a form, not the head word
  CHECK(lex->IsRoot("провирка") == V::kNo);
  CHECK(lex->IsRoot("Сервис") == V::kAsk);
}

TEST_CASE("spell lexicon: used only for the dictionary files it was built from", "[spelling][lexicon]") {
  const auto dir = std::filesystem::temp_directory_path() / "replylint-lexicon-test";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(std::string(kDir) + "/en_US.aff", dir / "en_US.aff",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "en_US.dic") << "1\nzyx\n";
  auto add_on = ReadDataFile("", "dictionaries/support-en_US.dic");
  REQUIRE(add_on.ok());
  CHECK(SpellLexicon::ForDictionary(LexiconDict::kEnUS, dir.string(), *add_on) == nullptr);
  CHECK(SpellLexicon::ForDictionary(LexiconDict::kEnUS, kDir, *add_on) != nullptr);
  CHECK(SpellLexicon::ForDictionary(LexiconDict::kEnUS, kDir, "1\nzyx\n") == nullptr);  // another add-on
  std::filesystem::remove_all(dir);
}

TEST_CASE("spell lexicon: files that moved are read and compared; one changed letter rejects them",
          "[spelling][lexicon]") {
  // Copies have new modification times: the lexicon cannot be taken on
  // their stamps, only on their contents.
  const auto base = std::filesystem::temp_directory_path() / "replylint-lexicon-stamps";
  auto add_on = ReadDataFile("", "dictionaries/support-en_GB.dic");
  REQUIRE(add_on.ok());
  for (const bool change : {false, true}) {
    const auto dir = base / (change ? "changed" : "same");
    std::filesystem::create_directories(dir);
    for (const char* ext : {".aff", ".dic"}) {
      std::filesystem::copy_file(std::string(kDir) + "/en_GB" + ext, dir / (std::string("en_GB") + ext),
                                 std::filesystem::copy_options::overwrite_existing);
    }
    if (change) {  // the same size, one byte different
      std::fstream dic(dir / "en_GB.dic", std::ios::in | std::ios::out | std::ios::binary);
      dic.seekg(-2, std::ios::end);
      const char c = static_cast<char>(dic.get());
      dic.seekp(-2, std::ios::end);
      dic.put(c == 'x' ? 'y' : 'x');
    }
    REQUIRE(std::filesystem::file_size(dir / "en_GB.dic") ==
            std::filesystem::file_size(std::string(kDir) + "/en_GB.dic"));
    INFO(dir);
    CHECK((SpellLexicon::ForDictionary(LexiconDict::kEnGB, dir.string(), *add_on) != nullptr) == !change);
  }
  std::filesystem::remove_all(base);
}
