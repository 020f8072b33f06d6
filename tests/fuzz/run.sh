#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, two at a time, from its seed
# corpus: tests/fuzz/seeds/<target>/ and the project's own data (corpus/
# split into one conversation per file, corpus/templates, rules/). Every
# target runs with libFuzzer's -timeout (seconds per input) and
# -rss_limit_mb: exits 1 when a target finds a crash, a leak, an input slower
# than the timeout or one that needs more memory than the limit (the scale
# target grows its inputs into million-letter words and conversations of
# thousands of messages, so a super-linear algorithm shows as one); the input is kept in WORK/<target>/ — fix the bug, then commit the
# input as tests/fuzz/regressions/<target>/<name> so the replay test keeps
# guarding it.
#   usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [WORK_DIR]
set -u
build=$(readlink -f "$1")
seconds=${2:-45}
work=${3:-$build/fuzz-work}
src=$(cd "$(dirname "$0")/../.." && pwd)
targets=(jsonl analyze template config scale helpdesk serve mail csv calibration store)

rm -rf "$work"
for t in "${targets[@]}"; do mkdir -p "$work/$t/corpus" "$work/$t/seeds"; done
# One conversation per seed file: libFuzzer mutates small inputs best.
for t in jsonl analyze; do
  cat "$src"/corpus/*.jsonl "$src"/tests/e2e/fixtures/*.jsonl |
    awk -v dir="$work/$t/seeds" 'NF { f = sprintf("%s/line-%04d.jsonl", dir, NR); print > f; close(f) }'
  cp "$src"/tests/fuzz/seeds/"$t"/* "$work/$t/seeds/"
done
cp "$src"/corpus/templates/* "$src"/tests/fuzz/seeds/template/* "$work/template/seeds/"
cp "$src"/rules/*.yaml "$src"/tests/fuzz/seeds/config/* "$work/config/seeds/"
cp "$src"/tests/fuzz/seeds/scale/* "$work/scale/seeds/"
cp "$src"/tests/fuzz/seeds/helpdesk/* "$work/helpdesk/seeds/"
cp "$src"/tests/fuzz/seeds/serve/* "$work/serve/seeds/"
cp "$src"/tests/fuzz/seeds/mail/* "$src"/tests/ingest/fixtures/mail/*.mbox "$work/mail/seeds/"
cp "$src"/tests/fuzz/seeds/csv/* "$work/csv/seeds/"
# The ingest tests' exports share two names with the hand-written seeds.
for f in helpdesk.csv twcs.csv; do cp "$src/tests/ingest/fixtures/$f" "$work/csv/seeds/fixture-$f"; done
cp "$src"/tests/fuzz/seeds/calibration/* "$work/calibration/seeds/"
cp "$src"/tests/fuzz/seeds/store/* "$work/store/seeds/"

declare -A max_len=([jsonl]=8192 [analyze]=8192 [template]=4096 [config]=4096 [scale]=1024 [helpdesk]=8192 [serve]=8192
                    [mail]=16384 [csv]=8192 [calibration]=8192 [store]=4096)
declare -A dict=([jsonl]=jsonl.dict [analyze]=jsonl.dict [template]=yaml.dict [config]=yaml.dict [scale]=
                 [helpdesk]=jsonl.dict [serve]=jsonl.dict [mail]=mail.dict [csv]= [calibration]= [store]=jsonl.dict)
# Seconds per input (under ASan, on a shared machine): a scale input is up
# to 6 MB of text, linear work but a lot of it.
declare -A timeout=([jsonl]=10 [analyze]=10 [template]=10 [config]=10 [scale]=60 [helpdesk]=10 [serve]=10 [mail]=10
                    [csv]=10 [calibration]=10 [store]=10)

run() {
  local t=$1
  (cd "$work/$t" && "$build/tests/fuzz_$t" corpus seeds \
      -max_total_time="$seconds" -timeout="${timeout[$t]}" -rss_limit_mb=2560 -max_len="${max_len[$t]}" \
      ${dict[$t]:+-dict="$src/tests/fuzz/${dict[$t]}"} -artifact_prefix="$work/$t/" -print_final_stats=1 \
      >"$work/$t.log" 2>&1)
  local rc=$?
  local execs speed
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log")
  if [ "$rc" = 0 ]; then
    echo "fuzz $t: ${seconds}s, ${execs:-?} runs, ${speed:-?}/s, corpus $(ls "$work/$t/corpus" | wc -l) inputs"
  else
    echo "FAIL fuzz $t (exit $rc): $(ls "$work/$t"/{crash,leak,timeout,oom,slow-unit}-* 2>/dev/null | tr '\n' ' ')"
    grep -E "ERROR|SUMMARY|invariant broken|runtime error" "$work/$t.log" | head -5
  fi
  return "$rc"
}

fails=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  a=$!
  b=
  if ((i + 1 < ${#targets[@]})); then
    run "${targets[i + 1]}" &
    b=$!
  fi
  wait "$a" || fails=$((fails + 1))
  if [ -n "$b" ]; then wait "$b" || fails=$((fails + 1)); fi
done
[ "$fails" = 0 ]
