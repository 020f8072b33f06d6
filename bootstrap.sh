#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs the Debian packages that
# are missing, builds replylint in Release, then
#   ./bootstrap.sh          audits the bundled corpus and prints the QA report
#   ./bootstrap.sh test     runs the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-audit}
case "$mode" in
  audit|test) ;;
  *) echo "usage: $0 [audit|test]" >&2; exit 2 ;;
esac

packages=(
  build-essential cmake pkg-config
  libicu-dev libre2-dev libhunspell-dev hunspell-ru hunspell-en-us hunspell-en-gb
  libyaml-cpp-dev libcli11-dev catch2 libsimdjson-dev nlohmann-json3-dev libstemmer-dev libcld2-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DREPLYLINT_WERROR=ON >/dev/null
cmake --build build -j"$jobs"

if [ "$mode" = test ]; then
  ctest --test-dir build --output-on-failure -j"$jobs"
else
  # Exit code 1 means "findings at or above the fail level": expected on a
  # corpus that is full of deliberate mistakes.
  status=0
  ./build/replylint audit corpus/ || status=$?
  [ "$status" -le 1 ] || exit "$status"
fi
