#!/usr/bin/env bash
# `--threads N` gives the answer of one thread, bit for bit: the aggregate JSON (every source's
# report with its records, skips, problems and notes), the text report and the partners, for the
# examples folder (every format, the joins between its files) and for long files that parse on a
# thread of their own (the format is chosen from the first 64 KB): a mailflow CSV, the same CSV
# again (its messages counted from the first file, which its report names), gzip, the Extended report,
# and an Exim and a Postfix log of several 4 MB ranges (cut at line ends from two threads on, the
# shell's chunks taken into ranges as they are). Also when the system gives no thread at all.
# Usage: threads.sh MAILFLOW EXAMPLES_DIR WORK_DIR [REFUSED_CHECK (1, the default, or 0)]
set -euo pipefail
mailflow=$1 examples=$2 work=$3 refused_check=${4:-1}
rm -rf "$work" && mkdir -p "$work/long"
fail() { echo "FAIL: $*" >&2; exit 1; }

for i in $(seq 40); do cat "$examples/mailflow.csv"; done > "$work/long/mailflow-long.csv"
cp "$work/long/mailflow-long.csv" "$work/long/zz-copy-of-mailflow-long.csv"
gzip -c "$work/long/mailflow-long.csv" > "$work/long/mailflow-long.csv.gz"
for i in 1 2 3; do cat "$examples/exo-extended-report.csv"; done > "$work/long/extended-long.csv"
for i in $(seq 1200); do cat "$examples/exim-mainlog"; done > "$work/long/exim-long.log"
for i in $(seq 500); do cat "$examples/maillog-postfix"; done > "$work/long/postfix-long.log"
cp "$examples/MSGTRK20261102-1.LOG" "$examples/RECV20261102-1.LOG" "$examples/SEND20261102-1.LOG" "$work/long/"
# 70,000 partners: the aggregate's partner cells are written in shares, one per thread.
awk 'BEGIN { print "timestamp,direction,connector,tls_version,bytes,message_id,remote_host"
  for (i = 0; i < 70000; i++) printf "2026-11-%02dT10:00:00Z,inbound,Gateway,1.2,%d,<m%d@x>,mx%d.example.com\n", i % 28 + 1, 1000 + i, i, i }' \
  > "$work/long/many-partners.csv"

for input in "$examples" "$work/long"; do
  name=$(basename "$input")
  "$mailflow" aggregate --threads 1 "$input" > "$work/$name-1.json" 2> /dev/null
  "$mailflow" report --all --threads 1 "$input" > "$work/$name-1.txt" 2> /dev/null
  "$mailflow" partners --all --csv --threads 1 "$input" > "$work/$name-1.csv" 2> /dev/null
  for threads in 2 3 8; do
    "$mailflow" aggregate --threads $threads "$input" > "$work/$name-$threads.json" 2> /dev/null
    cmp -s "$work/$name-1.json" "$work/$name-$threads.json" || fail "aggregate of $name with $threads threads differs"
    "$mailflow" report --all --threads $threads "$input" > "$work/$name-$threads.txt" 2> /dev/null
    diff -u "$work/$name-1.txt" "$work/$name-$threads.txt" || fail "report of $name with $threads threads differs"
    "$mailflow" partners --all --csv --threads $threads "$input" > "$work/$name-$threads.csv" 2> /dev/null
    diff -u "$work/$name-1.csv" "$work/$name-$threads.csv" || fail "partners of $name with $threads threads differ"
  done
  # The default (every core) is the same too.
  "$mailflow" aggregate "$input" 2> /dev/null | cmp -s "$work/$name-1.json" - || fail "aggregate of $name by default differs"
done
# A system that refuses threads (here a stack size, which glibc gives each new thread, that no
# thread can be mapped with): the same answer, where std::thread's exception ended the program.
# Two threads: a file's parse thread; eight: ranges, and the partner cells' shares. Not under
# ThreadSanitizer (REFUSED_CHECK 0), which stops the program at a thread stack it cannot map.
for input in "$examples" "$work/long"; do
  [ "$refused_check" = 1 ] || break
  name=$(basename "$input")
  for threads in 2 8; do
    prlimit --stack=$((1 << 40)) "$mailflow" aggregate --threads $threads "$input" > "$work/$name-refused.json" 2> "$work/$name-refused.err" ||
      fail "aggregate of $name with $threads threads refused: exit $? ($(tail -1 "$work/$name-refused.err"))"
    cmp -s "$work/$name-1.json" "$work/$name-refused.json" || fail "aggregate of $name with $threads threads refused differs"
  done
done
grep -q '"counted_by":"zz-copy-of-mailflow-long.csv"' "$work/long-2.json" && fail "the copy counted the messages"
grep -q '"counted_by":"mailflow-long.csv' "$work/long-2.json" || fail "no note names the file that counted the messages first"
echo "threads: the same answer with 1, 2, 3 and 8 threads"
