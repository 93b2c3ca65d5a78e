#!/usr/bin/env bash
# scripts/eval-normalize.sh: scores pantau's text normalizer (text_norm) on STIF-Indonesia,
# informal -> formal sentence pairs of Indonesian customer-service tweets (Wibowo et al. 2020,
# MIT), next to the identity baseline, with pantau's own slang table and with the big
# new_kamusalay.csv dictionary (Ibrohim & Budi 2019, CC BY-NC-SA 4.0) added through --slang.
#
#   scripts/eval-normalize.sh [--data DIR] [--build DIR]
#
# The data is read at run time from DIR (default: ../shared/data next to the repository, or
# $PANTAU_DATA); nothing from it is copied into the tree. Prints a Markdown table: corpus
# BLEU-4 and word error rate (WER) against the formal side, per split. Both sides are
# tokenized the same way (whitespace, and "-" split off, as STIF writes "tiba - tiba").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${PANTAU_DATA:-$root/../shared/data}
build=$root/build/release
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "eval-normalize: unknown argument $1" >&2; exit 2 ;;
  esac
done
stif=$data/stif-indonesia
kamus=$data/ibrohim2019-multilabel-hs/new_kamusalay.csv
tn=$build/bench/normalize/pantau-bench-textnorm
for f in "$stif/train.inf" "$stif/train.for" "$stif/dev.inf" "$stif/dev.for" "$kamus"; do
  [ -r "$f" ] || { echo "eval-normalize: cannot read $f (see --data)" >&2; exit 1; }
done
[ -x "$tn" ] || { echo "eval-normalize: build pantau-bench-textnorm first ($tn)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

systems=("identity" "pantau (built-in slang)" "pantau + new_kamusalay.csv" "new_kamusalay.csv only")
run_system() {  # SYSTEM INPUT OUTPUT
  case "$1" in
    identity) cat "$2" >"$3" ;;
    "pantau (built-in slang)") "$tn" <"$2" >"$3" ;;
    "pantau + new_kamusalay.csv") "$tn" --slang "$kamus" <"$2" >"$3" ;;
    "new_kamusalay.csv only") "$tn" --no-builtin --slang "$kamus" <"$2" >"$3" ;;
  esac
}

echo "| split | system | BLEU-4 | WER | sentences exactly right |"
echo "|---|---|---:|---:|---:|"
for split in train dev; do
  for i in "${!systems[@]}"; do
    run_system "${systems[$i]}" "$stif/$split.inf" "$tmp/$split.$i"
    python3 - "$tmp/$split.$i" "$stif/$split.for" "$split" "${systems[$i]}" <<'PY'
import collections, math, sys
hyp_path, ref_path, split, system = sys.argv[1:5]

def tokens(line):
    out = []
    for t in line.lower().split():
        parts = t.split("-")
        for k, p in enumerate(parts):
            if k:
                out.append("-")
            if p:
                out.append(p)
    return out

hyps = [tokens(l) for l in open(hyp_path, encoding="utf-8")]
refs = [tokens(l) for l in open(ref_path, encoding="utf-8")]
assert len(hyps) == len(refs), (len(hyps), len(refs))

def ngrams(ws, n):
    return collections.Counter(tuple(ws[i:i + n]) for i in range(len(ws) - n + 1))

match = [0] * 4
total = [0] * 4
hyp_len = ref_len = 0
edits = ref_words = exact = 0
for h, r in zip(hyps, refs):
    hyp_len += len(h)
    ref_len += len(r)
    for n in range(1, 5):
        hc, rc = ngrams(h, n), ngrams(r, n)
        match[n - 1] += sum(min(c, rc[g]) for g, c in hc.items())
        total[n - 1] += max(len(h) - n + 1, 0)
    # word-level Levenshtein distance
    prev = list(range(len(r) + 1))
    for i, hw in enumerate(h, 1):
        cur = [i] + [0] * len(r)
        for j, rw in enumerate(r, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (hw != rw))
        prev = cur
    edits += prev[-1]
    ref_words += len(r)
    exact += h == r
if min(match) == 0:
    bleu = 0.0
else:
    logp = sum(math.log(m / t) for m, t in zip(match, total)) / 4
    bp = 1.0 if hyp_len > ref_len else math.exp(1 - ref_len / max(hyp_len, 1))
    bleu = 100 * bp * math.exp(logp)
print(f"| {split} ({len(refs)}) | {system} | {bleu:.2f} | {100 * edits / ref_words:.1f}% | {100 * exact / len(refs):.1f}% |")
PY
  done
done
