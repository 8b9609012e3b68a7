#!/usr/bin/env bash
# The Debian package as an admin gets it: cpack writes the .deb from this build folder, dpkg -x
# unpacks it into a scratch root (no root rights, nothing installed on the machine), and the
# program runs from there:
#   1. the files are where the package promises (program, page, man page, completion, README);
#   2. `mailflow report --html` finds the page the package installed (../share/mailflow/), with no
#      --page and no $MAILFLOW_PAGE, and the saved report holds what `mailflow aggregate` prints;
#   3. the man page is the --help text; bash completion offers the commands and a command's options.
# Without a built page (cmake --build --preset wasm) there is no package to test: exit 77 (skipped).
# Usage: package.sh BUILD_DIR DATA_DIR WORK_DIR
set -euo pipefail
build=$1 data=$2 work=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
page=$(sed -n 's/^MAILFLOW_PACKAGE_PAGE:FILEPATH=//p' "$build/CMakeCache.txt")
if [ ! -f "$page" ]; then
  echo "skipped: the page is not built ($page): run cmake --build --preset wasm"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work/root"
cpack --config "$build/CPackConfig.cmake" -B "$work/package" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/package/mailflow_*.deb)
dpkg-deb --field "$deb" Package | grep -qx mailflow || fail "the package is not called mailflow"
dpkg-deb --field "$deb" Depends | grep -q zlib1g || fail "the package does not depend on zlib1g: $(dpkg-deb --field "$deb" Depends)"
dpkg -x "$deb" "$work/root"
root=$work/root/usr

for f in bin/mailflow share/mailflow/mailflow.html share/man/man1/mailflow.1 \
         share/bash-completion/completions/mailflow share/doc/mailflow/README.md; do
  [ -f "$root/$f" ] || fail "the package has no /usr/$f: $(dpkg -c "$deb")"
done
[ -x "$root/bin/mailflow" ] || fail "/usr/bin/mailflow is not executable"
"$root/bin/mailflow" --version | grep -q '^mailflow ' || fail "mailflow --version"

# The report is built from the packaged page: mark that copy, and look for the mark in the report.
echo '<!-- the packaged page -->' >> "$root/share/mailflow/mailflow.html"
cd "$data"
env -u MAILFLOW_PAGE "$root/bin/mailflow" report --html "$work/report.html" gateway.csv 2> "$work/stderr.txt" ||
  fail "report --html from the package: $(cat "$work/stderr.txt")"
grep -q 'the packaged page' "$work/report.html" || fail "the report was not built from /usr/share/mailflow/mailflow.html"
"$root/bin/mailflow" aggregate gateway.csv > "$work/expected.json"
"$root/bin/mailflow" aggregate "$work/report.html" > "$work/from-report.json"
diff -u "$work/expected.json" "$work/from-report.json" || fail "the saved report's aggregate differs"

man_page=$root/share/man/man1/mailflow.1
grep -q '^\.TH MAILFLOW 1' "$man_page" || fail "mailflow.1 has no .TH line"
for command in aggregate report connectors merge; do
  grep -q "^Usage: mailflow $command " "$man_page" || fail "mailflow.1 lacks the help of $command"
done
if command -v groff > /dev/null; then
  groff -man -Tutf8 -ww -z "$man_page" 2> "$work/groff.txt"
  [ ! -s "$work/groff.txt" ] || fail "groff warns about mailflow.1: $(cat "$work/groff.txt")"
fi

complete_words() {  # complete_words WORD... : what completion offers for the last word
  PATH="$root/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mailflow; echo "${COMPREPLY[*]}"' \
    _ "$root/share/bash-completion/completions/mailflow" "$@"
}
[ "$(complete_words mailflow rep)" = report ] || fail "completion of 'rep': $(complete_words mailflow rep)"
[ "$(complete_words mailflow report --no)" = --no-hosts ] || fail "completion of 'report --no': $(complete_words mailflow report --no)"
complete_words mailflow connectors -- | grep -q -- --csv || fail "completion of connectors' options"
echo "package ok: $(basename "$deb")"
