// ErrorRecord: the "error" record of pantau-records(5) (ERROR RECORDS), written by
// fetch-accounts and normalize for each failure and read by report, which lists them.
//
// One field table (kErrorFields), one writer (append_error_record) and one parser
// (parse_error_record).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/records/account.h"
#include "pantau/result.h"
#include "pantau/time.h"

namespace pantau::records {

// The members of an error record after "kind", in the order they are written.
inline constexpr std::string_view kErrorFields[] = {
    "tool",    "stage",     "time",     "account", "platform", "http_status",
    "message", "retryable", "attempts", "input",   "line",
};

// What a writer knows about one failure. Unset optionals are written as null.
struct ErrorRecordOut {
  std::string_view tool;   // "pantau-fetch-accounts"
  std::string_view stage;  // registry, resolve, fetch, parse, hydrate, normalize, classify
  // Null from normalize, whose output depends on its input only, never on the clock.
  std::optional<EpochMillis> time;
  // The account, written whole; else `account_json`, an account object as read from the
  // input, copied verbatim; null when both are empty.
  const Account* account = nullptr;
  std::string_view account_json;
  std::string_view platform;  // "": null
  std::optional<int64_t> http_status;
  std::string_view message;  // REQUIRES: free of secrets
  bool retryable = false;
  std::optional<int64_t> attempts;
  std::optional<std::string_view> input;  // where the failing input was read
  std::optional<int64_t> line;
};

// Appends one error record (no newline).
void append_error_record(const ErrorRecordOut& e, std::string* out);

// An error record as read. Missing and null members are empty, or -1 for numbers and
// booleans.
struct ErrorRecord {
  std::string tool, stage, time;
  bool has_account = false;
  Account account;
  std::string platform;
  int64_t http_status = -1;
  std::string message;
  int retryable = -1;  // 1 true, 0 false, -1 unknown
  int64_t attempts = -1;
  std::string input;
  int64_t line = -1;
};

// Reads the members of an error record (or of a record that carries the same members) into
// *out. A member of the wrong type is an error naming it ("account: ..." for the account's).
Status parse_error_record(simdjson::dom::object rec, ErrorRecord* out);

}  // namespace pantau::records
