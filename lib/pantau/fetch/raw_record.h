// The "raw" record fetch-accounts writes for every HTTP response it keeps (pantau-records(5)).
// Its "error" records are records/error_record.h's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/fetch/account.h"
#include "pantau/fetch/http.h"
#include "pantau/time.h"

namespace pantau::fetch {

struct RawRecordInfo {
  std::string_view platform;
  std::string_view adapter;
  std::string_view endpoint;
  std::string_view request_url;  // REQUIRES: already redacted
  const HttpResponse* response = nullptr;
  EpochMillis fetched_at = 0;
  std::string_view tool;  // "pantau-fetch-accounts 0.1.0"
  const Account* account = nullptr;
  int64_t page = 1;
  std::string_view cursor;                 // "" for the first page (written as null)
  std::optional<int> status;               // overrides response->status (a collector's exit status)
  const Headers* extra_headers = nullptr;  // written after the kept response headers
};

// True for the response headers a raw record keeps: content type, date, paging (link) and
// rate-limit headers (x-ratelimit-*, ratelimit-*, x-rate-limit-*, retry-after).
bool is_kept_header(std::string_view lowercase_name);

// Appends one raw record (no newline). The body goes in verbatim as a JSON string when it is
// valid UTF-8, else base64 with "body_encoding":"base64"; sha256 is over the body bytes.
void append_raw_record(const RawRecordInfo& info, std::string* out);

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);

}  // namespace pantau::fetch
