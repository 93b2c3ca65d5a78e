// Access tokens from OAuth 2.0 client credentials (RFC 6749 4.4), for APIs that want a
// short-lived bearer token bought with a client key and secret (AuthSpec::kClientCredentials:
// the TikTok Research API).
//
// The engine asks a TokenCache for a credential's token before each request. When there is none,
// or it is about to expire, one request fetches a new one (token_request) while the others on
// that credential wait; a 401 on an API call invalidates the token it used, so the call is tried
// once more with a fresh token before the credential is given up.
//
// Tokens live in memory only, for one run: never in the state database, raw or error records,
// --record directories or messages. The token exchange is marked HttpRequest::sensitive (its body
// holds the client secret, its response the token), so RecordingTransport never writes it, and
// the engine adds every token it receives to its redaction list.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/credentials.h"
#include "pantau/fetch/http.h"
#include "pantau/result.h"

namespace pantau::fetch {

struct AccessToken {
  std::string value;
  int64_t lifetime_ms = 0;  // expires_in
};

// The token exchange for `credential`: POST base_url + auth.token_path, form-encoded
// "<client_id_param>=KEY&client_secret=SECRET&grant_type=client_credentials", sensitive.
HttpRequest token_request(const AuthSpec& auth, std::string_view base_url,
                          const Credential& credential);

// Reads a 2xx token response {"access_token","expires_in","token_type"}. expires_in defaults to
// one hour when absent. Errors (no access_token: TikTok answers some failures with 200 and
// {"error":"invalid_client",...}) are the "error" member ("invalid_client") or a few words,
// never the body.
Result<AccessToken> parse_token_response(const HttpResponse& response);

// How a failed token exchange is handled: 429 kRateLimited; 408, 425 and 5xx kRetry; anything
// else (400 invalid_client, 401, a 2xx without a token) kAuth: the credential is rejected.
Failure classify_token_failure(const HttpResponse& response);

// The tokens of one platform's credentials (by CredentialPool index), with their expiry on the
// engine's steady clock. A token is renewed when less than kRefreshMarginMs (or half its
// lifetime, if shorter) is left.
class TokenCache {
 public:
  static constexpr int64_t kRefreshMarginMs = 5 * 60 * 1000;

  enum class Want {
    kUse,    // *token is valid: send it
    kFetch,  // none: the caller fetches one now and reports back with store() or fetch_failed()
    kWait,   // another request is fetching it: try again shortly
  };
  // What a request on credential `cred` at steady time `now` should do. On kUse, *token and
  // *generation (which names this token for invalidate()) are set.
  Want get(int cred, int64_t now, std::string* token, uint64_t* generation);
  void store(int cred, AccessToken token, int64_t now);
  void fetch_failed(int cred);
  // An API call made with token `generation` got 401: forget that token, unless it was replaced
  // already.
  void invalidate(int cred, uint64_t generation);

 private:
  struct Entry {
    std::string value;
    int64_t renew_at = 0;  // steady ms
    uint64_t generation = 0;
    bool fetching = false;
  };
  std::map<int, Entry> entries_;
};

}  // namespace pantau::fetch
