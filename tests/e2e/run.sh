#!/usr/bin/env bash
# End-to-end tests: runs the built binary on fixtures and compares standard
# output (and, where it matters, standard error) with golden files byte for
# byte, and the exit code exactly (helpers and settings: lib.sh).
#   usage: run.sh BINARY SOURCE_DIR
set -u
bin=$(readlink -f "$1")
src=$2
cd "$src" || exit 2
golden=tests/e2e/golden
fix=tests/e2e/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh

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
if selected jobs && heavy; then
copies=60
light && copies=10
for i in $(seq 1 $copies); do sed "s/\"id\": *\"\([^\"]*\)\"/\"id\": \"\1-$i\"/" corpus/*.jsonl; done >"$tmp/big.jsonl"
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 1 >"$tmp/j1.out" 2>/dev/null
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 2 >"$tmp/j2.out" 2>/dev/null
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 7 >"$tmp/j7.out" 2>/dev/null
if cmp -s "$tmp/j1.out" "$tmp/j2.out" && cmp -s "$tmp/j1.out" "$tmp/j7.out" && [ -s "$tmp/j1.out" ]; then
  passes=$((passes + 1))
else
  echo "FAIL jobs: output differs between --jobs 1, 2 and 7"; fails=$((fails + 1))
fi
fi

# A 10 MB message is analysed, not rejected.
if selected huge && heavy; then
awk 'BEGIN { s = "Текст ответа без подписи. "; printf "{\"id\":\"big\",\"channel\":\"email\",\"messages\":[{\"role\":\"agent\",\"text\":\""; for (i = 0; i < 230000; i++) printf "%s", s; print "\"}]}" }' >"$tmp/huge.jsonl"
if [ "$(stat -c %s "$tmp/huge.jsonl")" -gt 10000000 ] && "$bin" audit "$tmp/huge.jsonl" --format jsonl >"$tmp/huge.out" 2>"$tmp/huge.err" && grep -q '"missing-signature"' "$tmp/huge.out"; then
  passes=$((passes + 1))
else
  echo "FAIL huge: a 10 MB message was not analysed"; fails=$((fails + 1))
fi
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
