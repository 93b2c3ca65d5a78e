// pantau-report: aggregate classified posts into reports.
// Skeleton from the foundation issue: validates records and passes them through unchanged.
#include <unistd.h>

#include "cli/app.h"
#include "pantau/record.h"

namespace {

const pantau::cli::ToolInfo kInfo{
    "pantau-report", "pantau-report [OPTIONS] [FILE...]",
    "pantau-report: aggregate classified posts into reports\n\n"
    "Examples:\n"
    "  pantau-report records.ndjson > out.ndjson\n"
    "  zcat dump.ndjson.gz | pantau-report --strict\n"};

int run(int argc, char** argv) {
  using namespace pantau;
  CLI::App app;
  cli::Diagnostics diag(kInfo.program);
  cli::InputOptions in;
  cli::OutputOptions out_opts;
  cli::configure_app(app, kInfo);
  cli::add_input_options(app, &in);
  cli::add_output_options(app, &out_opts);
  cli::add_verbosity_options(app, &diag);
  if (auto code = cli::parse_args(app, kInfo, argc, argv)) return *code;
  cli::warn_if_stdin_is_terminal(in, diag);

  OutputStream out(STDOUT_FILENO, "<stdout>", out_opts.line_buffered);
  RecordValidator validator;
  std::string record;
  auto end = cli::for_each_line(in, diag, out, [&](const Line& line) -> Status {
    auto kind = validator.validate(line);
    if (!kind) return kind.error();
    record.clear();
    append_passthrough(line, &record);
    out.write_line(record);
    return {};
  });
  return cli::finish(out, diag, end);
}

}  // namespace

int main(int argc, char** argv) {
  return pantau::cli::run_main(kInfo.program, [&] { return run(argc, argv); });
}
