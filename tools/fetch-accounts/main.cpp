// pantau-fetch-accounts: collect the posts of registered accounts as raw records.
//
// Glue only: flags in, the registry read by pantau::fetch::read_registry, the run done by
// pantau::fetch::Engine, records out on stdout (errors optionally to --errors FILE), the exit
// code out. See man/pantau-fetch-accounts.1 and docs/fetch.md.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "cli/app.h"
#include "cli/terminal.h"
#include "flags.h"
#include "pantau/fetch/command_transport.h"
#include "pantau/fetch/curl_transport.h"
#include "pantau/fetch/engine.h"
#include "pantau/fetch/exchange_store.h"
#include "pantau/fetch/hydrate_sink.h"
#include "pantau/fetch/manifest_sink.h"
#include "pantau/fetch/options.h"
#include "pantau/fetch/plan.h"
#include "pantau/fetch/recheck.h"
#include "pantau/fetch/registry.h"
#include "pantau/fetch/run_verify.h"
#include "pantau/fetch/shard.h"
#include "pantau/fetch/state_lock.h"
#include "pantau/file_io.h"
#include "pantau/record.h"
#include "pantau/records/review.h"
#include "pantau/sha256.h"
#include "pantau/version.h"

namespace {

using namespace pantau;
using namespace pantau::fetch;

// "Nothing could run": accounts were given but not one could be fetched (no credentials, the
// state database unusable, every account failed, an unreadable registry).
constexpr int kExitNothingRan = 3;
// Another run holds the --state file's lock: try again later (sysexits.h's EX_TEMPFAIL).
constexpr int kExitLocked = 75;

const cli::ToolInfo kInfo{
    "pantau-fetch-accounts", "pantau-fetch-accounts [OPTIONS] [REGISTRY...]",
    "pantau-fetch-accounts: collect new posts of registered accounts as raw records\n\n"
    "Reads the account registry (CSV with Indonesian or English headers, or NDJSON account\n"
    "records) and writes one raw record per API response, with provenance, to stdout.\n\n"
    "Examples:\n"
    "  pantau-fetch-accounts --check accounts.csv           # validate, print account records\n"
    "  pantau-fetch-accounts --dry-run --state s.db accounts.csv\n"
    "  PANTAU_YOUTUBE_API_KEY=k1,k2 pantau-fetch-accounts --state s.db \\\n"
    "      --errors errors.ndjson accounts.csv > raw.ndjson\n"
    "  pantau-fetch-accounts --shard 2/4 --state s2.db accounts.csv | pantau normalize\n"
    "  pantau-fetch-accounts --replay examples/replay examples/accounts.csv\n"
    "  pantau-fetch-accounts --state s.db --recheck flagged.ndjson > recheck.ndjson\n"
    "  pantau-fetch-accounts --hydrate ids.txt > raw.ndjson\n"};

struct Flags {
  bool check = false;
  bool dry_run = false;
  std::string state;
  std::string errors;
  std::string since, until;
  std::string min_interval;
  int64_t max_pages = 0;
  int64_t page_size = 0;
  bool comments = false;
  int64_t comments_per_video = 100;
  std::vector<std::string> platforms;
  std::string shard;
  int concurrency = 16;
  std::vector<std::string> rates;
  std::vector<std::string> quotas;
  int max_attempts = 5;
  double timeout = 60;
  double max_wait = 900;
  std::vector<std::string> api_bases;
  std::string credentials;
  std::string record;
  std::string replay;
  std::vector<std::string> collectors;
  // Trusted time (docs/fetch.md): a manifest of the run, its RFC 3161 timestamp, --verify.
  std::string manifest;
  std::string tsa;
  std::vector<std::string> verify;
  std::string tsa_ca;
  // Lookups by id (docs/fetch.md): --recheck, --hydrate.
  std::string recheck;
  std::string hydrate;
  int64_t max_requests = 0;
  std::vector<std::string> reviews;
};

// Keeps the registry's other records and the accounts `keep` accepts, as they are read (so that
// one shard of a large registry holds its own accounts only: docs/scale.md), and reports bad
// rows as it goes.
class Collector : public RegistryVisitor {
 public:
  Collector(cli::Diagnostics& diag, bool strict, std::function<bool(const Account&)> keep)
      : diag_(diag), strict_(strict), keep_(std::move(keep)) {}

  void account(Account a) override {
    ++accounts_read;
    if (keep_(a)) accounts.push_back(std::move(a));
  }
  bool error(std::string_view input, int64_t row, std::string_view message) override {
    ++errors;
    if (row > 0) {
      diag_.error_at(input, static_cast<uint64_t>(row), message);
    } else if (!input.empty()) {
      diag_.error(std::string(input) + ": " + std::string(message));
    } else {
      diag_.error(message);
    }
    return !strict_;
  }
  void passthrough(const Line& line) override {
    std::string r;
    append_passthrough(line, &r);
    others.push_back(std::move(r));
  }

  std::vector<Account> accounts;
  int64_t accounts_read = 0;  // before --platform and --shard keep some: an empty registry has none
  std::vector<std::string> others;  // records of other kinds, in order
  int64_t errors = 0;

 private:
  cli::Diagnostics& diag_;
  bool strict_;
  std::function<bool(const Account&)> keep_;
};

class StreamSink : public RecordSink {
 public:
  StreamSink(OutputStream& out, OutputStream* errors) : out_(out), errors_(errors) {}
  void raw(std::string_view record) override { out_.write_line(record); }
  void error(std::string_view record) override {
    (errors_ != nullptr ? *errors_ : out_).write_line(record);
  }
  // Status records share stdout with the raw records they come from (pantau-records(5)).
  void status(std::string_view record) override {
    constexpr std::string_view kKey = "\"status\":\"";  // the first: ids before it are escaped
    const size_t at = record.find(kKey);
    if (at != std::string_view::npos) {
      const size_t from = at + kKey.size();
      statuses[std::string(record.substr(from, record.find('"', from) - from))]++;
    }
    out_.write_line(record);
  }
  bool flush() override {
    bool ok = out_.flush().ok();
    if (errors_ != nullptr) ok = errors_->flush().ok() && ok;
    return ok;
  }

 private:
  OutputStream& out_;
  OutputStream* errors_;

 public:
  std::map<std::string, int64_t> statuses;  // status -> records written
};

class ToolObserver : public EngineObserver {
 public:
  ToolObserver(cli::Diagnostics& diag, Clock& clock, bool progress)
      : diag_(diag), clock_(clock), progress_(progress) {}

  void account_failed(const Account& a, std::string_view message) override {
    clear_progress();
    diag_.error(a.key + (a.row > 0 ? " (row " + std::to_string(a.row) + ")" : "") + ": " +
                std::string(message));
  }
  void notice(std::string_view message) override {
    clear_progress();
    diag_.warning(message);
  }
  void progress(const EngineStats& s) override {
    if (!progress_) return;
    const int64_t now = clock_.steady_ms();
    if (now - last_ < 200 && s.accounts_done != s.accounts_total) return;
    last_ = now;
    const std::string line = "\r" + format_progress(s, now) + "\x1b[K";
    ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
    drawn_ = true;
  }
  void clear_progress() {
    if (!drawn_) return;
    ssize_t ignored = ::write(STDERR_FILENO, "\r\x1b[K", 4);
    (void)ignored;
    drawn_ = false;
  }

 private:
  cli::Diagnostics& diag_;
  Clock& clock_;
  bool progress_;
  int64_t last_ = 0;
  bool drawn_ = false;
};

void add_flags(CLI::App& app, Flags& f) {
  namespace flag = pantau::fetch_flags;
  using pantau::cli::add;
  add(app, flag::kCheck, f.check);
  add(app, flag::kDryRun, f.dry_run);
  add(app, flag::kState, f.state);
  add(app, flag::kErrors, f.errors);
  add(app, flag::kSince, f.since);
  add(app, flag::kUntil, f.until);
  add(app, flag::kMinInterval, f.min_interval);
  add(app, flag::kMaxPages, f.max_pages);
  add(app, flag::kPageSize, f.page_size);
  add(app, flag::kComments, f.comments);
  add(app, flag::kCommentsPerVideo, f.comments_per_video);
  add(app, flag::kPlatforms, f.platforms)->delimiter(',')->allow_extra_args(false);
  add(app, flag::kShard, f.shard);
  add(app, flag::kConcurrency, f.concurrency)->check(CLI::Range(1, 1024));
  add(app, flag::kRate, f.rates)->allow_extra_args(false);
  add(app, flag::kQuota, f.quotas)->allow_extra_args(false);
  add(app, flag::kMaxAttempts, f.max_attempts)->check(CLI::Range(1, 100));
  add(app, flag::kTimeout, f.timeout);
  add(app, flag::kMaxWait, f.max_wait);
  add(app, flag::kApiBase, f.api_bases)->allow_extra_args(false);
  add(app, flag::kCredentials, f.credentials);
  add(app, flag::kCollector, f.collectors)->allow_extra_args(false);
  add(app, flag::kRecheck, f.recheck);
  add(app, flag::kHydrate, f.hydrate);
  add(app, flag::kReviews, f.reviews)->allow_extra_args(false);
  add(app, flag::kMaxRequests, f.max_requests)->check(CLI::Range(int64_t{0}, int64_t{1} << 40));
  add(app, flag::kRecord, f.record);
  // Trusted time: one block, see TrustedTime below.
  auto* manifest = add(app, flag::kManifest, f.manifest);
  add(app, flag::kTsa, f.tsa)->needs(manifest);
  auto* verify = add(app, flag::kVerify, f.verify)->expected(2);
  add(app, flag::kTsaCa, f.tsa_ca)->needs(verify);
  add(app, flag::kReplay, f.replay);
}

// Usage errors found after parsing: "PROG: message", usage, exit 2 (like parse_args).
int usage_error(const std::string& message) {
  std::fprintf(stderr, "%s: %s\nUsage: %s\nTry '%s --help' for more information.\n",
               kInfo.program.c_str(), message.c_str(), kInfo.synopsis.c_str(),
               kInfo.program.c_str());
  return cli::kExitUsage;
}

// --verify RAW MANIFEST: prints what holds on stdout, each difference on stderr naming the
// line; exit 0 when everything holds, 1 otherwise.
int run_verify(const Flags& f, cli::Diagnostics& diag) {
  const std::string& raw = f.verify[0];
  auto outcome = verify_run(raw, f.verify[1], f.tsa_ca);
  if (!outcome) {
    diag.error(outcome.error().message);
    return cli::kExitFailure;
  }
  for (const auto& p : outcome->problems) {
    if (p.line > 0) {
      diag.error_at(raw, static_cast<uint64_t>(p.line), p.message);
    } else {
      diag.error(raw + ": " + p.message);
    }
  }
  if (!outcome->token_error.empty()) diag.error(outcome->token_error);
  std::string report = raw + ": " + std::to_string(outcome->lines) + " lines; " + f.verify[1] +
                       ": " + std::to_string(outcome->manifest_lines) + " lines, SHA-256 " +
                       outcome->manifest_sha256 + "\n";
  report += outcome->problems.empty() ? "lines: every line matches, in order\n"
                                      : "lines: " + std::to_string(outcome->problems.size()) +
                                            " differences (see above)\n";
  if (outcome->token) {
    report += "timestamp: " + outcome->token->gen_time + " (token " + outcome->token_path +
              ", serial " + outcome->token->serial + ", policy " + outcome->token->policy +
              (outcome->signature_checked ? ", signature verified against " + f.tsa_ca
                                          : ", over this manifest; signature not checked: give "
                                            "--tsa-ca") +
              ")\n";
  } else if (!outcome->has_token) {
    report += "timestamp: none (" + outcome->token_path + " not found)\n";
  }
  OutputStream out(STDOUT_FILENO, "<stdout>");
  out.write(report);
  const int code = cli::finish(out, diag, cli::LoopEnd::kDone);
  return outcome->ok() ? code : std::max(code, static_cast<int>(cli::kExitFailure));
}

// Writes the manifest of a run and, with --tsa, its timestamp token. false (said on stderr)
// when either could not be written: the raw records are kept either way.
bool write_evidence(const Flags& f, RunManifest& manifest, cli::Diagnostics& diag) {
  manifest.ended_at = format_rfc3339(now_millis() / 1000 * 1000);
  const std::string text = manifest_json(manifest);
  // Atomically (a fresh temporary beside it, fsync, rename): an evidence file is either the
  // whole manifest of this run or the previous one, never half of one.
  if (Status s = write_file_atomic(f.manifest, text); !s.ok()) {
    diag.error("cannot write the manifest: " + s.message());
    return false;
  }
  const std::string digest = sha256_hex(text);
  diag.notice("manifest " + f.manifest + ": " + std::to_string(manifest.lines.size()) +
              " lines, SHA-256 " + digest);
  if (f.tsa.empty()) return true;
  const std::string token_path = timestamp_token_path(f.manifest);
  auto request = make_timestamp_request(digest);
  CurlTransport::Options co;
  co.user_agent = kInfo.program + "/" + kVersion;
  CurlTransport tsa_net(co);
  Result<std::string> reply =
      request ? request_timestamp(tsa_net, f.tsa, *request, static_cast<int64_t>(f.timeout * 1000))
              : Result<std::string>(request.error());
  Result<TokenInfo> info =
      reply ? check_timestamp_reply(*reply, *request) : Result<TokenInfo>(reply.error());
  if (!info) {
    diag.error(info.error().message + "; " + f.manifest +
               " is written without a timestamp token (the raw records are complete)");
    return false;
  }
  if (Status s = write_file_atomic(token_path, *reply); !s.ok()) {
    diag.error("cannot write the timestamp token: " + s.message());
    return false;
  }
  diag.notice("timestamp " + token_path + ": " + info->gen_time + " by " + redact_argument(f.tsa));
  return true;
}

int run(int argc, char** argv) {
  CLI::App app;
  cli::Diagnostics diag(kInfo.program);
  cli::InputOptions in;
  cli::OutputOptions out_opts;
  Flags f;
  cli::configure_app(app, kInfo);
  app.footer(
      "Exit status: 0 ok, 1 some accounts or registry rows failed (or the --manifest or its\n"
      "timestamp could not be written; the records are complete), 2 usage error,\n"
      "3 nothing could run (no account could be fetched, or an empty registry),\n"
      "75 the --state file is in use by another run (try later), 130 interrupted (SIGINT),\n"
      "143 terminated (SIGTERM; the state is saved first).\n"
      "Records are documented in pantau-records(5); see also pantau-fetch-accounts(1).");
  cli::add_input_options(app, &in);
  cli::add_output_options(app, &out_opts);
  cli::add_verbosity_options(app, &diag);
  add_flags(app, f);
  if (auto code = cli::parse_args(app, kInfo, argc, argv)) return *code;
  if (!f.verify.empty()) return run_verify(f, diag);
  if (!f.manifest.empty() && (f.check || f.dry_run))
    return usage_error("--manifest records a fetch run: not with --check or --dry-run");
  RunManifest manifest;
  if (!f.manifest.empty()) {
    manifest.tool = kInfo.program + " " + kVersion;
    manifest.started_at = format_rfc3339(now_millis() / 1000 * 1000);
    for (int i = 0; i < argc; ++i) manifest.argv.push_back(redact_argument(argv[i]));
    manifest.shard = f.shard;
    for (const auto& file : in.files) {
      auto bytes = file == "-" ? Result<std::string>(Error::io("stdin")) : read_whole_file(file);
      manifest.registry.emplace_back(file, bytes ? sha256_hex(*bytes) : std::string());
    }
  }

  // Everything that can be checked before reading the registry.
  EngineOptions eo;
  eo.concurrency = f.concurrency;
  eo.retry.max_attempts = f.max_attempts;
  eo.retry.max_retry_after_ms = static_cast<int64_t>(f.max_wait * 1000);
  eo.timeout_ms = static_cast<int64_t>(f.timeout * 1000);
  eo.tool_name = kInfo.program;
  eo.tool_version = kInfo.program + " " + kVersion;
  eo.task.max_pages = f.max_pages;
  eo.task.page_size = f.page_size;
  eo.task.comments = f.comments;
  eo.task.comments_per_video = f.comments_per_video;
  eo.placeholder_credentials = !f.replay.empty();
  if (f.timeout <= 0 || f.max_wait < 0)
    return usage_error("--timeout and --max-wait must be positive");
  if (!f.since.empty()) {
    auto t = parse_time_bound(f.since);
    if (!t) return usage_error("--since: " + t.error().message);
    eo.task.since = *t;
  }
  if (!f.until.empty()) {
    auto t = parse_time_bound(f.until);
    if (!t) return usage_error("--until: " + t.error().message);
    eo.task.until = *t;
  }
  if (!f.min_interval.empty()) {
    auto d = parse_duration(f.min_interval);
    if (!d) return usage_error("--min-interval: " + d.error().message);
    if (*d > 0 && f.state.empty()) {
      return usage_error("--min-interval needs --state (it reads when each account was polled)");
    }
    eo.min_interval_ms = *d;
  }
  for (const auto& r : f.rates) {
    auto pv = parse_platform_value(r);
    if (!pv) return usage_error("--rate: " + pv.error().message);
    auto spec = parse_rate(pv->second);
    if (!spec) return usage_error("--rate: " + spec.error().message);
    eo.rates[pv->first].requests = spec->requests;
    eo.rates[pv->first].window_ms = spec->window_ms;
  }
  for (const auto& q : f.quotas) {
    auto pv = parse_platform_value(q);
    if (!pv) return usage_error("--quota: " + pv.error().message);
    int64_t units = 0;
    auto [p, ec] = std::from_chars(pv->second.data(), pv->second.data() + pv->second.size(), units);
    if (ec != std::errc() || units <= 0)
      return usage_error("--quota: units must be a positive number");
    auto& spec = eo.rates[pv->first];
    spec.units_per_day = units;
  }
  for (const auto& b : f.api_bases) {
    auto pv = parse_platform_value(b);
    if (!pv) return usage_error("--api-base: " + pv.error().message);
    eo.api_base[pv->first] = pv->second;
  }
  std::set<std::string> only;
  for (const auto& p : f.platforms) {
    std::string c = canonical_platform(p);
    if (c.empty()) return usage_error("--platforms: unknown platform '" + p + "'");
    only.insert(c);
  }
  Shard shard;
  if (!f.shard.empty()) {
    auto s = parse_shard(f.shard);
    if (!s) return usage_error("--shard: " + s.error().message);
    shard = *s;
  }
  if (!f.record.empty() && !f.replay.empty())
    return usage_error("--record and --replay exclude each other");
  if (f.check && f.dry_run) return usage_error("--check and --dry-run exclude each other");
  // --recheck and --hydrate look posts up by id (recheck.h) instead of crawling a registry.
  const bool lookup_mode = !f.recheck.empty() || !f.hydrate.empty();
  if (!f.recheck.empty() && !f.hydrate.empty())
    return usage_error("--recheck and --hydrate exclude each other");
  if (lookup_mode && (f.check || !f.collectors.empty() || !in.files.empty()))
    return usage_error(
        "--recheck and --hydrate read their FILE: no registry, --check or --collector");
  if (!lookup_mode && f.max_requests > 0)
    return usage_error("--max-requests applies to --recheck and --hydrate");
  if (f.recheck.empty() && !f.reviews.empty()) return usage_error("--reviews applies to --recheck");

  // Collectors: the template is split here (a usage error if malformed); the version is asked
  // once, for provenance, unless replaying.
  std::vector<CollectorSpec> collectors;
  for (const auto& c : f.collectors) {
    auto pv = parse_platform_value(c);
    if (!pv) return usage_error("--collector: " + pv.error().message);
    auto words = split_command_template(pv->second);
    if (!words) return usage_error("--collector: " + words.error().message);
    CollectorSpec spec{pv->first, std::move(*words), "unknown"};
    if (f.replay.empty()) {
      auto v = command_first_line({spec.argv[0], "--version"}, 10000);
      if (v) {
        spec.version = *v;
      } else {
        diag.warning("--collector " + spec.argv[0] + ": no version (" + v.error().message + ")");
      }
    }
    collectors.push_back(std::move(spec));
  }

  CredentialPool creds;
  if (!f.credentials.empty() && f.replay.empty()) {
    Status s = creds.load_file(f.credentials);
    if (!s.ok()) {
      diag.error(s.message());
      return kExitNothingRan;
    }
  }
  cli::warn_if_stdin_is_terminal(in, diag);
  const auto wanted = [&only, &shard](const Account& a) {
    return (only.empty() || only.count(a.platform) != 0) && in_shard(a.key, shard);
  };
  Collector registry(diag, in.strict, wanted);
  RegistryOptions ro;
  ro.max_line_bytes = static_cast<size_t>(in.max_line_bytes);
  ro.checks_duplicates = wanted;
  if (!lookup_mode) (void)read_registry(in.files, ro, registry);
  // A registry emptied by mistake (a spreadsheet exported with its header only) must not look
  // like a quiet, successful run to a scheduler: nothing can run, whatever the mode. Checked
  // after the usage errors, which come first.
  const auto empty_registry = [&] {
    if (lookup_mode) return false;  // no open finding to recheck is a quiet, successful run
    if (registry.accounts_read != 0 || !registry.others.empty() || registry.errors != 0) {
      return false;
    }
    std::string names;
    for (const auto& file : in.files) names += (names.empty() ? "" : ", ") + file;
    if (names.empty() || names == "-") names = "<stdin>";
    diag.error(names + ": no accounts: the registry is empty or has only its header row");
    return true;
  };
  std::vector<Account> accounts = std::move(registry.accounts);

  OutputStream out(STDOUT_FILENO, "<stdout>", out_opts.line_buffered);
  if (f.check) {
    if (empty_registry()) return kExitNothingRan;
    for (const auto& r : registry.others) out.write_line(r);
    for (const auto& a : accounts) out.write_line(records::account_record(a));
    return cli::finish(out, diag, cli::LoopEnd::kDone);
  }
  for (const auto& r : registry.others) {
    out.write_line(r);
    if (!f.manifest.empty()) manifest.add_line(r);
  }

  std::unique_ptr<StateStore> state;
  std::unique_ptr<StateLock> state_lock;  // held until the run ends (a dry run only reads)
  if (!f.state.empty() && !f.dry_run) {
    auto held = StateLock::try_acquire(f.state, SystemClock().wall_ms());
    if (!held) {
      diag.error(held.error().message);
      return kExitNothingRan;
    }
    if (!held->lock) {
      diag.error(f.state + ": in use by another run (" + held->holder +
                 "); not started, try again later");
      return kExitLocked;
    }
    state_lock = std::move(held->lock);
  }
  if (!f.state.empty()) {
    auto s = StateStore::open(f.state);
    if (!s) {
      diag.error(s.error().message);
      return kExitNothingRan;
    }
    state = std::move(*s);
  }

  // Recheck/hydrate: the ids, in request batches that stand in for the registry's accounts.
  RecheckPlan lookup_plan;
  std::map<std::string, RecheckItem> lookup_items;
  std::string run_tag;
  const std::string rotation_key = f.hydrate.empty() ? "recheck-rotation" : "hydrate-rotation";
  int64_t rotation = 0;
  if (lookup_mode) {
    const std::string& file = f.recheck.empty() ? f.hydrate : f.recheck;
    RecheckInput input = read_recheck_input(
        {file}, static_cast<size_t>(in.max_line_bytes),
        [&](std::string_view input_name, int64_t line, std::string_view message) {
          diag.error_at(input_name, static_cast<uint64_t>(line), message);
        });
    // Findings staff dismissed are closed: not asked about again.
    records::ReviewBook reviews;
    for (const auto& review_file : f.reviews) {
      std::vector<std::string> line_errors;
      Status loaded = records::load_reviews(review_file, &reviews, &line_errors);
      for (const auto& e : line_errors) diag.error(e);
      if (!loaded.ok()) {
        diag.error(loaded.message());
        return kExitNothingRan;
      }
    }
    int64_t dismissed = 0;
    std::erase_if(input.items, [&](const RecheckItem& it) {
      const records::Review* r = reviews.find(it.id);
      const bool closed = r != nullptr && r->decision == records::Decision::kDismissed;
      dismissed += closed ? 1 : 0;
      return closed;
    });
    if (dismissed > 0) diag.info(std::to_string(dismissed) + " dismissed findings not rechecked");
    for (const auto& it : input.items) lookup_items.emplace(it.id, it);
    std::vector<RecheckItem> items = std::move(input.items);
    // A budget checks the ids in turns: each run starts where the last one stopped.
    if (f.max_requests > 0 && state && !items.empty()) {
      auto st = state->load(rotation_key);
      if (st) rotation = st->cursor_page;
      const auto at = static_cast<size_t>(rotation % static_cast<int64_t>(items.size()));
      std::rotate(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(at), items.end());
    }
    lookup_plan = plan_recheck(std::move(items), f.max_requests);
    auto tag =
        begin_recheck_run(state.get(), lookup_plan.run_key, SystemClock().wall_ms(), f.dry_run);
    if (!tag) {
      diag.error(tag.error().message);
      return kExitNothingRan;
    }
    run_tag = *tag;
    accounts = lookup_plan.batches;
    if (!lookup_plan.deferred.empty()) {
      diag.notice(std::to_string(lookup_plan.deferred.size()) +
                  " ids over --max-requests are left for the next run");
    }
  }

  std::unique_ptr<Transport> transport;
  std::unique_ptr<CurlTransport> network;
  std::unique_ptr<CommandTransport> commands;
  std::unique_ptr<MuxTransport> mux;
  Clock* replay_clock = nullptr;
  if (!f.replay.empty()) {
    auto r = ReplayTransport::open(f.replay);
    if (!r) {
      diag.error(r.error().message);
      return kExitNothingRan;
    }
    replay_clock = &(*r)->clock();
    transport = std::move(*r);
  } else {
    CurlTransport::Options co;
    co.user_agent = kInfo.program + "/" + kVersion;
    network = std::make_unique<CurlTransport>(co);
    commands = std::make_unique<CommandTransport>();
    mux = std::make_unique<MuxTransport>(*network, *commands);
    if (!f.record.empty()) {
      transport = std::make_unique<RecordingTransport>(*mux, f.record);
    }
  }
  Transport& net = transport ? *transport : *mux;
  // A replay runs in the recording's virtual time (clock.h), a live run in real time.
  SystemClock system_clock;
  Clock& clock = replay_clock != nullptr ? *replay_clock : system_clock;

  std::unique_ptr<OutputStream> errors_out;
  int errors_fd = -1;
  if (!f.errors.empty()) {
    errors_fd = ::open(f.errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (errors_fd < 0) {
      diag.error(f.errors + ": " + std::strerror(errno));
      return kExitNothingRan;
    }
    errors_out = std::make_unique<OutputStream>(errors_fd, f.errors, true);
  }
  StreamSink stream_sink(out, errors_out.get());
  // The manifest sees every line as it is written to stdout; --hydrate keeps status records
  // off stdout, so it sits in front of the manifest.
  ManifestSink manifest_sink(stream_sink, manifest, errors_out == nullptr);
  RecordSink& written = f.manifest.empty() ? static_cast<RecordSink&>(stream_sink) : manifest_sink;
  std::unique_ptr<HydrateSink> hydrate_sink;
  if (!f.hydrate.empty()) {
    hydrate_sink = std::make_unique<HydrateSink>(
        written, kInfo.program, lookup_items,
        [&diag](const RecheckItem& item, std::string_view status, std::string_view reason) {
          diag.warning_at(item.input, static_cast<uint64_t>(item.line),
                          item.id + ": not rebuilt: " + std::string(status) +
                              (reason.empty() ? "" : " (" + std::string(reason) + ")"));
        });
  }
  RecordSink& sink = hydrate_sink ? static_cast<RecordSink&>(*hydrate_sink) : written;
  const bool show_progress = cli::progress_enabled() && !f.dry_run;
  ToolObserver observer(diag, clock, show_progress);

  auto adapters = make_adapters();
  if (lookup_mode) adapters = make_recheck_adapters(std::move(adapters), lookup_plan, run_tag);
  // A collector configured for a platform replaces its API adapter (it comes later).
  for (auto& c : collectors) adapters.push_back(make_command_adapter(std::move(c)));
  Engine engine(eo, std::move(adapters), net, creds, state.get(), clock, sink, observer);
  Status cs = engine.configure();
  if (!cs.ok()) return usage_error(cs.message());
  if (empty_registry()) return kExitNothingRan;

  if (f.dry_run) {
    PlanOptions po;
    po.concurrency = f.concurrency;
    po.min_interval_ms = eo.min_interval_ms;
    po.now = clock.wall_ms();
    const auto plan = make_plan(accounts, engine, creds, state.get(), po);
    if (lookup_mode) {
      diag.notice(std::to_string(lookup_items.size()) + " ids in " +
                  std::to_string(lookup_plan.batches.size()) + " lookup requests (the accounts " +
                  "column counts requests); " + std::to_string(lookup_plan.unsupported.size()) +
                  " on platforms without a lookup, " + std::to_string(lookup_plan.deferred.size()) +
                  " left for a later run");
    }
    out.write(format_plan(plan, po));
    const int code = cli::finish(out, diag, cli::LoopEnd::kDone);
    // Exit as the real run would: a scheduler's pre-flight check must not pass a run that
    // then fails for want of a credential.
    return code == cli::kExitOk || code == cli::kExitFailure
               ? std::max(code, plan_exit_status(plan))
               : code;
  }

  for (const auto& item : lookup_plan.unsupported) {
    sink.status(unsupported_status(item, clock.wall_ms()));
  }
  if (!lookup_plan.unsupported.empty()) {
    diag.warning(std::to_string(lookup_plan.unsupported.size()) +
                 " ids are on platforms without a lookup: status unknown");
  }
  RunResult result = engine.run(accounts, [] { return cli::interrupted(); });
  if (lookup_mode && result.end == RunEnd::kDone) {
    Status ended = end_recheck_run(state.get(), lookup_plan.run_key);
    if (ended.ok() && state && f.max_requests > 0) {
      auto st = state->load(rotation_key);
      if (st) {
        int64_t checked = 0;
        for (const auto& [key, its] : lookup_plan.items)
          checked += static_cast<int64_t>(its.size());
        st->cursor_page = rotation + checked;
        ended = state->save(rotation_key, *st);
      }
    }
    if (!ended.ok()) diag.error("state not saved: " + ended.message());
  }
  observer.clear_progress();
  const bool evidence_ok = f.manifest.empty() || write_evidence(f, manifest, diag);
  if (errors_out) {
    (void)errors_out->flush();
    if (errors_out->failed()) diag.error(errors_out->status().message());
    ::close(errors_fd);
  }
  if (auto* rec = dynamic_cast<RecordingTransport*>(transport.get()); rec && !rec->status().ok()) {
    diag.error("--record: " + rec->status().message());
  }
  const EngineStats& st = result.stats;
  // Retries and waits would otherwise be invisible without -v, and the progress line is gone.
  if (!f.recheck.empty()) {
    std::string counts;
    for (const auto& [name, n] : stream_sink.statuses) {
      counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + name;
    }
    diag.notice("recheck: " + std::to_string(lookup_items.size()) + " ids" +
                (counts.empty() ? "" : ": " + counts) + "; " + std::to_string(st.requests) +
                " requests, " + std::to_string(st.retries) + " retries, " +
                std::to_string(st.rate_waits) + " waits");
  } else if (hydrate_sink) {
    diag.notice("hydrate: " + std::to_string(lookup_items.size()) +
                " ids: " + std::to_string(hydrate_sink->rebuilt()) + " rebuilt, " +
                std::to_string(hydrate_sink->missing()) + " gone, " +
                std::to_string(hydrate_sink->unknown()) + " not checked; " +
                std::to_string(st.requests) + " requests");
  } else {
    diag.notice(format_summary(st));
  }
  cli::LoopEnd end = cli::LoopEnd::kDone;
  if (result.end == RunEnd::kInterrupted) end = cli::LoopEnd::kInterrupted;
  if (result.end == RunEnd::kOutputFailed) {
    end = out.status().ok() || out.status().error().code == Error::Code::kBrokenPipe
              ? cli::LoopEnd::kOutputClosed
              : cli::LoopEnd::kOutputFailed;
  }
  const int code = cli::finish(out, diag, end);
  if (end != cli::LoopEnd::kDone || out.failed()) return code;
  // Accounts were asked for and not one could be fetched: tell the scheduler plainly.
  const int64_t runnable = st.accounts_total - st.accounts_skipped;
  // (Accounts polled within --min-interval are fine: nothing was due.)
  if (st.accounts_total > 0 && st.accounts_ok == 0 && st.accounts_fresh == 0) {
    return kExitNothingRan;
  }
  if (st.accounts_total == 0 && registry.errors > 0) return kExitNothingRan;
  (void)runnable;
  // Accounts of a platform stopped for want of a credential (or its quota) failed too, though
  // the engine says so once per platform rather than once per account.
  if (st.accounts_failed > 0 || !lookup_plan.unsupported.empty())
    return std::max(code, static_cast<int>(cli::kExitFailure));
  // The raw records are fine, their manifest or timestamp is missing: a failure, nothing lost.
  return evidence_ok ? code : std::max(code, static_cast<int>(cli::kExitFailure));
}

}  // namespace

int main(int argc, char** argv) {
  return pantau::cli::run_main(kInfo.program, [&] { return run(argc, argv); });
}
