// The --dry-run plan: what a run would do, without doing it. Per platform: the accounts, the
// requests and quota units they need, the budget they are held to, and how long that takes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pantau/fetch/account.h"
#include "pantau/fetch/engine.h"
#include "pantau/fetch/state_store.h"

namespace pantau::fetch {

struct PlatformPlan {
  std::string platform;
  int64_t accounts = 0;
  int64_t resuming = 0;  // accounts with an unfinished run to continue
  int64_t requests = 0;
  int64_t units = 0;        // quota units (0 where the platform counts none)
  int64_t units_limit = 0;  // per credential per day (0: none)
  int64_t credentials = 0;
  int64_t fresh = 0;  // accounts polled within --min-interval: no request
  int64_t rate_requests = 0;
  int64_t rate_window_ms = 0;
  double seconds = 0;  // estimated wall time for this platform
  bool supported = true;
  // Why none of these accounts can run (Engine::blocked_reason: no credential, or the adapter's
  // own reason), or "": the real run fails them all.
  std::string blocked;
};

// What the real run would exit with, from the plan alone: 3 when accounts were given and none
// can run, 1 when some cannot (the run fails them), else 0.
int plan_exit_status(const std::vector<PlatformPlan>& plan);

struct PlanOptions {
  int64_t first_run_pages = 5;   // pages assumed for an account never fetched (no --max-pages)
  double latency_seconds = 0.5;  // assumed time per request
  int concurrency = 16;
  int64_t min_interval_ms = 0;  // accounts polled this recently cost nothing (polled_within)
  EpochMillis now = 0;
};

// Builds the plan. `state` may be null (every account counts as never fetched).
std::vector<PlatformPlan> make_plan(const std::vector<Account>& accounts, const Engine& engine,
                                    const CredentialPool& credentials, StateStore* state,
                                    const PlanOptions& options);

// A plain-text table for a person, ending with totals and warnings (quota exceeded).
std::string format_plan(const std::vector<PlatformPlan>& plan, const PlanOptions& options);

}  // namespace pantau::fetch
