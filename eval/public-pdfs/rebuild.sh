#!/usr/bin/env bash
# Rebuilds the public PDF test corpora listed in manifest.tsv (pdf.js,
# pdfminer.six and py-pdf/sample-files test files; since session 6 also
# pypdf's resources, qpdf's test suite and pdf-association/pdf20examples)
# from local git mirrors of those repositories into a scratch folder, checking each file's sha256 and
# refusing any file whose sha256 is on the holdout list.
#
# usage: eval/public-pdfs/rebuild.sh [OUT]      (default OUT: /tmp/rolefit-public-pdfs)
#
# environment:
#   MIRROR_ROOT   folder of git mirrors named OWNER+NAME/repo (default: /work/.mirror)
#   HOLDOUT_LIST  file of sha256 sums that must never be used (required to exist;
#                 default: ../shared/holdout-sha256.txt next to the repository)
#
# Files are named OWNER+NAME--PATH_WITH_UNDERSCORES.pdf. They never enter the
# repository. Then compare, e.g.:
#   python3 scripts/compare_pdftotext.py OUT --bin target/release/rolefit
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-/tmp/rolefit-public-pdfs}
mirror_root=${MIRROR_ROOT:-/work/.mirror}
holdout=${HOLDOUT_LIST:-$repo/../shared/holdout-sha256.txt}

for tool in git sha256sum; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
[ -f "$holdout" ] || { echo "no holdout list at $holdout (set HOLDOUT_LIST)" >&2; exit 1; }
mkdir -p "$out"

copied=0 refused=0 missing=0
while IFS=$'\t' read -r repository commit path sha256; do
    [ "$repository" = repository ] && continue
    if grep -qi "^$sha256" "$holdout"; then
        echo "refused (holdout): $repository $path" >&2
        refused=$((refused + 1))
        continue
    fi
    target=$out/${repository/\//+}--${path//\//_}
    if [ ! -f "$target" ] || [ "$(sha256sum "$target" | cut -d' ' -f1)" != "$sha256" ]; then
        git_dir=$mirror_root/${repository/\//+}/repo
        [ -d "$git_dir/.git" ] && git_dir=$git_dir/.git
        if ! git --git-dir="$git_dir" show "$commit:$path" >"$target.part" 2>/dev/null; then
            echo "missing: $repository $commit:$path (fetch the mirror into $git_dir)" >&2
            rm -f "$target.part"
            missing=$((missing + 1))
            continue
        fi
        mv "$target.part" "$target"
    fi
    if [ "$(sha256sum "$target" | cut -d' ' -f1)" != "$sha256" ]; then
        echo "sha256 mismatch: $target" >&2
        rm -f "$target"
        missing=$((missing + 1))
        continue
    fi
    copied=$((copied + 1))
done <"$here/manifest.tsv"
echo "$copied files in $out; $refused refused (holdout); $missing missing" >&2
[ "$missing" -eq 0 ]
