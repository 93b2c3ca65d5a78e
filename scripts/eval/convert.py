#!/usr/bin/env python3
"""Converts public Indonesian data sets into labelled NDJSON for `pantau-classify eval`.

Reads the data at run time from ../shared/data (their licenses forbid copying them into the
tree) and writes {"kind":"post","id":...,"text":...,"gold":[label ids]} records to stdout.

  convert.py ibrohim2019 DATA_DIR   HS -> hate, Abusive -> insult, HS_Religion|HS_Race -> sara
  convert.py netifier DATA_DIR      sara -> sara, pencemaran_nama_baik -> black_campaign

Encoding traps handled: ibrohim2019 is Latin-1/cp1252 with CRLF and literal "\\n" sequences;
netifier has multi-line quoted cells with mixed CR/CRLF.
"""
import csv
import io
import json
import sys


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def emit(rid, text, gold):
    rec = {"kind": "post", "id": rid, "text": text, "gold": gold}
    sys.stdout.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


def ibrohim(data_dir):
    rows = csv.DictReader(io.StringIO(read_text(data_dir + "/ibrohim2019-multilabel-hs/re_dataset.csv"), newline=""))
    for i, row in enumerate(rows, 1):
        text = row["Tweet"].replace("\\n", "\n").strip()
        gold = []
        if row["HS"] == "1":
            gold.append("hate")
        if row["Abusive"] == "1":
            gold.append("insult")
        if row["HS_Religion"] == "1" or row["HS_Race"] == "1":
            gold.append("sara")
        emit("ibrohim2019:%d" % i, text, gold)


def netifier(data_dir):
    text = read_text(data_dir + "/netifier-toxicity/raw_train.csv")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows = csv.DictReader(io.StringIO(text, newline=""))
    for i, row in enumerate(rows, 1):
        gold = []
        if row["sara"] == "1":
            gold.append("sara")
        if row["pencemaran_nama_baik"] == "1":
            gold.append("black_campaign")
        emit("netifier:%d" % i, row["original_text"].replace("\\n", "\n").strip(), gold)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("ibrohim2019", "netifier"):
        sys.stderr.write("usage: convert.py ibrohim2019|netifier DATA_DIR\n")
        sys.exit(2)
    {"ibrohim2019": ibrohim, "netifier": netifier}[sys.argv[1]](sys.argv[2])
