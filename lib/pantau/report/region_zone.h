// Indonesia's three time zones by region code. Election calendars are in local time, so the
// report groups posts by the local day of the account's region: a post at 2024-02-10T17:00Z is
// already 11 February (the first day of the quiet period) in Lombok (WITA, UTC+8).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pantau::report {

// The UTC offset (seconds east) of a Kemendagri region code ("52", "52.01", "52.01.03.2001"),
// from its province part: WIB +7, WITA +8, WIT +9. std::nullopt for an unknown or malformed code.
std::optional<int> utc_offset_of_region(std::string_view region);

// "WIB", "WITA", "WIT" for +7/+8/+9 hours, "UTC" for 0, else "" (callers print the offset).
std::string_view zone_abbreviation(int offset_seconds);

// "+08:00", "-03:30", "+00:00".
std::string format_utc_offset(int offset_seconds);

}  // namespace pantau::report
