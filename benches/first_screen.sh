#!/usr/bin/env bash
# Time from starting migranews to its first screen, in a real terminal (tmux),
# polling the screen every 10 ms: from a generated archive file, or (--store)
# from a store holding the same items.
#
#   bash benches/first_screen.sh [ITEMS] [--store]
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
mode=${2:-file}
work=${TMPDIR:-/tmp}/migranews-compare
mkdir -p "$work"
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
cargo build --release --quiet --bin migranews --example gen-archive
archive=$work/archive-$items.txt
[ -s "$archive" ] || $target/release/examples/gen-archive "$items" 42 > "$archive"
args=$archive
if [ "$mode" = --store ]; then
    # A home of its own, with the archive imported into its store.
    export XDG_CONFIG_HOME=$work/store-$items/config XDG_DATA_HOME=$work/store-$items/data
    if [ ! -s "$XDG_DATA_HOME/migranews/store.db" ]; then
        $target/release/migranews import "$archive" >/dev/null
    fi
    args=
fi
for run in 1 2 3 4 5; do
    socket=migranews-first-screen-$$-$run
    start=$(date +%s%N)
    tmux -L "$socket" -f /dev/null new-session -d -s s -x 100 -y 30 \
        "XDG_CONFIG_HOME=${XDG_CONFIG_HOME:-} XDG_DATA_HOME=${XDG_DATA_HOME:-} $target/release/migranews $args"
    until tmux -L "$socket" capture-pane -p -t s 2>/dev/null | grep -q "$items/$items"; do sleep 0.01; done
    end=$(date +%s%N)
    echo "run $run ($mode): first screen after $(( (end - start) / 1000000 )) ms"
    tmux -L "$socket" kill-server 2>/dev/null || true
    # Let the last run finish exiting, so that runs do not overlap.
    while pgrep -f "release/migranews $args" >/dev/null; do sleep 0.05; done
done
