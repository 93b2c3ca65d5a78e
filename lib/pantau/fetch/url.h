// URLs as fetch-accounts needs them: split into parts, query parameters read and built with
// percent-encoding, and a canonical form (sorted query) that does not depend on the order in
// which an adapter happened to add parameters. ASCII-only rules; no locale, no <cctype>.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pantau::fetch {

using QueryParams = std::vector<std::pair<std::string, std::string>>;  // decoded name, value

struct Url {
  std::string scheme;  // lowercase: "https"
  std::string host;    // lowercase, without brackets for IPv6
  std::string port;    // "" when not given
  std::string path;    // as written, "/" when empty
  std::string query;   // raw, without '?'
  std::string fragment;
};

// Parses an absolute URL "scheme://host[:port][/path][?query][#fragment]". A text without
// "scheme://" is parsed as "https://" + text, so "youtube.com/@x" works. Returns false when
// there is no host.
bool parse_url(std::string_view text, Url* out);

// Percent-encodes everything except RFC 3986 unreserved characters.
std::string percent_encode(std::string_view s);
// Decodes %XX escapes (invalid escapes are kept as written) and, when `plus_is_space`, '+'.
std::string percent_decode(std::string_view s, bool plus_is_space = true);

// Splits "a=1&b=%20" into decoded pairs (empty names are dropped).
QueryParams parse_query(std::string_view query);
// Builds "a=1&b=%20" from pairs, in the order given.
std::string build_query(const QueryParams& params);
// The value of the first parameter called `name`, or "" (and *found = false).
std::string query_value(std::string_view query, std::string_view name, bool* found = nullptr);

// "scheme://host[:port]" of a parsed URL.
std::string origin_of(const Url& u);

// True for 127.0.0.0/8, ::1 and "localhost": the only hosts plain http may be used with.
bool is_loopback_host(std::string_view host);

// ASCII lowercase copy (URLs, header names, handles of case-insensitive platforms).
std::string ascii_lower(std::string_view s);
// Strips ASCII spaces, tabs, CR and LF on both sides.
std::string_view trim(std::string_view s);

}  // namespace pantau::fetch
