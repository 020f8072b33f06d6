#!/usr/bin/env bash
# Drives replylint's pages in Debian's headless Chromium with puppeteer-core
# from npm (installed into the build tree from the committed lock file; the
# browser is never downloaded): `replylint serve`'s page (page_test.mjs), or
# another test script given with its arguments (report_test.mjs FIXTURE).
#   usage: tests/browser/run.sh REPLYLINT_BINARY BUILD_DIR [SCRIPT [ARG...]]
set -euo pipefail
bin=$(readlink -f "$1")
build=$(readlink -f "$2")
here=$(cd "$(dirname "$0")" && pwd)
work=$build/browser-tests
for tool in node npm "${CHROMIUM:-chromium}"; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIPPED: $tool is not installed (./bootstrap.sh test installs it)"
    [ -n "${CI:-}" ] && exit 1
    exit 77
  fi
done
mkdir -p "$work" "$build/test-artifacts"
if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules/puppeteer-core" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
script=${3:-page_test.mjs}
cp "$here/$script" "$work/"
exec node "$work/$script" "$bin" "$build/test-artifacts" "${@:4}"
