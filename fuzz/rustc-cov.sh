#!/usr/bin/env bash
# RUSTC_WRAPPER for fuzz builds: coverage instrumentation for rolefit's own
# code only (the library and the fuzz targets), not for registry crates,
# build scripts or proc-macros.
rustc=$1
shift
own=0
for a in "$@"; do
    case $a in
        */registry/src/* | */git/checkouts/*) own=0; break ;;
        build.rs | */build.rs | proc-macro) own=0; break ;;
        src/lib.rs | */src/lib.rs | fuzz_targets/* | */fuzz_targets/*) own=1 ;;
    esac
done
if [ $own = 1 ]; then
    exec "$rustc" "$@" $FUZZ_RUSTFLAGS
fi
exec "$rustc" "$@"
