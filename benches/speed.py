#!/usr/bin/env python3
"""The speed figures of rolefit, in one run (benches/README.md quotes them).

Usage: benches/speed.py [--rolefit BIN] [--folder COUNT] [--rounds N] [--big COUNT]

1. One file: `rolefit check PDF -q` against `pdftotext PDF` on the same
   two-page PDF, whole processes, interleaved (A B A B ...), medians.
2. Extraction per real-world PDF (one resume from each producer in
   fixtures/pdf/producers): `rolefit extract` against `pdftotext`, one process
   per file, and PyMuPDF (when `import fitz` works) in one Python process,
   which pays no process start-up (so favours PyMuPDF).
3. A folder of COUNT generated resumes (half PDF, benches/make_folder.py):
   `rolefit check DIR --format ndjson` with `--jobs 1` and `--jobs 2`, against
   pdftotext extracting its PDFs alone (one process per file, two at a time);
   wall time and peak RSS (GNU time).
4. With --big COUNT: that many generated files (mixed formats) checked with
   `--format ndjson` to a file: wall time and peak RSS.

Needs python3, pdftotext (poppler-utils) and GNU time (/usr/bin/time).
"""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ONE_PDF = os.path.join(ROOT, "fixtures/pdf/producers/alvarez-technician.chromium-print.pdf")


def wall(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def interleaved(cmds, rounds):
    """Median wall seconds of each command, run in turn `rounds` times."""
    times = [[] for _ in cmds]
    for _ in range(rounds):
        for i, cmd in enumerate(cmds):
            times[i].append(wall(cmd))
    return [statistics.median(t) for t in times]


def gnu_time(cmd, stdout=subprocess.DEVNULL):
    """(wall seconds, peak RSS MiB) of one run under GNU time."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name] + cmd, stdout=stdout, stderr=subprocess.DEVNULL)
        secs, kib = out.read().split()[-2:]
    return float(secs), int(kib) / 1024


def pymupdf_times(files, rounds):
    """Median seconds per file of PyMuPDF's text extraction, in this process."""
    try:
        import fitz  # noqa: F401
    except ImportError:
        return None
    per = {f: [] for f in files}
    for _ in range(rounds):
        for f in files:
            t = time.perf_counter()
            with fitz.open(f) as doc:
                "".join(page.get_text() for page in doc)
            per[f].append(time.perf_counter() - t)
    return {f: statistics.median(t) for f, t in per.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rolefit", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release/rolefit"))
    ap.add_argument("--folder", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--big", type=int, default=0)
    args = ap.parse_args()
    for tool in ["pdftotext", "/usr/bin/time"]:
        if not shutil.which(tool):
            sys.exit(f"missing {tool} (apt-get install poppler-utils time)")
    rf = args.rolefit
    print(f"rolefit: {rf}; load average {os.getloadavg()[0]:.2f} at the start")

    # 1. One file.
    check, ptt = interleaved([[rf, "check", ONE_PDF, "-q"], ["pdftotext", "-q", ONE_PDF, "/dev/null"]], args.rounds)
    print("\n## One file (two-page PDF, whole processes, medians of %d interleaved runs)\n" % args.rounds)
    print("| command | ms |\n|---|---:|")
    print(f"| rolefit check -q | {check * 1e3:.1f} |\n| pdftotext | {ptt * 1e3:.1f} |")
    print(f"\nratio check / pdftotext = {check / ptt:.2f} (target <= 1.0)")

    # 2. Extraction per real-world PDF.
    producers = {}
    for f in sorted(glob.glob(os.path.join(ROOT, "fixtures/pdf/producers/*.pdf"))):
        producers.setdefault(os.path.basename(f).split(".")[1], f)
    files = list(producers.values())
    rounds = max(args.rounds // 3, 5)
    rfx, ptx = [], []
    for _ in range(rounds):
        for f in files:
            rfx.append(wall([rf, "extract", f]))
            ptx.append(wall(["pdftotext", "-q", "-enc", "UTF-8", f, "/dev/null"]))
    mu = pymupdf_times(files, rounds)
    print(f"\n## Extraction, {len(files)} PDFs (one per producer), {rounds} rounds, mean of per-file times\n")
    print("| extractor | ms per file |\n|---|---:|")
    print(f"| rolefit extract (process per file) | {statistics.mean(rfx) * 1e3:.2f} |")
    print(f"| pdftotext (process per file) | {statistics.mean(ptx) * 1e3:.2f} |")
    if mu:
        print(f"| PyMuPDF (one Python process, no start-up) | {statistics.mean(mu.values()) * 1e3:.2f} |")
    else:
        print("| PyMuPDF | not installed |")

    # 3. The folder.
    work = tempfile.mkdtemp()
    try:
        folder = os.path.join(work, "resumes")
        subprocess.run([sys.executable, os.path.join(ROOT, "benches/make_folder.py"), folder, str(args.folder)], check=True)
        pdfs = sorted(glob.glob(os.path.join(folder, "**/*.pdf"), recursive=True))
        for f in glob.glob(os.path.join(folder, "**/*"), recursive=True):
            if os.path.isfile(f):
                open(f, "rb").read()
        rows = []
        for jobs in ["2", "1"]:
            secs, mib = gnu_time([rf, "check", folder, "--format", "ndjson", "--no-progress", "--jobs", jobs])
            rows.append((f"rolefit check folder --jobs {jobs}", args.folder, secs, mib))
        listing = os.path.join(work, "pdfs.txt")
        with open(listing, "w") as out:
            out.write("\0".join(pdfs))
        secs, mib = gnu_time(["sh", "-c", f"xargs -0 -P 2 -I{{}} pdftotext -q {{}} /dev/null < {listing}"])
        rows.append(("pdftotext, its PDFs alone, xargs -P 2", len(pdfs), secs, mib))
        if args.big:
            big = os.path.join(work, "big")
            subprocess.run([sys.executable, os.path.join(ROOT, "benches/make_folder.py"), big, str(args.big)], check=True, stdout=subprocess.DEVNULL)
            with open(os.path.join(work, "big.ndjson"), "w") as out:
                secs, mib = gnu_time([rf, "check", big, "--format", "ndjson", "--no-progress"], stdout=out)
            rows.append((f"rolefit check, {args.big} files, ndjson to a file", args.big, secs, mib))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n## Folder ({args.folder} resumes, half PDF)\n")
    print("| run | files | wall s | files/s | peak RSS MiB |\n|---|---:|---:|---:|---:|")
    for label, n, secs, mib in rows:
        print(f"| {label} | {n} | {secs:.2f} | {n / max(secs, 1e-3):.0f} | {mib:.0f} |")
    print(f"\nratio rolefit folder (--jobs 2) / pdftotext PDFs alone = {rows[0][2] / rows[2][2]:.2f} (target <= 0.15)")
    print(f"scaling --jobs 1 -> 2: {rows[1][2] / rows[0][2]:.2f}x")
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
