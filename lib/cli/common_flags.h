// The flags every pantau program shares (registered by cli/app.h), described once. A tool's
// table (tools/TOOL/flags.h) lists them after its own, with cli::with_man() where its man page
// says more.
#pragma once

#include "cli/flag.h"

namespace pantau::cli::flags {

inline const Flag kStrict{
    .name = "strict",
    .help = "Stop at the first bad line instead of going on",
    .man = "Stop at the first bad line instead of reporting it and going on."};
// --help appends the tool's default ("(default 64M; K, M, G suffixes)").
inline const Flag kMaxLineBytes{
    .name = "max-line-bytes", .value = "SIZE", .help = "Longest accepted input line"};
inline const Flag kLineBuffered{.name = "line-buffered",
                                .help = "Flush every record at once (for live pipelines)",
                                .man = "Flush every record at once, for live pipelines."};
inline const Flag kQuiet{.name = "quiet", .short_name = 'q', .help = "Print errors only"};
inline const Flag kVerbose{
    .name = "verbose", .short_name = 'v', .help = "Print more detail on stderr"};
inline const Flag kHelp{.name = "help",
                        .short_name = 'h',
                        .help = "Print this help and exit",
                        .man = "Print the help and exit.",
                        .summary = "Print the help and exit"};
inline const Flag kVersion{.name = "version", .help = "Print the version and exit"};

}  // namespace pantau::cli::flags
