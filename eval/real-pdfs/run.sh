#!/usr/bin/env bash
# Rebuilds the real-world PDF resumes listed in manifest.tsv from local git
# mirrors of their public repositories, checks each file's sha256 (and that it
# is not on the holdout list), runs rolefit and pdftotext on them, and prints
# per-file and per-producer tables against labels.toml.
#
# usage: eval/real-pdfs/run.sh [--name NAME]
#
# environment:
#   ROLEFIT       the rolefit binary (default: target/debug/rolefit of this repository)
#   MIRROR_ROOT   folder of bare git mirrors named OWNER+NAME/repo (default: /work/.mirror)
#   HOLDOUT_LIST  file of sha256 sums that must never be used (required to exist)
#   OUT           work folder (default: /tmp/rolefit-real-pdfs)
#   AS_OF         the month "present" means (default: 2026-12)
#
# The files never enter the repository; they are rebuilt into $OUT/files.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
name=run
while [ $# -gt 0 ]; do
    case "$1" in
        --name) name=$2; shift 2 ;;
        *) echo "usage: $0 [--name NAME]" >&2; exit 2 ;;
    esac
done

rolefit=${ROLEFIT:-$repo/target/debug/rolefit}
mirror_root=${MIRROR_ROOT:-/work/.mirror}
holdout=${HOLDOUT_LIST:-$repo/../shared/holdout-sha256.txt}
out=${OUT:-/tmp/rolefit-real-pdfs}
as_of=${AS_OF:-2026-12}

for tool in git sha256sum pdftotext python3; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
[ -x "$rolefit" ] || { echo "no rolefit binary at $rolefit (set ROLEFIT)" >&2; exit 1; }
[ -f "$holdout" ] || { echo "no holdout list at $holdout (set HOLDOUT_LIST)" >&2; exit 1; }

files=$out/files
res=$out/$name
mkdir -p "$files" "$res"

missing=0
while IFS=$'\t' read -r id repository commit path sha256 _producer _tool; do
    [ "$id" = id ] && continue
    target=$files/$id.pdf
    if [ ! -f "$target" ] || [ "$(sha256sum "$target" | cut -d' ' -f1)" != "$sha256" ]; then
        git_dir=$mirror_root/${repository/\//+}/repo
        [ -d "$git_dir/.git" ] && git_dir=$git_dir/.git
        if [ ! -d "$git_dir" ]; then
            echo "missing mirror for $repository ($git_dir): fetch it first" >&2
            missing=$((missing + 1))
            continue
        fi
        git --git-dir="$git_dir" show "$commit:$path" >"$target.part"
        mv "$target.part" "$target"
    fi
    actual=$(sha256sum "$target" | cut -d' ' -f1)
    if [ "$actual" != "$sha256" ]; then
        echo "sha256 mismatch for $id: $actual" >&2
        rm -f "$target"
        exit 1
    fi
    if grep -qi "^$actual" "$holdout"; then
        echo "$id is on the holdout list: refusing to use it" >&2
        rm -f "$target"
        exit 1
    fi
done <"$here/manifest.tsv"
[ "$missing" -eq 0 ] || { echo "$missing files could not be rebuilt" >&2; exit 1; }

while IFS=$'\t' read -r id _rest; do
    [ "$id" = id ] && continue
    pdf=$files/$id.pdf
    "$rolefit" extract "$pdf" >"$res/$id.rolefit.txt" 2>"$res/$id.rolefit.err" || true
    "$rolefit" check --format json --as-of "$as_of" "$pdf" >"$res/$id.json" 2>>"$res/$id.rolefit.err" || true
    pdftotext -q "$pdf" "$res/$id.pdftotext.txt" || true
done <"$here/manifest.tsv"

{
    echo "# $(date -u +%Y-%m-%dT%H:%MZ) $rolefit"
    "$rolefit" --version 2>/dev/null || true
} >"$res/run-info.txt"

python3 "$here/score.py" "$here/manifest.tsv" "$here/labels.toml" "$res" "$as_of"
