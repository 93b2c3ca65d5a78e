#include "pantau/report/label_catalog.h"

#include <toml++/toml.h>
#include <catch2/catch.hpp>

#include "pantau/report/election_calendar.h"
#include "pantau/report/region_zone.h"

#include <sstream>

using namespace pantau::report;

TEST_CASE("every label id of the records page is in the catalog", "[report][labels]") {
  for (const char* id :
       {"sara", "hate", "insult", "black_campaign", "hoax", "money_politics", "violence",
        "campaign", "quiet_period", "outside_schedule", "neutrality", "facility_misuse"}) {
    INFO(id);
    const LabelInfo* l = find_label(id);
    REQUIRE(l != nullptr);
    CHECK(!l->name_id.empty());
    CHECK(!l->name_en.empty());
    CHECK(label_rank(id) >= 0);
  }
  CHECK(label_rank("sara") < label_rank("facility_misuse"));
}

// The report names labels as the classifier's rule pack does; its catalog is the fallback for
// records without names and must not drift from the pack (it once said "Ujaran SARA" where the
// pack said "Penghinaan SARA").
TEST_CASE("the catalog's label names are the shipped rule pack's", "[report][labels]") {
  toml::table pack = toml::parse_file(PANTAU_SOURCE_RULES_DIR "/pack.toml");
  const toml::table* labels = pack["labels"].as_table();
  REQUIRE(labels != nullptr);
  size_t n = 0;
  for (const auto& [id, node] : *labels) {
    INFO(id.str());
    const LabelInfo* l = find_label(id.str());
    REQUIRE(l != nullptr);
    CHECK(l->name_id == node.as_table()->get("name_id")->value_or(std::string_view()));
    CHECK(l->name_en == node.as_table()->get("name_en")->value_or(std::string_view()));
    ++n;
  }
  CHECK(n == 12);
}

TEST_CASE("campaign content is not a finding; unknown labels are", "[report][labels]") {
  CHECK_FALSE(is_violation("campaign"));
  CHECK(is_violation("money_politics"));
  CHECK(is_violation("some_new_label"));
  CHECK(find_label("some_new_label") == nullptr);
  CHECK(label_name("some_new_label", Lang::kId) == "some_new_label");
  CHECK(label_color("some_new_label") == "#878787");
}

TEST_CASE("labels belong to their report sections", "[report][labels]") {
  CHECK(section_of("quiet_period") == Section::kQuietPeriod);
  CHECK(section_of("outside_schedule") == Section::kQuietPeriod);
  CHECK(section_of("neutrality") == Section::kNeutrality);
  CHECK(section_of("facility_misuse") == Section::kNeutrality);
  CHECK(section_of("hoax") == Section::kNone);
  CHECK(label_name("money_politics", Lang::kId) == "Politik uang");
  CHECK(label_name("money_politics", Lang::kEn) == "Money politics");
}

TEST_CASE("region codes give Indonesia's time zones", "[report][zone]") {
  CHECK(utc_offset_of_region("52.01") == 8 * 3600);  // NTB, Lombok: WITA
  CHECK(utc_offset_of_region("52") == 8 * 3600);
  CHECK(utc_offset_of_region("31.71.01.1001") == 7 * 3600);  // Jakarta: WIB
  CHECK(utc_offset_of_region("62.01") == 7 * 3600);          // Central Kalimantan: WIB
  CHECK(utc_offset_of_region("64.72") == 8 * 3600);          // East Kalimantan: WITA
  CHECK(utc_offset_of_region("94.01") == 9 * 3600);          // Papua Tengah: WIT
  CHECK_FALSE(utc_offset_of_region(""));
  CHECK_FALSE(utc_offset_of_region("5"));
  CHECK_FALSE(utc_offset_of_region("52x"));
  CHECK_FALSE(utc_offset_of_region("99.01"));
  CHECK_FALSE(utc_offset_of_region("ab.01"));
  CHECK(zone_abbreviation(8 * 3600) == "WITA");
  CHECK(zone_abbreviation(3600) == "");
  CHECK(format_utc_offset(8 * 3600) == "+08:00");
  CHECK(format_utc_offset(-12600) == "-03:30");
  CHECK(format_utc_offset(0) == "+00:00");
}

// The report's election calendars are the shipped rule pack's (rules/elections/*.toml).
TEST_CASE("the report's election calendars are the rule pack's", "[report][calendar]") {
  for (const char* id : {"pemilu-2024", "pilkada-2024"}) {
    INFO(id);
    toml::table t =
        toml::parse_file(std::string(PANTAU_SOURCE_RULES_DIR "/elections/") + id + ".toml");
    const ElectionCalendar* c = find_election(id);
    REQUIRE(c != nullptr);
    auto date = [&](const char* table, const char* key) {
      std::ostringstream s;
      s << *t["election"][table][key].as_date();
      return s.str();
    };
    CHECK(c->campaign_first == date("campaign", "start"));
    CHECK(c->campaign_last == date("campaign", "end"));
    CHECK(c->quiet_first == date("quiet", "start"));
    CHECK(c->quiet_last == date("quiet", "end"));
    std::ostringstream vd;
    vd << *t["election"]["voting_day"].as_date();
    CHECK(c->voting_day == vd.str());
  }
}
