// pantau-report: turns classified posts into reports (Markdown, HTML, CSV, JSON) or into a
// partial state that --merge combines with others. Flags in, the report library in a loop, an
// exit code out; everything else lives in lib/pantau/report/.
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/app.h"
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
  app.add_option("-f,--format", f->format,
                 "md, html, csv or json (default: from the -o extension, else md)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"md", "markdown", "html", "csv", "json"}));
  app.add_option("-o,--output", f->output,
                 "Write to FILE atomically (temporary file, then rename) instead of stdout")
      ->type_name("FILE");
  app.add_option("--lang", f->lang, "Language of headings and label names: id (default) or en")
      ->type_name("LANG")
      ->check(CLI::IsMember({"id", "en"}));
  app.add_option("--top", f->top,
                 "Findings kept per list, and rows per ranked table (default 50); memory "
                 "grows with N")
      ->type_name("N")
      ->check(CLI::Range(size_t{0}, size_t{10'000'000}));
  auto* partial =
      app.add_flag("--partial", f->partial, "Write the aggregate state as NDJSON, for --merge");
  auto* merge = app.add_flag("--merge", f->merge,
                             "Inputs are --partial states (from many shards); report on all");
  partial->excludes(merge);
  auto* since = app.add_option("--since-report", f->since_report,
                               "Mark findings not in this previous JSON report or state as new")
                    ->type_name("FILE");
  app.add_flag("--new-only", f->new_only, "With --since-report: keep only the new findings")
      ->needs(since);
  app.add_option("--reviews", f->reviews,
                 "Staff's decisions: a findings CSV with keputusan/alasan/peninjau filled in, "
                 "or review NDJSON records; repeat for more files (the latest decision wins)")
      ->type_name("FILE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->excludes(partial);
  app.add_option("--generated-at", f->generated_at,
                 "The generation time printed in the report (RFC 3339, or 'now', the default); "
                 "give a fixed time for reproducible reports")
      ->type_name("TIME");
  app.add_option("--utc-offset", f->utc_offset,
                 "Group days at this offset (e.g. +08:00); default: the account region's zone "
                 "(WIB/WITA/WIT), else UTC")
      ->type_name("OFFSET");
  app.add_option("--title", f->title, "Report title (default: the language's standard title)")
      ->type_name("TEXT");
  auto* dialect =
      app.add_option("--csv-dialect", f->csv_dialect,
                     "CSV for a spreadsheet (excel, the default: ';', UTF-8 BOM, formula guard, "
                     "ids as text) or for tools (rfc4180: ',', no BOM, cells as they are)")
          ->type_name("DIALECT")
          ->check(CLI::IsMember({"excel", "rfc4180"}));
  app.add_flag("--excel", f->excel, "Same as --csv-dialect excel (the default)")->excludes(dialect);
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
