// replylint convert: CSV, mail or helpdesk exports written as the JSONL
// conversations the other commands read (the readers are in src/ingest/).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/output.h"
#include "ingest/source.h"

namespace replylint::cli {
namespace {

struct ConvertArgs {
  Common common;
  std::vector<std::string> inputs;
  std::string out;
};

int RunConvert(const ConvertArgs& a) {
  auto files = ExpandInputs(a.inputs, a.common);
  if (!files.ok()) return Fail(files.status().message());
  Output out(a.out, *files);
  if (!out.status().ok()) return Fail(out.status().message());
  ConvertCounts n;
  const Status st = ConvertToJsonl(*files, a.common.ingest, out.stream(), std::cerr, &n);
  if (Status c = out.Commit(); !c.ok()) return Fail(c.message());
  std::cerr << "replylint: conservation: records read " << n.records << " = conversations " << n.conversations
            << " + rejected " << n.rejected << '\n';
  if (n.notes > 0) std::cerr << "replylint: internal notes left out (not replies to the customer): " << n.notes << '\n';
  if (!st.ok()) return kExitFailed;
  return n.rejected > 0 ? kExitFindings : kExitClean;
}

std::function<int()> Setup(CLI::App* convert) {
  auto ca = std::make_shared<ConvertArgs>();
  convert->add_option("inputs", ca->inputs, "Input files, Maildirs or directories of them")->required();
  convert->add_option("-o,--out", ca->out, "Write the JSONL to this file (atomically) instead of standard output");
  AddCommon(convert, &ca->common, true);
  // `convert --from mail` reads better than --input-format for a converter.
  convert->add_option("--from", ca->common.input_format, "The inputs' format, as --input-format")
      ->check([](const std::string& v) {
        return ParseInputFormat(v) ? std::string() : "unknown input format; known: auto, " + InputFormatList();
      })
      ->each(
          [ca](const std::string& v) { ca->common.ingest.format = ParseInputFormat(v).value_or(InputFormat::kAuto); })
      ->excludes("--input-format");
  return [ca] { return RunConvert(*ca); };
}

}  // namespace

const Command kConvertCommand = {
    "convert", "Convert CSV, mail or helpdesk exports to the JSONL conversations audit reads (docs/sources.md)", Setup};

}  // namespace replylint::cli
