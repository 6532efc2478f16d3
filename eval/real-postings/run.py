#!/usr/bin/env python3
"""Real-posting development set: rebuild the postings, read them with `--job`, print accuracy.

The postings themselves never enter the repository. `manifest.tsv` names each
one by public repository, commit, path and row (a CSV row by its `job_id`, a
TSV row by its index), with the sha256 of the rebuilt text. This script
rebuilds them into a scratch folder from a local git mirror of the repository
(or a `git clone` of it), verifies every sha256, refuses any posting whose
text or source file has a sha256 in the hold-out list, runs
`rolefit check RESUME --job POSTING --format json` on each and compares the
posting's requirements with the labels in `labels/ID.toml`.

Figures (over certifications, taxonomy skills, degrees and years of
experience): precision and recall of the requirement ids; severity
(required / preferred / duty) right on the matched ones; "also asked for":
terms that are not asked-for terms (non-terms) and the recall of the labelled
terms.

Usage: run.py [--rolefit BIN] [--scratch DIR] [--verbose] [--only ID,ID]
       run.py --folder DIR [--rolefit BIN] [--verbose]

`--folder DIR` scores a folder of labelled postings the same way: every
`NAME.expected.toml` (the format of `labels/`) with its posting `NAME.txt`,
`NAME.md` or `NAME.html` beside it (`fixtures/postings` is one).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
RESUME = REPO_ROOT / "fixtures/resumes/mid_tech_associate.txt"
AS_OF = "2024-06"

SEVERITIES = ["required", "preferred", "duty"]
EDUCATION_KEYS = {
    "high_school": "education.high_school",
    "associate": "education.associate",
    "bachelor": "education.bachelor",
    "master": "education.master",
    "doctorate": "education.doctorate",
    "engineering": "education.engineering-degree",
}
# The `part` of a posting requirement in the JSON report, as a label severity.
PART_SEVERITY = {"required": "required", "preferred": "preferred", "duties": "duty", "intro": "duty"}

csv.field_size_limit(1 << 30)


def fail(message: str) -> None:
    print(f"run.py: {message}", file=sys.stderr)
    sys.exit(2)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest() -> list[dict[str, str]]:
    with open(HERE / "manifest.tsv", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if not r["id"].startswith("#")]
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        fail("manifest.tsv has a duplicate id")
    return rows


def read_holdout(path: Path) -> set[str]:
    if not path.is_file():
        fail(f"hold-out list {path} not found; pass --holdout")
    return {
        line.strip().lower()
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }


def skill_ids() -> set[str]:
    taxonomy = tomllib.loads((REPO_ROOT / "rules/taxonomy.toml").read_text())
    return {s["id"] for s in taxonomy.get("skill", [])}


def mirror_git_dir(mirror_root: Path, repository: str) -> Path | None:
    base = mirror_root / repository.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "objects").is_dir():
            return candidate
    return None


def clone_git_dir(scratch: Path, repository: str) -> Path:
    """A clone of the repository, kept under the scratch folder."""
    target = scratch / "_clones" / repository.replace("/", "+")
    if not (target / ".git").is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        url = f"https://github.com/{repository}.git"
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", url, str(target)], check=True)
    return target / ".git"


def blob_at(git_dir: Path, commit: str, path: str) -> bytes | None:
    result = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], capture_output=True
    )
    return result.stdout if result.returncode == 0 else None


def posting_text(row: dict[str, str], data: bytes) -> str:
    """The posting as a reader sees it: the title (when the dataset has one), a
    blank line, then the description; one final newline. `md` and `html`: the
    whole file is the posting (a careers page kept in a repository)."""
    if row["format"] in ("md", "html"):
        text = data.decode("utf-8")
        return text if text.endswith("\n") else text + "\n"
    if row["format"] == "md-html":
        # A site generator's page (Grav `job.md`): YAML front matter, whose
        # `title:` is the title (the rest is the job board's metadata and the
        # recruiter's internal notes, no part of the posting), then the
        # posting as HTML.
        text = data.decode("utf-8")
        _, front, body = text.split("---\n", 2)
        title = next(
            line.split(":", 1)[1].strip().strip("'\"")
            for line in front.splitlines()
            if line.startswith("title:")
        )
        text = title + "\n\n" + body.strip("\n")
        return text + "\n"
    delimiter = {"csv": ",", "tsv": "\t", "csv-html": ","}[row["format"]]
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter=delimiter))
    key, _, value = row["row"].partition("=")
    if key == "row":
        record = records[int(value)]
    else:
        matches = [r for r in records if r.get(key) == value]
        if len(matches) != 1:
            fail(f"{row['id']}: {len(matches)} rows with {key} = {value}")
        record = matches[0]
    text = record[row["text_column"]]
    if row["title_column"]:
        text = record[row["title_column"]].strip() + "\n\n" + text
    return text if text.endswith("\n") else text + "\n"


def rebuild(rows, scratch: Path, mirror_root: Path, holdout: set[str]) -> dict[str, Path]:
    """Writes every manifest posting into `scratch`; returns id -> path."""
    files_dir = scratch / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    built: dict[str, Path] = {}
    sources: dict[tuple[str, str, str], bytes] = {}
    for row in rows:
        want = row["sha256"].lower()
        if want in holdout or row["file_sha256"].lower() in holdout:
            fail(f"{row['id']}: a sha256 of it is in the hold-out list; remove it from the manifest")
        # `csv-html`: a CSV whose description is HTML (an Indeed page's
        # `jobDescriptionText`); the posting is written as an .html file.
        # `md` / `html`: a careers page file, written with that extension.
        # `md-html`: front matter's title, then an HTML body (an .html file).
        ext = {"csv-html": "html", "md-html": "html", "md": "md", "html": "html"}.get(row["format"], "txt")
        out = files_dir / f"{row['id']}.{ext}"
        if out.is_file() and sha256_of(out.read_bytes()) == want:
            built[row["id"]] = out
            continue
        source = (row["repository"], row["commit"], row["path"])
        if source not in sources:
            git_dir = mirror_git_dir(mirror_root, row["repository"])
            data = blob_at(git_dir, row["commit"], row["path"]) if git_dir else None
            if data is None:
                git_dir = clone_git_dir(scratch, row["repository"])
                data = blob_at(git_dir, row["commit"], row["path"])
            if data is None:
                fail(f"{row['id']}: {row['repository']}@{row['commit']}:{row['path']} not found")
            file_sha = sha256_of(data)
            if file_sha in holdout:
                fail(f"{row['id']}: the source file is in the hold-out list; refusing it")
            if file_sha != row["file_sha256"].lower():
                fail(f"{row['id']}: source file sha256 {file_sha} does not match the manifest")
            sources[source] = data
        text = posting_text(row, sources[source]).encode()
        got = sha256_of(text)
        if got in holdout or sha256_of(text.rstrip(b"\n")) in holdout:
            fail(f"{row['id']}: the rebuilt posting is in the hold-out list; refusing it")
        if got != want:
            fail(f"{row['id']}: sha256 {got} does not match the manifest's {want}")
        out.write_bytes(text)
        built[row["id"]] = out
    return built


def load_label(path: Path, skills: set[str]) -> dict[str, object]:
    """The labelled requirements: id -> severity, `experience.years` -> (min, severity)."""
    label = tomllib.loads(path.read_text())
    name = path.name
    items: dict[str, str] = {}

    def sev(what: str, value: str) -> str:
        if value not in SEVERITIES:
            fail(f"{name}: {what}: severity {value!r} not in {SEVERITIES}")
        return value

    for cert, value in label.get("certifications", {}).items():
        items[f"cert.{cert}"] = sev(cert, value)
    for skill, value in label.get("skills", {}).items():
        if skill not in skills:
            fail(f"{name}: unknown skill id {skill!r}")
        items[f"skill.{skill}"] = sev(skill, value)
    for key, value in label.get("education", {}).items():
        if key not in EDUCATION_KEYS:
            fail(f"{name}: education key {key!r} not in {sorted(EDUCATION_KEYS)}")
        items[EDUCATION_KEYS[key]] = sev(key, value)
    years = label.get("years")
    also = label.get("also", {})
    unknown = set(label) - {"title", "years", "education", "certifications", "skills", "also"}
    if unknown:
        fail(f"{name}: unknown keys {sorted(unknown)}")
    return {
        "items": items,
        "years": (float(years["min"]), sev("years", years["severity"])) if years else None,
        "also_expected": list(also.get("expected", [])),
        "also_ok": list(also.get("ok", [])),
    }


def term_key(term: str) -> str:
    """Two spellings of a term share this key: lower case, `-` and `/` as spaces, no plural `s`."""
    k = " ".join(term.lower().replace("-", " ").replace("/", " ").replace("’", "'").split()).strip(".,;:")
    k = k.removesuffix("'s")
    if len(k) > 3 and k.endswith("s") and not k.endswith("ss"):
        k = k[:-1]
    return k


YEARS = re.compile(r"at least ([0-9.]+) years?")


@dataclass
class Tally:
    files: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    severity_ok: int = 0
    terms: int = 0
    non_terms: int = 0
    expected_terms: int = 0
    expected_found: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)

    def kind(self, ident: str) -> list[int]:
        """[tp, fp, fn, severity ok] of one kind of requirement."""
        return self.kinds.setdefault(ident.split(".")[0], [0, 0, 0, 0])


def compare(ident: str, label: dict, posting: dict, t: Tally) -> None:
    t.files += 1
    want: dict[str, str] = dict(label["items"])
    years = label["years"]
    if years:
        want["experience.years"] = years[1]
    got: dict[str, tuple[str, str]] = {}
    for r in posting.get("requirements", []):
        severity = PART_SEVERITY.get(r["part"], r["part"])
        got[r["requirement"]] = (severity, r["name"], r["evidence"].get("text", ""))
    # A wrong number of years is a false positive and a false negative.
    if "experience.years" in got and years:
        m = YEARS.search(got["experience.years"][1])
        value = float(m.group(1)) if m else None
        if value is None or abs(value - years[0]) > 1e-6:
            t.mismatches.append(
                f"{ident}: years: expected {years[0]:g} {years[1]}, got {got['experience.years'][1]!r}"
                f" ({got['experience.years'][0]}; {got['experience.years'][2][:90]!r})"
            )
            t.fp += 1
            t.fn += 1
            t.kind("experience")[1] += 1
            t.kind("experience")[2] += 1
            del got["experience.years"]
            del want["experience.years"]
    for rid, severity in want.items():
        k = t.kind(rid)
        if rid in got:
            t.tp += 1
            k[0] += 1
            if got[rid][0] == severity:
                t.severity_ok += 1
                k[3] += 1
            else:
                t.mismatches.append(
                    f"{ident}: {rid}: severity expected {severity}, got {got[rid][0]} ({got[rid][2][:90]!r})"
                )
        else:
            t.fn += 1
            k[2] += 1
            t.mismatches.append(f"{ident}: {rid}: missed ({severity})")
    for rid, (severity, _, text) in got.items():
        if rid not in want:
            t.fp += 1
            t.kind(rid)[1] += 1
            t.mismatches.append(f"{ident}: {rid}: not asked, got {severity} ({text[:90]!r})")

    ok = {term_key(x) for x in label["also_expected"] + label["also_ok"]}
    reported = [a["term"] for a in posting.get("also_asked_for", [])]
    keys = {term_key(x) for x in reported}
    for term in reported:
        t.terms += 1
        if term_key(term) not in ok:
            t.non_terms += 1
            t.mismatches.append(f"{ident}: also asked for: non-term {term!r}")
    for term in label["also_expected"]:
        t.expected_terms += 1
        if term_key(term) in keys:
            t.expected_found += 1
        else:
            t.mismatches.append(f"{ident}: also asked for: missed {term!r}")


def ratio(a: int, b: int) -> str:
    return "n/a" if b == 0 else f"{a / b:.3f}"


def print_table(t: Tally) -> None:
    print(f"requirements of {t.files} labelled postings (certifications, skills, degrees, years):")
    print(f"  precision                {ratio(t.tp, t.tp + t.fp)}  (tp {t.tp} fp {t.fp})")
    print(f"  recall                   {ratio(t.tp, t.tp + t.fn)}  (fn {t.fn})")
    print(f"  severity right           {ratio(t.severity_ok, t.tp)}  ({t.severity_ok} of {t.tp} matched)")
    for kind, (tp, fp, fn, sev) in sorted(t.kinds.items()):
        print(f"    {kind:<12} precision {ratio(tp, tp + fp)}  recall {ratio(tp, tp + fn)}"
              f"  severity {ratio(sev, tp)}  (tp {tp} fp {fp} fn {fn})")
    print(f"  also asked for           {t.non_terms} non-terms of {t.terms} listed;"
          f" {t.expected_found} of {t.expected_terms} labelled terms found")


def read_posting(rolefit: Path, path: Path, ident: str) -> tuple[str, dict]:
    """`rolefit check RESUME --job PATH`: the version and the `posting` object."""
    run = subprocess.run(
        [str(rolefit), "check", str(RESUME), "--job", str(path), "--format", "json",
         "--as-of", AS_OF, "--no-progress", "--no-config"],
        capture_output=True,
    )
    if run.returncode not in (0, 1):
        fail(f"{ident}: rolefit exited with {run.returncode}: {run.stderr.decode(errors='replace')}")
    report = json.loads(run.stdout)
    return report["tool"]["version"], report["results"][0].get("posting") or {}


def score_folder(args) -> None:
    """Scores every NAME.expected.toml of a folder against its posting NAME.(txt|md|html)."""
    if not os.access(args.rolefit, os.X_OK):
        fail(f"{args.rolefit} is not an executable; build it or pass --rolefit")
    skills = skill_ids()
    tally = Tally()
    version = "?"
    for label_path in sorted(args.folder.glob("*.expected.toml")):
        name = label_path.name.removesuffix(".expected.toml")
        posting_path = next(
            (args.folder / f"{name}.{ext}" for ext in ("txt", "md", "html")
             if (args.folder / f"{name}.{ext}").is_file()),
            None,
        )
        if posting_path is None:
            fail(f"{name}: no posting beside {label_path}")
        version, posting = read_posting(args.rolefit, posting_path, name)
        compare(name, load_label(label_path, skills), posting, tally)
    print(f"rolefit {version}, --as-of {AS_OF}, folder {args.folder}")
    print_table(tally)
    if args.verbose:
        print(f"\n{len(tally.mismatches)} mismatches:")
        for line in tally.mismatches:
            print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rolefit", type=Path, default=REPO_ROOT / "target/release/rolefit")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/rolefit-postings"))
    parser.add_argument("--mirror-root", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--holdout", type=Path, default=REPO_ROOT.parent / "shared/holdout-sha256.txt")
    parser.add_argument("--only", help="comma-separated ids to check")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch per posting")
    parser.add_argument("--rebuild-only", action="store_true", help="rebuild and verify, do not check")
    parser.add_argument("--folder", type=Path, help="score the labelled postings of a folder instead")
    args = parser.parse_args()

    if args.folder:
        score_folder(args)
        return

    rows = read_manifest()
    if args.only:
        wanted = set(args.only.split(","))
        rows = [r for r in rows if r["id"] in wanted]
    holdout = read_holdout(args.holdout)
    built = rebuild(rows, args.scratch, args.mirror_root, holdout)
    print(f"rebuilt and verified {len(built)} postings in {args.scratch / 'files'}")
    if args.rebuild_only:
        return
    if not os.access(args.rolefit, os.X_OK):
        fail(f"{args.rolefit} is not an executable; build it or pass --rolefit")

    skills = skill_ids()
    labels = {r["id"]: load_label(HERE / "labels" / f"{r['id']}.toml", skills) for r in rows}
    tally = Tally()
    by_group: dict[str, Tally] = {}
    version = "?"
    for row in rows:
        ident = row["id"]
        version, posting = read_posting(args.rolefit, built[ident], ident)
        compare(ident, labels[ident], posting, tally)
        compare(ident, labels[ident], posting, by_group.setdefault(row["group"], Tally()))

    print(f"rolefit {version}, --as-of {AS_OF}")
    print_table(tally)
    for group, t in sorted(by_group.items()):
        print(f"\n[{group}]")
        print_table(t)
    if args.verbose:
        print(f"\n{len(tally.mismatches)} mismatches:")
        for line in tally.mismatches:
            print(f"  {line}")


if __name__ == "__main__":
    main()
