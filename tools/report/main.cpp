// pantau-report: turns classified posts into reports (Markdown, HTML, CSV, JSON) or into a
// partial state that --merge combines with others. Flags in, the report library in a loop, an
// exit code out; everything else lives in lib/pantau/report/.
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/app.h"
#include "flags.h"
#include "pantau/file_io.h"
#include "pantau/records/review.h"
#include "pantau/report/record_ingester.h"
#include "pantau/report/region_zone.h"
#include "pantau/report/render.h"
#include "pantau/report/since_report.h"
#include "pantau/report/state_io.h"

namespace {

const pantau::cli::ToolInfo kInfo{
    "pantau-report", "pantau-report [OPTIONS] [FILE...]",
    "pantau-report: turn classified posts into reports analysts can act on\n\n"
    "Examples:\n"
    "  pantau-report classified.ndjson > report.md\n"
    "  pantau-report --format html -o report.html classified.ndjson\n"
    "  pantau-report -o findings.csv classified.ndjson   # opens in Excel by double-click\n"
    "  pantau-report --format csv --csv-dialect rfc4180 --lang en classified.ndjson.gz\n"
    "  pantau-report --since-report yesterday.json --new-only --format json -o today.json "
    "in.ndjson\n"
    "  pantau-report -o today.csv --reviews yesterday.csv in.ndjson   # decisions staff filled "
    "in\n"
    "  pantau-report --partial shard1.ndjson > s1.state   # on each machine, then:\n"
    "  pantau-report --merge s1.state s2.state --format html -o report.html\n"};

struct Flags {
  std::string format;
  std::string output;
  std::string lang = "id";
  size_t top = 50;
  bool partial = false;
  bool merge = false;
  std::string since_report;
  std::vector<std::string> reviews;
  bool new_only = false;
  std::string generated_at;
  std::string utc_offset;
  std::string title;
  std::string csv_dialect = "excel";
  bool excel = false;
};

void add_flags(CLI::App& app, Flags* f) {
  namespace flag = pantau::report_flags;
  namespace cli = pantau::cli;
  cli::add(app, flag::kFormat, f->format)->check(cli::one_of(flag::kFormat));
  cli::add(app, flag::kOutput, f->output);
  cli::add(app, flag::kLang, f->lang)->check(cli::one_of(flag::kLang));
  cli::add(app, flag::kTop, f->top)->check(CLI::Range(size_t{0}, size_t{10'000'000}));
  auto* partial = cli::add(app, flag::kPartial, f->partial);
  auto* merge = cli::add(app, flag::kMerge, f->merge);
  partial->excludes(merge);
  auto* since = cli::add(app, flag::kSinceReport, f->since_report);
  cli::add(app, flag::kNewOnly, f->new_only)->needs(since);
  cli::add(app, flag::kReviews, f->reviews)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->excludes(partial);
  cli::add(app, flag::kGeneratedAt, f->generated_at);
  cli::add(app, flag::kUtcOffset, f->utc_offset);
  cli::add(app, flag::kTitle, f->title);
  auto* dialect =
      cli::add(app, flag::kCsvDialect, f->csv_dialect)->check(cli::one_of(flag::kCsvDialect));
  cli::add(app, flag::kExcel, f->excel)->excludes(dialect);
}

int run(int argc, char** argv) {
  using namespace pantau;
  using namespace pantau::report;
  CLI::App app;
  cli::Diagnostics diag(kInfo.program);
  cli::InputOptions in;
  Flags flags;
  cli::configure_app(app, kInfo);
  cli::add_input_options(app, &in);
  add_flags(app, &flags);
  cli::add_verbosity_options(app, &diag);
  if (auto code = cli::parse_args(app, kInfo, argc, argv)) return *code;

  auto usage_error = [&](const std::string& msg) {
    std::fprintf(stderr, "%s: %s\nUsage: %s\nTry '%s --help' for more information.\n",
                 kInfo.program.c_str(), msg.c_str(), kInfo.synopsis.c_str(), kInfo.program.c_str());
    return cli::kExitUsage;
  };
  Format format = Format::kMarkdown;
  if (!flags.format.empty()) {
    format = *parse_format(flags.format);
  } else if (auto f = format_for_path(flags.output)) {
    format = *f;
  }
  if (flags.partial && !flags.format.empty()) {
    return usage_error("--partial writes a state, not a report: drop --format");
  }
  StateOptions state_options;
  state_options.top = flags.top;
  state_options.new_only = flags.new_only;
  state_options.keep_reported_ids = flags.partial || format == Format::kJson;
  if (!flags.utc_offset.empty()) {
    auto off = parse_utc_offset(flags.utc_offset);
    if (!off) return usage_error("--utc-offset: " + off.error().message);
    state_options.utc_offset = *off;
  }
  ViewOptions view_options;
  view_options.lang = flags.lang == "en" ? Lang::kEn : Lang::kId;
  view_options.title = flags.title;
  view_options.rows = flags.top;
  if (flags.generated_at.empty() || flags.generated_at == "now") {
    view_options.generated_at = format_rfc3339(now_millis() / 1000 * 1000);
  } else if (!flags.generated_at.empty()) {
    auto t = parse_datetime(flags.generated_at);
    if (!t) return usage_error("--generated-at: " + t.error().message);
    view_options.generated_at = format_rfc3339(*t);
  }
  cli::warn_if_stdin_is_terminal(in, diag);

  ReportState state(state_options);
  if (!flags.since_report.empty()) {
    Status s = load_since_report(flags.since_report, &state);
    if (!s.ok()) {
      diag.error(s.message());
      return cli::kExitFailure;
    }
  }

  ReviewBook reviews;
  uint64_t review_errors = 0;
  if (!flags.reviews.empty()) {
    for (const auto& path : flags.reviews) {
      std::vector<std::string> errors;
      Status s = load_reviews(path, &reviews, &errors);
      if (!s.ok()) errors.push_back(s.message());
      for (const auto& e : errors) diag.error(e);
      review_errors += errors.size();
    }
    state.set_reviews(&reviews);
  }

  // Open -o first: a run that cannot write its report should fail before reading everything.
  std::unique_ptr<AtomicFile> file;
  if (!flags.output.empty() && flags.output != "-") {
    auto f = AtomicFile::create(flags.output);
    if (!f) {
      diag.error(f.error().message);
      return cli::kExitFailure;
    }
    file = std::move(*f);
  }
  OutputStream out(file ? file->fd() : STDOUT_FILENO, file ? flags.output : "<stdout>");

  RecordIngester ingester(&state, flags.merge);
  const auto end =
      cli::for_each_line(in, diag, out, [&](const Line& line) { return ingester.ingest(line); });
  if (end == cli::LoopEnd::kInterrupted || end == cli::LoopEnd::kStopped) {
    return cli::finish(out, diag, end);  // no report from part of the input
  }
  state.add_bad_lines(diag.error_count() - review_errors);  // review errors are not input
  if (flags.merge && state.min_partial_top() < flags.top) {
    diag.warning("the partial states kept " + std::to_string(state.min_partial_top()) +
                 " findings per list; the merged top " + std::to_string(flags.top) +
                 " may miss some (run --partial with --top " + std::to_string(flags.top) + ")");
  }

  std::string text;
  if (flags.partial) {
    write_state(state, &text);
  } else {
    const ReportView view = build_view(state, view_options);
    render(view, format, flags.csv_dialect == "rfc4180" ? kRfc4180Csv : kSpreadsheetCsv, &text);
  }
  out.write(text);
  Status flushed = out.flush();
  if (flushed.ok() && file) {
    Status committed = file->commit();
    if (!committed.ok()) {
      diag.error(committed.message());
      return cli::kExitFailure;
    }
  }
  return cli::finish(out, diag, end);
}

}  // namespace

int main(int argc, char** argv) {
  return pantau::cli::run_main(kInfo.program, [&] { return run(argc, argv); });
}
