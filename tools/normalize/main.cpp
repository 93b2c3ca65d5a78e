// pantau-normalize: map raw platform data (and the formats users already have) to post records.
// Thin glue over pantau::normalize::RecordNormalizer: flags in, one call per line, exit code out.
#include <unistd.h>

#include <map>
#include <string>

#include "cli/app.h"
#include "flags.h"
#include "pantau/byte_source.h"
#include "pantau/file_io.h"
#include "pantau/normalize/dehydrate.h"
#include "pantau/normalize/normalizer.h"

namespace {

const pantau::cli::ToolInfo kInfo{
    "pantau-normalize", "pantau-normalize [OPTIONS] [FILE...]",
    "pantau-normalize: map raw platform data to post records\n\n"
    "Examples:\n"
    "  pantau-fetch-accounts accounts.csv | pantau-normalize > posts.ndjson\n"
    "  pantau-normalize --dedup raw-*.ndjson.gz > posts.ndjson\n"
    "  yt-dlp -j URL | pantau-normalize --from yt-dlp\n"
    "  yt-dlp -J https://www.tiktok.com/@user | pantau-normalize\n"
    "  cat *.info.json | pantau-normalize --from yt-dlp\n"
    "  twarc2 flatten tweets.jsonl | pantau-normalize\n"
    "  pantau-normalize --from telegram-export result.json\n"};

// Errors that repeat (every line of a pretty-printed document, every page of the wrong
// --from) are printed a few times, then counted and summed up at the end with a hint, instead
// of flooding stderr.
class ErrorDigest {
 public:
  static constexpr uint64_t kShown = 3;
  void report(pantau::cli::Diagnostics& diag, std::string_view input, uint64_t line,
              const std::string& message) {
    Seen& seen = seen_[shape_of(message)];
    if (++seen.count <= kShown) {
      diag.error_at(input, line, message);
    } else if (seen.first_hidden.empty()) {
      seen.first_hidden = std::string(input) + ":" + std::to_string(line);
    }
  }
  void finish(pantau::cli::Diagnostics& diag) const {
    for (const auto& [shape, seen] : seen_) {
      if (seen.count <= kShown) continue;
      std::string m = "... and " + std::to_string(seen.count - kShown) +
                      " more lines like this (from " + seen.first_hidden + ")";
      if (shape.rfind("invalid JSON", 0) == 0 || shape.rfind("unrecognised input", 0) == 0) {
        m += ": is this a pretty-printed document? pantau-normalize reads one per line unless "
             "its first line opens it; try --from telegram-export, or jq -c . FILE";
      } else if (shape.find("--from") != std::string::npos) {
        m += ": is --from right?";
      }
      diag.error(m);
    }
  }

 private:
  // The message with its numbers (byte offsets, counts) taken out: what makes errors alike.
  static std::string shape_of(const std::string& message) {
    std::string s;
    for (char c : message) {
      if (c >= '0' && c <= '9') {
        if (s.empty() || s.back() != '#') s.push_back('#');
      } else {
        s.push_back(c);
      }
    }
    return s;
  }
  struct Seen {
    uint64_t count = 0;
    std::string first_hidden;  // FILE:LINE of the first one not printed
  };
  std::map<std::string, Seen> seen_;
};

// Reads one whole operand ("-" is stdin) for the whole-document formats.
pantau::Status read_whole(const std::string& path, uint64_t limit, std::string* out,
                          std::string* name) {
  auto src = pantau::open_input(path);
  if (!src) return src.error();
  *name = (*src)->name();
  pantau::Status s = pantau::read_all(**src, limit, out);
  if (s.ok() || s.error().code != pantau::Error::Code::kTooLong) return s;
  return pantau::Error{pantau::Error::Code::kTooLong,
                       *name + ": document longer than --max-line-bytes"};
}

int run(int argc, char** argv) {
  using namespace pantau;
  CLI::App app;
  cli::Diagnostics diag(kInfo.program);
  cli::InputOptions in;
  cli::OutputOptions out_opts;
  std::string from = "auto";
  bool dedup = false;
  bool dehydrate = false;
  cli::configure_app(app, kInfo);
  cli::add_input_options(app, &in);
  cli::add_output_options(app, &out_opts);
  cli::add(app, normalize_flags::kFrom, from)->check(cli::one_of(normalize_flags::kFrom));
  cli::add(app, normalize_flags::kDedup, dedup);
  cli::add(app, normalize_flags::kDehydrate, dehydrate);
  cli::add_verbosity_options(app, &diag);
  if (auto code = cli::parse_args(app, kInfo, argc, argv)) return *code;

  normalize::NormalizeOptions opts;
  opts.from = *normalize::input_format_from_name(from);
  opts.dedup = dedup;
  normalize::RecordNormalizer normalizer(opts);

  OutputStream out(STDOUT_FILENO, "<stdout>", out_opts.line_buffered);
  std::string records;
  normalize::Dehydrator dehydrator;
  // With --dehydrate the records go to the id list, written at the end.
  const auto emit = [&](const std::string& r) {
    if (dehydrate) {
      dehydrator.add(r);
    } else {
      out.write(r);
    }
  };
  ErrorDigest digest;
  cli::LoopEnd end = cli::LoopEnd::kDone;
  if (opts.from == normalize::InputFormat::kTelegramExport ||
      opts.from == normalize::InputFormat::kGalleryDl) {
    // Telegram exports and gallery-dl -j output are one pretty-printed document per file.
    std::vector<std::string> files = in.files.empty() ? std::vector<std::string>{"-"} : in.files;
    for (const auto& f : files) {
      std::string doc, name;
      records.clear();
      Status s = read_whole(f, in.max_line_bytes, &doc, &name);
      if (s.ok()) s = normalizer.normalize_document(doc, opts.from, name, &records);
      emit(records);
      if (!s.ok()) {
        diag.error(name.empty() ? s.message() : name + ": " + s.message());
        if (in.strict) {
          end = cli::LoopEnd::kStopped;
          break;
        }
      }
      if (out.failed()) break;
    }
  } else {
    cli::warn_if_stdin_is_terminal(in, diag);
    in.cut_glued_json = true;  // `cat *.info.json`: one value at a time, not the glued whole
    end = cli::for_each_line(in, diag, out, [&](const Line& line) -> Status {
      records.clear();
      Status s = normalizer.normalize_line(line, &records);
      emit(records);
      if (!normalizer.warning().empty())
        diag.warning_at(line.input, line.number, normalizer.warning());
      if (s.ok() || in.strict) return s;  // --strict: the loop reports it and stops
      digest.report(diag, line.input, line.number, s.message());
      return Status();
    });
  }
  if (end == cli::LoopEnd::kDone) {
    // A pretty-printed document still open at the end was cut short.
    const std::string input(normalizer.document_input());
    const uint64_t at = normalizer.document_line();
    records.clear();
    Status s = normalizer.finish(&records);
    emit(records);
    if (!s.ok()) digest.report(diag, input, at, s.message());
  }
  if (dehydrate) out.write(dehydrator.text());
  digest.finish(diag);
  const auto& st = normalizer.stats();
  // Whenever something was not turned into posts, say what was read and what came of it.
  if (st.anything_lost()) {
    diag.warning("not everything read became posts: " + normalize::summary_of(st));
  } else {
    diag.info(normalize::summary_of(st));
  }
  return cli::finish(out, diag, end);
}

}  // namespace

int main(int argc, char** argv) {
  return pantau::cli::run_main(kInfo.program, [&] { return run(argc, argv); });
}
