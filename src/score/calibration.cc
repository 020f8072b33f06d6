#include "score/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "base/utf8.h"
#include "ingest/csv.h"

namespace replylint {
namespace {

// Lower case for the words a reviewer types: ASCII and Russian letters
// (the verdict words are nothing else).
std::string LowerWord(std::string_view s) {
  std::u32string u = ToU32(s);
  for (char32_t& c : u) {
    if (c >= 'A' && c <= 'Z')
      c += 32;
    else if (c >= 0x410 && c <= 0x42F)
      c += 32;
    else if (c == 0x401)
      c = 0x451;  // Ё
  }
  return ToUtf8(u);
}

// Spaces around a cell, and the ' a spreadsheet keeps of text typed as '…
std::string_view TrimCell(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  if (!s.empty() && s.front() == '\'') s.remove_prefix(1);
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  return s;
}

std::optional<Verdict> VerdictOf(const std::string& word) {
  static const std::map<std::string, Verdict> kWords = {
      {"right", Verdict::kRight},  {"correct", Verdict::kRight},   {"yes", Verdict::kRight},
      {"y", Verdict::kRight},      {"ok", Verdict::kRight},        {"true", Verdict::kRight},
      {"+", Verdict::kRight},      {"✓", Verdict::kRight},         {"✔", Verdict::kRight},
      {"верно", Verdict::kRight},  {"правильно", Verdict::kRight}, {"да", Verdict::kRight},
      {"wrong", Verdict::kWrong},  {"incorrect", Verdict::kWrong}, {"no", Verdict::kWrong},
      {"n", Verdict::kWrong},      {"false", Verdict::kWrong},     {"fp", Verdict::kWrong},
      {"-", Verdict::kWrong},      {"–", Verdict::kWrong},         {"—", Verdict::kWrong},
      {"−", Verdict::kWrong},      {"✗", Verdict::kWrong},         {"✘", Verdict::kWrong},
      {"×", Verdict::kWrong},      {"неверно", Verdict::kWrong},   {"неправильно", Verdict::kWrong},
      {"нет", Verdict::kWrong},    {"ошибка", Verdict::kWrong},    {"?", Verdict::kSkipped},
      {"skip", Verdict::kSkipped}, {"пропуск", Verdict::kSkipped},
  };
  auto it = kWords.find(LowerWord(word));
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

bool IsVerdictSeparator(char32_t c) {
  return c == ',' || c == ';' || c == '/' || c == '|' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
         c == 0x202F;
}

// The delimiter of a CSV saved by a spreadsheet: ',' unless the header
// holds more ';' or tabs (Excel in a Russian locale saves with ';').
char DetectDelimiter(std::string_view text) {
  const std::string_view header = text.substr(0, text.find('\n'));
  const auto commas = std::count(header.begin(), header.end(), ',');
  const auto semicolons = std::count(header.begin(), header.end(), ';');
  const auto tabs = std::count(header.begin(), header.end(), '\t');
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

std::string Quoted(std::string_view s) {
  std::string out = "\"";
  out += EscapeForTerminal(s.size() > 60 ? std::string(s.substr(0, 60)) + "…" : std::string(s));
  out += '"';
  return out;
}

std::string Plural(size_t n, const char* one, const char* many) {
  std::string out = std::to_string(n);
  out += ' ';
  out += n == 1 ? one : many;
  return out;
}

}  // namespace

StatusOr<std::vector<Verdict>> ParseVerdicts(std::string_view cell) {
  cell = TrimCell(cell);
  std::vector<Verdict> out;
  const std::u32string u = ToU32(cell);
  std::u32string word;
  auto flush = [&]() -> Status {
    if (word.empty()) return Status::Ok();
    const std::string w = ToUtf8(word);
    word.clear();
    const auto v = VerdictOf(w);
    if (!v) {
      std::string msg = Quoted(w);
      msg += " is not a verdict (right or wrong, верно or неверно, + or -, ? for a finding not judged)";
      return Status::InvalidArgument(msg);
    }
    out.push_back(*v);
    return Status::Ok();
  };
  for (char32_t c : u) {
    if (IsVerdictSeparator(c)) {
      if (Status st = flush(); !st.ok()) return st;
      continue;
    }
    // "+-+" typed without spaces is three verdicts.
    if ((c == '+' || c == '-' || c == '?' || c == 0x2013 || c == 0x2014 || c == 0x2212) && !word.empty() &&
        (word.back() == '+' || word.back() == '-' || word.back() == '?' || word.back() == 0x2013 ||
         word.back() == 0x2014 || word.back() == 0x2212)) {
      if (Status st = flush(); !st.ok()) return st;
    }
    word += c;
  }
  if (Status st = flush(); !st.ok()) return st;
  return out;
}

std::vector<std::string> FindingRules(std::string_view cell) {
  std::vector<std::string> rules;
  size_t pos = 0;
  while (pos <= cell.size()) {
    size_t end = cell.find('\n', pos);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view line = cell.substr(pos, end - pos);
    pos = end + 1;
    // "12:3 error [name-form] …": digits, ':', digits, ' ', severity, ' [', rule, "] ".
    size_t i = 0;
    auto digits = [&] {
      const size_t from = i;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
      return i > from;
    };
    if (!digits() || i >= line.size() || line[i] != ':') continue;
    ++i;
    if (!digits() || i >= line.size() || line[i] != ' ') continue;
    const size_t open = line.find(" [", i);
    if (open == std::string_view::npos) continue;
    const size_t close = line.find(']', open + 2);
    if (close == std::string_view::npos || close == open + 2) continue;
    rules.emplace_back(line.substr(open + 2, close - open - 2));
  }
  return rules;
}

std::optional<double> ParseScore(std::string_view cell) {
  cell = TrimCell(cell);
  if (cell.empty() || cell.size() > 32) return std::nullopt;
  std::string s(cell);
  std::replace(s.begin(), s.end(), ',', '.');
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '.')) return std::nullopt;
  }
  if (std::count(s.begin(), s.end(), '.') > 1 || s.front() == '.' || s.back() == '.') return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || v < 0 || v > 100) return std::nullopt;
  return v;
}

const std::vector<std::string>& CalibrationColumns() {
  static const std::vector<std::string> kColumns = {"conversation", "message",  "score",           "findings",
                                                    "review_score", "reviewer", "finding_verdicts"};
  return kColumns;
}

void ReadReviewedCsv(std::string_view text, const std::string& name, CalibrationInput* in) {
  in->files.push_back(name);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // Excel's "CSV UTF-8" starts with a BOM
  CsvReader reader(text, DetectDelimiter(text));
  std::vector<std::string> fields;
  size_t line = 0;
  std::string error;
  if (!reader.Next(&fields, &line, &error)) {
    in->errors.push_back({name, "empty file: no header row (a sample CSV from `replylint sample --format csv`)"});
    return;
  }
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < fields.size(); ++i) column.emplace(std::string(TrimCell(fields[i])), i);
  std::vector<std::string> missing;
  for (const std::string& c : CalibrationColumns()) {
    if (!column.count(c)) missing.push_back(c);
  }
  const size_t width = fields.size();
  if (!missing.empty()) {
    // Without these the rows cannot be judged; each is still counted.
    size_t rows = 0;
    while (reader.Next(&fields, &line, &error)) ++rows;
    std::string msg = "missing ";
    msg += missing.size() == 1 ? "column " : "columns ";
    for (size_t i = 0; i < missing.size(); ++i) {
      if (i) msg += ", ";
      msg += missing[i];
    }
    msg += " (a sample CSV needs ";
    for (size_t i = 0; i < CalibrationColumns().size(); ++i) {
      if (i) msg += ", ";
      msg += CalibrationColumns()[i];
    }
    msg += "; draw it with `replylint sample --format csv`); its ";
    msg += Plural(rows, "row is", "rows are");
    msg += " rejected";
    in->errors.push_back({name, msg});
    in->rows_read += rows;
    in->rejected += rows;
    return;
  }
  // Rows already read, by (reviewer, conversation, message), across files:
  // the same file given twice must not count twice.
  std::map<std::tuple<std::string, std::string, std::string>, std::string> seen;
  for (const ReviewedReply& r : in->reviewed)
    seen.emplace(std::make_tuple(r.reviewer, r.conversation, r.message), r.source);
  auto cell = [&](const char* c) -> const std::string& { return fields[column.at(c)]; };
  while (reader.Next(&fields, &line, &error)) {
    ++in->rows_read;
    std::string where = name;
    where += ':';
    where += std::to_string(line);
    auto reject = [&](std::string msg) {
      ++in->rejected;
      in->errors.push_back({where, std::move(msg)});
    };
    if (!error.empty()) {
      reject(error);
      continue;
    }
    if (fields.size() != width) {
      std::string msg = Plural(fields.size(), "field", "fields");
      msg += " where the header has ";
      msg += std::to_string(width);
      msg += " (a cell holding a comma, quote or line break must be in double quotes)";
      reject(msg);
      continue;
    }
    const std::string_view score_cell = TrimCell(cell("review_score"));
    const std::string_view verdict_cell = TrimCell(cell("finding_verdicts"));
    if (score_cell.empty() && verdict_cell.empty()) {
      ++in->not_reviewed;
      continue;
    }
    ReviewedReply r;
    r.source = where;
    r.reviewer = std::string(TrimCell(cell("reviewer")));
    r.conversation = std::string(TrimCell(cell("conversation")));
    r.message = std::string(TrimCell(cell("message")));
    const auto tool = ParseScore(cell("score"));
    if (!tool) {
      std::string msg = "score: ";
      msg += Quoted(cell("score"));
      msg += " is not a number from 0 to 100 (the tool's score, as sampled: leave it as it was)";
      reject(msg);
      continue;
    }
    r.tool_score = *tool;
    if (!score_cell.empty()) {
      r.review_score = ParseScore(score_cell);
      if (!r.review_score) {
        std::string msg = "review_score: ";
        msg += Quoted(score_cell);
        msg += " is not a number from 0 to 100 (the reviewer's score on the scale of the score column)";
        reject(msg);
        continue;
      }
    }
    r.rules = FindingRules(cell("findings"));
    auto verdicts = ParseVerdicts(verdict_cell);
    if (!verdicts.ok()) {
      std::string msg = "finding_verdicts: ";
      msg += verdicts.status().message();
      reject(msg);
      continue;
    }
    if (!verdicts->empty() && verdicts->size() != r.rules.size()) {
      std::string msg = "finding_verdicts: ";
      msg += Plural(verdicts->size(), "verdict", "verdicts");
      msg += " for ";
      msg += Plural(r.rules.size(), "finding", "findings");
      msg += " (one a finding, in the order the findings column lists them";
      msg += r.rules.empty() ? "; this reply has none)" : ")";
      reject(msg);
      continue;
    }
    r.verdicts = std::move(*verdicts);
    const auto key = std::make_tuple(r.reviewer, r.conversation, r.message);
    if (auto it = seen.find(key); it != seen.end()) {
      std::string msg = "conversation ";
      msg += EscapeForTerminal(r.conversation);
      msg += ", message ";
      msg += EscapeForTerminal(r.message);
      msg += r.reviewer.empty() ? std::string(" without a reviewer") : " by " + EscapeForTerminal(r.reviewer);
      msg += " was already read at ";
      msg += it->second;
      msg += " (counted once)";
      reject(msg);
      continue;
    }
    seen.emplace(key, where);
    in->reviewed.push_back(std::move(r));
  }
}

double Agreement::observed() const {
  return n() ? static_cast<double>(both_pass + both_fail) / static_cast<double>(n()) : 0;
}

std::optional<double> Agreement::kappa() const {
  return CohensKappa(static_cast<double>(both_pass), static_cast<double>(tool_pass_reviewer_fail),
                     static_cast<double>(tool_fail_reviewer_pass), static_cast<double>(both_fail));
}

std::optional<double> CohensKappa(double a, double b, double c, double d) {
  const double n = a + b + c + d;
  if (n <= 0) return std::nullopt;
  const double po = (a + d) / n;
  const double pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n);
  if (pe >= 1) return std::nullopt;
  return (po - pe) / (1 - pe);
}

namespace {

CalibrationGroup Summarise(const std::vector<const ReviewedReply*>& replies, const CalibrationOptions& o) {
  CalibrationGroup g;
  std::map<std::string, RulePrecision> rules;
  double abs_sum = 0, sum = 0;
  for (const ReviewedReply* r : replies) {
    ++g.replies;
    for (size_t i = 0; i < r->rules.size(); ++i) {
      RulePrecision& p = rules[r->rules[i]];
      const Verdict v = r->verdicts.empty() ? Verdict::kSkipped : r->verdicts[i];
      size_t RulePrecision::*count = v == Verdict::kRight   ? &RulePrecision::right
                                     : v == Verdict::kWrong ? &RulePrecision::wrong
                                                            : &RulePrecision::not_judged;
      ++(p.*count);
      ++(g.all.*count);
    }
    if (!r->review_score) continue;
    ++g.scored;
    const bool tool = r->tool_score >= o.pass_score, reviewer = *r->review_score >= o.pass_score;
    Agreement& a = g.agreement;
    ++(tool ? (reviewer ? a.both_pass : a.tool_pass_reviewer_fail)
            : (reviewer ? a.tool_fail_reviewer_pass : a.both_fail));
    abs_sum += std::abs(*r->review_score - r->tool_score);
    sum += *r->review_score - r->tool_score;
  }
  if (g.scored) {
    g.agreement.mean_abs_difference = abs_sum / static_cast<double>(g.scored);
    g.agreement.mean_difference = sum / static_cast<double>(g.scored);
  }
  for (auto& [id, p] : rules) {
    p.rule = id;
    g.rules.push_back(p);
  }
  return g;
}

TuningAdvice AdviceOf(const RulePrecision& p) { return {p.rule, p.right, p.wrong, p.precision(), p.ci95()}; }

}  // namespace

Calibration Calibrate(const std::vector<ReviewedReply>& replies, const CalibrationOptions& options) {
  Calibration c;
  c.options = options;
  std::vector<const ReviewedReply*> all;
  std::map<std::string, std::vector<const ReviewedReply*>> by_reviewer;
  for (const ReviewedReply& r : replies) {
    all.push_back(&r);
    by_reviewer[r.reviewer].push_back(&r);
  }
  c.all = Summarise(all, options);
  for (const auto& [name, rows] : by_reviewer) {
    c.reviewers.push_back(Summarise(rows, options));
    c.reviewers.back().reviewer = name;
    size_t scored = 0, small = 0;
    for (const ReviewedReply* r : rows) {
      if (!r->review_score) continue;
      ++scored;
      if (*r->review_score <= 5) ++small;
    }
    if (scored >= 3 && small == scored) {
      std::string w = "every review_score of ";
      w += name.empty() ? std::string("the rows without a reviewer") : EscapeForTerminal(name);
      w += " is 5 or less: review_score is on the 0–100 scale of the score column, not stars";
      c.warnings.push_back(w);
    }
  }
  for (const RulePrecision& p : c.all.rules) {
    if (p.judged() >= options.min_judged && p.wrong > 0) c.lowest_precision.push_back(AdviceOf(p));
    if (p.wrong > 0) c.most_wrong.push_back(AdviceOf(p));
    if (p.judged() > 0 && p.judged() < options.min_judged) c.too_few.push_back(AdviceOf(p));
  }
  std::stable_sort(c.lowest_precision.begin(), c.lowest_precision.end(),
                   [](const TuningAdvice& a, const TuningAdvice& b) {
                     if (a.precision != b.precision) return a.precision < b.precision;
                     return a.wrong > b.wrong;
                   });
  std::stable_sort(c.most_wrong.begin(), c.most_wrong.end(),
                   [](const TuningAdvice& a, const TuningAdvice& b) { return a.wrong > b.wrong; });
  return c;
}

}  // namespace replylint
