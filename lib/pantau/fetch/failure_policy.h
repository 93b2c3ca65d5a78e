// The fetch engine's failure policy: what to do when a request fails. A pure function of what
// happened (a transport failure, a response the adapter could not read, an HTTP status the
// adapter classified, a Retry-After) and of where the call stands (attempts so far, whether it
// used a credential, whether its token was already renewed). The engine carries the decision
// out (waits, budgets, credentials, error records, messages); keeping the decision apart lets
// it be tested without a socket, a clock or a sleep (tests/fetch/failure_policy_test.cpp).
//
//   transport failure     permanent (bad URL, TLS): the account fails; else retry (backoff)
//   unreadable 2xx body   "not found" from the adapter: the account fails; else retry (backoff)
//   429 / rate limited    retry after Retry-After (or the backoff), holding back the whole
//                         budget as long; a Retry-After longer than allowed stops the platform
//   5xx / transient       retry after Retry-After (holding back the budget) or the backoff; a
//                         Retry-After longer than allowed gives the account up (retryable)
//   401/403 / auth        client-credentials: once per call, a fresh token; else the credential
//                         is retired (the call moves to the next one; none left: the platform
//                         stops); without a credential the account fails
//   quota                 the credential's quota is used up: the next one; none left: stop
//   404 / permanent       the adapter may absorb it (e.g. comments turned off); else the
//                         account fails, not retryable
// A retry after the last allowed attempt gives the account up instead (retryable). Failures
// that are no fault of the call (auth, quota) do not count as an attempt.
// The token exchange of client-credentials auth has its own, shorter table: transport as
// above; 429/5xx retry after Retry-After without holding the budget; anything else retires
// the credential.
#pragma once

#include <cstdint>
#include <optional>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/retry.h"

namespace pantau::fetch {

struct FailureFacts {
  enum class What {
    kTransport,    // no HTTP response (timeout, connection refused, TLS)
    kBadResponse,  // a 2xx response the adapter could not read
    kHttp,         // a non-2xx response
  };
  What what = What::kHttp;
  bool permanent = false;              // kTransport: it will not go away by retrying
  bool not_found = false;              // kBadResponse: the adapter says the account does not exist
  Failure kind = Failure::kPermanent;  // kHttp: the adapter's (or the token endpoint's) reading
  std::optional<int64_t> retry_after_ms;  // the response's Retry-After, if any
  bool token_exchange = false;            // the request was a client-credentials token exchange
  bool has_credential = false;            // the request was made with a credential
  bool can_renew_token = false;  // client-credentials auth, no fresh token for this call yet
  int attempts = 0;              // attempts of this call, the failed one included
};

enum class FailureStep {
  kRetry,             // the same call again, after wait_ms (nullopt: the backoff)
  kFailAccount,       // this account fails (an error record); `retryable` for the next run
  kRenewToken,        // fetch a fresh access token, then the same call
  kRetireCredential,  // stop using the credential this run; the call moves to the next one
  // The credential's quota is used up; the call moves to the next one (none, or no credential
  // at all: the platform stops).
  kExhaustCredential,
  kStopPlatform,  // no request of the platform is worth making any more this run
  kAbsorbOrFail,  // the adapter may absorb the failure, else kFailAccount (not retryable)
};

// Why, for the message the engine writes.
enum class FailureCause {
  kAsReported,         // the failure's own reason
  kOutOfAttempts,      // "... after N attempts"
  kRetryAfterTooLong,  // a Retry-After beyond RetryPolicy::max_retry_after_ms
  kNoCredential,       // authentication required but the platform has no credential
  kNotFound,           // the account does not exist
};

struct FailureDecision {
  FailureStep step = FailureStep::kFailAccount;
  FailureCause cause = FailureCause::kAsReported;
  // kRetry: the wait; nullopt: the backoff. With kRetryAfterTooLong: the Retry-After.
  std::optional<int64_t> wait_ms;
  // Hold back every request on the call's budget: for pause_ms, or for the retry's wait
  // (pause_for_wait, also when that is the backoff).
  std::optional<int64_t> pause_ms;
  bool pause_for_wait = false;
  bool rate_wait = false;       // counts as a wait for the budget (EngineStats::rate_waits)
  bool retryable = false;       // kFailAccount: the next run should try the account again
  bool refund_attempt = false;  // the failed attempt does not count against the call
};

FailureDecision decide_failure(const FailureFacts& facts, const RetryPolicy& policy);

}  // namespace pantau::fetch
