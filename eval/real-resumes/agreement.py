#!/usr/bin/env python3
"""Inter-labeller agreement: labels2/ (second, independent labeller) against labels/.

Compares every file in labels2/ with the first labeller's file of the same id:
certification status (core five, six-sigma with its belt), education (highest
and engineering_degree), level, years within 0.5, quantified within 1, and
skills: per-id agreement, Cohen's kappa over all (file, skill-id) decisions,
and the skill ids with the most disagreements. Both label sets must be
`complete = true` for skills (every id not present is absent).

Usage: agreement.py [--verbose]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import CORE_CERTS, SKILL_IDS, cert_label, load_label  # noqa: E402


def skills_of(label: dict) -> set[str] | None:
    skills = label["skills"]
    return set(skills["present"]) if skills.get("complete") else None


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def main() -> None:
    verbose = "--verbose" in sys.argv
    ids = sorted(p.stem for p in (HERE / "labels2").glob("*.toml"))
    ok = Counter()
    notes: list[str] = []
    pairs: list[tuple[bool, bool]] = []
    per_skill = Counter()
    disagree_dir = {s: Counter() for s in SKILL_IDS}
    for ident in ids:
        a = load_label(HERE / "labels" / f"{ident}.toml")
        b = load_label(HERE / "labels2" / f"{ident}.toml")
        certs_ok = all(cert_label(a, c) == cert_label(b, c) for c in CORE_CERTS)
        ok["certifications"] += certs_ok
        if not certs_ok:
            notes.append(f"{ident}: certifications {[cert_label(a, c) for c in CORE_CERTS]} vs {[cert_label(b, c) for c in CORE_CERTS]}")
        ea = (a["education"]["highest"], a["education"]["engineering_degree"])
        eb = (b["education"]["highest"], b["education"]["engineering_degree"])
        ok["education"] += ea == eb
        ok["education.highest"] += ea[0] == eb[0]
        ok["education.engineering_degree"] += ea[1] == eb[1]
        if ea != eb:
            notes.append(f"{ident}: education {ea} vs {eb}")
        la, lb = a["experience"]["level"], b["experience"]["level"]
        ok["level"] += la == lb
        if la != lb:
            notes.append(f"{ident}: level {la} vs {lb}")
        ya, yb = a["experience"]["years"], b["experience"]["years"]
        ok["years ±0.5"] += abs(ya - yb) <= 0.5 + 1e-9
        if abs(ya - yb) > 0.5 + 1e-9:
            notes.append(f"{ident}: years {ya} vs {yb}")
        qa, qb = a["achievements"]["quantified"], b["achievements"]["quantified"]
        ok["quantified ±1"] += abs(qa - qb) <= 1
        if abs(qa - qb) > 1:
            notes.append(f"{ident}: quantified {qa} vs {qb}")
        sa, sb = skills_of(a), skills_of(b)
        if sa is None or sb is None:
            notes.append(f"{ident}: skills not complete in one label set; skipped")
            continue
        ok["skills files"] += 1
        for s in SKILL_IDS:
            pa, pb = s in sa, s in sb
            pairs.append((pa, pb))
            per_skill[s] += pa == pb
            if pa != pb:
                disagree_dir[s]["first only" if pa else "second only"] += 1
        if verbose:
            notes.append(f"{ident}: skills first only {sorted(sa - sb)}; second only {sorted(sb - sa)}")

    n = len(ids)
    print(f"files compared: {n}")
    for field in ["certifications", "education", "education.highest", "education.engineering_degree",
                  "level", "years ±0.5", "quantified ±1"]:
        print(f"  {field:30} {ok[field]:3}/{n}  {100 * ok[field] / n:5.1f}%")
    nf = ok["skills files"]
    agree = sum(a == b for a, b in pairs)
    both = sum(a and b for a, b in pairs)
    first, second = sum(a for a, _ in pairs), sum(b for _, b in pairs)
    print(f"skills: {len(pairs)} decisions over {nf} files")
    print(f"  raw agreement                  {agree}/{len(pairs)}  {100 * agree / len(pairs):5.1f}%")
    print(f"  Cohen's kappa                  {kappa(pairs):.3f}")
    print(f"  present: first {first}, second {second}, both {both}"
          f" (positive agreement {2 * both / (first + second):.3f})")
    print("  per-id agreement (fewest first):")
    for s in sorted(SKILL_IDS, key=lambda s: (per_skill[s], s)):
        d = disagree_dir[s]
        detail = ", ".join(f"{k} {v}" for k, v in sorted(d.items())) if d else ""
        print(f"    {s:26} {per_skill[s]:3}/{nf}  {detail}")
    worst = sorted(SKILL_IDS, key=lambda s: (per_skill[s], s))[:8]
    print("  most disagreements: " + ", ".join(f"{s} ({nf - per_skill[s]})" for s in worst))
    if notes:
        print("disagreements:")
        for line in notes:
            print("  " + line)


if __name__ == "__main__":
    main()
