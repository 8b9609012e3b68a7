#!/usr/bin/env bash
# Round trips through aggregate JSON must not change what a user sees:
#   1. `report` on the aggregate JSON of a file equals `report` on the file itself;
#   2. merging the aggregates of two halves of a file gives the connector CSV of the whole file;
#   3. `aggregate --from/--to` keeps exactly the days asked for.
# Usage: roundtrip.sh MAILFLOW DATA_DIR WORK_DIR
set -euo pipefail
mailflow=$1 data=$2 work=$3
mkdir -p "$work"
cd "$data"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$mailflow" aggregate gateway.csv > "$work/gateway.json"
"$mailflow" report gateway.csv > "$work/report-csv.txt"
# A loaded aggregate brings its sources' reports, under their original names.
"$mailflow" report "$work/gateway.json" > "$work/report-json.txt"
diff -u "$work/report-csv.txt" "$work/report-json.txt" || fail "report differs after an aggregate JSON round trip"

"$mailflow" aggregate gateway-part1.csv > "$work/part1.json"
"$mailflow" aggregate --pretty gateway-part2.csv > "$work/part2.json"
"$mailflow" merge "$work/part1.json" "$work/part2.json" > "$work/merged.json"
"$mailflow" connectors --all --csv "$work/merged.json" > "$work/merged.csv"
"$mailflow" connectors --all --csv gateway.csv > "$work/whole.csv"
diff -u "$work/whole.csv" "$work/merged.csv" || fail "merged halves differ from the whole file"
"$mailflow" connectors --all --csv gateway-part1.csv gateway-part2.csv > "$work/both.csv"
diff -u "$work/whole.csv" "$work/both.csv" || fail "two inputs differ from the whole file"

"$mailflow" aggregate --from 2026-11-15 --to 2026-11-17 gateway.csv > "$work/window.json"
days=$("$mailflow" connectors --all --csv "$work/window.json" | tail -n +2 | cut -d, -f1 | sort -u | tr '\r\n' '  ' | xargs)
[ "$days" = "2026-11-15 2026-11-16 2026-11-17" ] || fail "aggregate --from/--to kept the days [$days]"
echo "round trips ok"
