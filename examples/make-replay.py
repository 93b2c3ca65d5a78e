#!/usr/bin/env python3
"""Renders the bundled example district into recorded API responses.

    examples/make-replay.py            rewrite examples/replay/ and examples/expected-findings.tsv
    examples/make-replay.py --check    exit 1 (and say what differs) when they are out of date

Inputs (both written by hand): examples/accounts.csv, the registry as staff export it from a
spreadsheet, and examples/posts.txt, the posts of each account (format described at its top).

Outputs:
  examples/replay/*.http          one recorded HTTP exchange per file, in the format that
                                  `pantau fetch-accounts --replay DIR` reads (docs/fetch.md,
                                  lib/pantau/fetch/exchange_store.h): the request line, a
                                  fetched-at line, a blank line, the response head, a blank
                                  line, the body. Bodies follow each platform's real response
                                  format (YouTube Data API v3 channels/playlistItems/videos,
                                  Mastodon accounts/lookup + accounts/:id/statuses with Link
                                  paging, Bluesky app.bsky.feed.getAuthorFeed with a cursor,
                                  X API v2 users/by/username + users/:id/tweets, Graph API
                                  Page posts and Instagram business_discovery, TikTok Research
                                  API video/query (POST, with its request body), Telegram
                                  t.me/s preview pages with ?before= paging). Also the
                                  next poll's incremental requests (LATER_POLL_AT), for
                                  a second run with the first run's --state.
  examples/expected-findings.tsv  the planted findings, tolerated ambiguities and hard
                                  negatives, for tests/examples/check_report.py.

Everything is derived deterministically (ids from SHA-256 of the inputs, counts from the same),
so running it twice gives identical bytes. Python 3 standard library only.
"""

import argparse
import base64
import csv
import datetime as dt
import email.utils
import hashlib
import html
import json
import os
import re
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
WITA = dt.timezone(dt.timedelta(hours=8))
# The moment the example run "happened": six days after the vote, 10:00 WITA.
FETCHED_AT = dt.datetime(2024, 2, 20, 2, 0, 0, tzinfo=dt.timezone.utc)
# The next scheduled poll, three hours later: a second run with the first run's --state asks
# incremental requests (since_id=, since=, by DID, a shorter TikTok window), recorded here with
# what each API answers when nothing new was posted (examples/poll.sh rehearses both runs).
LATER_POLL_AT = FETCHED_AT + dt.timedelta(hours=3)
# A recheck the next morning (`pantau fetch-accounts --recheck`, examples/run.sh): what two
# platforms answer when asked again, by id, for flagged posts. Each entry names the post by
# platform, owner and a phrase of its text, and gives its fate: "deleted", or the text it was
# edited to. The ids go to examples/recheck.txt.
RECHECK_AT = dt.datetime(2024, 2, 21, 1, 15, 0, tzinfo=dt.timezone.utc)
RECHECKS = [
    ("facebook", "H. Abdul Karim", "serangan fajar", "deleted"),
    ("youtube", "H. Abdul Karim", "bagi-bagi sembako",
     "Alhamdulillah hari ini kita silaturahmi dengan warga Dusun Tanjung. "
     "Terima kasih atas sambutannya."),
]

YOUTUBE_API = "https://www.googleapis.com/youtube/v3"
BLUESKY_API = "https://public.api.bsky.app"
YOUTUBE_PAGE = 50   # the adapter's default maxResults (the API maximum)
MASTODON_PAGE = 40  # the adapter's default limit (the API maximum)
BLUESKY_PAGE = 100  # the adapter's default limit (the API maximum)


class InputError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Deterministic identifiers


def digest(*parts):
    return hashlib.sha256("\x1f".join(parts).encode()).digest()


def b64url(data, n):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")[:n]


def b32_lower(data, n, alphabet="abcdefghijklmnopqrstuvwxyz234567"):
    bits = int.from_bytes(data, "big")
    out = []
    for _ in range(n):
        out.append(alphabet[bits & 31])
        bits >>= 5
    return "".join(out)


def youtube_channel_id(handle):
    # Real channel ids are "UC" + 22 base64url characters whose last one is one of A, Q, g, w.
    d = digest("channel", handle)
    return "UC" + b64url(d, 21) + "AQgw"[d[-1] % 4]


def youtube_video_id(handle, when):
    # 11 base64url characters; the last one encodes 2 bits, so it is one of 16 letters.
    d = digest("video", handle, when)
    return b64url(d, 10) + "AEIMQUYcgkosw048"[d[-1] % 16]


def etag(*parts):
    return b64url(digest("etag", *parts), 27)


def snowflake(when_utc, *parts):
    # Mastodon ids: milliseconds since the epoch shifted left 16 bits, plus a sequence.
    ms = int(when_utc.timestamp() * 1000)
    return str((ms << 16) | (int.from_bytes(digest("seq", *parts)[:2], "big")))


def bluesky_did(handle):
    return "did:plc:" + b32_lower(digest("did", handle), 24)


def bluesky_tid(when_utc, *parts):
    # A TID record key: microseconds << 10 | clock id, in base32-sortable, 13 characters.
    micros = int(when_utc.timestamp()) * 1_000_000 + int.from_bytes(digest("us", *parts)[:2], "big")
    value = (micros << 10) | (digest("clk", *parts)[0] & 0x3FF)
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    out = []
    for _ in range(13):
        out.append(alphabet[value & 31])
        value >>= 5
    return "".join(reversed(out))


def bluesky_cid(*parts):
    return "bafyrei" + b32_lower(digest("cid", *parts) + digest("cid2", *parts), 52)


def count(lo, hi, *parts):
    return lo + int.from_bytes(digest("n", *parts)[:4], "big") % (hi - lo + 1)


def uuid_like(*parts):
    h = digest("uuid", *parts).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def rfc3339(t, millis=True):
    t = t.astimezone(dt.timezone.utc)
    if millis:
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def http_date(t):
    return email.utils.format_datetime(t.astimezone(dt.timezone.utc), usegmt=True)


# ---------------------------------------------------------------------------------------------
# Inputs


def handle_of(platform, cell):
    """The handle the registry reader derives from an "akun" cell (see lib/pantau/fetch)."""
    cell = cell.strip()
    if platform == "youtube":
        m = re.search(r"youtube\.com/(@[^/?#]+)", cell)
        return (m.group(1) if m else cell).lower()
    if platform == "mastodon":
        m = re.match(r"https?://([^/]+)/@([^/?#]+)", cell)
        if m:
            return f"{m.group(2)}@{m.group(1)}".lower()
        return cell.lstrip("@").lower()
    if platform == "bluesky":
        m = re.search(r"bsky\.app/profile/([^/?#]+)", cell)
        return (m.group(1) if m else cell).lower()
    # x, facebook, instagram, tiktok, telegram: the last path segment of a profile URL
    # (t.me/s/<channel> included), or the handle itself, without "@".
    m = re.match(r"https?://[^/]+/(?:s/)?([^/?#]+)", cell)
    return (m.group(1) if m else cell).lstrip("@").lower()


def read_accounts(path):
    accounts = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            platform = row["Platform"].strip().lower()
            handle = handle_of(platform, row["Akun"])
            accounts[(platform, handle)] = row
    return accounts


class Post:
    def __init__(self, when_local, line):
        self.when_local = when_local
        self.when = when_local.astimezone(dt.timezone.utc)
        self.line = line
        self.title = ""
        self.text = ""
        self.expect = []  # (label, [alternatives])
        self.allow = []   # (labels, reason)
        self.hard = ""
        self.reply = ""
        self.targets = []  # (label, name)


class Account:
    def __init__(self, platform, handle, row, line):
        self.platform = platform
        self.handle = handle
        self.row = row
        self.line = line
        self.status = 200
        self.pages = 1
        self.posts = []


def read_posts(path, registry):
    accounts = []
    acct = None
    post = None
    text = []

    def end_post():
        nonlocal post, text
        if post is not None:
            while text and not text[-1].strip():
                text.pop()
            post.text = "\n".join(text)
            if not post.text:
                raise InputError(f"{path}:{post.line}: post without text")
            acct.posts.append(post)
        post, text = None, []

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        if line.startswith("//"):
            continue
        if line.startswith("@@ "):
            end_post()
            parts = line[3:].split()
            if len(parts) != 2:
                raise InputError(f"{path}:{n}: expected '@@ PLATFORM HANDLE'")
            platform, handle = parts[0], parts[1].lower()
            row = registry.get((platform, handle))
            if row is None:
                raise InputError(f"{path}:{n}: {platform} {handle} is not in accounts.csv")
            acct = Account(platform, handle, row, n)
            accounts.append(acct)
            continue
        if line.startswith("== "):
            end_post()
            if acct is None:
                raise InputError(f"{path}:{n}: post before any '@@' account line")
            try:
                local = dt.datetime.strptime(line[3:].strip(), "%Y-%m-%d %H:%M")
            except ValueError:
                raise InputError(f"{path}:{n}: expected '== YYYY-MM-DD HH:MM'") from None
            post = Post(local.replace(tzinfo=WITA), n)
            continue
        if line.startswith(":") and not text:
            key, _, value = line[1:].partition(" ")
            value = value.strip()
            target = post if post is not None else acct
            if target is None:
                raise InputError(f"{path}:{n}: metadata outside an account")
            if post is None and key == "status":
                acct.status = int(value)
            elif post is None and key == "pages":
                acct.pages = int(value)
            elif post is not None and key == "title":
                post.title = value
            elif post is not None and key == "expect":
                label, _, words = value.partition(" ")
                alts = [w.strip() for w in words.split("|") if w.strip()]
                post.expect.append((label, alts))
            elif post is not None and key == "allow":
                labels, _, reason = value.partition(" ")
                post.allow.append((labels.split(","), reason))
            elif post is not None and key == "target":
                label, _, name = value.partition(" ")
                post.targets.append((label, name.strip()))
            elif post is not None and key == "hard":
                post.hard = value
            elif post is not None and key == "reply":
                post.reply = value
            else:
                raise InputError(f"{path}:{n}: unknown metadata ':{key}' here")
            continue
        if post is None:
            if line.strip():
                raise InputError(f"{path}:{n}: text outside a post")
            continue
        if not text and not line.strip():
            continue
        text.append(line)
    end_post()
    for a in accounts:
        a.posts.sort(key=lambda p: p.when, reverse=True)  # the APIs list newest first
    return accounts


# ---------------------------------------------------------------------------------------------
# Exchanges


class Exchanges:
    """Collects recorded exchanges; each gets the next fetched-at second."""

    def __init__(self):
        self.items = []
        self.later_items = []

    def later(self, *args, **kwargs):
        """An exchange of a later poll (a second run with the first run's --state), recorded
        after every first-run exchange so that those keep their fetched-at times."""
        self.later_items.append((args, kwargs))

    def add_later(self):
        for args, kwargs in self.later_items:
            self.add(*args, **kwargs, start=LATER_POLL_AT)
        self.later_items = []

    def add(self, url, status, headers, body, method="GET", request_body=None, start=FETCHED_AT,
            at=None):
        if at is None:
            at = start + dt.timedelta(seconds=len(self.items))
        line = canonical_request_line(method, url)
        if request_body is not None:  # the request body is part of the key (exchange_store.h)
            line += "\nrequest-body: " + request_body
        self.items.append((line, at, status, headers(at), body))

    def files(self):
        out = {}
        reasons = {200: "OK", 302: "Found", 400: "Bad Request", 404: "Not Found",
                   429: "Too Many Requests"}
        for line, at, status, headers, body in self.items:
            head = "".join(f"{k}: {v}\n" for k, v in headers)
            text = (f"{line}\nfetched-at: {rfc3339(at, millis=False)}\n\n"
                    f"HTTP/1.1 {status} {reasons[status]}\n{head}\n{body}")
            name = hashlib.sha256(line.encode()).hexdigest()[:32] + ".http"
            out[name] = text
        return out


def canonical_request_line(method, url):
    """As lib/pantau/fetch/exchange_store.cpp: query parameters decoded, sorted, re-encoded."""
    base, _, query = url.partition("?")
    if not query:
        return f"{method} {base}"
    params = urllib.parse.parse_qsl(query, keep_blank_values=True)
    params.sort()
    encoded = "&".join(f"{urllib.parse.quote(k, safe='')}={urllib.parse.quote(v, safe='')}"
                       for k, v in params)
    return f"{method} {base}?{encoded}"


def url_with(base, params):
    return base + "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="")


def body_len(body):
    return str(len(body.encode()))


# ---------------------------------------------------------------------------------------------
# Platform renderers


def describe(row):
    role = row["Peran"]
    if row["Partai"] and row["Nomor Urut"]:
        return (f"{role} DPRD Kab. Lombok Contoh, dapil {row['Dapil']} · {row['Partai']} "
                f"no. urut {row['Nomor Urut']}")
    return row["Catatan"] or row["Nama"]


def youtube_headers(body):
    def make(at):
        return [("content-type", "application/json; charset=UTF-8"),
                ("vary", "Origin, X-Origin, Referer"),
                ("date", http_date(at)),
                ("server", "scaffolding on HTTPServer2"),
                ("cache-control", "private"),
                ("x-xss-protection", "0"),
                ("x-frame-options", "SAMEORIGIN"),
                ("x-content-type-options", "nosniff"),
                ("content-length", body_len(body))]
    return make


def yt_thumbs(kind, ident):
    if kind == "channel":
        base = "https://yt3.ggpht.com/" + b64url(digest("avatar", ident), 40)
        return {"default": {"url": base + "=s88-c-k-c0x00ffffff-no-rj", "width": 88, "height": 88},
                "medium": {"url": base + "=s240-c-k-c0x00ffffff-no-rj", "width": 240,
                           "height": 240},
                "high": {"url": base + "=s800-c-k-c0x00ffffff-no-rj", "width": 800,
                         "height": 800}}
    base = f"https://i.ytimg.com/vi/{ident}/"
    return {"default": {"url": base + "default.jpg", "width": 120, "height": 90},
            "medium": {"url": base + "mqdefault.jpg", "width": 320, "height": 180},
            "high": {"url": base + "hqdefault.jpg", "width": 480, "height": 360},
            "standard": {"url": base + "sddefault.jpg", "width": 640, "height": 480}}


def youtube_video_item(acct, vid, p, text, status=False):
    """A videos.list item; `status` adds the status part (a recheck asks for it)."""
    row = acct.row
    channel = youtube_channel_id(acct.handle)
    title = row["Nama"]
    minutes = count(1, 24, "dur", vid)
    seconds = count(0, 59, "dursec", vid)
    views = count(80, 9000, "views", vid)
    item = {
        "kind": "youtube#video",
        "etag": etag("video", vid) if text == p.text else etag("video", vid, text),
        "id": vid,
        "snippet": {
            "publishedAt": rfc3339(p.when, millis=False),
            "channelId": channel,
            "title": p.title,
            "description": text,
            "thumbnails": yt_thumbs("video", vid),
            "channelTitle": title,
            "tags": ["Lombok Contoh", "Pemilu 2024", "NTB"],
            "categoryId": "25" if row["Peran"] == "Media" else "22",
            "liveBroadcastContent": "none",
            "defaultAudioLanguage": "id",
            "localized": {"title": p.title, "description": text}},
        "contentDetails": {
            "duration": f"PT{minutes}M{seconds}S",
            "dimension": "2d",
            "definition": "hd",
            "caption": "false",
            "licensedContent": False,
            "contentRating": {},
            "projection": "rectangular"},
        "statistics": {
            "viewCount": str(views),
            "likeCount": str(views // count(12, 40, "likes", vid)),
            "favoriteCount": "0",
            "commentCount": str(count(0, 60, "comments", vid))}}
    if status:
        item["status"] = {"uploadStatus": "processed", "privacyStatus": "public",
                          "license": "youtube", "embeddable": True, "publicStatsViewable": True,
                          "madeForKids": False}
    return item


def render_youtube(acct, ex):
    row = acct.row
    channel = youtube_channel_id(acct.handle)
    uploads = "UU" + channel[2:]
    title = row["Nama"]
    created = dt.datetime(2019, 3, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        days=count(0, 1400, "yt-created", acct.handle), seconds=count(0, 86399, "s", acct.handle))
    channels_body = json.dumps({
        "kind": "youtube#channelListResponse",
        "etag": etag("channels", acct.handle),
        "pageInfo": {"totalResults": 1, "resultsPerPage": 1},
        "items": [{
            "kind": "youtube#channel",
            "etag": etag("channel", acct.handle),
            "id": channel,
            "snippet": {
                "title": title,
                "description": describe(row),
                "customUrl": acct.handle,
                "publishedAt": rfc3339(created, millis=False),
                "thumbnails": yt_thumbs("channel", channel),
                "localized": {"title": title, "description": describe(row)},
                "country": "ID"},
            "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": uploads}}}]},
        ensure_ascii=False, indent=2) + "\n"
    url = url_with(YOUTUBE_API + "/channels", [("part", "snippet,contentDetails"),
                                               ("forHandle", acct.handle), ("maxResults", "1"),
                                               ("key", "REDACTED")])
    ex.add(url, 200, youtube_headers(channels_body), channels_body)

    videos = [(youtube_video_id(acct.handle, p.when.isoformat()), p) for p in acct.posts]
    items = []
    for pos, (vid, p) in enumerate(videos):
        items.append({
            "kind": "youtube#playlistItem",
            "etag": etag("pli", vid),
            "id": b64url(f"{uploads}.{digest('pli', vid).hex()[:16].upper()}".encode(), 80),
            "snippet": {
                "publishedAt": rfc3339(p.when, millis=False),
                "channelId": channel,
                "title": p.title,
                "description": p.text,
                "thumbnails": yt_thumbs("video", vid),
                "channelTitle": title,
                "playlistId": uploads,
                "position": pos,
                "resourceId": {"kind": "youtube#video", "videoId": vid},
                "videoOwnerChannelTitle": title,
                "videoOwnerChannelId": channel},
            "contentDetails": {"videoId": vid, "videoPublishedAt": rfc3339(p.when, millis=False)}})
    list_body = json.dumps({
        "kind": "youtube#playlistItemListResponse",
        "etag": etag("playlistItems", acct.handle),
        "items": items,
        "pageInfo": {"totalResults": len(items), "resultsPerPage": YOUTUBE_PAGE}},
        ensure_ascii=False, indent=2) + "\n"
    url = url_with(YOUTUBE_API + "/playlistItems", [("part", "snippet,contentDetails"),
                                                    ("playlistId", uploads),
                                                    ("maxResults", str(YOUTUBE_PAGE)),
                                                    ("key", "REDACTED")])
    ex.add(url, 200, youtube_headers(list_body), list_body)

    vitems = [youtube_video_item(acct, vid, p, p.text) for vid, p in videos]
    videos_body = json.dumps({
        "kind": "youtube#videoListResponse",
        "etag": etag("videos", acct.handle),
        "items": vitems,
        "pageInfo": {"totalResults": len(vitems), "resultsPerPage": len(vitems)}},
        ensure_ascii=False, indent=2) + "\n"
    url = url_with(YOUTUBE_API + "/videos", [("part", "snippet,statistics,contentDetails"),
                                             ("id", ",".join(v for v, _ in videos)),
                                             ("maxResults", "50"), ("key", "REDACTED")])
    ex.add(url, 200, youtube_headers(videos_body), videos_body)
    return {id(p): f"youtube:{vid}" for vid, p in videos}


def mastodon_headers(body, acct, n, link=None):
    def make(at):
        h = [("cache-control", "private, no-store"),
             ("content-length", body_len(body)),
             ("content-type", "application/json; charset=utf-8"),
             ("date", http_date(at))]
        if link:
            h.append(("link", link))
        h += [("vary", "Authorization, Origin"),
              ("x-content-type-options", "nosniff"),
              ("x-frame-options", "SAMEORIGIN"),
              ("x-ratelimit-limit", "300"),
              ("x-ratelimit-remaining", str(299 - n)),
              ("x-ratelimit-reset", rfc3339(at.replace(minute=5, second=0), millis=True)[:-1]
               + "000Z"),
              ("x-request-id", uuid_like("req", acct.handle, str(n)))]
        return h
    return make


def mastodon_html(text, host, mention):
    def inline(s):
        out = []
        pos = 0
        pattern = re.compile(r"(https?://[^\s]+)|(?<![\w@])#(\w+)|(?<![\w@])@(\w+)(?:@([\w.]+))?")
        for m in pattern.finditer(s):
            out.append(html.escape(s[pos:m.start()], quote=True))
            if m.group(1):
                url = m.group(1)
                bare = re.sub(r"^https?://", "", url)
                scheme = url[: len(url) - len(bare)]
                out.append(f'<a href="{html.escape(url)}" target="_blank" '
                           f'rel="nofollow noopener" translate="no">'
                           f'<span class="invisible">{scheme}</span>'
                           f'<span class="ellipsis">{html.escape(bare[:30])}</span>'
                           f'<span class="invisible">{html.escape(bare[30:])}</span></a>')
            elif m.group(2):
                tag = m.group(2)
                out.append(f'<a href="https://{host}/tags/{tag.lower()}" '
                           f'class="mention hashtag" rel="tag">#<span>{tag}</span></a>')
            else:
                user, h = m.group(3), m.group(4) or host
                out.append(f'<span class="h-card" translate="no"><a href="https://{h}/@{user}" '
                           f'class="u-url mention">@<span>{user}</span></a></span>')
            pos = m.end()
        out.append(html.escape(s[pos:], quote=True))
        return "".join(out)

    if mention:
        text = "@" + mention + " " + text
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join("<p>" + "<br />".join(inline(l) for l in p.split("\n")) + "</p>"
                   for p in paragraphs)


def mastodon_account(acct, ident, host):
    row = acct.row
    user = acct.handle.split("@")[0]
    created = dt.datetime(2022, 11, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        days=count(0, 300, "m-created", acct.handle))
    return {
        "id": ident, "username": user, "acct": user, "display_name": row["Nama"],
        "locked": False, "bot": False, "discoverable": True, "indexable": True, "group": False,
        "created_at": rfc3339(created.replace(hour=0, minute=0)),
        "note": "<p>" + html.escape(describe(row)) + "</p>",
        "url": f"https://{host}/@{user}", "uri": f"https://{host}/users/{user}",
        "avatar": f"https://files.{host}/accounts/avatars/{ident[:3]}/{ident[3:6]}/{ident[6:9]}/"
                  f"original/{digest('av', ident).hex()[:16]}.jpg",
        "avatar_static": f"https://files.{host}/accounts/avatars/{ident[:3]}/{ident[3:6]}/"
                         f"{ident[6:9]}/original/{digest('av', ident).hex()[:16]}.jpg",
        "header": f"https://{host}/headers/original/missing.png",
        "header_static": f"https://{host}/headers/original/missing.png",
        "followers_count": count(40, 3000, "followers", acct.handle),
        "following_count": count(10, 400, "following", acct.handle),
        "statuses_count": len(acct.posts) + count(0, 30, "older", acct.handle),
        "last_status_at": acct.posts[0].when.strftime("%Y-%m-%d") if acct.posts else None,
        "hide_collections": False, "noindex": False, "emojis": [], "roles": [], "fields": []}


def render_mastodon(acct, ex):
    user, host = acct.handle.split("@")
    base = f"https://{host}"
    lookup_url = url_with(base + "/api/v1/accounts/lookup", [("acct", user)])
    if acct.status == 404:
        body = '{"error":"Record not found"}'
        ex.add(lookup_url, 404, mastodon_headers(body, acct, 0), body)
        return {}
    created = dt.datetime(2022, 11, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        days=count(0, 300, "m-created", acct.handle))
    ident = snowflake(created, "acct", acct.handle)
    account = mastodon_account(acct, ident, host)
    body = json.dumps(account, ensure_ascii=False, separators=(",", ":"))
    ex.add(lookup_url, 200, mastodon_headers(body, acct, 0), body)

    statuses = []
    ids = {}
    for p in acct.posts:
        sid = snowflake(p.when, "status", acct.handle, p.when.isoformat())
        ids[id(p)] = f"mastodon:{sid}"
        mention_user = p.reply.split("@")[0] if p.reply else ""
        mentions = []
        if p.reply:
            ruser, rhost = p.reply.split("@")
            mentions.append({"id": snowflake(created, "acct", p.reply), "username": ruser,
                             "url": f"https://{rhost}/@{ruser}",
                             "acct": ruser if rhost == host else p.reply})
        tags = [{"name": t.lower(), "url": f"https://{host}/tags/{t.lower()}"}
                for t in re.findall(r"(?<![\w@])#(\w+)", p.text)]
        statuses.append({
            "id": sid,
            "created_at": rfc3339(p.when),
            "in_reply_to_id": snowflake(p.when - dt.timedelta(hours=2), "status", p.reply)
            if p.reply else None,
            "in_reply_to_account_id": mentions[0]["id"] if p.reply else None,
            "sensitive": False, "spoiler_text": "", "visibility": "public", "language": "id",
            "uri": f"https://{host}/users/{user}/statuses/{sid}",
            "url": f"https://{host}/@{user}/{sid}",
            "replies_count": count(0, 12, "replies", sid),
            "reblogs_count": count(0, 25, "reblogs", sid),
            "favourites_count": count(0, 90, "favs", sid),
            "edited_at": None,
            "content": mastodon_html(p.text, host, mention_user),
            "reblog": None,
            "account": account,
            "media_attachments": [], "mentions": mentions, "tags": tags, "emojis": [],
            "card": None, "poll": None})
    list_base = f"{base}/api/v1/accounts/{ident}/statuses"
    first = url_with(list_base, [("limit", str(MASTODON_PAGE))])
    link = None
    if statuses:
        older = url_with(list_base, [("limit", str(MASTODON_PAGE)), ("max_id", statuses[-1]["id"])])
        newer = url_with(list_base, [("limit", str(MASTODON_PAGE)), ("min_id", statuses[0]["id"])])
        link = f'<{older}>; rel="next", <{newer}>; rel="prev"'
    body = json.dumps(statuses, ensure_ascii=False, separators=(",", ":"))
    ex.add(first, 200, mastodon_headers(body, acct, 1, link), body)
    if statuses:
        # Mastodon ends a listing with an empty page that has no Link header.
        ex.add(older, 200, mastodon_headers("[]", acct, 2), "[]")
    return ids


def bluesky_headers(body, acct, n, status=200):
    def make(at):
        h = [("x-powered-by", "Express"),
             ("access-control-allow-origin", "*"),
             ("cache-control", "private")]
        remaining = "0" if status == 429 else str(2999 - n)
        h += [("ratelimit-limit", "3000"),
              ("ratelimit-remaining", remaining),
              ("ratelimit-reset", str(int(at.timestamp()) + 300)),
              ("ratelimit-policy", "3000;w=300")]
        if status == 429:
            h.append(("retry-after", "1"))
        h += [("content-type", "application/json; charset=utf-8"),
              ("content-length", body_len(body)),
              ("date", http_date(at)),
              ("vary", "Accept-Encoding")]
        return h
    return make


def bluesky_facets(text):
    facets = []
    for m in re.finditer(r"(https?://[^\s]+)|(?<![\w])#(\w+)", text):
        start = len(text[: m.start()].encode())
        end = len(text[: m.end()].encode())
        if m.group(1):
            feature = {"$type": "app.bsky.richtext.facet#link", "uri": m.group(1)}
        else:
            feature = {"$type": "app.bsky.richtext.facet#tag", "tag": m.group(2)}
        facets.append({"$type": "app.bsky.richtext.facet",
                       "index": {"byteStart": start, "byteEnd": end}, "features": [feature]})
    return facets


def render_bluesky(acct, ex):
    did = bluesky_did(acct.handle)
    endpoint = BLUESKY_API + "/xrpc/app.bsky.feed.getAuthorFeed"
    first = url_with(endpoint, [("actor", acct.handle), ("limit", str(BLUESKY_PAGE))])
    if acct.status == 429:
        body = '{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}'
        ex.add(first, 429, bluesky_headers(body, acct, 0, status=429), body)
        return {}
    created = dt.datetime(2023, 5, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        days=count(0, 150, "b-created", acct.handle),
        milliseconds=count(0, 86_399_999, "ms", acct.handle))
    author = {
        "did": did, "handle": acct.handle, "displayName": acct.row["Nama"],
        "avatar": f"https://cdn.bsky.app/img/avatar/plain/{did}/{bluesky_cid('av', did)}@jpeg",
        "labels": [], "createdAt": rfc3339(created)}
    items = []
    ids = {}
    for p in acct.posts:
        rkey = bluesky_tid(p.when, acct.handle, p.text)
        uri = f"at://{did}/app.bsky.feed.post/{rkey}"
        ids[id(p)] = f"bluesky:{uri}"
        record = {"$type": "app.bsky.feed.post", "createdAt": rfc3339(p.when), "langs": ["id"],
                  "text": p.text}
        facets = bluesky_facets(p.text)
        if facets:
            record["facets"] = facets
        indexed = p.when + dt.timedelta(milliseconds=count(200, 1900, "idx", rkey))
        items.append({"post": {
            "uri": uri, "cid": bluesky_cid(uri), "author": author, "record": record,
            "replyCount": count(0, 10, "r", rkey), "repostCount": count(0, 20, "rp", rkey),
            "likeCount": count(0, 120, "l", rkey), "quoteCount": count(0, 3, "q", rkey),
            "indexedAt": rfc3339(indexed), "labels": []}})
    # Split over acct.pages pages; the AppView's cursor is the last item's time on new servers.
    per_page = max(1, -(-len(items) // acct.pages))
    pages = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    url = first
    for n, page in enumerate(pages):
        doc = {"feed": page}
        last = n == len(pages) - 1
        if not last:
            doc["cursor"] = page[-1]["post"]["indexedAt"]
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        ex.add(url, 200, bluesky_headers(body, acct, n), body)
        if not last:
            # Once the first page has shown the DID, the adapter asks by DID (it survives
            # handle changes).
            url = url_with(endpoint, [("actor", did), ("limit", str(BLUESKY_PAGE)),
                                      ("cursor", doc["cursor"])])
    if items:
        # Later polls ask by DID. getAuthorFeed has no "since": with nothing new posted, the
        # first page is the same, and the adapter stops at the first item it has seen.
        doc = {"feed": pages[0]}
        if len(pages) > 1:
            doc["cursor"] = pages[0][-1]["post"]["indexedAt"]
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        ex.later(url_with(endpoint, [("actor", did), ("limit", str(BLUESKY_PAGE))]), 200,
                 bluesky_headers(body, acct, len(pages)), body)
    return ids


# X API v2: users/by/username, then users/:id/tweets (one page: no meta.next_token).
X_API = "https://api.x.com/2"
X_PAGE = 100  # the adapter's max_results (the API maximum)
X_TWEET_FIELDS = ("attachments,author_id,conversation_id,created_at,edit_history_tweet_ids,"
                  "entities,in_reply_to_user_id,lang,note_tweet,public_metrics,referenced_tweets")
X_EXPANSIONS = "attachments.media_keys,author_id,referenced_tweets.id,referenced_tweets.id.author_id"
X_MEDIA_FIELDS = ("alt_text,duration_ms,height,media_key,preview_image_url,public_metrics,type,"
                  "url,variants,width")
X_USER_FIELDS = ("created_at,description,id,name,profile_image_url,protected,public_metrics,"
                 "username,verified")
X_EPOCH_MS = 1288834974657  # Twitter's snowflake epoch


def x_snowflake(when_utc, *parts):
    ms = int(when_utc.timestamp() * 1000) - X_EPOCH_MS
    return str((ms << 22) | (int.from_bytes(digest("xseq", *parts)[:3], "big") & 0x3FFFFF))


def x_headers(body, acct, n):
    def make(at):
        return [("date", http_date(at)),
                ("content-type", "application/json; charset=utf-8"),
                ("content-length", body_len(body)),
                ("x-rate-limit-limit", "1500"),
                ("x-rate-limit-reset", str(int(at.timestamp()) + 900)),
                ("x-rate-limit-remaining", str(1499 - n)),
                ("x-transaction-id", b64url(digest("xtx", acct.handle, str(n)), 16)),
                ("x-response-time", str(count(40, 180, "xrt", acct.handle, str(n)))),
                ("api-version", "2.93"),
                ("server", "envoy")]
    return make


def x_entities(text):
    entities = {}
    tags = [{"start": len(text[: m.start()]), "end": len(text[: m.end()]), "tag": m.group(1)}
            for m in re.finditer(r"(?<![\w])#(\w+)", text)]
    if tags:
        entities["hashtags"] = tags
    return entities


def render_x(acct, ex):
    row = acct.row
    user_fields = [("user.fields", X_USER_FIELDS)]
    created = dt.datetime(2013, 6, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        days=count(0, 3500, "x-created", acct.handle))
    uid = graph_id("x-user", acct.handle, digits=18)
    user = {"created_at": rfc3339(created), "description": describe(row), "id": uid,
            "name": row["Nama"], "profile_image_url":
            f"https://pbs.twimg.com/profile_images/{uid}/{b64url(digest('ava', uid), 8)}_normal.jpg",
            "protected": False,
            "public_metrics": {"followers_count": count(150, 9000, "xf", acct.handle),
                               "following_count": count(50, 900, "xg", acct.handle),
                               "tweet_count": count(200, 5000, "xt", acct.handle),
                               "listed_count": count(0, 30, "xl", acct.handle),
                               "like_count": count(100, 8000, "xk", acct.handle)},
            "username": acct.handle, "verified": False}
    body = json.dumps({"data": user}, ensure_ascii=False, separators=(",", ":"))
    ex.add(url_with(f"{X_API}/users/by/username/{acct.handle}", user_fields), 200,
           x_headers(body, acct, 0), body)
    tweets, ids = [], {}
    for p in acct.posts:
        tid = x_snowflake(p.when, "tweet", acct.handle, p.when.isoformat())
        ids[id(p)] = f"x:{tid}"
        t = {"edit_history_tweet_ids": [tid], "conversation_id": tid, "lang": "in",
             "created_at": rfc3339(p.when), "author_id": uid, "id": tid, "text": p.text,
             "public_metrics": {"retweet_count": count(0, 60, "rt", tid),
                                "reply_count": count(0, 30, "re", tid),
                                "like_count": count(0, 400, "lk", tid),
                                "quote_count": count(0, 10, "qt", tid),
                                "bookmark_count": count(0, 12, "bm", tid),
                                "impression_count": count(500, 30000, "im", tid)}}
        ents = x_entities(p.text)
        if ents:
            t["entities"] = ents
        tweets.append(t)
    page = {"data": tweets, "includes": {"users": [user]},
            "meta": {"result_count": len(tweets), "newest_id": tweets[0]["id"],
                     "oldest_id": tweets[-1]["id"]}} if tweets else {"meta": {"result_count": 0}}
    body = json.dumps(page, ensure_ascii=False, separators=(",", ":"))
    listing = [("max_results", str(X_PAGE)), ("tweet.fields", X_TWEET_FIELDS),
               ("expansions", X_EXPANSIONS), ("media.fields", X_MEDIA_FIELDS)] + user_fields
    ex.add(url_with(f"{X_API}/users/{uid}/tweets", listing), 200, x_headers(body, acct, 1), body)
    if tweets:
        # Later polls send since_id=<the newest id>; X filters on its side (exclusive) and,
        # with nothing newer, answers no data.
        later = '{"meta":{"result_count":0}}'
        ex.later(url_with(f"{X_API}/users/{uid}/tweets", listing + [("since_id", tweets[0]["id"])]),
                 200, x_headers(later, acct, 2), later)
    return ids


# Meta Graph API: Facebook Page posts and Instagram business_discovery (one page each: no
# paging.next / cursors.after, which ends the listing).
GRAPH_API = "https://graph.facebook.com/v19.0"
FB_PAGE = 100  # the adapter's limit
IG_PAGE = 50   # the adapter's media.limit
IG_USER_ID = "17841400000000001"  # the example's own Instagram business account (run.sh sets it)
FB_POST_FIELDS = ("id,message,created_time,permalink_url,attachments{media_type,url,media,title},"
                  "shares,reactions.summary(total_count).limit(0),"
                  "comments.summary(total_count).limit(0),from,status_type,story,parent_id")
IG_MEDIA_FIELDS = ("{id,caption,media_type,media_url,permalink,timestamp,like_count,"
                   "comments_count,username,children{id,media_type,media_url}}")


def graph_time(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def graph_headers(body, acct, n):
    def make(at):
        return [("content-type", "application/json; charset=UTF-8"),
                ("x-fb-trace-id", b64url(digest("fbt", acct.handle, str(n)), 11)),
                ("x-fb-rev", "1011234567"),
                ("x-app-usage", '{"call_count":%d,"total_cputime":1,"total_time":1}' % (n + 1)),
                ("facebook-api-version", "v19.0"),
                ("cache-control", "private, no-cache, no-store, must-revalidate"),
                ("date", http_date(at)),
                ("content-length", body_len(body))]
    return make


def graph_id(*parts, digits=15):
    return str(10 ** (digits - 1) + int.from_bytes(digest("gid", *parts)[:8], "big")
               % (9 * 10 ** (digits - 1)))


def render_facebook(acct, ex):
    page_id = graph_id("page", acct.handle)
    posts, ids = [], {}
    for p in acct.posts:
        pid = f"{page_id}_{graph_id('post', acct.handle, p.when.isoformat(), digits=16)}"
        ids[id(p)] = f"facebook:{pid}"
        posts.append({
            "id": pid, "message": p.text, "created_time": graph_time(p.when),
            "permalink_url": f"https://www.facebook.com/{acct.handle}/posts/{pid.split('_')[1]}",
            "shares": {"count": count(0, 80, "sh", pid)},
            "reactions": {"data": [], "summary": {"total_count": count(3, 600, "rc", pid)}},
            "comments": {"data": [], "summary": {"order": "ranked",
                                                 "total_count": count(0, 90, "cm", pid),
                                                 "can_comment": True}},
            "from": {"name": acct.row["Nama"], "id": page_id},
            "status_type": "mobile_status_update"})
    body = json.dumps({"data": posts}, ensure_ascii=False, separators=(",", ":"))
    url = url_with(f"{GRAPH_API}/{acct.handle}/posts",
                   [("fields", FB_POST_FIELDS), ("limit", str(FB_PAGE)),
                    ("access_token", "REDACTED")])
    ex.add(url, 200, graph_headers(body, acct, 0), body)
    if posts:
        # Later polls ask by the Page id the first run learnt, with since=<newest post's time in
        # unix seconds>. Graph's since is inclusive: the newest post comes back, nothing else.
        newest = acct.posts[0].when
        since = int(newest.timestamp())
        kept = [x for p, x in zip(acct.posts, posts) if int(p.when.timestamp()) >= since]
        later = json.dumps({"data": kept}, ensure_ascii=False, separators=(",", ":"))
        ex.later(url_with(f"{GRAPH_API}/{page_id}/posts",
                          [("fields", FB_POST_FIELDS), ("limit", str(FB_PAGE)),
                           ("access_token", "REDACTED"), ("since", str(since))]),
                 200, graph_headers(later, acct, 1), later)
    return ids


def render_instagram(acct, ex):
    fields = (f"business_discovery.username({acct.handle}){{id,username,followers_count,"
              f"media_count,media.limit({IG_PAGE}){IG_MEDIA_FIELDS}}}")
    url = url_with(f"{GRAPH_API}/{IG_USER_ID}", [("fields", fields), ("access_token", "REDACTED")])
    if acct.status != 200:
        # A personal (not business or creator) account: Graph says it cannot find the user.
        body = json.dumps({"error": {
            "message": "Invalid user id", "type": "OAuthException", "code": 110,
            "error_subcode": 2207013, "is_transient": False,
            "error_user_title": "Cannot find User",
            "error_user_msg": "The user with username: " + acct.handle + " cannot be found.",
            "fbtrace_id": b64url(digest("fbt", acct.handle), 23)}}, separators=(",", ":"))
        ex.add(url, acct.status, graph_headers(body, acct, 0), body)
        return {}
    ig_id = graph_id("ig", acct.handle, digits=17)
    media, ids = [], {}
    for p in acct.posts:
        mid = graph_id("media", acct.handle, p.when.isoformat(), digits=17)
        ids[id(p)] = f"instagram:{mid}"
        code = b64url(digest("shortcode", mid), 11)
        media.append({"id": mid, "caption": p.text, "media_type": "IMAGE",
                      "media_url": f"https://scontent.cdninstagram.com/v/t51.29350-15/{mid}_n.jpg",
                      "permalink": f"https://www.instagram.com/p/{code}/",
                      "timestamp": graph_time(p.when),
                      "like_count": count(5, 900, "lk", mid),
                      "comments_count": count(0, 60, "cm", mid), "username": acct.handle})
    body = json.dumps({"business_discovery": {
        "id": ig_id, "username": acct.handle,
        "followers_count": count(200, 20000, "igf", acct.handle),
        "media_count": count(len(media), 400, "igm", acct.handle),
        "media": {"data": media}}, "id": IG_USER_ID},
        ensure_ascii=False, separators=(",", ":"))
    ex.add(url, 200, graph_headers(body, acct, 0), body)
    return ids


# Telegram: the t.me/s/<channel> web preview, oldest message first, then the page before the
# smallest id ("No posts found").
def telegram_html(acct, messages):
    title = html.escape(acct.row["Nama"])
    ch = acct.handle
    blocks = []
    for mid, p in messages:
        text = "<br/>".join(html.escape(line) for line in p.text.split("\n"))
        views = count(80, 25000, "views", ch, str(mid))
        views_text = f"{views / 1000:.1f}K" if views >= 1000 else str(views)
        when = p.when.astimezone(dt.timezone.utc)
        blocks.append(
            '<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="'
            'tgme_widget_message text_not_supported_wrap js-widget_message" data-post="'
            f'{ch}/{mid}" data-view="{b64url(digest("view", ch, str(mid)), 16)}"><div class="'
            'tgme_widget_message_bubble"><div class="tgme_widget_message_author accent_color">'
            f'<a class="tgme_widget_message_owner_name" href="https://t.me/{ch}"><span dir="auto">'
            f'{title}</span></a></div><div class="tgme_widget_message_text js-message_text" '
            f'dir="auto">{text}</div><div class="tgme_widget_message_footer compact '
            'js-message_footer"><div class="tgme_widget_message_info short js-message_info">'
            f'<span class="tgme_widget_message_views">{views_text}</span><span class="copyonly"> '
            'views</span><span class="tgme_widget_message_meta"><a class="'
            f'tgme_widget_message_date" href="https://t.me/{ch}/{mid}"><time datetime="'
            f'{when.strftime("%Y-%m-%dT%H:%M:%S+00:00")}" class="time">{when.strftime("%H:%M")}'
            '</time></a></span></div></div></div></div></div>')
    smallest = messages[0][0] if messages else 0
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title} &#8211; Telegram</title>\n"
            f"<meta property=\"og:title\" content=\"{title}\">\n"
            f"<link rel=\"canonical\" href=\"https://t.me/s/{ch}\">\n"
            + (f"<link rel=\"prev\" href=\"/s/{ch}?before={smallest}\">\n" if messages else "")
            + "</head>\n<body class=\"widget_frame_base tgme_widget body_widget_post emoji_image "
            "nodark\">\n<section class=\"tgme_channel_history js-message_history\">\n"
            + "".join(b + "\n" for b in blocks)
            + ("" if messages else '<div class="tgme_widget_message_centered '
               'js-widget_message_centered"><div class="tgme_no_messages_found">No posts found'
               '</div></div>\n')
            + "</section>\n</body>\n</html>\n")


def telegram_headers(body, location=None):
    def make(at):
        h = [("server", "nginx/1.18.0"), ("date", http_date(at))]
        if location:
            h += [("content-type", "text/html"), ("content-length", body_len(body)),
                  ("location", location)]
        else:
            h += [("content-type", "text/html; charset=utf-8"),
                  ("content-length", body_len(body)),
                  ("cache-control", "no-store"), ("x-frame-options", "ALLOW-FROM https://web.telegram.org")]
        h.append(("strict-transport-security", "max-age=35768000"))
        return h
    return make


def render_telegram(acct, ex):
    first = f"https://t.me/s/{acct.handle}"
    if acct.status != 200:
        # No public preview (a private channel, or a user): t.me redirects to the contact page.
        body = "<html>\r\n<head><title>302 Found</title></head>\r\n<body>\r\n<center><h1>302 " \
               "Found</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"
        ex.add(first, acct.status, telegram_headers(body, f"https://t.me/{acct.handle}"), body)
        return {}
    oldest_first = sorted(acct.posts, key=lambda p: p.when)
    base = count(300, 2000, "tg-first", acct.handle)
    messages = [(base + 3 * i + count(0, 2, "gap", acct.handle, str(i)), p)
                for i, p in enumerate(oldest_first)]
    ids = {id(p): f"telegram:{acct.handle}/{mid}" for mid, p in messages}
    body = telegram_html(acct, messages)
    ex.add(first, 200, telegram_headers(body), body)
    empty = telegram_html(acct, [])
    ex.add(url_with(first, [("before", str(messages[0][0]))]), 200, telegram_headers(empty), empty)
    return ids

# TikTok Research API: one POST video/query per account and 30-day window (the adapter's first
# run reads the 30 days up to the run's day), answered in one page (has_more false).
TIKTOK_API = "https://open.tiktokapis.com/v2/research/video/query/"
TIKTOK_FIELDS = ("id,video_description,create_time,region_code,share_count,view_count,like_count,"
                 "comment_count,music_id,hashtag_names,username,effect_ids,playlist_id,"
                 "voice_to_text,is_stem_verified,video_duration")
TIKTOK_PAGE = 100
TIKTOK_WINDOW_DAYS = 30


def tiktok_id(when_utc, *parts):
    # Video ids: epoch seconds in the top 32 bits, then random bits; above 2^53 (and written as
    # bare JSON numbers, which is why pantau keeps them as the digits written).
    return str((int(when_utc.timestamp()) << 32) | int.from_bytes(digest("tt", *parts)[:4], "big"))


def tiktok_headers(body):
    def make(at):
        return [("server", "nginx"),
                ("content-type", "application/json; charset=UTF-8"),
                ("content-length", body_len(body)),
                ("x-tt-logid", at.strftime("%Y%m%d%H%M%S") + digest("log", body).hex()[:18].upper()),
                ("date", http_date(at))]
    return make


def tiktok_hashtags(text):
    return re.findall(r"(?<![\w])#(\w+)", text.lower())


def render_tiktok(acct, ex):
    end = FETCHED_AT.date()
    start = end - dt.timedelta(days=TIKTOK_WINDOW_DAYS - 1)
    query = json.dumps({"query": {"and": [{"operation": "IN", "field_name": "username",
                                           "field_values": [acct.handle]}]},
                        "start_date": start.strftime("%Y%m%d"), "end_date": end.strftime("%Y%m%d"),
                        "max_count": TIKTOK_PAGE, "cursor": 0}, separators=(",", ":"))
    videos, ids = [], {}
    for p in acct.posts:
        if not start <= p.when.date() <= end:
            raise InputError(f"posts.txt:{p.line}: TikTok posts must fall in the 30 days up to "
                             f"{end} (the adapter's first-run window)")
        vid = tiktok_id(p.when, acct.handle, p.when.isoformat())
        ids[id(p)] = f"tiktok:{vid}"
        videos.append(
            f'{{"id":{vid},"video_description":{json.dumps(p.text, ensure_ascii=False)},'
            f'"create_time":{int(p.when.timestamp())},"region_code":"ID",'
            f'"share_count":{count(0, 300, "sh", vid)},"view_count":{count(200, 90000, "vw", vid)},'
            f'"like_count":{count(10, 5000, "lk", vid)},"comment_count":{count(0, 200, "cm", vid)},'
            f'"music_id":{tiktok_id(p.when, "music", vid)},'
            f'"hashtag_names":{json.dumps(tiktok_hashtags(p.text))},'
            f'"username":"{acct.handle}","video_duration":{count(8, 90, "dur", vid)}}}')
    search_id = str(7_300_000_000_000_000_000 + int.from_bytes(digest("sid", acct.handle)[:7], "big"))
    body = ('{"data":{"search_id":"' + search_id + '","videos":[' + ",".join(videos) +
            f'],"cursor":{len(videos)},"has_more":false}},"error":{{"code":"ok","message":"",'
            f'"log_id":"{FETCHED_AT.strftime("%Y%m%d%H%M%S")}{digest("log", acct.handle).hex()[:18].upper()}"}}}}')
    ex.add(url_with(TIKTOK_API, [("fields", TIKTOK_FIELDS)]), 200, tiktok_headers(body), body,
           method="POST", request_body=query)
    if videos:
        # Later polls query from the UTC day of the newest video; the Research API filters by
        # day, so that day's videos come back (the adapter has seen them), nothing else.
        since_day = acct.posts[0].when.astimezone(dt.timezone.utc).date()
        later_query = query.replace(f'"start_date":"{start.strftime("%Y%m%d")}"',
                                    f'"start_date":"{since_day.strftime("%Y%m%d")}"')
        kept = [v for p, v in zip(acct.posts, videos)
                if p.when.astimezone(dt.timezone.utc).date() >= since_day]
        later = ('{"data":{"search_id":"' + search_id + '","videos":[' + ",".join(kept) +
                 f'],"cursor":{len(kept)},"has_more":false}},"error":{{"code":"ok","message":"",'
                 f'"log_id":"{FETCHED_AT.strftime("%Y%m%d%H%M%S")}{digest("log2", acct.handle).hex()[:18].upper()}"}}}}')
        ex.later(url_with(TIKTOK_API, [("fields", TIKTOK_FIELDS)]), 200, tiktok_headers(later),
                 later, method="POST", request_body=later_query)
    return ids


RENDERERS = {"youtube": render_youtube, "mastodon": render_mastodon, "bluesky": render_bluesky,
             "x": render_x, "facebook": render_facebook, "instagram": render_instagram,
             "telegram": render_telegram, "tiktok": render_tiktok}


# ---------------------------------------------------------------------------------------------
# Expected findings


def excerpt(text, n=70):
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def findings_tsv(accounts, ids):
    lines = ["# The planted findings of examples/posts.txt, generated by examples/make-replay.py.",
             "# kind: expect = classify must give the label, with one of the evidence",
             "# alternatives (separated by ' | ') in its evidence; allow = an ambiguous case where",
             "# the label is tolerated; hard = a hard negative (no label expected); clean = an",
             "# ordinary post (no label expected); target = the label must name this target.",
             "# Every post appears. failed = an account whose",
             "# fetch fails with the HTTP status in the evidence column; the report must list it.",
             "\t".join(["post_id", "label", "evidence", "kind", "account", "local_time",
                        "excerpt"])]
    for a in accounts:
        if a.status != 200:
            lines.append("\t".join([f"{a.platform}:{a.handle}", "-", str(a.status), "failed",
                                     f"{a.platform}:{a.handle}", "-", a.row["Catatan"] or "-"]))
        for p in sorted(a.posts, key=lambda p: p.when):
            if id(p) not in ids:
                continue
            common = [f"{a.platform}:{a.handle}", p.when_local.strftime("%Y-%m-%d %H:%M"),
                      excerpt(p.text)]
            for label, alts in p.expect:
                lines.append("\t".join([ids[id(p)], label, " | ".join(alts), "expect"] + common))
            for labels, reason in p.allow:
                for label in labels:
                    lines.append("\t".join([ids[id(p)], label, reason, "allow"] + common))
            for label, name in p.targets:
                lines.append("\t".join([ids[id(p)], label, name, "target"] + common))
            if p.hard:
                lines.append("\t".join([ids[id(p)], "-", p.hard, "hard"] + common))
            if not (p.expect or p.allow or p.hard):
                lines.append("\t".join([ids[id(p)], "-", "-", "clean"] + common))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------


def render_rechecks(accounts, ids, ex):
    """The answers to `fetch-accounts --recheck` for RECHECKS, one second apart from RECHECK_AT,
    asked as lib/pantau/fetch/{facebook,youtube}_lookup.cpp ask. Returns recheck.txt."""
    lines = []
    for n, (platform, owner, phrase, fate) in enumerate(RECHECKS):
        found = [(a, p) for a in accounts if a.platform == platform and a.row["Nama"] == owner
                 for p in a.posts if phrase in (p.title + " " + p.text).lower()]
        if len(found) != 1:
            raise InputError(f"RECHECKS: {len(found)} {platform} posts of {owner} with '{phrase}'")
        acct, post = found[0]
        pid = ids[id(post)]
        native = pid.split(":", 1)[1]
        at = RECHECK_AT + dt.timedelta(seconds=n)
        if platform == "facebook":
            url = url_with(f"{GRAPH_API}/", [("ids", native), ("fields", FB_POST_FIELDS),
                                             ("access_token", "REDACTED")])
            if fate != "deleted":
                raise InputError("RECHECKS: a Facebook post can only be deleted here")
            # Graph's answer for an id that no longer resolves (the lookup reads 803 as deleted).
            body = json.dumps({"error": {
                "message": f"(#803) Some of the aliases you requested do not exist: {native}",
                "type": "OAuthException", "code": 803,
                "fbtrace_id": b64url(digest("fbt-recheck", native), 11)}}, separators=(",", ":"))
            ex.add(url, 404, graph_headers(body, acct, 9), body, at=at)
        elif platform == "youtube":
            if fate == "deleted":
                raise InputError("RECHECKS: a YouTube video is edited here, not deleted")
            item = youtube_video_item(acct, native, post, fate, status=True)
            body = json.dumps({"kind": "youtube#videoListResponse",
                               "etag": etag("videos-recheck", native), "items": [item],
                               "pageInfo": {"totalResults": 1, "resultsPerPage": 1}},
                              ensure_ascii=False, indent=2) + "\n"
            url = url_with(YOUTUBE_API + "/videos",
                           [("id", native), ("key", "REDACTED"), ("maxResults", "50"),
                            ("part", "snippet,statistics,contentDetails,status")])
            ex.add(url, 200, youtube_headers(body), body, at=at)
        else:
            raise InputError(f"RECHECKS: no recheck answer for {platform}")
        lines.append(pid)
    return "# The flagged posts examples/run.sh rechecks a day later (make-replay.py RECHECKS).\n" + \
        "".join(line + "\n" for line in lines)


def generate():
    registry = read_accounts(os.path.join(HERE, "accounts.csv"))
    accounts = read_posts(os.path.join(HERE, "posts.txt"), registry)
    ex = Exchanges()
    ids = {}
    for a in accounts:
        if a.platform not in RENDERERS:
            raise InputError(f"posts.txt:{a.line}: no renderer for platform {a.platform}")
        ids.update(RENDERERS[a.platform](a, ex))
    ex.add_later()
    recheck = render_rechecks(accounts, ids, ex)
    files = {os.path.join("replay", name): text for name, text in ex.files().items()}
    files["expected-findings.tsv"] = findings_tsv(accounts, ids)
    files["recheck.txt"] = recheck
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the files in examples/ instead of writing them")
    args = parser.parse_args()
    try:
        files = generate()
    except InputError as e:
        print(f"make-replay.py: {e}", file=sys.stderr)
        return 1
    replay_dir = os.path.join(HERE, "replay")
    present = set()
    if os.path.isdir(replay_dir):
        present = {os.path.join("replay", f) for f in os.listdir(replay_dir)
                   if f.endswith(".http")}
    if args.check:
        problems = []
        for rel, text in sorted(files.items()):
            path = os.path.join(HERE, rel)
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    if f.read() != text:
                        problems.append(f"examples/{rel} differs")
            except FileNotFoundError:
                problems.append(f"examples/{rel} is missing")
        for rel in sorted(present - set(files)):
            problems.append(f"examples/{rel} is stale")
        for p in problems:
            print(f"make-replay.py: {p}", file=sys.stderr)
        if problems:
            print("make-replay.py: run examples/make-replay.py to regenerate", file=sys.stderr)
            return 1
        return 0
    os.makedirs(replay_dir, exist_ok=True)
    for rel in present - set(files):
        os.remove(os.path.join(HERE, rel))
    for rel, text in files.items():
        path = os.path.join(HERE, rel)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    n = sum(1 for rel in files if rel.startswith("replay"))
    print(f"make-replay.py: wrote {n} exchanges to examples/replay/ and "
          f"examples/expected-findings.tsv", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
