#!/usr/bin/env bash
# End-to-end test of the pre-commit hook and the CI call on an ordinary
# template repository: a README, a CI workflow, a docs page with its own
# front matter, hidden folders and ten templates. lint-templates gets exactly
# what pre-commit gives the hook (its `entry` plus the tracked files its
# `files` pattern selects) and what the CI examples run; with the Debian
# `pre-commit` package installed, `pre-commit run --all-files` runs as well.
#   usage: template_repo.sh BINARY SOURCE_DIR
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
  echo "FAIL $*"
  fails=$((fails + 1))
}
# expect_run NAME CODE PATTERN -- command...: exit code and a line of output.
expect_run() {
  local name=$1 code=$2 pattern=$3
  shift 4
  "$@" >"$tmp/$name.log" 2>&1
  local got=$?
  [ "$got" = "$code" ] || { fail "$name: exit $got, expected $code"; cat "$tmp/$name.log"; return; }
  [ -z "$pattern" ] || grep -qE -- "$pattern" "$tmp/$name.log" || { fail "$name: no line matching '$pattern'"; cat "$tmp/$name.log"; }
}

repo=$tmp/support-templates
mkdir -p "$repo/templates/billing" "$repo/.github/workflows" "$repo/docs" "$repo/.vscode" "$repo/faq"
cd "$repo" || exit 2
git init -q .
cat >README.md <<'MD'
# Support reply templates

Edit the files under templates/ and open a merge request.
MD
cat >.github/workflows/ci.yml <<'YML'
name: templates
on: [push]
jobs:
  lint:
    runs-on: ubuntu-latest
YML
cat >docs/style.md <<'MD'
---
title: House style
layout: page
---
Greet the customer by name.
MD
printf '{"recommendations": []}\n' >.vscode/extensions.json
printf 'name: not a template\nitems: [1, 2]\n' >.vscode/settings.yaml
printf 'repos: []\n' >.pre-commit-config.yaml
for i in 1 2 3 4 5 6 7; do
  cat >"templates/billing/refund-$i.yaml" <<YML
id: refund-$i
lang: en
channel: email
from: support@shop.example
body: |
  Hi {{customer.first_name}},

  Your refund number $i is on its way and should arrive within five days.

  Best regards,
  {{agent.name}}
YML
done
cat >templates/delivery.yaml <<'YML'
templates:
  - id: delivery-ru
    lang: ru
    channel: email
    from: support@shop.example
    body: |
      Здравствуйте, {{ customer.first_name }}!

      Ваш заказ уже в пути, курьер позвонит накануне.

      С уважением,
      {{agent.name}}
YML
cat >templates/hello-chat.md <<'MD'
---
id: hello-chat
lang: en
channel: chat
---
Hi {{customer.first_name}}, thanks for waiting. Let me check your order now.
MD
# A template outside templates/: found by its front matter.
cat >faq/shipping.md <<'MD'
---
id: faq-shipping
lang: en
channel: chat
---
Hi {{customer.first_name}}, parcels leave our warehouse every weekday.
MD
git add -A
git -c user.name=t -c user.email=t@example.invalid commit -qm init

# The hook's entry and file pattern, read from the shipped hook definition.
hook=$src/.pre-commit-hooks.yaml
entry=$(sed -n 's/^ *entry: *//p' "$hook")
hook_files=$(sed -n 's/^ *files: *//p' "$hook")
[ -n "$entry" ] && [ -n "$hook_files" ] || { fail "hook: no entry or files in $hook"; exit 1; }
export PRE_COMMIT_HOME=$tmp/pre-commit-home  # its cache, not the home folder
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/replylint"
export PATH="$tmp/bin:$PATH"
# shellcheck disable=SC2046  # file names without spaces, split as pre-commit passes them
run_hook() { $entry $(git ls-files | grep -E -- "$hook_files"); }

# 1. The clean repository passes; the README, the workflow and the docs page
#    are skipped, not fatal; the template outside templates/ is linted.
expect_run hook_clean 0 'skipped 5 files that are not templates' -- run_hook
grep -q '^10 templates checked, 0 findings' "$tmp/hook_clean.log" || fail "hook_clean: not the ten templates"
expect_run walk_clean 0 '"templates": 10,' -- replylint lint-templates . --format json
expect_run walk_vscode 0 '' -- replylint lint-templates .
grep -q 'vscode\|\.github' "$tmp/walk_vscode.log" && fail "walk_vscode: a hidden folder was walked"

# 2. A broken template fails the hook with an annotation at file:line:col.
sed -i 's/^  Best regards,/  Please do not reply to this email.\n\n  Best regards,/' templates/billing/refund-3.yaml
expect_run hook_broken 1 '^templates/billing/refund-3.yaml:[0-9]+:[0-9]+: .*no-reply' -- run_hook
expect_run ci_github 1 '^::error file=templates/billing/refund-3.yaml,line=[0-9]+' -- \
  replylint lint-templates . --format github
# --exclude takes a folder out; --include replaces the default test.
expect_run exclude 0 '' -- replylint lint-templates . --exclude templates/billing
expect_run include 0 '' -- replylint lint-templates . --include 'faq/*.md'
# A file that is not a template under templates/ is an error, as before.
printf 'title: notes\n' >templates/notes.yaml
expect_run strict_under_templates 2 'templates/notes.yaml:1:1: unknown key' -- replylint lint-templates templates
rm templates/notes.yaml
git checkout -q templates

# 3. Suppressions. A directive in the file accepts one finding; it is
#    counted, and the directive is not read as reply text.
cp templates/billing/refund-3.yaml "$tmp/refund-3.orig"
sed -i 's/^  Best regards,/  # replylint-disable-next-line no-reply-sender\n  Please do not reply to this email.\n\n  Best regards,/' templates/billing/refund-3.yaml
expect_run inline_yaml 0 '1 suppressed \(1 inline, 0 baseline\)' -- replylint lint-templates templates
printf -- '---\nid: notice\nlang: en\nchannel: email\n---\nHi {{customer.first_name}},\n\n<!-- replylint-disable-next-line no-reply-sender -->\nPlease do not reply to this email.\n\nBest regards,\n{{agent.name}}\n' >templates/notice.md
expect_run inline_md 0 '2 suppressed \(2 inline, 0 baseline\)' -- replylint lint-templates templates
# A directive for another rule accepts nothing.
sed -i 's/disable-next-line no-reply-sender -->/disable-next-line stock-phrase -->/' templates/notice.md
expect_run inline_other_rule 1 'notice.md:9:1: error \[no-reply-sender\]' -- replylint lint-templates templates
rm templates/notice.md
git checkout -q templates

#    A baseline written today accepts today's findings; after text moves
#    they stay accepted, and only a new finding fails the run.
cp "$tmp/refund-3.orig" templates/billing/refund-3.yaml
sed -i 's/^  Best regards,/  Please do not reply to this email.\n\n  Best regards,/' templates/billing/refund-3.yaml
expect_run write_baseline 0 '1 findings written to' -- replylint lint-templates . --write-baseline "$tmp/baseline.txt"
grep -q $'\tno-reply-sender\trefund-3\t' "$tmp/baseline.txt" || fail "write_baseline: no line for refund-3"
expect_run baseline_same 0 '1 suppressed \(0 inline, 1 baseline\)' -- replylint lint-templates . --baseline "$tmp/baseline.txt"
sed -i 's/^  Hi {{customer.first_name}},/  Hi {{customer.first_name}},\n\n  Thank you for your patience./' templates/billing/refund-3.yaml
expect_run baseline_moved 0 '1 suppressed \(0 inline, 1 baseline\)' -- replylint lint-templates . --baseline "$tmp/baseline.txt"
sed -i 's/^  Best regards,/  Please do not reply to this email.\n\n  Best regards,/' templates/billing/refund-5.yaml
expect_run baseline_new 1 '^templates/billing/refund-5.yaml:10:3: error \[no-reply-sender\]' -- \
  replylint lint-templates . --baseline "$tmp/baseline.txt"
grep -q 'refund-3' "$tmp/baseline_new.log" && fail "baseline_new: the accepted finding was reported"
printf 'not a fingerprint\n' >"$tmp/bad-baseline.txt"
expect_run baseline_bad 2 'bad-baseline.txt:1: not a baseline line' -- replylint lint-templates . --baseline "$tmp/bad-baseline.txt"
git checkout -q templates

# 4. The real pre-commit, when installed (Debian package `pre-commit`).
if command -v pre-commit >/dev/null; then
  cat >.pre-commit-config.yaml <<YML
repos:
  - repo: local
    hooks:
      - id: replylint-templates
        name: replylint (reply templates)
        entry: $entry
        language: system
        files: $hook_files
        require_serial: true
YML
  git add -A
  expect_run precommit_clean 0 '' -- pre-commit run --all-files
  sed -i 's/^  Best regards,/  Please do not reply to this email.\n\n  Best regards,/' templates/billing/refund-3.yaml
  git add -A
  expect_run precommit_broken 1 'refund-3.yaml:[0-9]+:[0-9]+' -- pre-commit run --all-files
else
  echo "note: pre-commit is not installed; its run was skipped (the hook's arguments were tested)"
fi

if [ "$fails" -gt 0 ]; then
  echo "$fails failed"
  exit 1
fi
echo "template repository: all passed"
