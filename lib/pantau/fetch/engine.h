// Engine: fetches every account of a registry with many requests in flight, within each
// platform's budget, retrying what is transient, isolating what fails, and checkpointing
// progress so an interrupted run resumes where it stopped.
//
// Contract with the caller:
//  - Records come out through RecordSink: a "raw" record for every response an adapter keeps,
//    an "error" record for every account that fails (and for accounts that cannot run).
//  - State is saved only after RecordSink::flush() returned true for the records it covers.
//    Hence after Ctrl-C or kill -9 at most the page in flight (and the responses belonging to
//    it, e.g. YouTube's videos.list for that page) is written again by the next run; the posts
//    in it are removed by `pantau normalize --dedup`.
//  - One account's failure never stops the others. An authentication failure retires that
//    credential; an exhausted quota moves to the next credential, and when none is left the
//    platform stops (its accounts get retryable error records, their state is kept).
//  - The library prints nothing; EngineObserver receives what a tool may want to say.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/fetch/account.h"
#include "pantau/fetch/adapter.h"
#include "pantau/fetch/clock.h"
#include "pantau/fetch/credentials.h"
#include "pantau/fetch/http.h"
#include "pantau/fetch/retry.h"
#include "pantau/fetch/state_store.h"
#include "pantau/result.h"

namespace pantau::fetch {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void raw(std::string_view record) = 0;
  virtual void error(std::string_view record) = 0;
  // A "status" record of a recheck (by default on the raw records' stream).
  virtual void status(std::string_view record) { raw(record); }
  // Pushes everything written so far to its destination. false: the output failed (closed pipe,
  // full disk); the engine stops at once without saving more state.
  virtual bool flush() = 0;
};

struct EngineStats {
  int64_t accounts_total = 0;  // accounts handed to run()
  int64_t accounts_done = 0;   // finished, whichever way
  int64_t accounts_ok = 0;
  int64_t accounts_failed = 0;   // got an error record (including platforms that stopped)
  int64_t accounts_skipped = 0;  // no adapter for their platform
  int64_t accounts_fresh = 0;    // polled within --min-interval: not polled again
  int64_t posts = 0;             // items in the kept responses
  int64_t requests = 0;          // HTTP requests started
  int64_t retries = 0;
  int64_t rate_waits = 0;  // times a request waited for a budget or Retry-After
  int64_t raw_records = 0;
  int64_t started_ms = 0;  // steady clock at the start
};

class EngineObserver {
 public:
  virtual ~EngineObserver() = default;
  // One account failed (message has no secrets); the run goes on.
  virtual void account_failed(const Account& /*account*/, std::string_view /*message*/) {}
  // Something the user should know: a credential retired, a platform stopped or skipped.
  virtual void notice(std::string_view /*message*/) {}
  // Called after each completed request and account.
  virtual void progress(const EngineStats& /*stats*/) {}
};

struct EngineOptions {
  int concurrency = 16;
  RetryPolicy retry;
  int64_t timeout_ms = 60000;
  int64_t connect_timeout_ms = 10000;
  TaskConfig task;                              // base_url is set per platform
  std::map<std::string, std::string> api_base;  // platform -> base URL (tests, proxies)
  std::map<std::string, RateSpec> rates;        // platform -> budget override
  std::string tool_name = "pantau-fetch-accounts";
  std::string tool_version = "pantau-fetch-accounts 0.0.0";
  uint64_t seed = 0;                     // jitter seed; 0: from the clock
  bool placeholder_credentials = false;  // --replay: requests carry "REPLAY" instead of a key
  int64_t min_interval_ms = 0;           // skip accounts polled this recently (polled_within)
};

enum class RunEnd { kDone, kInterrupted, kOutputFailed };

struct RunResult {
  RunEnd end = RunEnd::kDone;
  EngineStats stats;
  Status state_error;  // the first state-database failure, if any (the run went on)
};

class Engine {
 public:
  Engine(EngineOptions options, std::vector<std::unique_ptr<Adapter>> adapters,
         Transport& transport, CredentialPool& credentials, StateStore* state, Clock& clock,
         RecordSink& sink, EngineObserver& observer);
  ~Engine();

  // Checks the configuration: API bases must be https, or http to a loopback address; rates
  // must be positive. Loads credentials from the environment for platforms without any, and
  // today's quota usage from the state. Errors are usage errors.
  Status configure();

  // Fetches `accounts` (which must outlive the call). `stop_requested` is polled between
  // transfers (Ctrl-C): in-flight transfers are abandoned, nothing more is written.
  RunResult run(const std::vector<Account>& accounts, const std::function<bool()>& stop_requested);

  // The adapter for `platform`, or nullptr (for --dry-run and --check).
  Adapter* adapter_for(std::string_view platform) const;
  // The settings a platform's tasks get (after configure()).
  TaskConfig task_config_for(std::string_view platform) const;
  RateSpec rate_for(std::string_view platform) const;
  // Why none of `platform`'s accounts can run, or "" when they can: no credential for a platform
  // that needs one, or the adapter's own reason (Adapter::unusable_reason). run() stops such a
  // platform at its start; --dry-run asks the same question so that it exits as the run would.
  std::string blocked_reason(std::string_view platform) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks an API base URL: https anywhere, http only to loopback. Returns the base without a
// trailing slash.
Result<std::string> check_api_base(std::string_view url);

}  // namespace pantau::fetch
