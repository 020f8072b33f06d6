// Fuzzes the mail reader (GMime: mbox or one message; charsets, transfer
// encodings, multipart nesting, HTML-only bodies through the HTML reader)
// over one input written to a file, as OpenMail reads files. Every record is
// a conversation with messages or an error naming the file; every accepted
// conversation is analysed and its result checked.
#include <unistd.h>

#include <fstream>
#include <string>

#include "fuzz_util.h"
#include "ingest/mail.h"

using namespace replylint;
using replylint::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/replylint-fuzz-mail-" + std::to_string(getpid()) + ".mbox";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  IngestOptions options;
  options.agent_domains = {"shop.example"};
  auto source = OpenMail(path, options);
  if (!source.ok()) {
    Require(source.status().message().find(path) != std::string::npos, "a refused file is named");
    return 0;
  }
  static const auto worker = fuzz::DefaultEngine().NewWorker();
  ConvertedRecord r;
  while ((*source)->Next(&r)) {
    if (!r.conversation.ok()) {
      Require(r.conversation.status().message().rfind(path, 0) == 0, "an error names the file");
      continue;
    }
    const Conversation& c = *r.conversation;
    Require(!c.messages.empty() && !c.id.empty(), "a thread has an id and a message");
    fuzz::CheckResult(c, fuzz::DefaultEngine().Analyze(c, worker.get()));
  }
  return 0;
}
