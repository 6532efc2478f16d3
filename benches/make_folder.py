#!/usr/bin/env python3
"""Writes a folder of varied resumes for benches/folder.sh.

Usage: make_folder.py OUT_DIR [COUNT]

Half are PDFs (in OUT_DIR/pdf, the rest in OUT_DIR/other): the producer fixtures (fixtures/pdf/producers, 18 producers x 3
resumes), each copy made distinct by a trailing PDF comment after %%EOF
(ignored by readers). The other half are text, Markdown and DOCX made from the
labelled text resumes (fixtures/resumes) with small textual variations: a
different name, dates shifted by a year, a reference line, so no two files are
the same. Deterministic (fixed seed).
"""

import glob
import importlib.util
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("hostile_gen", os.path.join(ROOT, "fixtures/hostile/generate.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

FIRST = ["Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jo", "Kofi", "Lena"]
LAST = ["Ng", "Okafor", "Silva", "Kowalski", "Haddad", "Larsen", "Mehta", "Rossi", "Tanaka", "Byrne"]


def vary(text, rng, i):
    lines = text.splitlines()
    if lines:
        lines[0] = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
    shift = rng.choice([-1, 0, 1])
    out = "\n".join(lines)
    if shift:
        out = re.sub(r"\b(19[89]\d|20[012]\d)\b", lambda m: str(min(int(m.group(1)) + shift, 2026)), out)
    return out + "\nReference: candidate %05d\n" % i


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(os.path.join(out, "pdf"), exist_ok=True)
    os.makedirs(os.path.join(out, "other"), exist_ok=True)
    rng = random.Random(2026)
    pdfs = sorted(glob.glob(os.path.join(ROOT, "fixtures/pdf/producers/*.pdf")))
    texts = sorted(glob.glob(os.path.join(ROOT, "fixtures/resumes/*.txt")) + glob.glob(os.path.join(ROOT, "fixtures/resumes/*.md")))
    if not pdfs or not texts:
        sys.exit("fixtures/pdf/producers or fixtures/resumes is empty (merge the pdffix branch?)")
    sources = [open(t, encoding="utf-8", errors="replace").read() for t in texts]
    n_pdf = count // 2
    for i in range(n_pdf):
        src = pdfs[i % len(pdfs)]
        data = open(src, "rb").read() + b"%% copy %d\n" % i
        name = os.path.basename(src)[:-4]
        with open(os.path.join(out, "pdf", "r%05d-%s.pdf" % (i, name)), "wb") as f:
            f.write(data)
    for j in range(count - n_pdf):
        i = n_pdf + j
        k = j % len(sources)
        text = vary(sources[k], rng, i)
        kind = ("txt", "txt", "md", "docx", "docx")[j % 5]
        base = os.path.join(out, "other", "r%05d-%s" % (i, os.path.splitext(os.path.basename(texts[k]))[0]))
        if kind == "docx":
            xml = gen.document(gen.paragraphs_xml(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")))
            with open(base + ".docx", "wb") as f:
                f.write(gen.docx(xml))
        else:
            with open(base + "." + kind, "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
