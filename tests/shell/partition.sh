#!/usr/bin/env bash
# Scaling past one machine: `mailflow aggregate` where the logs are, `mailflow merge` of the results.
# For every format of examples/, the aggregates of a partition of the inputs merge to the very rows
# and partners of reading them all at once, when each part keeps a message's files together: the
# Exchange Online exports of one tenant (the trace with its detail), one server's tracking log with
# its SMTP protocol logs, each MTA's log. And when a part does not, a message counts once in each.
# Usage: partition.sh MAILFLOW EXAMPLES_DIR WORK_DIR
set -euo pipefail
mailflow=$1 examples=$2 work=$3
mkdir -p "$work"
cd "$examples"
fail() { echo "FAIL: $*" >&2; exit 1; }

parts=(
  "exo-extended-report.csv exo-enhanced-summary.csv message-trace.csv message-trace-detail.csv message-trace-de.csv"
  "MSGTRK20261102-1.LOG RECV20261102-1.LOG SEND20261102-1.LOG"
  "maillog-postfix" "maillog-sendmail" "exim-mainlog" "mailflow.csv"
  "eac-inbound-messages-report.csv eac-outbound-messages-report.csv"
)
all=()
for i in "${!parts[@]}"; do
  read -r -a files <<< "${parts[$i]}"
  "$mailflow" aggregate "${files[@]}" > "$work/part$i.json"
  all+=("${files[@]}")
done
"$mailflow" merge "$work"/part*.json > "$work/merged.json"
"$mailflow" aggregate "${all[@]}" > "$work/all.json"

# Rows and partners equal; the sources are the same files, listed in another order.
same() { node -e '
  const [a, b] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
  const pick = (j) => JSON.stringify({ rows: j.rows, partners: j.partners });
  process.exit(pick(a) === pick(b) ? 0 : 1);' "$1" "$2"; }
same "$work/merged.json" "$work/all.json" || fail "merging the parts differs from reading them all at once"
for f in connectors partners; do
  "$mailflow" "$f" --all --csv "$work/merged.json" > "$work/merged-$f.csv"
  "$mailflow" "$f" --all --csv "${all[@]}" > "$work/all-$f.csv"
  diff -u "$work/all-$f.csv" "$work/merged-$f.csv" || fail "$f of the merged parts differ"
done

# A trace apart from its detail: the message counts once in each part and loses the detail's TLS.
"$mailflow" aggregate message-trace.csv > "$work/trace.json"
"$mailflow" aggregate message-trace-detail.csv > "$work/detail.json"
"$mailflow" merge "$work/trace.json" "$work/detail.json" > "$work/split.json"
"$mailflow" aggregate message-trace.csv message-trace-detail.csv > "$work/together.json"
count() { node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(j.rows.reduce((n, r) => n + r.messages, 0));' "$1"; }
[ "$(count "$work/split.json")" -gt "$(count "$work/together.json")" ] ||
  fail "a trace merged apart from its detail should count its messages twice"
echo "partitions ok"
