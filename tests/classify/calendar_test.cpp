#include "pantau/classify/calendar.h"

#include <catch2/catch.hpp>

using namespace pantau::classify;

namespace {
const char* kCal = R"(
[election]
id = "pemilu-2024"
campaign = { start = 2023-11-28, end = 2024-02-10 }
quiet = { start = 2024-02-11, end = 2024-02-13 }
voting_day = 2024-02-14
[time_zones.WITA]
offset = "+08:00"
regions = ["51", "52"]
)";
pantau::EpochMillis t(const char* s) { return *pantau::parse_datetime(s); }
}  // namespace

TEST_CASE("phases are decided in local time", "[calendar]") {
  auto c = parse_calendar(kCal, "cal.toml");
  REQUIRE(c.ok());
  int wita = c->offset_for_region("52.01");
  CHECK(wita == 8 * 3600);
  CHECK(c->offset_for_region("31.71") == 7 * 3600);
  CHECK(c->zone_name_for_region("5201") == "WITA");
  // 2024-02-10T16:30Z is 23:30 WIB on the 10th (campaign) but 00:30 WITA on the 11th (quiet).
  CHECK(c->phase_at(t("2024-02-10T16:30:00Z"), 7 * 3600) == Phase::kCampaign);
  CHECK(c->phase_at(t("2024-02-10T16:30:00Z"), wita) == Phase::kQuiet);
  CHECK(c->phase_at(t("2024-02-14T02:00:00Z"), wita) == Phase::kVotingDay);
  CHECK(c->phase_at(t("2024-02-15T02:00:00Z"), wita) == Phase::kAfterVoting);
  CHECK(c->phase_at(t("2023-11-27T16:59:59Z"), 7 * 3600) == Phase::kBeforeCampaign);
  CHECK(c->phase_at(t("2023-11-27T17:00:00Z"), 7 * 3600) == Phase::kCampaign);
}

TEST_CASE("bad calendars name file and line", "[calendar]") {
  auto r = parse_calendar("[election]\nid = \"x\"\ncampaign = { start = 2024-01-01 }\n", "e.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.rfind("e.toml:3: ", 0) == 0);
  auto s = parse_calendar("[election\n", "s.toml");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.rfind("s.toml:1: ", 0) == 0);
  auto k = parse_calendar("[election]\nid = \"x\"\nvoting = 2024-01-01\n", "k.toml");
  REQUIRE_FALSE(k.ok());
  CHECK(k.error().message.find("k.toml:3: unknown key \"voting\"") == 0);
}
