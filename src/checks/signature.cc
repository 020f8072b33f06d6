// missing-signature: an email reply must end with a sign-off that carries a
// person's first name and surname (seed 001: «в подписи должны быть, как
// минимум, фамилия и имя человека»).
//
// Minimal configuration (rules/missing-signature.yaml):
//   channels: [email]
//   params:
//     max_lines: 6                       # how far up from the end to look
//     closings: {ru: [с уважением], en: [best regards]}
//     team_words: {ru: [служба, поддержка], en: [support, team]}
//     particles: [van, de, von]
//     footer_phrases: {ru: [конфиденциальн], en: [confidential]}  # legal footers below the sign-off
#include <unicode/uchar.h>

#include <algorithm>
#include <set>

#include "base/utf8.h"
#include "checks/check.h"
#include "checks/phrase_matcher.h"
#include "lexicon/given_names.h"

namespace replylint {
namespace {

enum class SigKind { kNone, kTeam, kFirstNameOnly, kInitials, kPerson };

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpaceByte(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpaceByte(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Strips a leading dash, bullet or "--" signature separator.
std::string_view StripLeadingDashes(std::string_view s) {
  for (;;) {
    s = Trim(s);
    bool stripped = false;
    for (std::string_view d : {"--", "—", "–", "-", "•", "*", "~"}) {
      if (StartsWith(s, d)) {
        s.remove_prefix(d.size());
        stripped = true;
        break;
      }
    }
    if (!stripped) return s;
  }
}

enum class TokenKind { kName, kInitial, kParticle, kOther };

struct Token {
  std::string_view text;
  TokenKind kind;
};

// Classifies one whitespace-separated word of a candidate name line.
TokenKind ClassifyToken(std::string_view tok, const std::set<std::string>& particles) {
  std::vector<char32_t> cps;
  for (size_t i = 0; i < tok.size();) cps.push_back(DecodeUtf8(tok, &i));
  if (cps.empty()) return TokenKind::kOther;
  // Initials: "И.", "A.", "А.С.", "J.R.R."
  bool initials = true;
  size_t letters = 0;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (u_isupper(static_cast<UChar32>(cps[i])) && i + 1 < cps.size() && cps[i + 1] == '.') {
      ++letters;
      ++i;
    } else {
      initials = false;
      break;
    }
  }
  if (initials && letters > 0) return TokenKind::kInitial;
  if (cps.size() == 1 && u_isupper(static_cast<UChar32>(cps[0]))) return TokenKind::kInitial;
  if (particles.count(FoldForMatch(tok))) return TokenKind::kParticle;
  // A name word: an upper-case letter, then letters with inner - ' ’ and
  // capitals allowed (O'Brien, McDonald, Петрова-Водкина); or all capitals.
  if (!u_isupper(static_cast<UChar32>(cps[0]))) return TokenKind::kOther;
  size_t n_letters = 0;
  for (size_t i = 0; i < cps.size(); ++i) {
    const auto c = static_cast<UChar32>(cps[i]);
    if (u_isalpha(c)) {
      ++n_letters;
      continue;
    }
    const bool joiner = c == '-' || c == '\'' || c == 0x2019;
    if (!joiner || i == 0 || i + 1 == cps.size()) return TokenKind::kOther;
  }
  return n_letters >= 2 ? TokenKind::kName : TokenKind::kOther;
}

class MissingSignatureCheck : public Check {
 public:
  struct Lists {
    std::vector<std::string> closings;  // folded, longest first
    std::set<std::string> team_words;   // folded
    std::set<std::string> particles;    // folded
    std::vector<std::string> footer;    // folded phrases of legal footers
    int64_t max_lines = 6;
  };

  MissingSignatureCheck(const RuleSpec& spec, Lists lists) : Check(spec), l_(std::move(lists)) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const MessageText& t = ctx.text();
    // Body lines, bottom-up, skipping blank and quoted ones.
    std::vector<size_t> body;
    for (size_t i = 0; i < t.lines().size(); ++i) {
      const Span s = t.lines()[i];
      if (s.start >= t.body_end() || t.quoted(i) || Trim(t.Slice(s)).empty()) continue;
      body.push_back(i);
    }
    const std::set<std::string> customer = Words(ctx.conversation.customer.name);
    const std::set<std::string> author = Words(ctx.message().author);
    SigKind best = SigKind::kNone;
    int64_t looked = 0;
    // The first line of a longer reply is its greeting ("Hi Liz,"), never the sign-off.
    const auto first_line = body.size() > 1 ? body.rend() - 1 : body.rend();
    for (auto it = body.rbegin(); it != first_line && looked < l_.max_lines; ++it) {
      const std::string_view line = t.Slice(t.lines()[*it]);
      if (Footer(t.folded(), t.lines()[*it])) continue;  // a legal or confidentiality footer under the signature
      ++looked;
      if (WordCount(line) > 12) break;  // a paragraph: the sign-off is below it
      const SigKind k = ClassifyLine(line, customer, author);
      if (k == SigKind::kPerson) return;
      best = std::max(best, k);
    }
    Span where{0, 0};
    if (!body.empty()) {
      where = t.lines()[body.back()];
      const std::string_view line = t.Slice(where);
      where.start += line.size() - std::string_view(line).substr(line.find_first_not_of(" \t")).size();
      while (where.end > where.start && IsSpaceByte(t.text()[where.end - 1])) --where.end;
      // The span marks where the signature belongs: the end of the last line,
      // at most its last 80 code points (a one-line reply can be very long).
      size_t start = where.end;
      for (int n = 0; n < 80 && start > where.start; ++n) {
        do --start;
        while (start > where.start && (static_cast<unsigned char>(t.text()[start]) & 0xC0) == 0x80);
      }
      where.start = start;
    }
    const char* key = best == SigKind::kInitials        ? "initials"
                      : best == SigKind::kFirstNameOnly ? "first_name"
                      : best == SigKind::kTeam          ? "team"
                                                        : "none";
    // The author's name is offered only when it signs a person: a helpdesk
    // display name such as "Acme Support" would fire again once added.
    const std::string& a = ctx.message().author;
    const bool author_full = ClassifyLine(a, customer, author) == SigKind::kPerson;
    out->push_back(Make(ctx, where, key, author_full ? "with_author" : "generic", {{"author", a}}));
    // With no signature at all and the author's full name known, adding it
    // cannot be wrong: under the closing the last line already is
    // ("Best regards,"), else under a new one.
    if (author_full && best == SigKind::kNone && where.end > where.start) {
      const std::string last(t.Slice(where));
      const char* closing = ctx.reply_lang() == Lang::kRu ? "С уважением," : "Best regards,";
      out->back().fix = last + (last.back() == ',' ? "\n" : std::string("\n\n") + closing + "\n") + a;
    }
  }

 private:
  // `folded`: the message's folded text (same offsets as the text).
  bool Footer(const std::string& folded, Span line) const {
    const std::string_view f = std::string_view(folded).substr(line.start, line.size());
    return std::any_of(l_.footer.begin(), l_.footer.end(),
                       [&](const std::string& p) { return f.find(p) != std::string_view::npos; });
  }

  static size_t WordCount(std::string_view s) {
    size_t n = 0;
    bool in = false;
    for (char c : s) {
      const bool sp = IsSpaceByte(c);
      if (!sp && !in) ++n;
      in = !sp;
    }
    return n;
  }

  static std::set<std::string> Words(std::string_view s) {
    std::set<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (IsSpaceByte(s[i]) || s[i] == ',')) ++i;
      size_t j = i;
      while (j < s.size() && !IsSpaceByte(s[j]) && s[j] != ',') ++j;
      if (j > i) out.insert(FoldForMatch(s.substr(i, j - i)));
      i = j;
    }
    return out;
  }

  // Removes a closing ("С уважением,", "Best regards,") from the line start.
  std::string_view StripClosing(std::string_view line) const {
    const std::string folded = FoldForMatch(line);
    for (const auto& c : l_.closings) {
      if (!StartsWith(folded, c)) continue;
      const std::string_view rest = line.substr(c.size());
      if (rest.empty()) return rest;
      const char next = rest.front();
      if (next == ',' || next == ' ' || next == '!' || next == '.' || next == ':' || next == '\t' ||
          StartsWith(rest, "—") || StartsWith(rest, "–") || next == '-') {
        std::string_view r = rest;
        while (!r.empty() && (r.front() == ',' || r.front() == '!' || r.front() == '.' || r.front() == ':' ||
                              IsSpaceByte(r.front()))) {
          r.remove_prefix(1);
        }
        return StripLeadingDashes(r);
      }
    }
    return line;
  }

  SigKind ClassifyLine(std::string_view line, const std::set<std::string>& customer,
                       const std::set<std::string>& author) const {
    std::string_view s = StripClosing(StripLeadingDashes(line));
    s = Trim(s);
    if (s.empty()) return SigKind::kNone;
    // A sentence that exclaims or asks is addressed to someone, not a signature.
    if (s.back() == '!' || s.back() == '?') return SigKind::kNone;
    // The name part ends where a role or company begins.
    size_t cut = s.size();
    for (std::string_view sep : {",", "|", " — ", " – ", " - ", "(", "/", "•", ";", ":", "\t", " @ "}) {
      cut = std::min(cut, s.find(sep));
    }
    const std::string folded = FoldForMatch(s);
    for (std::string_view sep : {" from ", " из ", " at "}) cut = std::min(cut, folded.find(sep));
    // "Google Chrome: https://…", "Версия: 4.2": a label and its value, not a name.
    if (cut < s.size() && s[cut] == ':' && !Trim(s.substr(cut + 1)).empty()) return SigKind::kNone;
    std::string_view name = Trim(s.substr(0, cut));
    while (!name.empty() && name.back() == '.' && name.size() > 2 && name[name.size() - 2] != ' ' &&
           !(name.size() >= 3 && name[name.size() - 3] == ' ')) {
      name.remove_suffix(1);  // "Иван Петров." but not the initial in "Анна П."
    }
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < name.size()) {
      while (i < name.size() && IsSpaceByte(name[i])) ++i;
      size_t j = i;
      while (j < name.size() && !IsSpaceByte(name[j])) ++j;
      if (j > i) {
        const std::string_view tok = name.substr(i, j - i);
        tokens.push_back({tok, ClassifyToken(tok, l_.particles)});
      }
      i = j;
    }
    size_t names = 0, initials = 0;
    bool team = false, other = false, all_customer = true;
    for (const Token& tok : tokens) {
      const std::string f = FoldForMatch(tok.text);
      if (l_.team_words.count(f)) team = true;
      switch (tok.kind) {
        case TokenKind::kName:
          ++names;
          if (!customer.count(f)) all_customer = false;
          break;
        case TokenKind::kInitial:
          ++initials;
          break;
        case TokenKind::kParticle:
          break;
        case TokenKind::kOther:
          other = true;
          break;
      }
    }
    if (team) {
      // A sentence that happens to hold a team word ("your refund is on its
      // way") signs nobody: a team's sign-off is team words and a name or two.
      size_t prose = 0;
      for (const Token& tok : tokens)
        prose += tok.kind == TokenKind::kOther && !l_.team_words.count(FoldForMatch(tok.text));
      if (prose >= 3) return SigKind::kNone;
      // A role or team beside a full name still signs a person: "Support
      // Engineer Dana Whitfield", «Специалист поддержки Иван Петров». It takes a
      // known given name next to another name word that is no team word.
      for (size_t k = 0; k + 1 < tokens.size(); ++k) {
        if (tokens[k].kind != TokenKind::kName || tokens[k + 1].kind != TokenKind::kName) continue;
        const std::string a = FoldForMatch(tokens[k].text);
        const std::string b = FoldForMatch(tokens[k + 1].text);
        if (l_.team_words.count(a) || l_.team_words.count(b)) continue;
        const auto& names_dict = GivenNames::Instance();
        if (names_dict.IsGivenName(a) || names_dict.IsGivenName(b) || author.count(a)) return SigKind::kPerson;
      }
      return SigKind::kTeam;
    }
    if (other || tokens.empty() || tokens.size() > 5) return SigKind::kNone;
    if (names >= 2) {
      // The customer's own full name at the end is a greeting or a mention.
      if (all_customer && !customer.empty()) return SigKind::kNone;
      // Names are open-ended (Zoltan Kovacs is in no dictionary): two
      // capitalised words that are not team or company words are a person.
      return SigKind::kPerson;
    }
    if (initials > 0) return SigKind::kInitials;
    if (names == 1) {
      const std::string f = FoldForMatch(tokens.front().text);
      if (GivenNames::Instance().IsGivenName(f) || author.count(f)) return SigKind::kFirstNameOnly;
    }
    return SigKind::kNone;
  }

  Lists l_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeMissingSignatureCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"none", "team", "first_name", "initials"}, {"with_author", "generic"});
      !st.ok()) {
    return st;
  }
  ParamReader params(spec);
  MissingSignatureCheck::Lists l;
  auto max_lines = params.Int("max_lines", 1, 50);
  if (!max_lines.ok()) return max_lines.status();
  l.max_lines = *max_lines;
  auto closings = params.StringsByLang("closings");
  if (!closings.ok()) return closings.status();
  for (const auto& [lang, list] : *closings) {
    for (const auto& c : list) l.closings.push_back(FoldForMatch(c));
  }
  std::sort(l.closings.begin(), l.closings.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  auto team = FoldedWords(params, "team_words");
  if (!team.ok()) return team.status();
  l.team_words = std::move(*team);
  auto particles = params.Strings("particles");
  if (!particles.ok()) return particles.status();
  for (const auto& p : *particles) l.particles.insert(FoldForMatch(p));
  auto footer = params.StringsByLang("footer_phrases");
  if (!footer.ok()) return footer.status();
  for (const auto& [lang, list] : *footer) {
    for (const auto& f : list) l.footer.push_back(FoldForMatch(f));
  }
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(new MissingSignatureCheck(spec, std::move(l)));
}

}  // namespace replylint
