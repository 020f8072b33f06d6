#include "redact/phones.h"

#include <catch2/catch.hpp>

using namespace replylint;

namespace {

// The phone numbers FindPhones finds in `text`, as the original bytes.
std::vector<std::string> Phones(const std::string& text, Lang lang) {
  std::vector<std::string> out;
  for (const PhoneSpan& p : FindPhones(text, lang)) out.push_back(text.substr(p.start, p.end - p.start));
  return out;
}

std::vector<std::string> Keys(const std::string& text, Lang lang) {
  std::vector<std::string> out;
  for (const PhoneSpan& p : FindPhones(text, lang)) out.push_back(p.e164);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("Phones: the national formats of Russia, the US and Britain", "[redact][phones]") {
  CHECK(Phones("Позвоните: 8 (912) 345-67-89, спасибо", Lang::kRu) == V{"8 (912) 345-67-89"});
  CHECK(Phones("Мой номер +7 912 345 67 89.", Lang::kRu) == V{"+7 912 345 67 89"});
  CHECK(Phones("Call (555) 123-4567 tomorrow", Lang::kEn) == V{"(555) 123-4567"});
  CHECK(Phones("Our London office: 020 7946 0958.", Lang::kEn) == V{"020 7946 0958"});
  CHECK(Phones("my number is 4155552671", Lang::kEn) == V{"4155552671"});
  // One number, one key, however it is written.
  CHECK(Keys("8 (912) 345-67-89 и +7 912 345 67 89 и 89123456789", Lang::kRu) ==
        V{"+79123456789", "+79123456789", "+79123456789"});
}

TEST_CASE("Phones: en dashes, fullwidth digits, odd spaces; spans are bytes of the original", "[redact][phones]") {
  const std::string dashes = "Номер 8\u2013912\u2013345\u201367\u201389 с тире";
  CHECK(Phones(dashes, Lang::kRu) == V{"8\u2013912\u2013345\u201367\u201389"});
  const std::string wide = "Номер \uff18\uff19\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19 широкими";
  CHECK(Phones(wide, Lang::kRu) == V{"\uff18\uff19\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"});
  CHECK(Keys(wide, Lang::kRu) == V{"+79123456789"});
  CHECK(Phones("тел. 8\u202f912\u202f345\u202f67\u202f89.", Lang::kRu) == V{"8\u202f912\u202f345\u202f67\u202f89"});
  CHECK(Phones("tel 8 912 345\u00ad67\u00ad89", Lang::kRu) == V{"8 912 345\u00ad67\u00ad89"});
  // A Russian number in an English reply: the trunk prefix is part of it.
  CHECK(Phones("Call 8 912 345 67 89 today", Lang::kEn) == V{"8 912 345 67 89"});
}

TEST_CASE("Phones: order numbers, amounts, dates and times are not phones", "[redact][phones]") {
  CHECK(Phones("Заказ 1234567 от 12.03.2024 в 10:30 на сумму 12 500 руб.", Lang::kRu).empty());
  CHECK(Phones("Order 12345678 total $1,234.56 on 2024-03-12 at 10:30", Lang::kEn).empty());
  CHECK(Phones("Ваш заказ № 87654321 оплачен, код 123456", Lang::kRu).empty());
  CHECK(Phones("12.03.2024 10:30", Lang::kEn).empty());
  CHECK(Phones("сумма 1 234 567 890 руб", Lang::kRu).empty());
  CHECK(Phones("order #1234567890, invoice 4155552671", Lang::kEn).empty());
  CHECK(Phones("Order ID: 415-555-2671, booking ref 4155552671", Lang::kEn).empty());
  CHECK(Phones("трек RU1234567890CN, карта 1234 5678 9012 3456 7890 12", Lang::kRu).empty());
  CHECK(Phones("Трек-номер 80085012345678", Lang::kRu).empty());
}
