#!/usr/bin/env bash
# Runs every fuzz target briefly: FUZZ_SECONDS each (default 10, so about a
# minute and a half for the eight targets, plus the first build). Installs
# cargo-fuzz when it is missing; the stable toolchain is enough, because
# RUSTC_BOOTSTRAP=1 lets it accept the sanitizer flags cargo-fuzz passes.
# Exits 0 when no target finds a crash, non-zero (and leaves the input in
# fuzz/artifacts/TARGET/) when one does. Corpora start from the fixtures
# (see seed_corpus below) and grow in the git-ignored fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")"
SECS=${FUZZ_SECONDS:-10}
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
TARGET_DIR=${FUZZ_TARGET_DIR:-target}

seed() { # seed TARGET FILES... : copies the fixtures under 2 MB into corpus/TARGET
    local t=$1
    shift
    mkdir -p "corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 2000000 ] && cp "$f" "corpus/$t/seed-$(basename "$f")"
    done
    return 0
}

F=../fixtures
shopt -s nullglob
seed pdf $F/pdf/producers/*.pdf $F/pdf/robustness/*.pdf $F/hostile/*.pdf $F/batch/*.pdf
seed office $F/docs/*.docx $F/docs/*.odt $F/hostile/*.docx $F/hostile/*.odt $F/batch/*.docx
seed html $F/docs/*.html $F/batch/*.html $F/hostile/*.html
seed json_resume $F/docs/*.json $F/batch/*.json $F/hostile/*.json
seed text $F/resumes/*.txt $F/resumes/*.md $F/hostile/*.txt $F/docs/*.txt
seed extract_any $F/docs/* $F/batch/*.* $F/pdf/robustness/*.pdf $F/hostile/*.*
seed analysis $F/resumes/*.txt $F/resumes/*.md
mkdir -p corpus/dates
# One seed per dated line of the resumes.
grep -hE '(19|20)[0-9]{2}' $F/resumes/*.txt | head -300 | awk '{ f = sprintf("corpus/dates/seed-%04d", NR); printf "%s", $0 > f; close(f) }'

cargo fuzz build --target-dir "$TARGET_DIR"
for t in $(cargo fuzz list); do
    echo "== fuzz $t for $SECS s"
    rm -rf "artifacts/$t"
    cargo fuzz run --target-dir "$TARGET_DIR" "$t" "corpus/$t" -- \
        -max_total_time="$SECS" -timeout=60 -rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1 2>&1 |
        grep -E '^(==|#[0-9]+ +DONE|stat::number_of_executed_units|SUMMARY|ERROR|Done|INFO: seed)|panicked|timeout' || true
    # cargo fuzz run exits non-zero on a crash; pipefail is off inside || true,
    # so check for the artifact it leaves instead.
    if compgen -G "artifacts/$t/crash-*" >/dev/null || compgen -G "artifacts/$t/timeout-*" >/dev/null || compgen -G "artifacts/$t/oom-*" >/dev/null; then
        echo "fuzz target $t found a failing input: $(ls artifacts/$t)" >&2
        exit 1
    fi
done
echo "fuzzing: no crash in $(cargo fuzz list | wc -l) targets x $SECS s"
