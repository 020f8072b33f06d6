// replylint serve: the agents' page and the HTTP API (docs/serve.md). The
// options; serve.h says which program runs them.
#include "cli/serve.h"

#include <CLI/CLI.hpp>
#include <memory>

namespace replylint::cli {
namespace {

std::function<int()> Setup(CLI::App* cmd) {
  auto a = std::make_shared<ServeArgs>();
  cmd->add_option("--listen", a->listen,
                  "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free one). Not loopback: needs "
                  "--token-file");
  cmd->add_option("--token-file", a->token_file,
                  "File holding the bearer token clients must send (Authorization: Bearer TOKEN)");
  cmd->add_option("--allow-origin", a->allow_origins,
                  "A web origin whose pages may call the API (CORS), e.g. https://support.example.com; repeatable");
  cmd->add_option("--max-body", a->max_body, "Largest request body, e.g. 1MiB (default); larger gets 413")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  cmd->add_option("--max-requests", a->max_requests,
                  "Requests handled at once (default 64); more are answered 503 with Retry-After")
      ->check(CLI::Range(size_t{1}, size_t{4096}));
  cmd->add_option("--timeout", a->timeout, "Seconds to read a request or write an answer (default 10)")
      ->check(CLI::Range(1, 600));
  cmd->add_option("-j,--jobs", a->common.jobs, "Drafts analysed at once (default: the number of cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_flag("--log-text", a->log_text, "Also write the text of each request to the access log");
  cmd->add_flag("--quiet", a->quiet, "No access log");
  AddCommon(cmd, &a->common, false);
  AddTemplates(cmd, &a->common);
  return [a] { return RunServe(*a); };
}

}  // namespace

const Command kServeCommand = {"serve", "Serve the agents' page and the HTTP API (LanguageTool-compatible)", Setup};

}  // namespace replylint::cli
