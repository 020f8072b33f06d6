// replylint: `serve` runs replylint-serve, the same commands with the HTTP
// server linked in (see serve.h), from beside this program or, installed,
// from its libexec folder.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/serve.h"

#ifndef REPLYLINT_SERVE_HELPER_DIR
#define REPLYLINT_SERVE_HELPER_DIR "../libexec/replylint"
#endif

namespace replylint::cli {

int RunServe(ServeArgs& /*a: replylint-serve reads the same command line*/) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return Fail("serve: cannot tell where this program is (/proc/self/exe: " + ec.message() + ")");
  const fs::path dir = self.parent_path();
  fs::path helper = dir / "replylint-serve";
  if (!fs::exists(helper, ec)) helper = (dir / REPLYLINT_SERVE_HELPER_DIR / "replylint-serve").lexically_normal();
  std::vector<std::string> args = CommandLine();
  args.at(0) = helper.string();
  std::vector<char*> argv;
  for (std::string& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  ::execv(helper.c_str(), argv.data());
  return Fail("serve: cannot run " + helper.string() + ": " + std::strerror(errno) +
              " (it is built and installed with replylint; reinstall the package)");
}

}  // namespace replylint::cli
