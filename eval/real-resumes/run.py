#!/usr/bin/env python3
"""Real-resume development set: rebuild the files, check them, print accuracy.

The resumes themselves never enter the repository. `manifest.tsv` names each
one by public repository, commit, path and sha256; this script rebuilds them
into a scratch folder from a local git mirror of that repository (or a
`git clone` of it), verifies every sha256, refuses any file whose sha256 is in
the hold-out list, runs rolefit on them and compares its JSON report with the
labels in `labels/ID.toml` (the same fields and tolerances as
`tests/resumes.rs`).

Usage: run.py [--rolefit BIN] [--scratch DIR] [--verbose] [--only ID,ID]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent

CORE_CERTS = ["cpt", "cpim", "six-sigma", "cmq-oe", "lean"]
SKILL_IDS = [
    "equipment-operation", "machine-setup", "quality-control", "preventive-maintenance",
    "troubleshooting", "equipment-repair", "safety-compliance", "lean-manufacturing",
    "blueprint-reading", "cad-cam", "calibration", "documentation", "inventory-management",
    "assembly", "training", "process-improvement", "production-scheduling",
    "supply-chain-management", "resource-planning", "strategic-planning", "communication",
    "problem-solving", "teamwork", "adaptability", "leadership", "mentoring",
    "time-management", "attention-to-detail", "negotiation",
]
LEVELS = ["junior", "mid", "senior", "lead", "manager"]
EDUCATION = ["none", "high_school", "associate", "bachelor", "master", "doctorate"]
CERT_STATUSES = ["held", "in_progress"]


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


def mirror_git_dir(mirror_root: Path, repository: str) -> Path | None:
    candidate = mirror_root / repository.replace("/", "+") / "repo"
    return candidate if candidate.is_dir() else None


def clone_git_dir(scratch: Path, repository: str, commit: str) -> Path:
    """A clone of the repository at `commit`, kept under the scratch folder."""
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


def rebuild(rows, scratch: Path, mirror_root: Path, holdout: set[str]) -> dict[str, Path]:
    """Writes every manifest file into `scratch`; returns id -> path."""
    files_dir = scratch / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    built: dict[str, Path] = {}
    for row in rows:
        want = row["sha256"].lower()
        if want in holdout:
            fail(f"{row['id']}: sha256 {want} is in the hold-out list; remove it from the manifest")
        suffix = Path(row["path"]).suffix.lower()
        out = files_dir / f"{row['id']}{suffix}"
        if out.is_file() and sha256_of(out.read_bytes()) == want:
            built[row["id"]] = out
            continue
        git_dir = mirror_git_dir(mirror_root, row["repository"])
        data = blob_at(git_dir, row["commit"], row["path"]) if git_dir else None
        if data is None:
            git_dir = clone_git_dir(scratch, row["repository"], row["commit"])
            data = blob_at(git_dir, row["commit"], row["path"])
        if data is None:
            fail(f"{row['id']}: {row['repository']}@{row['commit']}:{row['path']} not found")
        got = sha256_of(data)
        if got in holdout:
            fail(f"{row['id']}: the rebuilt file is in the hold-out list; refusing it")
        if got != want:
            fail(f"{row['id']}: sha256 {got} does not match the manifest's {want}")
        out.write_bytes(data)
        built[row["id"]] = out
    return built


def load_label(path: Path) -> dict:
    label = tomllib.loads(path.read_text())
    name = path.name
    for cert_id, value in label.get("certifications", {}).items():
        status = value if isinstance(value, str) else value.get("status")
        if status not in CERT_STATUSES:
            fail(f"{name}: certification {cert_id}: status {status!r} not in {CERT_STATUSES}")
    if label["education"]["highest"] not in EDUCATION:
        fail(f"{name}: education.highest {label['education']['highest']!r}")
    if label["experience"]["level"] not in LEVELS:
        fail(f"{name}: experience.level {label['experience']['level']!r}")
    skills = label["skills"]
    for skill in skills["present"] + skills.get("absent", []):
        if skill not in SKILL_IDS:
            fail(f"{name}: unknown skill id {skill!r}")
    if len(set(skills["present"])) != len(skills["present"]):
        fail(f"{name}: a skill is listed twice in present")
    return label


def cert_label(label: dict, cert_id: str) -> tuple[str, str | None]:
    value = label.get("certifications", {}).get(cert_id)
    if value is None:
        return "absent", None
    if isinstance(value, str):
        return value, None
    return value["status"], value.get("detail")


def skill_decisions(label: dict) -> list[tuple[str, bool]]:
    skills = label["skills"]
    if skills.get("complete"):
        return [(s, s in skills["present"]) for s in SKILL_IDS]
    return [(s, True) for s in skills["present"]] + [(s, False) for s in skills.get("absent", [])]


def find(result: dict, key: str, ident: str) -> dict | None:
    return next((x for x in result.get(key) or [] if x.get("id") == ident), None)


@dataclass
class Tally:
    files: int = 0
    cert_total: int = 0
    cert_ok: int = 0
    belt_total: int = 0
    belt_ok: int = 0
    education_ok: int = 0
    years_ok: int = 0
    level_ok: int = 0
    quantified_ok: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    mismatches: list[str] = field(default_factory=list)


def compare(ident: str, label: dict, result: dict, t: Tally) -> None:
    def miss(what: str, want, got) -> None:
        t.mismatches.append(f"{ident}: {what}: expected {want}, got {got}")

    t.files += 1
    cert_ids = CORE_CERTS + [c for c in label.get("certifications", {}) if c not in CORE_CERTS]
    for cert_id in cert_ids:
        want_status, want_detail = cert_label(label, cert_id)
        found = find(result, "certifications", cert_id) or {}
        got_status = found.get("status", "(not in report)")
        got_detail = found.get("detail")
        t.cert_total += 1
        ok = got_status == want_status and (want_detail is None or got_detail == want_detail)
        t.cert_ok += ok
        if not ok:
            miss(f"certification {cert_id}", f"{want_status} {want_detail or ''}".strip(),
                 f"{got_status} {got_detail or ''}".strip() + evidence(found))

    # Six Sigma belt: the held belt (or none) on every file where either side names one.
    want_status, want_detail = cert_label(label, "six-sigma")
    found = find(result, "certifications", "six-sigma") or {}
    want_belt = want_detail if want_status == "held" else None
    got_belt = found.get("detail") if found.get("status") == "held" else None
    if want_belt or got_belt:
        t.belt_total += 1
        t.belt_ok += want_belt == got_belt

    education = result.get("education") or {}
    want_edu = (label["education"]["highest"], label["education"]["engineering_degree"])
    got_edu = (education.get("highest"), education.get("engineering_degree"))
    if want_edu == got_edu:
        t.education_ok += 1
    else:
        miss("education (highest, engineering)", want_edu, got_edu)

    level = result.get("level") or {}
    years = level.get("years_experience")
    if years is not None and abs(years - label["experience"]["years"]) <= 0.5 + 1e-9:
        t.years_ok += 1
    else:
        miss("years", f"{label['experience']['years']} ±0.5", years)
    if level.get("id") == label["experience"]["level"]:
        t.level_ok += 1
    else:
        miss("level", label["experience"]["level"],
             f"{level.get('id')} (latest_title {level.get('latest_title')!r})")

    quantified = (result.get("achievements") or {}).get("quantified")
    if quantified is not None and abs(quantified - label["achievements"]["quantified"]) <= 1:
        t.quantified_ok += 1
    else:
        miss("quantified", f"{label['achievements']['quantified']} ±1", quantified)

    for skill, want_present in skill_decisions(label):
        found = find(result, "skills", skill) or {}
        got_present = found.get("status") == "present"
        if want_present and got_present:
            t.tp += 1
        elif want_present:
            t.fn += 1
            miss(f"skill {skill}", "present", found.get("status", "(not in report)"))
        elif got_present:
            t.fp += 1
            miss(f"skill {skill}", "absent", "present" + evidence(found))
        else:
            t.tn += 1


def evidence(found: dict) -> str:
    items = found.get("evidence") or []
    if not items:
        return ""
    text = items[0].get("text", "")
    return f" (evidence: {text[:80]!r})"


def pct(ok: int, total: int) -> str:
    return "n/a" if total == 0 else f"{ok}/{total} = {100.0 * ok / total:.1f}%"


def print_table(t: Tally) -> None:
    precision = t.tp / (t.tp + t.fp) if t.tp + t.fp else 0.0
    recall = t.tp / (t.tp + t.fn) if t.tp + t.fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"accuracy over {t.files} real resumes:")
    print(f"  certification status     {pct(t.cert_ok, t.cert_total)}")
    print(f"  Six Sigma belt           {pct(t.belt_ok, t.belt_total)}  (files where either side names a held belt)")
    print(f"  education                {pct(t.education_ok, t.files)}")
    print(f"  years (±0.5)             {pct(t.years_ok, t.files)}")
    print(f"  level                    {pct(t.level_ok, t.files)}")
    print(f"  skills                   precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
          f"  (tp {t.tp} fp {t.fp} fn {t.fn} tn {t.tn})")
    print(f"  quantified (±1)          {pct(t.quantified_ok, t.files)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rolefit", type=Path, default=REPO_ROOT / "target/release/rolefit")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/rolefit-real"))
    parser.add_argument("--mirror-root", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--holdout", type=Path, default=REPO_ROOT.parent / "shared/holdout-sha256.txt")
    parser.add_argument("--only", help="comma-separated ids to check")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch per file")
    parser.add_argument("--rebuild-only", action="store_true", help="rebuild and verify, do not check")
    args = parser.parse_args()

    rows = read_manifest()
    if args.only:
        wanted = set(args.only.split(","))
        rows = [r for r in rows if r["id"] in wanted]
    holdout = read_holdout(args.holdout)
    built = rebuild(rows, args.scratch, args.mirror_root, holdout)
    print(f"rebuilt and verified {len(built)} files in {args.scratch / 'files'}")
    if args.rebuild_only:
        return
    if not os.access(args.rolefit, os.X_OK):
        fail(f"{args.rolefit} is not an executable; build it or pass --rolefit")

    labels = {r["id"]: load_label(HERE / "labels" / f"{r['id']}.toml") for r in rows}
    as_ofs = {label["as_of"] for label in labels.values()}
    if len(as_ofs) != 1:
        fail(f"labels disagree on as_of: {sorted(as_ofs)}")
    as_of = as_ofs.pop()

    paths = [str(built[r["id"]]) for r in rows]
    run = subprocess.run(
        [str(args.rolefit), "check", *paths, "--format", "json", "--as-of", as_of,
         "--no-progress", "--no-config"],
        capture_output=True,
    )
    if run.returncode not in (0, 1, 2):
        fail(f"rolefit exited with {run.returncode}: {run.stderr.decode(errors='replace')}")
    report = json.loads(run.stdout)
    by_path = {r["path"]: r for r in report["results"]}

    tally = Tally()
    by_role: dict[str, Tally] = {}
    for row in rows:
        ident = row["id"]
        result = by_path.get(str(built[ident]))
        if result is None or result.get("status") != "ok":
            error = (result or {}).get("error")
            tally.mismatches.append(f"{ident}: not checked: {error}")
            result = {}
        compare(ident, labels[ident], result, tally)
        compare(ident, labels[ident], result, by_role.setdefault(row["group"], Tally()))

    print(f"rolefit {report['tool']['version']}, --as-of {as_of}")
    print_table(tally)
    for group, t in sorted(by_role.items()):
        print(f"\n[{group}]")
        print_table(t)
    if args.verbose:
        print(f"\n{len(tally.mismatches)} mismatches:")
        for line in tally.mismatches:
            print(f"  {line}")


if __name__ == "__main__":
    main()
