#include "base/module.h"

#include <dlfcn.h>

#include <filesystem>

// The installed module folder relative to each installed program (set by
// CMakeLists.txt from GNUInstallDirs).
#ifndef REPLYLINT_MODULE_DIR_FROM_BIN
#define REPLYLINT_MODULE_DIR_FROM_BIN "../lib/replylint"
#endif
#ifndef REPLYLINT_MODULE_DIR_FROM_LIBEXEC
#define REPLYLINT_MODULE_DIR_FROM_LIBEXEC "../../lib/replylint"
#endif

namespace replylint {

StatusOr<void*> LoadModuleEntry(const std::string& name, const char* entry) {
  namespace fs = std::filesystem;
  const std::string file = "replylint-" + name + ".so";
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return Status::Internal("cannot tell where this program is (/proc/self/exe: " + ec.message() + ")");
  const fs::path dir = self.parent_path();
  std::string looked;
  for (const fs::path& d : {dir, (dir / REPLYLINT_MODULE_DIR_FROM_BIN).lexically_normal(),
                            (dir / REPLYLINT_MODULE_DIR_FROM_LIBEXEC).lexically_normal()}) {
    const fs::path path = d / file;
    if (!fs::exists(path, ec)) {
      looked += (looked.empty() ? "" : ", ") + d.string();
      continue;
    }
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return Status::Internal("cannot load " + path.string() + ": " + ::dlerror());
    void* fn = ::dlsym(handle, entry);
    if (fn == nullptr) return Status::Internal(path.string() + " has no " + entry + "; reinstall replylint");
    return fn;  // the module stays loaded until the program ends
  }
  return Status::NotFound(file + " not found (looked in " + looked +
                          "); it is built and installed with replylint: reinstall it");
}

}  // namespace replylint
