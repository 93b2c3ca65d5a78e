// What the Facebook and Instagram adapters share about Meta's Graph API: its error bodies and
// the usage headers it sends instead of Retry-After.
//
// Errors come as {"error":{"message","type","code","error_subcode","is_transient",
// "fbtrace_id"}}, usually with HTTP 400 whatever the cause, so the code decides:
//   4, 17, 32, 613, 80001-80014 (application, user, page, per-call and business-use-case
//     throttling)                                                     -> kRateLimited
//   102, 190 (session or access token invalid, expired, revoked)      -> kAuth
//   100 with subcode 33, 803, 110/2207013 (Instagram: no such business
//     or creator account)                                             -> kNotFound
//   1, 2 and anything else marked is_transient                        -> kRetry
//   any other code (100 without subcode 33: missing permission, field
//     not on this node type, e.g. a personal profile)                 -> kPermanent
// A body that is not a Graph error falls back to classify_by_status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/http.h"

namespace pantau::fetch {

struct GraphError {
  int64_t code = 0;
  int64_t subcode = 0;
  bool transient = false;
  std::string message;
};

// The error of a Graph error body; nullopt when the body is not one.
std::optional<GraphError> parse_graph_error(const std::string& body);

// The Failure a Graph error response stands for (table above).
Failure classify_graph_response(const HttpResponse& response);

// How long to hold back requests after a response whose usage headers say the application
// (X-App-Usage, X-Page-Usage: {"call_count":N,"total_cputime":N,"total_time":N}, percentages of
// the rolling one-hour allowance) or a business use case (X-Business-Use-Case-Usage:
// {"<id>":[{..., "estimated_time_to_regain_access":MINUTES}]}) is nearly used up: the estimated
// time to regain access when Graph gives one, else kGraphUsagePauseMs once any percentage
// reaches kGraphUsageHighPercent. nullopt when there is no such header or usage is lower.
inline constexpr int64_t kGraphUsageHighPercent = 95;
inline constexpr int64_t kGraphUsagePauseMs = 5 * 60 * 1000;
std::optional<int64_t> graph_usage_wait_ms(const HttpResponse& response);

}  // namespace pantau::fetch
