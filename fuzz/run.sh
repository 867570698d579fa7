#!/usr/bin/env bash
# Runs each fuzz target for SECONDS seconds and prints, per target, the inputs executed
# and the crashes found (their inputs are kept under fuzz/artifacts/TARGET/).
#
#   fuzz/run.sh SECONDS [TARGET...]
#
# Targets: input_parser markdown cleaner query_builder cget_import (all by default).
#
# With a nightly toolchain and cargo-fuzz (`rustup toolchain install nightly`,
# `cargo install cargo-fuzz`), this is libFuzzer, guided by coverage, with a corpus that
# grows in fuzz/corpus/TARGET/ across runs, seeded from the project's own files. Without
# them (or with FUZZ_STABLE=1), the same properties run on stable as property tests,
# repeated with fresh random cases until the time is up. Not part of CI.
set -euo pipefail

seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
all=(input_parser markdown cleaner query_builder cget_import)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz_dir")
mkdir -p "$fuzz_dir/logs"
# The query target opens its database in the temporary folder: keep it here, remove it after.
scratch=$(mktemp -d "$fuzz_dir/logs/tmp.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Seeds from the project: articles, the spaces files, escape sequences, searches.
seed() {
    local target=$1 dir=$fuzz_dir/corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return
    case $target in
    markdown | cleaner)
        for f in "$root"/data/articles/*.md; do cp "$f" "$dir/$(basename "$f")"; done ;;
    cget_import)
        cp "$root/tests/fixtures/cget-sample.csv" "$dir/cget-sample.csv"
        cp "$root/data/spaces-demo.csv" "$dir/spaces-demo.csv" ;;
    input_parser)
        printf '\x07abc\x1b[A\x1b[B\x1bOP\x1b[15~\x03\x13' >"$dir/keys"
        printf '\x00\x1b[200~l\xc3\xa9t\xc3\xa9\n\x1b[201~q' >"$dir/paste"
        printf '\x10\x1b[<64;10;5M\x1b[<65;1;1M\x1b\x1b[Z' >"$dir/mouse" ;;
    query_builder)
        printf 'coworking crest' >"$dir/words"
        printf "l'\xc3\xa9t\xc3\xa9 NEAR(a b) \"x\" -fibre *" >"$dir/syntax"
        printf 'c\xc5\x93ur AND OR NOT' >"$dir/folded" ;;
    esac
}

# The stable stand-in for each target: the property tests that check the same promises.
stable_test() {
    case $1 in
    input_parser) echo input_props ;;
    markdown | cleaner) echo clean_props ;;
    query_builder) echo query_props ;;
    cget_import) echo import_props ;;
    esac
}

summary=()
if [ "${FUZZ_STABLE:-0}" != 1 ] && cargo +nightly --version >/dev/null 2>&1 && cargo fuzz --version >/dev/null 2>&1; then
    cd "$fuzz_dir"
    cargo +nightly fuzz build -O >/dev/null
    for t in "${targets[@]}"; do
        seed "$t"
        mkdir -p "artifacts/$t"
        before=$(find "artifacts/$t" -name 'crash-*' | wc -l)
        log=logs/$t.log
        echo "== $t: ${seconds}s with libFuzzer"
        # A crash stops libFuzzer with a non-zero status: go on with the next target.
        TMPDIR=$scratch cargo +nightly fuzz run -O "$t" "corpus/$t" -- \
            -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
            >"$log" 2>&1 || true
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
        after=$(find "artifacts/$t" -name 'crash-*' | wc -l)
        summary+=("$t: ${runs:-?} executions, $((after - before)) new crashes (log: fuzz/$log)")
    done
else
    echo "nightly or cargo-fuzz missing (or FUZZ_STABLE=1): property tests on stable instead"
    cd "$root"
    for t in "${targets[@]}"; do
        test=$(stable_test "$t")
        log=$fuzz_dir/logs/$t.log
        : >"$log"
        end=$((SECONDS + seconds))
        rounds=0 failed=0
        echo "== $t: ${seconds}s of tests/$test.rs"
        while [ $SECONDS -lt $end ]; do
            if ! PROPTEST_CASES=${CASES:-2000} TMPDIR=$scratch cargo test -q --test "$test" >>"$log" 2>&1; then
                failed=$((failed + 1))
            fi
            rounds=$((rounds + 1))
        done
        summary+=("$t: $rounds rounds of ${CASES:-2000} cases per property, $failed failed (log: fuzz/logs/$t.log)")
    done
fi

echo
printf '%s\n' "${summary[@]}"
