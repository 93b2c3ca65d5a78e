#!/usr/bin/env python3
"""Converts public Indonesian data sets into labelled NDJSON for `pantau-classify eval`.

Reads the data at run time from ../shared/data (their licenses forbid copying them into the
tree) and writes {"kind":"post","id":...,"set":...,"text":...,"gold":[label ids],
"labelled":[label ids]} records to stdout ("labelled": the labels the set's annotators were
asked about; the others are unknown for its records, not negative).

  convert.py ibrohim2019 DATA_DIR   HS -> hate, Abusive -> insult, HS_Religion|HS_Race -> sara
  convert.py ibrohim2018 DATA_DIR   label 2 or 3 (abusive) -> insult (the only label it has)
  convert.py rahmatttt DATA_DIR     the same 12 columns as ibrohim2019, the same mapping
  convert.py netifier DATA_DIR      sara -> sara, pencemaran_nama_baik -> black_campaign
  convert.py election ROOT          tests/classify/labelled/*.ndjson with "set" and "labelled"
No set has a threat (violence) label: radikalisme (netifier) is radical ideology, not a threat.

Encoding traps handled: ibrohim2019 is Latin-1/cp1252 with CRLF and literal "\\n" sequences;
netifier has multi-line quoted cells with mixed CR/CRLF; rahmatttt is ';'-separated with real
newlines in quoted cells and mojibake (UTF-8 read as cp1252 up to three times), undone here.
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


LABELLED = {
    "ibrohim2019": ["hate", "insult", "sara"],
    "ibrohim2018": ["insult"],
    "rahmatttt": ["hate", "insult", "sara"],
    "netifier": ["sara", "black_campaign"],
}


def emit(rid, text, gold):
    name = rid.split(":", 1)[0]
    rec = {"kind": "post", "id": rid, "set": name, "text": text, "gold": gold,
           "labelled": LABELLED[name]}
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


def ibrohim2018(data_dir):
    text = read_text(data_dir + "/ibrohim2018-abusive/re_dataset_three_labels.csv")
    rows = csv.DictReader(io.StringIO(text.replace("\r\n", "\n"), newline=""))
    for i, row in enumerate(rows, 1):
        gold = ["insult"] if row["Label"] in ("2", "3") else []
        emit("ibrohim2018:%d" % i, row["Tweet"].replace("\\n", "\n").strip(), gold)


def unmojibake(text):
    """Undoes UTF-8 decoded as cp1252 (or Latin-1), as often as that gives valid UTF-8."""
    for _ in range(3):
        try:
            fixed = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            try:
                fixed = text.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                break
        if fixed == text:
            break
        text = fixed
    # C1 control characters left by the round trips carry nothing.
    return "".join(ch for ch in text if not 0x80 <= ord(ch) <= 0x9F)


def rahmatttt(data_dir):
    text = read_text(data_dir + "/rahmatttt-hs-extension/new_rows.csv")
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    for i, row in enumerate(rows, 1):
        gold = []
        if row["HS"] == "1":
            gold.append("hate")
        if row["Abusive"] == "1":
            gold.append("insult")
        if row["HS_Religion"] == "1" or row["HS_Race"] == "1":
            gold.append("sara")
        emit("rahmatttt:%d" % i, unmojibake(row["Tweet"]).replace("\\n", "\n").strip(), gold)


def election(root):
    labels = ["money_politics", "quiet_period", "outside_schedule", "neutrality",
              "facility_misuse"]
    for name in ("election.ndjson", "election-heldout.ndjson"):
        with open(root + "/tests/classify/labelled/" + name, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                rec["set"] = "election"
                rec["labelled"] = labels
                sys.stdout.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


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
    converters = {"ibrohim2019": ibrohim, "ibrohim2018": ibrohim2018, "rahmatttt": rahmatttt,
                  "netifier": netifier, "election": election}
    if len(sys.argv) != 3 or sys.argv[1] not in converters:
        sys.stderr.write("usage: convert.py %s DIR\n" % "|".join(converters))
        sys.exit(2)
    converters[sys.argv[1]](sys.argv[2])
