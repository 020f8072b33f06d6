// Writes a review sample (sample/sample.h): the chosen replies as JSON Lines
// or CSV for a reviewer, each with its context, findings and empty review
// fields, and a summary of sample sizes and margins of error.
// Thread-safety: pure functions of their arguments.
#ifndef REPLYLINT_REPORT_SAMPLE_REPORT_H_
#define REPLYLINT_REPORT_SAMPLE_REPORT_H_

#include <ostream>

#include "report/report.h"
#include "sample/sample.h"

namespace replylint {

// `format`: kJsonl or kCsv.
void WriteSample(Format format, const SampleResult& sample, std::ostream& out);
// Sample sizes per agent and overall with the margin of error they give.
void WriteSampleSummary(const SampleResult& sample, const SampleOptions& options, std::ostream& out);

}  // namespace replylint

#endif  // REPLYLINT_REPORT_SAMPLE_REPORT_H_
