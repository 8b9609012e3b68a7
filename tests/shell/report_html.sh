#!/usr/bin/env bash
# `mailflow report --html` and saved reports as inputs, as a user runs them:
#   1. the saved report holds exactly the aggregate `mailflow aggregate` prints for the same files;
#   2. `report`, `aggregate` and `merge` read a saved report like the logs it was made from;
#   3. --no-hosts leaves the remote partners and host names out, and the counts in;
#   4. the report opens on the range and connector given (the embedded view);
#   5. the page is required: a clear error when it is missing or is not the mailflow page.
# Uses a stand-in page (data/page.html): the shell needs only the page's report marker.
# Usage: report_html.sh MAILFLOW DATA_DIR WORK_DIR
set -euo pipefail
mailflow=$1 data=$2 work=$3
mkdir -p "$work"
cd "$data"
fail() { echo "FAIL: $*" >&2; exit 1; }
unset MAILFLOW_PAGE

"$mailflow" report --html "$work/report.html" --page page.html gateway.csv 2> "$work/stderr.txt"
grep -q "saved the report to $work/report.html" "$work/stderr.txt" || fail "no confirmation on stderr"
grep -q '<!--mailflow:report--><script type="application/json" id="mailflow-report">' "$work/report.html" ||
  fail "the report is not embedded after the marker"
"$mailflow" aggregate gateway.csv > "$work/expected.json"
"$mailflow" aggregate "$work/report.html" > "$work/from-report.json"
diff -u "$work/expected.json" "$work/from-report.json" || fail "the embedded aggregate differs from mailflow aggregate"

"$mailflow" report gateway.csv > "$work/report-csv.txt"
"$mailflow" report "$work/report.html" > "$work/report-html.txt"
diff -u "$work/report-csv.txt" "$work/report-html.txt" || fail "report on the saved report differs"

"$mailflow" merge "$work/report.html" "$work/expected.json" > "$work/merged.json"
"$mailflow" connectors --all --csv "$work/merged.json" > "$work/merged.csv"
"$mailflow" merge "$work/expected.json" "$work/expected.json" > "$work/twice.json"
"$mailflow" connectors --all --csv "$work/twice.json" > "$work/twice.csv"
cmp -s "$work/twice.csv" <("$mailflow" connectors --all --csv gateway.csv) && fail "merging did not add anything"
diff -u "$work/twice.csv" "$work/merged.csv" || fail "merging a saved report with an aggregate"

"$mailflow" report --html - --no-hosts --page page.html gateway.csv > "$work/no-hosts.html"
"$mailflow" aggregate "$work/no-hosts.html" > "$work/no-hosts.json"
"$mailflow" aggregate --no-hosts gateway.csv > "$work/expected-no-hosts.json"
diff -u "$work/expected-no-hosts.json" <("$mailflow" aggregate --no-hosts "$work/no-hosts.html") || fail "--no-hosts changed the counts"
grep -q '"partners"' "$work/no-hosts.json" && fail "--no-hosts kept the partners: $(cat "$work/no-hosts.json")"
host=$(grep -o '"[a-z0-9.]*\.contoso\.com"' "$work/expected.json" | head -n 1)
[ -n "$host" ] || fail "the test data has no remote host"
grep -qF "$host" "$work/no-hosts.json" && fail "--no-hosts kept $host"

"$mailflow" report --html - --page page.html --from 2026-11-10 --to 2026-11-12 --connector "Scanner relay" gateway.csv |
  grep -o '<script type="application/json" id="mailflow-report">[^<]*' > "$work/state.txt"
grep -qF '"state":{"page":"connectors","flyout":false,"view":"mail-flow","connector":"Scanner relay","from":"2026-11-10","to":"2026-11-12"' "$work/state.txt" ||
  fail "the embedded view: $(cat "$work/state.txt")"

set +e
"$mailflow" report --html "$work/x.html" --page no-such-page.html gateway.csv 2> "$work/err1.txt"; status1=$?
"$mailflow" report --html "$work/x.html" --page gateway.csv gateway.csv 2> "$work/err2.txt"; status2=$?
"$mailflow" report --no-hosts gateway.csv > /dev/null 2> "$work/err3.txt"; status3=$?
set -e
[ "$status1" = 1 ] && grep -q "no-such-page.html: cannot open" "$work/err1.txt" || fail "missing page: $status1 $(cat "$work/err1.txt")"
[ "$status2" = 1 ] && grep -q "gateway.csv: not the mailflow page" "$work/err2.txt" || fail "not a page: $status2 $(cat "$work/err2.txt")"
[ "$status3" = 2 ] && grep -q -- "--no-hosts and --page go with --html" "$work/err3.txt" || fail "--no-hosts alone: $status3"
[ ! -e "$work/x.html" ] || fail "a failed run left a file"
echo "saved reports ok"
