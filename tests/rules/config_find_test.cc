#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "rules/rule_spec.h"
#include "test_util.h"

using namespace replylint;
namespace fs = std::filesystem;

TEST_CASE("configuration: found from each input up the tree; one run has one", "[config]") {
  const fs::path root = fs::path(testing::TempFile("config-marker", "")).parent_path() / "cfg";
  auto put = [&](const std::string& name, const std::string& text) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << text;
  };
  put("team/replylint.yaml", "rules:\n  missing-signature: off\n");
  put("team/a/b/x.jsonl", "");
  put("team/a/y.jsonl", "");
  put("other/.replylint.yaml", "fail_level: warning\n");
  put("other/z.jsonl", "");
  put("both/replylint.yaml", "");
  put("both/.replylint.yaml", "");
  const std::string team = (root / "team/replylint.yaml").string();

  auto found = FindConfig({(root / "team/a/b/x.jsonl").string()});
  REQUIRE(found.ok());
  CHECK(*found == team);
  // A folder input starts at itself; two inputs under one file agree.
  found = FindConfig({(root / "team/a").string(), (root / "team/a/y.jsonl").string()});
  REQUIRE(found.ok());
  CHECK(*found == team);
  found = FindConfig({(root / "other/z.jsonl").string()});
  REQUIRE(found.ok());
  CHECK(*found == (root / "other/.replylint.yaml").string());

  auto mixed = FindConfig({(root / "team/a/y.jsonl").string(), (root / "other/z.jsonl").string()});
  REQUIRE_FALSE(mixed.ok());
  CHECK_THAT(mixed.status().message(), Catch::Contains("different configurations"));
  auto both = FindConfig({(root / "both").string()});
  REQUIRE_FALSE(both.ok());
  CHECK_THAT(both.status().message(), Catch::Contains("two configurations in one folder"));

  // Loading applies the found file and records where each value came from.
  LoadOptions o;
  o.inputs = {(root / "team/a/b/x.jsonl").string()};
  auto set = LoadRuleSet(o);
  REQUIRE(set.ok());
  CHECK(set->config_file == team);
  const RuleSpec* sig = set->Find("missing-signature");
  REQUIRE(sig);
  CHECK_FALSE(sig->enabled);
  CHECK(sig->configured_at == team + ":2:22");
  CHECK(set->Find("no-reply-sender")->configured_at.empty());
  CHECK(set->configured_at.at("rules") == team + ":1:1");
  // --config wins over the tree.
  o.config_path = (root / "other/.replylint.yaml").string();
  o.config_explicit = true;
  set = LoadRuleSet(o);
  REQUIRE(set.ok());
  CHECK(set->Find("missing-signature")->enabled);
  CHECK(set->fail_level == Severity::kWarning);
}
