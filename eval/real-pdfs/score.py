#!/usr/bin/env python3
"""Compares rolefit's results on the real-world PDFs with their labels.

usage: score.py MANIFEST LABELS RESULTS_DIR AS_OF

Reads RESULTS_DIR/ID.json (rolefit check), ID.rolefit.txt (rolefit extract)
and ID.pdftotext.txt, prints a table per file and per producer, and writes
RESULTS_DIR/summary.json.
"""

import csv
import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}


def normalize(text):
    """What two extractions must agree on: NFKC, no zero-width characters,
    ASCII dashes and quotes, lower case, single spaces. A soft hyphen is kept:
    a reader sees a hyphen there, so extracting U+00AD is an error."""
    text = unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH).translate(DASHES).translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip().lower()


MARKER = re.compile(r"^\s*(?:[\u2022\u25e6\u25aa\u25cf\u25cb\u25a0\u25a1\u25c6\u25ba\u25b8\u2023\u2043\u2219\u00b7*\-\u2013\u2014\ue000-\uf8ff]|\d{1,2}[.)])\s+\S")


def marked_lines(text):
    """Lines that start with a list marker: the list items an extraction shows."""
    return sum(bool(MARKER.match(unicodedata.normalize("NFKC", line))) for line in text.splitlines())


def phrases_found(phrases, text):
    lines = [normalize(line) for line in text.splitlines()]
    return sum(any(normalize(p) in line for line in lines) for p in phrases)


def month_index(value, as_of, is_end):
    """A label date as a month number; a bare year is January (start) or
    December (end), 'present' is the as-of month."""
    if value == "present":
        year, month = as_of
    elif re.fullmatch(r"\d{4}", value):
        year, month = int(value), (12 if is_end else 1)
    else:
        year, month = map(int, value.split("-"))
    return year * 12 + month - 1


def labelled_years(jobs, as_of):
    """Union of the months of the labelled jobs, in years to one decimal, with
    rolefit's rules: inclusive month ranges, a year-only range 'Y1-Y2' covers
    Y2-Y1 years (Y1 alone covers one year)."""
    months = set()
    for _title, start, end in jobs:
        first = month_index(start, as_of, False)
        if re.fullmatch(r"\d{4}", start) and re.fullmatch(r"\d{4}", end) and end != start:
            last = month_index(str(int(end) - 1), as_of, True)
        else:
            last = month_index(end, as_of, True)
        months.update(range(first, max(first, last) + 1))
    return round(len(months) / 12, 1)


def within(found, labelled, slack):
    return found is not None and abs(found - labelled) <= slack


def main():
    manifest_path, labels_path, results, as_of_text = sys.argv[1:5]
    as_of = tuple(map(int, as_of_text.split("-")))
    with open(manifest_path, newline="") as f:
        manifest = list(csv.DictReader(f, delimiter="\t"))
    with open(labels_path, "rb") as f:
        labels = {entry["id"]: entry for entry in tomllib.load(f)["file"]}

    rows = []
    for item in manifest:
        label = labels[item["id"]]
        row = {"id": item["id"], "tool": item["tool"], "status": "missing"}
        try:
            with open(f"{results}/{item['id']}.json") as f:
                result = json.load(f)["results"][0]
        except (OSError, ValueError, KeyError, IndexError):
            result = None
        if result and result.get("status") == "ok":
            level = result.get("level") or {}
            row.update(
                status="ok",
                bullets=result["achievements"]["bullets"],
                quantified=result["achievements"]["quantified"],
                years=level.get("years_experience") or 0.0,
                jobs=len(level.get("jobs") or []),
            )
        elif result:
            row["status"] = (result.get("error") or {}).get("kind", "error")
        for source in ("rolefit", "pdftotext"):
            try:
                with open(f"{results}/{item['id']}.{source}.txt", encoding="utf-8", errors="replace") as f:
                    text = f.read()
                row[f"phrases_{source}"] = phrases_found(label["phrases"], text)
                row[f"items_{source}"] = marked_lines(text)
            except OSError:
                row[f"phrases_{source}"] = 0
                row[f"items_{source}"] = 0
        row.update(
            items_label=label["list_items"],
            bullets_label=label["bullets"],
            quantified_label=label["quantified"],
            years_label=labelled_years(label["jobs"], as_of),
            jobs_label=len(label["jobs"]),
            phrases_label=len(label["phrases"]),
        )
        row["bullets_ok"] = within(row.get("bullets"), label["bullets"], max(1, label["bullets"] // 10))
        row["items_ok"] = within(row["items_rolefit"], label["list_items"], max(1, label["list_items"] // 10))
        row["quantified_ok"] = within(row.get("quantified"), label["quantified"], 1)
        row["years_ok"] = within(row.get("years"), row["years_label"], 0.5)
        rows.append(row)

    def show(value):
        return "-" if value is None else str(value)

    header = f"{'file':<28} {'status':<7} {'items rf/pt/label':>17} {'bullets':>9} {'quant':>7} {'years':>11} {'jobs':>6} {'phrases rf/pt':>13}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['id']:<28} {row['status']:<7} "
            f"{str(row['items_rolefit']) + '/' + str(row['items_pdftotext']) + '/' + str(row['items_label']):>17} "
            f"{show(row.get('bullets')) + '/' + str(row['bullets_label']):>9} "
            f"{show(row.get('quantified')) + '/' + str(row['quantified_label']):>7} "
            f"{show(row.get('years')) + '/' + str(row['years_label']):>11} "
            f"{show(row.get('jobs')) + '/' + str(row['jobs_label']):>6} "
            f"{str(row['phrases_rolefit']) + '/' + str(row['phrases_pdftotext']) + ' of 3':>13}"
        )

    groups = defaultdict(list)
    for row in rows:
        groups[row["tool"]].append(row)
    groups["ALL"] = rows

    print()
    print("items: lines starting with a list marker in rolefit extract / pdftotext / labelled list items;")
    print("bullets: rolefit's achievement bullets found/labelled, and files within max(1, 10%) of the label;")
    print("quantified: files within 1; years: files within 0.5 of the labelled union of jobs;")
    print("phrases: page-1 phrases found inside one output line, rolefit and pdftotext.")
    header = (
        f"{'producer':<24} {'files':>5} {'items rf/pt/label':>17} {'items ok':>8} {'bullets found/label':>20} {'bullets ok':>10} "
        f"{'quant ok':>8} {'years ok':>8} {'phrases rolefit':>15} {'phrases pdftotext':>17}"
    )
    print(header)
    print("-" * len(header))
    summary = {}
    for tool in sorted(groups, key=lambda t: (t == "ALL", t)):
        members = groups[tool]
        n = len(members)
        entry = {
            "files": n,
            "items_rolefit": sum(r["items_rolefit"] for r in members),
            "items_pdftotext": sum(r["items_pdftotext"] for r in members),
            "items_label": sum(r["items_label"] for r in members),
            "items_ok": sum(r["items_ok"] for r in members),
            "bullets_found": sum(r.get("bullets") or 0 for r in members),
            "bullets_label": sum(r["bullets_label"] for r in members),
            "bullets_ok": sum(r["bullets_ok"] for r in members),
            "quantified_found": sum(r.get("quantified") or 0 for r in members),
            "quantified_label": sum(r["quantified_label"] for r in members),
            "quantified_ok": sum(r["quantified_ok"] for r in members),
            "years_ok": sum(r["years_ok"] for r in members),
            "phrases_rolefit": sum(r["phrases_rolefit"] for r in members),
            "phrases_pdftotext": sum(r["phrases_pdftotext"] for r in members),
            "phrases_label": sum(r["phrases_label"] for r in members),
        }
        summary[tool] = entry
        print(
            f"{tool:<24} {n:>5} "
            f"{str(entry['items_rolefit']) + '/' + str(entry['items_pdftotext']) + '/' + str(entry['items_label']):>17} "
            f"{str(entry['items_ok']) + '/' + str(n):>8} {str(entry['bullets_found']) + '/' + str(entry['bullets_label']):>20} "
            f"{str(entry['bullets_ok']) + '/' + str(n):>10} {str(entry['quantified_ok']) + '/' + str(n):>8} "
            f"{str(entry['years_ok']) + '/' + str(n):>8} "
            f"{str(entry['phrases_rolefit']) + '/' + str(entry['phrases_label']):>15} "
            f"{str(entry['phrases_pdftotext']) + '/' + str(entry['phrases_label']):>17}"
        )
    with open(f"{results}/summary.json", "w") as f:
        json.dump({"files": rows, "producers": summary}, f, indent=1)


if __name__ == "__main__":
    main()
