// RFC 3161 trusted timestamps over a run manifest's SHA-256 (run_manifest.h), with OpenSSL's TS
// API: a TimeStampReq is POSTed to a time-stamping authority (application/timestamp-query), and
// its TimeStampResp, kept verbatim (DER) beside the manifest, proves that the manifest existed at
// the time the authority signed. `openssl ts -verify -in M.tsr -data M.json -CAfile CA.pem`
// checks the same thing (docs/fetch.md, "Trusted time").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pantau/fetch/http.h"
#include "pantau/result.h"

namespace pantau::fetch {

// What a timestamp token says.
struct TokenInfo {
  std::string gen_time;  // RFC 3339 UTC, as the authority signed it
  std::string serial;    // the token's serial number, hex
  std::string policy;    // the authority's policy OID
  std::string digest;    // the message imprint (SHA-256, hex)
};

// A DER TimeStampReq for a SHA-256 digest (64 hex digits): a random nonce, the signer's
// certificate asked for (so the token carries it and a CA certificate suffices to verify).
Result<std::string> make_timestamp_request(std::string_view sha256_hex);

// Checks a reply to `request_der`: granted, over the request's digest, with its nonce. The
// signature is not checked here (the authority's CA may not be known yet); verify_timestamp does.
Result<TokenInfo> check_timestamp_reply(std::string_view reply_der, std::string_view request_der);

// Verifies a kept reply against the digest of the bytes it should cover: the imprint, and, when
// `ca_file` is given, the signature and the signer's certificate chain up to a CA in that PEM
// file (with the timeStamping extended key usage). Errors say which check failed.
Result<TokenInfo> verify_timestamp(std::string_view reply_der, std::string_view sha256_hex,
                                   const std::string& ca_file);

// POSTs `request_der` to the authority at `url` through `transport` and returns the reply's
// body. `url` may carry user:password (basic authentication); errors never show it.
Result<std::string> request_timestamp(Transport& transport, const std::string& url,
                                      std::string request_der, int64_t timeout_ms);

}  // namespace pantau::fetch
