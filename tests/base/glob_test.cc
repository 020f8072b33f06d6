#include "base/glob.h"

#include <catch2/catch.hpp>

using replylint::GlobMatch;
using replylint::GlobMatchesPathOrParent;

TEST_CASE("glob: * and ? stay in one segment, ** spans segments", "[glob]") {
  CHECK(GlobMatch("templates/*.yaml", "templates/a.yaml"));
  CHECK(GlobMatch("templates/*.yaml", "./templates/a.yaml"));
  CHECK_FALSE(GlobMatch("templates/*.yaml", "templates/sub/a.yaml"));
  CHECK(GlobMatch("templates/**/*.yaml", "templates/a.yaml"));
  CHECK(GlobMatch("templates/**/*.yaml", "templates/x/y/a.yaml"));
  CHECK(GlobMatch("**/templates/**", "corpus/templates/x/a.md"));
  CHECK_FALSE(GlobMatch("**/templates/**", "corpus/templatesx/a.md"));
  CHECK(GlobMatch("a?c.md", "abc.md"));
  CHECK_FALSE(GlobMatch("a?c.md", "a/c.md"));
  CHECK(GlobMatch("*.[ym]*", "x.yml"));
  CHECK_FALSE(GlobMatch("*.[!ym]*", "x.yml"));
}

TEST_CASE("glob: a pattern without a slash matches a name at any depth", "[glob]") {
  CHECK(GlobMatch("*.md", "docs/deep/a.md"));
  CHECK_FALSE(GlobMatch("*.md", "docs/a.yaml"));
  CHECK(GlobMatch("README.md", "README.md"));
  CHECK_FALSE(GlobMatch("docs/*.md", "x/docs/a.md"));
}

TEST_CASE("glob: an exclude matches the folders a file is in", "[glob]") {
  CHECK(GlobMatchesPathOrParent("vendor", "vendor/x/a.yaml"));
  CHECK(GlobMatchesPathOrParent("vendor/", "./vendor/a.yaml"));
  CHECK(GlobMatchesPathOrParent("drafts", "templates/drafts/a.md"));
  CHECK(GlobMatchesPathOrParent("templates/old", "templates/old/a.md"));
  CHECK_FALSE(GlobMatchesPathOrParent("templates/old", "templates/older/a.md"));
  CHECK_FALSE(GlobMatchesPathOrParent("vendor", "src/vendorx/a.yaml"));
}
