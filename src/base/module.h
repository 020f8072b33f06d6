// Parts of replylint that need heavy libraries live in modules of their
// own, loaded the first time a command needs them: GMime with GLib (mail
// input, ingest/mime.h) and libphonenumber with protobuf and Abseil (phone
// numbers in redaction, redact/phone_matcher.h). Linked into the program,
// those libraries cost every command about 10 ms of loading before main(),
// a sixth of a cold `check` that uses neither (docs/development.md,
// "Start-up").
//
// A module is replylint-<name>.so. It is looked for beside the program
// (the build tree), then in the installed module folder, lib/replylint
// under the install prefix, from either installed program (bin/replylint,
// libexec/replylint/replylint-serve). A module exports one C function,
// `entry`, that returns its table of functions; the table starts with the
// `int abi` of the header it was built from, which must match the caller's.
//
// A program that links a module's code itself (the tests and fuzzers do)
// passes the entry it linked as `linked`; nothing is loaded then.
//
// Thread-safety: LoadModuleEntry may be called from any thread; callers
// keep what it returns in a function-local static.
#ifndef REPLYLINT_BASE_MODULE_H_
#define REPLYLINT_BASE_MODULE_H_

#include <string>

#include "replylint/status.h"

namespace replylint {

// The address of the function `entry` in replylint-<name>.so, loaded with
// its libraries (RTLD_NOW: a missing library is an error here, not a crash
// later). Errors: the module is not found, or it or `entry` cannot be
// loaded; the message names the folders looked in.
StatusOr<void*> LoadModuleEntry(const std::string& name, const char* entry);

// The table of module `name`: `linked()` when the program links the module's
// code (its weak declaration is then defined), else what the loaded
// module's entry returns, checked against Api::kAbi.
template <typename Api>
StatusOr<const Api*> LoadModule(const std::string& name, const char* entry, const Api* (*linked)()) {
  const Api* api = nullptr;
  if (linked != nullptr) {
    api = linked();
  } else {
    StatusOr<void*> fn = LoadModuleEntry(name, entry);
    if (!fn.ok()) return fn.status();
    api = reinterpret_cast<const Api* (*)()>(*fn)();
  }
  if (api == nullptr || api->abi != Api::kAbi) {
    return Status::Internal("replylint-" + name + ".so is from another version of replylint (interface " +
                            std::to_string(api == nullptr ? -1 : api->abi) + ", this program needs " +
                            std::to_string(Api::kAbi) + "); reinstall replylint");
  }
  return api;
}

}  // namespace replylint

#endif  // REPLYLINT_BASE_MODULE_H_
