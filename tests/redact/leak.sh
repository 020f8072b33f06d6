#!/usr/bin/env bash
# --redact must leave no personal data, id or team name anywhere: in any
# audit format, in a sample, in the -o files or on standard error.
# personal_data.jsonl holds every kind redaction masks (redact/redact.h);
# SECRETS lists what of it must never be shown. Without --redact every one
# of them must show up somewhere, so the test can fail.
#
# Usage: leak.sh BINARY SOURCE_DIR
set -u
export LC_ALL=C.UTF-8
bin=$1
src=$2
input=$src/tests/redact/personal_data.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

SECRETS=(
  # ids, agent ids, team names (also in the duplicate-id warning, the
  # handoff and template-overuse messages)
  CONV-SECRET-4711 T-SECRET-9000 HANDOFF-SECRET-5 DUP-SECRET-AAAA DUP-SECRET-BBBB
  agent-petrov-77 agent-jsmith-42 agent-first-SECRET agent-second-SECRET
  Команда-Альфа-Секрет Escalations-Secret Night-Shift-Secret
  # values a rejection or a warning echoes
  fax-secret-channel AT-SECRET-ZONE
  # names: given, declined, short and other forms, surnames
  Александр Кузнецов Саша Петров Иван Bob Stone Bobby 'Rob from' John Smith Liz Kim
  # e-mail addresses in every shape
  aleksandra.kuz bob.stone почта.рф 'ivan(at)' ivan.petrov gmail
  # phones: national formats, en dashes, fullwidth digits
  '(912) 345-67-89' '912 345 67 88' '912–345–67–87' '８９１２３４５６７８６' '(555) 123-4567' '020 7946 0958'
  # card, IBAN, СНИЛС, passport, date of birth, street address, IPv4, IPv6
  '4111 1111 1111 1111' 'GB82 WEST' '112-233-445 95' '№ 123456' 12.03.1988 1990-05-17 Садовая 'Baker Street'
  192.168.10.7 10.20.30.40 2001:db8
)

# Every output of every format into $1/ (stdout, stderr and -o file apart).
run_all() {
  local dir=$1
  shift
  mkdir -p "$dir"
  local f
  for f in text csv json jsonl html; do
    "$bin" audit "$input" --format "$f" --min-replies 1 "$@" >"$dir/audit-$f.out" 2>"$dir/audit-$f.err"
    "$bin" audit "$input" --format "$f" --min-replies 1 --by team "$@" -o "$dir/audit-$f-by-team.file" \
      >"$dir/audit-$f-by-team.out" 2>"$dir/audit-$f-by-team.err"
  done
  for f in text json html; do
    "$bin" audit "$input" --format "$f" --min-replies 1 --by agent --by conversation "$@" \
      >"$dir/audit-$f-by-agent.out" 2>"$dir/audit-$f-by-agent.err"
  done
  for f in jsonl csv; do
    "$bin" sample "$input" --per-agent 5 --format "$f" "$@" -o "$dir/sample-$f.file" >"$dir/sample-$f.out" \
      2>"$dir/sample-$f.err"
  done
}

run_all "$tmp/plain"
run_all "$tmp/redacted" --redact --redact-key leak-test

fails=0
for s in "${SECRETS[@]}"; do
  if ! grep -rqF -- "$s" "$tmp/plain"; then
    echo "FAIL: \"$s\" is not in any output even without --redact (the test would prove nothing)"
    fails=$((fails + 1))
  fi
  if grep -rlF -- "$s" "$tmp/redacted" >"$tmp/where"; then
    echo "FAIL: \"$s\" leaks with --redact into: $(sed "s|$tmp/redacted/||" "$tmp/where" | tr '\n' ' ')"
    fails=$((fails + 1))
  fi
done
# The run did its work: findings and masks are there.
grep -qF '[phone-' "$tmp/redacted/sample-jsonl.file" || { echo "FAIL: no phone mask in the sample"; fails=$((fails + 1)); }
grep -qF '[conv-' "$tmp/redacted/audit-json.out" || { echo "FAIL: no hashed id in the json report"; fails=$((fails + 1)); }
grep -qF 'rejected' "$tmp/redacted/audit-text.err" || { echo "FAIL: the bad record was not rejected"; fails=$((fails + 1)); }
echo "${#SECRETS[@]} secrets, $fails failures"
[ "$fails" = 0 ]
