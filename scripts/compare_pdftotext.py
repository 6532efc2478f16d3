#!/usr/bin/env python3
"""Word counts of `rolefit extract` against `pdftotext`, file by file, over a folder of PDFs.

    python3 scripts/compare_pdftotext.py FOLDER [--bin target/release/rolefit] [--loss 0.2] [--cjk]

For each PDF under FOLDER (recursively) it counts the words (runs of letters
and digits, NFKC- and case-folded) each tool extracts, and prints the files
where rolefit gives more than LOSS fewer words than pdftotext ("rolefit
loses"), then the reverse ("pdftotext loses"), then a summary: files, errors
of each tool, and how many files fall in each list. A developer tool for
re-running a public corpus (pdf.js, pypdf, pdfminer.six test files); the
fixture tests live in tests/it/.

`--cjk` counts CJK characters (Han, kana, Hangul) instead of words, since
Chinese and Japanese put no spaces between words; the summary then adds
the characters each tool found in all and how many of pdftotext's rolefit
also has (per file, the smaller of the two counts of each character).

Without `--cjk`, each listed file also shows both tools' counts of letters
and digits, and the summary says how many of the listed files also lose
more than LOSS of them: pdftotext splits letter-spaced text, ligatures and
Hangul jamo into more "words" for the same letters. The word counts stay
the lists' measure.
"""
from collections import Counter
import argparse
import os
import re
import subprocess
import sys
import unicodedata


def words(text):
    return len(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def letters(text):
    """Letters and digits, the measure that does not depend on where a tool
    puts spaces (pdftotext splits letter-spaced words into one word a letter)."""
    return sum(1 for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def cjk_chars(text):
    return Counter(CJK.findall(unicodedata.normalize("NFKC", text)))


def run(cmd, timeout):
    try:
        out = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if out.returncode != 0:
        lines = out.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, lines[-1] if lines else f"exit {out.returncode}"
    return out.stdout.decode("utf-8", "replace"), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin", default="target/release/rolefit")
    ap.add_argument("--loss", type=float, default=0.2, help="share of words lost that counts (0.2)")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--cjk", action="store_true", help="count CJK characters, not words")
    args = ap.parse_args()

    pdfs = sorted(
        os.path.join(root, f)
        for root, _, files in os.walk(args.folder)
        for f in files
        if f.lower().endswith(".pdf")
    )
    ours_lose, theirs_lose = [], []
    errors = {"rolefit": 0, "pdftotext": 0}
    totals = {"rolefit": 0, "pdftotext": 0, "shared": 0}
    unit = "CJK characters" if args.cjk else "words"
    for path in pdfs:
        rf, rf_err = run([args.bin, "extract", path], args.timeout)
        pt, pt_err = run(["pdftotext", "-q", "-enc", "UTF-8", path, "-"], args.timeout)
        errors["rolefit"] += rf_err is not None
        errors["pdftotext"] += pt_err is not None
        if args.cjk:
            ca, cb = cjk_chars(rf or ""), cjk_chars(pt or "")
            a, b = sum(ca.values()), sum(cb.values())
            totals["rolefit"] += a
            totals["pdftotext"] += b
            totals["shared"] += sum((ca & cb).values())
        else:
            a, b = words(rf or ""), words(pt or "")
        if b and a < (1 - args.loss) * b:
            ours_lose.append((path, a, b, rf_err, letters(rf or ""), letters(pt or "")))
        elif a and b < (1 - args.loss) * a:
            theirs_lose.append((path, a, b, pt_err, letters(rf or ""), letters(pt or "")))

    def show(title, rows, err_of):
        print(f"## {title} ({len(rows)})")
        for path, a, b, err, la, lb in rows:
            note = f"  [{err_of}: {err}]" if err else ""
            chars = "" if args.cjk else f"  (letters and digits: {la} / {lb})"
            print(f"  {a:>7} rolefit {b:>7} pdftotext  {path}{chars}{note}")
        print()

    show("rolefit loses", ours_lose, "rolefit")
    show("pdftotext loses", theirs_lose, "pdftotext")
    print(
        f"{len(pdfs)} PDFs; errors: rolefit {errors['rolefit']}, pdftotext {errors['pdftotext']}; "
        f"rolefit gives over {args.loss:.0%} fewer {unit} on {len(ours_lose)}, pdftotext on {len(theirs_lose)}"
    )
    if not args.cjk:
        # The same lists by letters and digits: a file where only the word
        # counts differ lost no text, pdftotext spaced it differently.
        ours = sum(1 for r in ours_lose if r[4] < (1 - args.loss) * r[5])
        theirs = sum(1 for r in theirs_lose if r[5] < (1 - args.loss) * r[4])
        print(
            f"of those, also over {args.loss:.0%} fewer letters and digits: rolefit on {ours}, pdftotext on {theirs}"
        )
    if args.cjk:
        print(
            f"CJK characters: rolefit {totals['rolefit']}, pdftotext {totals['pdftotext']}, "
            f"of pdftotext's also in rolefit's {totals['shared']}"
        )


if __name__ == "__main__":
    sys.exit(main())
