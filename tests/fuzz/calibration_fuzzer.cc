// Fuzzes the reading of filled-in review samples (`replylint calibrate`):
// any bytes as a sheet, then the calibration and both reports. Every row is
// counted once, every error names the file, verdicts match findings, and
// the figures stay in range.
#include <cmath>
#include <sstream>
#include <string>

#include "fuzz_util.h"
#include "report/calibration_report.h"
#include "score/calibration.h"

using namespace replylint;
using replylint::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  CalibrationInput in;
  ReadReviewedCsv(text, "fuzz.csv", &in);
  ReadReviewedCsv(text, "again.csv", &in);  // the same rows again: each rejected as already read
  Require(in.rows_read == in.reviewed.size() + in.not_reviewed + in.rejected, "every row is counted once");
  for (const RejectedRow& r : in.errors) {
    Require(r.source.rfind("fuzz.csv", 0) == 0 || r.source.rfind("again.csv", 0) == 0, "an error names the file");
  }
  for (const ReviewedReply& r : in.reviewed) {
    Require(r.verdicts.empty() || r.verdicts.size() == r.rules.size(), "one verdict a finding");
    Require(r.tool_score >= 0 && r.tool_score <= 100, "the tool's score is in range");
    Require(!r.review_score || (*r.review_score >= 0 && *r.review_score <= 100), "a review_score is in range");
    Require(r.source.rfind("fuzz.csv", 0) == 0, "a row read twice counts once");
  }
  const Calibration c = Calibrate(in.reviewed, CalibrationOptions{});
  const auto kappa = c.all.agreement.kappa();
  Require(!kappa || (*kappa >= -1 - 1e-9 && *kappa <= 1 + 1e-9), "kappa is in [-1, 1]");
  Require(c.all.agreement.mean_abs_difference >= 0 && c.all.agreement.mean_abs_difference <= 100,
          "the mean difference is in range");
  for (const RulePrecision& p : c.all.rules) {
    Require(p.precision() >= 0 && p.precision() <= 1, "precision is a share");
  }
  for (Format f : {Format::kText, Format::kJson}) {
    std::ostringstream out;
    WriteCalibration(f, c, in, "fuzz", out);
    Require(!out.str().empty(), "a report is written");
  }
  return 0;
}
