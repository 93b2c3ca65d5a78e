// Command-line plumbing shared by the pantau programs: CLI11 set-up with pantau's conventions,
// the common input/output flags, the record loop and the top-level error handling.
//
// A tool's main() is then: declare flags, parse_args(), open an OutputStream, run
// for_each_line() with a handler that calls the library, and return finish().
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/diagnostics.h"
#include "cli/exit_codes.h"
#include "cli/signals.h"
#include "pantau/line_reader.h"
#include "pantau/output.h"
#include "pantau/result.h"

namespace pantau::cli {

// "pantau-normalize (pantau) 0.1.0"
std::string version_line(std::string_view program);

// Creates the app: name, description (which leads --help, so put examples in it), --version,
// and the usage line shown on usage errors.
struct ToolInfo {
  std::string program;      // "pantau-normalize"
  std::string synopsis;     // "pantau-normalize [OPTIONS] [FILE...]"
  std::string description;  // one-line summary, blank line, examples
};
void configure_app(CLI::App& app, const ToolInfo& info);

// Parses argv. Returns std::nullopt to go on, or the exit code to return at once: 0 after
// --help/--version (printed on stdout), 2 after a usage error (printed on stderr as
// "PROG: message", the usage line and a pointer to --help).
std::optional<int> parse_args(CLI::App& app, const ToolInfo& info, int argc, char** argv);

struct InputOptions {
  std::vector<std::string> files;  // empty: standard input
  bool strict = false;             // stop at the first bad line
  uint64_t max_line_bytes = LineReader::kDefaultMaxLineBytes;
  bool cut_glued_json = false;  // LineReader::cut_between_json_values (normalize's input)
};
// FILE... operands, --strict, --max-line-bytes (its default: opts->max_line_bytes as set by the
// caller, in MiB).
void add_input_options(CLI::App& app, InputOptions* opts);

struct OutputOptions {
  bool line_buffered = false;
};
// --line-buffered.
void add_output_options(CLI::App& app, OutputOptions* opts);

// Common verbosity flags: -q/--quiet and -v/--verbose.
void add_verbosity_options(CLI::App& app, Diagnostics* diag);

// Warns once when records are about to be read from a terminal, so the tool doesn't seem to hang.
void warn_if_stdin_is_terminal(const InputOptions& in, Diagnostics& diag);

// Runs `body` with the signal policy installed and every exception turned into a diagnostic
// and exit code 1 (or 0 for a broken pipe on stdout). Exceptions never escape main.
int run_main(std::string_view program, const std::function<int()>& body);

// How the record loop ended.
enum class LoopEnd { kDone, kStopped, kOutputClosed, kOutputFailed, kInterrupted };

// Reads every line of the input and calls `handler(const Line&) -> Status` on it.
// A handler error or an unreadable line is reported as "PROG: FILE:LINE: message" and counted;
// the loop goes on with the next line unless `in.strict`. The loop also stops when `out` fails
// (a closed pipe or a write error) or on SIGINT/SIGTERM.
template <typename Handler>
LoopEnd for_each_line(const InputOptions& in, Diagnostics& diag, OutputStream& out,
                      Handler&& handler) {
  LineReader reader(in.files, static_cast<size_t>(in.max_line_bytes));
  reader.cut_between_json_values(in.cut_glued_json);
  Line line;
  for (;;) {
    if (interrupted()) return LoopEnd::kInterrupted;
    auto r = reader.next(&line);
    if (!r) {
      const Error& e = r.error();
      if (e.code == Error::Code::kInterrupted) {
        if (interrupted()) return LoopEnd::kInterrupted;
        continue;  // some other signal: read on
      }
      if (e.code == Error::Code::kNotFound || e.code == Error::Code::kIo) {
        diag.error(e.message);  // names the input already; no line to point at
      } else {
        diag.error_at(reader.input_name(), reader.line_number(), e.message);
      }
      if (in.strict) return LoopEnd::kStopped;
      continue;
    }
    if (!*r) return LoopEnd::kDone;
    Status s = handler(line);
    if (!s.ok()) {
      diag.error_at(line.input, line.number, s.message());
      if (in.strict) return LoopEnd::kStopped;
    }
    if (out.failed()) {
      return out.status().error().code == Error::Code::kBrokenPipe ? LoopEnd::kOutputClosed
                                                                   : LoopEnd::kOutputFailed;
    }
  }
}

// Flushes `out` and turns the loop's end and the error count into the exit code:
// broken pipe -> 0 quietly; write error -> message and 1; interrupted -> 130 (SIGINT) or
// 143 (SIGTERM); errors -> 1.
int finish(OutputStream& out, Diagnostics& diag, LoopEnd end);

}  // namespace pantau::cli
