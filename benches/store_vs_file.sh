#!/usr/bin/env bash
# The same generated items read from an archive file and from the store:
# `--list` time and peak memory, and the reader's peak memory once its first
# screen is up and its search index is built. Goals: the store within 1.5x
# of the file for both.
#
#   bash benches/store_vs_file.sh [ITEMS]
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
work=${TMPDIR:-/tmp}/migranews-compare
mkdir -p "$work"
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
cargo build --release --quiet --bin migranews --example gen-archive
bin=$target/release/migranews
archive=$work/archive-$items.txt
[ -s "$archive" ] || $target/release/examples/gen-archive "$items" 42 > "$archive"
home=$work/store-$items
export XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data
if [ ! -s "$XDG_DATA_HOME/migranews/store.db" ]; then
    echo "importing $items items into $XDG_DATA_HOME/migranews/store.db"
    "$bin" import "$archive" >/dev/null
fi

list() { # label, args...
    local label=$1
    shift
    for run in 1 2 3 4 5; do
        /usr/bin/time -f "$label --list run $run: %e s, peak %M KB" "$bin" --list "$@" >/dev/null
    done
}
list file "$archive"
list store

# The reader's peak memory (VmHWM) after its first screen and a search.
reader() { # label, args...
    local label=$1 socket=migranews-memory-$$-$1
    shift
    local command="$bin${1:+ $1}"
    tmux -L "$socket" -f /dev/null new-session -d -s s -x 100 -y 30 \
        "XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME $command"
    until tmux -L "$socket" capture-pane -p -t s 2>/dev/null | grep -q "$items/$items"; do sleep 0.05; done
    tmux -L "$socket" send-keys -t s -l "border"
    until tmux -L "$socket" capture-pane -p -t s 2>/dev/null | head -1 | grep -qE "^> border +[0-9]+/$items"; do sleep 0.05; done
    local pid
    pid=$(pgrep -f "^$command\$" | head -1)
    echo "$label reader: peak $(awk '/VmHWM/ {print $2, $3}' /proc/"$pid"/status)"
    tmux -L "$socket" kill-server 2>/dev/null || true
    while pgrep -f "^$command\$" >/dev/null; do sleep 0.05; done
}
reader file "$archive"
reader store
echo "archive file: $(du -k "$archive" | cut -f1) KB; store: $(du -k "$XDG_DATA_HOME/migranews/store.db" | cut -f1) KB"
