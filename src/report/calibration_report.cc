#include "report/calibration_report.h"

#include <algorithm>
#include <cmath>

#include "base/utf8.h"
#include "report/report_util.h"

namespace replylint {
namespace {

// Right-aligned to `width` code points.
std::string Right(const std::string& s, size_t width) {
  const size_t n = CountCodePoints(s);
  return n >= width ? s : std::string(width - n, ' ') + s;
}

std::string Range(const Interval& i) {
  std::string out = Percent(i.low, 1);
  out.pop_back();  // "20.8–93.9%", one % for both ends
  out += "–";
  out += Percent(i.high, 1);
  return out;
}

std::string Precision(const RulePrecision& p) { return p.judged() ? Percent(p.precision(), 1) : "-"; }

std::string Kappa(const Agreement& a) {
  const auto k = a.kappa();
  if (!k) return "n/a";
  return Fixed(*k, 2);
}

Json PrecisionJson(const RulePrecision& p) {
  Json j;
  if (!p.rule.empty()) j["rule"] = p.rule;
  j["judged"] = p.judged();
  j["right"] = p.right;
  j["wrong"] = p.wrong;
  j["not_judged"] = p.not_judged;
  if (p.judged()) {
    j["precision"] = Round(p.precision(), 4);
    j["ci95"] = Json::array({Round(p.ci95().low, 4), Round(p.ci95().high, 4)});
  } else {
    j["precision"] = nullptr;
    j["ci95"] = nullptr;
  }
  return j;
}

Json AgreementJson(const Agreement& a) {
  Json j;
  j["replies"] = a.n();
  j["both_pass"] = a.both_pass;
  j["both_fail"] = a.both_fail;
  j["tool_fail_reviewer_pass"] = a.tool_fail_reviewer_pass;
  j["tool_pass_reviewer_fail"] = a.tool_pass_reviewer_fail;
  if (a.n()) {
    j["observed"] = Round(a.observed(), 4);
    const auto k = a.kappa();
    j["kappa"] = k ? Json(Round(*k, 4)) : Json(nullptr);
    j["mean_abs_difference"] = Round(a.mean_abs_difference, 2);
    const Interval ci = a.mean_abs_difference_ci95();
    j["mean_abs_difference_ci95"] = Json::array({Round(ci.low, 2), Round(ci.high, 2)});
    j["mean_difference"] = Round(a.mean_difference, 2);
  } else {
    for (const char* k : {"observed", "kappa", "mean_abs_difference", "mean_abs_difference_ci95", "mean_difference"})
      j[k] = nullptr;
  }
  return j;
}

Json GroupJson(const CalibrationGroup& g) {
  Json j;
  j["replies"] = g.replies;
  j["scored"] = g.scored;
  j["findings"] = PrecisionJson(g.all);
  Json rules = Json::array();
  for (const RulePrecision& p : g.rules) rules.push_back(PrecisionJson(p));
  j["rules"] = rules;
  j["agreement"] = AgreementJson(g.agreement);
  return j;
}

Json AdviceJson(const std::vector<TuningAdvice>& list) {
  Json out = Json::array();
  for (const TuningAdvice& t : list) {
    out.push_back({{"rule", t.rule},
                   {"judged", t.right + t.wrong},
                   {"wrong", t.wrong},
                   {"precision", Round(t.precision, 4)},
                   {"ci95", Json::array({Round(t.ci95.low, 4), Round(t.ci95.high, 4)})}});
  }
  return out;
}

void WriteJson(const Calibration& c, const CalibrationInput& in, const std::string& pass_basis, std::ostream& out) {
  Json j;
  j["files"] = in.files;
  j["rows"] = {{"read", in.rows_read},
               {"reviewed", in.reviewed.size()},
               {"not_reviewed", in.not_reviewed},
               {"rejected", in.rejected}};
  Json rejected = Json::array();
  for (const RejectedRow& r : in.errors) rejected.push_back({{"source", r.source}, {"error", r.error}});
  j["rejected"] = rejected;
  j["warnings"] = c.warnings;
  j["pass_score"] = Round(c.options.pass_score, 2);
  j["pass_basis"] = pass_basis;
  j["min_judged"] = c.options.min_judged;
  Json all = GroupJson(c.all);
  j["replies"] = all["replies"];
  j["scored"] = all["scored"];
  j["findings"] = all["findings"];
  j["rules"] = all["rules"];
  j["agreement"] = all["agreement"];
  Json reviewers = Json::array();
  for (const CalibrationGroup& g : c.reviewers) {
    Json r;
    r["reviewer"] = g.reviewer;
    r.update(GroupJson(g));
    reviewers.push_back(r);
  }
  j["reviewers"] = reviewers;
  j["tuning"] = {{"lowest_precision", AdviceJson(c.lowest_precision)},
                 {"most_wrong", AdviceJson(c.most_wrong)},
                 {"too_few_judged", AdviceJson(c.too_few)}};
  out << Dump(j, 2) << '\n';
}

// A long line of the report, wrapped to 100 columns under a two-space indent.
void Para(const std::string& s, std::ostream& out, size_t indent = 2) {
  const std::string lead(indent, ' ');
  out << lead << Wrap(s, 100, indent, lead + "  ") << '\n';
}

void WriteAgreement(const Agreement& a, std::ostream& out) {
  if (a.n() == 0) {
    Para("no reply has a review_score: nothing to compare", out);
    return;
  }
  std::string s = std::to_string(a.n());
  s += a.n() == 1 ? " reply" : " replies";
  s += " with a review_score: both pass ";
  s += std::to_string(a.both_pass);
  s += ", both fail ";
  s += std::to_string(a.both_fail);
  s += ", failed by the tool only ";
  s += std::to_string(a.tool_fail_reviewer_pass);
  s += ", passed by the tool only ";
  s += std::to_string(a.tool_pass_reviewer_fail);
  Para(s, out);
  s = "agreement ";
  s += Percent(a.observed(), 1);
  s += ", Cohen's kappa ";
  if (const auto k = a.kappa()) {
    s += Fixed(*k, 2);
    s += " (";
    s += KappaWords(*k);
    s += ")";
  } else {
    s += "n/a (the tool and the reviewers each gave every reply the same mark: nothing to tell from chance)";
  }
  Para(s, out);
  const Interval ci = a.mean_abs_difference_ci95();
  s = "mean absolute score difference ";
  s += Fixed(a.mean_abs_difference, 1);
  s += " points (95% ";
  s += Fixed(ci.low, 1);
  s += "–";
  s += Fixed(ci.high, 1);
  s += "); reviewers score ";
  if (std::abs(a.mean_difference) < 0.05) {
    s += "the same as the tool on average";
  } else {
    s += Fixed(std::abs(a.mean_difference), 1);
    s += a.mean_difference > 0 ? " points higher" : " points lower";
    s += " than the tool on average";
  }
  Para(s, out);
}

void WriteText(const Calibration& c, const CalibrationInput& in, const std::string& pass_basis, std::ostream& out) {
  out << "replylint calibrate: " << in.files.size() << (in.files.size() == 1 ? " file, " : " files, ")
      << c.reviewers.size() << (c.reviewers.size() == 1 ? " reviewer" : " reviewers") << '\n';
  out << "rows read " << in.rows_read << " = reviewed " << in.reviewed.size() << " + not reviewed " << in.not_reviewed
      << " + rejected " << in.rejected << '\n';

  out << "\nFindings as the reviewers judged them (precision = right / judged)\n";
  size_t width = 4;
  for (const RulePrecision& p : c.all.rules) width = std::max(width, CountCodePoints(p.rule));
  out << "  " << Pad("rule", width) << "  judged  right  wrong  not judged  precision  95% interval\n";
  auto rule_row = [&](const std::string& name, const RulePrecision& p) {
    out << "  " << Pad(name, width) << "  " << Right(std::to_string(p.judged()), 6) << "  "
        << Right(std::to_string(p.right), 5) << "  " << Right(std::to_string(p.wrong), 5) << "  "
        << Right(std::to_string(p.not_judged), 10) << "  " << Right(Precision(p), 9);
    if (p.judged()) out << "  " << Range(p.ci95());
    out << '\n';
  };
  for (const RulePrecision& p : c.all.rules) rule_row(EscapeForTerminal(p.rule), p);
  rule_row("all", c.all.all);

  out << "\nPass/fail against the reviewers\n";
  {
    const std::string cut =
        Fixed(c.options.pass_score, c.options.pass_score == std::floor(c.options.pass_score) ? 0 : 1);
    std::string s = "a reply passes when its score is ";
    s += cut;
    s += " or more, the tool's score and the review_score alike (";
    s += cut;
    s += ": ";
    s += pass_basis;
    s += ")";
    Para(s, out);
  }
  WriteAgreement(c.all.agreement, out);

  out << "\nPer reviewer\n";
  size_t rw = 8;
  for (const CalibrationGroup& g : c.reviewers) rw = std::max(rw, CountCodePoints(GroupKeyName(g.reviewer)));
  out << "  " << Pad("reviewer", rw)
      << "  replies  judged  wrong  precision  95% interval  scored  agreement  kappa  |diff|\n";
  for (const CalibrationGroup& g : c.reviewers) {
    const Agreement& a = g.agreement;
    out << "  " << Pad(GroupKeyName(g.reviewer), rw) << "  " << Right(std::to_string(g.replies), 7) << "  "
        << Right(std::to_string(g.all.judged()), 6) << "  " << Right(std::to_string(g.all.wrong), 5) << "  "
        << Right(Precision(g.all), 9) << "  " << Pad(g.all.judged() ? Range(g.all.ci95()) : "", 12) << "  "
        << Right(std::to_string(g.scored), 6) << "  " << Right(a.n() ? Percent(a.observed(), 1) : "-", 9) << "  "
        << Right(a.n() ? Kappa(a) : "-", 5) << "  " << Right(a.n() ? Fixed(a.mean_abs_difference, 1) : "-", 6) << '\n';
  }

  out << "\nRules that most need tuning\n";
  std::string s;
  if (c.lowest_precision.empty()) {
    s = "lowest precision: no rule has ";
    s += std::to_string(c.options.min_judged);
    s += " judged findings with one of them judged wrong";
    Para(s, out);
  } else {
    s = "lowest precision (rules with at least ";
    s += std::to_string(c.options.min_judged);
    s += " judged findings):";
    Para(s, out);
    for (size_t i = 0; i < std::min<size_t>(3, c.lowest_precision.size()); ++i) {
      const TuningAdvice& t = c.lowest_precision[i];
      s = EscapeForTerminal(t.rule);
      s += ": the reviewers called ";
      s += std::to_string(t.wrong);
      s += " of its ";
      s += std::to_string(t.right + t.wrong);
      s += " findings wrong (precision ";
      s += Percent(t.precision, 1);
      s += ", 95% ";
      s += Range(t.ci95);
      s += ")";
      Para(s, out, 4);
    }
  }
  if (c.most_wrong.empty()) {
    Para("most wrong findings: none judged wrong", out);
  } else {
    Para("most wrong findings:", out);
    for (size_t i = 0; i < std::min<size_t>(3, c.most_wrong.size()); ++i) {
      const TuningAdvice& t = c.most_wrong[i];
      s = EscapeForTerminal(t.rule);
      s += ": ";
      s += std::to_string(t.wrong);
      s += " wrong of ";
      s += std::to_string(t.right + t.wrong);
      s += " judged";
      Para(s, out, 4);
    }
  }
  if (!c.too_few.empty()) {
    s = "too few judged findings to rank (under ";
    s += std::to_string(c.options.min_judged);
    s += "), judge more of:";
    for (size_t i = 0; i < c.too_few.size(); ++i) {
      const TuningAdvice& t = c.too_few[i];
      s += i ? ", " : " ";
      s += EscapeForTerminal(t.rule);
      s += " (";
      s += std::to_string(t.right + t.wrong);
      s += ")";
    }
    Para(s, out);
  }
}

}  // namespace

const char* KappaWords(double kappa) {
  if (kappa < 0) return "poor: worse than chance";
  if (kappa <= 0.20) return "slight";
  if (kappa <= 0.40) return "fair";
  if (kappa <= 0.60) return "moderate";
  if (kappa <= 0.80) return "substantial";
  return "almost perfect";
}

void WriteCalibration(Format format, const Calibration& c, const CalibrationInput& in, const std::string& pass_basis,
                      std::ostream& out) {
  if (format == Format::kJson) {
    WriteJson(c, in, pass_basis, out);
  } else {
    WriteText(c, in, pass_basis, out);
  }
}

}  // namespace replylint
