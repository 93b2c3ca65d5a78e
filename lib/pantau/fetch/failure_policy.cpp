#include "pantau/fetch/failure_policy.h"

namespace pantau::fetch {

namespace {

FailureDecision retry(std::optional<int64_t> wait) {
  FailureDecision d;
  d.step = FailureStep::kRetry;
  d.wait_ms = wait;
  return d;
}

FailureDecision fail(bool retryable, FailureCause cause = FailureCause::kAsReported) {
  FailureDecision d;
  d.step = FailureStep::kFailAccount;
  d.retryable = retryable;
  d.cause = cause;
  return d;
}

FailureDecision step(FailureStep s, bool refund) {
  FailureDecision d;
  d.step = s;
  d.refund_attempt = refund;
  return d;
}

FailureDecision decide(const FailureFacts& f, const RetryPolicy& policy) {
  using What = FailureFacts::What;
  if (f.what == What::kTransport) return f.permanent ? fail(false) : retry(std::nullopt);
  if (f.what == What::kBadResponse) {
    return f.not_found ? fail(false) : retry(std::nullopt);
  }
  const std::optional<int64_t> after = f.retry_after_ms;
  if (f.token_exchange) {
    if (f.kind == Failure::kRateLimited || f.kind == Failure::kRetry) return retry(after);
    return step(FailureStep::kRetireCredential, true);
  }
  switch (f.kind) {
    case Failure::kRateLimited: {
      if (after && *after > policy.max_retry_after_ms) {
        FailureDecision d = step(FailureStep::kStopPlatform, false);
        d.cause = FailureCause::kRetryAfterTooLong;
        d.pause_ms = *after;
        return d;
      }
      FailureDecision d = retry(after);
      d.pause_for_wait = true;
      d.rate_wait = true;
      return d;
    }
    case Failure::kRetry: {
      if (after && *after > policy.max_retry_after_ms) {
        FailureDecision d = fail(true, FailureCause::kRetryAfterTooLong);
        d.wait_ms = after;  // for the message
        return d;
      }
      FailureDecision d = retry(after);
      d.pause_ms = after;  // a 503 may carry Retry-After too
      return d;
    }
    case Failure::kAuth:
      // The token may have expired or been revoked early: once per call, try a fresh one
      // before the credential is given up.
      if (f.can_renew_token) return step(FailureStep::kRenewToken, true);
      if (!f.has_credential) {
        FailureDecision d = fail(false, FailureCause::kNoCredential);
        d.refund_attempt = true;
        return d;
      }
      return step(FailureStep::kRetireCredential, true);
    case Failure::kQuota:
      return step(FailureStep::kExhaustCredential, true);
    case Failure::kNotFound: {
      FailureDecision d = step(FailureStep::kAbsorbOrFail, false);
      d.cause = FailureCause::kNotFound;
      return d;
    }
    case Failure::kPermanent:
      return step(FailureStep::kAbsorbOrFail, false);
  }
  return fail(false);
}

}  // namespace

FailureDecision decide_failure(const FailureFacts& facts, const RetryPolicy& policy) {
  FailureDecision d = decide(facts, policy);
  // A retry after the last allowed attempt gives the account up; the next run tries again.
  if (d.step == FailureStep::kRetry && facts.attempts >= policy.max_attempts) {
    d.step = FailureStep::kFailAccount;
    d.cause = FailureCause::kOutOfAttempts;
    d.retryable = true;
  }
  return d;
}

}  // namespace pantau::fetch
