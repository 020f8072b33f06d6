// replylint calibrate: the tool measured against its reviewers, from review
// samples they filled in (docs/calibration.md).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "base/utf8.h"
#include "cli/common.h"
#include "cli/output.h"
#include "report/calibration_report.h"
#include "report/report.h"
#include "score/calibration.h"
#include "score/score.h"
#include "store/store.h"

namespace replylint::cli {
namespace {

struct CalibrateArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string out;
  std::optional<double> pass_score;
  size_t min_judged = 5;
  std::string db;
};

// Keeps this round's reviews in the history and adds the earlier rounds'
// (those the files did not review again) to the input, counted as rows
// read from the history.
Status Accumulate(const std::string& db, CalibrationInput* input) {
  auto store = Store::Open(db, Store::Mode::kWrite);
  if (!store.ok()) return store.status();
  if (Status st = (*store)->PutReviews(input->reviewed); !st.ok()) return st;
  auto all = (*store)->Reviews();
  if (!all.ok()) return all.status();
  std::set<std::tuple<std::string, std::string, std::string>> now;
  for (const ReviewedReply& r : input->reviewed) now.emplace(r.reviewer, r.conversation, r.message);
  size_t earlier = 0;
  for (ReviewedReply& r : *all) {
    if (now.count({r.reviewer, r.conversation, r.message})) continue;
    input->reviewed.push_back(std::move(r));
    ++earlier;
  }
  input->rows_read += earlier;
  input->files.push_back(db);
  std::cerr << "replylint: " << EscapeForTerminal(db) << ": " << input->reviewed.size() - earlier
            << " reviewed replies stored, " << earlier << " from earlier rounds added\n";
  return Status::Ok();
}

// The lowest score that earns the scorecard's good-reply stars: the tool's
// own line between a good reply and the rest (88 by default).
double GoodReplyScore(const Scorecard& card) {
  double cut = 101;
  for (const auto& [stars, lowest] : card.stars) {
    if (stars >= card.good_stars) cut = std::min<double>(cut, lowest);
  }
  return cut > 100 ? 0 : cut;  // every reply is good when good_stars is the lowest mark
}

int RunCalibrate(const CalibrateArgs& a) {
  if (a.inputs.empty() && a.db.empty()) return Fail("calibrate: give reviewed samples, or --db with stored reviews");
  auto format = ParseFormat(a.format, {Format::kText, Format::kJson});
  if (!format.ok()) return Fail(format.status().message());
  // A file named that does not exist stops the run, as in every command:
  // a reviewer's sheet left out by a typo would bias the figures unseen.
  for (const std::string& in : a.inputs) {
    if (in == "-") continue;
    std::error_code ec;
    if (!std::filesystem::exists(in, ec)) return Fail(in + ": no such file or directory");
  }
  CalibrationOptions options;
  options.min_judged = a.min_judged;
  std::string basis;
  if (a.pass_score) {
    options.pass_score = *a.pass_score;
    basis = "--pass-score";
  } else {
    // The scorecard of the configuration (found from the inputs' folders up,
    // or --config), so a team with its own stars is judged by its own line.
    auto engine = MakeEngine(a.common, a.inputs);
    if (!engine.ok()) return Fail(engine.status().message());
    const Scorecard& card = (*engine)->scorecard();
    options.pass_score = GoodReplyScore(card);
    basis = "the lowest score of ";
    basis += std::to_string(card.good_stars);
    basis += card.good_stars == 1 ? " star" : " stars";
    basis += ", a good reply in the scorecard";
  }
  CalibrationInput input;
  for (const std::string& path : a.inputs) {
    auto text = ReadText(path);
    if (!text.ok()) {
      input.files.push_back(path);
      input.errors.push_back({path, text.status().message()});
      continue;
    }
    ReadReviewedCsv(*text, path == "-" ? "(stdin)" : path, &input);
  }
  if (!a.db.empty()) {
    if (Status st = Accumulate(a.db, &input); !st.ok()) return Fail(st.message());
  }
  for (const RejectedRow& r : input.errors) {
    std::cerr << "replylint: rejected: " << EscapeForTerminal(r.source) << ": " << EscapeForTerminal(r.error) << '\n';
  }
  const Calibration c = Calibrate(input.reviewed, options);
  for (const std::string& w : c.warnings) std::cerr << "replylint: warning: " << EscapeForTerminal(w) << '\n';
  Output out(a.out, a.inputs);
  if (!out.status().ok()) return Fail(out.status().message());
  WriteCalibration(*format, c, input, basis, out.stream());
  if (Status st = out.Commit(); !st.ok()) return Fail(st.message());
  // Rows rejected are reported and counted; only a run that could read no
  // row at all failed.
  if (input.reviewed.empty() && input.not_reviewed == 0) return Fail("calibrate: no row could be read");
  return kExitClean;
}

std::function<int()> Setup(CLI::App* cmd) {
  auto ca = std::make_shared<CalibrateArgs>();
  cmd->add_option("inputs", ca->inputs,
                  "Review samples filled in by reviewers (sample --format csv; - for standard input)");
  cmd->add_option("--db", ca->db,
                  "Keep the reviews in this history and calibrate on every round stored there (docs/history.md)");
  cmd->add_option("--format", ca->format, "text (default) or json");
  cmd->add_option("-o,--out", ca->out, "Write the report to this file (atomically) instead of standard output");
  cmd->add_option("--pass-score", ca->pass_score,
                  "A reply passes at this score or more, the tool's and the reviewer's alike "
                  "(default: the lowest score of a good reply in the scorecard, 88)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--min-judged", ca->min_judged,
                  "Judged findings a rule needs to be ranked among those to tune (default 5)")
      ->check(CLI::Range(size_t{1}, size_t{1000000}));
  cmd->add_option(
      "--config", ca->common.config,
      "Configuration file whose scorecard sets the pass score (default: found from the inputs' folders up)");
  cmd->add_option("--rules-dir", ca->common.rules_dir, "Read rule files (and the scorecard) from this directory");
  return [ca] { return RunCalibrate(*ca); };
}

}  // namespace

const Command kCalibrateCommand = {
    "calibrate",
    "Measure the tool against reviewers: per-rule precision, pass/fail agreement (Cohen's kappa), per reviewer", Setup};

}  // namespace replylint::cli
