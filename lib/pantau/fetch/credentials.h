// Credentials: API keys and tokens per platform, from environment variables (several keys
// comma-separated for rotation, e.g. PANTAU_YOUTUBE_API_KEY=k1,k2) or a credentials file, never
// from command-line flags (they would show in `ps` and shell history).
//
// The file holds "NAME=secret[,secret...]" lines, NAME being a platform ("youtube") or the
// environment variable's name; '#' starts a comment. It is refused when group or others can read
// it. Secrets are never printed: messages name a credential as "youtube key #2", and state is
// keyed by a hash of the secret (Credential::id).
//
// OAuth client credentials (TikTok) are pairs: a client key and a client secret, from two
// variables (PANTAU_TIKTOK_CLIENT_KEY, PANTAU_TIKTOK_CLIENT_SECRET; several pairs comma-separated,
// matched by position) or the same two names in the file. The secret is Credential::secret, the
// key Credential::client_key; both are redacted wherever they could appear.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"

namespace pantau::fetch {

struct Credential {
  std::string secret;
  std::string client_key;  // OAuth client key paired with `secret` ("" for plain keys/tokens)
  std::string id;          // first 16 hex digits of SHA-256(secret): safe to store and show
  bool dead = false;       // rejected by the platform (401, invalid key)
  bool exhausted = false;  // quota used up for today
  int64_t units_used = 0;  // quota units used today (YouTube), loaded from state
};

class CredentialPool {
 public:
  // Reads a credentials file. Errors: cannot open, group/world-readable, malformed line (named
  // by line number, never by content).
  Status load_file(const std::string& path);
  // Adds the secrets in environment variable `var` for `platform`, unless the file gave some.
  void load_env(const std::string& platform, const std::string& var);
  // Adds secrets directly (tests, --replay placeholders).
  void add(const std::string& platform, std::string_view comma_separated);
  // Adds client key/secret pairs from variables `key_var` and `secret_var`, unless the file gave
  // some. Error: the two lists differ in length (named by variable, never by content).
  Status load_env_pairs(const std::string& platform, const std::string& key_var,
                        const std::string& secret_var);
  // Adds client key/secret pairs directly, matched by position (tests).
  Status add_pairs(const std::string& platform, std::string_view keys, std::string_view secrets);

  bool has(const std::string& platform) const;
  // Index of the credential to use for `platform`: the first neither dead nor exhausted, -1 when
  // none is left.
  int current(const std::string& platform) const;
  Credential& at(const std::string& platform, int index);
  size_t count(const std::string& platform) const;

  // Every secret and client key, for redact_known().
  std::vector<std::string> all_secrets() const;

 private:
  std::map<std::string, std::vector<Credential>> by_platform_;
  std::map<std::string, bool> from_file_;
};

}  // namespace pantau::fetch
