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

# Response times: a team's office hours and holiday, another's own target,
# a reply without `at` and one whose `at` goes backwards; figures and a goal.
expect response_times 0 -- "$bin" audit "$fix/response_times.jsonl" --config "$fix/response_times.yaml" --min-replies 1 --goal first_within=80
expect response_times_csv 0 -- "$bin" audit "$fix/response_times.jsonl" --config "$fix/response_times.yaml" --format csv --by team

# Other input formats (docs/sources.md): converted to the contract's JSONL,
# audited end to end, bad records named with file:line and counted.
ing=tests/ingest/fixtures
expect convert_csv 1 -- "$bin" convert "$ing/helpdesk.csv" --column-map "$ing/map.yaml"
# Helpdesk exports, told from their fields: internal notes left out and
# counted, a ticket without comments rejected naming file:line and ticket.
expect convert_zendesk 1 -- "$bin" convert "$ing/zendesk.ndjson"
expect convert_freshdesk 1 -- "$bin" convert "$ing/freshdesk.ndjson"
expect convert_helpscout 1 -- "$bin" convert "$ing/helpscout.ndjson"
expect audit_helpscout 1 -- "$bin" audit "$ing/helpscout.ndjson" --format jsonl
expect audit_zendesk 1 -- "$bin" audit "$ing/zendesk.ndjson" --format jsonl
expect audit_twitter 0 -- "$bin" audit "$ing/twcs.csv" --format jsonl --jobs 1
expect convert_mbox 1 -- "$bin" convert "$ing/mail/support.mbox" --agent-domain shop.example
expect audit_maildir 0 -- "$bin" audit "$ing/mail/maildir" --agent-address petra@kettle.example --format jsonl
expect mail_no_agents 2 -- "$bin" audit "$ing/mail/support.mbox"

# Jobs: byte-identical output whatever the number of threads, on a larger input.
if selected jobs && ! light; then  # determinism, not memory: the Release run covers it
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
# The aggregates too (floating-point sums in input order), and the sample;
# 3000 lines span several batches of every thread count.
head -n 3000 "$tmp/big.jsonl" >"$tmp/mid.jsonl"
same=1
for f in html json; do
  "$bin" audit "$tmp/mid.jsonl" --format "$f" --min-replies 5 --jobs 1 >"$tmp/a1.$f" 2>/dev/null
  "$bin" audit "$tmp/mid.jsonl" --format "$f" --min-replies 5 --jobs 3 >"$tmp/a3.$f" 2>/dev/null
  cmp -s "$tmp/a1.$f" "$tmp/a3.$f" || same=0
done
"$bin" sample "$tmp/mid.jsonl" --share 0.05 --low-scores --jobs 1 >"$tmp/s1" 2>/dev/null
"$bin" sample "$tmp/mid.jsonl" --share 0.05 --low-scores --jobs 3 >"$tmp/s3" 2>/dev/null
cmp -s "$tmp/s1" "$tmp/s3" && [ -s "$tmp/s1" ] || same=0
if [ $same = 1 ]; then passes=$((passes + 1)); else echo "FAIL jobs: reports or samples differ between --jobs 1 and 3"; fails=$((fails + 1)); fi
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

# QA reports on a team's export: every format, leaderboards, goals.
qa=$fix/qa_team.jsonl
expect qa_text 1 -- "$bin" audit "$qa" --goal stars=4.5,replies=30
expect qa_csv 1 -- "$bin" audit "$qa" --format csv
expect qa_csv_agents 1 -- "$bin" audit "$qa" --format csv --by agent
expect qa_jsonl_teams 1 -- "$bin" audit "$qa" --format jsonl --by team
expect qa_html 1 -- "$bin" audit "$qa" --format html --goal score=95
expect qa_json_goal 1 -- "$bin" audit "$fix/conversations.jsonl" --format json --by agent,conversation --min-replies 1 --goal stars=4.96,replies=100
expect qa_text_by_conversation 1 -- "$bin" audit "$fix/conversations.jsonl" --by conversation --min-replies 2
expect qa_bad_by 2 -- "$bin" audit "$qa" --format csv --by agent,team
expect qa_bad_goal 2 -- "$bin" audit "$qa" --goal stars=7
expect qa_bad_scorecard 2 -- "$bin" audit "$qa" --config "$fix/bad_scorecard.yaml"
# Redaction: masks in every format, and no name, address or number left.
expect qa_redact_text 1 -- "$bin" audit "$qa" --redact --redact-key e2e
expect qa_redact_jsonl 1 -- "$bin" audit "$fix/conversations.jsonl" --format jsonl --redact --redact-key e2e
leaks=0
for f in text csv json jsonl html; do
  "$bin" audit "$qa" --format "$f" --redact >"$tmp/redact.$f" 2>/dev/null
  if grep -E -q '\+7 912|@mail\.example|555 201|Саша|Вячеслав|Александра|Liz|Bob' "$tmp/redact.$f"; then
    echo "FAIL redact: --format $f leaks:"; grep -E -o '.{0,30}(\+7 912|@mail\.example|555 201|Саша|Вячеслав|Александра|Liz|Bob).{0,10}' "$tmp/redact.$f" | head -5; leaks=1
  fi
done
"$bin" sample "$qa" --share 1 --redact --format csv >"$tmp/redact.sample" 2>/dev/null
if grep -E -q '\+7 912|@mail\.example|555 201|Саша|Liz' "$tmp/redact.sample"; then echo "FAIL redact: sample leaks"; leaks=1; fi
if [ $leaks = 0 ]; then passes=$((passes + 1)); else fails=$((fails + 1)); fi
# Review samples: reproducible, stratified, with the margin of error on stderr.
expect sample_jsonl 0 -- "$bin" sample "$qa" --per-agent 3 --seed 42
expect sample_csv_low 0 -- "$bin" sample "$qa" --share 0.1 --low-scores --format csv
expect sample_focus 0 -- "$bin" sample "$qa" --per-agent 2 --focus name-form,wrong-name --seed 3
expect sample_stdin 0 -- sh -c "'$bin' sample - --per-agent 2 < '$qa'"
expect sample_no_size 2 -- "$bin" sample "$qa"
expect sample_filtered 0 -- "$bin" sample "$qa" --per-agent 3 --agent marina --agent olga --channel email --format csv
expect sample_bad_focus 2 -- "$bin" sample "$qa" --per-agent 2 --focus no-such-rule
expect sample_bad_lines 2 -- "$bin" sample "$fix/bad_lines.jsonl" --per-agent 1 --strict

# Calibration (docs/calibration.md): two reviewers' filled-in samples of
# corpus/ (made with fill_review.py, then a "?" and a row without a score
# typed in) and a sheet whose review columns were deleted. Each bad row is
# named with file:line and column on stderr and counted as rejected; the
# sheet without the columns is named with them; the run goes on.
rev="$fix/reviewed_anna.csv $fix/reviewed_boris.csv $fix/reviewed_old.csv"
expect calibrate_text 0 -- "$bin" calibrate $rev
expect calibrate_json 0 -- "$bin" calibrate $rev --format json --pass-score 70 --min-judged 2
expect calibrate_nothing_read 2 -- "$bin" calibrate "$fix/reviewed_old.csv"
expect calibrate_missing_file 2 -- "$bin" calibrate "$fix/reviewed_anna.csv" "$fix/reviewed_bors.csv"
# The pass score follows the team's scorecard (5 stars from 95 here).
printf 'scorecard:\n  stars: {5: 95, 4: 80, 3: 60, 2: 30}\n' >"$tmp/stars95.yaml"
expect_code calibrate_scorecard 0 -- "$bin" calibrate "$fix/reviewed_anna.csv" --config "$tmp/stars95.yaml" -o "$tmp/calibrate_scorecard.txt"
expect_lines calibrate_scorecard_lines "$tmp/calibrate_scorecard.txt" \
  "  a reply passes when its score is 95 or more, the tool's score and the review_score alike (95: the"
# Round trip: a sample drawn now from corpus/, filled in by a script, read
# back; every row is counted (the corpus grows, so no golden here).
if selected calibrate_round_trip; then
"$bin" sample corpus --share 0.05 --low-scores --seed 11 --format csv -o "$tmp/review.csv" 2>/dev/null
python3 tests/e2e/fill_review.py "$tmp/review.csv" "$tmp/reviewed.csv" "QA lead" --skip 4 --bad
rows=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""))))' "$tmp/review.csv")
"$bin" calibrate "$tmp/reviewed.csv" >"$tmp/round_trip.out" 2>"$tmp/round_trip.err"
code=$?
if [ $code = 0 ] && grep -Eqx "rows read $rows = reviewed [0-9]+ \+ not reviewed [1-9][0-9]* \+ rejected 4" "$tmp/round_trip.out" &&
  [ "$(grep -c '^replylint: rejected: ' "$tmp/round_trip.err")" = 4 ]; then
  pass
else
  fail "calibrate_round_trip: exit $code, $rows rows sampled:"; head -3 "$tmp/round_trip.out"; cat "$tmp/round_trip.err"
fi
fi
# A sheet is outsiders' text: a reviewer name, a rule id and a verdict with
# terminal escapes and a bidi override are shown escaped, never run.
printf 'conversation,message,score,findings,review_score,reviewer,finding_verdicts\r\nC-1,1,75,"1:1 error [ru\033[2Jle] x",80,"ev\033[31mil\342\200\256",right\r\nC-2,1,75,"1:1 error [rule] x",80,bob,"wr\033[0mong"\r\n' >"$tmp/hostile_sheet.csv"
expect_code calibrate_hostile 0 -- sh -c "! '$bin' calibrate '$tmp/hostile_sheet.csv' 2>&1 | grep -q \"\$(printf '\\033')\""

# Configuration found up the tree from each input, as a team keeps it at the
# root of its folder: missing-signature is off from a subfolder and from
# outside; --config overrides; two inputs under different files are refused.
team=$tmp/team
mkdir -p "$team/replies/sub" "$tmp/other"
printf 'fail_level: warning\nrules:\n  missing-signature: off\n  stock-phrase:\n    severity: error\n' >"$team/replylint.yaml"
printf 'fail_level: suggestion\n' >"$tmp/other/.replylint.yaml"
cp "$fix/draft_ru.txt" "$team/replies/sub/draft.txt"
cp "$fix/draft_ru.txt" "$tmp/other/draft.txt"
expect config_from_subfolder 1 -- sh -c "cd '$team/replies/sub' && '$bin' check draft.txt --from no-reply@shop.example"
expect config_from_outside 1 -- sh -c "cd '$tmp' && '$bin' check team/replies/sub/draft.txt --from no-reply@shop.example"
expect config_overridden 1 -- sh -c "cd '$team/replies/sub' && '$bin' check draft.txt --from no-reply@shop.example --config '$tmp/other/.replylint.yaml'"
expect config_two_files 2 -- sh -c "cd '$tmp' && '$bin' audit team/replies/sub/draft.txt other/draft.txt"
expect_code config_show 0 -- sh -c "cd '$team' && '$bin' config replies/sub"
expect_lines config_show_lines "$tmp/config_show.out" \
  "configuration: replylint.yaml (found from the inputs' folders up)" \
  "fail_level                     warning                  replylint.yaml:1:1" \
  "  missing-signature            off (email)              replylint.yaml:3:22" \
  "  no-reply-sender              error (email)            rules/no-reply-sender.yaml"
expect_code config_hidden_name 0 -- sh -c "cd '$tmp/other' && '$bin' config"
expect_lines config_hidden_name_lines "$tmp/config_hidden_name.out" \
  "configuration: .replylint.yaml (found from the current folder up)" \
  "fail_level                     suggestion               .replylint.yaml:1:1"

# check --fix: the seed case (Саша called «Александр») fixed in place, the
# file's mode kept; the dry run prints a diff; from standard input the fixed
# draft goes to stdout; an empty draft is an error.
printf 'Добрый день, Александр!\nЗаказ отправили вчера.\n' >"$tmp/seed.txt"
chmod 640 "$tmp/seed.txt"
expect check_fix_dry_run 1 -- sh -c "cd '$tmp' && '$bin' check seed.txt --customer-name Саша --channel chat --fix-dry-run"
expect_code check_fix 0 -- "$bin" check "$tmp/seed.txt" --customer-name Саша --channel chat --fix
expect_lines check_fix_file "$tmp/seed.txt" "Добрый день, Саша!" "Заказ отправили вчера."
expect_code check_fix_mode 0 -- sh -c "[ \$(stat -c %a '$tmp/seed.txt') = 640 ]"
expect check_fix_stdin 0 -- sh -c "printf 'Hi {{first_name}},\nyour refund is on its way.\n' | '$bin' check - --customer-name 'Bob Stone' --author 'Dana Whitfield' --fix 2>/dev/null"
printf '   \n' >"$tmp/empty.txt"
expect check_empty 2 -- sh -c "cd '$tmp' && '$bin' check empty.txt"
# Colours only when asked (or on a terminal without NO_COLOR); a long chat
# line is shown as a window around the span, and the score closes the output.
expect_code check_color_always 0 -- sh -c "'$bin' check '$fix/draft_ru.txt' --customer-name Саша --from no-reply@shop.example --color always | grep -q \"\$(printf '\\033')\\[1;31merror\""
expect_code check_color_auto_pipe 0 -- sh -c "! '$bin' check '$fix/draft_ru.txt' --customer-name Саша --from no-reply@shop.example | grep -q \"\$(printf '\\033')\""
python3 -c "print('Здравствуйте, Александр! ' + 'Ваш заказ собран и передан в доставку. ' * 14 + 'Спасибо!')" >"$tmp/long.txt"
expect check_long_line 1 -- sh -c "cd '$tmp' && '$bin' check long.txt --customer-name Саша --channel chat"

# Accepting findings: a baseline written today leaves tomorrow's audit with
# only the new finding (counted as suppressed, exit by the new one); a
# per-message "ignore" with a reason; a directive in a draft.
cp "$fix/conversations.jsonl" "$tmp/old.jsonl"
expect_code audit_write_baseline 0 -- "$bin" audit "$tmp/old.jsonl" --write-baseline "$tmp/baseline" -o "$tmp/old.txt"
python3 - "$tmp/old.jsonl" >"$tmp/new.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    c = json.loads(line)
    if c["id"] == "T-1045":  # a new reply with a wrong name form
        c["lang"] = "ru"
        c["customer"] = {"name": "Саша"}
        c["messages"][1]["text"] = "Добрый день, Александр! Посылка уже в пункте выдачи."
    print(json.dumps(c, ensure_ascii=False))
PY
expect audit_baseline 1 -- sh -c "cd '$tmp' && '$bin' audit new.jsonl --baseline baseline --format jsonl 2>/dev/null"
expect_lines audit_baseline_summary "$tmp/audit_baseline.out" \
  '{"conversation":"T-1042","message":1,"agent":"ivan.petrov","team":"L2-Net","channel":"email","at":"2026-11-20T09:40:00Z","lang":"ru","analysed":true,"score":100,"stars":5,"critical":false,"suppressed":1,"findings":[],"costs":{}}'
printf '%s\n' '{"id": "I-1", "channel": "chat", "lang": "ru", "customer": {"name": "Саша"}, "messages": [{"role": "agent", "text": "Добрый день, Александр!", "ignore": [{"rule": "name-form", "reason": "the customer asked for the full name"}]}]}' \
  '{"id": "I-2", "channel": "chat", "messages": [{"role": "agent", "text": "Hi", "ignore": "name-form"}]}' >"$tmp/ignore.jsonl"
expect audit_ignore 2 -- sh -c "cd '$tmp' && '$bin' audit ignore.jsonl --strict"
printf 'Здравствуйте!\n<!-- replylint-disable-next-line stock-phrase -->\nПриносим извинения за доставленные неудобства, заказ № 4471 уже отправлен курьером сегодня.\n' >"$tmp/directive.txt"
expect check_directive 0 -- sh -c "cd '$tmp' && '$bin' check directive.txt --channel chat"

# The audit text report colours severities only when asked (or on a terminal).
expect_code audit_color_always 0 -- sh -c "'$bin' audit '$fix/conversations.jsonl' --color always 2>/dev/null | grep -q \"\$(printf '\\033')\\[1;31merror\""
expect_code audit_color_file 0 -- sh -c "'$bin' audit '$fix/conversations.jsonl' -o '$tmp/plain.txt'; ! grep -q \"\$(printf '\\033')\" '$tmp/plain.txt'"

# .replylintignore in the current folder: walked folders skip what it names
# (said on stderr); a file named on the command line is still read.
mkdir -p "$tmp/ign/data/old" "$tmp/ign/templates"
cp "$fix/conversations.jsonl" "$tmp/ign/data/"
cp "$fix/qa_team.jsonl" "$tmp/ign/data/old/"
cp corpus/templates/bad-delivery.yaml corpus/templates/good-refund.yaml "$tmp/ign/templates/"
printf '# exports already reviewed\ndata/old\ntemplates/bad-*\n' >"$tmp/ign/.replylintignore"
expect_code ignore_file_audit 0 -- sh -c "cd '$tmp/ign' && '$bin' audit data --format jsonl 2>&1 >/dev/null | grep -qx 'replylint: 1 input files left out by .replylintignore'"
expect_code ignore_file_named 0 -- sh -c "cd '$tmp/ign' && '$bin' audit data/old/qa_team.jsonl --format jsonl 2>/dev/null | grep -q '\"conversation\"'"
# Without the ignore file (run from elsewhere) the broken template fails the run.
expect_code ignore_file_lint 1 -- "$bin" lint-templates "$tmp/ign/templates" --format json -o "$tmp/ign.json"
expect_code ignore_file_lint_cwd 0 -- sh -c "cd '$tmp/ign' && '$bin' lint-templates templates"

# Filters: by time (a reply without at is counted as "no date"), team and
# rule; every reply left out is counted and the conservation line adds them.
expect audit_filter_since 0 -- "$bin" audit "$fix/response_times.jsonl" --since 2026-12-08T07:00:00Z --team Fast --min-replies 1
expect_lines audit_filter_dates "$tmp/audit_filter_since.out" \
  "  filtered out: 3 replies (1 outside --since/--until, 0 without a date, 2 by --agent/--team/--channel/--rule)"
expect_code audit_filter_no_date 0 -- sh -c "'$bin' audit '$fix/conversations.jsonl' --until 2026-11-20 --format json | grep -q '\"no_date\": 4'"
expect_code audit_filter_rule 0 -- sh -c "'$bin' audit '$fix/conversations.jsonl' --rule placeholder --format jsonl 2>/dev/null | grep -c '\"conversation\"' | grep -qx 1"
expect audit_filter_bad_rule 2 -- "$bin" audit "$fix/conversations.jsonl" --rule name-fom

# Trends (--period): weeks across a year's end (2027-01-01 is in 2026-W53),
# an agent under the minimum left out and counted, a reply without a date.
expect trends_week 1 -- "$bin" audit "$fix/trends.jsonl" --period week --min-replies 3
expect trends_month_json 1 -- "$bin" audit "$fix/trends.jsonl" --period month --format json --jobs 1

# History (docs/history.md): three shards audited apart into their own
# histories, then `report` over them: every format, its standard error and
# exit code byte for byte those of one audit of all three inputs (bad lines
# in the middle shard included); filters too.
if selected history; then
mkdir -p "$tmp/shards"
split -n l/3 -d --additional-suffix=.jsonl "$qa" "$tmp/shards/part"
cat "$fix/bad_lines.jsonl" >>"$tmp/shards/part01.jsonl"
for p in "$tmp"/shards/part0?.jsonl; do "$bin" audit "$p" --db "${p%.jsonl}.sqlite" --format jsonl >/dev/null 2>&1; done
same=1
for args in "--format text --period week" "--format json --period day" "--format html --period month" \
  "--format csv --by agent" "--format jsonl" \
  "--format json --agent marina --channel email" "--format text --rule stock-phrase --min-replies 2"; do
  # shellcheck disable=SC2086
  "$bin" audit "$tmp"/shards/part0?.jsonl $args --goal stars=4.5,replies=30 >"$tmp/h.a" 2>"$tmp/h.ae"; ac=$?
  # shellcheck disable=SC2086
  "$bin" report "$tmp"/shards/part0?.sqlite $args --goal stars=4.5,replies=30 >"$tmp/h.r" 2>"$tmp/h.re"; rc=$?
  if [ $ac != $rc ] || ! cmp -s "$tmp/h.a" "$tmp/h.r" || ! cmp -s "$tmp/h.ae" "$tmp/h.re" || [ ! -s "$tmp/h.a" ]; then
    echo "FAIL history: report differs from audit with $args (exit $rc, audit $ac)"; diff "$tmp/h.a" "$tmp/h.r" | head; same=0
  fi
done
# Importing the same file again replaces its conversations.
"$bin" audit "$tmp/shards/part00.jsonl" --db "$tmp/shards/part00.sqlite" >/dev/null 2>&1
"$bin" audit "$tmp/shards/part00.jsonl" --format json >"$tmp/h.a" 2>/dev/null
"$bin" report "$tmp/shards/part00.sqlite" --format json >"$tmp/h.r" 2>/dev/null
cmp -s "$tmp/h.a" "$tmp/h.r" || { echo "FAIL history: a second import of a file is not a replacement"; same=0; }
if [ $same = 1 ]; then pass; else fails=$((fails + 1)); fi
fi
: >"$tmp/not-a-history.sqlite"
printf 'not a database\n' >"$tmp/not-a-history.sqlite"
expect report_not_history 2 -- sh -c "cd '$tmp' && '$bin' report not-a-history.sqlite"
# A full disk mid-import (a file-size limit): exit 2 naming the history,
# the report still whole, the batches before kept for `report`.
if selected history_full && heavy; then
python3 bench/gen_corpus.py --replies 3000 --seed 5 -o "$tmp/g3k.jsonl"
bash -c "trap '' XFSZ; ulimit -f 4000; '$bin' audit '$tmp/g3k.jsonl' --db '$tmp/full.sqlite' --format jsonl >'$tmp/full.out' 2>'$tmp/full.err'"
code=$?
kept=$("$bin" report "$tmp/full.sqlite" --format json 2>"$tmp/full.rerr" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["conversations"])')
if [ $code = 2 ] && grep -q "full.sqlite: cannot store" "$tmp/full.err" && [ "$(wc -l <"$tmp/full.out")" = 3000 ] &&
  [ "${kept:-0}" -gt 0 ] && grep -q "did not finish" "$tmp/full.rerr"; then pass; else
  echo "FAIL history_full: exit $code, kept ${kept:-?}"; cat "$tmp/full.err"; fails=$((fails + 1))
fi
fi

# Calibration accumulates in a history: two review rounds stored one after
# the other give the figures of both sheets read at once; a third run with
# no sheet calibrates on what is stored.
if selected calibrate_history; then
"$bin" calibrate "$fix/reviewed_anna.csv" --db "$tmp/cal.sqlite" --format json >/dev/null 2>&1
"$bin" calibrate "$fix/reviewed_boris.csv" --db "$tmp/cal.sqlite" --format json >"$tmp/cal.rounds" 2>/dev/null
"$bin" calibrate "$fix/reviewed_anna.csv" "$fix/reviewed_boris.csv" --format json >"$tmp/cal.once" 2>/dev/null
"$bin" calibrate --db "$tmp/cal.sqlite" --format json >"$tmp/cal.stored" 2>/dev/null
if python3 - "$tmp/cal.rounds" "$tmp/cal.once" "$tmp/cal.stored" <<'PY'
import json, sys
rounds, once, stored = (json.load(open(p)) for p in sys.argv[1:])
keys = ["rules", "agreement", "reviewers", "tuning", "findings", "replies"]
assert all(rounds[k] == once[k] == stored[k] for k in keys), [k for k in keys if rounds[k] != once[k]]
assert rounds["rows"]["reviewed"] == once["rows"]["reviewed"] == stored["rows"]["reviewed"] > 0
PY
then pass; else fail "calibrate_history: two stored rounds differ from both sheets at once"; fi
fi

# The text report fits 100 columns (only the conservation line may be wider).
expect_code audit_text_width 0 -- sh -c "'$bin' audit '$qa' 2>/dev/null | python3 -c 'import sys; sys.exit(any(len(l.rstrip(\"\\n\")) > 100 and \"conservation:\" not in l for l in sys.stdin))'"

# rules, lint-templates, eval.
expect rules_list 0 -- "$bin" rules
expect rules_one 0 -- "$bin" rules no-reply-sender --lang ru
expect lint_templates 1 -- "$bin" lint-templates corpus/templates
expect lint_github 1 -- "$bin" lint-templates corpus/templates --format github
expect lint_sarif 1 -- "$bin" lint-templates corpus/templates --format sarif
expect lint_junit 1 -- "$bin" lint-templates corpus/templates --format junit
expect lint_checkstyle 1 -- "$bin" lint-templates corpus/templates --format checkstyle
# Typos: did you mean, for a command, a flag and a rule id (exit 2).
expect typo_command 2 -- "$bin" chekc "$fix/draft_en.txt"
expect typo_flag 2 -- "$bin" check "$fix/draft_en.txt" --fial-level error
expect typo_rule 2 -- "$bin" rules no-reply-sendr
# Every command in the table answers --help with its usage (as git's t0012).
for c in $("$bin" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  expect_code "help_$c" 0 -- sh -c "'$bin' $c --help | grep -q '^Usage: .* $c '"
done
# Linked with mimalloc, the programs ask it for huge pages before it reads
# its options (src/cli/main.cc), and the environment still overrides that.
if ldd "$bin" 2>/dev/null | grep -q libmimalloc; then
  if MIMALLOC_VERBOSE=1 "$bin" --version 2>&1 | grep -q "option 'large_os_pages': 1" &&
    MIMALLOC_VERBOSE=1 MIMALLOC_LARGE_OS_PAGES=0 "$bin" --version 2>&1 | grep -q "option 'large_os_pages': 0"; then
    pass
  else fail "mimalloc_huge_pages: the default is not set before mimalloc starts, or the environment does not win"; fi
fi
# The corpus grows with every rule: only the verdict is compared here.
expect_code eval_thresholds 0 -- "$bin" eval corpus --min-precision 0.95 --min-recall 0.95 --strict

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
