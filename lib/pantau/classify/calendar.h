// Election calendars (rules/elections/<id>.toml): campaign period, quiet period and voting day
// as LOCAL dates, and the time zone of each region, so a post's UTC time can be placed in the
// election's phases as the local supervisor sees them (WIB UTC+7, WITA UTC+8, WIT UTC+9).
//
//   [election]
//   id = "pemilu-2024"
//   name = "Pemilihan Umum 2024"
//   time_zone = "+07:00"                      # default when the account has no region
//   campaign = { start = 2023-11-28, end = 2024-02-10 }
//   quiet = { start = 2024-02-11, end = 2024-02-13 }
//   voting_day = 2024-02-14
//   gazetteer = "gazetteer/pemilu-2024.toml"  # optional, relative to the rules directory
//   [time_zones.WITA]
//   offset = "+08:00"
//   regions = ["51", "52", ...]               # Kemendagri code prefixes
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"
#include "pantau/time.h"

namespace pantau::classify {

enum class Phase { kBeforeCampaign, kCampaign, kQuiet, kVotingDay, kAfterVoting, kUnknown };

std::string_view phase_name(Phase p);

struct ZoneRule {
  std::string name;                  // "WITA"
  int offset_seconds;                // 28800
  std::vector<std::string> regions;  // code prefixes: "52" matches "52.01" and "5201"
};

struct ElectionCalendar {
  std::string id;
  std::string name;
  std::string gazetteer;  // path relative to the rules directory, or empty
  std::string default_zone = "WIB";
  int default_offset_seconds = 7 * 3600;
  // Inclusive local dates as days since 1970-01-01.
  int64_t campaign_first = 0, campaign_last = 0;
  int64_t quiet_first = 0, quiet_last = 0;
  int64_t voting_day = 0;
  std::vector<ZoneRule> zones;

  // The zone of a region code ("52.01", "5201", "52"); the default zone when none matches.
  const ZoneRule* zone_for_region(std::string_view region) const;
  int offset_for_region(std::string_view region) const;
  std::string_view zone_name_for_region(std::string_view region) const;

  // The phase a post made at `t` falls in, at local offset `offset_seconds`.
  Phase phase_at(EpochMillis t, int offset_seconds) const;
};

// Parses a calendar; `name` is the file name used in errors ("NAME:LINE: message").
Result<ElectionCalendar> parse_calendar(std::string_view contents, const std::string& name);
Result<ElectionCalendar> load_calendar(const std::string& path);

// "+08:00" for 28800.
std::string format_offset(int offset_seconds);

}  // namespace pantau::classify
