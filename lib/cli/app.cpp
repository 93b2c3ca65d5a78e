#include "cli/app.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <new>
#include <system_error>

#include "cli/common_flags.h"
#include "cli/terminal.h"
#include "pantau/version.h"

namespace pantau::cli {

std::string version_line(std::string_view program) {
  return std::string(program) + " (pantau) " + kVersion;
}

void configure_app(CLI::App& app, const ToolInfo& info) {
  app.name(info.program);
  app.description(info.description);
  app.set_version_flag(cli_names(flags::kVersion), version_line(info.program),
                       std::string(flags::kVersion.help));
  app.set_help_flag(cli_names(flags::kHelp), std::string(flags::kHelp.help));
  app.get_formatter()->column_width(32);
  app.footer(
      "Exit status: 0 ok, 1 failure, 2 usage error, 130 interrupted, 143 terminated.\n"
      "Records are documented in pantau-records(5); see also " +
      info.program + "(1).");
}

namespace {

// A repeatable option (--claims, --gazetteer, --slang, --rate, ...) takes one value per
// occurrence. CLI11's default for vector options takes every following word, so
// "classify --gazetteer g.toml posts.ndjson" read the input file as a second gazetteer.
void one_value_per_flag(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    if (!opt->get_positional()) opt->allow_extra_args(false);
  }
  for (CLI::App* sub : app.get_subcommands({})) one_value_per_flag(*sub);
}

}  // namespace

std::optional<int> parse_args(CLI::App& app, const ToolInfo& info, int argc, char** argv) {
  one_value_per_flag(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    std::printf("%s\n", version_line(info.program).c_str());
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (!msg.empty() && msg[0] >= 'A' && msg[0] <= 'Z' &&
        !(msg.size() > 1 && msg[1] >= 'A' && msg[1] <= 'Z')) {
      msg[0] = static_cast<char>(msg[0] - 'A' + 'a');
    }
    while (!msg.empty() && (msg.back() == '.' || msg.back() == '\n')) msg.pop_back();
    std::fprintf(stderr, "%s: %s\nUsage: %s\nTry '%s --help' for more information.\n",
                 info.program.c_str(), msg.c_str(), info.synopsis.c_str(), info.program.c_str());
    return kExitUsage;
  }
  return std::nullopt;
}

void add_input_options(CLI::App& app, InputOptions* opts) {
  app.add_option("files", opts->files, "Input files (NDJSON, optionally .gz); '-' or none: stdin")
      ->type_name("FILE...");
  add(app, flags::kStrict, opts->strict);
  const std::string max_line_help = std::string(flags::kMaxLineBytes.help) + " (default " +
                                    std::to_string(opts->max_line_bytes >> 20) +
                                    "M; K, M, G suffixes)";
  add(app, with_help(flags::kMaxLineBytes, max_line_help), opts->max_line_bytes)
      ->transform(CLI::AsSizeValue(false));
}

void add_output_options(CLI::App& app, OutputOptions* opts) {
  add(app, flags::kLineBuffered, opts->line_buffered);
}

void add_verbosity_options(CLI::App& app, Diagnostics* diag) {
  add_callback(app, flags::kQuiet, [diag] { diag->set_quiet(true); });
  add_callback(app, flags::kVerbose, [diag] { diag->set_verbose(true); });
}

void warn_if_stdin_is_terminal(const InputOptions& in, Diagnostics& diag) {
  bool reads_stdin = in.files.empty();
  for (const auto& f : in.files) reads_stdin = reads_stdin || f == "-";
  if (reads_stdin && is_terminal(STDIN_FILENO)) {
    diag.warning("reading records from the terminal (end with Ctrl-D; see --help)");
  }
}

int run_main(std::string_view program, const std::function<int()>& body) {
  install_signal_handlers();
  const std::string prog(program);
  try {
    return body();
  } catch (const std::system_error& e) {
    if (e.code() == std::errc::broken_pipe) return kExitOk;
    std::fprintf(stderr, "%s: %s\n", prog.c_str(), e.what());
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: out of memory\n", prog.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: internal error: %s\n", prog.c_str(), e.what());
  }
  return kExitFailure;
}

int finish(OutputStream& out, Diagnostics& diag, LoopEnd end) {
  Status s = out.flush();
  if (!s.ok()) {
    if (s.error().code == Error::Code::kBrokenPipe) return kExitOk;
    diag.error(s.message());
    return kExitFailure;
  }
  if (end == LoopEnd::kOutputClosed) return kExitOk;
  if (end == LoopEnd::kInterrupted) {
    const int code = interrupted_exit_code();
    diag.error(code == kExitTerminated ? "terminated" : "interrupted");
    return code;
  }
  return diag.error_count() > 0 ? kExitFailure : kExitOk;
}

}  // namespace pantau::cli
