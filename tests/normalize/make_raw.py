#!/usr/bin/env python3
"""Wraps fixture response bodies into pantau raw records, for the golden e2e cases.

    make_raw.py PLATFORM ENDPOINT BODY_FILE [--status N] [--adapter A] [--account KEY] > raw.ndjson

The body is kept byte for byte (a JSON string when it is valid UTF-8, else base64), and sha256
is computed from it, as pantau-fetch-accounts does. The fetched_at time is fixed so that the
golden files stay stable.
"""
import argparse
import base64
import hashlib
import json
import sys

ACCOUNT = {
    "key": "lobar-dprd-3-a1b2c3", "platform": None, "handle": None, "platform_id": None,
    "url": None, "owner": "Budi Santoso", "owner_key": "budi-santoso", "role": "candidate",
    "party": "Partai Contoh", "ballot_no": "3", "election": "pemilu-2024",
    "district": "Lombok Barat 2", "region": "52.01", "kpu_registered": True, "notes": None,
    "row": 12,
}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("platform")
    ap.add_argument("endpoint")
    ap.add_argument("body_file")
    ap.add_argument("--status", type=int, default=200)
    ap.add_argument("--adapter")
    ap.add_argument("--no-account", action="store_true")
    a = ap.parse_args()
    body = open(a.body_file, "rb").read()
    try:
        text, enc = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = base64.b64encode(body).decode("ascii"), "base64"
    account = None if a.no_account else dict(ACCOUNT, platform=a.platform)
    rec = {
        "kind": "raw", "platform": a.platform, "adapter": a.adapter or a.platform,
        "endpoint": a.endpoint,
        "request_url": "https://api.example.invalid/%s/%s?key=REDACTED" % (a.platform, a.endpoint),
        "status": a.status, "headers": {"content-type": "application/json"},
        "fetched_at": "2024-02-12T01:00:00Z", "tool": "pantau-fetch-accounts 0.1.0",
        "sha256": hashlib.sha256(body).hexdigest(), "account": account, "page": 1,
        "cursor": None, "body_encoding": enc, "body": text,
    }
    sys.stdout.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")

main()
