#!/usr/bin/env bash
# Makes the compressed fixtures in this folder with the real tools, once (they are committed; the
# tests never run this). Needs gzip, pigz, zip, p7zip-full (7z), libarchive-tools (bsdtar), python3.
# The inputs are two mailflow CSVs written here by a fixed-seed generator; what each archive must
# read to is counted from them by hand (README.md).
# Usage: tests/engine/io/data/make_fixtures.sh   (writes into the folder it is in)
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export TZ=UTC
stamp=202611230600  # every file's time, so the archives' date fields are the same on every run

# gateway-a.csv: 1200 messages over 2026-11-20..22 (about 100 KB; more than one 16 KiB inflater
# block once compressed); gateway-b.csv: 40 messages on 2026-11-23.
csv() {  # csv SEED ROWS FIRST_DAY DAYS PREFIX
  awk -v seed="$1" -v rows="$2" -v first="$3" -v days="$4" -v prefix="$5" 'BEGIN {
    split("Inbound from Fabrikam|To Partners||Scanner relay", conn, "|")
    split("1.3|1.2|none|1.0|", tls, "|")
    split("mail.fabrikam.com|mx.adatum.com|mx1.contoso.com|203.0.113.9", host, "|")
    print "timestamp,direction,connector,tls_version,bytes,message_id,remote_host"
    s = seed
    for (i = 1; i <= rows; i++) {
      s = (s * 69069 + 1) % 4294967296; r = int(s / 256)  # exact in any awk
      printf "2026-11-%02dT%02d:%02d:%02dZ,%s,%s,%s,%d,<%s%05d.%x@contoso.com>,%s\n",
        first + r % days, int(r / 7) % 24, int(r / 13) % 60, int(r / 17) % 60,
        int(r / 3) % 3 == 0 ? "outbound" : "inbound", conn[1 + int(r / 5) % 4], tls[1 + int(r / 11) % 5],
        1000 + int(r / 19) % 90000, prefix, i, r, host[1 + int(r / 23) % 4]
    }
  }'
}
mkdir exports
csv 20261120 1200 20 3 a > exports/gateway-a.csv
csv 20261123 40 23 1 b > exports/gateway-b.csv
touch -t "$stamp" exports exports/*

# gzip
gzip -9 -c exports/gateway-a.csv > "$out/gzip-9-name.csv.gz"                  # FNAME and mtime set
gzip -n -c exports/gateway-a.csv > "$out/two-members.csv.gz"                  # no name; then a second
gzip -n -c exports/gateway-b.csv >> "$out/two-members.csv.gz"                 # member, as cat a.gz b.gz
pigz -n -b 32 -c exports/gateway-a.csv > "$out/pigz-blocks.csv.gz"            # 32 KiB blocks, sync marks
7z a -tgzip -mx=9 -bd -bso0 "$work/gateway-a.csv.gz" exports/gateway-a.csv     # 7-Zip's own deflate
mv "$work/gateway-a.csv.gz" "$out/7z-gzip.csv.gz"

# zip (Info-ZIP 3.0)
zip -q -X -9 -r "$out/info-zip.zip" exports                                   # folder entry, sizes in headers
zip -q -X - exports/gateway-a.csv exports/gateway-b.csv | cat > "$out/info-zip-streamed.zip"  # to a pipe: descriptors
cat exports/gateway-b.csv | zip -q -X "$out/info-zip-stdin.zip" -             # entry "-", Zip64, descriptor

# 7-Zip
7z a -tzip -mx=9 -bd -bso0 "$out/7z.zip" exports                              # its own deflate encoder
7z a -tzip -mx=0 -bd -bso0 "$out/7z-stored.zip" exports/gateway-b.csv         # stored entries
7z a -tzip -mm=Deflate64 -bd -bso0 "$out/7z-deflate64.zip" exports/gateway-b.csv  # method 9
7z a -tzip -mm=Deflate -bd -bso0 "$out/7z-deflate64.zip" exports/gateway-a.csv    # plus a deflate entry

# libarchive: Windows 10/11's tar.exe is bsdtar (tar -a -cf out.zip ...)
bsdtar --format zip -cf "$out/bsdtar.zip" exports                              # descriptor after every entry
bsdtar --format zip --options zip:compression=store -cf "$out/bsdtar-stored.zip" exports/gateway-b.csv

# Python's zipfile writing to a pipe, as web applications stream an export
python3 - exports/gateway-a.csv exports/gateway-b.csv <<'EOF' | cat > "$out/python-streamed.zip"
import sys, zipfile
with zipfile.ZipFile(sys.stdout.buffer, "w", zipfile.ZIP_DEFLATED) as z:
    for name in sys.argv[1:]:
        with open(name, "rb") as f, z.open(name, "w") as entry:
            entry.write(f.read())
EOF

# Archives inside an archive: a gzip and an Info-ZIP archive of gateway-b.csv, zipped again.
gzip -n -c exports/gateway-b.csv > gateway-b.csv.gz
zip -q -X inner.zip exports/gateway-b.csv
touch -t "$stamp" gateway-b.csv.gz inner.zip
zip -q -X "$out/nested.zip" gateway-b.csv.gz inner.zip

ls -l "$out"
