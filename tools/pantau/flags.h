// The front's flags and tools, described once: main.cpp lists the tools from kTable, and
// tools/gen-docs writes the OPTIONS of man/pantau.1 and the completions, which offer the tools
// and then hand over to each tool's own completion (see cli/flag.h).
#pragma once

#include "cli/common_flags.h"

namespace pantau::front_flags {

inline const cli::FlagTable kTable{
    .program = "pantau",
    .groups =
        {
            {.flags = {cli::with_help(cli::flags::kHelp, "List the tools and exit"),
                       cli::flags::kVersion},
             .operands = cli::Complete::kNothing},
            // Each tool is pantau-NAME, run with the words after NAME.
            {.subcommand = "fetch-accounts",
             .help = "collect new posts of registered accounts as raw records"},
            {.subcommand = "normalize",
             .help = "map raw platform data and collector output to post records"},
            {.subcommand = "classify",
             .help = "label posts with suspected violations and their evidence"},
            {.subcommand = "report",
             .help = "aggregate classified posts into Markdown, HTML, CSV or JSON reports"},
        },
    .delegates = true};

}  // namespace pantau::front_flags
