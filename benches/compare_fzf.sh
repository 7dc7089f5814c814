#!/usr/bin/env bash
# migranews --filter against fzf --filter over the same 1M generated headlines.
#
#   bash benches/compare_fzf.sh [ITEMS]
#
# Needs fzf and hyperfine (Debian packages; installed if missing and root).
# Prints hyperfine's table for each query, then match counts of both tools
# on the ASCII-only headlines, where the two should agree exactly.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
work=${TMPDIR:-/tmp}/migranews-compare
mkdir -p "$work"

for tool in fzf hyperfine; do
    if ! command -v "$tool" >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    fi
done

cargo build --release --quiet --bin migranews --example gen-archive
bin=target/release/migranews
archive=$work/archive-$items.txt
headlines=$work/headlines-$items.txt
[ -s "$archive" ] || target/release/examples/gen-archive "$items" 42 > "$archive"
"$bin" --list "$archive" | cut -f2 > "$headlines"
echo "archive: $(du -h "$archive" | cut -f1), $items items; headlines only: $(du -h "$headlines" | cut -f1)"

queries=("border worker" "diaspora caribe" "mexico" "regularizacion migrantes")
for query in "${queries[@]}"; do
    hyperfine --warmup 1 --runs 5 --style basic \
        -n "migranews --filter '$query' (archive, parsing included)" \
        "$bin --filter '$query' $archive > /dev/null" \
        -n "fzf --filter '$query' (headlines only)" \
        "fzf --filter '$query' < $headlines > /dev/null"
done

# Counts on ASCII-only headlines, where accent folding plays no part.
ascii_list=$work/ascii-$items.tsv
ascii_archive=$work/ascii-archive-$items.txt
"$bin" --list "$archive" | LC_ALL=C grep -v $'[\x80-\xff]' > "$ascii_list"
awk -F'\t' '{ printf "%s\n\n%s\n\n", $1, $2 }' "$ascii_list" > "$ascii_archive"
cut -f2 "$ascii_list" > "$work/ascii-headlines-$items.txt"
echo
echo "match counts on $(wc -l < "$ascii_list") ASCII-only headlines:"
printf '%-28s %10s %10s\n' query migranews fzf
for query in "${queries[@]}"; do
    ours=$("$bin" --filter "$query" "$ascii_archive" | wc -l || true)
    theirs=$(fzf --filter "$query" < "$work/ascii-headlines-$items.txt" | wc -l || true)
    printf '%-28s %10s %10s\n' "$query" "$ours" "$theirs"
done
