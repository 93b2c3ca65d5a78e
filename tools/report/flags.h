// pantau-report's flags, described once: main.cpp registers them, tools/gen-docs writes the
// OPTIONS of man/pantau-report.1 and the completions from kTable (see cli/flag.h).
#pragma once

#include "cli/common_flags.h"

namespace pantau::report_flags {

inline const cli::Flag kFormat{
    .name = "format",
    .short_name = 'f',
    .value = "FORMAT",
    .help = "md, html, csv or json (default: from the -o extension, else md)",
    .choices = {"md", "markdown", "html", "csv", "json"},
    .man = R"roff(.B md
(Markdown, the default),
.B html
(one self-contained file: inline CSS and SVG charts, no scripts, no external
requests, readable on a phone and printable on A4),
.B csv
(one row per kept finding) or
.B json
(all aggregates as one document). Without this option the extension of
.B \-o
chooses
.RB ( .md ", " .html ", " .htm ", " .csv ", " .json ).)roff",
    .summary = "Report format"};
inline const cli::Flag kOutput{
    .name = "output",
    .short_name = 'o',
    .value = "FILE",
    .help = "Write to FILE atomically (temporary file, then rename) instead of stdout",
    .complete = cli::Complete::kFile,
    .man = R"roff(Write the report to
.I FILE
instead of standard output. The report goes to a temporary file in the same
directory, which is renamed over
.I FILE
only when the report is complete, so a failed or interrupted run leaves
.I FILE
as it was. A symbolic link is followed (the file it names is replaced, the
link kept); a FIFO or a device (\fI/dev/stdout\fR) is written directly.)roff"};
inline const cli::Flag kLang{.name = "lang",
                             .value = "LANG",
                             .help = "Language of headings and label names: id (default) or en",
                             .choices = {"id", "en"},
                             .man = R"roff(.B id
(Indonesian, the default) or
.B en
(English) for every heading, label name, role and date. JSON member names and
CSV column names stay the same in both.)roff"};
inline const cli::Flag kTop{
    .name = "top",
    .value = "N",
    .help = "Findings kept per list, and rows per ranked table (default 50); memory grows with N",
    .man = R"roff(Keep the
.I N
best findings (default 50) of each list (top findings, quiet period,
neutrality), ranked by score with ties broken by post id, and show
.I N
rows in the ranked account and owner tables. Memory grows with
.IR N .
A post fetched twice is one finding (the better-scoring, then later-fetched
version).)roff"};
inline const cli::Flag kPartial{.name = "partial",
                                .help = "Write the aggregate state as NDJSON, for --merge",
                                .man = R"roff(Write the aggregate state as NDJSON (records of kind
.BR report_state )
instead of a report, for
.BR \-\-merge .
The state format is internal and may change between versions.)roff",
                                .summary = "Write the aggregate state, for --merge"};
inline const cli::Flag kMerge{
    .name = "merge",
    .help = "Inputs are --partial states (from many shards); report on all",
    .man = R"roff(The inputs are states written by
.BR \-\-partial ,
for example by several machines over shards of the input. The result is
byte for byte the report a single run over all the input would write, provided
every partial run used the same
.BR \-\-top " (or a larger one), " \-\-utc-offset " and " \-\-since-report ,
and the merge is given the single run's
.BR \-\-generated-at .
Other records are errors in this mode (without it, state records in the input
are merged as well).)roff",
    .summary = "Inputs are --partial states; report on all"};
inline const cli::Flag kSinceReport{
    .name = "since-report",
    .value = "FILE",
    .help = "Mark findings not in this previous JSON report or state as new",
    .complete = cli::Complete::kFile,
    .man = R"roff(The previous run's JSON report (or state). Findings it listed, and the
.B known_ids
it carried forward, are not new; every other finding is marked new
.RB ( BARU ),
and the summary counts the new ones. The JSON report carries in
.B known_ids
the id of every finding reported so far: those of this run, whatever
.B \-\-top
lists, and those carried forward from the previous report. So each scheduled
run can compare with the one before, for any number of findings.
A deletion is news too: a finding the previous report listed whose post has
since been removed (see
.BR "STATUS RECORDS" ),
and whose removal that report did not show, is new again
.RB ( BARU ),
and the summary counts it as
.IR "Baru dihapus sejak laporan sebelumnya" .
The JSON report carries in
.B known_removed
the ids of the findings whose removal has been shown, so it is news once.)roff"};
inline const cli::Flag kNewOnly{.name = "new-only",
                                .help = "With --since-report: keep only the new findings",
                                .man = R"roff(With
.BR \-\-since-report :
keep only new findings in the finding lists (counts still cover every post).
A known finding that is new again because of a removal is kept only when its
status records come before its post in the input (give the status file
first): the post is read before its checks otherwise, and not kept. A status
record read twice counts once, so it may also stay in the stream.)roff",
                                .summary = "Keep only the new findings (with --since-report)"};
inline const cli::Flag kReviews{
    .name = "reviews",
    .value = "FILE",
    .help =
        "Staff's decisions: a findings CSV with keputusan/alasan/peninjau filled in, or "
        "review NDJSON records; repeat for more files (the latest decision wins)",
    .complete = cli::Complete::kFile,
    .repeatable = true,
    .man = R"roff(Staff's decisions about findings; repeat for more files. Each
.I FILE
is either a findings CSV as this program writes it, with the
.BR keputusan " (decision), " alasan " (reason) and " peninjau " (reviewer)"
columns filled in (either dialect: with or without a BOM,
.B ;
or
.BR , ,
ids as
.BR ="..." ;
decisions as staff type them:
.BR benar ", " "bukan pelanggaran" ", " dilaporkan ", " "perlu dicek" ,
case and spaces do not matter; rows with an empty decision are skipped; a CSV
row takes the file's modification time as its review time), or
.B review
records (see
.BR pantau-records (5)).
A finding is keyed by its id; its latest decision counts. Every report then
shows each listed finding's decision; findings decided
.B bukan pelanggaran
are never new and are moved out of the finding lists into a list of their own,
with the reason; a section lists the findings still to review (no decision, or
.BR "perlu dicek" ).
The CSV comes out with the decisions filled in, ready for the next round. An
unknown decision is an error naming
.IR FILE : LINE ;
the report is still written and the exit status is 1. Memory grows with the
number of reviews only. Not with
.BR \-\-partial .)roff",
    .summary = "Staff's decisions (findings CSV or review records)"};
inline const cli::Flag kGeneratedAt{
    .name = "generated-at",
    .value = "TIME",
    .help =
        "The generation time printed in the report (RFC 3339, or 'now', the default); give "
        "a fixed time for reproducible reports",
    .man = R"roff(Print
.I TIME
(RFC 3339, or
.BR now ,
the default) as the generation time. Every report shows when it was made and
the rule pack version that classified its posts; give a fixed time for
byte-for-byte reproducible reports (tests, archives).)roff"};
inline const cli::Flag kUtcOffset{
    .name = "utc-offset",
    .value = "OFFSET",
    .help =
        "Group days at this offset (e.g. +08:00); default: the account region's zone "
        "(WIB/WITA/WIT), else UTC",
    .choices = {"+07:00", "+08:00", "+09:00", "+00:00"},  // offered, not checked
    .man = R"roff(Group posts into days at
.I OFFSET
(e.g.
.BR +08:00 ", " +0700 ", " UTC+9 ).
By default each post's day is local to its account's region (the province
part of the Kemendagri region code: WIB +7, WITA +8, WIT +9), because election
calendars are in local time; posts of unknown region use UTC.)roff"};
inline const cli::Flag kTitle{
    .name = "title",
    .value = "TEXT",
    .help = "Report title (default: the language's standard title)",
    .man = R"roff(The report's title (default: "Laporan Pengawasan Media Sosial" /
"Social Media Monitoring Report").)roff"};
inline const cli::Flag kCsvDialect{
    .name = "csv-dialect",
    .value = "DIALECT",
    .help =
        "CSV for a spreadsheet (excel, the default: ';', UTF-8 BOM, formula guard, ids as "
        "text) or for tools (rfc4180: ',', no BOM, cells as they are)",
    .choices = {"excel", "rfc4180"},
    .man = R"roff(How CSV is written.
.B excel
(the default) is for a spreadsheet opened by double-click: cells separated by
.B ;
(the list separator of Excel in an Indonesian locale, and of every locale with
a decimal comma), a UTF-8 byte order mark (so Excel reads UTF-8, not cp1252),
an apostrophe before cells that begin with
.BR = ", " + ", " \- ", " @ ,
tab or carriage return (so Excel and LibreOffice never run post text as a
formula; such cells show the apostrophe), write identifiers that look like
numbers (ids, ballot numbers such as
.BR 02 ,
region codes such as
.BR 52.01 )
as
.B =\(dq02\(dq
so they keep every digit (Excel evaluates the formula to the text; a leading
apostrophe would be shown, not hidden, in an opened CSV file), and cut cells at
Excel's 32,767-character limit.
.B rfc4180
is for tools: plain RFC 4180 (comma, CRLF, quotes doubled, no byte order mark,
cells as they are).
Both end each finding's row with the empty columns
.BR keputusan ", " alasan " and " peninjau
for staff to record their decision.)roff",
    .summary = "CSV for a spreadsheet or for tools"};
inline const cli::Flag kExcel{
    .name = "excel", .help = "Same as --csv-dialect excel (the default)", .man = R"roff(Same as
.B \-\-csv-dialect excel
(the default); kept for old scripts.)roff"};

inline const cli::FlagTable kTable{
    .program = "pantau-report",
    .groups = {{.flags = {
                    kFormat,
                    kOutput,
                    kLang,
                    kTop,
                    kPartial,
                    kMerge,
                    kSinceReport,
                    kNewOnly,
                    kReviews,
                    kGeneratedAt,
                    kUtcOffset,
                    kTitle,
                    kCsvDialect,
                    kExcel,
                    cli::with_man(cli::flags::kStrict,
                                  R"roff(Stop at the first bad line; no report is written.)roff"),
                    cli::with_man(cli::flags::kMaxLineBytes,
                                  R"roff(Longest accepted input line (default 64M).)roff"),
                    cli::flags::kQuiet,
                    cli::flags::kVerbose,
                    cli::flags::kHelp,
                    cli::flags::kVersion,
                }}}};

}  // namespace pantau::report_flags
