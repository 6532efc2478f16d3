#!/usr/bin/env python3
"""Real scanned / image resumes: rebuild the files, run rolefit's OCR, print agreement.

The resumes themselves never enter the repository. `manifest.tsv` names each
file by public repository, commit, path and sha256 (kind `image` or
`pdf-scan`); this script rebuilds them into a scratch folder from local git
mirrors (`/work/.mirror/OWNER+NAME/repo`, bare or with a work tree) or, when
no mirror is there, a `git clone`, verifies every sha256, refuses any file
whose sha256 is in the hold-out list, runs `rolefit check --format json` on
each file on its own under `/usr/bin/time` (wall seconds per file), and
compares the report with `labels/ID.toml`:

- certifications: exact match per file over the core five (cpt, cpim,
  six-sigma with its belt, cmq-oe, lean) plus osha-10/osha-30 when a label
  names them;
- education: `highest` (and, separately, `engineering_degree`);
- years of experience within 0.5 and within 1 year;
- level;
- files read (status ok) vs no_text / other errors; mean OCR confidence;
  seconds per page.

Usage: run.py [--rolefit BIN] [--scratch DIR] [--verbose] [--only ID,ID]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent

CORE_CERTS = ["cpt", "cpim", "six-sigma", "cmq-oe", "lean"]
OPTIONAL_CERTS = ["osha-10", "osha-30"]
LEVELS = ["junior", "mid", "senior", "lead", "manager"]
EDUCATION = ["none", "high_school", "associate", "bachelor", "master", "doctorate"]
KINDS = ["image", "pdf-scan"]


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
    for r in rows:
        if r["kind"] not in KINDS:
            fail(f"{r['id']}: kind {r['kind']!r} not in {KINDS}")
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
    if (candidate / ".git").is_dir():
        return candidate / ".git"
    return candidate if candidate.is_dir() else None


def clone_git_dir(scratch: Path, repository: str) -> Path:
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
    files_dir = scratch / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    built: dict[str, Path] = {}
    for row in rows:
        want = row["sha256"].lower()
        if want in holdout:
            fail(f"{row['id']}: sha256 {want} is in the hold-out list; remove it from the manifest")
        out = files_dir / f"{row['id']}{Path(row['path']).suffix.lower()}"
        if out.is_file() and sha256_of(out.read_bytes()) == want:
            built[row["id"]] = out
            continue
        git_dir = mirror_git_dir(mirror_root, row["repository"])
        data = blob_at(git_dir, row["commit"], row["path"]) if git_dir else None
        if data is None:
            git_dir = clone_git_dir(scratch, row["repository"])
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
    for cert_id, value in label.get("certifications", {}).items():
        status = value if isinstance(value, str) else value.get("status")
        if status not in ("held", "in_progress"):
            fail(f"{path.name}: certification {cert_id}: status {status!r}")
    if label["education"]["highest"] not in EDUCATION:
        fail(f"{path.name}: education.highest {label['education']['highest']!r}")
    if label["experience"]["level"] not in LEVELS:
        fail(f"{path.name}: experience.level {label['experience']['level']!r}")
    return label


def cert_label(label: dict, cert_id: str) -> tuple[str, str | None]:
    value = label.get("certifications", {}).get(cert_id)
    if value is None:
        return "absent", None
    if isinstance(value, str):
        return value, None
    return value["status"], value.get("detail")


def run_one(rolefit: Path, path: Path, as_of: str) -> tuple[dict | None, float | None, str]:
    """Runs rolefit on one file under /usr/bin/time; returns (result, wall seconds, error text)."""
    with tempfile.NamedTemporaryFile(suffix=".time") as tf:
        cmd = ["/usr/bin/time", "-f", "%e", "-o", tf.name,
               str(rolefit), "check", str(path), "--format", "json", "--as-of", as_of,
               "--no-progress", "--no-config"]
        run = subprocess.run(cmd, capture_output=True)
        try:
            wall = float(Path(tf.name).read_text().strip().splitlines()[-1])
        except (ValueError, IndexError):
            wall = None
    if run.returncode not in (0, 1, 2):
        return None, wall, f"exit {run.returncode}: {run.stderr.decode(errors='replace')[:200]}"
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return None, wall, "no JSON report"
    return report["results"][0], wall, ""


def pct(ok: int, total: int) -> str:
    return "n/a" if total == 0 else f"{ok}/{total} = {100.0 * ok / total:.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rolefit", type=Path, default=Path("/tmp/rolefit-ocr"))
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/rolefit-real-scans"))
    parser.add_argument("--mirror-root", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--holdout", type=Path, default=REPO_ROOT.parent / "shared/holdout-sha256.txt")
    parser.add_argument("--only", help="comma-separated ids to check")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch and per-file figures")
    parser.add_argument("--rebuild-only", action="store_true", help="rebuild and verify, do not check")
    parser.add_argument("--json-out", type=Path, help="write the per-file rolefit results here")
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
        fail(f"{args.rolefit} is not an executable; pass --rolefit")
    version = subprocess.run([str(args.rolefit), "--version"], capture_output=True, text=True).stdout.strip()

    labels = {r["id"]: load_label(HERE / "labels" / f"{r['id']}.toml") for r in rows}
    as_ofs = {label["as_of"] for label in labels.values()}
    if len(as_ofs) != 1:
        fail(f"labels disagree on as_of: {sorted(as_ofs)}")
    as_of = as_ofs.pop()

    n = len(rows)
    read_ok = no_text = errors = 0
    cert_ok = edu_ok = eng_ok = y05 = y10 = level_ok = 0
    confidences: list[float] = []
    low_conf: list[str] = []
    sec_per_page: list[float] = []
    mismatches: list[str] = []
    per_file: list[str] = []
    dump = {}
    for row in rows:
        ident = row["id"]
        label = labels[ident]
        result, wall, err = run_one(args.rolefit, built[ident], as_of)
        dump[ident] = {"wall_seconds": wall, "result": result, "error": err}
        status = (result or {}).get("status")
        if result is None:
            errors += 1
            mismatches.append(f"{ident}: rolefit failed: {err}")
            result = {}
        elif status == "ok":
            read_ok += 1
        elif status == "no_text" or "no_text" in json.dumps(result.get("error")):
            no_text += 1
            mismatches.append(f"{ident}: no_text: {result.get('error')}")
        else:
            errors += 1
            mismatches.append(f"{ident}: status {status}: {result.get('error')}")
        doc = result.get("document") or {}
        ocr = doc.get("ocr") or {}
        if ocr.get("mean_confidence") is not None:
            confidences.append(ocr["mean_confidence"])
            if ocr.get("low_confidence"):
                low_conf.append(ident)
        pages = doc.get("pages") or label.get("pages") or 1
        if wall is not None:
            sec_per_page.append(wall / pages)

        # certifications: exact match per file
        cert_ids = CORE_CERTS + [c for c in OPTIONAL_CERTS if c in label.get("certifications", {})]
        found = {c.get("id"): c for c in result.get("certifications") or []}
        file_cert_ok = True
        for cert_id in cert_ids:
            want_status, want_detail = cert_label(label, cert_id)
            got = found.get(cert_id) or {}
            got_status, got_detail = got.get("status", "(not in report)"), got.get("detail")
            ok = got_status == want_status and (want_detail is None or got_detail == want_detail)
            if not ok:
                file_cert_ok = False
                text = ((got.get("evidence") or [{}])[0] or {}).get("text", "")
                mismatches.append(f"{ident}: certification {cert_id}: expected "
                                  f"{want_status} {want_detail or ''}, got {got_status} {got_detail or ''}"
                                  + (f" (evidence {text[:70]!r})" if text else ""))
        cert_ok += file_cert_ok

        education = result.get("education") or {}
        if education.get("highest") == label["education"]["highest"]:
            edu_ok += 1
        else:
            mismatches.append(f"{ident}: education: expected {label['education']['highest']}, "
                              f"got {education.get('highest')}")
        if education.get("engineering_degree") == label["education"]["engineering_degree"]:
            eng_ok += 1
        else:
            mismatches.append(f"{ident}: engineering_degree: expected "
                              f"{label['education']['engineering_degree']}, got {education.get('engineering_degree')}")

        level = result.get("level") or {}
        years = level.get("years_experience")
        want_years = label["experience"]["years"]
        if years is not None and abs(years - want_years) <= 0.5 + 1e-9:
            y05 += 1
        if years is not None and abs(years - want_years) <= 1.0 + 1e-9:
            y10 += 1
        if years is None or abs(years - want_years) > 0.5 + 1e-9:
            mismatches.append(f"{ident}: years: expected {want_years}, got {years}")
        if level.get("id") == label["experience"]["level"]:
            level_ok += 1
        else:
            mismatches.append(f"{ident}: level: expected {label['experience']['level']}, got "
                              f"{level.get('id')} (latest_title {level.get('latest_title')!r})")
        per_file.append(f"  {ident:22} {row['kind']:8} status={status or 'error':8} "
                        f"conf={ocr.get('mean_confidence', '-')!s:5} wall={wall}s pages={pages} "
                        f"years={years} level={level.get('id')} edu={education.get('highest')}")

    print(f"{version} (OCR), --as-of {as_of}, {n} files "
          f"({sum(r['kind'] == 'image' for r in rows)} image, {sum(r['kind'] == 'pdf-scan' for r in rows)} pdf-scan)")
    print(f"  files read (status ok)   {read_ok}/{n}   no_text {no_text}   other errors {errors}")
    print(f"  certifications (exact per file, core five + belt) {pct(cert_ok, n)}")
    print(f"  education highest        {pct(edu_ok, n)}")
    print(f"  engineering_degree       {pct(eng_ok, n)}")
    print(f"  years within 0.5         {pct(y05, n)}")
    print(f"  years within 1           {pct(y10, n)}")
    print(f"  level                    {pct(level_ok, n)}")
    if confidences:
        print(f"  OCR mean confidence      mean {statistics.mean(confidences):.1f}%  "
              f"min {min(confidences):.1f}%  max {max(confidences):.1f}%  "
              f"low_confidence files {len(low_conf)} {low_conf if low_conf else ''}")
    if sec_per_page:
        print(f"  wall seconds per page    mean {statistics.mean(sec_per_page):.2f}  "
              f"median {statistics.median(sec_per_page):.2f}  max {max(sec_per_page):.2f} "
              f"(one file per rolefit run; shared, loaded machine)")
    if args.verbose:
        print("\nper file:")
        print("\n".join(per_file))
        print(f"\n{len(mismatches)} mismatches:")
        for line in mismatches:
            print(f"  {line}")
    if args.json_out:
        args.json_out.write_text(json.dumps(dump, indent=1))


if __name__ == "__main__":
    main()
