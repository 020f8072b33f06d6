#!/usr/bin/env bash
# End-to-end tests: runs the built binary on fixtures and compares standard
# output (and, where it matters, standard error) with golden files byte for
# byte, and the exit code exactly. UPDATE_GOLDEN=1 rewrites the golden files
# (read every changed one before committing it).
#   usage: run.sh BINARY SOURCE_DIR
set -u
bin=$(readlink -f "$1")
src=$2
cd "$src" || exit 2
golden=tests/e2e/golden
fix=tests/e2e/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
fails=0
passes=0

# expect NAME EXIT_CODE -- command...   (stdout -> golden/NAME.out, stderr -> golden/NAME.err when present)
expect() {
  local name=$1 code=$2
  shift 3
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local got=$?
  local ok=1
  if [ "$got" != "$code" ]; then
    echo "FAIL $name: exit code $got, expected $code"; ok=0
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
  if [ $ok = 1 ]; then passes=$((passes + 1)); else fails=$((fails + 1)); fi
}

# expect_code NAME EXIT_CODE -- command...   (exit code only; output not compared)
expect_code() {
  local name=$1 code=$2
  shift 3
  "$@" >"$tmp/$name.out" 2>&1
  local got=$?
  if [ "$got" = "$code" ]; then passes=$((passes + 1)); else
    echo "FAIL $name: exit code $got, expected $code"; tail -20 "$tmp/$name.out"; fails=$((fails + 1))
  fi
}

# check: a reply sent from no-reply@ without a signature — both findings, exit 1.
expect check_noreply_text 1 -- "$bin" check "$fix/draft_ru.txt" --from no-reply@shop.example --customer-name Саша
expect check_noreply_json 1 -- "$bin" check "$fix/draft_ru.txt" --from no-reply@shop.example --format json
expect check_clean_en 0 -- "$bin" check "$fix/draft_en.txt" --from support@shop.example --customer-name Liz
expect check_stdin_chat 0 -- sh -c "printf 'Привет! Заказ уже едет.' | '$bin' check - --channel chat"

# audit: the contract's JSONL record, and the readable report.
expect audit_jsonl 1 -- "$bin" audit "$fix/conversations.jsonl" --format jsonl
expect audit_text 1 -- "$bin" audit "$fix/conversations.jsonl"
expect audit_json 1 -- "$bin" audit "$fix/conversations.jsonl" --format json --jobs 1

# Bad input: every bad line reported with file:line and key, counted, the rest analysed.
expect bad_lines 1 -- "$bin" audit "$fix/bad_lines.jsonl" --format jsonl
expect bad_lines_strict 2 -- "$bin" audit "$fix/bad_lines.jsonl" --format jsonl --strict
: >"$tmp/empty.jsonl"
expect empty_file 0 -- "$bin" audit "$tmp/empty.jsonl" --format jsonl
expect missing_file 2 -- "$bin" audit "$fix/does-not-exist.jsonl" --format jsonl
mkdir -p "$tmp/nojsonl"
expect empty_dir 2 -- sh -c "cd '$tmp' && '$bin' audit nojsonl"
expect bad_config 2 -- "$bin" audit "$fix/conversations.jsonl" --config "$fix/bad_config.yaml"

# Jobs: byte-identical output whatever the number of threads, on a larger input.
for i in $(seq 1 60); do sed "s/\"id\": *\"\([^\"]*\)\"/\"id\": \"\1-$i\"/" corpus/*.jsonl; done >"$tmp/big.jsonl"
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 1 >"$tmp/j1.out" 2>/dev/null
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 2 >"$tmp/j2.out" 2>/dev/null
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 7 >"$tmp/j7.out" 2>/dev/null
if cmp -s "$tmp/j1.out" "$tmp/j2.out" && cmp -s "$tmp/j1.out" "$tmp/j7.out" && [ -s "$tmp/j1.out" ]; then
  passes=$((passes + 1))
else
  echo "FAIL jobs: output differs between --jobs 1, 2 and 7"; fails=$((fails + 1))
fi

# A 10 MB message is analysed, not rejected.
awk 'BEGIN { s = "Текст ответа без подписи. "; printf "{\"id\":\"big\",\"channel\":\"email\",\"messages\":[{\"role\":\"agent\",\"text\":\""; for (i = 0; i < 230000; i++) printf "%s", s; print "\"}]}" }' >"$tmp/huge.jsonl"
if [ "$(stat -c %s "$tmp/huge.jsonl")" -gt 10000000 ] && "$bin" audit "$tmp/huge.jsonl" --format jsonl >"$tmp/huge.out" 2>"$tmp/huge.err" && grep -q '"missing-signature"' "$tmp/huge.out"; then
  passes=$((passes + 1))
else
  echo "FAIL huge: a 10 MB message was not analysed"; fails=$((fails + 1))
fi

# rules, lint-templates, eval.
expect rules_list 0 -- "$bin" rules
expect rules_one 0 -- "$bin" rules no-reply-sender --lang ru
expect lint_templates 1 -- "$bin" lint-templates corpus/templates
expect lint_github 1 -- "$bin" lint-templates corpus/templates --format github
expect lint_sarif 1 -- "$bin" lint-templates corpus/templates --format sarif
expect lint_junit 1 -- "$bin" lint-templates corpus/templates --format junit
expect lint_checkstyle 1 -- "$bin" lint-templates corpus/templates --format checkstyle
# The corpus grows with every rule: only the verdict is compared here.
expect_code eval_thresholds 0 -- "$bin" eval corpus --min-precision 0.95 --min-recall 0.95 --strict

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
