#!/usr/bin/env bash
# Time from starting migranews on a 1M-item archive to its first screen, in a
# real terminal (tmux), polling the screen every 10 ms.
#
#   bash benches/first_screen.sh [ITEMS]
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
work=${TMPDIR:-/tmp}/migranews-compare
mkdir -p "$work"
cargo build --release --quiet --bin migranews --example gen-archive
archive=$work/archive-$items.txt
[ -s "$archive" ] || target/release/examples/gen-archive "$items" 42 > "$archive"
for run in 1 2 3 4 5; do
    socket=migranews-first-screen-$$-$run
    start=$(date +%s%N)
    tmux -L "$socket" -f /dev/null new-session -d -s s -x 100 -y 30 "target/release/migranews $archive"
    until tmux -L "$socket" capture-pane -p -t s 2>/dev/null | grep -q "$items/$items"; do sleep 0.01; done
    end=$(date +%s%N)
    echo "run $run: first screen after $(( (end - start) / 1000000 )) ms"
    tmux -L "$socket" kill-server 2>/dev/null || true
    # Let the last run finish exiting, so that runs do not overlap.
    while pgrep -f "release/migranews $archive" >/dev/null; do sleep 0.05; done
done
