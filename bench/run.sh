#!/bin/sh
# The full benchmark of BENCHMARKS.md: build, fill a database, run the load generator alone
# (the issue's figures: 1,000 sessions on the demo bulletin and on a generated database,
# 10,000 held on the generated database, 10,000 idle for a minute), side by side with
# OpenSSH (the baseline), then the criterion benchmarks, and a table of every run side by
# side. Run it as root on a quiet machine: the baseline creates a user and runs sshd.
#
#   bench/run.sh                  everything, plus the build: the 1,000-session runs take
#                                 about 10 minutes on 2 cores, each 10,000-session run a few
#                                 more (far more on the generated database; BENCHMARKS.md)
#   SKIP_CRITERION=1 bench/run.sh only the load runs
#   SKIP_BASELINE=1 bench/run.sh  no OpenSSH (skipped anyway when not root)
#
# Every size is a variable, so that the whole script can be tried small first:
#
#   SESSIONS=50 ACTIVE=5 DURATION=5 BIG_SESSIONS=100 BIG_ACTIVE=5 IDLE_SESSIONS=100 \
#   IDLE_DURATION=5 GEN_SPACES=200 GEN_ARTICLES=20 GEN_COMMENTS=2000 GEN_MEMBERS=50 \
#   SKIP_BASELINE=1 SKIP_CRITERION=1 bench/run.sh
#
# Figures land in $OUT (default bench/out/), one JSON file per run, and on the terminal;
# $OUT/summary.txt sets them side by side. The 10,000-session runs keep the server's log
# beside their JSON (why sessions were refused or closed, if some were).
set -eu
cd "$(dirname "$0")/.."
BIN="${CARGO_TARGET_DIR:-target}/release"
OUT="${OUT:-bench/out}"
DB="${DB:-${TMPDIR:-/tmp}/cedille-bench.db}"
# 1,000 sessions, 100 typing: on the demo bulletin, then on the generated database.
SESSIONS="${SESSIONS:-1000}"
ACTIVE="${ACTIVE:-100}"
DURATION="${DURATION:-30}"
# 10,000 sessions held on the generated database, 100 of them typing.
BIG_SESSIONS="${BIG_SESSIONS:-10000}"
BIG_ACTIVE="${BIG_ACTIVE:-100}"
# 10,000 sessions held idle on the generated database, the server's CPU measured meanwhile.
IDLE_SESSIONS="${IDLE_SESSIONS:-10000}"
IDLE_DURATION="${IDLE_DURATION:-60}"
# The generated database.
GEN_SPACES="${GEN_SPACES:-10000}"
GEN_ARTICLES="${GEN_ARTICLES:-1000}"
GEN_COMMENTS="${GEN_COMMENTS:-100000}"
GEN_MEMBERS="${GEN_MEMBERS:-1000}"
# Side by side with OpenSSH.
BASE_SESSIONS="${BASE_SESSIONS:-200}"
BASE_ACTIVE="${BASE_ACTIVE:-20}"
# Open files for loadgen and the server it starts: a socket per session in each.
NOFILE="${NOFILE:-65536}"
mkdir -p "$OUT"

BASELINE=yes
if [ -n "${SKIP_BASELINE:-}" ]; then
    BASELINE=
elif [ "$(id -u)" != 0 ]; then
    echo "== not root: the OpenSSH baseline is skipped (it creates a user and runs sshd)"
    BASELINE=
fi

if [ -n "$BASELINE" ] && [ ! -x /usr/sbin/sshd ]; then
    echo "== installing openssh-server for the baseline"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssh-server
fi

# loadgen raises its soft limit to the hard one by itself, and stops when the hard limit is
# too low for a run; only root can raise the hard limit, which this does when it can.
HARD="$(ulimit -Hn)"
if [ "$HARD" != unlimited ] && [ "$HARD" -lt "$NOFILE" ]; then
    ulimit -n "$NOFILE" 2>/dev/null || echo "== open files: hard limit $HARD (ulimit -Hn), could not raise it to $NOFILE"
fi

echo "== machine"
{
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
    grep MemTotal /proc/meminfo
    echo "open files: $(ulimit -Sn) (hard $(ulimit -Hn))"
    uptime
} | tee "$OUT/machine.txt"

echo "== build"
cargo build --release --bins

echo "== database: $GEN_SPACES spaces, $GEN_ARTICLES articles, $GEN_COMMENTS comments, $GEN_MEMBERS members"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN/cedille" demo generate --spaces "$GEN_SPACES" --articles "$GEN_ARTICLES" \
    --comments "$GEN_COMMENTS" --members "$GEN_MEMBERS" --db "$DB"

echo "== cedille alone, demo bulletin: $SESSIONS sessions, $ACTIVE typing at 4 keys/s, 80x24"
"$BIN/loadgen" --spawn --sessions "$SESSIONS" --active "$ACTIVE" --rate 4 \
    --duration "$DURATION" --json | tee "$OUT/cedille.json"

echo "== cedille alone, generated database: $SESSIONS sessions, $ACTIVE typing"
"$BIN/loadgen" --spawn --db "$DB" --sessions "$SESSIONS" --active "$ACTIVE" --rate 4 \
    --duration "$DURATION" --json | tee "$OUT/cedille-generated.json"

echo "== cedille alone, generated database: $BIG_SESSIONS sessions held, $BIG_ACTIVE typing"
"$BIN/loadgen" --spawn --db "$DB" --sessions "$BIG_SESSIONS" --active "$BIG_ACTIVE" --rate 4 \
    --duration "$DURATION" --server-log "$OUT/cedille-generated-held.log" --json \
    | tee "$OUT/cedille-generated-held.json"

echo "== cedille alone, generated database: $IDLE_SESSIONS sessions idle for $IDLE_DURATION s"
"$BIN/loadgen" --spawn --db "$DB" --sessions "$IDLE_SESSIONS" --active 0 \
    --duration "$IDLE_DURATION" --server-log "$OUT/cedille-idle.log" --json \
    | tee "$OUT/cedille-idle.json"

RUNS="$OUT/cedille.json $OUT/cedille-generated.json $OUT/cedille-generated-held.json $OUT/cedille-idle.json"
if [ -n "$BASELINE" ]; then
    echo "== cedille and sshd + cedille tui, demo bulletin: $BASE_SESSIONS sessions, $BASE_ACTIVE typing"
    "$BIN/loadgen" --spawn --baseline sshd --sessions "$BASE_SESSIONS" --active "$BASE_ACTIVE" \
        --rate 4 --duration "$DURATION" --json | tee "$OUT/baseline.json"
    RUNS="$RUNS $OUT/baseline.json"
fi

if [ -z "${SKIP_CRITERION:-}" ]; then
    echo "== criterion: rendering, input, cleaner"
    cargo bench --bench render | tee "$OUT/render.txt"
    echo "== criterion: search at 10,000 spaces"
    cargo bench --bench search | tee "$OUT/search.txt"
fi

echo "== side by side"
# shellcheck disable=SC2086 # one word per file
"$BIN/loadgen" --compare $RUNS | tee "$OUT/summary.txt"
uptime | tee -a "$OUT/machine.txt"
