#!/usr/bin/env python3
"""Word recall of `rolefit extract` and `pdftotext` against a source text.

    python3 scripts/pdf_recall.py SOURCE.txt FILE.pdf...   [--bin target/release/rolefit]

Words are NFKC-folded, case-folded runs of letters/digits (a hyphen splits
words). For each PDF it prints recall (source words found, with multiplicity),
the number of extracted words not in the source vocabulary ("bad": glued,
split or garbage words) and the wall time of both tools. A developer tool for
measuring the PDF text layer; the fixture tests live in tests/.
"""
import argparse
import collections
import os
import re
import subprocess
import time
import unicodedata


def words(text):
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u00ad", "")
    return re.findall(r"\w+", text)


def score(source, text):
    want = collections.Counter(source)
    got = collections.Counter(words(text))
    hit = sum(min(n, got[w]) for w, n in want.items())
    bad = [w for w in got.elements() if w not in want]
    return hit / max(1, sum(want.values())), bad


def run(cmd):
    start = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True)
    return out.stdout, time.time() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--bin", default=os.environ.get("ROLEFIT", "target/release/rolefit"))
    args = ap.parse_args()
    source = words(open(args.source, encoding="utf-8").read())
    for pdf in args.pdfs:
        ours, t_ours = run([args.bin, "extract", pdf])
        theirs, t_theirs = run(["pdftotext", pdf, "-"])
        r1, b1 = score(source, ours)
        r2, b2 = score(source, theirs)
        print(f"{os.path.basename(pdf):36s} rolefit {r1:.3f} bad {len(b1):3d} {t_ours * 1000:5.0f} ms"
              f" | pdftotext {r2:.3f} bad {len(b2):3d} {t_theirs * 1000:5.0f} ms  {sorted(set(b1))[:6]}")


if __name__ == "__main__":
    main()
