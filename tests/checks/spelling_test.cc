#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "checks/check.h"
#include "eval/eval.h"
#include "replylint/engine.h"
#include "rules/rule_spec.h"
#include "test_util.h"

using namespace replylint;
using namespace replylint::testing;

namespace {

// The words the spelling rule flags in an agent reply (chat, so that no
// e-mail rule interferes), with the customer named `customer`.
std::vector<std::string> Flagged(const std::string& text, const std::string& customer = "",
                                 const std::string& author = "", const Engine* engine = nullptr) {
  Conversation c = MakeConversation(Channel::kChat, customer, {{Role::kAgent, text}}, "", author);
  std::vector<std::string> out;
  if (engine == nullptr) {
    for (const Finding& f : FindingsOf(c, "spelling")) out.push_back(f.text);
    return out;
  }
  auto worker = engine->NewWorker();
  const ConversationResult r = engine->Analyze(c, worker.get());
  for (const Finding& f : r.replies.back().findings) {
    if (f.rule == "spelling") out.push_back(f.text);
  }
  return out;
}

// The error of an engine made with configuration `yaml` (written to `name`).
std::string CreateError(const std::string& name, const std::string& yaml) {
  EngineOptions o;
  o.config_path = TempFile(name, yaml);
  o.config_explicit = true;
  auto e = Engine::Create(o);
  REQUIRE_FALSE(e.ok());
  return e.status().message();
}

std::unique_ptr<Engine> EngineWith(const std::string& name, const std::string& yaml) {
  EngineOptions o;
  o.config_path = TempFile(name, yaml);
  o.config_explicit = true;
  auto e = Engine::Create(o);
  REQUIRE(e.ok());
  return std::move(*e);
}

}  // namespace

TEST_CASE("spelling: Russian and English typos are found with corrections", "[spelling]") {
  Conversation c = MakeConversation(Channel::kChat, "Анна",
                                    {{Role::kAgent, "Анна, извените за задержку, пожалуста проверьте адрес."}});
  const auto f = FindingsOf(c, "spelling");
  REQUIRE(f.size() == 2);
  CHECK(f[0].text == "извените");
  CHECK(f[0].severity == Severity::kWarning);
  CHECK_THAT(f[0].suggestion, Catch::StartsWith("извините"));
  CHECK_THAT(f[0].message_text, Catch::Contains("«извените»"));
  CHECK(f[1].text == "пожалуста");
  CHECK(f[1].suggestion == "пожалуйста");
  // The span is the word's bytes in the message.
  CHECK(c.messages[0].text.substr(f[0].start, f[0].end - f[0].start) == "извените");

  const auto e =
      FindingsOf(MakeConversation(Channel::kChat, "Bob", {{Role::kAgent, "Bob, you will recieve it at your adress."}}),
                 "spelling");
  REQUIRE(e.size() == 2);
  CHECK(e[0].suggestion == "receive or relieve");
  CHECK_THAT(e[1].suggestion, Catch::StartsWith("address"));
  CHECK_THAT(e[0].message_text, Catch::Contains("“recieve”"));
}

TEST_CASE("spelling: doubled letters and misspelt weekdays are corrected", "[spelling]") {
  CHECK(Flagged("It will dissapear, as is neccessary.") == std::vector<std::string>{"dissapear", "neccessary"});
  const auto f =
      FindingsOf(MakeConversation(Channel::kChat, "", {{Role::kAgent, "It arrives on Wensday."}}), "spelling");
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].suggestion, Catch::StartsWith("Wednesday"));
}

TEST_CASE("spelling: the support vocabulary accepts every form", "[spelling]") {
  CHECK(Flagged("Перезагрузите роутер: с роутером и роутерами бывает. Банкомат и банкоматы, маркетплейс и на "
                "маркетплейсе, кешбэк и кешбэком, скриншот и скриншоты, тикет и тикетов, автоплатёж и автоплатежи, "
                "так комфортнее, бонусы начислили, промокоды и промокодом.")
            .empty());
  CHECK(Flagged("Send a screenshot; the webhooks, chatbots and dropdowns work, and the preorders are in your "
                "wishlist.")
            .empty());
}

TEST_CASE("spelling: names, codes, links, abbreviations and brands are not checked", "[spelling]") {
  // The customer's and the agent's names in any case, dictionary names, surnames.
  CHECK(Flagged("Заурбек, я передала Заурбеку ваш вопрос.", "Заурбек").empty());
  CHECK(Flagged("Коллега Ковальчук позвонит. Ковальчуку я всё передала.", "", "Мария Ковальчук").empty());
  CHECK(Flagged("Передал Александру и Морозову. Морозову передал вчера, а Кузнецовой — сегодня.").empty());
  CHECK(Flagged("Ивану Морозову передал, Сергей Шевчук перезвонит.").empty());
  // Codes, numbers, URLs, e-mail, handles, paths.
  CHECK(Flagged("Заказ ZK-48213, код A1B2, сеть 5G, id=zzqw, order_id, ссылка https://shop.example/zxqw/ordr, "
                "почта zzqw@shop.example, бот @zzqwbot, тег #zzqw, файл otchet.pdf, путь /zzq/wwx.")
            .empty());
  // ALL-CAPS, inner capitals, capitalised words of the other script, brands in mid-sentence.
  CHECK(Flagged("Код придёт в СМС, вставьте SIM в iPhone, заказ в ВкусноДом, доска в Trello, заказ на "
                "Вайлдберриз.")
            .empty());
  // A lone word of the other script is a term; a phrase in it is checked.
  CHECK(Flagged("Оплатите через paypal или по cvc.").empty());
  CHECK(Flagged("Нажмите «please recieve» в меню.") == std::vector<std::string>{"recieve"});
  // Template placeholders and quoted earlier mail.
  CHECK(Flagged("Здравствуйте, {{ zzqw_name }}! Заказ %ORDR% готов, {ordr}.").empty());
  CHECK(Flagged("Заказ готов.\n\n> Извените, где заказ?").empty());
}

TEST_CASE("spelling: the people of one conversation never cover words of the next", "[spelling]") {
  // A thread keeps the conversation's names between its replies. The next
  // conversation may sit where the last one did, with its messages in the
  // same storage, under the same id, with the same customer (the pipeline
  // reuses its slots for every batch, and its threads live for the whole
  // run): only the analysis it belongs to tells them apart.
  Conversation c = MakeConversation(
      Channel::kChat, "Анна", {{Role::kAgent, "Я передала ваш вопрос коллеге зурабику сегодня."}}, "", "Ольга Зурабик");
  auto spelling = [&] {
    const ConversationResult r = DefaultEngine().Analyze(c, DefaultWorker());
    std::vector<std::string> out;
    for (const Finding& f : r.replies.back().findings) {
      if (f.rule == "spelling") out.push_back(f.text);
    }
    return out;
  };
  CHECK(spelling().empty());  // the agent's surname, in another case
  const Message* storage = c.messages.data();
  c.messages.back().author = "Ольга Иванова";
  REQUIRE(c.messages.data() == storage);
  CHECK(spelling() == std::vector<std::string>{"зурабику"});
}

TEST_CASE("spelling: a capitalised word starting a sentence is checked, a brand is not", "[spelling]") {
  CHECK(Flagged("Здраствуйте! Заказ готов.") == std::vector<std::string>{"Здраствуйте"});
  // No near correction: a name or a brand, not a typo.
  CHECK(Flagged("Zendesk sends the reply. Shopify Store Support").empty());
}

TEST_CASE("spelling: forms the old ru_RU dictionary lacks are accepted through their lemma", "[spelling]") {
  CHECK(Flagged("Работает штатно, сервисов много, в уязвимостях разобрались, это неочевидные вещи.").empty());
  // не- before a verb is still a typo.
  CHECK(Flagged("Я незнаю, когда приедет курьер.") == std::vector<std::string>{"незнаю"});
}

TEST_CASE("spelling: the team's vocabulary file is honoured, with inflections", "[spelling]") {
  const std::string text = "Курьеры доставкин и экспрессик уже в пути.";
  CHECK(Flagged(text) == std::vector<std::string>{"доставкин", "экспрессик"});
  TempFile("team-words.txt", "# our services\nдоставкин\n\nэкспрессик  # the express one\n");
  const auto engine = EngineWith("vocab.yaml", "vocab: team-words.txt\n");
  CHECK(Flagged(text, "", "", engine.get()).empty());
  CHECK(Flagged("Про доставкина и экспрессика.", "", "", engine.get()).empty());
}

TEST_CASE("spelling: a bad vocab file is an error naming file:line", "[spelling]") {
  TempFile("bad-words.txt", "роутер\nдва слова\n");
  CHECK_THAT(CreateError("bad-vocab.yaml", "vocab: bad-words.txt\n"),
             Catch::Contains("bad-words.txt:2") && Catch::Contains("one word per line"));
  CHECK_THAT(CreateError("missing-vocab.yaml", "vocab: no-such-file.txt\n"),
             Catch::Contains("missing-vocab.yaml:1:8") && Catch::Contains("not found"));
}

TEST_CASE("spelling: either English dictionary by default, or the one configured", "[spelling]") {
  const std::string text = "The colour and the color were both cancelled and canceled.";
  CHECK(Flagged(text).empty());
  const auto us = EngineWith("en-us.yaml", "rules:\n  spelling:\n    params: {english: en_US}\n");
  CHECK(Flagged(text, "", "", us.get()) == std::vector<std::string>{"colour", "cancelled"});
  const auto gb = EngineWith("en-gb.yaml", "rules:\n  spelling:\n    params: {english: en_GB}\n");
  CHECK(Flagged(text, "", "", gb.get()) == std::vector<std::string>{"color", "canceled"});
  CHECK_THAT(CreateError("en-xx.yaml", "rules:\n  spelling:\n    params: {english: en_AU}\n"),
             Catch::Contains("en-xx.yaml:3:23") && Catch::Contains("en_AU"));
}

TEST_CASE("spelling: cached verdicts give the same findings as fresh ones", "[spelling]") {
  const Conversation c = MakeConversation(
      Channel::kChat, "", {{Role::kAgent, "Извените, пожалуста. Извените ещё раз: recieve, recieve, роутер."}});
  const Engine& engine = DefaultEngine();
  auto worker = engine.NewWorker();
  const auto first = engine.Analyze(c, worker.get()).replies.back().findings;
  const auto second = engine.Analyze(c, worker.get()).replies.back().findings;  // from the cache
  const auto fresh = engine.Analyze(c, engine.NewWorker().get()).replies.back().findings;
  // Извените twice and recieve twice: one finding each, with the count.
  REQUIRE(first.size() == 3);
  CHECK_THAT(first[0].message_text, Catch::Contains("2"));
  for (const auto* run : {&second, &fresh}) {
    REQUIRE(run->size() == first.size());
    for (size_t i = 0; i < first.size(); ++i) {
      CHECK((*run)[i].start == first[i].start);
      CHECK((*run)[i].suggestion == first[i].suggestion);
    }
  }
}

namespace {
class Collect : public ResultSink {
 public:
  void OnConversation(const Conversation& c, const ConversationResult& r) override {
    for (const MessageResult& m : r.replies) {
      for (const Finding& f : m.findings) out += c.id + " " + f.rule + " " + f.text + " " + f.suggestion + "\n";
    }
  }
  void OnRejected(const std::string&, size_t, const std::string&) override {}
  std::string out;
};
}  // namespace

TEST_CASE("spelling: per-thread state gives the same output with two jobs", "[spelling]") {
  std::string jsonl;
  const char* texts[] = {"Извените, пожалуста, за задержку.", "You will recieve it on Wensday.",
                         "Роутер и кешбэк в порядке.", "Оплотить можно картой, адресс верный."};
  for (int i = 0; i < 400; ++i) {
    jsonl += "{\"id\": \"t" + std::to_string(i) +
             "\", \"channel\": \"chat\", \"messages\": [{\"role\": \"agent\", "
             "\"text\": \"" +
             texts[i % 4] + "\"}]}\n";
  }
  const std::string path = TempFile("jobs.jsonl", jsonl);
  Collect one, two;
  PipelineStats s1, s2;
  REQUIRE(RunPipeline(DefaultEngine(), {path}, 1, &one, &s1).ok());
  REQUIRE(RunPipeline(DefaultEngine(), {path}, 2, &two, &s2).ok());
  CHECK(s1.conversations == 400);
  CHECK_THAT(one.out, Catch::Contains("t1 spelling recieve receive or relieve"));
  CHECK(one.out == two.out);
}

TEST_CASE("spelling: the bundled corpus meets precision 0.95 and recall 0.90", "[spelling][corpus]") {
  std::map<std::string, bool> rules;
  for (const RuleSpec& r : DefaultEngine().rules().rules) rules[r.id] = r.enabled;
  Evaluation eval(rules);
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(REPLYLINT_SOURCE_DIR) + "/corpus")) {
    if (e.path().extension() == ".jsonl") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  PipelineStats stats;
  REQUIRE(RunPipeline(DefaultEngine(), files, 2, &eval, &stats).ok());
  const RuleCounts& c = eval.counts().at("spelling");
  CHECK(c.tp >= 30);  // 15+ positives per language
  CHECK(c.precision() >= 0.95);
  CHECK(c.recall() >= 0.90);
}

TEST_CASE("spelling: the early dictionary load reads where the rule does", "[spelling]") {
  auto yaml = ReadDataFile("", "rules/spelling.yaml");
  REQUIRE(yaml.ok());
  CHECK(yaml->find(std::string("dictionary_dir: ") + kDefaultDictionaryDir + "\n") != std::string::npos);
}

TEST_CASE("spelling: a sample to prepare for changes no finding", "[spelling]") {
  const std::string draft = "Здравствуйте! Извените за задержку, пожалуста проверьте адресс доставки.";
  EngineOptions o;
  o.sample_text = draft;
  auto prepared = Engine::Create(o);
  REQUIRE(prepared.ok());
  CHECK(Flagged(draft, "", "", prepared->get()) == Flagged(draft));
  CHECK(Flagged(draft) == std::vector<std::string>{"Извените", "пожалуста", "адресс"});
}

TEST_CASE("spelling: a noun ending is rescued only after a head word of the dictionary", "[spelling]") {
  // An ending after an inflected form, or after a lemma that ends in a
  // vowel, is no word: the rescue must not hide these typos.
  CHECK(Flagged("Посмотрите на правой сторонеем экрана.") == std::vector<std::string>{"сторонеем"});
  CHECK(Flagged("Вам придёт письмо, когда доставкаа будет готова.") == std::vector<std::string>{"доставкаа"});
  CHECK(Flagged("Откройте настройкиа профиля.") == std::vector<std::string>{"настройкиа"});
  // A real case form of a head word the dictionary lists without it still passes.
  CHECK(Flagged("Мы проверили логи сервисов и исправили ошибку.").empty());
}

TEST_CASE("spelling: reflexive forms of known verbs and English contractions", "[spelling]") {
  CHECK(Flagged("Файл скачивается в папку загрузок.").empty());
  CHECK(Flagged("Tell us what’ll suit you and who'd like a call.").empty());
  CHECK(Flagged("Thanks, lets's see what we can do.") == std::vector<std::string>{"lets's"});
}

TEST_CASE("spelling: names in sign-offs, agent keys and the given-name list are names", "[spelling]") {
  // A social sign-off after a dash, caret or slash.
  CHECK(Flagged("Happy to help with the refund! -Quorra").empty());
  CHECK(Flagged("We have sent the code again.\n- Tamsin").empty());
  CHECK(Flagged("We have sent the code again. ^Oriel").empty());
  // The agent's key holds the name.
  Conversation c = MakeConversation(Channel::kSocial, "", {{Role::kAgent, "Ysolde here, the parcel left today."}});
  c.messages[0].agent_id = "shopcare/Ysolde";
  CHECK(FindingsOf(c, "spelling").empty());
  // A name from the list, at the start of a sentence.
  CHECK(Flagged("Lexie will call you back tomorrow.").empty());
  // A name after a greeting.
  CHECK(Flagged("Hi Quorra, the refund is on its way.").empty());
  // A typo after a dash in mid-line is still a typo, and so is a bare
  // vocative-looking typo at the start.
  CHECK(Flagged("Пожалуста! Заказ готов.") == std::vector<std::string>{"Пожалуста"});
  CHECK(Flagged("The box - recieved yesterday - is here.") == std::vector<std::string>{"recieved"});
}

TEST_CASE("spelling: a token longer than any word is not checked", "[spelling]") {
  // Corrections of a 3 000-letter token would take gigabytes: it is a code,
  // not a word. Words up to the bound are still checked.
  CHECK(Flagged("Hello " + std::string(3000, 'a')).empty());
  CHECK(Flagged("Hello " + std::string(41, 'a') + " recieved").size() == 1);
  // A word too long for the per-thread cache of verdicts is judged afresh
  // wherever it stands: a hyphenated word of two scripts has its parts
  // checked each time.
  std::string parts = "Wi-Fi";
  for (int k = 0; k < 14; ++k) parts += "-роутер";
  parts += "-раутер";
  REQUIRE(parts.size() > 160);
  const auto long_word = FindingsOf(
      MakeConversation(Channel::kChat, "", {{Role::kAgent, "Подключите " + parts + " и " + parts + " к сети."}}),
      "spelling");
  REQUIRE(long_word.size() == 1);
  CHECK(long_word[0].text == "раутер");
  CHECK_THAT(long_word[0].message_text, Catch::Contains("2"));
}

TEST_CASE("spelling: a word with letters of another writing system is not checked", "[spelling]") {
  // Latin glued to Japanese (a particle after an English word) is no word
  // of the dictionaries, nor is dropping the particle a correction of it.
  CHECK(Flagged("Your orderの details are in the email.").empty());
  CHECK(Flagged("Trackingは tomorrow.").empty());
  // The words around it still are.
  CHECK(Flagged("Your orderの details were recieved.") == std::vector<std::string>{"recieved"});
}

TEST_CASE("spelling: an apostrophe typed as the modifier letter is an apostrophe", "[spelling]") {
  // U+02BC, as some keyboards type it, like the typographic U+2019.
  CHECK(Flagged("The order\u02BCs status isn\u02BCt final: you\u02BCll hear from us.").empty());
  CHECK(Flagged("The order\u2019s status isn\u2019t final.").empty());
  CHECK(Flagged("It isn\u02BCt recieved yet.") == std::vector<std::string>{"recieved"});
}

TEST_CASE("spelling: one finding per misspelt word per message, with the count", "[spelling]") {
  Conversation c = MakeConversation(
      Channel::kChat, "",
      {{Role::kAgent, "Please recieve it in person; if you cannot recieve it, a neighbour may recieve it."}});
  const auto f = FindingsOf(c, "spelling");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "recieve");
  CHECK(f[0].start == std::string("Please ").size());  // the first place it stands
  CHECK_THAT(f[0].message_text, Catch::Contains("3 times"));
  CHECK_THAT(f[0].suggestion, Catch::Contains("receive"));
  // A word misspelt once keeps the plain message.
  const auto once =
      FindingsOf(MakeConversation(Channel::kChat, "", {{Role::kAgent, "Please recieve it."}}), "spelling");
  REQUIRE(once.size() == 1);
  CHECK_THAT(once[0].message_text, !Catch::Contains("times"));
}

TEST_CASE("spelling: abbreviations with a dot, hyphens in dictionary words", "[spelling]") {
  // A short start of a longer word, with a dot: an abbreviation.
  CHECK(Flagged("Обложка не меньше 1280×720 пикс., файл до 2 Мб.").empty());
  CHECK(Flagged("Размер обложки 1280×720 пикс.").empty());  // after a number, at the end
  // Where the dot ends a sentence after a word, a word cut short is a typo.
  CHECK(Flagged("Курьер привезёт заказ завтр. Время пришлём в СМС.") == std::vector<std::string>{"завтр"});
  // Not a start of any word: still a typo.
  CHECK(Flagged("Доставка стоит 300 рбу., оплата при получении.") == std::vector<std::string>{"рбу"});
  // A hyphen inside a dictionary word is a choice of style.
  CHECK(Flagged("The item arrived un-packaged, so we sent a new one.").empty());
  CHECK_FALSE(Flagged("The item arrived un-pakaged, so we sent a new one.").empty());
}

TEST_CASE("spelling: a capitalised word is a misspelt month only with the month's first letter", "[spelling]") {
  // "Vay" is one letter from May, but a name: mid-sentence capitals are names.
  CHECK(Flagged("Oh no, I'm so sorry Vay, did the second delivery work?").empty());
  CHECK(Flagged("We will ship it on Febuary 3.") == std::vector<std::string>{"Febuary"});
}

TEST_CASE("spelling: two-edit corrections and keyboard neighbours first", "[spelling]") {
  auto suggestion = [](const std::string& text) {
    const auto f = FindingsOf(MakeConversation(Channel::kChat, "", {{Role::kAgent, text}}), "spelling");
    REQUIRE(f.size() == 1);
    return f[0].suggestion;
  };
  // Two vowel slips, two extra letters: nothing one edit away.
  CHECK(suggestion("Пришлите, пожалуйста, метариалы для проверки.") == "материалы");
  CHECK(suggestion("Канал прошёл модерирацию вчера.") == "модерацию");
  // ш and щ are similar and side by side on the keyboard; е and о only similar.
  CHECK_THAT(suggestion("Публиковать такое запрешено правилами."), Catch::StartsWith("запрещено"));
}

TEST_CASE("spelling: the search the compiled lexicon prunes finds what a full search with Hunspell finds",
          "[spelling]") {
  // With the compiled lexicon, the correction search neither looks up nor
  // builds the edits that keep a beginning no accepted form has. A copy of
  // the dictionaries with two words more is not the lexicon's: there every
  // candidate is built and Hunspell judges it.
  const std::filesystem::path dir = std::filesystem::path(TempFile("unpruned.yaml", "")).parent_path() / "dicts";
  std::filesystem::create_directories(dir);
  for (const char* name : {"ru_RU", "en_US", "en_GB"}) {
    for (const char* ext : {".aff", ".dic"}) {
      const std::string file = std::string(name) + ext;
      std::filesystem::copy_file(std::filesystem::path(kDefaultDictionaryDir) / file, dir / file,
                                 std::filesystem::copy_options::overwrite_existing);
    }
    std::ofstream(dir / (std::string(name) + ".dic"), std::ios::app) << "sepparate\nзаплотить\n";
  }
  const auto full =
      EngineWith("unpruned.yaml", "rules:\n  spelling:\n    params: {dictionary_dir: \"" + dir.string() + "\"}\n");
  // Hunspell reads the copy: the words added pass there.
  const std::string added = "Можно заплотить позже. Please sepparate them.";
  CHECK(Flagged(added) == std::vector<std::string>{"заплотить", "sepparate"});
  CHECK(Flagged(added, "", "", full.get()).empty());
  // One edit and two, slips early and late in the word, a doubled letter,
  // capitalised words; and words of vowels only, whose second edits (every
  // vowel is similar to every other) reach the cap on tried candidates, so
  // that the search starts over building them all.
  const std::vector<std::pair<std::string, size_t>> texts = {
      {"Вот список: метариалы, модерирация, вастановить, извените, пожалуста, оплотить, адресс, запрешено, "
       "сдесь, коментарий, интерисует, отправте, доставленно, растраиваться, подключеный, зделала, превышенно.",
       14},
      {"Here they are: recieve, adress, dissapear, definately, seperate, occured, accomodate, wierd, untill, "
       "tommorow, reciept, buisness, acount, detination, garantee, neccessary.",
       14},
      {"Вот слова: аоаоаоаоаоаоао и еиеиеиеиеиеиеи.", 0},
      // Capitalised: corrections with a capital only (Москва, London).
      {"Извените, мы едем. Пожалуста, подождите. Масква большая. Питербург тоже.", 4},
      {"Recieve it now. Londan is big. Amerca is bigger. Febuary is cold. Wensday is fine.", 5}};
  for (const auto& [text, at_least] : texts) {
    const Conversation c = MakeConversation(Channel::kChat, "", {{Role::kAgent, text}});
    auto pairs = [&](const Engine& engine) {
      std::vector<std::string> out;
      auto worker = engine.NewWorker();
      const ConversationResult r = engine.Analyze(c, worker.get());
      for (const Finding& f : r.replies.back().findings) {
        if (f.rule == "spelling") out.push_back(f.text + ": " + f.suggestion);
      }
      return out;
    };
    const std::vector<std::string> pruned = pairs(DefaultEngine());
    CHECK(pruned.size() >= at_least);
    CHECK(pruned == pairs(*full));
  }
}

TEST_CASE("spelling: two letters dropped only from inside a word", "[spelling]") {
  // Cutting the end of an unknown brand is no correction: no finding.
  CHECK(Flagged("Did gamestop send you a code?").empty());
}

TEST_CASE("spelling: an English letter left out ranks with a key beside", "[spelling]") {
  const auto f =
      FindingsOf(MakeConversation(Channel::kChat, "", {{Role::kAgent, "The train will take you to your detination."}}),
                 "spelling");
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].suggestion, Catch::StartsWith("destination"));
}
