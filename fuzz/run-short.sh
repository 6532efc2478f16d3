#!/usr/bin/env bash
# Runs every fuzz target briefly: FUZZ_SECONDS each (default 10, so about a
# minute and a half for the eight targets, plus the first build). CI runs it
# (see .ci/run). Exits 0 when no target finds a crash, non-zero (and leaves
# the input in fuzz/artifacts/TARGET/) when one does. Corpora start from the
# fixtures (see seed below) and grow in the git-ignored fuzz/corpus/.
#
# No cargo-fuzz and no nightly needed: the targets are built by plain cargo
# with the coverage instrumentation libFuzzer feeds on (all accepted by the
# stable compiler; safe Rust needs no AddressSanitizer), then run as
# libFuzzer binaries. For long runs, `cargo fuzz run TARGET` (fuzz/README.md)
# uses the same targets with every crate instrumented.
set -euo pipefail
cd "$(dirname "$0")"
SECS=${FUZZ_SECONDS:-10}
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
seed pdf $F/hostile/fuzz/pdf/* $F/pdf/producers/*.pdf $F/pdf/robustness/*.pdf $F/hostile/*.pdf $F/batch/*.pdf
seed office $F/docs/*.docx $F/docs/*.odt $F/hostile/*.docx $F/hostile/*.odt $F/batch/*.docx
seed html $F/docs/*.html $F/batch/*.html $F/hostile/*.html
seed json_resume $F/hostile/fuzz/json_resume/* $F/docs/*.json $F/batch/*.json $F/hostile/*.json
seed text $F/resumes/*.txt $F/resumes/*.md $F/hostile/*.txt $F/docs/*.txt
seed extract_any $F/docs/* $F/batch/*.* $F/pdf/robustness/*.pdf $F/hostile/*.*
seed analysis $F/resumes/*.txt $F/resumes/*.md
mkdir -p corpus/dates
# One seed per dated line of the resumes.
# (No `| head`: under pipefail, the SIGPIPE it sends grep fails the script.)
awk '/(19|20)[0-9][0-9]/ && n < 300 { n++; f = sprintf("corpus/dates/seed-%04d", n); printf "%s", $0 > f; close(f) }' $F/resumes/*.txt

# Coverage instrumentation (the flags cargo-fuzz passes for `--sanitizer
# none`) for rolefit's own code only: rustc-cov.sh leaves registry crates,
# build scripts and proc-macros alone, which cuts the first build from about
# five minutes to two on two cores.
export FUZZ_RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
RUSTC_WRAPPER="$PWD/rustc-cov.sh" CARGO_PROFILE_RELEASE_DEBUG=${FUZZ_DEBUGINFO:-0} \
    cargo build --release --target-dir "$TARGET_DIR" --bins
BIN="$TARGET_DIR/release"
targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^rolefit-fuzz$')
for t in $targets; do
    echo "== fuzz $t for $SECS s"
    rm -rf "artifacts/$t"
    mkdir -p "artifacts/$t"
    # libFuzzer exits non-zero on a crash, a timeout or running out of memory,
    # and leaves the input in artifacts/$t/.
    if ! "$BIN/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$SECS" \
        -timeout=60 -rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1 \
        >"artifacts/$t.log" 2>&1; then
        grep -E 'panicked|ERROR|SUMMARY|Test unit written' "artifacts/$t.log" >&2 || tail -20 "artifacts/$t.log" >&2
        echo "fuzz target $t found a failing input: $(ls "artifacts/$t")" >&2
        exit 1
    fi
    grep -E '^(stat::number_of_executed_units|Done)' "artifacts/$t.log" || true
done
echo "fuzzing: no crash in $(echo "$targets" | wc -w) targets x $SECS s"
