#include "pantau/report/election_calendar.h"

#include <string>

#include "pantau/report/report_state.h"
#include "pantau/report/report_strings.h"

namespace pantau::report {
namespace {

constexpr ElectionCalendar kElections[] = {
    {"pemilu-2024", "Pemilu 2024", "2023-11-28", "2024-02-10", "2024-02-11", "2024-02-13",
     "2024-02-14"},
    {"pilkada-2024", "Pilkada 2024", "2024-09-25", "2024-11-23", "2024-11-24", "2024-11-26",
     "2024-11-27"},
};

int32_t day(std::string_view s) { return parse_day(s).value_or(kNoDay); }

}  // namespace

const ElectionCalendar* find_election(std::string_view id) {
  for (const auto& e : kElections) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::optional<ElectionStage> stage_at(const ElectionCalendar& c, EpochMillis t,
                                      int offset_seconds) {
  const int32_t d = local_day(t, offset_seconds);
  const int32_t cf = day(c.campaign_first), qf = day(c.quiet_first), ql = day(c.quiet_last),
                vd = day(c.voting_day);
  if (d == kNoDay || cf == kNoDay || qf == kNoDay || ql == kNoDay || vd == kNoDay) {
    return std::nullopt;
  }
  if (d < cf) return ElectionStage::kBeforeCampaign;
  if (d < qf) return ElectionStage::kCampaign;
  if (d <= ql) return ElectionStage::kQuiet;
  if (d == vd) return ElectionStage::kVotingDay;
  return d < vd ? ElectionStage::kQuiet : ElectionStage::kAfterVoting;
}

std::string describe_stage(const ElectionCalendar& c, ElectionStage s, Lang lang) {
  const Strings& t = strings(lang);
  std::string_view name;
  std::string window;
  switch (s) {
    case ElectionStage::kBeforeCampaign:
      name = t.stage_before_campaign;
      window = format_day_range(day(c.campaign_first), day(c.campaign_last), lang);
      break;
    case ElectionStage::kCampaign:
      name = t.stage_campaign;
      window = format_day_range(day(c.campaign_first), day(c.campaign_last), lang);
      break;
    case ElectionStage::kQuiet:
      name = t.stage_quiet;
      window = format_day_range(day(c.quiet_first), day(c.quiet_last), lang);
      break;
    case ElectionStage::kVotingDay:
      name = t.stage_voting_day;
      window = format_day_range(day(c.voting_day), day(c.voting_day), lang);
      break;
    case ElectionStage::kAfterVoting:
      name = t.stage_after_voting;
      window = format_day_range(day(c.voting_day), day(c.voting_day), lang);
      break;
  }
  return std::string(name) + " " + std::string(c.name) + " (" + window + ")";
}

}  // namespace pantau::report
