#!/usr/bin/env bash
# The shell on every hostile input: each run must end (within a time limit) with exit 0 and its
# report, or exit 1 and a one-line reason on stderr; never a crash, a hang or silence.
set -u
shell=$1 source_dir=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
node "$source_dir/tests/hostile/make_hostile_files.mjs" "$dir" --big || exit 1
failed=0
for f in "$dir"/*; do
  name=$(basename "$f")
  timeout 120 "$shell" aggregate "$f" >"$dir/.out" 2>"$dir/.err"
  status=$?
  if [ "$status" -eq 0 ]; then
    grep -q '"schema":"mailflow.aggregate.v1"' "$dir/.out" || { echo "FAIL $name: exit 0 without an aggregate"; failed=1; }
    # Every file that was read reports what became of it: an error, a problem or a note.
    grep -qE '"error"|"problems":\[\{|"notes":\["|"skipped":[1-9]|"messages":[1-9]' "$dir/.out" \
      || { echo "FAIL $name: nothing said about the file"; failed=1; }
  elif [ "$status" -eq 1 ]; then
    [ "$(wc -l <"$dir/.err")" -ge 1 ] && grep -q "$name: " "$dir/.err" \
      || { echo "FAIL $name: exit 1 without a reason naming the file"; cat "$dir/.err"; failed=1; }
  else
    echo "FAIL $name: exit status $status (crash or hang)"; cat "$dir/.err"; failed=1
  fi
  echo "$name: exit $status: $(head -c 160 "$dir/.err" | tr '\n' ' ')"
done
exit $failed
