#!/usr/bin/env bash
# End-to-end tests of hostile input: whatever a helpdesk exports or a
# template author types, the binary must not crash, hang or lose a record.
# Each case asserts the exact error or summary lines, and every audit the
# conservation line: lines read = conversations + rejected, agent replies =
# analysed + skipped. Large inputs are generated here, never committed.
#   usage: hostile.sh BINARY SOURCE_DIR
set -u
bin=$(readlink -f "$1")
src=$2
cd "$src" || exit 2
golden=tests/e2e/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh

# conserved NAME FILE LINES_READ CONVERSATIONS REJECTED REPLIES ANALYSED SKIPPED
conserved() {
  expect_lines "$1" "$2" "replylint: conservation: lines read $3 = conversations $4 + rejected $5; agent replies $6 = analysed $7 + skipped $8: nothing lost"
}

# ---- one file, every kind of bad line --------------------------------------
ok='"channel":"email","customer":{"name":"Саша"},"messages":[{"role":"customer","text":"Здравствуйте!"},{"role":"agent","text":"Здравствуйте, Александр!\nЗаказ в пути."}]}'
{
  printf '\xef\xbb\xbf{"id":"H-1",%s\r\n' "$ok"                                       # 1 BOM, CRLF
  printf '{"id":"H-2","channel":"chat","customer":{"name":"Саша"},"messages":[{"role":"agent","text":"Заказ \xff\xfe в пути.\\nАлександр, подскажите номер."}]}\n'  # 2 invalid UTF-8 before the finding
  printf '{"id":"H-3\xc3","channel":"chat","customer":{"name":"\xd0"},"messages":[]}\n'  # 3 invalid UTF-8 in id and name
  printf '{"id":"H-4","channel":"chat","messages":[{"role":"agent","text":"Ok\\u0000 \\u0000"}]}\n'  # 4 escaped NUL
  printf '{"id":"H-5","channel":"chat","messages":[{"role":"agent","text":"a\0b"}]}\n'  # 5 raw NUL in a string
  printf '{"id":"H-6",\0"channel":"chat","messages":[]}\n'                             # 6 raw NUL outside
  printf '{"id":"H-7","channel":"chat","messages":[],"meta":%s%s}\n' "$(printf '[%.0s' $(seq 3000))" "$(printf ']%.0s' $(seq 3000))"  # 7 deep
  printf '{"id":"H-8","channel":"chat","ticket":123456789012345678901234567890,"rating":1e999,"messages":[]}\n'  # 8 huge numbers, unknown keys
  printf '{"id":1e999,"channel":"chat","messages":[]}\n'                              # 9 a huge number where a string goes
  printf '{"id":"H-10","channel":"chat","messages":{"role":"agent"}}\n'               # 10 wrong types ...
  printf '{"id":"H-11","channel":"chat","customer":"Саша","messages":[]}\n'
  printf '{"id":"H-12","channel":"chat","messages":[{"role":"agent","text":["a"]}]}\n'
  printf '{"id":"H-13","channel":"chat","messages":[{"role":7,"text":"a"}]}\n'
  printf '{"id":"H-14","channel":true,"messages":[]}\n'
  printf '{}\n'
  printf '"just a string"\n'
  printf '{"id":"H-1",%s\n' "$ok"                                                      # 17 duplicate of line 1
  printf '{"id":"H-18","channel":"chat","messages":[{"role":"agent","text":"Hallo Jürgen! Ihre Bestellung ist unterwegs und kommt morgen an."}]}\n'  # 18 German
  printf '{"id":"H-19","channel":"chat","lang":"fr","messages":[{"role":"agent","text":"Bonjour"}]}\n'  # 19 given as French
  printf '{"id":"H-20","channel":"email","customer":{"name":"Jürgen"},"messages":[{"role":"customer","text":"Hallo! Wo ist meine Bestellung? Kann ich sie stornieren?"},{"role":"agent","author":"Anna Smith","text":"Hello Jürgen,\\n\\nyour order has shipped.\\n\\nBest regards,\\nAnna Smith"}]}\n'  # 20 German questions, English reply
  printf '   \t \n'                                                                     # 21 blank: no record
  printf '\xef\xbb\xbf{"id":"H-22","channel":"chat","messages":[]}\n'                 # 22 BOM of a concatenated file
  printf '\x1f\x8b\x08\x00binary\n'                                                    # 23 binary
  printf '{"id":"H-24","channel":"chat","messages":['                                 # 24 cut off at the end of the file
} >"$tmp/mix.jsonl"
expect hostile_mix 1 -- sh -c "cd '$tmp' && '$bin' audit mix.jsonl --format jsonl"
conserved hostile_mix_conserved "$tmp/hostile_mix.err" 23 10 13 7 5 2
expect hostile_mix_text 1 -- sh -c "cd '$tmp' && '$bin' audit mix.jsonl 2>/dev/null"
expect_code hostile_mix_json 1 -- "$bin" audit "$tmp/mix.jsonl" --format json
expect_lines hostile_mix_json "$tmp/hostile_mix_json.out" '    "conserved": true,' '    "lines_repaired": 2,' \
  '    "duplicate_ids": 1,' '    "skipped": 2,'
# --strict: the same run, but rejected lines make it fail.
expect_code hostile_mix_strict 2 -- "$bin" audit "$tmp/mix.jsonl" --format jsonl --strict
expect_lines hostile_mix_strict "$tmp/hostile_mix_strict.out" "replylint: 13 input lines rejected (--strict)"

if selected crlf; then
# CRLF line ends give the same report as LF.
sed 's/$/\r/' tests/e2e/fixtures/conversations.jsonl >"$tmp/crlf.jsonl"
if "$bin" audit "$tmp/crlf.jsonl" --format jsonl 2>/dev/null | cmp -s - "$golden/audit_jsonl.out"; then pass; else
  fail "crlf: CRLF input does not give the LF report"
fi
# So do CR-only line ends (old Mac exports).
tr '\n' '\r' <tests/e2e/fixtures/conversations.jsonl >"$tmp/cr.jsonl"
if "$bin" audit "$tmp/cr.jsonl" --format jsonl 2>/dev/null | cmp -s - "$golden/audit_jsonl.out"; then pass; else
  fail "crlf: CR-only input does not give the LF report"
fi
fi

# ---- sizes ---------------------------------------------------------------------
# A 50 MB line is rejected without being kept in memory; the lines around it are analysed.
{
  printf '{"id":"S-1","channel":"chat","messages":[]}\n'
  awk 'BEGIN { s = sprintf("%1000s", ""); gsub(/ /, "x", s); printf "{\"id\":\"S-2\",\"channel\":\"chat\",\"messages\":[{\"role\":\"agent\",\"text\":\""; for (i = 0; i < 52000; i++) printf "%s", s; print "\"}]}" }'
  printf '{"id":"S-3","channel":"chat","messages":[]}\n'
} >"$tmp/long.jsonl"
expect_code long_line 0 -- "$bin" audit "$tmp/long.jsonl" --format jsonl
expect_lines long_line "$tmp/long_line.out" \
  "replylint: rejected: $tmp/long.jsonl:2: the line is 52000069 bytes (49.6 MiB) long, more than the limit of 16777216 bytes (16.0 MiB) (--max-line-bytes)"
conserved long_line "$tmp/long_line.out" 3 2 1 0 0 0
expect_code long_line_limit 0 -- "$bin" audit "$tmp/long.jsonl" --format jsonl --max-line-bytes 1KiB
expect_lines long_line_limit "$tmp/long_line_limit.out" \
  "replylint: rejected: $tmp/long.jsonl:2: the line is 52000069 bytes (49.6 MiB) long, more than the limit of 1024 bytes (1.0 KiB) (--max-line-bytes)"

# A million tiny lines (a hundred thousand in light runs), blank lines among them, ten broken.
n=1000000
light && n=100000
selected million && awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) { if (i % (n / 10) == 0) print "{"; else printf "{\"id\":\"m%d\",\"channel\":\"chat\",\"messages\":[]}\n", i; if (i % 1000 == 0) print "" } }' >"$tmp/million.jsonl"
if heavy; then
  expect_code million 0 -- "$bin" audit "$tmp/million.jsonl" --format jsonl
  conserved million "$tmp/million.out" "$n" $((n - 10)) 10 0 0 0
fi

# ---- files ---------------------------------------------------------------------
: >"$tmp/empty.jsonl"
printf '\n  \n\t\n' >"$tmp/blank.jsonl"
printf '\xef\xbb\xbf' >"$tmp/bom-only.jsonl"
expect_code empty_files 0 -- "$bin" audit "$tmp/empty.jsonl" "$tmp/blank.jsonl" "$tmp/bom-only.jsonl" --format jsonl
conserved empty_files "$tmp/empty_files.out" 0 0 0 0 0 0

# A directory stands for the *.jsonl files below it, sorted; other files are ignored.
mkdir -p "$tmp/export/2026/11"
printf '{"id":"D-1","channel":"chat","messages":[]}\n' >"$tmp/export/b.jsonl"
printf '{"id":"D-2","channel":"chat","messages":[]}\n' >"$tmp/export/2026/11/a.jsonl"
printf 'not json\n' >"$tmp/export/notes.txt"
expect_code directory 0 -- "$bin" audit "$tmp/export" --format jsonl
conserved directory "$tmp/directory.out" 2 2 0 0 0 0

# Files that cannot be read are named; the run goes on with the others and fails (exit 2).
printf '{"id":"G-1","channel":"chat","messages":[]}\n' >"$tmp/good.jsonl"
printf '\xff\xfe{\0"\0' >"$tmp/utf16.jsonl"
printf '\x1f\x8b\x08\x00\x00\x00' >"$tmp/export.jsonl.gz"
expect_code unreadable 2 -- "$bin" audit "$tmp/utf16.jsonl" "$tmp/export.jsonl.gz" /proc/self/mem "$tmp/good.jsonl" --format jsonl
expect_lines unreadable "$tmp/unreadable.out" \
  "replylint: $tmp/utf16.jsonl: the file is UTF-16 (it starts with a UTF-16 byte order mark); convert it to UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8" \
  "replylint: 1 conversations, 0 replies analysed, 0 lines rejected"
conserved unreadable "$tmp/unreadable.out" 1 1 0 0 0 0
expect_code unreadable_text 2 -- "$bin" audit "$tmp/utf16.jsonl" "$tmp/export.jsonl.gz" /proc/self/mem "$tmp/good.jsonl"
expect_lines unreadable_text "$tmp/unreadable_text.out" "  input files that could not be read: 3"
expect_lines unreadable_text "$tmp/unreadable_text.out" \
  "replylint: $tmp/export.jsonl.gz: the file is gzip-compressed; decompress it first, e.g. zcat $tmp/export.jsonl.gz | replylint audit -" \
  "replylint: /proc/self/mem: read error after line 0: Input/output error"
# Permission denied (root reads anything: drop to nobody when root).
chmod 000 "$tmp/good.jsonl"
as_user=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  chmod 755 "$tmp"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  expect_code permission 2 -- "${as_user[@]}" "$bin" audit "$tmp/good.jsonl" --format jsonl
  expect_lines permission "$tmp/permission.out" "replylint: $tmp/good.jsonl: cannot open for reading: Permission denied"
fi
chmod 644 "$tmp/good.jsonl"

# Duplicate conversation ids across files: both places named, both analysed, counted.
printf '{"id":"G-1","channel":"chat","messages":[]}\n{"id":"G-2","channel":"chat","messages":[]}\n' >"$tmp/again.jsonl"
expect_code duplicates 0 -- sh -c "cd '$tmp' && '$bin' audit good.jsonl again.jsonl"
expect_lines duplicates "$tmp/duplicates.out" \
  'replylint: warning: again.jsonl:1: duplicate conversation id "G-1" (first at good.jsonl:1); both are analysed' \
  "  duplicate conversation ids: 1 (every copy analysed, see the warnings)" \
  "  conservation: lines read 3 = conversations 3 + rejected 0; agent replies 0 = analysed 0 + skipped 0: nothing lost"

if selected output_targets; then
# -o writes through a FIFO and a symlink, never replacing them with a file.
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
"$bin" audit tests/e2e/fixtures/conversations.jsonl --format jsonl -o "$tmp/fifo" 2>/dev/null
wait "$reader"
if [ -p "$tmp/fifo" ] && cmp -s "$tmp/from-fifo" "$golden/audit_jsonl.out"; then pass; else fail "fifo: -o to a FIFO"; fi
: >"$tmp/target.jsonl"
ln -s target.jsonl "$tmp/link.jsonl"
"$bin" audit tests/e2e/fixtures/conversations.jsonl --format jsonl -o "$tmp/link.jsonl" 2>/dev/null
if [ -L "$tmp/link.jsonl" ] && cmp -s "$tmp/target.jsonl" "$golden/audit_jsonl.out"; then pass; else
  fail "symlink: -o through a symlink"
fi
fi

# ---- check: a draft with invalid UTF-8 ------------------------------------------
printf 'Здравствуйте, Александр! \xff\nЗаказ \xc3 в пути.' >"$tmp/draft.txt"
expect hostile_check 1 -- sh -c "cd '$tmp' && '$bin' check draft.txt --customer-name Саша --channel chat --format json"

# ---- templates that are not templates ---------------------------------------------
mkdir -p "$tmp/templates"
cp corpus/templates/good-refund.yaml "$tmp/templates/"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' >"$tmp/templates/logo.yaml"
printf 'id: broken\nbody: [unclosed\n' >"$tmp/templates/broken.yaml"
printf 'Just some text someone saved as YAML.\n' >"$tmp/templates/prose.yaml"
printf -- '- id: a\n  body: hi\n' >"$tmp/templates/list.yaml"
: >"$tmp/templates/empty.yaml"
printf 'body: %s\n' "$(printf '[%.0s' $(seq 3000))" >"$tmp/templates/deep.yaml"
printf 'Hello {{ name }}\n' >"$tmp/templates/no-front-matter.md"
printf -- '---\nid: x\nlang: [ru\n---\nBody\n' >"$tmp/templates/bad-front-matter.md"
printf 'id: latin1\nbody: caf\xe9\n' >"$tmp/templates/latin1.yaml"
printf 'id: twice\nid: again\nbody: Hello\n' >"$tmp/templates/dupkey.yaml"                  # a key twice
printf 'id: one\nbody: Hello\n---\nid: two\nbody: Hi\n' >"$tmp/templates/docs.yaml"          # two documents
printf 'templates:\n  - id: refund-done\n    body: Hello again\n' >"$tmp/templates/same-id.yaml"  # an id used twice
expect hostile_templates 2 -- sh -c "cd '$tmp' && '$bin' lint-templates templates"

# ---- configuration limits ----------------------------------------------------------
{
  printf 'rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en:\n'
  awk 'BEGIN { for (i = 0; i <= 5000; i++) printf "          - phrase number %d\n", i }'
} >"$tmp/many.yaml"
printf 'rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en: [%s]\n' "$(printf 'a%.0s' $(seq 1001))" >"$tmp/long.yaml"
printf 'rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en: ["(?:\\\\p{L}\\\\p{N}){300}"]\n' >"$tmp/program.yaml"
printf 'rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en: ["(?:\\\\p{L}\\\\p{N}){1000}"]\n' >"$tmp/huge.yaml"
printf 'rules:\n  no-reply-sender:\n    extend:\n      phrases:\n        en: ["(unclosed"]\n' >"$tmp/bad-pattern.yaml"
printf '\x89PNG\r\n\x1a\n' >"$tmp/binary.yaml"
printf 'rules: %s\n' "$(printf '[%.0s' $(seq 3000))" >"$tmp/deep.yaml"
head -c 5000000 /dev/zero | tr '\0' '#' >"$tmp/big.yaml"
printf 'fail_level: error\nfail_level: warning\n' >"$tmp/dupkey.yaml"
printf 'fail_level: error\n---\nfail_level: warning\n' >"$tmp/docs.yaml"
{
  printf 'stock_phrases:\n  phrases:\n    en:\n'
  awk 'BEGIN { for (i = 0; i <= 5000; i++) printf "      - phrase number %d => plain\n", i }'
} >"$tmp/stock.yaml"
{
  printf 'address:\n  greetings:\n    en:\n'
  awk 'BEGIN { for (i = 0; i < 4999; i++) printf "      - hi%d\n", i }'
} >"$tmp/address.yaml"
if selected hostile_config; then
for c in many long program huge bad-pattern binary deep big dupkey docs stock address; do
  (cd "$tmp" && "$bin" audit good.jsonl --config "$c.yaml" >/dev/null 2>>config_limits.err; echo "exit $?" >>config_limits.err)
done
cp "$tmp/config_limits.err" "$tmp/hostile_config.out"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/hostile_config.out" "$golden/hostile_config.out"; fi
if cmp -s "$golden/hostile_config.out" "$tmp/hostile_config.out"; then pass; else
  fail "hostile_config: differs from $golden/hostile_config.out"
  diff "$golden/hostile_config.out" "$tmp/hostile_config.out" | head -20
fi
fi

# `-` with --input-format: a CSV export read from standard input converts
# as the file does; mail from standard input is refused with a reason.
if selected convert_stdin; then
fixture="$src/tests/ingest/fixtures/twcs.csv"
"$bin" convert - --from twitter <"$fixture" >"$tmp/stdin-twcs.jsonl" 2>/dev/null
rc=$?
"$bin" convert "$fixture" --from twitter >"$tmp/file-twcs.jsonl" 2>/dev/null
"$bin" convert - --from mail --agent-domain example.com </dev/null 2>"$tmp/stdin-mail.err" >/dev/null
rc_mail=$?
if [ "$rc" = 1 ] && [ -s "$tmp/stdin-twcs.jsonl" ] && cmp -s "$tmp/stdin-twcs.jsonl" "$tmp/file-twcs.jsonl" &&
  [ "$rc_mail" = 2 ] && grep -q "not from standard input" "$tmp/stdin-mail.err"; then
  pass
else
  fail "convert_stdin: exit $rc / $rc_mail"
fi
fi

# ---- interrupted runs ----------------------------------------------------------------
# SIGINT during a run with -o: exit 2, a partial summary that says so and
# counts what was not read, the old report left as it was, no temporary file;
# the history (--db) keeps what was read, and report says the run was cut.
if selected sigint && heavy; then
copies=120
light && copies=20
for i in $(seq 1 $copies); do sed "s/\"id\": *\"\([^\"]*\)\"/\"id\": \"\1-$i\"/" corpus/*.jsonl; done >"$tmp/big.jsonl"
total=$(grep -c . "$tmp/big.jsonl")
echo "previous report" >"$tmp/report.jsonl"
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 2 -o "$tmp/report.jsonl" --db "$tmp/sigint.sqlite" 2>"$tmp/sigint.err" &
pid=$!
# Wait until the report is being written, then interrupt.
for _ in $(seq 1 600); do
  if compgen -G "$tmp/.report.jsonl.replylint-*" >/dev/null && [ -s "$(compgen -G "$tmp/.report.jsonl.replylint-*" | head -1)" ]; then break; fi
  sleep 0.05
done
kill -INT "$pid"
wait "$pid"
rc=$?
read_lines=$(sed -n 's/.*conservation: lines read \([0-9]*\) = .*/\1/p' "$tmp/sigint.err")
not_read=$(sed -n 's/.*INTERRUPTED: .*; \([0-9]*\) lines\{0,1\} not read.*/\1/p' "$tmp/sigint.err")
if [ "$rc" = 2 ] && grep -q "nothing lost" "$tmp/sigint.err" && grep -qxF "replylint: $tmp/report.jsonl was not written" "$tmp/sigint.err" &&
  [ "$(cat "$tmp/report.jsonl")" = "previous report" ] && ! compgen -G "$tmp/.report.jsonl.replylint-*" >/dev/null &&
  [ -n "$read_lines" ] && [ -n "$not_read" ] && [ "$not_read" -gt 0 ] && [ $((read_lines + not_read)) = "$total" ] &&
  # The history keeps what was read, in a run marked interrupted.
  grep -q "replylint: $read_lines conversations stored in $tmp/sigint.sqlite (the run is marked interrupted)" "$tmp/sigint.err" &&
  "$bin" report "$tmp/sigint.sqlite" --format jsonl 2>&1 >/dev/null | grep -q "was interrupted; its $read_lines stored conversations"; then
  pass
else
  fail "sigint: exit $rc, read ${read_lines:-?} + not read ${not_read:-?} of $total lines:"
  sed 's/^/    /' "$tmp/sigint.err" | tail -5
fi
fi

# SIGTERM while reading standard input that has not ended: the blocked read
# returns, and the summary says the rest of standard input was not read.
if selected sigterm; then
mkfifo "$tmp/stdin"
exec 3<>"$tmp/stdin"
awk 'BEGIN { for (i = 1; i <= 100; i++) printf "{\"id\":\"P-%d\",\"channel\":\"chat\",\"messages\":[]}\n", i }' >&3
"$bin" audit - --format jsonl <"$tmp/stdin" >"$tmp/stdin.out" 2>"$tmp/sigterm.err" &
pid=$!
# Wait until it has read the hundred lines (the FIFO holds no byte) and
# blocks for more, in read or in the poll that also waits for the stop (or
# give up after a minute). The FIFO test matters under
# valgrind, whose threads wait for one another in pipe_read too: the rules
# are built on several threads before the run reads anything.
unread() { python3 -c 'import fcntl, struct, termios; print(struct.unpack("i", fcntl.ioctl(3, termios.FIONREAD, b"\0" * 4))[0])'; }
for _ in $(seq 1 1200); do
  [ "$(unread)" = 0 ] && grep -qE 'pipe_read|poll_schedule_timeout|do_sys_poll' "/proc/$pid/wchan" 2>/dev/null && break
  sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
rc=$?
exec 3>&-
# The hundred lines were read but not yet analysed when the signal came:
# they count as not read (a stopped run analyses nothing more).
if [ "$rc" = 2 ] && grep -q "INTERRUPTED: the run was stopped before the end of its input; 100 lines not read, and the rest of <stdin>" "$tmp/sigterm.err" &&
  grep -q "conservation: lines read 0 = conversations 0 + rejected 0" "$tmp/sigterm.err"; then
  pass
else
  fail "sigterm: exit $rc"
  sed 's/^/    /' "$tmp/sigterm.err" | tail -5
fi
fi

# A stop during start-up (while the rules are built) ends the run the same
# way: the handler is installed first. Sent as soon as the process catches
# SIGTERM (bit 15 of SigCgt); standard input is a FIFO nobody writes to, so
# the run cannot end before the signal does.
if selected sigterm_startup; then
mkfifo "$tmp/idle"
exec 4<>"$tmp/idle"
"$bin" audit - --format jsonl <"$tmp/idle" >/dev/null 2>"$tmp/startup.err" &
pid=$!
for _ in $(seq 1 1200); do
  mask=$(awk '/^SigCgt:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
  [ -n "$mask" ] && (((0x$mask >> 14) & 1)) && break
  sleep 0.005
done
kill -TERM "$pid"
wait "$pid"
rc=$?
exec 4>&-
if [ "$rc" = 2 ] && grep -q "conservation: lines read 0 = conversations 0 + rejected 0" "$tmp/startup.err"; then
  pass
else
  fail "sigterm_startup: exit $rc"
  sed 's/^/    /' "$tmp/startup.err" | tail -5
fi
fi

# A second SIGINT ends the run at once, and still leaves no temporary file
# (neither the report's nor the baseline's).
if selected sigint_twice && heavy; then
"$bin" audit "$tmp/big.jsonl" --format jsonl --jobs 2 -o "$tmp/twice.jsonl" --write-baseline "$tmp/twice-base.json" 2>/dev/null &
pid=$!
wait_for "$tmp/.twice.jsonl.replylint-*"
kill -INT "$pid"
sleep 0.01
kill -INT "$pid" 2>/dev/null
wait "$pid"
if ! compgen -G "$tmp/.twice*.replylint-*" >/dev/null && [ ! -e "$tmp/twice.jsonl" ] && [ ! -e "$tmp/twice-base.json" ]; then pass; else
  fail "sigint_twice: a temporary file or a report was left behind"
fi
fi

# A command without the stop handler (convert) ends at SIGTERM as by
# default (exit 143), and leaves no temporary file behind: its input is a
# FIFO nobody writes to, so it is still writing when the signal comes.
if selected sigterm_convert; then
mkfifo "$tmp/blocked.csv"
"$bin" convert "$tmp/blocked.csv" --from twitter -o "$tmp/converted.jsonl" 2>/dev/null &
pid=$!
wait_for "$tmp/.converted.jsonl.replylint-*"
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" = 143 ] && ! compgen -G "$tmp/.converted.jsonl.replylint-*" >/dev/null && [ ! -e "$tmp/converted.jsonl" ]; then
  pass
else
  fail "sigterm_convert: exit $rc, or a temporary file or the output was left behind"
fi
fi

# interrupt_within PID TICKS: sends SIGINT and waits TICKS × 50 ms for the
# process to end; then true with its exit code in $rc, else kills it, false.
# Waits (up to 60 s) until process $1 has read $2 bytes, so that a signal
# sent next lands in the phase under test, not in start-up (on a loaded
# machine start-up alone can take seconds).
wait_read() {
  for _ in $(seq 1 1200); do
    [ "$(awk '/^rchar/ { print $2 }' "/proc/$1/io" 2>/dev/null || echo 0)" -ge "$2" ] 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.05
  done
}

interrupt_within() {
  kill -INT "$1"
  for _ in $(seq 1 "$2"); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$1" 2>/dev/null; then
    kill -9 "$1"
    wait "$1" 2>/dev/null
    return 1
  fi
  wait "$1"
  rc=$?
  return 0
}

# SIGINT while skipping an endless over-long line (/dev/zero never blocks,
# so no read is interrupted): the run still stops at once.
if selected sigint_endless; then
"$bin" audit /dev/zero --format jsonl >/dev/null 2>"$tmp/zero.err" &
pid=$!
wait_read "$pid" $((64 << 20))
if interrupt_within "$pid" 40; then
  if [ "$rc" = 2 ] && grep -q "and the rest of /dev/zero" "$tmp/zero.err"; then pass; else fail "sigint_endless: exit $rc"; fi
else
  fail "sigint_endless: still running 2 s after SIGINT"
fi
fi

# SIGINT inside one slow batch (200 long replies, seconds of work for one
# worker): the worker takes no more lines, the run stops within a second,
# and the lines it did not analyse count as not read.
if selected sigint_slow_batch; then
awk 'BEGIN { s = ""; for (i = 0; i < 1000; i++) s = s sprintf("Здравствуйте, Мария! Ваш заказ номер %d уже в пути, курьер привезёт его завтра. ", i);
  for (k = 1; k <= 200; k++) printf "{\"id\":\"W-%d\",\"channel\":\"email\",\"customer\":{\"name\":\"Мария\"},\"messages\":[{\"role\":\"agent\",\"text\":\"%s\"}]}\n", k, s }' >"$tmp/slow.jsonl"
"$bin" audit "$tmp/slow.jsonl" --format jsonl --jobs 1 >/dev/null 2>"$tmp/slow.err" &
pid=$!
wait_read "$pid" "$(stat -c %s "$tmp/slow.jsonl")"
sleep 0.5
if ! interrupt_within "$pid" 20; then
  fail "sigint_slow_batch: still running 1 s after SIGINT"
else
  read_lines=$(sed -n 's/.*conservation: lines read \([0-9]*\) = .*nothing lost/\1/p' "$tmp/slow.err")
  not_read=$(sed -n 's/.*INTERRUPTED: .*; \([0-9]*\) lines\{0,1\} not read.*/\1/p' "$tmp/slow.err")
  if [ "$rc" = 2 ] && [ -n "$read_lines" ] && [ -n "$not_read" ] && [ $((read_lines + not_read)) = 200 ] && [ "$not_read" -gt 0 ]; then
    pass
  else
    fail "sigint_slow_batch: exit $rc, read ${read_lines:-?} + not read ${not_read:-?} of 200"
    sed 's/^/    /' "$tmp/slow.err" | tail -3
  fi
fi
fi

# ---- where the report goes ---------------------------------------------------------
# -o onto one of the inputs is refused: the export is never replaced by its report.
if selected output_is_input; then
cp corpus/names.jsonl "$tmp/export.jsonl"
cp "$tmp/export.jsonl" "$tmp/export.orig"
expect_code output_is_input 2 -- "$bin" audit "$tmp/export.jsonl" -o "$tmp/export.jsonl"
expect_lines output_is_input "$tmp/output_is_input.out" \
  "replylint: $tmp/export.jsonl: is also an input ($tmp/export.jsonl); writing the report there would replace it"
cmp -s "$tmp/export.jsonl" "$tmp/export.orig" && pass || fail "output_is_input: the input changed"
fi

# The report keeps the permissions of the file it replaces, and a symlink
# planted where an old build put its temporary file is never written through.
if selected output_permissions; then
echo old >"$tmp/perm.jsonl"
chmod 640 "$tmp/perm.jsonl"
echo precious >"$tmp/victim"
for pid_guess in $(seq $$ $(($$ + 50))); do ln -sf "$tmp/victim" "$tmp/perm.jsonl.tmp$pid_guess"; done
expect_code output_permissions 1 -- "$bin" audit corpus/names.jsonl --format jsonl -o "$tmp/perm.jsonl"
if [ "$(stat -c %a "$tmp/perm.jsonl")" = 640 ] && [ "$(cat "$tmp/victim")" = precious ] && grep -q '"conversation"' "$tmp/perm.jsonl"; then
  pass
else
  fail "output_permissions: mode $(stat -c %a "$tmp/perm.jsonl"), victim: $(cat "$tmp/victim")"
fi
fi

# A report that cannot be written fails the run, for every command.
if selected write_errors; then
for args in "rules" "check corpus/README.md" "eval corpus/names.jsonl" "audit corpus/names.jsonl"; do
  # shellcheck disable=SC2086
  "$bin" $args >/dev/full 2>"$tmp/full.err"
  rc=$?
  if [ "$rc" = 2 ] && grep -q "cannot write to standard output" "$tmp/full.err"; then pass; else
    fail "write_errors: '$args' >/dev/full exited $rc"
  fi
done
fi

# ---- directories with entries that cannot be read ------------------------------------
# A symlink loop (its status cannot be read even by root) is reported, the
# rest of the directory is still audited, and the unreadable input makes the
# exit code 2 (contract: unreadable input); the same in a template folder.
if selected unreadable_entries; then
mkdir -p "$tmp/tree/sub" "$tmp/tpl"
cp corpus/names.jsonl "$tmp/tree/sub/a.jsonl"
ln -s loop.jsonl "$tmp/tree/loop.jsonl"
expect_code unreadable_entries 2 -- "$bin" audit "$tmp/tree" --format jsonl
expect_lines unreadable_entries "$tmp/unreadable_entries.out" \
  "replylint: $tmp/tree/loop.jsonl: cannot open: Too many levels of symbolic links"
grep -q '"conversation"' "$tmp/unreadable_entries.out" && pass || fail "unreadable_entries: nothing audited"
cp corpus/templates/* "$tmp/tpl/"
ln -s self.yaml "$tmp/tpl/self.yaml"
expect_code unreadable_templates 2 -- "$bin" lint-templates "$tmp/tpl"
expect_lines unreadable_templates "$tmp/unreadable_templates.out" \
  "$tmp/tpl/self.yaml: cannot read file: Too many levels of symbolic links"
grep -q "templates checked" "$tmp/unreadable_templates.out" && pass || fail "unreadable_templates: no summary"
# A subdirectory too deep to open (its path is longer than PATH_MAX): named,
# counted as a file with errors, and the rest of the library still checked.
mkdir -p "$tmp/tpldeep"
cp corpus/templates/good-refund.yaml "$tmp/tpldeep/"
(cd "$tmp/tpldeep" && for _ in $(seq 20); do mkdir "$(printf 'd%.0s' $(seq 250))" && cd d*; done)
expect_code unlistable_templates 2 -- "$bin" lint-templates "$tmp/tpldeep"
grep -q "^$tmp/tpldeep/d.*: cannot read: File name too long$" "$tmp/unlistable_templates.out" &&
  grep -q "^2 templates checked, 0 findings, 1 files with errors$" "$tmp/unlistable_templates.out" && pass ||
  fail "unlistable_templates: $(cut -c1-100 "$tmp/unlistable_templates.out")"
# The configuration, a rules folder and an over-long path: a message, never an abort.
mkdir -p "$tmp/cfgloop" "$tmp/rulesdir"
ln -s replylint.yaml "$tmp/cfgloop/replylint.yaml"
cp corpus/names.jsonl "$tmp/cfgloop/a.jsonl"
expect_code unreadable_config 2 -- sh -c "cd '$tmp/cfgloop' && '$bin' audit a.jsonl"
expect_lines unreadable_config "$tmp/unreadable_config.out" \
  "replylint: replylint.yaml: cannot read the configuration: Too many levels of symbolic links"
cp rules/*.yaml "$tmp/rulesdir/"
ln -s x.yaml "$tmp/rulesdir/x.yaml"
expect_code unreadable_rules 2 -- "$bin" audit "$tmp/cfgloop/a.jsonl" --rules-dir "$tmp/rulesdir"
expect_lines unreadable_rules "$tmp/unreadable_rules.out" \
  "replylint: $tmp/rulesdir/x.yaml: cannot read: Too many levels of symbolic links"
long=$(printf 'x%.0s' $(seq 5000))
expect_code long_config_path 2 -- "$bin" audit "$tmp/cfgloop/a.jsonl" --config "$long"
expect_lines long_config_path "$tmp/long_config_path.out" "replylint: $long: cannot read the configuration: File name too long"
fi

# ---- terminal injection ----------------------------------------------------------------
# An id, a team or an agent key with a newline and an escape sequence can
# neither forge a line nor colour the terminal, in the text report or on stderr.
if selected terminal_injection; then
printf '{"id":"evil\\n\\u001b[31mFAKE","channel":"chat","team":"t\\u001b[1m","messages":[{"role":"agent","agent_id":"a\\nb","text":"Здравствуйте, извените."}]}\n' >"$tmp/evil.jsonl"
printf '{"id":"evil\\n\\u001b[31mFAKE","channel":"chat","messages":[]}\n' >>"$tmp/evil.jsonl"
"$bin" audit "$tmp/evil.jsonl" --goal stars=4.5 >"$tmp/evil.out" 2>&1
if ! grep -q $'\x1b' "$tmp/evil.out" && ! grep -q '^FAKE' "$tmp/evil.out" && grep -qF 'evil\n\e[31mFAKE #0 (a\nb)' "$tmp/evil.out"; then
  pass
else
  fail "terminal_injection:"
  cat -v "$tmp/evil.out" | head -5 | sed 's/^/    /'
fi
# The same in eval -v (labels, ids), lint-templates (template ids) and check
# (the draft and its fields).
printf '{"id":"evil\\n\\u001b[31mFAKE","channel":"chat","messages":[{"role":"agent","text":"Здравствуйте, извените.","expect":["no-greeting\\u001b[31m"]}]}\n' >"$tmp/evil-eval.jsonl"
printf 'id: "t\\e[31m\\nFAKE"\nbody: "Hello {{ name }}, извените"\n' >"$tmp/evil.yaml"
printf 'Здравствуйте, \033[31mизвените за задержку.' >"$tmp/evil.txt"
for args in "eval -v $tmp/evil-eval.jsonl" "lint-templates $tmp/evil.yaml" "check $tmp/evil.txt --author x\033[2J"; do
  # shellcheck disable=SC2086
  "$bin" $args >"$tmp/evil2.out" 2>&1
  if ! grep -q $'\x1b' "$tmp/evil2.out" && ! grep -q '^FAKE' "$tmp/evil2.out" && grep -qF '\e[' "$tmp/evil2.out"; then pass; else
    fail "terminal_injection: $args"
    cat -v "$tmp/evil2.out" | head -5 | sed 's/^/    /'
  fi
done
fi

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
