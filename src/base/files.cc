#include "base/files.h"

#include <algorithm>

namespace replylint {

namespace fs = std::filesystem;

FileListing ListFiles(const std::string& dir, const std::function<bool(const fs::path&)>& wanted,
                      bool skip_hidden) {
  FileListing out;
  std::vector<fs::path> pending{fs::path(dir)};
  while (!pending.empty()) {
    const fs::path d = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(d, ec);
    if (ec) {
      out.problems.push_back(d.string() + ": cannot list directory: " + ec.message());
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      if (skip_hidden && p.filename().string().rfind('.', 0) == 0) continue;
      std::error_code type_ec;
      const fs::file_status own = it->symlink_status(type_ec);
      if (!type_ec && fs::is_directory(own)) {
        pending.push_back(p);
        continue;
      }
      const fs::file_status target = it->status(type_ec);
      if (type_ec) {
        // A broken or looping link, or a vanished entry: listed, so that the
        // reader reports it with its reason. Any other (it may be a
        // directory whose path is too long to open) is named here rather
        // than dropped without a word.
        if (wanted(p)) {
          out.files.push_back(p.string());
        } else {
          out.problems.push_back(p.string() + ": cannot read: " + type_ec.message());
        }
        continue;
      }
      if (fs::is_regular_file(target) && wanted(p)) out.files.push_back(p.string());
    }
    if (ec) out.problems.push_back(d.string() + ": cannot list directory: " + ec.message());
  }
  std::sort(out.files.begin(), out.files.end());
  std::sort(out.problems.begin(), out.problems.end());
  return out;
}

}  // namespace replylint
