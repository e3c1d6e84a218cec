#!/usr/bin/env bash
# --shard over the real golden tree: for N = 1..7 and every profile, the ids that --list prints
# for shards 1/N .. N/N, put together, are every selected id exactly once; and a case's shard
# does not depend on which other cases are selected (shard K/3 of the `file` cases is shard K/3
# of everything, restricted to the `file` cases).
#   shard_union.sh FALCO_CONFORMANCE GOLDEN_DIR
set -euo pipefail
fc=$1 golden=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/shard-union.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
list() { "$fc" --list --golden "$golden" "$@" | cut -d' ' -f1; }

for profile in 0.44 0.41-0.43 0.39-0.40 0.38 0.37 0.36 0.35 0.34 0.33 legacy; do
    list --profile "$profile" | sort >"$tmp/all"
    total=$(wc -l <"$tmp/all")
    ((total > 0)) || { echo "FAIL: profile $profile lists no case"; exit 1; }
    for n in 1 2 3 4 5 6 7; do
        : >"$tmp/union"
        sizes=()
        for ((k = 1; k <= n; k++)); do
            list --profile "$profile" --shard "$k/$n" >"$tmp/part"
            sizes+=("$(wc -l <"$tmp/part")")
            cat "$tmp/part" >>"$tmp/union"
        done
        # Not `sort -u`: an id in two shards must show up as a difference.
        sort "$tmp/union" >"$tmp/union.sorted"
        if ! cmp -s "$tmp/all" "$tmp/union.sorted"; then
            echo "FAIL: profile $profile, N=$n: the shards are not a partition (< missing, > twice):"
            diff "$tmp/all" "$tmp/union.sorted" | head -20
            exit 1
        fi
        echo "profile $profile, N=$n: shard sizes ${sizes[*]} (of $total)"
    done
    list --profile "$profile" --tag file | sort >"$tmp/file"
    for k in 1 2 3; do
        list --profile "$profile" --shard "$k/3" | sort >"$tmp/shard"
        list --profile "$profile" --tag file --shard "$k/3" | sort >"$tmp/file-shard"
        if ! comm -12 "$tmp/file" "$tmp/shard" | cmp -s - "$tmp/file-shard"; then
            echo "FAIL: profile $profile: shard $k/3 of the file cases is not shard $k/3 restricted to them"
            exit 1
        fi
    done
done
echo "shard_union: every shard set of N = 1..7 is a partition of the selection, in every profile"
