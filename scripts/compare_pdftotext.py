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

The files where rolefit gives fewer words are then split by what rolefit
said about them (its stderr: warnings and typed errors):

- said: rolefit failed with a typed error (`no_text`, `encrypted`,
  `malformed`, `limit`, naming the cause), or warned of a cut (pages or text
  past a resource limit, text outside the visible page area) or of text it
  left out (`hidden_text`, `no_unicode`, `ocr_no_unicode`) whose counted
  characters cover at least half the letters and digits it gives fewer of;
- same letters: no more than LOSS fewer letters and digits (pdftotext put
  more spaces into the same text);
- silent: the rest, the losses nothing told the user of (an `internal`
  error, a crash or a timeout is silent too).

It also counts the files whose rolefit text looks like PDF source (object
headers, `endobj`, dictionary keys), which should be none.

`--reviewed FILE` (default: eval/public-pdfs/reviewed.tsv) gives a verdict,
reached by reading the file, for listed files where rolefit gives fewer
letters and digits: `sha256 TAB verdict TAB name TAB reason`, the verdict
one of `hidden` (text a reader cannot see: invisible, in a layer hidden by
default; not evidence, by design), `cropped` (outside the crop box, which
viewers do not show), `not-text` (pdftotext's extra "text" is not the
document's: glyph codes of shapes or of fonts without any Unicode mapping),
`limit` (cut at a resource limit, said) or `loss` (rolefit reads less of
what a reader sees). The summary then counts the real losses: `loss`
verdicts plus files with no verdict.
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


def run(cmd, timeout, with_stderr=False):
    try:
        out = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return (None, "timeout", "") if with_stderr else (None, "timeout")
    stderr = out.stderr.decode("utf-8", "replace")
    if out.returncode != 0:
        lines = stderr.strip().splitlines()
        result = None, lines[-1] if lines else f"exit {out.returncode}"
    else:
        result = out.stdout.decode("utf-8", "replace"), None
    return (*result, stderr) if with_stderr else result


# Typed errors that say why there is no text (`internal` does not).
SAID_ERRORS = {"no_text", "encrypted", "malformed", "limit", "unsupported", "too_large"}
# Warnings of text left out, with the count of characters they name.
COUNTED = re.compile(r"warning: (?:hidden_text|no_unicode|ocr_no_unicode): (\d+) characters")
OUTSIDE = re.compile(r"warning: (\d+) characters outside the visible page area were ignored")
# Warnings of a cut whose size they do not give.
CUT = re.compile(r"warning: (?:only the first \d+ of \d+ pages were read|text cut|a ToUnicode map was cut)")
PDF_SOURCE = re.compile(r"\b\d+ \d+ obj\b|\bendobj\b|\bendstream\b|/Type\s*/[A-Z]|/Length \d|\b\d+ \d+ R\b")


def error_kind(err):
    """`no_text` of `rolefit: PATH: no_text: …`."""
    m = re.search(r": ([a-z_]+): ", err or "")
    return m.group(1) if m else None


def classify(row):
    """said / same letters / silent, with the reason (see the module doc)."""
    _path, _a, _b, err, la, lb, stderr, loss = row
    if err is not None:
        kind = error_kind(err)
        if err != "timeout" and kind in SAID_ERRORS:
            return "said", f"error {kind}"
        return "silent", f"error {kind or err}"
    if la >= (1 - loss) * lb:
        return "same letters", ""
    lost = lb - la
    if CUT.search(stderr):
        return "said", "cut warning"
    warned = sum(int(n) for n in COUNTED.findall(stderr)) + sum(int(n) for n in OUTSIDE.findall(stderr))
    kinds = sorted(set(re.findall(r"warning: ([a-z_]+): \d+ characters", stderr)))
    if OUTSIDE.search(stderr):
        kinds.append("outside_page")
    if warned and 2 * warned >= lost:
        return "said", f"warned of {warned} characters ({', '.join(kinds)}), {lost} fewer letters and digits"
    if warned:
        return "silent", f"warned of only {warned} characters ({', '.join(kinds)}), {lost} fewer letters and digits"
    return "silent", f"{lost} fewer letters and digits, no warning"


VERDICTS = ("hidden", "cropped", "not-text", "limit", "loss")


def load_reviewed(path):
    """sha256 -> (verdict, reason) from a reviewed.tsv, if there is one."""
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#") or line.startswith("sha256\t"):
            continue
        sha, verdict, _name, reason = line.rstrip("\n").split("\t", 3)
        if verdict not in VERDICTS:
            raise SystemExit(f"{path}: unknown verdict {verdict!r}")
        out[sha] = (verdict, reason)
    return out


def sha256_of(path):
    import hashlib

    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin", default="target/release/rolefit")
    ap.add_argument("--loss", type=float, default=0.2, help="share of words lost that counts (0.2)")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--cjk", action="store_true", help="count CJK characters, not words")
    ap.add_argument(
        "--reviewed",
        default=os.path.join(os.path.dirname(__file__), "..", "eval", "public-pdfs", "reviewed.tsv"),
        help="verdicts on files that lose letters (sha256, verdict, name, reason)",
    )
    args = ap.parse_args()
    reviewed = load_reviewed(args.reviewed)

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
    pdf_source = []
    for path in pdfs:
        rf, rf_err, rf_stderr = run([args.bin, "extract", path], args.timeout, with_stderr=True)
        if rf and len(PDF_SOURCE.findall(rf)) >= 3:
            pdf_source.append(path)
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
            ours_lose.append((path, a, b, rf_err, letters(rf or ""), letters(pt or ""), rf_stderr, args.loss))
        elif a and b < (1 - args.loss) * a:
            theirs_lose.append((path, a, b, pt_err, letters(rf or ""), letters(pt or ""), "", args.loss))

    def show(title, rows, err_of):
        print(f"## {title} ({len(rows)})")
        for path, a, b, err, la, lb, _stderr, _loss in rows:
            note = f"  [{err_of}: {err}]" if err else ""
            chars = "" if args.cjk else f"  (letters and digits: {la} / {lb})"
            print(f"  {a:>7} rolefit {b:>7} pdftotext  {path}{chars}{note}")
        print()

    show("rolefit loses", ours_lose, "rolefit")
    show("pdftotext loses", theirs_lose, "pdftotext")
    classes = {"silent": [], "said": [], "same letters": []}
    if not args.cjk:
        for row in ours_lose:
            cls, why = classify(row)
            classes[cls].append((row, why))
        for cls, title in (
            ("silent", "rolefit loses, silent losses"),
            ("said", "rolefit loses, said (typed error or warning)"),
            ("same letters", f"rolefit loses words, not over {args.loss:.0%} of letters and digits"),
        ):
            print(f"## {title} ({len(classes[cls])})")
            for (path, a, b, *_rest), why in classes[cls]:
                print(f"  {a:>7} rolefit {b:>7} pdftotext  {path}" + (f"  [{why}]" if why else ""))
            print()
    if pdf_source:
        print(f"## rolefit text that looks like PDF source ({len(pdf_source)})")
        for path in pdf_source:
            print(f"  {path}")
        print()
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
        print(
            f"rolefit loses: {len(classes['silent'])} silent, {len(classes['said'])} said, "
            f"{len(classes['same letters'])} with the same letters and digits; "
            f"rolefit text that looks like PDF source: {len(pdf_source)}"
        )
    if not args.cjk:
        lose_letters = [r for r in ours_lose if r[4] < (1 - args.loss) * r[5]]
        tally = Counter()
        print(f"## rolefit gives over {args.loss:.0%} fewer letters and digits, by reviewed verdict ({len(lose_letters)})")
        for path, a, b, *_rest in lose_letters:
            verdict, reason = reviewed.get(sha256_of(path), ("not reviewed", ""))
            tally[verdict] += 1
            print(f"  {verdict:>12}  {path}" + (f"  ({reason})" if reason else ""))
        real = tally["loss"] + tally["not reviewed"]
        print(
            f"real losses (verdict loss, or not reviewed): {real}; by design or not text: "
            + ", ".join(f"{v} {tally[v]}" for v in VERDICTS[:4])
            + f"; not reviewed {tally['not reviewed']}"
        )
    if args.cjk:
        print(
            f"CJK characters: rolefit {totals['rolefit']}, pdftotext {totals['pdftotext']}, "
            f"of pdftotext's also in rolefit's {totals['shared']}"
        )


if __name__ == "__main__":
    sys.exit(main())
