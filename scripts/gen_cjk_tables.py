#!/usr/bin/env python3
"""Regenerates the CJK tables of the PDF reader (src/extract/pdf/cjk/) from
Adobe's open resources (BSD-3-Clause):

- adobe-type-tools/cmap-resources: the predefined encoding CMaps
  (code → CID) of Adobe-Japan1, -GB1, -CNS1 and -Korea1;
- adobe-type-tools/mapping-resources-pdf: `pdf2unicode/Adobe-*-UCS2`,
  each collection's CID → Unicode map.

    python3 scripts/gen_cjk_tables.py CMAP_RESOURCES MAPPING_RESOURCES

Each argument is a checkout or a bare git directory of that repository (read
at HEAD with `git show`). Writes, into src/extract/pdf/cjk/:

- `tables.rs`: the directory of CMaps (names, collections, code spaces,
  where their runs are, the CMap each is stored against) and of the blobs;
- `cmaps.bin`: the code → CID runs of every included CMap, 8 bytes each
  (code length, last byte of the last code, first CID as u16 LE, first code
  as u32 LE), sorted by length and code; one run covers codes that differ
  only in their last byte. A CMap close to an earlier one of its collection
  (90msp-RKSJ-H to 90ms-RKSJ-H) keeps only its differences, CID 0 marking a
  code it does not map, and names the other as its `base`;
- `<collection>.bin`: CID → Unicode: one u16 LE per CID (0: no text,
  0xFFFF: one of the extras), then the extras, 8 bytes each (CID u16, length
  u16, offset u32 of UTF-8 text), sorted by CID, then their text.

Only the horizontal (-H) CMaps are kept: a -V CMap differs only in the CIDs
of vertical glyph forms, which are the same text. The `Uni…` CMaps are not
kept either: their codes are Unicode already. Variation selectors are
dropped from the Unicode text (a resume's words must match as typed).
"""
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "extract", "pdf", "cjk")

# (collection, its folder in cmap-resources)
COLLECTIONS = [
    ("Japan1", "Adobe-Japan1-7"),
    ("GB1", "Adobe-GB1-6"),
    ("CNS1", "Adobe-CNS1-7"),
    ("Korea1", "Adobe-Korea1-2"),
]
# The Rust `Collection` variant of each.
VARIANT = {"Japan1": "Japan1", "GB1": "Gb1", "CNS1": "Cns1", "Korea1": "Korea1"}


class Repo:
    """Files of a checkout, or of a git directory at HEAD."""

    def __init__(self, path):
        self.path = path
        self.worktree = os.path.isdir(os.path.join(path, ".git")) or not os.path.exists(
            os.path.join(path, "HEAD")
        )
        git = ["git", "-C", path] if self.worktree else ["git", "--git-dir", path]
        self.git = git
        self.commit = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True,
                                     check=True).stdout.strip()

    def read(self, rel):
        if self.worktree:
            with open(os.path.join(self.path, rel), "rb") as f:
                return f.read().decode("latin-1")
        return subprocess.run(self.git + ["show", "HEAD:" + rel], capture_output=True,
                              check=True).stdout.decode("latin-1")

    def names(self, folder):
        out = subprocess.run(self.git + ["ls-tree", "--name-only", "HEAD", folder + "/"],
                             capture_output=True, text=True, check=True).stdout
        return [line.rsplit("/", 1)[1] for line in out.split()]


def hexbytes(s):
    return bytes.fromhex(s)


def parse_cmap(text):
    """(usecmap name or None, codespace [(lo, hi)], {code bytes: cid})."""
    body = text.split("%%EndComments", 1)[-1]
    body = re.sub(r"%[^\n]*", "", body)
    use = re.search(r"/([\w.-]+)\s+usecmap", body)
    space = []
    for sec in re.findall(r"begincodespacerange(.*?)endcodespacerange", body, re.S):
        for lo, hi in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", sec):
            space.append((hexbytes(lo), hexbytes(hi)))
    codes = {}
    for sec in re.findall(r"begincidrange(.*?)endcidrange", body, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)", sec):
            lo, hi, cid = hexbytes(lo), hexbytes(hi), int(cid)
            assert len(lo) == len(hi)
            a, b = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
            for i, code in enumerate(range(a, b + 1)):
                codes[code.to_bytes(len(lo), "big")] = cid + i
    for sec in re.findall(r"begincidchar(.*?)endcidchar", body, re.S):
        for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s*(\d+)", sec):
            codes[hexbytes(code)] = int(cid)
    return (use.group(1) if use else None), space, codes


def load_cmap(repo, folder, name, cache):
    """A CMap with its `usecmap` parent merged in (the child's mappings win)."""
    if name in cache:
        return cache[name]
    use, space, codes = parse_cmap(repo.read("%s/CMap/%s" % (folder, name)))
    if use:
        pspace, pcodes = load_cmap(repo, folder, use, cache)
        space = space or pspace
        merged = dict(pcodes)
        merged.update(codes)
        codes = merged
    cache[name] = (space, codes)
    return cache[name]


def runs(codes):
    """Code → CID as runs: same length, same leading bytes, consecutive last
    byte and CID."""
    out = []
    for code in sorted(codes, key=lambda c: (len(c), c)):
        cid = codes[code]
        if out:
            first, last, first_cid = out[-1]
            if (len(code) == len(last) and code[:-1] == last[:-1] and code[-1] == last[-1] + 1
                    and cid == first_cid + code[-1] - first[-1]):
                out[-1] = (first, code, first_cid)
                continue
        out.append((code, code, cid))
    return out


# Legacy CMaps left out for size: rare in PDFs, and each would cost more
# than a thousand runs (Johab, GB/T 12345 traditional in GB codes, the Hong
# Kong vendor sets that HKscs-B5-H does not cover).
LEFT_OUT = {"KSC-Johab-H", "GBT-EUC-H", "GBT-H", "GBTpc-EUC-H", "HKdla-B5-H", "HKdlb-B5-H",
            "HKgccs-B5-H", "HKm314-B5-H", "HKm471-B5-H"}


def included(name):
    """The horizontal legacy CMaps: not Unicode (`Uni…`), not the
    collections' own `Adobe-…` CMaps, not Identity, not vertical."""
    if name.startswith(("Uni", "Adobe-", "Identity")) or name in LEFT_OUT:
        return False
    return not (name == "V" or name.endswith("-V"))


def against(codes, base):
    """What `codes` changes from `base`: its own mappings that differ, and
    CID 0 (no mapping, the base not consulted) for codes only the base maps."""
    out = {c: v for c, v in codes.items() if base.get(c) != v}
    out.update({c: 0 for c in base if c not in codes})
    return out


VS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def parse_ucs2(text):
    """CID → Unicode text from a `Adobe-*-UCS2` ToUnicode CMap."""
    body = re.sub(r"%[^\n]*", "", text.split("%%EndComments", 1)[-1])
    out = {}

    def utf16(h):
        return hexbytes(h).decode("utf-16-be")

    for sec in re.findall(r"beginbfchar(.*?)endbfchar", body, re.S):
        for cid, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", sec):
            out[int(cid, 16)] = utf16(dst)
    for sec in re.findall(r"beginbfrange(.*?)endbfrange", body, re.S):
        assert "[" not in sec
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>",
                                      sec):
            units = hexbytes(dst)
            for i, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                last = int.from_bytes(units[-2:], "big") + i
                out[cid] = (units[:-2] + last.to_bytes(2, "big")).decode("utf-16-be")
    out = {cid: VS.sub("", s) for cid, s in out.items()}
    return {cid: s for cid, s in out.items() if s and not all(ord(c) < 32 for c in s)}


def rust_str(s):
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c in " ._-") else "\\u{%x}" % ord(c)
                         for c in s) + '"'


def rust_bytes4(b):
    return "[%s]" % ", ".join("0x%02X" % x for x in (b + bytes(4))[:4])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    cmaps, mappings = Repo(sys.argv[1]), Repo(sys.argv[2])
    os.makedirs(OUT, exist_ok=True)
    out = []
    w = out.append
    w("//! Generated by `scripts/gen_cjk_tables.py` from Adobe's cmap-resources")
    w("//! (%s) and mapping-resources-pdf (%s), BSD-3-Clause: see" % (cmaps.commit[:12],
                                                                         mappings.commit[:12]))
    w("//! `LICENSE-Adobe.txt` beside this file. Do not edit by hand.")
    w("")
    w("use super::{CidTable, Collection, Predefined};")
    w("use crate::extract::pdf::cmap::CodeRange;")
    w("")

    # Every CMap, and the one it is stored against (a CMap before it in the
    # same collection whose differences take fewest runs; chains allowed).
    chosen = []
    for coll, folder in COLLECTIONS:
        cache, done = {}, []
        for name in sorted(n for n in cmaps.names(folder + "/CMap") if included(n)):
            space, codes = load_cmap(cmaps, folder, name, cache)
            best, base = codes, None
            for bname, bcodes in done:
                diff = against(codes, bcodes)
                if len(runs(diff)) < len(runs(best)):
                    best, base = diff, bname
            done.append((name, codes))
            chosen.append((name, coll, space, runs(best), base))
    chosen.sort()
    index = {c[0]: i for i, c in enumerate(chosen)}
    blob = bytearray()
    w("/// The predefined encoding CMaps, sorted by name: `runs` (first, count)")
    w("/// index `cmaps.bin`; a code none of them maps is looked up in `base`.")
    w("#[rustfmt::skip]")
    w("pub static CMAPS: &[Predefined] = &[")
    for name, coll, space, rs, base in chosen:
        start = len(blob) // 8
        for first, last, cid in rs:
            assert cid < 0x10000 and len(first) <= 4
            blob += struct.pack("<BBHI", len(first), last[-1], cid, int.from_bytes(first, "big"))
        cs = ", ".join("CodeRange { len: %d, lo: %s, hi: %s }" % (len(lo), rust_bytes4(lo),
                                                                    rust_bytes4(hi))
                       for lo, hi in space)
        w("    Predefined { name: %s, collection: Collection::%s, runs: (%d, %d), base: %s, codespace: &[%s] },"
          % (rust_str(name), VARIANT[coll], start, len(rs),
             "Some(%d)" % index[base] if base else "None", cs))
    w("];")
    w("")
    w('pub static CMAP_RUNS: &[u8] = include_bytes!("cmaps.bin");')
    w("")
    with open(os.path.join(OUT, "cmaps.bin"), "wb") as f:
        f.write(blob)

    sizes = {"cmaps.bin": len(blob)}
    for coll, _ in COLLECTIONS:
        table = parse_ucs2(mappings.read("pdf2unicode/Adobe-%s-UCS2" % coll))
        n = max(table) + 1
        dense = bytearray(2 * n)
        extra, pool = bytearray(), bytearray()
        for cid, s in sorted(table.items()):
            if len(s) == 1 and ord(s) < 0xFFFF:
                struct.pack_into("<H", dense, 2 * cid, ord(s))
            else:
                struct.pack_into("<H", dense, 2 * cid, 0xFFFF)
                text = s.encode("utf-8")
                extra += struct.pack("<HHI", cid, len(text), len(pool))
                pool += text
        fname = coll.lower() + ".bin"
        with open(os.path.join(OUT, fname), "wb") as f:
            f.write(dense + extra + pool)
        sizes[fname] = len(dense + extra + pool)
        w("/// Adobe-%s: CID → Unicode." % coll)
        w("pub static %s: CidTable = CidTable {" % coll.upper())
        w('    data: include_bytes!("%s"),' % fname)
        w("    cids: %d," % n)
        w("    extras: %d," % (len(extra) // 8))
        w("};")
        w("")
    with open(os.path.join(OUT, "tables.rs"), "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")
    with open(os.path.join(OUT, "LICENSE-Adobe.txt"), "w") as f:
        f.write("The files cmaps.bin, japan1.bin, gb1.bin, cns1.bin, korea1.bin and tables.rs\n"
                "in this folder are derived from two repositories of Adobe\n"
                "(github.com/adobe-type-tools), under these licences.\n\n"
                "cmap-resources, LICENSE.md:\n\n")
        f.write(cmaps.read("LICENSE.md").strip() + "\n\n")
        f.write("mapping-resources-pdf, LICENSE.txt:\n\n")
        f.write(mappings.read("LICENSE.txt").strip() + "\n")
    for k, v in sizes.items():
        print("%-12s %7d bytes" % (k, v), file=sys.stderr)


if __name__ == "__main__":
    main()
