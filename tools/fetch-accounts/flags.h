// pantau-fetch-accounts' flags, described once: main.cpp registers them, tools/gen-docs writes the
// OPTIONS of man/pantau-fetch-accounts.1 and the completions from kTable (see cli/flag.h).
#pragma once

#include <string>
#include <vector>

#include "cli/common_flags.h"

namespace pantau::fetch_flags {

// Offered by the shells for PLATFORM=... values (a trailing '=' keeps the cursor on the word).
inline const std::vector<std::string> kApiPlatforms = {"youtube=", "mastodon=", "bluesky="};

inline const cli::Flag kCheck{
    .name = "check",
    .help = "Validate the registry and print account records; no fetching",
    .man = R"roff(Validate the registry and print the normalized
.B account
records; fetch nothing. Every bad row is reported with its row number.)roff",
    .summary = "Validate the registry and print account records"};
inline const cli::Flag kDryRun{
    .name = "dry-run",
    .help = "Print the plan (accounts, requests, quota units, time) and exit",
    .man = R"roff(Print the plan: accounts, requests and quota units per platform against the
budgets, and the time it will take. Every credential the run needs is checked
(Facebook, Instagram, X, YouTube, TikTok, ...): a platform that could not run
gets a warning naming the variables to set, and the exit status is the one the
run would have: 3 when no account could run, 1 when some could not.)roff"};
inline const cli::Flag kState{
    .name = "state",
    .value = "FILE",
    .help = "SQLite state file: incremental runs and resume",
    .complete = cli::Complete::kFile,
    .man = R"roff(SQLite state (WAL): per account the resolved platform id, the newest post seen,
the cursor of an unfinished run, last success and failure; per key the quota units
used today. Without it every run fetches from the newest post back (bounded by
.BR \-\-since " and " \-\-max-pages ).
A run holds an exclusive lock on
.IB FILE .lock
(flock, released by the kernel when the run ends, even by kill \-9) and writes
its pid, host and start time there; a second run on the same state names that
holder and exits 75.
.B \-\-dry\-run
only reads the state and takes no lock.)roff"};
inline const cli::Flag kErrors{.name = "errors",
                               .value = "FILE",
                               .help = "Write error records to FILE instead of stdout",
                               .complete = cli::Complete::kFile,
                               .man = R"roff(Write the
.B error
records to
.I FILE
(truncated) instead of standard output.)roff"};
inline const cli::Flag kSince{.name = "since",
                              .value = "TIME",
                              .help = "Oldest post wanted (RFC 3339 or YYYY-MM-DD)",
                              .man = R"roff(Bound a backfill: posts older than
.B \-\-since
or newer than
.B \-\-until
are not kept (RFC 3339 or YYYY-MM-DD, midnight UTC).
.B \-\-since
replaces the stored newest post as the point where paging stops; a run with
.B \-\-until
does not move it.)roff"};
inline const cli::Flag kUntil{
    .name = "until",
    .value = "TIME",
    .help = "Newest post wanted (RFC 3339 or YYYY-MM-DD)",
    .man = "Newest post wanted (RFC 3339 or YYYY-MM-DD, midnight UTC); see\n.BR \\-\\-since ."};
inline const cli::Flag kMinInterval{
    .name = "min-interval",
    .value = "DURATION",
    .help =
        "With --state: skip accounts whose last poll completed less than DURATION ago (e.g. "
        "2h; a rerun after a crash goes straight to what is left)",
    .man = R"roff(With
.BR \-\-state :
skip an account whose last poll completed less than
.I DURATION
ago (\fBN\fRs, \fBN\fRm, \fBN\fRh or \fBN\fRd, e.g. 30m), did not fail since, and
left no unfinished run. A run restarted after a crash, or a shard GNU parallel
retries, then goes straight to the accounts it had not done instead of polling
every finished account again (one request each). The summary and the
.B \-\-dry-run
plan count the accounts skipped. 0 (the default): poll every account.)roff",
    .summary = "Skip accounts polled less than DURATION ago (with --state)"};
inline const cli::Flag kMaxPages{
    .name = "max-pages",
    .value = "N",
    .help = "Listing pages per account per run (0: no limit)",
    .man = R"roff(Listing pages per account per run (0: no limit). An account cut short keeps its
cursor and continues next run.)roff"};
inline const cli::Flag kPageSize{
    .name = "page-size",
    .value = "N",
    .help = "Items per page (default: the platform's maximum)",
    .man =
        R"roff(Items per page (default: the platform's maximum: YouTube 50, Mastodon 40, Bluesky 100,
TikTok 100, Facebook 100, Instagram 50, X 100; a t.me/s page holds what Telegram shows, about 20).)roff"};
inline const cli::Flag kComments{
    .name = "comments",
    .help = "Also fetch comments (YouTube, TikTok)",
    .man = R"roff(Also fetch comments (YouTube commentThreads, TikTok video/comment/list, Facebook
top-level comments), up to
.B \-\-comments-per-video
.I N
per video (default 100).)roff",
    .summary = "Also fetch comments"};
inline const cli::Flag kCommentsPerVideo{
    .name = "comments-per-video",
    .value = "N",
    .help = "Most comments fetched per video (default 100)",
    .man = "With\n.BR \\-\\-comments :\nthe most comments fetched per video (default 100)."};
inline const cli::Flag kPlatforms{
    .name = "platforms",
    .value = "LIST",
    .help = "Only fetch these platforms (comma-separated)",
    .choices = {"youtube", "mastodon", "bluesky", "x", "facebook", "instagram", "tiktok",
                "telegram"},
    .complete = cli::Complete::kChoiceList,
    .man = R"roff(Only accounts of these platforms (comma-separated).)roff"};
inline const cli::Flag kShard{.name = "shard",
                              .value = "K/N",
                              .help = "Only accounts whose key hashes into shard K of N",
                              .man = R"roff(Only the accounts whose key falls in shard
.I K
of
.I N
(1 <= K <= N; FNV-1a 64 of the key modulo N), so N machines or jobs split a
registry without coordination. Duplicate keys are reported by the shard
they fall in (and by
.B \-\-check
without
.BR \-\-shard ),
since a shard remembers only its own keys.)roff"};
inline const cli::Flag kConcurrency{.name = "concurrency",
                                    .value = "N",
                                    .help = "Requests in flight at once (default 16)",
                                    .man = R"roff(Requests in flight at once (default 16).)roff"};
inline const cli::Flag kRate{.name = "rate",
                             .value = "PLATFORM=N/WINDOW",
                             .help = "Request budget per credential, e.g. mastodon=300/5m",
                             .choices = kApiPlatforms,
                             .repeatable = true,
                             .man = R"roff(Request budget per credential and API host, e.g.
.BR mastodon=300/5m ,
.BR youtube=20/s .
Never more than N requests start in any window. Defaults: YouTube 20/s,
Mastodon 300/5m (per instance), Bluesky 3000/5m, TikTok 5/s, Facebook and Instagram
1/s, X 1500/15m, Telegram 1/2s. A spent budget announced by
the server (rate-limit headers at 0, 429 with Retry-After) pauses it.)roff"};
inline const cli::Flag kQuota{
    .name = "quota",
    .value = "PLATFORM=UNITS",
    .help = "Daily quota units per key, e.g. youtube=10000",
    .choices = kApiPlatforms,
    .repeatable = true,
    .man = R"roff(Daily quota units per key (YouTube: 10000, the day ending at midnight Pacific
time; TikTok: 1000, one per request, the day ending at 00:00 UTC). When a key's
units are used up the next key is used; with none left the platform stops and
its accounts are left for the next run.)roff"};
inline const cli::Flag kMaxAttempts{
    .name = "max-attempts",
    .value = "N",
    .help = "Attempts per request (default 5)",
    .man = R"roff(Attempts per request (default 5). 5xx, timeouts, connection errors and invalid
or truncated bodies are retried with exponential backoff and jitter.)roff"};
inline const cli::Flag kTimeout{
    .name = "timeout",
    .value = "SECONDS",
    .help = "Seconds before a request is abandoned (default 60)",
    .man = R"roff(A request not done by then is abandoned and retried (default 60). A
connection that delivers no data for 20 seconds (or for the timeout, if
shorter) is abandoned sooner, as
.IR "stalled" ,
and retried the same way.)roff"};
inline const cli::Flag kMaxWait{
    .name = "max-wait",
    .value = "SECONDS",
    .help = "Longest Retry-After honoured, in seconds (default 900)",
    .man = R"roff(Longest Retry-After honoured (default 900); a longer one stops the platform
for this run.)roff"};
inline const cli::Flag kApiBase{.name = "api-base",
                                .value = "PLATFORM=URL",
                                .help = "API base URL, e.g. youtube=http://127.0.0.1:8080",
                                .choices = kApiPlatforms,
                                .repeatable = true,
                                .man = R"roff(API base URL of a platform (tests, proxies), e.g.
.BR youtube=http://127.0.0.1:8080 .
Plain http is refused except to loopback addresses.)roff"};
inline const cli::Flag kCredentials{
    .name = "credentials",
    .value = "FILE",
    .help = "File of NAME=secret lines (must not be group/world-readable)",
    .complete = cli::Complete::kFile,
    .man = R"roff(Read secrets from
.I FILE
(lines
.IB NAME = secret[,secret...]\fR,
NAME a platform or the environment variable's name). The file is refused when its
group or others may read it. Without it, secrets come from the environment:
.B PANTAU_YOUTUBE_API_KEY
(required for YouTube; several keys comma-separated rotate),
.B PANTAU_X_BEARER_TOKEN
(required for X; an app-only bearer token, several comma-separated rotate),
.B PANTAU_MASTODON_TOKEN
and
.B PANTAU_BLUESKY_TOKEN
(optional),
.B PANTAU_TIKTOK_CLIENT_KEY
and
.B PANTAU_TIKTOK_CLIENT_SECRET
(required for TikTok; several pairs comma-separated, matched by position; in the
file, the same two names). Secrets are never taken from flags and never printed: request URLs
in records say
.BR key=REDACTED .)roff"};
inline const cli::Flag kCollector{
    .name = "collector",
    .value = "PLATFORM=COMMAND",
    .help = "Run an external collector per account, e.g. tiktok='yt-dlp -J {url}'",
    .choices = {"tiktok=", "instagram=", "facebook=", "x=", "telegram="},
    .repeatable = true,
    .man = R"roff(Collect the accounts of
.I PLATFORM
by running an external collector once per account, e.g.
.B tiktok='yt-dlp \-J \-\-flat-playlist {url}'
or
.BR "instagram='gallery-dl \-j {url}'" .
.BR {url} ", " {handle} ", " {id} " and " {key}
are replaced by the account's values inside single arguments; no shell is
involved. Its standard output must be JSON (one document, or JSON lines) and
becomes one
.B raw
record (adapter
.BR command:NAME ,
status the exit status, header
.B x-collector-version
from
.BR "NAME \-\-version" ).
A non-zero exit, a run longer than
.BR \-\-timeout ,
or output that is not JSON is retried like a failed request; the
.B error
record then carries the exit status and the end of the collector's standard
error. Budget: 60 runs a minute per collector unless
.B \-\-rate
says otherwise. Known to work: yt-dlp (YouTube, TikTok), gallery-dl (Instagram,
TikTok, Facebook images). Repeatable; a collector replaces the platform's API
adapter.)roff",
    .summary = "Run an external collector per account"};
inline const cli::Flag kRecheck{
    .name = "recheck",
    .value = "FILE",
    .help = "Ask again for the posts in FILE (post records or ids); write status records",
    .complete = cli::Complete::kFile,
    .man = R"roff(Instead of crawling a registry, ask each platform again, by id, for the posts in
.I FILE
and write one
.B status
record per id (present, edited, deleted, not_visible, account_gone or unknown;
.BR pantau-records (5))
after the
.B raw
record of the answer it comes from. See
.BR "RECHECK AND HYDRATE" .)roff"};
inline const cli::Flag kHydrate{
    .name = "hydrate",
    .value = "FILE",
    .help = "Rebuild raw records from the ids in FILE (a dehydrated list)",
    .complete = cli::Complete::kFile,
    .man = R"roff(Rebuild raw records from an id list (what
.B pantau-normalize \-\-dehydrate
writes): the same lookups as
.BR \-\-recheck ,
but only the
.B raw
records are written; every id that could not be rebuilt gets an
.B error
record (stage
.BR hydrate )
and a line on standard error saying why.)roff"};
inline const cli::Flag kReviews{
    .name = "reviews",
    .value = "FILE",
    .help = "Recheck: skip findings staff dismissed (findings CSV or review records)",
    .complete = cli::Complete::kFile,
    .repeatable = true,
    .man = R"roff(With
.BR \-\-recheck :
staff's decisions (a findings CSV with keputusan filled in, or
.B review
records, as
.B pantau-report \-\-reviews
reads them); findings whose latest decision is
.B bukan_pelanggaran
(dismissed) are closed and not asked about again. Repeatable.)roff",
    .summary = "Recheck: skip findings staff dismissed"};
inline const cli::Flag kMaxRequests{
    .name = "max-requests",
    .value = "N",
    .help = "Recheck/hydrate: at most N lookup requests this run; the rest wait",
    .man = R"roff(With
.B \-\-recheck
or
.BR \-\-hydrate :
make at most
.I N
lookup requests this run (0: no limit). The ids that do not fit get no record
and wait; with
.BR \-\-state ,
each run starts where the last one stopped, so a budget checks every id in turn.)roff"};
inline const cli::Flag kRecord{.name = "record",
                               .value = "DIR",
                               .help = "Save every HTTP exchange in DIR",
                               .complete = cli::Complete::kDirectory,
                               .man = R"roff(Also save every HTTP exchange in
.I DIR
(one file per exchange; format in docs/fetch.md). A request body (TikTok) is
part of the exchange; OAuth token exchanges are never recorded.)roff"};
inline const cli::Flag kReplay{.name = "replay",
                               .value = "DIR",
                               .help = "Answer requests from DIR, without network",
                               .complete = cli::Complete::kDirectory,
                               .man = R"roff(Answer every request from the exchanges in
.IR DIR ,
without network and without credentials. A request that was not recorded fails
its account at once. A replay runs in the recording's time: the clock starts at
the earliest fetched\-at of the exchanges and moves only by the waits the run
would have made (budgets, Retry\-After, backoff), which cost nothing. So a replay
never sleeps, and its date windows, error-record times and output are the same on
any day.)roff"};
inline const cli::Flag kManifest{
    .name = "manifest",
    .value = "FILE",
    .help = "Write FILE: the SHA-256 of every line written, in order, and the run's metadata",
    .complete = cli::Complete::kFile,
    .man = R"roff(Write a manifest of the run to
.I FILE
when it ends: the SHA\-256 of every line written to standard output, in order
(raw records, the registry's other records, and error records unless
.BR \-\-errors ),
and the run's metadata (start and end time, version, arguments with
credentials redacted, the SHA\-256 of each registry file, the shard). See
.BR "TRUSTED TIME" .
Not with
.B \-\-check
or
.BR \-\-dry\-run .)roff"};
inline const cli::Flag kTsa{
    .name = "tsa",
    .value = "URL",
    .help =
        "Timestamp the manifest at this RFC 3161 time-stamping authority; the token goes "
        "beside it (M.json -> M.tsr)",
    .man = R"roff(With
.BR \-\-manifest :
ask the RFC 3161 time-stamping authority at
.I URL
for a timestamp token over the manifest's SHA\-256 (HTTP POST,
.BR application/timestamp-query )
and keep its reply beside the manifest
.RI ( M .json
\->
.IR M .tsr).
.I URL
may carry
.IB user : password @
(basic authentication); it is never printed nor written to the manifest.)roff"};
inline const cli::Flag kVerify{
    .name = "verify",
    .value = "RAW MANIFEST",
    .help = "Check RAW against MANIFEST and its timestamp token; no fetching",
    .complete = cli::Complete::kFile,
    .man = R"roff(Fetch nothing: check
.I RAW
against
.I MANIFEST
(every line's SHA\-256, in order: a changed, missing or added line is named by
its line number) and the timestamp token beside the manifest, when there is
one. What holds goes to standard output, each difference to standard error;
exit 0 when everything holds, 1 otherwise.)roff"};
inline const cli::Flag kTsaCa{
    .name = "tsa-ca",
    .value = "FILE",
    .help = "With --verify: check the token's signature against these CA certificates (PEM)",
    .complete = cli::Complete::kFile,
    .man = R"roff(With
.BR \-\-verify :
also check the token's signature: the authority's certificate (carried in the
token) must chain to a CA certificate in the PEM
.I FILE
and be for time stamping. Without it, only that the token is over this
manifest is checked. A missing token is then an error.)roff",
    .summary = "CA certificates for the token's signature (with --verify)"};

inline const cli::FlagTable kTable{
    .program = "pantau-fetch-accounts",
    .groups = {
        {.flags = {
             kCheck,
             kDryRun,
             kState,
             kErrors,
             kSince,
             kUntil,
             kMinInterval,
             kMaxPages,
             kPageSize,
             kComments,
             kCommentsPerVideo,
             kPlatforms,
             kShard,
             kConcurrency,
             kRate,
             kQuota,
             kMaxAttempts,
             kTimeout,
             kMaxWait,
             kApiBase,
             kCredentials,
             kCollector,
             kRecheck,
             kHydrate,
             kReviews,
             kMaxRequests,
             kRecord,
             kReplay,
             kManifest,
             kTsa,
             kVerify,
             kTsaCa,
             cli::with_man(cli::flags::kStrict, R"roff(Stop at the first bad registry row.)roff"),
             cli::with_man(
                 cli::flags::kMaxLineBytes,
                 R"roff(Longest accepted NDJSON registry line or CSV registry row (default 64M). The
registry is read as a stream: memory holds the accounts a run keeps, not the
file.)roff"),
             cli::flags::kLineBuffered,
             cli::flags::kQuiet,
             cli::with_man(cli::flags::kVerbose, R"roff(Print a summary at the end.)roff"),
             cli::flags::kHelp,
             cli::flags::kVersion}}}};

}  // namespace pantau::fetch_flags
