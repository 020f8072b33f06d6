// Writes a calibration (score/calibration.h) as text for a QA lead or as one
// JSON document for scripts. Rejected rows are in the JSON document; the
// text report counts them in its conservation line (the command prints each
// on standard error).
// Thread-safety: pure functions of their arguments.
#ifndef REPLYLINT_REPORT_CALIBRATION_REPORT_H_
#define REPLYLINT_REPORT_CALIBRATION_REPORT_H_

#include <ostream>
#include <string>

#include "report/report.h"
#include "score/calibration.h"

namespace replylint {

// `pass_basis`: where the pass score comes from, in words ("the lowest
// score of a good reply, 5 stars, in the scorecard"). `format`: kText or
// kJson.
void WriteCalibration(Format format, const Calibration& c, const CalibrationInput& in, const std::string& pass_basis,
                      std::ostream& out);

// Landis and Koch's words for a kappa: "poor" (< 0), "slight" (to 0.20),
// "fair" (0.40), "moderate" (0.60), "substantial" (0.80), "almost perfect".
const char* KappaWords(double kappa);

}  // namespace replylint

#endif  // REPLYLINT_REPORT_CALIBRATION_REPORT_H_
