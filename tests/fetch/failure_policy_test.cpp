// decide_failure(): the engine's failure -> action table, with no socket, clock or sleep.
#include "pantau/fetch/failure_policy.h"

#include <catch2/catch.hpp>

using namespace pantau::fetch;
using What = FailureFacts::What;

namespace {

FailureFacts http(Failure kind, int attempts = 1, std::optional<int64_t> after = std::nullopt) {
  FailureFacts f;
  f.what = What::kHttp;
  f.kind = kind;
  f.attempts = attempts;
  f.retry_after_ms = after;
  f.has_credential = true;
  return f;
}

const RetryPolicy kPolicy{};  // 5 attempts, Retry-After up to 15 minutes

}  // namespace

TEST_CASE("failure policy: transient failures retry, permanent ones fail the account",
          "[failure_policy]") {
  FailureFacts f;
  f.what = What::kTransport;  // a timeout
  f.attempts = 1;
  FailureDecision d = decide_failure(f, kPolicy);
  CHECK(d.step == FailureStep::kRetry);
  CHECK_FALSE(d.wait_ms);  // the backoff
  CHECK_FALSE(d.pause_ms);
  f.permanent = true;  // a bad certificate does not heal by retrying
  d = decide_failure(f, kPolicy);
  CHECK(d.step == FailureStep::kFailAccount);
  CHECK_FALSE(d.retryable);

  FailureFacts bad;
  bad.what = What::kBadResponse;
  bad.attempts = 2;
  CHECK(decide_failure(bad, kPolicy).step == FailureStep::kRetry);
  bad.not_found = true;
  d = decide_failure(bad, kPolicy);
  CHECK(d.step == FailureStep::kFailAccount);
  CHECK_FALSE(d.retryable);
}

TEST_CASE("failure policy: the last attempt gives the account up for the next run",
          "[failure_policy]") {
  FailureDecision d = decide_failure(http(Failure::kRetry, 4), kPolicy);
  CHECK(d.step == FailureStep::kRetry);
  d = decide_failure(http(Failure::kRetry, 5), kPolicy);
  CHECK(d.step == FailureStep::kFailAccount);
  CHECK(d.cause == FailureCause::kOutOfAttempts);
  CHECK(d.retryable);
  FailureFacts t;
  t.what = What::kTransport;
  t.attempts = 5;
  CHECK(decide_failure(t, kPolicy).cause == FailureCause::kOutOfAttempts);
}

TEST_CASE("failure policy: 429 waits for Retry-After and holds back the whole budget",
          "[failure_policy]") {
  FailureDecision d = decide_failure(http(Failure::kRateLimited, 1, 30000), kPolicy);
  CHECK(d.step == FailureStep::kRetry);
  CHECK(d.wait_ms == 30000);
  CHECK(d.pause_for_wait);
  CHECK(d.rate_wait);
  d = decide_failure(http(Failure::kRateLimited, 1), kPolicy);  // no Retry-After: the backoff
  CHECK(d.step == FailureStep::kRetry);
  CHECK_FALSE(d.wait_ms);
  CHECK(d.pause_for_wait);
  // Out of attempts: the wait still holds the budget back for the other accounts.
  d = decide_failure(http(Failure::kRateLimited, 5, 1000), kPolicy);
  CHECK(d.step == FailureStep::kFailAccount);
  CHECK(d.pause_for_wait);
  CHECK(d.retryable);
  // Longer than the longest wait allowed: every account of the platform would wait as long.
  d = decide_failure(http(Failure::kRateLimited, 1, kPolicy.max_retry_after_ms + 1), kPolicy);
  CHECK(d.step == FailureStep::kStopPlatform);
  CHECK(d.cause == FailureCause::kRetryAfterTooLong);
  CHECK(d.pause_ms == kPolicy.max_retry_after_ms + 1);
}

TEST_CASE("failure policy: 5xx retries; a Retry-After too long gives the account up",
          "[failure_policy]") {
  FailureDecision d = decide_failure(http(Failure::kRetry, 1), kPolicy);
  CHECK(d.step == FailureStep::kRetry);
  CHECK_FALSE(d.pause_ms);
  CHECK_FALSE(d.rate_wait);
  d = decide_failure(http(Failure::kRetry, 1, 2000), kPolicy);  // 503 with Retry-After
  CHECK(d.wait_ms == 2000);
  CHECK(d.pause_ms == 2000);
  CHECK_FALSE(d.pause_for_wait);
  d = decide_failure(http(Failure::kRetry, 1, kPolicy.max_retry_after_ms + 1), kPolicy);
  CHECK(d.step == FailureStep::kFailAccount);
  CHECK(d.cause == FailureCause::kRetryAfterTooLong);
  CHECK(d.retryable);
  CHECK(d.wait_ms == kPolicy.max_retry_after_ms + 1);
}

TEST_CASE("failure policy: 401/403 renews the token once, then retires the credential",
          "[failure_policy]") {
  FailureFacts f = http(Failure::kAuth);
  f.can_renew_token = true;
  FailureDecision d = decide_failure(f, kPolicy);
  CHECK(d.step == FailureStep::kRenewToken);
  CHECK(d.refund_attempt);
  f.can_renew_token = false;
  d = decide_failure(f, kPolicy);
  CHECK(d.step == FailureStep::kRetireCredential);
  CHECK(d.refund_attempt);   // the next credential gets a fresh try
  f.has_credential = false;  // a platform that needs none said it does
  d = decide_failure(f, kPolicy);
  CHECK(d.step == FailureStep::kFailAccount);
  CHECK(d.cause == FailureCause::kNoCredential);
  CHECK_FALSE(d.retryable);
  // Even at the last attempt, a rejected key is not the account's fault.
  CHECK(decide_failure(http(Failure::kAuth, 5), kPolicy).step == FailureStep::kRetireCredential);
}

TEST_CASE("failure policy: quota moves to the next key; 404 and 4xx fail the account",
          "[failure_policy]") {
  FailureDecision d = decide_failure(http(Failure::kQuota, 5), kPolicy);
  CHECK(d.step == FailureStep::kExhaustCredential);
  CHECK(d.refund_attempt);
  d = decide_failure(http(Failure::kNotFound), kPolicy);
  CHECK(d.step == FailureStep::kAbsorbOrFail);
  CHECK(d.cause == FailureCause::kNotFound);
  d = decide_failure(http(Failure::kPermanent), kPolicy);
  CHECK(d.step == FailureStep::kAbsorbOrFail);
  CHECK(d.cause == FailureCause::kAsReported);
}

TEST_CASE("failure policy: a token exchange retries 429/5xx and otherwise retires the key",
          "[failure_policy]") {
  FailureFacts f = http(Failure::kRateLimited, 1, kPolicy.max_retry_after_ms + 1);
  f.token_exchange = true;
  FailureDecision d = decide_failure(f, kPolicy);
  CHECK(d.step == FailureStep::kRetry);  // no limit on the wait, no budget held
  CHECK(d.wait_ms == kPolicy.max_retry_after_ms + 1);
  CHECK_FALSE(d.pause_ms);
  CHECK_FALSE(d.pause_for_wait);
  f.kind = Failure::kRetry;
  f.attempts = 5;
  CHECK(decide_failure(f, kPolicy).cause == FailureCause::kOutOfAttempts);
  f.kind = Failure::kAuth;
  d = decide_failure(f, kPolicy);
  CHECK(d.step == FailureStep::kRetireCredential);
  CHECK(d.refund_attempt);
}
