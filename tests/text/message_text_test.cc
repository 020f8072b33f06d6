#include "text/message_text.h"

#include <catch2/catch.hpp>

#include "base/utf8.h"
#include "text/segmenter.h"
#include "text/words.h"

using namespace replylint;

TEST_CASE("FoldForMatch lowers case and folds ё without moving offsets", "[text]") {
  const std::string s = "Ёлка и ПОДАРОК, Bob";
  const std::string f = FoldForMatch(s);
  CHECK(f == "елка и подарок, bob");
  CHECK(f.size() == s.size());
}

TEST_CASE("NFC normalisation maps offsets back to the original bytes", "[text]") {
  // «й» written as и + combining breve (U+0306), then a word after it.
  const std::string raw = "Ми\xCC\x86 дом";
  const MessageText t = MessageText::Build(raw, Lang::kRu);
  CHECK(t.text() == "Мй дом");
  const size_t dom = t.text().find("дом");
  CHECK(t.ToOriginal(dom) == raw.find("дом"));
  CHECK(t.ToOriginal(t.text().size()) == raw.size());
}

TEST_CASE("Already-NFC text keeps identical offsets", "[text]") {
  const MessageText t = MessageText::Build("Здравствуйте!", std::nullopt);
  CHECK(t.ToOriginal(5) == 5);
}

TEST_CASE("Quoted lines and attribution tails are marked", "[text]") {
  const MessageText t = MessageText::Build(
      "Answer here.\n> old question?\nMore answer.\n\nOn Mon, 3 Nov 2026, Bob wrote:\nold text", Lang::kEn);
  CHECK_FALSE(t.quoted(0));
  CHECK(t.quoted(1));
  CHECK_FALSE(t.quoted(2));
  CHECK(t.quoted(4));
  CHECK(t.quoted(5));
  CHECK(t.body_end() == t.text().find("On Mon"));
  const MessageText ru = MessageText::Build("Ответ.\n\n12.11.2026, Наталья пишет:\n> текст", Lang::kRu);
  CHECK(ru.body_end() == ru.text().find("12.11"));
}

TEST_CASE("The words of a line are those ScanWords finds in it", "[text]") {
  const std::vector<std::string> texts = {
      "",
      "one line, no break",
      "Анна-Мария,\r\nваш заказ O'Brien-\nпередан.\n\n— Ирина\n",
      "word-\nnext and a dash at the end -\n'quoted' start\n",
      "\xCC\x81mark first\nтекст\xCC\x81 с ударением\n",
      "Thanks!\n\nOn Mon, Bob wrote:\n> the quoted tail\n> more of it\n",
      "Body line\n> inline quote\nback in the body\n\n",
  };
  for (const std::string& raw : texts) {
    const MessageText t = MessageText::Build(raw, Lang::kEn);
    INFO(raw);
    const std::vector<Word> body = ScanWords(t.text(), 0, t.body_end());
    REQUIRE(t.body_words().size() == body.size());
    std::vector<Word> scratch;
    for (size_t i = 0; i < t.lines().size(); ++i) {
      const std::vector<Word> want = ScanWords(t.text(), t.lines()[i].start, t.lines()[i].end);
      const std::span<const Word> got = t.LineWords(i, &scratch);
      REQUIRE(got.size() == want.size());
      for (size_t k = 0; k < want.size(); ++k) {
        CHECK(got[k].span.start == want[k].span.start);
        CHECK(got[k].span.end == want[k].span.end);
        CHECK(got[k].capitalized == want[k].capitalized);
        CHECK(got[k].all_caps == want[k].all_caps);
        CHECK(got[k].latin == want[k].latin);
      }
    }
  }
}

TEST_CASE("Language is told from the script", "[text]") {
  CHECK(DetectLang("Здравствуйте! Заказ ZK-48213 в пути, трек на https://x.example") == Lang::kRu);
  CHECK(DetectLang("Hello, your order is on its way") == Lang::kEn);
  CHECK(DetectLang("12345 !!!") == Lang::kUnknown);
  CHECK(DetectLang("こんにちは、ご注文は発送されました") == Lang::kUnknown);
}

TEST_CASE("Wrap breaks at spaces within 38 columns and cuts long URLs", "[text]") {
  Segmenter seg;
  CHECK(seg.Wrap("", 38).size() == 1);
  CHECK(seg.Wrap("short line", 38).size() == 1);
  const std::string two = "Чтобы подключить автоплатёж, откройте приложение и раздел «Платежи».";
  CHECK(seg.Wrap(two, 38).size() == 2);
  const std::string url(100, 'x');
  CHECK(seg.Wrap(url, 38).size() == 3);  // 38 + 38 + 24
  CHECK(seg.Width("ёжик") == 4);
}

TEST_CASE("ScanWords finds words with inner hyphens and apostrophes", "[text]") {
  const std::string s = "Анна-Мария, O'Brien и iPhone 15";
  const auto w = ScanWords(s, 0, s.size());
  REQUIRE(w.size() == 4);
  CHECK(s.substr(w[0].span.start, w[0].span.size()) == "Анна-Мария");
  CHECK(w[0].capitalized);
  CHECK(s.substr(w[1].span.start, w[1].span.size()) == "O'Brien");
  CHECK_FALSE(w[2].capitalized);
}

TEST_CASE("HasWords answers what counting ScanWords' words would", "[text]") {
  const std::vector<std::string> texts = {
      "", "?!", "Ну?", "Анна-Мария, O'Brien и iPhone 15", "a - b", "x-\ny z", "ударе\xCC\x81ние и ещё"};
  for (const std::string& s : texts) {
    INFO(s);
    for (size_t begin = 0; begin <= s.size(); ++begin) {
      for (size_t end = begin; end <= s.size(); ++end) {
        const size_t words = ScanWords(s, begin, end).size();
        for (size_t n = 0; n <= words + 1; ++n) CHECK(HasWords(s, begin, end, n) == (words >= n));
      }
    }
  }
}

TEST_CASE("Ill-formed bytes become U+FFFD and offsets still count the original bytes", "[text]") {
  // A stray byte, a truncated sequence, then a decomposed «й» (и + U+0306).
  const std::string raw = "Ok \xFF Саша \xD0 ми\xCC\x86 дом";
  const MessageText t = MessageText::Build(raw, Lang::kRu);
  CHECK(t.text() == "Ok \xEF\xBF\xBD Саша \xEF\xBF\xBD мй дом");
  CHECK(t.ToOriginal(t.text().find("Саша")) == raw.find("Саша"));
  CHECK(t.ToOriginal(t.text().find("дом")) == raw.find("дом"));
  const size_t bad = t.text().find("\xEF\xBF\xBD");
  CHECK(t.ToOriginal(bad) == 3);
  CHECK(t.ToOriginal(bad + 3) == 4);  // the end of the replacement is the end of the bad byte
  CHECK(t.ToOriginal(t.text().size()) == raw.size());
  CHECK(t.lang() == Lang::kRu);
}

TEST_CASE("Offsets after a replaced byte shift back by the replacement's two extra bytes", "[text]") {
  std::string raw(100000, 'a');
  raw += "\xFF";
  raw += std::string(100000, 'b');
  const MessageText t = MessageText::Build(raw, Lang::kEn);
  CHECK(t.text().size() == raw.size() + 2);
  CHECK(t.ToOriginal(150000) == 150000 - 2);
  CHECK(t.ToOriginal(99999) == 99999);
}

TEST_CASE("ReplaceInvalidUtf8 keeps the code point count", "[text]") {
  const std::string raw = "a\xC3\xFFб";
  CHECK(ReplaceInvalidUtf8(raw) == "a\xEF\xBF\xBD\xEF\xBF\xBDб");
  CHECK(CountCodePoints(ReplaceInvalidUtf8(raw)) == CountCodePoints(raw));
}

TEST_CASE("Another language in the same script is told apart, short Russian is not mistaken", "[text]") {
  CHECK(GuessLang("Hallo! Wo ist meine Bestellung? Kann ich sie stornieren?").other == "de");
  CHECK(GuessLang("Olá! Onde está o meu pedido? Posso cancelar?").other == "pt");
  CHECK(GuessLang("Привіт! Де моє замовлення? Чи можу я його скасувати?").other == "uk");
  CHECK(GuessLang("您好！我的订单在哪里？可以退款吗？").lang == Lang::kUnknown);
  // CLD2 calls these Bulgarian or Serbian, "reliably": they are Russian.
  for (const char* ru : {"Доставка в четверг с 10 до 14.", "Мне звонят из банка и просят код.", "Не могу войти.",
                         "Галина, это плата за СМС."}) {
    const LangGuess g = GuessLang(ru);
    CHECK(g.lang == Lang::kRu);
    CHECK(g.other.empty());
  }
  CHECK(GuessLang("Добрый день! Подключите Trello к аккаунту Google Workspace через Settings.").lang == Lang::kRu);
  CHECK(GuessLang("Hi Bob!").lang == Lang::kEn);
  CHECK(GuessLang("Please do not reply to this email. This mailbox is not monitored.").lang == Lang::kEn);
  CHECK(GuessLang("12345 !!!").other.empty());
}
