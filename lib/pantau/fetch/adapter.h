// Adapter: everything platform-specific about fetching one platform's accounts, behind one small
// interface so that adding a platform means adding one file (plus its tests and a line in
// adapters.cpp).
//
// The engine owns I/O, scheduling, budgets, retries, credentials, state and output. An adapter
// only says which request comes next for an account (AccountTask::next_call), reads what it
// needs from a successful response (on_response: ids, times, the next cursor, whether to stop),
// and classifies the platform's error responses (classify). AccountTask keeps its progress in an
// AccountState, which the engine persists after each checkpoint.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/fetch/account.h"
#include "pantau/fetch/account_state.h"
#include "pantau/fetch/http.h"
#include "pantau/result.h"
#include "pantau/time.h"

namespace pantau::fetch {

// One request an account's crawl needs. The URL carries no credential: the engine adds it
// (AuthSpec) and redacts it again for the raw record.
struct ApiCall {
  std::string endpoint;  // the documented endpoint name ("playlistItems", "statuses", ...)
  std::string url;       // absolute URL, without credentials
  std::string cursor;    // the page token/cursor that requested this page ("" for the first)
  int64_t page = 1;      // the listing page this call belongs to (1-based, per account run)
  int64_t units = 1;     // quota units it costs (YouTube counts units, not requests)
  Headers headers;       // extra request headers (never secrets), e.g. content-type
  std::string method = "GET";
  std::string body{};  // request body (never secrets), e.g. TikTok's JSON query
};

struct CallOutcome {
  bool emit = true;         // write the response as a raw record
  int64_t items = 0;        // posts (or comments) in it, for progress and the summary
  bool checkpoint = false;  // state() is now a consistent resume point: persist it after the
                            // raw record is written
  std::optional<int> record_status;  // the raw record's "status" when it is not the HTTP
                                     // status (a collector's exit status)
  Headers extra_headers;             // added to the raw record's headers (collector version)
  // A recheck lookup's verdicts: "status" records (pantau-records(5)), written right after the
  // raw record they come from and covered by the same checkpoint.
  std::vector<std::string> statuses{};
};

// How a non-2xx response should be handled.
enum class Failure {
  kRetry,        // transient (5xx, 408): back off and try again
  kRateLimited,  // 429 / rate-limit reasons: wait (Retry-After) and try again
  kAuth,         // the credential is rejected: stop using it
  kQuota,        // the credential's quota is used up: move to the next one
  kNotFound,     // the account (or object) does not exist: not retryable
  kPermanent,    // any other client error: this account fails, the run goes on
};

// How requests are authenticated.
// kClientCredentials: the OAuth 2.0 client-credentials grant (RFC 6749 4.4). The engine POSTs
// "<client_id_param>=KEY&client_secret=SECRET&grant_type=client_credentials" to
// base_url + token_path, keeps the access token in memory per credential (access_token.h) and
// sends it as a bearer token.
struct AuthSpec {
  enum class Style { kNone, kQueryParam, kBearer, kClientCredentials };
  Style style = Style::kNone;
  std::string param;      // kQueryParam: the parameter name ("key")
  std::string env;        // environment variable with the secret(s), comma-separated
                          // (kClientCredentials: the client key(s))
  bool required = false;  // false: used when present, public access otherwise
  // kClientCredentials only. (Initialized so that {style, param, env, required} stays complete.)
  std::string secret_env{};       // variable with the client secret(s), paired with env's keys
  std::string token_path{};       // "/v2/oauth/token/", below the platform's base URL
  std::string client_id_param{};  // "client_id" (RFC 6749); TikTok: "client_key"
};

// A request budget: at most `requests` per `window_ms` per credential and host, and at most
// `units_per_day` quota units per credential (0: no unit quota) per quota day. A quota day starts
// at midnight at UTC offset `quota_day_utc_offset_s`, the platform's reset: YouTube resets at
// midnight Pacific time (UTC-8 all year errs on the safe side: in summer our day ends an hour
// after Google's), TikTok's Research API at 00:00 UTC.
struct RateSpec {
  int64_t requests = 0;
  int64_t window_ms = 1000;
  int64_t units_per_day = 0;
  int quota_day_utc_offset_s = -8 * 3600;
};

// Per-run settings every adapter honours.
struct TaskConfig {
  std::string base_url;          // API base for this platform (default or --api-base)
  bool base_overridden = false;  // Mastodon: use base_url instead of the account's instance
  EpochMillis since = 0;         // oldest item wanted (0: back to the high-water mark)
  EpochMillis until = 0;         // newest item wanted (0: now)
  int64_t max_pages = 0;         // listing pages per account per run (0: no limit)
  int64_t page_size = 0;         // items per page (0: the platform's maximum)
  bool comments = false;         // also fetch comments where the adapter can (YouTube)
  int64_t comments_per_video = 100;
  EpochMillis now = 0;  // wall clock when the run was configured (TikTok's date windows)
};

// One account's crawl for one run.
class AccountTask {
 public:
  virtual ~AccountTask() = default;
  // The next request, or nullopt when the account is done for this run.
  virtual std::optional<ApiCall> next_call() = 0;
  // Reads a 2xx response to the last call. Errors: kNotFound (the account does not exist, e.g.
  // an empty channels.list) fails the account; any other error (invalid or truncated JSON) is
  // retried like a transient failure.
  virtual Result<CallOutcome> on_response(const HttpResponse& response) = 0;
  // A kNotFound/kPermanent failure of the last call: return true when the crawl can go on
  // without it (e.g. comments disabled on one video); false fails the account.
  virtual bool absorb_failure(const HttpResponse& /*response*/) { return false; }
  // A kNotFound/kPermanent failure that is itself the answer (a recheck's 404 for a deleted
  // post): the outcome makes the engine keep the response like a 2xx one; nullopt: not an
  // answer (absorb_failure() is asked next).
  virtual std::optional<CallOutcome> answer_failure(const HttpResponse& /*response*/) {
    return std::nullopt;
  }
  // The task failed for good (`reason`, free of secrets) at wall time `now`: records to write
  // for what it was asked and could not answer (a recheck batch's "unknown" statuses).
  virtual std::vector<std::string> unanswered(std::string_view /*reason*/, EpochMillis /*now*/) {
    return {};
  }
  // Progress to persist (see CallOutcome::checkpoint) and, when next_call() returned nullopt,
  // the final state of the run.
  virtual const AccountState& state() const = 0;
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual std::string_view platform() const = 0;
  // The name raw records carry in "adapter" (usually the platform).
  virtual std::string_view name() const { return platform(); }
  virtual std::string default_base_url() const = 0;
  virtual AuthSpec auth() const = 0;
  virtual RateSpec default_rate() const = 0;
  // A task for `account` starting from `state` (a copy the task updates).
  virtual std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                             const TaskConfig& config) = 0;
  // Classifies a non-2xx response. The default: 401 kAuth; 404/410 kNotFound; 429 kRateLimited;
  // 408/425/5xx kRetry; other 4xx kPermanent.
  virtual Failure classify(const HttpResponse& response) const;
  // Requests and quota units one account needs this run, for --dry-run, assuming
  // `pages` listing pages.
  virtual std::pair<int64_t, int64_t> estimate(const Account& account, const AccountState& state,
                                               const TaskConfig& config, int64_t pages) const;
  // Why this adapter cannot run at all (missing configuration, e.g. Instagram's own business
  // account id), or "" when it can. The engine then fetches none of the platform's accounts.
  virtual std::string unusable_reason() const { return {}; }
  // How long to hold back requests after this response although it was not refused, when the
  // platform announces that a limit is close (Graph's X-App-Usage); nullopt: no need.
  virtual std::optional<int64_t> usage_pause_ms(const HttpResponse& /*response*/) const {
    return std::nullopt;
  }
};

Failure classify_by_status(int status);

// The adapters this build knows, one per platform.
std::vector<std::unique_ptr<Adapter>> make_adapters();
std::unique_ptr<Adapter> make_youtube_adapter();
std::unique_ptr<Adapter> make_mastodon_adapter();
std::unique_ptr<Adapter> make_bluesky_adapter();
std::unique_ptr<Adapter> make_x_adapter();
std::unique_ptr<Adapter> make_telegram_adapter();
std::unique_ptr<Adapter> make_facebook_adapter();
// PANTAU_INSTAGRAM_USER_ID from the environment, or the id given.
std::unique_ptr<Adapter> make_instagram_adapter();
std::unique_ptr<Adapter> make_instagram_adapter(std::string ig_user_id);
std::unique_ptr<Adapter> make_tiktok_adapter();

// An external collector run once per account (command_adapter.cpp).
struct CollectorSpec {
  std::string platform;           // the platform whose accounts it collects
  std::vector<std::string> argv;  // template; {url} {handle} {id} {key} are substituted
  std::string version;            // first line of "<argv[0]> --version", for provenance
};
std::unique_ptr<Adapter> make_command_adapter(CollectorSpec spec);

// Helpers for adapters.

// "since,until" of the config, stored with a cursor so a resumed run uses the same window.
std::string window_of(const TaskConfig& config);
// Prepares `state` for a run: keeps the cursor of an unfinished run with the same window,
// else clears it. Returns true when resuming.
bool begin_run(AccountState* state, const TaskConfig& config);
// Notes an item of this run: the newest time seen so far and every id at that time.
void note_run_top(AccountState* state, std::string_view id, EpochMillis time);
// Ends a run that reached its floor or the end of the list: moves the high-water mark up to the
// run's newest item (unless --until bounded the run) and clears the cursor.
void finish_run(AccountState* state, const TaskConfig& config);
// Goes on to the next listing page of an unfinished run: saves `next_cursor` as the point a
// rerun resumes from (at page *page), counts *page on, and returns true when this run has
// fetched its --max-pages (`pages_done`) and must stop there.
bool continue_run(AccountState* state, const TaskConfig& config, std::string next_cursor,
                  int64_t* page, int64_t pages_done);
// Where an item of a listing page stands in this run: wanted; already seen (at or below the
// high-water mark, or older than --since), which also means paging can stop after this page;
// or newer than --until (skipped, paging goes on).
enum class ItemPlace { kWanted, kSeen, kTooNew };
ItemPlace place_item(const AccountState& state, const TaskConfig& config, std::string_view id,
                     EpochMillis time);
// Parses an RFC 3339 time in a JSON body; 0 when absent or malformed.
EpochMillis parse_time_or_zero(std::string_view s);

}  // namespace pantau::fetch
