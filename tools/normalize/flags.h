// pantau-normalize's flags, described once: main.cpp registers them, tools/gen-docs writes the
// OPTIONS of man/pantau-normalize.1 and the completions from kTable (see cli/flag.h).
#pragma once

#include "cli/common_flags.h"
#include "pantau/normalize/detect.h"

namespace pantau::normalize_flags {

inline const cli::Flag kFrom{
    .name = "from",
    .value = "FORMAT",
    .help =
        "Format of input lines that are not pantau records (a line of another format is then "
        "an error): auto (detect per line); yt-dlp (yt-dlp -j URL, yt-dlp -J "
        "[--flat-playlist] URL, *.info.json); twarc2 (twarc2 timeline/search pages, twarc2 "
        "flatten lines); x (X API v2 pages); mastodon (statuses); bluesky (getAuthorFeed, "
        "getPosts pages); zeeschuimer (4CAT NDJSON items); tiktok (Research API bodies); "
        "telegram-export (Telegram Desktop result.json) and gallery-dl (gallery-dl -j URL) "
        "read each FILE as one document. Pretty-printed documents are detected without it",
    .choices = normalize::input_format_names(),
    .man = R"roff(The format of lines that are not pantau records:
.B auto
(the default: detect per line),
.BR yt-dlp ,
.BR twarc2 ,
.B x
(X API v2 pages),
.BR mastodon ,
.BR bluesky ,
.BR zeeschuimer ,
.BR tiktok ,
.BR telegram-export ,
.B gallery-dl
(see
.BR FORMATS ).
A line of another recognisable format is then an error. With
.B telegram-export
and
.BR gallery-dl ,
each
.I FILE
is read as one JSON document (a pretty-printed
.B result.json
or
.B "gallery-dl -j"
output) instead of line by line; memory then grows with the document.
Telegram exports give
.B date
in the exporting computer's local time; pantau uses
.B date_unixtime
and reads a lone
.B date
as UTC+07:00 (WIB).)roff"};

inline const cli::Flag kDedup{
    .name = "dedup",
    .help =
        "Drop posts (and post records passing through) whose id was already written in this "
        "run",
    .man = R"roff(Drop posts whose id was already written in this run, including
.B post
records passing through (normalize's own output fed back in). The ids are
kept as 64-bit hashes: 16 to 32 MiB per million posts.)roff",
    .summary = "Drop posts whose id was already written"};

inline const cli::Flag kDehydrate{
    .name = "dehydrate",
    .help =
        "Write the post ids a data set may publish, per platform with its collection period, "
        "instead of records (what fetch-accounts hydrates)",
    .man = R"roff(Instead of records, write the ids a data set may publish where the platforms'
terms allow ids but not content: per platform, a header
.RB ( "# platform: x" ,
.BI "# collected: " FIRST / LAST
(the earliest and latest
.B fetched_at
of its posts),
.BI "# ids: " N )
and then its posts' native ids, one per line, each once, in the order first
read.
.B pantau-fetch-accounts \-\-hydrate
rebuilds the raw records from such a list. Kept in memory: the ids.)roff",
    .summary = "Write the publishable post ids per platform instead of records"};

inline const cli::FlagTable kTable{
    .program = "pantau-normalize",
    .groups = {
        {.flags = {
             kFrom,
             kDedup,
             kDehydrate,
             cli::flags::kStrict,
             cli::with_man(cli::flags::kMaxLineBytes,
                           R"roff(The longest line accepted (default 64M; K, M and G suffixes).
A raw record holds a whole API response: a 100-tweet X page with its
expansions is about 0.34 MB, a t.me/s page at most 4 MiB; a collector's
output for a channel may reach tens of MB.
The bound applies to a whole document read with
.B \-\-from telegram-export
or
.BR gallery-dl :
the export of a large channel may need more (e.g. \fB\-\-max-line-bytes 1G\fR).)roff"),
             cli::flags::kLineBuffered,
             cli::flags::kQuiet,
             cli::with_man(
                 cli::flags::kVerbose,
                 R"roff(Print the summary (lines, posts, per-format documents, items and posts,
failures) at the end on standard error even when nothing was lost.)roff"),
             cli::flags::kHelp,
             cli::flags::kVersion,
         }}}};

}  // namespace pantau::normalize_flags
