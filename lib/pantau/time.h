// Time in pantau: instants are int64 milliseconds since the Unix epoch (UTC). Records carry them
// as RFC 3339 UTC strings ("2024-02-11T03:00:00Z", with ".123" only when there are milliseconds).
// Everything here is locale- and time-zone-independent (no tzset, no strptime).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pantau/result.h"

namespace pantau {

using EpochMillis = int64_t;

struct CivilTime {
  int year = 1970, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0, millis = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's algorithms).
int64_t days_from_civil(int year, int month, int day);
CivilTime civil_from_millis(EpochMillis t, int offset_seconds = 0);

// Parses an ISO 8601 / RFC 3339 date-time: "YYYY-MM-DD[T ]HH:MM[:SS[.frac]]" followed by "Z",
// "+HH:MM", "+HHMM" or "+HH" (Meta writes "+0000"), or by nothing, in which case
// `default_offset_seconds` applies (Telegram exports are in local time) and *had_zone is false.
// A date alone ("2024-02-14") means midnight.
Result<EpochMillis> parse_datetime(std::string_view s, int default_offset_seconds = 0,
                                   bool* had_zone = nullptr);

// Parses an HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, plus the obsolete RFC 850 and asctime forms).
Result<EpochMillis> parse_http_date(std::string_view s);

// Parses a zone offset "+07:00", "+0700", "+07", "Z", or "UTC+7" into seconds east of UTC.
Result<int> parse_utc_offset(std::string_view s);

// "2024-02-11T03:00:00Z", or "...:00.123Z" when t has milliseconds.
std::string format_rfc3339(EpochMillis t);
// The calendar date at the given offset: "2024-02-11".
std::string format_date(EpochMillis t, int offset_seconds = 0);

// Current wall-clock time (the one place pantau reads the clock; tests inject times instead).
EpochMillis now_millis();

}  // namespace pantau
