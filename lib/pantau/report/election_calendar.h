// The election calendars a report knows, to name the election stage a post falls in (Formulir
// Model A, part I: "Tahapan yang diawasi"). The dates are those of the shipped rule pack's
// rules/elections/*.toml (local dates; label_catalog_test-style cross-check in
// election_calendar_test.cpp), so a report needs no rules directory at run time.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "pantau/report/label_catalog.h"
#include "pantau/time.h"

namespace pantau::report {

struct ElectionCalendar {
  std::string_view id, name;  // "pemilu-2024", "Pemilu 2024"
  std::string_view campaign_first, campaign_last, quiet_first, quiet_last, voting_day;
};

enum class ElectionStage { kBeforeCampaign, kCampaign, kQuiet, kVotingDay, kAfterVoting };

// nullptr for an election the report does not know.
const ElectionCalendar* find_election(std::string_view id);

// The stage at instant `t` seen at `offset_seconds` (the account's local time); nullopt when a
// date of the calendar is malformed.
std::optional<ElectionStage> stage_at(const ElectionCalendar& c, EpochMillis t, int offset_seconds);

// "Masa tenang Pemilu 2024 (11–13 Februari 2024)" / "Quiet period of Pemilu 2024 (11–13 February
// 2024)": the stage with its window.
std::string describe_stage(const ElectionCalendar& c, ElectionStage s, Lang lang);

}  // namespace pantau::report
