// replylint serve: its arguments, and what runs it. The CLI lives in two
// programs: `replylint`, without the HTTP server's libraries (cpp-httplib
// loads OpenSSL, 15 ms at every start of every command), runs
// `replylint-serve` for `serve` (serve_exec.cc), and `replylint-serve`, the
// same commands with the server linked in, serves (serve_run.cc).
#ifndef REPLYLINT_CLI_SERVE_H_
#define REPLYLINT_CLI_SERVE_H_

#include <string>
#include <vector>

#include "cli/common.h"

namespace replylint::cli {

struct ServeArgs {
  Common common;
  std::string listen = "127.0.0.1:8080";
  std::string token_file;
  std::vector<std::string> allow_origins;
  size_t max_body = 1 << 20;
  size_t max_requests = 64;
  int timeout = 10;
  bool log_text = false;
  bool quiet = false;
};

int RunServe(ServeArgs& a);

}  // namespace replylint::cli

#endif  // REPLYLINT_CLI_SERVE_H_
