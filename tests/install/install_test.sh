#!/usr/bin/env bash
# `cmake --install` and `cpack -G DEB` from a built tree: the installed binary
# runs from anywhere (its rules are compiled in), the installed rules work as
# --rules-dir, the man page covers every command, and the package declares
# its dependencies (every shared library its programs load, and the
# Hunspell dictionaries).
#   usage: install_test.sh BUILD_DIR
set -u
build=$(readlink -f "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
  echo "FAIL $*"
  fails=$((fails + 1))
}

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" --component replylint >/dev/null || { echo "FAIL cmake --install"; exit 1; }
bin=$prefix/bin/replylint
for f in "$bin" "$prefix/share/man/man1/replylint.1" "$prefix/share/replylint/rules/no-reply-sender.yaml" \
  "$prefix/share/replylint/dictionaries/names-ru.tsv" "$prefix/share/doc/replylint/ci-templates.md"; do
  [ -e "$f" ] || fail "not installed: ${f#"$prefix"/}"
done
cd "$tmp" || exit 2
"$bin" rules | grep -q '^no-reply-sender ' || fail "the installed binary does not list its rules"
"$bin" rules --rules-dir "$prefix/share/replylint/rules" | grep -q '^no-reply-sender ' ||
  fail "the installed rules do not load with --rules-dir"
printf 'Здравствуйте! Заказ в пути.\n\nС уважением,\nАнна Смирнова\n' | "$bin" check - >/dev/null ||
  fail "the installed binary fails a clean draft"
# `serve` runs the installed replylint-serve (libexec): its own answer to a
# bad --listen shows it ran; replylint itself has no HTTP server linked in.
[ -x "$prefix/libexec/replylint/replylint-serve" ] || fail "not installed: libexec/replylint/replylint-serve"
"$bin" serve --listen nowhere 2>&1 | grep -q -- "--listen nowhere: give HOST:PORT" ||
  fail "the installed replylint serve does not run replylint-serve"
ldd "$bin" | grep -q 'libssl\|httplib' && fail "replylint links the HTTP server's libraries"
# Mail (GMime) and phone numbers (libphonenumber) are modules in
# lib/replylint, loaded by the commands that need them, from either program.
ldd "$bin" | grep -q 'gmime\|phonenumber' && fail "replylint links GMime or libphonenumber instead of loading them"
for m in mime phones; do
  [ -n "$(find "$prefix" -path "*/lib*/replylint/replylint-$m.so")" ] || fail "not installed: lib/replylint/replylint-$m.so"
done
src=$(dirname "$(readlink -f "$0")")/..
"$bin" convert "$src/ingest/fixtures/mail/support.mbox" --agent-domain shop.example | grep -q '"channel":"email"' ||
  fail "the installed binary does not read mail"
printf '{"id":"p1","channel":"chat","messages":[{"role":"customer","text":"Позвоните мне: +7 912 345-67-89"},{"role":"agent","text":"Перезвоним сегодня."}]}\n' >"$tmp/phone.jsonl"
"$bin" sample "$tmp/phone.jsonl" --per-agent 1 --redact --format jsonl 2>/dev/null | grep -q 'мне: \[phone-1\]' ||
  fail "the installed binary does not mask phone numbers"
for c in $("$bin" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  grep -q "^\.SH \"replylint $c\"" "$prefix/share/man/man1/replylint.1" || fail "the man page has no section for $c"
done
grep -q "$build" "$prefix/share/man/man1/replylint.1" && fail "the man page names the build folder"

if command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
  (cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >/dev/null 2>"$tmp/cpack.err") ||
    { fail "cpack -G DEB"; cat "$tmp/cpack.err"; }
  deb=$(ls "$tmp"/pkg/replylint_*.deb 2>/dev/null | head -1)
  if [ -n "$deb" ]; then
    depends=$(dpkg-deb -f "$deb" Depends)
    [[ "$depends" == *hunspell-ru* ]] || fail "the package does not depend on hunspell-ru: $depends"
    # Every shared library that a program or module in the package loads
    # comes from a package it depends on (the others are linked in).
    dpkg-deb -x "$deb" "$tmp/deb"
    needed=$(find "$tmp/deb" -type f \( -path '*/bin/*' -o -path '*/libexec/*' -o -name '*.so' \) -exec objdump -p {} \; 2>/dev/null |
      awk '$1 == "NEEDED" {print $2}' | sort -u)
    [ -n "$needed" ] || fail "no shared library is needed by the package's programs (objdump)"
    deps=" $(tr ',|' '  ' <<<"$depends" | sed 's/([^)]*)//g') "
    for so in $needed; do
      path=$(ldconfig -p | awk -v so="$so" '$1 == so && /x86-64/ {print $NF; exit}')
      pkg=
      for p in "$path" "/usr$path" "$(readlink -f "${path:-/nonexistent}")"; do
        pkg=$(dpkg -S "$p" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$pkg" ] && break
      done
      [ -n "$pkg" ] || { fail "no package owns $so"; continue; }
      # A dependency may name the package or a name it provides (shlibs).
      ok=
      for name in "$pkg" $(dpkg-query -W -f='${Provides}' "$pkg" 2>/dev/null | tr ',' ' ' | sed 's/([^)]*)//g'); do
        [[ "$deps" == *" $name "* ]] && ok=1
      done
      [ -n "$ok" ] || fail "the package does not depend on $pkg (for $so): $depends"
    done
    dpkg-deb -c "$deb" >"$tmp/contents"
    grep -q './usr/bin/replylint$' "$tmp/contents" || fail "the package has no /usr/bin/replylint"
    grep -q './usr/libexec/replylint/replylint-serve$' "$tmp/contents" ||
      fail "the package has no /usr/libexec/replylint/replylint-serve"
  else
    fail "cpack made no .deb"
  fi
else
  echo "note: dpkg-deb or dpkg-shlibdeps missing; the package was not built"
fi

if [ "$fails" -gt 0 ]; then
  echo "$fails failed"
  exit 1
fi
echo "install: all passed"
