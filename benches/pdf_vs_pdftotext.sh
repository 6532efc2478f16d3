#!/usr/bin/env bash
# Extraction throughput and peak memory of `rolefit extract` against `pdftotext`
# on every producer fixture in fixtures/pdf/producers, one process per file
# (how a user or a script runs either tool).
#
#   benches/pdf_vs_pdftotext.sh [ROUNDS]      # default 5 rounds over all files
#   ROLEFIT=/path/to/rolefit benches/pdf_vs_pdftotext.sh
#
# Builds the release binary unless ROLEFIT is set. Needs pdftotext (poppler-utils)
# and GNU time (package `time`); installs them with apt-get when missing.
# Prints one row per producer (summed over its resumes) and the totals.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-5}"
FIX="$ROOT/fixtures/pdf/producers"

missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

if [[ -z "${ROLEFIT:-}" ]]; then
    (cd "$ROOT" && cargo build --release --quiet --bin rolefit)
    ROLEFIT="${CARGO_TARGET_DIR:-$ROOT/target}/release/rolefit"
fi
[[ -x "$ROLEFIT" ]] || { echo "no rolefit binary at $ROLEFIT" >&2; exit 2; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

now_ns() { date +%s%N; }

# run TOOL FILE -> prints "<ns per run> <peak RSS KiB>"
measure() {
    local tool="$1" file="$2" t0 t1 i
    local cmd
    if [[ "$tool" == rolefit ]]; then cmd=("$ROLEFIT" extract "$file"); else cmd=(pdftotext -q -enc UTF-8 "$file" -); fi
    "${cmd[@]}" >/dev/null 2>&1 || true # warm the page cache
    t0=$(now_ns)
    for ((i = 0; i < ROUNDS; i++)); do "${cmd[@]}" >/dev/null 2>&1 || true; done
    t1=$(now_ns)
    local rc=0
    /usr/bin/time -f %M -o "$TMP/rss" "${cmd[@]}" >/dev/null 2>&1 || rc=$?
    ((rc == 0)) || echo "$tool failed on $file (exit $rc)" >>"$TMP/failures"
    echo "$(((t1 - t0) / ROUNDS)) $(tail -1 "$TMP/rss")"
}

declare -A R_NS P_NS R_RSS P_RSS BYTES PAGES FILES
producers=()
for f in "$FIX"/*.pdf; do
    base="$(basename "$f" .pdf)"
    prod="${base#*.}"
    [[ -n "${FILES[$prod]:-}" ]] || producers+=("$prod")
    read -r rn rr < <(measure rolefit "$f")
    read -r pn pr < <(measure pdftotext "$f")
    pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
    FILES[$prod]=$((${FILES[$prod]:-0} + 1))
    BYTES[$prod]=$((${BYTES[$prod]:-0} + $(stat -c %s "$f")))
    PAGES[$prod]=$((${PAGES[$prod]:-0} + ${pages:-1}))
    R_NS[$prod]=$((${R_NS[$prod]:-0} + rn))
    P_NS[$prod]=$((${P_NS[$prod]:-0} + pn))
    ((rr > ${R_RSS[$prod]:-0})) && R_RSS[$prod]=$rr
    ((pr > ${P_RSS[$prod]:-0})) && P_RSS[$prod]=$pr
done

echo "rolefit: $ROLEFIT ($("$ROLEFIT" --version 2>/dev/null || echo '?')); $(pdftotext -v 2>&1 | head -1); $ROUNDS rounds, one process per file"
echo "time = mean wall time per file; peak = max RSS of one process over the producer's files"
printf '%-20s %5s %5s %8s | %10s %9s | %10s %9s | %7s\n' producer files pages KiB \
    "rolefit ms" "peak MiB" "pdftotxt ms" "peak MiB" "speedup"
tr_ns=0 tp_ns=0 tfiles=0 tpages=0 tbytes=0 max_r=0 max_p=0
for p in "${producers[@]}"; do
    n=${FILES[$p]}
    awk -v p="$p" -v n="$n" -v pg="${PAGES[$p]}" -v b="${BYTES[$p]}" -v rn="${R_NS[$p]}" -v pn="${P_NS[$p]}" \
        -v rr="${R_RSS[$p]}" -v pr="${P_RSS[$p]}" 'BEGIN {
        printf "%-20s %5d %5d %8.0f | %10.2f %9.1f | %10.2f %9.1f | %6.2fx\n",
            p, n, pg, b / 1024, rn / n / 1e6, rr / 1024, pn / n / 1e6, pr / 1024, pn / rn }'
    tr_ns=$((tr_ns + R_NS[$p])) tp_ns=$((tp_ns + P_NS[$p])) tfiles=$((tfiles + n))
    tpages=$((tpages + PAGES[$p])) tbytes=$((tbytes + BYTES[$p]))
    ((R_RSS[$p] > max_r)) && max_r=${R_RSS[$p]}
    ((P_RSS[$p] > max_p)) && max_p=${P_RSS[$p]}
done
awk -v n="$tfiles" -v pg="$tpages" -v b="$tbytes" -v rn="$tr_ns" -v pn="$tp_ns" -v rr="$max_r" -v pr="$max_p" 'BEGIN {
    printf "%-20s %5d %5d %8.0f | %10.2f %9.1f | %10.2f %9.1f | %6.2fx\n",
        "ALL", n, pg, b / 1024, rn / n / 1e6, rr / 1024, pn / n / 1e6, pr / 1024, pn / rn
    printf "\nthroughput: rolefit %.1f files/s, %.1f pages/s, %.2f MB/s; pdftotext %.1f files/s, %.1f pages/s, %.2f MB/s\n",
        n / (rn / 1e9), pg / (rn / 1e9), b / 1e6 / (rn / 1e9), n / (pn / 1e9), pg / (pn / 1e9), b / 1e6 / (pn / 1e9)
    printf "ratio (pdftotext time / rolefit time): %.2f; peak RSS rolefit %.1f MiB vs pdftotext %.1f MiB (ratio %.2f)\n",
        pn / rn, rr / 1024, pr / 1024, rr / pr }'
if [[ -s "$TMP/failures" ]]; then
    echo "WARNING: $(wc -l <"$TMP/failures") extraction(s) failed, so their times measure an error path:" >&2
    cat "$TMP/failures" >&2
fi
