#!/bin/sh
# The full benchmark of BENCHMARKS.md: build, fill a database, run the load generator alone
# (the issue's figures) and side by side with OpenSSH (the baseline), then the criterion
# benchmarks. Run it as root on a quiet machine: the baseline creates a user and runs sshd.
#
#   bench/run.sh                  everything (about 10 minutes on 2 cores, plus the build)
#   SKIP_CRITERION=1 bench/run.sh only the load runs
#
# Figures land in $OUT (default bench/out/), one JSON file per run, and on the terminal.
set -eu
cd "$(dirname "$0")/.."
BIN="${CARGO_TARGET_DIR:-target}/release"
OUT="${OUT:-bench/out}"
DB="${DB:-${TMPDIR:-/tmp}/cedille-bench.db}"
SESSIONS="${SESSIONS:-1000}"
ACTIVE="${ACTIVE:-100}"
DURATION="${DURATION:-30}"
BASE_SESSIONS="${BASE_SESSIONS:-200}"
BASE_ACTIVE="${BASE_ACTIVE:-20}"
mkdir -p "$OUT"

if [ ! -x /usr/sbin/sshd ]; then
    echo "== installing openssh-server for the baseline"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssh-server
fi

echo "== machine"
{
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
    grep MemTotal /proc/meminfo
    uptime
} | tee "$OUT/machine.txt"

echo "== build"
cargo build --release --bins

echo "== database: 10,000 spaces, 1,000 articles, 100,000 comments, 1,000 members"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN/cedille" demo generate --spaces 10000 --articles 1000 --comments 100000 --members 1000 --db "$DB"

echo "== cedille alone, demo bulletin: $SESSIONS sessions, $ACTIVE typing at 4 keys/s, 80x24"
"$BIN/loadgen" --spawn --sessions "$SESSIONS" --active "$ACTIVE" --rate 4 \
    --duration "$DURATION" --json | tee "$OUT/cedille.json"

echo "== cedille alone, generated database"
"$BIN/loadgen" --spawn --db "$DB" --sessions "$SESSIONS" --active "$ACTIVE" --rate 4 \
    --duration "$DURATION" --json | tee "$OUT/cedille-generated.json"

echo "== cedille and sshd + cedille tui, demo bulletin: $BASE_SESSIONS sessions, $BASE_ACTIVE typing"
"$BIN/loadgen" --spawn --baseline sshd --sessions "$BASE_SESSIONS" --active "$BASE_ACTIVE" \
    --rate 4 --duration "$DURATION" --json | tee "$OUT/baseline.json"

if [ -z "${SKIP_CRITERION:-}" ]; then
    echo "== criterion: rendering, input, cleaner"
    cargo bench --bench render | tee "$OUT/render.txt"
    echo "== criterion: search at 10,000 spaces"
    cargo bench --bench search | tee "$OUT/search.txt"
fi
uptime | tee -a "$OUT/machine.txt"
