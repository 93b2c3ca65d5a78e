#!/usr/bin/env python3
"""Writes classified.ndjson: hand-written classified posts (man/pantau-records.5, POST RECORDS
+ LABELS) for pantau-report's tests. The people, accounts and posts are invented; the texts are
written in the style of Indonesian campaign posts. Evidence offsets are computed here (code
points of `text`), so the spans are exact. Run: python3 make_classified.py > classified.ndjson
"""
import json

CLASSIFIER = {"pack": "pantau-id", "version": "2024.1", "model": None, "election": "pemilu-2024"}
BASIS = {
    "money_politics": "UU 7/2017 Pasal 280 ayat (1) huruf j",
    "quiet_period": "UU 7/2017 Pasal 278 ayat (2) jo. Pasal 523 ayat (2)",
    "black_campaign": "UU 7/2017 Pasal 280 ayat (1) huruf c dan d",
    "neutrality": "UU 7/2017 Pasal 280 ayat (2) huruf f dan Pasal 282",
    "facility_misuse": "UU 7/2017 Pasal 280 ayat (1) huruf h",
    "hoax": "UU 7/2017 Pasal 280 ayat (1) huruf d",
    "sara": "UU 7/2017 Pasal 280 ayat (1) huruf c",
    "violence": "UU 7/2017 Pasal 280 ayat (1) huruf f",
    "campaign": None,
}
NAMES = {
    "money_politics": ("Politik uang", "Money politics"),
    "quiet_period": ("Kampanye di masa tenang", "Campaigning in the quiet period"),
    "black_campaign": ("Kampanye hitam", "Black campaign"),
    "neutrality": ("Pelanggaran netralitas", "Neutrality violation"),
    "facility_misuse": ("Penggunaan fasilitas negara", "Misuse of public facilities"),
    "hoax": ("Hoaks", "Hoax"),
    "sara": ("Ujaran SARA", "SARA hate speech"),
    "violence": ("Ancaman kekerasan", "Threat of violence"),
    "campaign": ("Konten kampanye", "Campaign content"),
}
BUDI = {"owner": "Budi Santoso", "owner_key": "budi-santoso", "role": "candidate",
        "party": "Partai Contoh", "ballot_no": "3", "election": "pemilu-2024",
        "district": "Lombok Barat 2", "region": "52.01"}
SITI = {"owner": "Siti Aminah", "owner_key": "siti-aminah", "role": "candidate",
        "party": "Partai Maju Bersama", "ballot_no": "05", "election": "pemilu-2024",
        "district": "Lombok Barat 2", "region": "52.01"}
LALU = {"owner": "Lalu Ahmad Fauzi", "owner_key": "lalu-ahmad-fauzi", "role": "civil_servant",
        "party": None, "ballot_no": None, "election": "pemilu-2024",
        "district": "Lombok Barat 2", "region": "52.01"}
KADES = {"owner": "Pemerintah Desa Sesela", "owner_key": "desa-sesela", "role": "village_head",
         "party": None, "ballot_no": None, "election": "pemilu-2024",
         "district": "Lombok Barat 2", "region": "52.01.03"}
WAYAN = {"owner": "I Wayan Sudarma", "owner_key": "wayan-sudarma", "role": "candidate",
         "party": "Partai Harapan Rakyat", "ballot_no": "7", "election": "pemilu-2024",
         "district": "Lombok Barat 2", "region": "52.01"}


def account(key, platform, handle, owner, row, url=None, registered=True):
    a = {"key": key, "platform": platform, "handle": handle, "platform_id": None,
         "url": url or f"https://example.invalid/{platform}/{handle.lstrip('@')}"}
    a.update(owner)
    a.update({"kpu_registered": registered, "notes": None, "row": row})
    return a


ACCOUNTS = {
    "budi-yt": account("lobar-3-budi-yt", "youtube", "@budisantoso", BUDI, 2,
                       "https://www.youtube.com/@budisantoso"),
    "budi-tt": account("lobar-3-budi-tt", "tiktok", "@budi.santoso3", BUDI, 3,
                       "https://www.tiktok.com/@budi.santoso3"),
    "budi-fb": account("lobar-3-budi-fb", "facebook", "budisantoso.official", BUDI, 4,
                       "https://www.facebook.com/budisantoso.official"),
    "siti-ig": account("lobar-5-siti-ig", "instagram", "siti.aminah05", SITI, 5,
                       "https://www.instagram.com/siti.aminah05"),
    "siti-x": account("lobar-5-siti-x", "x", "sitiaminah05", SITI, 6,
                      "https://x.com/sitiaminah05"),
    "lalu-fb": account("lobar-asn-lalu-fb", "facebook", "lalu.ahmad.fauzi", LALU, 7,
                       "https://www.facebook.com/lalu.ahmad.fauzi", registered=False),
    "kades-tt": account("lobar-desa-sesela-tt", "tiktok", "@desasesela", KADES, 8,
                        "https://www.tiktok.com/@desasesela", registered=False),
    "wayan-yt": account("lobar-7-wayan-yt", "youtube", "@wayansudarma", WAYAN, 9,
                        "https://www.youtube.com/@wayansudarma"),
    "wayan-tt": account("lobar-7-wayan-tt", "tiktok", "@wayan.sudarma7", WAYAN, 10,
                        "https://www.tiktok.com/@wayan.sudarma7"),
}


def label(name, score, text, quotes=(), rule=None, note=None, targets=(), claim=None):
    ev = []
    for q in quotes:
        start = text.index(q)
        ev.append({"rule": rule or f"{name}.lexicon", "start": start, "end": start + len(q),
                   "text": q})
    if note:
        ev.append({"rule": rule or f"{name}.calendar", "start": None, "end": None, "text": None,
                   "note": note})
    if claim:
        ev[0].update(claim)
    return {"label": name, "score": score, "name_id": NAMES[name][0], "name_en": NAMES[name][1],
            "basis": BASIS[name], "rules": sorted({e["rule"] for e in ev}), "evidence": ev,
            "targets": list(targets)}


BUDI_TARGET = {"type": "candidate", "name": "Budi Santoso", "ballot_no": "3",
               "party": "Partai Contoh"}
QUIET = "masa tenang 11-13 Februari 2024 (WITA)"
ORDER = ["sara", "hate", "insult", "black_campaign", "hoax", "money_politics", "violence",
         "campaign", "quiet_period", "outside_schedule", "neutrality", "facility_misuse"]


def post(pid, platform, acc, created, text, labels, ptype="post", url=None, title=None,
         fetched=None, sha=None, line=1, likes=0, classified=True, author=None):
    native = pid.split(":", 1)[1]
    a = ACCOUNTS[acc] if acc else None
    rec = {"kind": "post", "id": pid, "platform": platform, "native_id": native,
           "url": url if url is not None else f"https://example.invalid/{platform}/{native}",
           "type": ptype, "parent": None, "created_at": created,
           "author": author or {"id": None, "handle": a["handle"] if a else None,
                                "name": a["owner"] if a else None},
           "account": ({k: v for k, v in a.items()} if a else None),
           "text": text, "text_norm": text.lower(), "lang": "id", "title": title,
           "hashtags": [], "mentions": [], "urls": [], "media": [],
           "metrics": {"likes": likes, "comments": None, "shares": None, "views": None,
                       "observed_at": fetched or "2024-02-14T01:00:00Z"},
           "source": {"format": f"{platform}.api", "raw_sha256": sha or (native * 8)[:64].ljust(64, "0"),
                      "fetched_at": fetched or "2024-02-14T01:00:00Z",
                      "request_url": f"https://api.example.invalid/{platform}?key=REDACTED",
                      "input": f"raw-{platform}.ndjson", "line": line}}
    if classified:
        rec["labels"] = sorted(labels, key=lambda l: ORDER.index(l["label"]))
        rec["classifier"] = CLASSIFIER
    return rec


def sha(seed):
    import hashlib
    return hashlib.sha256(seed.encode()).hexdigest()


records = []
t = "Besok pagi tim kami bagi-bagi sembako di Desa Kuripan. Jangan lupa coblos nomor 3 ya! #LombokBaratMaju"
records.append(post("youtube:Kx7pQ2mWvA1", "youtube", "budi-yt", "2024-02-10T23:30:00Z", t, [
    label("money_politics", 0.86, t, ["bagi-bagi sembako"]),
    label("quiet_period", 0.9, t, note=QUIET),
    label("campaign", 0.7, t, ["coblos nomor 3"])], ptype="video",
    url="https://www.youtube.com/watch?v=Kx7pQ2mWvA1", title="Silaturahmi di Kuripan",
    sha=sha("yt1"), line=3))
t = "Serangan fajar? Itu urusan tim. Yang penting amplop sudah siap untuk warga 😄"
records.append(post("tiktok:7334120045566778899", "tiktok", "budi-tt", "2024-02-12T01:15:00Z", t, [
    label("money_politics", 0.93, t, ["Serangan fajar", "amplop"]),
    label("quiet_period", 0.88, t, note=QUIET)], ptype="video",
    url="https://www.tiktok.com/@budi.santoso3/video/7334120045566778899",
    fetched="2024-02-12T06:00:00Z", sha=sha("tt1"), line=7, likes=120))
t = "Calon nomor 3 itu antek asing dan suka korupsi dana desa, jangan pilih dia!"
records.append(post("x:1755001122334455667", "x", "siti-x", "2024-02-05T03:00:00Z", t, [
    label("black_campaign", 0.74, t, ["antek asing", "korupsi dana desa"], targets=[BUDI_TARGET])],
    url="https://x.com/sitiaminah05/status/1755001122334455667", sha=sha("x1"), line=2))
t = "Terima kasih warga Gerung atas sambutannya. Pilih nomor 05! 🙏"
records.append(post("instagram:C3aBcDeFgHi", "instagram", "siti-ig", "2024-02-06T10:00:00Z", t, [
    label("campaign", 0.8, t, ["Pilih nomor 05"])],
    url="https://www.instagram.com/p/C3aBcDeFgHi/", sha=sha("ig1"), line=4))
t = ("Sebagai ASN saya mengajak seluruh pegawai kantor mendukung Bapak Budi Santoso nomor urut 3, "
     "demi Lombok Barat yang lebih baik.")
records.append(post("facebook:100064512345678_987654321", "facebook", "lalu-fb",
                    "2024-02-08T02:00:00Z", t, [
    label("neutrality", 0.91, t, ["mengajak seluruh pegawai kantor mendukung"],
          rule="neutrality.asn_support", targets=[BUDI_TARGET])],
    url="https://www.facebook.com/lalu.ahmad.fauzi/posts/987654321", sha=sha("fb1"), line=5))
t = ("Rapat warga di balai desa Sesela: kita semua dukung pasangan nomor 3, "
     "kantor desa siap jadi posko pemenangan.")
records.append(post("tiktok:7333999888777666555", "tiktok", "kades-tt", "2024-02-09T12:00:00Z", t, [
    label("neutrality", 0.85, t, ["kita semua dukung pasangan nomor 3"],
          rule="neutrality.village_head_support"),
    label("facility_misuse", 0.8, t, ["balai desa", "kantor desa siap jadi posko"])],
    ptype="video", sha=sha("tt2"), line=9))
t = "Beredar kabar surat suara sudah dicoblos duluan di Lombok Barat! Sebarkan!!"
records.append(post("x:1755009988776655443", "x", None, "2024-02-07T05:00:00Z", t, [
    label("hoax", 0.7, t, ["surat suara sudah dicoblos"], rule="hoax.claim_match",
          claim={"claim_id": "tbh-2024-0192",
                 "claim_url": "https://turnbackhoax.id/2024/02/06/salah-surat-suara-sudah-dicoblos/"})],
    author={"id": "1600000000000000001", "handle": "infolobar_24", "name": "Info Lobar 24"},
    sha=sha("x2"), line=8))
t = ("Ayo dukung! <script>alert('xss')</script> <img src=x onerror=alert(1)> | **tebal** "
     "[klik](javascript:alert(1)) =HYPERLINK(\"http://evil.invalid\") dasar kafir semua")
records.append(post("facebook:100064512345678_111222333", "facebook", "budi-fb",
                    "2024-02-03T08:00:00Z", t, [
    label("sara", 0.62, t, ["dasar kafir"])],
    url="javascript:alert(document.cookie)", title="<b>Judul</b> & \"kutipan\"",
    sha=sha("fb2"), line=6))
t = "Alhamdulillah, pengajian rutin bersama warga Labuapi. Semoga berkah."
records.append(post("youtube:Zz9yX8wV7u6", "youtube", "budi-yt", "2024-02-01T07:00:00Z", t, [],
                    ptype="video", url="https://www.youtube.com/watch?v=Zz9yX8wV7u6",
                    sha=sha("yt2"), line=1))
t = "Malam terakhir sebelum pencoblosan, mohon doa restu. Besok coblos nomor 05 di TPS masing-masing! ✨"
records.append(post("instagram:C3zYxWvUtSr", "instagram", "siti-ig", "2024-02-13T14:00:00Z", t, [
    label("campaign", 0.75, t, ["coblos nomor 05"]),
    label("quiet_period", 0.8, t, note=QUIET)],
    url="https://www.instagram.com/p/C3zYxWvUtSr/", sha=sha("ig2"), line=10))
t = "Hari ini blusukan ke pasar Gerung, harga cabai naik lagi."
records.append(post("x:1755112233445566778", "x", "siti-x", "2024-02-04T04:00:00Z", t, [],
                    classified=False, url="https://x.com/sitiaminah05/status/1755112233445566778",
                    sha=sha("x3"), line=3))
# The TikTok video of the 12th fetched again a day later: same post, later fetch.
t = "Serangan fajar? Itu urusan tim. Yang penting amplop sudah siap untuk warga 😄"
records.append(post("tiktok:7334120045566778899", "tiktok", "budi-tt", "2024-02-12T01:15:00Z", t, [
    label("money_politics", 0.93, t, ["Serangan fajar", "amplop"]),
    label("quiet_period", 0.88, t, note=QUIET)], ptype="video",
    url="https://www.tiktok.com/@budi.santoso3/video/7334120045566778899",
    fetched="2024-02-13T06:00:00Z", sha=sha("tt1b"), line=2, likes=450))
t = ("Kalau nomor 3 kalah, kita turun ke jalan\nbakar kantor KPU!\n\n"
     "Siapkan massa dari Gerung dan Kediri.")
records.append(post("youtube:Vv5uT4sR3qP", "youtube", "budi-yt", "2024-02-11T02:00:00Z", t, [
    label("violence", 0.81, t, ["bakar kantor KPU"]),
    label("quiet_period", 0.77, t, note=QUIET)], ptype="comment",
    url="https://www.youtube.com/watch?v=Kx7pQ2mWvA1&lc=Vv5uT4sR3qP",
    title=None, sha=sha("yt3"), line=5))

out = []
reg = dict(ACCOUNTS["wayan-yt"])
reg["kind"] = "account"
out.append({"kind": "account", **{k: v for k, v in ACCOUNTS["wayan-yt"].items()}})
out.extend(records[:6])
out.append({"kind": "error", "tool": "pantau-fetch-accounts", "stage": "fetch",
            "time": "2024-02-14T01:00:03Z", "account": ACCOUNTS["wayan-tt"], "platform": "tiktok",
            "http_status": 404, "message": "account not found", "retryable": False,
            "attempts": 1, "input": None, "line": None})
out.extend(records[6:10])
out.append({"kind": "probe", "n": 1})
out.append({"kind": "error", "tool": "pantau-fetch-accounts", "stage": "fetch",
            "time": "2024-02-14T01:02:10Z", "account": ACCOUNTS["siti-x"], "platform": "x",
            "http_status": 429, "message": "rate limited: retry after 900 s", "retryable": True,
            "attempts": 5, "input": None, "line": None})
out.extend(records[10:])
for r in out:
    print(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
