#!/usr/bin/env python3
"""False positives on ordinary election talk: the Satria Data 2024 half of election tweets.

The data set (../shared/data/satriadata2024-half, no license: read at run time, never copied
into the tree) holds tweets about the 2024 presidential election labelled by topic, not by
violation. Almost none of them is a violation, so every violation label pantau-classify puts
on one is worth a look.

  satriadata.py posts [--half tune|holdout] DATA_DIR
                                          post records on stdout ({"kind":"post","id":..,"text":..});
                                          --half keeps one half of the split below
  satriadata.py measure [--seed N] [--sample K] < CLASSIFIED
                                          the share of posts with a violation label, the rules
                                          that fired, and a seeded random sample of flagged ids
                                          to hand-check (ids only: the texts stay in the data)

  scripts/eval/satriadata.py posts --half holdout ../shared/data | build/ci/tools/pantau-classify |
      scripts/eval/satriadata.py measure --seed 14 --sample 40

Tune and holdout halves: rules are tuned by reading flags on the tune half only; the holdout half
is measured, never read for tuning, so its figures say what the rules do on tweets they were not
fitted to. A post's half is the parity of the first byte of sha256(key), where key is the text
without what differs between copies of one tweet (retweet markup "RT" and "[RE account]",
@handles, links, case, punctuation, spacing): the data set's near-duplicates (the same retweet
with other hashed handles or links) then fall in the same half, so a fix for a tune tweet is not
also a fix for its copy in the holdout. Even first byte = tune, odd = holdout.

Ids are "satriadata2024:<row>", the row number in the csv (header = row 0). `campaign` is not
counted as a violation: campaign content is lawful in the campaign period and these posts carry
no account or time, so the labels that depend on them (quiet_period, neutrality, ...) cannot fire.
Encoding: rows were mis-encoded up to three times (UTF-8 read as cp1252); each text is repaired
while a cp1252 round trip still decodes as UTF-8. "²" (reduplication) and "&amp;" are left as
written: the classifier meets them as they are online.
"""
import collections
import csv
import hashlib
import io
import json
import random
import re
import sys

VIOLATIONS = {"sara", "hate", "insult", "black_campaign", "hoax", "money_politics", "violence",
              "quiet_period", "outside_schedule", "neutrality", "facility_misuse"}


def repair(text):
    for _ in range(4):
        try:
            fixed = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            # cp1252 leaves 0x81 0x8d 0x8f 0x90 0x9d undefined: Latin-1 covers them.
            try:
                fixed = text.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                return text
        if fixed == text:
            return text
        text = fixed
    return text


def split_key(text):
    """The text as all copies of one tweet share it (see the module docstring)."""
    t = text.lower()
    t = re.sub(r"\[re [^\]]*\]\s*$", " ", t)
    t = re.sub(r"^\s*rt\b", " ", t)
    t = re.sub(r"@\S+", " ", t)
    t = re.sub(r"https?://\S+", " ", t)
    t = re.sub(r"[\W_]+", " ", t)
    return " ".join(t.split())


def half_of(text):
    return "tune" if hashlib.sha256(split_key(text).encode("utf-8")).digest()[0] % 2 == 0 \
        else "holdout"


def posts(data_dir, half=None):
    path = data_dir + "/satriadata2024-half/dataset_penyisihan_bdc_2024.half.csv"
    raw = open(path, "rb").read().decode("utf-8")
    rows = csv.reader(io.StringIO(raw, newline=""), delimiter=";")
    next(rows)
    out = sys.stdout
    for i, row in enumerate(rows, 1):
        if not row:
            continue
        text = repair(row[0])
        if half and half_of(text) != half:
            continue
        rec = {"kind": "post", "id": "satriadata2024:%d" % i, "platform": "x", "text": text}
        out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


def measure(seed, sample):
    total = 0
    flagged = []
    per_label = collections.Counter()
    per_rule = collections.Counter()
    for line in sys.stdin:
        rec = json.loads(line)
        if rec.get("kind") != "post":
            continue
        total += 1
        labels = [l for l in rec.get("labels", []) if l["label"] in VIOLATIONS]
        if not labels:
            continue
        flagged.append(rec["id"])
        for l in labels:
            per_label[l["label"]] += 1
            for r in l.get("rules", []):
                per_rule[r] += 1
    print("posts %d, with a violation label %d (%.1f%%)" % (total, len(flagged),
                                                            100.0 * len(flagged) / max(total, 1)))
    for label, n in per_label.most_common():
        print("  label %-18s %d" % (label, n))
    for rule, n in per_rule.most_common():
        print("  rule  %-28s %d" % (rule, n))
    picked = random.Random(seed).sample(flagged, min(sample, len(flagged)))
    print("sample (seed %d, %d of %d flagged):" % (seed, len(picked), len(flagged)))
    for rid in picked:
        print("  " + rid)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "posts":
        posts(args[1])
    elif len(args) == 4 and args[0] == "posts" and args[1] == "--half" and \
            args[2] in ("tune", "holdout"):
        posts(args[3], args[2])
    elif args and args[0] == "measure":
        opts = dict(zip(args[1::2], args[2::2]))
        measure(int(opts.get("--seed", 14)), int(opts.get("--sample", 40)))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
