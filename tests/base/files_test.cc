#include "base/files.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace fs = std::filesystem;

TEST_CASE("ListFiles lists what it can and names what it cannot, without throwing", "[files]") {
  const fs::path root = fs::temp_directory_path() / ("replylint-files-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "sub" / "deeper");
  fs::create_directories(root / ".hidden");
  std::ofstream(root / "b.jsonl") << "{}\n";
  std::ofstream(root / "sub" / "deeper" / "a.jsonl") << "{}\n";
  std::ofstream(root / "sub" / "notes.txt") << "x\n";
  std::ofstream(root / ".hidden" / "c.jsonl") << "{}\n";
  fs::create_symlink("loop.jsonl", root / "loop.jsonl");       // its status cannot be read
  fs::create_directory_symlink(root, root / "sub" / "cycle");  // a directory link is not followed
  auto jsonl = [](const fs::path& p) { return p.extension() == ".jsonl"; };

  const replylint::FileListing all = replylint::ListFiles(root.string(), jsonl);
  CHECK(all.problems.empty());
  CHECK(all.files == std::vector<std::string>{(root / ".hidden" / "c.jsonl").string(), (root / "b.jsonl").string(),
                                              (root / "loop.jsonl").string(),
                                              (root / "sub" / "deeper" / "a.jsonl").string()});
  const replylint::FileListing visible = replylint::ListFiles(root.string(), jsonl, /*skip_hidden=*/true);
  CHECK(visible.files.size() == 3);

  // An entry of another name whose type cannot be read may be a directory:
  // named, not dropped.
  fs::create_symlink("knot", root / "sub" / "knot");
  const replylint::FileListing knotted = replylint::ListFiles(root.string(), jsonl);
  CHECK(knotted.files.size() == 4);
  REQUIRE(knotted.problems.size() == 1);
  CHECK_THAT(knotted.problems[0], Catch::Contains("knot: cannot read: Too many levels of symbolic links"));

  const replylint::FileListing missing = replylint::ListFiles((root / "nope").string(), jsonl);
  CHECK(missing.files.empty());
  REQUIRE(missing.problems.size() == 1);
  CHECK_THAT(missing.problems[0], Catch::Contains("cannot list directory"));
  fs::remove_all(root);
}
