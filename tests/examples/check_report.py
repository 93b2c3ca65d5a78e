#!/usr/bin/env python3
"""Checks the output of the bundled example pipeline against examples/expected-findings.tsv.

    check_report.py --findings examples/expected-findings.tsv --classified OUT/classified.ndjson
                    [--report-html OUT/report.html] [--report-json OUT/report.json]
                    [--report-md OUT/report.md] [--report-csv OUT/findings.csv]

What it checks, and says precisely when it fails:
  1. the labelled stream (pantau-records(5)): every planted finding is there with one of its
     evidence alternatives in the label's evidence (and its target, where one is listed); no
     post has a label that is neither planted nor explicitly tolerated (hard negatives and clean
     posts stay clean); every post of posts.txt is there exactly once and no other post is;
     every account that fails on purpose has an error record;
  2. each report given: every planted violation (campaign content is counted, not listed) appears
     with its label and one of its evidence alternatives, and every failed account is listed.
Exit status 0 when everything holds, 1 otherwise (with one line per problem), 2 on bad usage.
"""

import argparse
import csv
import html
import json
import re
import sys
from collections import defaultdict


def fold(s):
    return " ".join(s.casefold().split())


def token_of(post_id):
    """The part of a post id that is unique in the example: video id, status id, Bluesky rkey."""
    rest = post_id.split(":", 1)[1] if ":" in post_id else post_id
    return rest.rsplit("/", 1)[-1]


class Expectations:
    def __init__(self, path):
        self.expect = defaultdict(list)   # post id -> [(label, [alternatives])]
        self.allow = defaultdict(set)     # post id -> {label}
        self.hard = {}                    # post id -> reason
        self.clean = set()                # post ids of ordinary posts
        self.targets = defaultdict(list)  # post id -> [(label, target name)]
        self.failed = []                  # (account key, status, note)
        self.info = {}                    # post id -> "account, local time: excerpt"
        with open(path, encoding="utf-8", newline="") as f:
            rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                    if r and not r[0].startswith("#")]
        header, rows = rows[0], rows[1:]
        col = {name: i for i, name in enumerate(header)}
        for r in rows:
            post_id, label, evidence, kind = (r[col["post_id"]], r[col["label"]],
                                              r[col["evidence"]], r[col["kind"]])
            if kind == "failed":
                self.failed.append((post_id, evidence, r[col["excerpt"]]))
                continue
            self.info[post_id] = (f"{r[col['account']]}, {r[col['local_time']]} WITA: "
                                  f"\"{r[col['excerpt']]}\"")
            if kind == "expect":
                alts = [a.strip() for a in evidence.split("|") if a.strip()]
                self.expect[post_id].append((label, alts))
            elif kind == "allow":
                self.allow[post_id].add(label)
            elif kind == "hard":
                self.hard[post_id] = evidence
            elif kind == "clean":
                self.clean.add(post_id)
            elif kind == "target":
                self.targets[post_id].append((label, evidence))
            else:
                raise ValueError(f"{path}: unknown kind {kind!r}")

    def posts(self):
        return set(self.expect) | set(self.allow) | set(self.hard) | self.clean


def read_stream(path):
    posts, errors = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("kind") == "post":
                posts.append(rec)
            elif rec.get("kind") == "error":
                errors.append(rec)
    return posts, errors


def evidence_strings(label):
    out = []
    for ev in label.get("evidence") or []:
        for key in ("text", "note", "claim_id", "claim_url"):
            if isinstance(ev.get(key), str):
                out.append(ev[key])
    return out


def matches(alternatives, strings):
    folded = [fold(s) for s in strings]
    return any(fold(a) in s for a in alternatives for s in folded)


def check_stream(exp, posts, errors, problems, notes):
    index = {}
    for p in posts:
        for key in (p.get("id"), p.get("native_id"), token_of(p.get("id") or "")):
            if key:
                index.setdefault(key, p)
    listed = exp.posts()
    found = 0
    planted = sum(len(v) for v in exp.expect.values())
    for post_id in sorted(listed):
        post = index.get(post_id) or index.get(token_of(post_id))
        if post is None:
            problems.append(f"post not in the stream (fetch/normalize lost it): {post_id} "
                            f"({exp.info[post_id]})")
            continue
        labels = {l.get("label"): l for l in post.get("labels") or []}
        for label, alts in exp.expect.get(post_id, []):
            got = labels.get(label)
            if got is None:
                problems.append(f"missing finding {label} on {post_id} ({exp.info[post_id]}); "
                                f"labels given: {sorted(labels) or 'none'}")
                continue
            if alts and not matches(alts, evidence_strings(got)):
                problems.append(f"finding {label} on {post_id} lacks its evidence: expected one "
                                f"of {alts}, evidence was {evidence_strings(got)} "
                                f"({exp.info[post_id]})")
                continue
            found += 1
        for label, name in exp.targets.get(post_id, []):
            names = [t.get("name") or "" for t in (labels.get(label) or {}).get("targets") or []]
            if label in labels and fold(name) not in [fold(n) for n in names]:
                problems.append(f"finding {label} on {post_id} does not name its target {name!r}; "
                                f"targets were {names} ({exp.info[post_id]})")
        wanted = {l for l, _ in exp.expect.get(post_id, [])} | exp.allow.get(post_id, set())
        for label in sorted(set(labels) - wanted):
            what = ("hard negative flagged" if post_id in exp.hard else
                    "label on a clean post" if post_id in exp.clean else "unexpected label")
            problems.append(f"{what}: {label} on {post_id} ({exp.info[post_id]}); evidence "
                            f"{evidence_strings(labels[label])}")
        for label in sorted(set(labels) & exp.allow.get(post_id, set())):
            notes.append(f"tolerated: {label} on {post_id} ({exp.info[post_id]})")
    # Posts nobody wrote, and posts written twice, grouped by the input format they came from.
    listed_tokens = {token_of(p) for p in listed}
    seen = defaultdict(list)
    extra = defaultdict(list)
    for p in posts:
        source = (p.get("source") or {}).get("format")
        seen[p.get("id")].append(source)
        if p.get("id") not in listed and token_of(p.get("id") or "") not in listed_tokens:
            text = " ".join((p.get("text") or "").split())[:50]
            extra[source].append(f"{p.get('id')} \"{text}\"")
    for source, items in sorted(extra.items(), key=lambda kv: str(kv[0])):
        problems.append(f"{len(items)} post(s) in the stream that posts.txt does not have, from "
                        f"{source}: " + "; ".join(items[:3]) + ("; ..." if len(items) > 3 else ""))
    repeated = defaultdict(list)
    for post_id, sources in sorted(seen.items()):
        if len(sources) > 1:
            repeated[" + ".join(str(x) for x in sources)].append(post_id)
    for sources, ids in sorted(repeated.items()):
        problems.append(f"{len(ids)} post(s) appear more than once in the stream ({sources}): "
                        + ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else ""))
    for key, status, _ in exp.failed:
        hits = [e for e in errors if (e.get("account") or {}).get("key") == key]
        if not hits:
            problems.append(f"failed account has no error record: {key} (expected http {status})")
        elif str(hits[0].get("http_status")) != status:
            problems.append(f"error record of {key} has http_status "
                            f"{hits[0].get('http_status')}, expected {status}")
    return found, planted, index


# Labels that describe rather than accuse: reports count them but need not list each post.
INFORMATIONAL = {"campaign"}


def walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


def report_label_info(doc):
    """From a JSON report: {label: name} and the set of labels it treats as violations."""
    names, violations = {}, set()
    for entry in doc.get("labels") or []:
        if isinstance(entry, dict) and "label" in entry:
            names[entry["label"]] = entry.get("name") or ""
            if entry.get("violation", True):
                violations.add(entry["label"])
    return names, violations


def required(exp, violations, index):
    """The planted (post, label, alternatives) a report must show: violations the labelled
    stream has (a finding missing there is reported once, for the stream)."""
    for post_id, expects in sorted(exp.expect.items()):
        post = index.get(post_id) or index.get(token_of(post_id))
        present = {l.get("label") for l in (post or {}).get("labels") or []}
        for label, alts in expects:
            if label in INFORMATIONAL or label not in present:
                continue
            if not violations or label in violations:
                yield post_id, label, alts


def check_json(name, doc, exp, index, problems):
    """A JSON report: every required finding is an object with the post's id and its label with
    the evidence; every failed account appears with its key and HTTP status."""
    findings = defaultdict(list)
    for obj in walk(doc):
        if isinstance(obj.get("id"), str) and isinstance(obj.get("labels"), list):
            findings[token_of(obj["id"])].append(obj)
    _, violations = report_label_info(doc)
    for post_id, label, alts in required(exp, violations, index):
        objs = findings.get(token_of(post_id))
        if not objs:
            problems.append(f"{name}: finding on {post_id} is not in the report "
                            f"({exp.info[post_id]})")
            continue
        labels = [l for o in objs for l in o["labels"]
                  if isinstance(l, dict) and l.get("label") == label]
        if not labels:
            problems.append(f"{name}: finding on {post_id} lacks label {label}")
        elif alts and not matches(alts, [s for l in labels for s in evidence_strings(l)]):
            problems.append(f"{name}: finding {label} on {post_id} lacks evidence {alts}")
    for key, status, _ in exp.failed:
        hits = [o for o in walk(doc) if o.get("key") == key and "http_status" in o]
        if not hits:
            problems.append(f"{name}: failed account {key} (http {status}) is not listed")
        elif str(hits[0].get("http_status")) != status:
            problems.append(f"{name}: failed account {key} listed with http_status "
                            f"{hits[0].get('http_status')}, expected {status}")


def check_document(name, text, exp, index, names, violations, problems):
    """A report for people (html, md, csv): each required finding's post appears, with its label
    (id, the classifier's names or the report's name) and one of its evidence alternatives near
    it; every failed account is listed."""
    plain = text
    if name.endswith(".html"):
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    raw = plain.casefold()
    for post_id, label, alts in required(exp, violations, index):
        post = index.get(post_id) or index.get(token_of(post_id))
        tok = token_of(post_id).casefold()
        spots = [m.start() for m in re.finditer(re.escape(tok), raw)]
        if not spots:
            problems.append(f"{name}: finding on {post_id} is not in the report "
                            f"({exp.info[post_id]})")
            continue
        # The finding's neighbourhood: from before its first mention to after its last one.
        near = fold(plain[max(0, spots[0] - 3000): spots[-1] + 3000])
        got = {l.get("label"): l for l in post.get("labels") or []}.get(label) or {}
        candidates = [label, got.get("name_id"), got.get("name_en"), names.get(label)]
        if not any(c and fold(c) in near for c in candidates):
            problems.append(f"{name}: label {label} not shown near {post_id}")
        if alts and not matches(alts, [near]):
            problems.append(f"{name}: evidence {alts} for {label} not shown near {post_id}")
    for key, status, _ in exp.failed if not name.endswith(".csv") else []:
        # A findings table (csv) has one row per finding and no place for failed accounts.
        handle = key.split(":", 1)[1].casefold()
        if handle not in raw:
            problems.append(f"{name}: failed account {key} (http {status}) is not listed")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--findings", required=True)
    ap.add_argument("--classified", required=True)
    for fmt in ("html", "json", "md", "csv"):
        ap.add_argument(f"--report-{fmt}")
    args = ap.parse_args()

    exp = Expectations(args.findings)
    posts, errors = read_stream(args.classified)
    problems, notes = [], []
    found, planted, index = check_stream(exp, posts, errors, problems, notes)
    names, violations = {}, set()
    if args.report_json:
        with open(args.report_json, encoding="utf-8") as f:
            doc = json.load(f)
        names, violations = report_label_info(doc)
        check_json(args.report_json.rsplit("/", 1)[-1], doc, exp, index, problems)
    for fmt in ("html", "md", "csv"):
        path = getattr(args, f"report_{fmt}")
        if path:
            with open(path, encoding="utf-8-sig") as f:
                check_document(path.rsplit("/", 1)[-1], f.read(), exp, index, names,
                               violations, problems)

    for n in notes:
        print(f"note: {n}")
    for p in problems:
        print(f"FAIL: {p}")
    flagged = sum(1 for p in posts if p.get("labels"))
    print(f"{found} of {planted} planted findings found with their evidence; "
          f"{len(posts)} posts, {flagged} with labels, {len(errors)} error records; "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
