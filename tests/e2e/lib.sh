# Helpers of the end-to-end scripts, sourced after they set bin, golden and
# tmp. The binary's exit code is compared exactly; output byte for byte with
# golden/NAME.out and golden/NAME.err (UPDATE_GOLDEN=1 rewrites them: read
# every changed one before committing it).
#
#   REPLYLINT_WRAPPER  a command every run of the binary goes through, e.g.
#                      "valgrind --error-exitcode=99 ..." (see bootstrap.sh);
#                      the run is then light, and heavy() tests are skipped
#   REPLYLINT_E2E_LIGHT=1  smaller generated inputs for slow builds (sanitizers)
#   REPLYLINT_E2E_ONLY  names of the tests to run, space-separated (default: all)
# shellcheck shell=bash
export LC_ALL=C.UTF-8
fails=0
passes=0

if [ -n "${REPLYLINT_WRAPPER:-}" ]; then
  printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$REPLYLINT_WRAPPER" "$bin" >"$tmp/replylint-wrapped"
  chmod +x "$tmp/replylint-wrapped"
  bin=$tmp/replylint-wrapped
fi

pass() { passes=$((passes + 1)); }
fail() {
  echo "FAIL $*"
  fails=$((fails + 1))
}
selected() { [ -z "${REPLYLINT_E2E_ONLY:-}" ] || [[ " $REPLYLINT_E2E_ONLY " == *" $1 "* ]]; }
light() { [ -n "${REPLYLINT_WRAPPER:-}" ] || [ "${REPLYLINT_E2E_LIGHT:-0}" = 1 ]; }
heavy() { [ -z "${REPLYLINT_WRAPPER:-}" ]; }

# wait_for GLOB: waits (up to a minute) until a file matches GLOB.
wait_for() {
  for _ in $(seq 1 1200); do
    compgen -G "$1" >/dev/null && return 0
    sleep 0.05
  done
  return 1
}

# expect NAME EXIT_CODE -- command...   (stdout -> golden/NAME.out, stderr -> golden/NAME.err when present)
expect() {
  local name=$1 code=$2
  selected "$name" || return 0
  shift 3
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local got=$?
  local ok=1
  if [ "$got" != "$code" ]; then
    echo "FAIL $name: exit code $got, expected $code"; ok=0
    head -5 "$tmp/$name.err"
  fi
  for stream in out err; do
    local g="$golden/$name.$stream"
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
      if [ "$stream" = out ] || [ -s "$tmp/$name.err" ]; then cp "$tmp/$name.$stream" "$g"; fi
    elif [ -f "$g" ]; then
      if ! cmp -s "$g" "$tmp/$name.$stream"; then
        echo "FAIL $name: std$stream differs from $g"; diff "$g" "$tmp/$name.$stream" | head -20; ok=0
      fi
    elif [ "$stream" = out ]; then
      echo "FAIL $name: no golden file $g"; ok=0
    fi
  done
  if [ $ok = 1 ]; then pass; else fails=$((fails + 1)); fi
}

# expect_code NAME EXIT_CODE -- command...   (exit code only; output in $tmp/NAME.out)
expect_code() {
  local name=$1 code=$2
  selected "$name" || return 0
  shift 3
  "$@" >"$tmp/$name.out" 2>&1
  local got=$?
  if [ "$got" = "$code" ]; then pass; else
    echo "FAIL $name: exit code $got, expected $code"; tail -20 "$tmp/$name.out"; fails=$((fails + 1))
  fi
}

# expect_lines NAME FILE LINE...   (each LINE is a whole line of FILE)
expect_lines() {
  local name=$1 file=$2
  selected "$name" || return 0
  shift 2
  local line
  for line in "$@"; do
    if ! grep -qxF -- "$line" "$file"; then
      fail "$name: no line «$line» in $file:"
      sed 's/^/    /' "$file" | head -20
      return
    fi
  done
  pass
}
