#!/usr/bin/env bash
# Validates replylint's SARIF output against the SARIF 2.1.0 schema and the
# SARIF rules of Microsoft's SARIF Multitool (the validator GitHub code
# scanning follows). The Multitool is a self-contained binary published on the
# npm registry; it is fetched once with curl into the build directory and
# checked against the registry's sha256 below.
#   usage: validate.sh BINARY SOURCE_DIR BUILD_DIR
# Exit 0: valid; 1: invalid; 77 (ctest: skipped): the validator could not be
# fetched — which fails the test instead under CI=true, so CI never passes
# without validating.
set -u
bin=$(readlink -f "$1")
src=$2
cache=$3/tools/sarif-multitool
version=5.7.0
sha256=27d8e3e96dde578a23b7c45035b8d741fece5731e2700aa068015b8c44d1514e
url=https://registry.npmjs.org/@microsoft/sarif-multitool-linux/-/sarif-multitool-linux-$version.tgz
tool=$cache/package/Sarif.Multitool

skip() {
  echo "SKIP: $*"
  if [ "${CI:-}" = true ]; then exit 1; fi
  exit 77
}

if [ ! -x "$tool" ]; then
  command -v curl >/dev/null || skip "curl is not installed"
  mkdir -p "$cache"
  curl -sSfL --retry 2 -o "$cache/multitool.tgz" "$url" || skip "cannot download $url"
  echo "$sha256  $cache/multitool.tgz" | sha256sum -c --quiet || { echo "FAIL: checksum of $url"; exit 1; }
  tar -xzf "$cache/multitool.tgz" -C "$cache" && chmod +x "$tool" && rm "$cache/multitool.tgz"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
"$bin" lint-templates corpus/templates --format sarif -o "$tmp/lint.sarif"
[ $? -le 1 ] || { echo "FAIL: lint-templates did not run"; exit 1; }
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
"$tool" validate "$tmp/lint.sarif" --output "$tmp/validation.sarif" >"$tmp/log" 2>&1
status=$?
# The validator's own report: any result (schema error or SARIF rule) fails.
results=missing
[ -f "$tmp/validation.sarif" ] && results=$(grep -c '"ruleId"' "$tmp/validation.sarif")
if [ "$status" != 0 ] || [ "$results" != 0 ]; then
  echo "FAIL: SARIF validation (exit $status, $results results)"
  cat "$tmp/log"
  exit 1
fi
echo "SARIF valid: schema 2.1.0 and Multitool rules, 0 results"
