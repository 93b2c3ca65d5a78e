#include "pantau/fetch/access_token.h"

#include <simdjson.h>

#include <algorithm>
#include <utility>

#include "pantau/fetch/url.h"

namespace pantau::fetch {

HttpRequest token_request(const AuthSpec& auth, std::string_view base_url,
                          const Credential& credential) {
  HttpRequest req;
  req.method = "POST";
  req.url = std::string(base_url) + auth.token_path;
  req.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  req.headers.emplace_back("cache-control", "no-cache");
  const std::string id_param = auth.client_id_param.empty() ? "client_id" : auth.client_id_param;
  req.body = build_query({{id_param, credential.client_key},
                          {"client_secret", credential.secret},
                          {"grant_type", "client_credentials"}});
  req.sensitive = true;
  return req;
}

Result<AccessToken> parse_token_response(const HttpResponse& response) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(response.body).get(doc)) {
    return Error::invalid("token response is not JSON");
  }
  std::string_view value;
  if (doc["access_token"].get_string().get(value) || value.empty()) {
    std::string_view error;
    // The "error" member is an RFC 6749 code ("invalid_client"), never a secret; it is bounded
    // in case a server puts something else there.
    if (doc["error"].get_string().get(error)) return Error::invalid("no access_token in response");
    return Error::invalid(std::string(error.substr(0, 64)));
  }
  AccessToken token;
  token.value = std::string(value);
  int64_t seconds = 3600;
  if (int64_t s = 0; !doc["expires_in"].get_int64().get(s) && s > 0) seconds = s;
  token.lifetime_ms = seconds * 1000;
  return token;
}

Failure classify_token_failure(const HttpResponse& response) {
  const int status = response.status;
  if (status == 429) return Failure::kRateLimited;
  if (status == 408 || status == 425 || status >= 500) return Failure::kRetry;
  return Failure::kAuth;
}

TokenCache::Want TokenCache::get(int cred, int64_t now, std::string* token, uint64_t* generation) {
  Entry& e = entries_[cred];
  if (!e.value.empty() && now < e.renew_at) {
    *token = e.value;
    *generation = e.generation;
    return Want::kUse;
  }
  if (e.fetching) return Want::kWait;
  e.fetching = true;
  return Want::kFetch;
}

void TokenCache::store(int cred, AccessToken token, int64_t now) {
  Entry& e = entries_[cred];
  // Renew kRefreshMarginMs before expiry; a token that lives shorter than twice the margin is
  // renewed at half its life rather than at once (which would fetch tokens in a loop).
  const int64_t margin = std::min(kRefreshMarginMs, token.lifetime_ms / 2);
  e.renew_at = now + token.lifetime_ms - margin;
  e.value = std::move(token.value);
  e.generation++;
  e.fetching = false;
}

void TokenCache::fetch_failed(int cred) { entries_[cred].fetching = false; }

void TokenCache::invalidate(int cred, uint64_t generation) {
  Entry& e = entries_[cred];
  if (e.generation == generation) {
    e.value.clear();
    e.renew_at = 0;
  }
}

}  // namespace pantau::fetch
