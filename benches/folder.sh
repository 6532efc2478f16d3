#!/usr/bin/env bash
# End-to-end folder benchmark: rolefit checking a folder of
# varied resumes (half PDF) versus pdftotext extracting the same PDFs, one
# process per file, two at a time (xargs -P 2), measured in the same run.
#
# Usage: benches/folder.sh [COUNT] [WORK_DIR]      (default 2000 resumes)
# Needs: python3, pdftotext (poppler-utils), GNU time (time); a release build
# is made with cargo. Prints a Markdown table: wall time, resumes per second,
# peak RSS, and the ratio rolefit / pdftotext.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-2000}
WORK=${2:-$(mktemp -d)}
JOBS=${JOBS:-2}
for tool in python3 pdftotext /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install poppler-utils time python3)" >&2; exit 1; }
done
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/rolefit
DIR="$WORK/resumes"
rm -rf "$DIR"
python3 benches/make_folder.py "$DIR" "$COUNT"
NPDF=$(find "$DIR" -name '*.pdf' | wc -l)
NALL=$(find "$DIR" -type f | wc -l)
BYTES=$(du -sb "$DIR" | cut -f1)

# Warm the page cache so neither side pays for the first read.
cat "$DIR"/*/* > /dev/null

measure() { # label files command... ; prints "label files wall rss_kb"
    local label=$1 files=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > /dev/null 2> "$WORK/stderr.txt" || {
        local rc=$?
        # rolefit exits 2 when some file has an error; anything else is a failure.
        [ "$rc" = 2 ] || { cat "$WORK/stderr.txt" >&2; exit "$rc"; }
    }
    read -r wall rss < <(tail -1 "$WORK/time.txt")
    echo "$label $files $wall $rss"
}

{
    measure "rolefit-check-folder-jobs-$JOBS" "$NALL" "$BIN" check "$DIR" --format json --no-progress --jobs "$JOBS" -o "$WORK/report.json"
    measure "rolefit-check-folder-jobs-1" "$NALL" "$BIN" check "$DIR" --format json --no-progress --jobs 1 -o "$WORK/report1.json"
    measure "rolefit-check-pdfs-only-jobs-$JOBS" "$NPDF" "$BIN" check "$DIR/pdf" --format json --no-progress --jobs "$JOBS" -o "$WORK/report-pdf.json"
    measure "pdftotext-pdfs-xargs-P2" "$NPDF" sh -c "find '$DIR' -name '*.pdf' -print0 | xargs -0 -P 2 -I{} pdftotext -q {} /dev/null"
} > "$WORK/figures.txt"

python3 - "$WORK/figures.txt" "$WORK/report.json" "$NALL" "$NPDF" "$BYTES" <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1])]
report = json.load(open(sys.argv[2]))
nall, npdf, size = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
s = report["summary"]
assert s["files"] == nall, f"report has {s['files']} files, folder {nall}"
print(f"{nall} resumes ({npdf} PDF), {size / 1e6:.1f} MB; rolefit: {s['ok']} ok, {s['errors']} errors")
print()
print("| run | files | wall s | files/s | peak RSS MiB |")
print("|---|---:|---:|---:|---:|")
walls = {}
for label, files, wall, rss in rows:
    walls[label] = float(wall)
    print(f"| {label} | {files} | {float(wall):.2f} | {int(files) / max(float(wall), 1e-3):.0f} | {int(rss) / 1024:.0f} |")
pt = [v for k, v in walls.items() if k.startswith("pdftotext")][0]
rf = [v for k, v in walls.items() if k.startswith("rolefit-check-folder") and not k.endswith("jobs-1")][0]
r1 = walls.get("rolefit-check-folder-jobs-1")
print()
print(f"ratio: rolefit whole folder / pdftotext PDFs alone = {rf / pt:.2f} (target <= 0.5)")
if r1:
    print(f"scaling: jobs 1 -> jobs N speed-up = {r1 / rf:.2f}x")
PY
echo "(work files in $WORK)"
