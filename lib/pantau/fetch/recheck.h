// Recheck: asks each platform again, by id, for posts fetched before, and says for each one
// whether it is still there, edited, deleted, no longer visible or its account gone (a "status"
// record, pantau-records(5)); hydrate rebuilds raw records from a list of ids the same way.
//
// It runs on the fetch Engine like a registry crawl, so budgets, retries, Retry-After,
// credentials, quota, state, failure isolation and --dry-run are the same: every request batch
// (up to the platform's lookup limit, lookup.h) is an Account with lookup_batch set, whose task
// makes one request. The response is kept as a raw record like any other, followed by one status
// record per id of the batch; a batch that fails for good gets "unknown" for each of its ids, so
// every id read gets exactly one status record in a run that ends.
//
// Resume: the run is remembered in the state (key "recheck-run:" + a digest of the ids) until it
// ends; a batch whose answer was written in this run is saved with the run's tag, and a run
// restarted after kill -9 with the same ids (and state) skips those batches. As with a crawl,
// the batch in flight at the kill may be written twice; the later status record supersedes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pantau/fetch/account.h"
#include "pantau/fetch/adapter.h"
#include "pantau/fetch/recheck_item.h"
#include "pantau/fetch/state_store.h"
#include "pantau/result.h"

namespace pantau::fetch {

struct RecheckPlan {
  std::vector<Account> batches;                           // one per request, in input order
  std::map<std::string, std::vector<RecheckItem>> items;  // batch key -> its ids
  std::vector<RecheckItem> unsupported;  // platforms without a lookup (docs/fetch.md)
  std::vector<RecheckItem> deferred;     // over the request budget: left for the next run
  std::string run_key;                   // the state key of this run (digest of every id)
};

// Splits `items` per platform (and lookup group) into batches at the lookup's limit, in input
// order. At most `max_requests` batches (0: no limit); the items of the rest are deferred.
RecheckPlan plan_recheck(std::vector<RecheckItem> items, int64_t max_requests);

// The status record of an id whose platform has no lookup: "unknown", saying so.
std::string unsupported_status(const RecheckItem& item, EpochMillis now);

// The tag of the recheck run `run_key` that a killed run left unfinished in `state`, or a new
// tag for a run starting at `now`, saved unless `dry_run`. No state: always a new tag.
Result<std::string> begin_recheck_run(StateStore* state, const std::string& run_key,
                                      EpochMillis now, bool dry_run);
// The run ended (not interrupted): the next run with the same ids checks them all again.
Status end_recheck_run(StateStore* state, const std::string& run_key);

// The engine's adapters for a recheck: one per platform that has a lookup, each taking its
// credentials, budget, base URL and error classification from the platform's fetch adapter
// (from `platform_adapters`). `plan` must outlive them.
std::vector<std::unique_ptr<Adapter>> make_recheck_adapters(
    std::vector<std::unique_ptr<Adapter>> platform_adapters, const RecheckPlan& plan,
    const std::string& run_tag);

}  // namespace pantau::fetch
