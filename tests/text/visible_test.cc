#include "text/visible.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <catch2/catch.hpp>

using namespace replylint;

TEST_CASE("VisibleForm drops format characters and Cyrillic stress marks, applies NFKC", "[visible]") {
  CHECK(VisibleForm("Cla\u200Dre") == "Clare");                     // zero-width joiner
  CHECK(VisibleForm("Алекс\u200Bандра") == "Александра");           // zero-width space
  CHECK(VisibleForm("\u202EАлександр\u202C") == "Александр");       // bidi override
  CHECK(VisibleForm("Ма\u00ADша") == "Маша");                       // soft hyphen
  CHECK(VisibleForm("Алекса\u0301ндра") == "Александра");           // stress mark
  CHECK(VisibleForm("Алё\u0301на") == "Алёна");                     // after ё
  CHECK(VisibleForm("ЁЛКА\u0301") == "ЁЛКА");                       // after a capital, at the end
  CHECK(VisibleForm("\uFF23\uFF4C\uFF41\uFF52\uFF45") == "Clare");  // fullwidth
  CHECK(VisibleForm("Сергеи\u0306") == "Сергей");                   // a breve typed apart is й, not a mark to drop
  CHECK(VisibleForm("José") == "José");                             // marks over Latin letters are letters
  CHECK(VisibleForm("Clare") == "Clare");
}

TEST_CASE("VisibleText maps spans back to the source bytes", "[visible]") {
  CHECK_FALSE(VisibleText::Of("Hi Clare, thanks.").has_value());  // nothing to do, nothing copied
  const std::string src = "Hi Cla\u200Dre\u200B, \uFF2E\uFF4F\uFF52\uFF41!";
  const auto v = VisibleText::Of(src);
  REQUIRE(v.has_value());
  CHECK(v->text() == "Hi Clare, Nora!");
  // "Clare": the joiner inside is part of it, the space after it is not.
  const Span clare = v->ToSource({3, 8});
  CHECK(src.substr(clare.start, clare.size()) == "Cla\u200Dre");
  const Span nora = v->ToSource({10, 14});
  CHECK(src.substr(nora.start, nora.size()) == "\uFF2E\uFF4F\uFF52\uFF41");
  CHECK(v->ToSourceStart(14) == src.size() - 1);  // the "!"
}

TEST_CASE("VisibleText leaves text of NFKC starters alone, and works on anything else", "[visible]") {
  // The shortcut of VisibleText::Of: Russian letters are starters NFKC keeps.
  for (char32_t c = 0x410; c <= 0x44F; ++c) {
    CHECK(u_getCombiningClass(static_cast<UChar32>(c)) == 0);
    CHECK(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFKC_QUICK_CHECK) == UNORM_YES);
  }
  for (char32_t c : {U'\u0401', U'\u0451'}) {
    CHECK(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFKC_QUICK_CHECK) == UNORM_YES);
  }
  CHECK_FALSE(VisibleText::Of("Здравствуйте, Саша! «Заказ» — 5 шт., ёлка, José.").has_value());
  // NFKC changes these: an ellipsis, №, a no-break space, a ligature, a mark
  // that combines with the letter before it.
  for (const char* changed : {"Спасибо\u2026", "\u2116 5", "5\u00A0000", "\uFB01ne", "Jose\u0301"}) {
    INFO(changed);
    CHECK(VisibleText::Of(changed).has_value());
  }
}
