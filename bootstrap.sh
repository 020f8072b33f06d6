#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs the Debian packages that
# are missing, builds replylint in Release, then
#   ./bootstrap.sh          audits the bundled corpus and prints the QA report
#   ./bootstrap.sh test     runs the whole test suite, as CI does:
#     1. the Release build's tests (unit, end-to-end, fuzz regressions);
#     2. a clang build with AddressSanitizer + UndefinedBehaviorSanitizer
#        (build-asan/) running the same tests, then every libFuzzer target
#        for REPLYLINT_FUZZ_SECONDS (default 30) from its seed corpus;
#     3. a representative subset of the end-to-end tests under valgrind
#        memcheck (the whole of them takes too long: see README, "Tests").
#   Each stage prints how long it took.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-audit}
case "$mode" in
  audit|test) ;;
  *) echo "usage: $0 [audit|test]" >&2; exit 2 ;;
esac

packages=(
  build-essential cmake pkg-config python3
  libicu-dev libre2-dev libhunspell-dev hunspell-ru hunspell-en-us hunspell-en-gb libmarisa-dev
  libyaml-cpp-dev libyaml-dev libcli11-dev catch2 libsimdjson-dev nlohmann-json3-dev libstemmer-dev libcld2-dev
  libphonenumber-dev
  libgmime-3.0-dev libgumbo-dev libcpp-httplib-dev libsqlite3-dev libmimalloc-dev libxxhash-dev
)
# Only the tests need a browser: the HTML report is opened in headless
# Chromium (tests/html/check_report.py, stdlib Python; DejaVu for the text);
# curl fetches the SARIF validator (tests/sarif/validate.sh); clang brings
# libFuzzer and the sanitizers' runtimes; valgrind runs memcheck; pre-commit
# runs the template hook on a throwaway repository (tests/e2e/template_repo.sh).
if [ "$mode" = test ]; then
  packages+=(chromium python3 fonts-dejavu-core curl ca-certificates clang libclang-rt-14-dev valgrind pre-commit)
  # The agents' page is driven by puppeteer-core from npm (tests/browser).
  # A Node.js that brings its own npm (NodeSource's) needs no Debian npm.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
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
# Profile-guided optimisation (REPLYLINT_PGO in CMakeLists.txt): an
# instrumented replylint is built and run on a training workload
# (tools/pgo/train.sh), then the build proper reads its profile. Audits run
# 1.1-1.2x faster for one more compile of replylint. A build directory
# that was trained keeps its profile (remove build/pgo to train again);
# REPLYLINT_PGO=off ./bootstrap.sh builds without one.
if [ "${REPLYLINT_PGO:-on}" = off ]; then
  pgo=
else
  pgo=use
  if [ ! -f build/pgo/trained ]; then
    echo "bootstrap: building an instrumented replylint for profile-guided optimisation" >&2
    start=$SECONDS
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DREPLYLINT_WERROR=ON -DREPLYLINT_PGO=generate >/dev/null
    cmake --build build --target replylint -j"$jobs"
    tools/pgo/train.sh build
    echo "bootstrap: the instrumented build and its training took $((SECONDS - start)) s" >&2
  fi
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DREPLYLINT_WERROR=ON -DREPLYLINT_PGO="$pgo" >/dev/null
cmake --build build -j"$jobs"

if [ "$mode" = test ]; then
  stage() {
    local name=$1 start=$SECONDS
    shift
    echo "bootstrap: stage $name" >&2
    "$@"
    echo "bootstrap: stage $name took $((SECONDS - start)) s" >&2
  }
  stage release-tests ctest --test-dir build --output-on-failure -j"$jobs"

  # Sanitizers and fuzzing share one clang build: every library carries ASan,
  # UBSan (any report aborts) and libFuzzer's coverage; the tests link the
  # sanitizers only, the fuzz_* targets libFuzzer too.
  stage asan-build sh -c 'CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DREPLYLINT_SANITIZE=ON -DREPLYLINT_FUZZ=ON \
      -DREPLYLINT_WERROR=ON >/dev/null && cmake --build build-asan -j'"$jobs"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
  export UBSAN_OPTIONS=print_stacktrace=1
  stage asan-tests ctest --test-dir build-asan --output-on-failure -j"$jobs"
  stage fuzz tests/fuzz/run.sh build-asan "${REPLYLINT_FUZZ_SECONDS:-30}"
  unset ASAN_OPTIONS UBSAN_OPTIONS

  # Memcheck over the Release binary. Each run costs about ten seconds of
  # start-up under valgrind (compiling the rules' RE2 patterns), so a subset
  # that reaches every command and every hostile-input path runs, the two
  # scripts side by side.
  vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
  vg+=" --show-leak-kinds=definite --suppressions=$PWD/tests/valgrind/replylint.supp"
  # Memcheck replaces the program's allocator (mimalloc). mimalloc's delete
  # and free are one function, which memcheck would report as mismatched
  # at every delete: the ASan stage checks new/delete pairs instead.
  vg+=" --soname-synonyms=somalloc=*mimalloc* --show-mismatched-frees=no"
  valgrind_e2e() {
    REPLYLINT_WRAPPER="$vg" REPLYLINT_E2E_ONLY="check_noreply_json audit_text lint_sarif" \
      tests/e2e/run.sh build/replylint . &
    local a=$!
    REPLYLINT_WRAPPER="$vg" REPLYLINT_E2E_ONLY="hostile_mix hostile_mix_conserved hostile_check hostile_templates \
      unreadable sigterm" tests/e2e/hostile.sh build/replylint . &
    local b=$!
    local rc=0
    wait "$a" || rc=1
    wait "$b" || rc=1
    return "$rc"
  }
  stage valgrind valgrind_e2e
else
  # Exit code 1 means "findings at or above the fail level": expected on a
  # corpus that is full of deliberate mistakes.
  status=0
  ./build/replylint audit corpus/ || status=$?
  [ "$status" -le 1 ] || exit "$status"
fi
