// Walking a directory tree for input files without ever throwing: an entry
// whose status cannot be read (a symlink loop, a vanished file, a name too
// long) is listed anyway when its name is wanted, so that the reader that
// opens it reports why, else named in `problems` (it may be a directory); a
// subdirectory that cannot be listed is named there too, and the rest of the
// tree is still walked. Directory symlinks are not followed
// (no cycles); file symlinks are.
//
// Pipeline position: below ingest and rules; both find their inputs here.
// Thread-safety: a pure function of the file system.
#ifndef REPLYLINT_BASE_FILES_H_
#define REPLYLINT_BASE_FILES_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace replylint {

struct FileListing {
  std::vector<std::string> files;     // sorted
  std::vector<std::string> problems;  // "path: why", for directories that could not be listed
};

// The files below `dir` (recursively) whose path `wanted` accepts; entries
// whose type cannot be read are included when `wanted` accepts their name.
// Hidden entries (a name starting with '.') are skipped when `skip_hidden`.
FileListing ListFiles(const std::string& dir, const std::function<bool(const std::filesystem::path&)>& wanted,
                      bool skip_hidden = false);

}  // namespace replylint

#endif  // REPLYLINT_BASE_FILES_H_
