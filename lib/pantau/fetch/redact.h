// Keeping secrets out of everything pantau writes. Raw records, error records, replay files and
// diagnostics carry URLs and messages; these helpers replace secrets by "REDACTED" first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pantau::fetch {

inline constexpr std::string_view kRedacted = "REDACTED";

// True for query parameter names that carry credentials (key, api_key, access_token, token,
// client_secret, sig, signature, appsecret_proof, password, ...), compared ignoring case.
bool is_secret_param(std::string_view name);

// The URL with the value of every secret query parameter replaced by REDACTED. Everything else,
// including parameter order and encoding, is kept as written.
std::string redact_url(std::string_view url);

// The values of the secret query parameters of `url`, each as written and, when different,
// percent-decoded: what to look for in a response body that echoes the URL.
std::vector<std::string> secrets_in_url(std::string_view url);

// Replaces every occurrence of each non-empty secret in `text` (error messages, collector
// command lines) by REDACTED.
std::string redact_known(std::string_view text, const std::vector<std::string>& secrets);

}  // namespace pantau::fetch
