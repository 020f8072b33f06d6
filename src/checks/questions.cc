// unanswered-question: the customer asked two or more questions and the reply
// (with the agent messages that directly follow it) leaves one unanswered
// (seed 003: «задаёшь три вопроса, а ответ получаешь на один или два»).
//
// Minimal configuration (rules/unanswered-question.yaml):
//   params:
//     request_phrases: {ru: ["подскажите"], en: ["could you tell me"]}  # questions without "?"
//     rhetorical: {ru: ["вы серьезно"], en: ["are you kidding"]}       # need no answer
//     stop_words: {ru: [и, в], en: [the, a]}
//     ordinals: {ru: [перв, втор], en: [first, second]}     # stems, 1st, 2nd, …
//     min_coverage: 0.34   # share of the question's weighted content words the reply must echo
//     yes_no_questions: {ru: ["можно ли"], en: ["can i"]}   # openers of a yes/no question
//     yes_no_answers: {ru: ["да"], en: ["yes"]}             # each answers one such question
//     where_questions: {ru: ["где мой"], en: ["where is my"]}
//     where_answers: {ru: ["в пути"], en: ["ships"]}
//
// Questions come from numbered or bulleted items, «во-первых …», "first …",
// and separate question sentences. A question counts as answered when the
// reply refers to it by number or ordinal, or echoes enough of its content
// (stems, weighted toward long words, numbers and ids).
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "base/utf8.h"
#include "checks/check.h"
#include "checks/phrase_matcher.h"
#include "text/stem.h"
#include "text/words.h"

namespace replylint {
namespace {

// Bounds that keep the rule linear in the conversation (each question is
// compared with the whole reply, each answer word with every question):
// a customer who asks more than kMaxQuestions questions at once is not
// judged (a wall of questions is no case of one left unanswered, and a
// false alarm would be worse than the miss), and a "question" of more than
// kMaxQuestionBytes is a pasted text, not a question to answer point by point.
constexpr size_t kMaxQuestions = 30;
constexpr size_t kMaxQuestionBytes = 2000;
// Words a greeting line holds at most («Роман, добрый день!», "Hi there Sam,").
constexpr size_t kGreetingWords = 5;

// A word of a question, stemmed once for every comparison with the reply.
struct Term {
  std::string stem;
  size_t letters = 0;  // code points of the word
  bool stop = false;   // a stop word
};

struct Question {
  int number = 0;  // 1-based position among the questions
  Span span;       // in the customer message text
  size_t message = 0;
  std::string text;         // as written
  std::string folded;       // FoldForMatch(text)
  bool polar = false;       // asks for a yes or a no («Можно ли на сайте?», "Is it free?")
  bool confirm = false;     // … by intonation alone, to confirm a guess («Только на сайте?»)
  std::vector<Term> terms;  // its words in order
};

class UnansweredQuestionCheck : public Check {
 public:
  struct Params {
    std::map<Lang, PhraseMatcher> requests;
    std::map<Lang, PhraseMatcher> rhetorical;
    std::map<Lang, PhraseMatcher> handling;             // requests for the details needed to answer
    std::set<std::string> stop_words;                   // folded
    std::map<Lang, std::vector<std::string>> ordinals;  // folded stems, index = number - 1
    double min_coverage = 0.34;
    // Questions answered without their words: by kind, each with the
    // openers that make a question of that kind and the words that answer it.
    struct Kind {
      std::map<Lang, PhraseMatcher> openers;
      std::map<Lang, PhraseMatcher> answers;
      // Where the opener may stand: at the start («где мой заказ»), or
      // anywhere, as Russian word order is free («А запись сколько хранится?»).
      bool anywhere = false;
      bool polar = false;  // its questions are the yes/no ones
      // A clear answer (a yes, a time, a sum) shows the reply answered a
      // question, so that another one it shares nothing with is open. A soft
      // one (a modal restatement, a link, a "because") only keeps the rule
      // quiet about its own question.
      bool clear = true;
      // Its answers count only at the start of a clause («Да, …», "and
      // yes, …"): "there's no fee" or «нет проблем» answers nothing.
      bool clause_start = false;
    };
    // yes/no, possible («вы можете …», "you can …"), where, time (a time, a
    // date, a duration), amount (a price, a size, a count), extent (how long
    // or how much may one: «на всю ночь?» — «до 12 часов»), documents, place,
    // steps (a link or instructions), reason (why — because).
    std::vector<Kind> kinds;
    // Question words: a question without one asks for a yes or a no.
    std::set<std::string> wh_words;  // folded
    // A reply opening with one of these («Да, …», "No, …") answers every
    // yes/no question asked, when no question of another kind is left open.
    std::map<Lang, PhraseMatcher> polar_openings;
  };

  UnansweredQuestionCheck(const RuleSpec& spec, Params p) : Check(spec), p_(std::move(p)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const auto& msgs = ctx.conversation.messages;
    // Only the first agent message of a run carries the finding.
    size_t prev = ctx.index;
    while (prev > 0 && msgs[prev - 1].role == Role::kSystem) --prev;
    if (prev > 0 && msgs[prev - 1].role == Role::kAgent) return;
    // The customer's messages since the previous agent message.
    std::vector<size_t> asked;
    const std::string* replied_to = nullptr;  // in a public thread: whose questions these are
    for (size_t i = ctx.index; i-- > 0;) {
      if (msgs[i].role == Role::kAgent) break;
      if (msgs[i].role != Role::kCustomer) continue;
      if (ctx.conversation.channel == Channel::kSocial) {
        // Other people join a public thread; their questions are not this
        // reply's to answer.
        if (replied_to == nullptr) replied_to = &msgs[i].author;
        if (msgs[i].author != *replied_to) continue;
      }
      asked.push_back(i);
    }
    std::reverse(asked.begin(), asked.end());
    std::vector<Question> questions;
    for (size_t i : asked) Extract(ctx.texts[i], i, &questions);
    if (questions.size() < 2 || questions.size() > kMaxQuestions) return;
    for (size_t k = 0; k < questions.size(); ++k) {
      Question& q = questions[k];
      q.number = static_cast<int>(k + 1);
      q.folded = FoldForMatch(q.text);
      q.polar = !p_.kinds.empty() && OpensWith(p_.kinds.front().openers, q.folded);
      q.confirm = !q.polar && Confirms(q);
      q.polar = q.polar || q.confirm;
    }

    // The reply: this message and the agent messages that directly follow it.
    std::string reply;
    for (size_t i = ctx.index; i < msgs.size() && msgs[i].role != Role::kCustomer; ++i) {
      if (msgs[i].role == Role::kAgent) reply += ctx.texts[i].folded().substr(0, ctx.texts[i].body_end()) + "\n";
    }
    // A reply that asks for what it needs to answer («направьте ссылку, мы
    // разберёмся», "DM us your order number") handles the questions for now.
    for (const auto& [lang, m] : p_.handling) {
      if (!m.Find(reply).empty()) return;
    }
    const std::set<std::string> reply_stems = Stems(reply);
    // Words that several questions share («сотрудник» in "how to add an
    // employee" and "how many employees") tell them apart poorly: they weigh less.
    std::map<std::string, int> shared;
    for (Question& q : questions) {
      std::set<std::string> stems;
      for (const Word& w : ScanWords(q.folded, 0, q.folded.size())) {
        const std::string_view word = std::string_view(q.folded).substr(w.span.start, w.span.size());
        q.terms.push_back({StemByScript(word), CountCodePoints(word), p_.stop_words.count(std::string(word)) > 0});
        stems.insert(q.terms.back().stem);
      }
      AddNumbers(q.folded, &stems);
      for (const std::string& st : stems) ++shared[st];
    }
    // Strong evidence only: a question is left open when the reply shares
    // nothing with it — no content word, no number, no answer of its kind —
    // while it clearly answers another. A reply that answers none of them
    // (a request for details, a hand-over, a deflection) says nothing sure
    // about any single one, so the rule stays quiet.
    // Questions the customer numbered and the reply answers by number: a
    // number it skips is open whatever words it shares.
    std::vector<const Question*> open;  // not answered by number or content
    std::vector<Coverage> coverage;
    size_t answered = 0;
    bool by_number = false;
    size_t first_numbered = reply.size();  // where the first reference by number is
    int lowest_numbered = 0;               // the lowest number referred to
    for (const Question& q : questions) {
      size_t at = reply.size();
      coverage.push_back(Covered(q, questions.size(), reply, reply_stems, shared, &at));
      if (coverage.back() == Coverage::kByNumber) {
        if (!by_number) lowest_numbered = q.number;
        by_number = true;
        first_numbered = std::min(first_numbered, at);
      }
      if (coverage.back() == Coverage::kByNumber || coverage.back() == Coverage::kAnswered) {
        ++answered;
      } else {
        open.push_back(&q);
      }
    }
    // «Не хватило двух позиций на складе… По второму вопросу: …»: text
    // before the first reference by number answers the questions before
    // that number, unnumbered (more than a greeting line's worth of words).
    const bool answered_before = by_number && HasWords(reply, 0, first_numbered, kGreetingWords + 1);
    // Only a question open with nothing of it in the reply (or any open one,
    // by number) can be reported, and answers of a kind only close questions.
    const auto reportable = [&](const Question* q) {
      if (by_number) return !(answered_before && q->number < lowest_numbered);
      return coverage[static_cast<size_t>(q->number - 1)] == Coverage::kNothing;
    };
    if (std::none_of(open.begin(), open.end(), reportable)) return;
    // An answer of the question's kind (a yes, a place, a number) answers it.
    answered += AnsweredByKind(reply, questions, shared, by_number, &open);
    // «В кассе бонусами платить нельзя? Только на сайте?» — «Да, только в
    // интернет-магазине»: a reply that opens with a yes or a no confirms every guess
    // put as a question, when no question of another kind is left open (it
    // cannot be told which guess the yes is for). A question asked outright
    // («И нужно ли сохранять бирки?») still wants its own answer, and so does
    // a number the reply skips.
    if (!open.empty() && !by_number &&
        std::all_of(open.begin(), open.end(), [](const Question* q) { return q->confirm; }) && OpensWithPolar(reply)) {
      open.clear();
    }
    std::vector<const Question*> missing;
    for (const Question* q : open) {
      if (reportable(q)) missing.push_back(q);
    }
    if (missing.empty() || answered == 0) return;
    std::string list, quotes;
    for (const Question* q : missing) {
      // Each language's own typography: №2 «…» in Russian, question 2 (“…”) in English.
      const std::string one = ctx.reply_lang() == Lang::kRu
                                  ? "№" + std::to_string(q->number) + " «" + q->text + "»"
                                  : "question " + std::to_string(q->number) + " (“" + q->text + "”)";
      list += (list.empty() ? "" : "; ") + one;
      quotes += (quotes.empty() ? "" : "\n") + q->text;
    }
    const MessageText& t = ctx.text();
    Span first{0, 0};
    for (size_t i = 0; i < t.lines().size(); ++i) {
      if (!t.Slice(t.lines()[i]).empty()) {
        first = t.lines()[i];
        break;
      }
    }
    out->push_back(Make(ctx, first, missing.size() == 1 ? "one" : "many", "answer",
                        {{"questions", list},
                         {"count", std::to_string(missing.size())},
                         {"total", std::to_string(questions.size())},
                         {"quotes", quotes}}));
  }

 private:
  // Marker of a numbered or bulleted item at the start of a line; returns the
  // offset where the item's text starts, or npos.
  static size_t ItemStart(std::string_view line) {
    size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos) return i;
    if (line[i] == '(') ++i;
    // «№1 Текст», «№ 1 Текст»: the sign makes a number an item without a dot.
    const bool sign = line.compare(i, 3, "№") == 0;
    if (sign) {
      i += 3;
      while (i < line.size() && line[i] == ' ') ++i;
    }
    size_t digits = i;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    size_t j = digits;
    if (digits > i && digits - i <= 2) {
      if (j < line.size() && (line[j] == '.' || line[j] == ')'))
        ++j;
      else if (sign && j < line.size() && line[j] == ':')
        ++j;
      else if (sign && j < line.size() && (line[j] == ' ' || line[j] == '\t')) {
      } else if (line.compare(j, 2, " -") == 0 || line.compare(j, 4, " —") == 0 || line.compare(j, 4, " –") == 0)
        j += (line[j + 1] == '-' ? 2 : 4);
      else
        return std::string_view::npos;
    } else if (j == i) {
      // Bullets and lettered items: "- ", "• ", "* ", "а) ", "b) ".
      if (line[i] == '-' || line[i] == '*') {
        j = i + 1;
      } else if (line.compare(i, 3, "•") == 0) {
        j = i + 3;
      } else {
        size_t k = i;
        const char32_t c = DecodeUtf8(line, &k);
        if (u_isalpha(static_cast<UChar32>(c)) && k < line.size() && line[k] == ')' && k - i <= 2) {
          j = k + 1;
        } else {
          return std::string_view::npos;
        }
      }
    } else {
      return std::string_view::npos;
    }
    if (j < line.size() && line[j] != ' ' && line[j] != '\t') return std::string_view::npos;
    return line.find_first_not_of(" \t", j);
  }

  // «Да, курьер позвонит», "It ships today": a yes/no question answered by
  // yes or no, a where-is-my-parcel question by where it is. An answer word
  // in a sentence that answers another question (by its number or its
  // words) belongs to that question; each free one answers one still-open
  // question of its kind, in order. So one «да» in the middle of a reply
  // never answers two questions.
  // Returns how many questions a clear answer took.
  // `by_number`: the reply answers by item number, so an answer on a line
  // opening with another item's number belongs to that item.
  size_t AnsweredByKind(const std::string& reply, const std::vector<Question>& questions,
                        const std::map<std::string, int>& shared, bool by_number,
                        std::vector<const Question*>* missing) const {
    size_t clear = 0;
    const std::vector<Span> sentences = ReplyClauses(reply);
    for (const Params::Kind& kind : p_.kinds) {
      // An answer of a kind only closes an open question of that kind.
      if (std::none_of(missing->begin(), missing->end(), [&](const Question* q) { return OfKind(kind, *q); })) {
        continue;
      }
      size_t free = 0;
      std::set<size_t> used;            // «да, обменять можно»: one answer, not two
      std::set<const Question*> holds;  // answered questions that took an answer of this kind
      for (const auto& [lang, m] : kind.answers) {
        for (const Span& a : m.Find(reply)) {
          if (ItemMarker(reply, a)) continue;  // "2." opening a line numbers an answer, it is none
          if (by_number && ItemMarkerEnd(reply, a.start) != std::string::npos) continue;
          // The clause holding the word (clauses are sorted and apart: a
          // binary search, as a long reply has many of both).
          auto in = std::upper_bound(sentences.begin(), sentences.end(), a.start,
                                     [](size_t at, const Span& s) { return at < s.start; });
          if (in == sentences.begin()) continue;
          --in;
          if (!(in->start <= a.start && a.start < in->end)) continue;
          if (kind.clause_start && a.start != ClauseStart(reply, *in)) continue;
          const size_t at = static_cast<size_t>(in - sentences.begin());
          if (!used.insert(at).second) continue;
          // «Да, обменять можно»: a bare yes goes with the clause after it;
          // "you can stream for up to a day" is a clause of its own, and so
          // is «Да.»: a sentence of its own is no part of the next one's.
          size_t end = in->end;
          if (in + 1 != sentences.end() && !HasWords(reply, in->start, in->end, 3) &&
              reply[in->end - 1] == ',') {
            end = (in + 1)->end;
            used.insert(at + 1);
          }
          const std::string clause = reply.substr(in->start, end - in->start);
          const std::set<std::string> stems = Stems(clause);
          // An answer in a clause about a question of its kind already
          // answered is that question's; one in a clause about an open
          // question of its kind answers that one; any other answers the
          // first open one. («Ограничений нет» answers both "how many?" and
          // "is there a maximum?": a question of another kind takes nothing.)
          // A question takes one answer of a kind: "rated for 150 kg, and it
          // weighs 17 kg" answers the weight limit and how heavy it is.
          bool taken = false;
          for (const Question& q : questions) {
            if (OfKind(kind, q) && std::find(missing->begin(), missing->end(), &q) == missing->end() &&
                !holds.count(&q) && Refers(clause, stems, q, shared)) {
              holds.insert(&q);
              taken = true;
              break;
            }
          }
          if (taken) continue;
          auto own = std::find_if(missing->begin(), missing->end(), [&](const Question* q) {
            return OfKind(kind, *q) && Refers(clause, stems, *q, shared);
          });
          if (own != missing->end()) {
            clear += Clear(kind, **own);
            holds.insert(*own);
            missing->erase(own);
          } else {
            ++free;
          }
        }
      }
      for (auto it = missing->begin(); it != missing->end() && free > 0;) {
        if (OfKind(kind, **it)) {
          clear += Clear(kind, **it);
          it = missing->erase(it);
          --free;
        } else {
          ++it;
        }
      }
    }
    return clear;
  }

  // The words of s[begin, end) without the @handles a public reply opens
  // with ("@sam_k yes, …").
  static std::vector<Word> ClauseWords(std::string_view s, size_t begin, size_t end) {
    std::vector<Word> words = ScanWords(s, begin, end);
    words.erase(
        std::remove_if(words.begin(), words.end(),
                       [&](const Word& w) {
                         size_t at = w.span.start;
                         while (at > begin && (std::isalnum(static_cast<unsigned char>(s[at - 1])) || s[at - 1] == '_'))
                           --at;
                         return at > begin && s[at - 1] == '@';
                       }),
        words.end());
    return words;
  }

  // Where the first word of a reply clause starts, after an item number and
  // a conjunction («2) и да, …», "and yes, …").
  static size_t ClauseStart(const std::string& reply, Span clause) {
    static const char* const kLeadIns[] = {"и", "а", "но", "and", "but", "so", "also", "oh", "well"};
    const std::vector<Word> words = ClauseWords(reply, clause.start, clause.end);
    size_t k = 0;
    while (k + 1 < words.size()) {
      const std::string_view w = std::string_view(reply).substr(words[k].span.start, words[k].span.size());
      if (std::none_of(std::begin(kLeadIns), std::end(kLeadIns), [&](const char* l) { return w == l; })) break;
      ++k;
    }
    return words.empty() ? clause.start : words[k].span.start;
  }

  // Whether an answer of the kind shows that the question was answered. A
  // yes to a guess ("Paying for 100 and getting 5?" — "Yes, …") may be no
  // more than a nod: it keeps the guess quiet and shows nothing.
  static bool Clear(const Params::Kind& kind, const Question& q) { return kind.clear && !(kind.polar && q.confirm); }

  bool OfKind(const Params::Kind& kind, const Question& q) const {
    if (kind.polar) return q.polar;
    if (!kind.anywhere) return OpensWith(kind.openers, q.folded);
    for (const auto& [lang, m] : kind.openers) {
      if (!m.Find(q.folded).empty()) return true;
    }
    return false;
  }

  // A guess put as a question: a question mark, and no question word at all
  // («Картой тоже можно?», "So it's free?"). «что ли» / «что ль»
  // is a particle of such a question, and «как» after «так»/«также»
  // compares («так же, как в приложении?»).
  bool Confirms(const Question& q) const {
    if (q.text.find('?') == std::string::npos) return false;  // a request: «хочу узнать цену»
    const std::string& folded = q.folded;
    const std::vector<Word> words = ScanWords(folded, 0, folded.size());
    for (size_t k = 0; k < words.size(); ++k) {
      std::string w = folded.substr(words[k].span.start, words[k].span.size());
      for (const char* s : {"'s", "’s"}) {  // what's, where's
        const size_t n = std::strlen(s);
        if (w.size() > n && w.compare(w.size() - n, n, s) == 0) w.resize(w.size() - n);
      }
      if (!p_.wh_words.count(w)) continue;
      auto word = [&](size_t i) { return folded.substr(words[i].span.start, words[i].span.size()); };
      if (w == "что" && k + 1 < words.size() && (word(k + 1) == "ли" || word(k + 1) == "ль")) continue;
      if (w == "как" && k > 0 && (word(k - 1) == "так" || word(k - 1) == "также" || word(k - 1) == "же")) continue;
      return false;
    }
    return true;
  }

  // True when the reply's first clause that is more than a greeting or a
  // name («Здравствуйте, Анна!», "@sam Hi there!") opens with a yes or a no.
  bool OpensWithPolar(const std::string& reply) const {
    const std::vector<Span> clauses = ReplyClauses(reply);
    for (size_t k = 0; k < clauses.size() && k < 4; ++k) {
      const std::string_view c = std::string_view(reply).substr(clauses[k].start, clauses[k].size());
      const std::vector<Word> words = ClauseWords(c, 0, c.size());
      if (words.empty()) continue;
      for (const auto& [lang, m] : p_.polar_openings) {
        for (const Span& s : m.Find(c)) {
          if (s.start == words[0].span.start) return true;
        }
      }
      if (words.size() > 3) return false;
    }
    return false;
  }

  // Where the item marker of the line holding `at` ends — the '.' or ')'
  // of "2. …", "2) …", "(2) …" — or npos when the line opens with none.
  static size_t ItemMarkerEnd(const std::string& s, size_t at) {
    size_t i = at;
    while (i > 0 && s[i - 1] != '\n') --i;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size() && s[i] == '(') ++i;
    const size_t digits = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > digits && i < s.size() && (s[i] == '.' || s[i] == ')') ? i : std::string::npos;
  }

  // The number `a` is the item marker of its line: no answer of any kind.
  static bool ItemMarker(const std::string& s, Span a) { return ItemMarkerEnd(s, a.start) == a.end; }

  // Clauses of the reply: split after . ! ? , ; : and at line ends, but not
  // after an item number («1. Заказ …») or inside a number («1,5»). A
  // sentence ending with a number ends there ("…с 10 до 18. Бонусами …").
  static std::vector<Span> ReplyClauses(const std::string& s) {
    std::vector<Span> out;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const bool next_blank = i + 1 >= s.size() || s[i + 1] == ' ' || s[i + 1] == '\n';
      const bool end = c == '\n' || ((c == '!' || c == '?' || c == ',' || c == ';' || c == ':') && next_blank) ||
                       (c == '.' && next_blank && ItemMarkerEnd(s, i) != i);
      if (!end) continue;
      if (i + 1 > start) out.push_back({start, i + 1});
      start = i + 1;
    }
    if (start < s.size()) out.push_back({start, s.size()});
    return out;
  }

  // True when the clauses of the reply refer to the question: they carry
  // its item number, or echo one of its own content words. A word several
  // questions share («вебинар» in «можно вести вебинар всю ночь?» and
  // «долго хранится запись вебинара?») tells no question apart.
  bool Refers(const std::string& sentence, const std::set<std::string>& stems, const Question& q,
              const std::map<std::string, int>& shared) const {
    const std::string n = std::to_string(q.number);
    if (OpensWithNumber(sentence, n) || InlineMarker(sentence, n)) return true;
    for (const Term& term : q.terms) {
      if (term.stop || term.letters < 4) continue;
      auto sh = shared.find(term.stem);
      if (sh != shared.end() && sh->second > 1) continue;
      if (Echoed(term.stem, stems)) return true;
    }
    return false;
  }

  // True when the question starts with one of the openers, after an item
  // marker and a lead-in («и можно ли», "and can i", "also, is").
  static bool OpensWith(const std::map<Lang, PhraseMatcher>& openers, const std::string& folded) {
    static const char* const kLeadIns[] = {"и",    "а",   "еще", "также", "тогда", "and",
                                           "also", "but", "so",  "plus",  "then"};
    size_t first = 0;
    for (bool skipped = true; skipped;) {
      skipped = false;
      while (first < folded.size()) {  // to the next letter
        size_t j = first;
        if (u_isalpha(static_cast<UChar32>(DecodeUtf8(folded, &j)))) break;
        first = j;
      }
      for (const char* lead : kLeadIns) {
        const size_t n = std::strlen(lead);
        if (folded.compare(first, n, lead) == 0 && first + n < folded.size() &&
            (folded[first + n] == ' ' || folded[first + n] == ',')) {
          first += n;
          skipped = true;
          break;
        }
      }
    }
    for (const auto& [lang, m] : openers) {
      for (const Span& s : m.Find(folded)) {
        if (s.start == first) return true;
      }
    }
    return false;
  }

  // The cheap tests first: most sentences are no question, and the phrase
  // lists are searched only for those that may be.
  bool IsQuestion(const std::string& folded, bool has_mark, Lang lang) const {
    // «Как такое вообще возможно?????», "what?!": an outcry, not a question to answer.
    if (folded.find("???") != std::string::npos || folded.find("?!") != std::string::npos ||
        folded.find("!?") != std::string::npos) {
      return false;
    }
    if (!HasWords(folded, 0, folded.size(), 2)) return false;  // «Ну?», "Why?"
    if (!has_mark) {
      auto it = p_.requests.find(lang);
      if (it == p_.requests.end() || it->second.Find(folded).empty()) return false;
    }
    for (const auto& [l, m] : p_.rhetorical) {
      if (!m.Find(folded).empty()) return false;
    }
    return true;
  }

  void Extract(const MessageText& t, size_t message, std::vector<Question>* out) const {
    // Questions in another language cannot be matched against the reply.
    if (!t.other_lang().empty()) return;
    const std::string& s = t.text();
    const std::string& f = t.folded();
    const Lang lang = t.lang() == Lang::kRu ? Lang::kRu : Lang::kEn;
    // Numbered or bulleted items: each item is one candidate.
    std::vector<Span> items;
    for (size_t i = 0; i < t.lines().size(); ++i) {
      const Span l = t.lines()[i];
      if (l.start >= t.body_end() || t.quoted(i)) continue;
      const size_t at = ItemStart(t.Slice(l));
      if (at != std::string_view::npos) {
        items.push_back({l.start + at, l.end});
      } else if (!items.empty() && !t.Slice(l).empty() && items.back().end == l.start - 1) {
        items.back().end = l.end;  // an item continued on the next line
      }
    }
    std::vector<Span> candidates;
    if (items.size() >= 2) {
      candidates.swap(items);
    } else {
      // Separate question sentences, outside quoted mail.
      size_t start = 0;
      const size_t end = t.body_end();
      std::vector<Span> quoted_free;
      for (size_t i = 0; i < t.lines().size(); ++i) {
        const Span l = t.lines()[i];
        if (l.start >= end) break;
        if (t.quoted(i)) {
          if (l.start > start) quoted_free.push_back({start, l.start});
          start = l.end + 1;
        }
      }
      if (start < end) quoted_free.push_back({start, end});
      for (const Span& part : quoted_free) SplitSentences(s, part, &candidates);
    }
    QuoteScanner quotes(s);  // candidates come in text order: one pass over the message
    for (Span c : candidates) {
      std::string_view text = std::string_view(s).substr(c.start, c.size());
      while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
      if (text.size() > kMaxQuestionBytes) continue;
      // Leading @handles address the thread, not the question: quoted without them.
      size_t lead = 0;
      while (lead < text.size() && text[lead] == '@') {
        const size_t space = text.find(' ', lead);
        if (space == std::string_view::npos) break;
        lead = text.find_first_not_of(' ', space);
        if (lead == std::string_view::npos) lead = text.size();
      }
      text.remove_prefix(lead);
      c.start += lead;
      const std::string folded(f.substr(c.start, text.size()));
      bool mark = false;  // a question mark of theirs, not one inside quotes ("someone asked "is it safe?"")
      for (size_t q = text.find('?'); q != std::string_view::npos && !mark; q = text.find('?', q + 1)) {
        mark = !quotes.Inside(c.start + q);
      }
      if (!mark && text.find('?') != std::string_view::npos) continue;
      if (!IsQuestion(folded, mark, lang)) continue;
      // "… at any point? Or not at all?", «…? Например, размер можно?»: the
      // same question once more, in other words or by example.
      if (!out->empty() && out->back().message == message && Continues(folded)) {
        Question& prev = out->back();
        prev.span.end = c.start + text.size();
        prev.text = std::string(std::string_view(s).substr(prev.span.start, prev.span.size()));
        continue;
      }
      out->push_back({0, {c.start, c.start + text.size()}, message, std::string(text), folded, false, false, {}});
    }
  }

  // Whether a position lies inside a quotation of the text before it: after
  // an odd number of straight double quotes, or more “ than ” / « than ».
  // Positions are asked in increasing order, so the text is read once.
  class QuoteScanner {
   public:
    explicit QuoteScanner(const std::string& s) : s_(s) {}
    bool Inside(size_t at) {
      for (; pos_ < at && pos_ < s_.size(); ++pos_) {
        const char c = s_[pos_];
        if (c == '"') {
          ++straight_;
        } else if (c == '\xE2') {  // the lead byte of “ and ”
          if (s_.compare(pos_, 3, "\u201c") == 0) ++curly_;
          if (s_.compare(pos_, 3, "\u201d") == 0) curly_ = std::max(0, curly_ - 1);
        } else if (c == '\xC2') {  // ... of « and »
          if (s_.compare(pos_, 2, "\u00ab") == 0) ++angle_;
          if (s_.compare(pos_, 2, "\u00bb") == 0) angle_ = std::max(0, angle_ - 1);
        }
      }
      return straight_ % 2 == 1 || curly_ > 0 || angle_ > 0;
    }

   private:
    const std::string& s_;
    size_t pos_ = 0, straight_ = 0;
    int curly_ = 0, angle_ = 0;
  };

  // A sentence that goes on with the previous question: it opens with "or",
  // «или», «либо», "for example", «например», «то есть».
  // So does a short fragment offering alternatives ("Under setup or help?").
  static bool Continues(const std::string& folded) {
    static const char* const kOpeners[] = {"or ",  "or,",  "or what", "e.g.",     "for example", "for instance",
                                           "или ", "или,", "либо ",   "например", "то есть",     "т.е."};
    const size_t first = folded.find_first_not_of(" \t\n.,-–—…");
    if (first == std::string::npos) return false;
    for (const char* o : kOpeners) {
      if (folded.compare(first, std::strlen(o), o) == 0) return true;
    }
    const std::vector<Word> words = ScanWords(folded, 0, folded.size());
    if (words.size() > 4) return false;
    for (const Word& w : words) {
      const std::string_view t = std::string_view(folded).substr(w.span.start, w.span.size());
      if (t == "or" || t == "или" || t == "либо") return true;
    }
    return false;
  }

  // Sentences: split after ? ! . … and at line ends, keeping the mark.
  static void SplitSentences(const std::string& s, Span part, std::vector<Span>* out) {
    size_t start = part.start;
    for (size_t i = part.start; i < part.end; ++i) {
      const char c = s[i];
      // «Забыл пин-код?, как сменить?» is one question with a typo.
      const bool typo = c == '?' && i + 1 < part.end && s[i + 1] == ',';
      const bool end_mark = (c == '?' && !typo) || c == '!' || c == '\n' ||
                            (c == '.' && (i + 1 >= part.end || s[i + 1] == ' ' || s[i + 1] == '\n'));
      if (!end_mark) continue;
      size_t e = i + 1;
      while (e < part.end && (s[e] == '?' || s[e] == '!')) ++e;
      size_t b = start;
      while (b < e && (s[b] == ' ' || s[b] == '\n' || s[b] == '\r')) ++b;
      if (e > b + 1) out->push_back({b, e});
      start = e;
      i = e - 1;
    }
    size_t b = start;
    while (b < part.end && (s[b] == ' ' || s[b] == '\n' || s[b] == '\r')) ++b;
    if (part.end > b + 1) out->push_back({b, part.end});
  }

  // A question stem is echoed by the same stem, or by one that shares at
  // least its first four letters with it: Snowball leaves verb forms apart
  // (добавить -> добав, добавляют -> добавля).
  static bool Echoed(const std::string& stem, const std::set<std::string>& reply) {
    if (reply.count(stem)) return true;
    if (CountCodePoints(stem) < 4) return false;
    auto it = reply.lower_bound(stem);
    if (it != reply.end() && it->compare(0, stem.size(), stem) == 0) return true;
    size_t cut = stem.size();
    while (cut > 0) {
      do --cut;
      while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80);
      const std::string prefix = stem.substr(0, cut);
      if (CountCodePoints(prefix) < 5) break;  // "with" is no root of "withdrawal"
      if (reply.count(prefix)) return true;
    }
    return false;
  }

  static std::set<std::string> Stems(const std::string& folded) {
    std::set<std::string> out;
    for (const Word& w : ScanWords(folded, 0, folded.size())) {
      out.insert(StemByScript(std::string_view(folded).substr(w.span.start, w.span.size())));
    }
    AddNumbers(folded, &out);
    return out;
  }

  // Numbers and ids ("48213", "zk-48213") count as words too: their runs of
  // two digits or more.
  static void AddNumbers(const std::string& folded, std::set<std::string>* out) {
    for (size_t i = 0; i < folded.size();) {
      if (!std::isdigit(static_cast<unsigned char>(folded[i]))) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < folded.size() && std::isdigit(static_cast<unsigned char>(folded[end]))) ++end;
      if (end - i >= 2) out->emplace(folded, i, end - i);
      i = end;
    }
  }

  // A line of the reply opening with item number n: "2." / "2)" / "(2)" /
  // "2:" / "2 -" / «№2» / «№ 2 …». Not "2 дня …" nor "10:30".
  static bool OpensWithNumber(std::string_view line, const std::string& n) {
    const size_t a = line.find_first_not_of(" \t(");
    if (a == std::string_view::npos) return false;
    std::string_view l = line.substr(a);
    const bool sign = l.compare(0, 3, "№") == 0;
    if (sign) {
      l.remove_prefix(3);
      while (!l.empty() && l.front() == ' ') l.remove_prefix(1);
    }
    if (l.compare(0, n.size(), n) != 0 || l.size() <= n.size()) return false;
    l.remove_prefix(n.size());
    if (l[0] == '.' || l[0] == ')') return l.size() == 1 || !std::isdigit(static_cast<unsigned char>(l[1]));
    if (l[0] == ':') return l.size() == 1 || !std::isdigit(static_cast<unsigned char>(l[1]));
    if (l[0] != ' ') return false;
    return sign || l.compare(0, 2, " -") == 0 || l.compare(0, 4, " —") == 0 || l.compare(0, 4, " –") == 0;
  }

  // "Bob, 1) it ships today. 2) yes": an item marker N) / N. / (N) / №N
  // inside a line, after the start of a sentence or a clause.
  static bool InlineMarker(std::string_view line, const std::string& n) {
    for (size_t at = line.find(n); at != std::string_view::npos; at = line.find(n, at + 1)) {
      const size_t after = at + n.size();
      if (after + 1 >= line.size() || (line[after] != ')' && line[after] != '.') || line[after + 1] != ' ') continue;
      size_t b = at;
      if (b > 0 && line[b - 1] == '(') --b;
      if (b >= 3 && line.compare(b - 3, 3, "№") == 0) b -= 3;
      if (b > 0 && std::isdigit(static_cast<unsigned char>(line[b - 1]))) continue;
      while (b > 0 && line[b - 1] == ' ') --b;
      if (b == 0 || std::strchr(".!?:;,", line[b - 1]) != nullptr) return true;
    }
    return false;
  }

  // kByNumber: by its item number or ordinal; kAnswered: by an id or enough
  // of its content words; kPartly: some content of its own (a word no other
  // question has) is in the reply; kNothing: none of it.
  enum class Coverage { kNothing, kPartly, kAnswered, kByNumber };

  // An ordinal word that opens a line as a list marker: "Second, …",
  // «Во-вторых: …», «Второе — …», or stands after «по» / "as for the"
  // («По первому: …»); not «Второе списание было …».
  static bool OrdinalMarker(const std::string& reply, size_t at) {
    size_t start = at;
    while (start > 0 && reply[start - 1] != ' ' && reply[start - 1] != '\n') --start;
    // «По первому: …», "As for the second, …" inside a line.
    const std::string_view before = std::string_view(reply).substr(0, start);
    auto after_word = [&](std::string_view w) {
      if (before.size() < w.size() || before.substr(before.size() - w.size()) != w) return false;
      return before.size() == w.size() || std::string_view(" \n").find(before[before.size() - w.size() - 1]) !=
                                              std::string_view::npos;
    };
    const bool lead = after_word("по ") || after_word("as for ") || after_word("as for the ");
    if (!lead && start != reply.find_first_not_of(" \n") && !(start > 0 && reply[start - 1] == '\n')) return false;
    size_t end = at;
    while (end < reply.size() && reply[end] != ' ' && reply[end] != '\n' && reply[end] != ',' && reply[end] != ':' &&
           reply[end] != ')' && reply[end] != '.')
      ++end;
    if (end < reply.size() && (reply[end] == ',' || reply[end] == ':' || reply[end] == ')' || reply[end] == '.')) {
      return true;
    }
    const std::string_view rest = std::string_view(reply).substr(end);
    return rest.rfind(" —", 0) == 0 || rest.rfind(" -", 0) == 0 || rest.rfind(" –", 0) == 0;
  }

  // `numbered_at`: where the reply refers to the question by number, when it does.
  Coverage Covered(const Question& q, size_t total, const std::string& reply, const std::set<std::string>& reply_stems,
                   const std::map<std::string, int>& shared, size_t* numbered_at) const {
    // By number: a line of the reply opening with "2." / "2)" / "№2", or an
    // ordinal reference («по второму вопросу», "your second question").
    if (total >= 2) {
      const std::string n = std::to_string(q.number);
      size_t pos = 0;
      while (pos < reply.size()) {
        size_t e = reply.find('\n', pos);
        if (e == std::string::npos) e = reply.size();
        std::string_view line = std::string_view(reply).substr(pos, e - pos);
        if (OpensWithNumber(line, n) || InlineMarker(line, n)) {
          *numbered_at = pos;
          return Coverage::kByNumber;
        }
        pos = e + 1;
      }
      for (const auto& [l, stems] : p_.ordinals) {
        if (q.number - 1 < static_cast<int>(stems.size())) {
          const std::string& o = stems[static_cast<size_t>(q.number - 1)];
          for (size_t at = reply.find(o); at != std::string::npos; at = reply.find(o, at + 1)) {
            // Followed within a few words by "вопрос"/"question"/"пункт"/"point".
            const std::string_view tail = std::string_view(reply).substr(at, 60);
            if (tail.find("вопрос") != std::string_view::npos || tail.find("пункт") != std::string_view::npos ||
                tail.find("question") != std::string_view::npos || tail.find("point") != std::string_view::npos ||
                OrdinalMarker(reply, at)) {
              *numbered_at = at;
              return Coverage::kByNumber;
            }
          }
        }
      }
    }
    // By content: the reply echoes enough of the question's content words.
    const std::string& folded = q.folded;
    double total_w = 0, hit_w = 0;
    bool id_hit = false, own_hit = false;
    for (const Term& term : q.terms) {
      if (term.stop || term.letters < 3) continue;
      auto sh = shared.find(term.stem);
      const double weight = std::min<double>(static_cast<double>(term.letters), 10.0) *
                            (sh != shared.end() && sh->second > 1 ? 0.25 : 1.0);
      total_w += weight;
      if (Echoed(term.stem, reply_stems)) {
        hit_w += weight;
        if (sh == shared.end() || sh->second <= 1) own_hit = true;
      }
    }
    std::string cur;
    for (char c : folded + " ") {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        cur += c;
      } else {
        if (cur.size() >= 2) {
          total_w += 10;
          if (reply_stems.count(cur)) hit_w += 10, id_hit = true;
        }
        cur.clear();
      }
    }
    if (id_hit) return Coverage::kAnswered;
    if (total_w == 0) return Coverage::kPartly;  // nothing to compare: do not accuse
    if (hit_w / total_w >= p_.min_coverage) return Coverage::kAnswered;
    // Any of its content in the reply: the reply touches it, and a reader
    // could not be sure it was skipped.
    return own_hit ? Coverage::kPartly : Coverage::kNothing;
  }

  Params p_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeUnansweredQuestionCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"one", "many"}, {"answer"}); !st.ok()) return st;
  ParamReader params(spec);
  UnansweredQuestionCheck::Params p;
  auto requests = PhraseMatchersByLang(params, "request_phrases");
  if (!requests.ok()) return requests.status();
  p.requests = std::move(*requests);
  auto rhetorical = PhraseMatchersByLang(params, "rhetorical");
  if (!rhetorical.ok()) return rhetorical.status();
  p.rhetorical = std::move(*rhetorical);
  auto handling = PhraseMatchersByLang(params, "handling");
  if (!handling.ok()) return handling.status();
  p.handling = std::move(*handling);
  auto stop = FoldedWords(params, "stop_words");
  if (!stop.ok()) return stop.status();
  p.stop_words = std::move(*stop);
  auto ordinals = params.StringsByLang("ordinals");
  if (!ordinals.ok()) return ordinals.status();
  for (auto& [lang, list] : *ordinals) {
    for (auto& w : list) w = FoldForMatch(w);
  }
  p.ordinals = std::move(*ordinals);
  // The first kind's questions are the yes/no ones (see Question::polar);
  // "possible" shares them and names only its answers.
  static const struct {
    const char* name;
    bool polar, anywhere, clear, clause_start;
  } kKinds[] = {{"yes_no", true, false, true, true},     {"possible", true, false, false, false},
                {"where", false, false, true, false},    {"time", false, true, true, false},
                {"amount", false, true, true, false},    {"extent", false, true, true, false},
                {"documents", false, true, true, false}, {"place", false, true, false, false},
                {"steps", false, true, false, false},    {"reason", false, true, false, false}};
  for (const auto& kind : kKinds) {
    UnansweredQuestionCheck::Params::Kind k;
    k.polar = kind.polar;
    k.anywhere = kind.anywhere;
    k.clear = kind.clear;
    k.clause_start = kind.clause_start;
    if (std::strcmp(kind.name, "possible") != 0) {
      auto openers = PhraseMatchersByLang(params, std::string(kind.name) + "_questions");
      if (!openers.ok()) return openers.status();
      k.openers = std::move(*openers);
    }
    auto answers = PhraseMatchersByLang(params, std::string(kind.name) + "_answers");
    if (!answers.ok()) return answers.status();
    k.answers = std::move(*answers);
    p.kinds.push_back(std::move(k));
  }
  auto wh = FoldedWords(params, "wh_words");
  if (!wh.ok()) return wh.status();
  p.wh_words = std::move(*wh);
  auto polar = PhraseMatchersByLang(params, "polar_openings");
  if (!polar.ok()) return polar.status();
  p.polar_openings = std::move(*polar);
  auto cov = params.Double("min_coverage", 0.0, 1.0);
  if (!cov.ok()) return cov.status();
  p.min_coverage = *cov;
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new UnansweredQuestionCheck(spec, std::move(p)));
}

}  // namespace replylint
