#!/usr/bin/env bash
# The training run of profile-guided optimisation: runs a replylint built
# with -DREPLYLINT_PGO=generate on work like an audit's, so that the build
# with -DREPLYLINT_PGO=use knows which branches and calls are hot.
#   tools/pgo/train.sh BUILD_DIR
# The profile (BUILD_DIR/pgo, or REPLYLINT_PGO_DIR of that build) is emptied
# first: counts from an older binary or an earlier run would add up. On
# success the file `trained` is written beside the counts.
# The work: an audit of the bundled corpus (every rule, both languages, every
# channel, mostly replies with mistakes) and of 3 000 replies made by
# bench/gen_corpus.py with another seed than the benchmark's (mostly clean
# replies, in the proportions of a support team's day).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: tools/pgo/train.sh BUILD_DIR}" && pwd)
dir=$(sed -n 's/^REPLYLINT_PGO_DIR:PATH=//p' "$build/CMakeCache.txt")
mode=$(sed -n 's/^REPLYLINT_PGO:STRING=//p' "$build/CMakeCache.txt")
if [ "$mode" != generate ] || [ -z "$dir" ]; then
  echo "train.sh: $build is not configured with -DREPLYLINT_PGO=generate" >&2
  exit 2
fi
rm -rf "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/gen_corpus.py" --replies 3000 --seed 2 -o "$tmp/train.jsonl"
# Exit code 1 means findings, which both inputs have. The run's warnings and
# summary are shown only when it fails.
run() {
  local status=0
  "$build/replylint" "$@" -o /dev/null 2>"$tmp/stderr" || status=$?
  if [ "$status" -gt 1 ]; then
    cat "$tmp/stderr" >&2
    echo "train.sh: replylint $* exited with $status" >&2
    exit "$status"
  fi
}
run audit "$root/corpus" --jobs 1
run audit "$tmp/train.jsonl" --format jsonl --jobs 2
# bootstrap.sh trains a build directory once: this file says it was.
echo "trained by tools/pgo/train.sh on $(date -u +%FT%TZ)" >"$dir/trained"
echo "train.sh: profile of $(find "$dir" -name '*.gcda' | wc -l) objects in $dir" >&2
