#!/usr/bin/env bash
# Keystroke latency through a real terminal: the reader runs in tmux on a
# generated archive, queries are typed one key at a time, and each key is
# timed from `send-keys` to the screen showing that query with its final
# count (no "…" searching mark). Prints p50 and p90 per query.
#
#   bash benches/keystroke_latency.sh [ITEMS] [RUNS]
#
# ITEMS defaults to 1000000, RUNS (each query typed this many times) to 3;
# typing starts SETTLE (3) seconds after the first screen.
# The screen is polled with capture-pane as fast as tmux answers (a few ms
# a poll), so figures include up to one poll of delay. Needs tmux.
# Honours CARGO_TARGET_DIR (MIGRANEWS: another binary to time); archives go
# to $TMPDIR/migranews-compare.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
runs=${2:-3}
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
work=${TMPDIR:-/tmp}/migranews-compare
mkdir -p "$work"
cargo build --release --quiet --bin migranews --example gen-archive --features sample
bin=${MIGRANEWS:-$target/release/migranews}
archive=$work/archive-$items.txt
[ -s "$archive" ] || "$target/release/examples/gen-archive" "$items" 42 > "$archive"

socket=migranews-latency-$$
home=$(mktemp -d)
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() {
    tmux_ kill-server 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT
# A home of its own: no store, history or settings of the user's.
tmux_ new-session -d -s s -x 120 -y 30 \
    "XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state $bin $archive"
top_line() { tmux_ capture-pane -p -t s -S 0 -E 0 2>/dev/null; }
# Waits until the filter bar shows `$1` as the query and a final count.
wait_for_query() {
    local query=$1 line
    while true; do
        line=$(top_line)
        if [[ $line == "> $query "* && $line != *"…"* ]]; then
            # After the query: spaces, then the count, ending "/ ITEMS" or "/ITEMS".
            local rest=${line#"> $query"}
            if [[ $rest =~ ^\ +[0-9][0-9a-z\ +]*/\ ?$items\ *$ ]]; then
                return
            fi
        fi
    done
}
start=$EPOCHREALTIME
wait_for_query ""
first_screen=${EPOCHREALTIME/./}
# The search index is built behind the first screen: typing starts once it
# is surely there, so that the first key is not timed with it.
sleep "${SETTLE:-3}"
echo "items: $items; first screen after $(( (first_screen - ${start/./}) / 1000 )) ms; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# p50 and p90 (nearest rank) of the numbers on standard input.
percentiles() {
    sort -n | awk '{ v[NR] = $1 } END {
        p50 = v[int((NR * 50 + 99) / 100)]; p90 = v[int((NR * 90 + 99) / 100)]
        printf "p50 %6.1f ms  p90 %6.1f ms  max %6.1f ms  (%d keys)", p50, p90, v[NR], NR }'
}

queries=("border worker" "diaspora caribe" "mexico")
for query in "${queries[@]}"; do
    samples=()
    keys=
    for ((run = 0; run < runs; run++)); do
        for ((end = 1; end <= ${#query}; end++)); do
            typed=${query:0:end}
            sent=$EPOCHREALTIME
            tmux_ send-keys -t s -l "${query:end-1:1}"
            wait_for_query "$typed"
            done_at=$EPOCHREALTIME
            samples+=("$(( ${done_at/./} - ${sent/./} ))")
            # Each key of the first run, to see the first keys' large match sets.
            ((run > 0)) || keys+="${typed// /_}:$(( (${done_at/./} - ${sent/./}) / 1000 )) "
        done
        tmux_ send-keys -t s C-u
        wait_for_query ""
    done
    printf '%-18s %s\n' "\"$query\"" \
        "$(printf '%s\n' "${samples[@]}" | awk '{ printf "%.1f\n", $1 / 1000 }' | percentiles)"
    echo "    first run, ms a key: $keys"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
